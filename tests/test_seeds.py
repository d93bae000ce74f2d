"""The seed documents are found in one place, ``../shared/seeds`` beside the repository; missing, a test using
them is skipped on a developer's machine and fails under CI."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests import conftest

PROBE = textwrap.dedent("""
    from tests.portal.files.samples import seed_text

    def test_uses_a_seed():
        assert "绩效" in seed_text("003")
""")


def _run_probe(tmp_path, seeds_dir, ci: str | None):
    """pytest in a child process on a test that reads seed 003, with the seeds folder pointed elsewhere."""
    probe = tmp_path / "test_probe_seed.py"
    probe.write_text(PROBE, encoding="utf-8")
    plugin = tmp_path / "point_seeds.py"
    plugin.write_text(f"import tests.conftest as c\nfrom pathlib import Path\nc.SEEDS_DIR = Path({str(seeds_dir)!r})\n")
    env = {k: v for k, v in __import__("os").environ.items() if k != "CI"}
    if ci is not None:
        env["CI"] = ci
    env["PYTHONPATH"] = f"{tmp_path}:{conftest.REPO_ROOT}"
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-rs", "-p", "point_seeds", "--rootdir",
                           str(conftest.REPO_ROOT), "-c", str(conftest.REPO_ROOT / "pyproject.toml"), str(probe)],
                          cwd=conftest.REPO_ROOT, env=env, capture_output=True, text=True, timeout=300)


def test_seeds_are_looked_up_beside_the_repository():
    assert conftest.SEEDS_DIR == conftest.REPO_ROOT.parent / "shared" / "seeds"
    assert (conftest.REPO_ROOT / "pyproject.toml").is_file()


def test_missing_seeds_skip_locally_and_fail_under_ci(tmp_path, seeds_dir):
    present = _run_probe(tmp_path, seeds_dir, ci="true")
    assert present.returncode == 0 and "1 passed" in present.stdout, present.stdout + present.stderr
    missing = tmp_path / "no-such-shared" / "seeds"
    local = _run_probe(tmp_path, missing, ci=None)
    assert local.returncode == 0 and "1 skipped" in local.stdout and "seed documents not found" in local.stdout, \
        local.stdout + local.stderr
    ci = _run_probe(tmp_path, missing, ci="true")
    assert ci.returncode == 1 and "1 failed" in ci.stdout and "seed documents not found" in ci.stdout, \
        ci.stdout + ci.stderr
