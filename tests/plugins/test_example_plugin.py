"""The tutorial's plugin (examples/jixiao-example-plugin) installed as an outsider would install it.

The package is built and installed with pip (no network, no dependencies) into a temporary folder,
and every step runs in child processes with that folder on ``PYTHONPATH``: ``jixiao init`` migrates its
own history, its CLI group works, ``jixiao plugins`` names it with its distribution and hooks, its page,
menu, dashboard panel and publisher work, the public site shows what was published — and
``JIXIAO_DISABLED_PLUGINS=notices`` switches it off.  The core never mentions it, and nothing of it
reaches the pytest process (its metadata, modules or entry point), so no other test sees it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from tests.conftest import fresh_database_url

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "jixiao-example-plugin"

pytestmark = pytest.mark.slow


@pytest.fixture
def installed(tmp_path):
    """The example package built and installed into ``tmp_path/site`` (from a copy: the checkout stays clean)."""
    source = tmp_path / "src"
    shutil.copytree(EXAMPLE, source, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__"))
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
                    "--no-index", "--disable-pip-version-check", "--target", str(site), str(source)],
                   check=True, capture_output=True, text=True, cwd=tmp_path)
    return site


def _env(tmp_path: Path, site: Path, database_url: str, **extra) -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in ("JIXIAO_DISABLED_PLUGINS", "DATABASE_URL", "JIXIAO_INSTANCE_PATH", "PYTHONPATH")}
    env.update(PYTHONPATH=os.pathsep.join([str(site), str(ROOT)]), DATABASE_URL=database_url,
               JIXIAO_INSTANCE_PATH=str(tmp_path / "instance"), **extra)
    return env


def _jixiao(env: dict, *args: str, ok: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "portal.cli", *args], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    if ok:
        assert done.returncode == 0, f"jixiao {' '.join(args)}:\n{done.stdout}\n{done.stderr}"
    return done


def _driver(env: dict, phase: str) -> dict:
    done = subprocess.run([sys.executable, "-m", "tests.plugins.example_plugin_driver", phase], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"{phase}:\n{done.stdout}\n{done.stderr}"
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_example_plugin_installs_migrates_works_and_switches_off(tmp_path, installed):
    assert (installed / "notices" / "migrations" / "versions" / "notices_0001_notices.py").exists()
    env = _env(tmp_path, installed, fresh_database_url(tmp_path))

    init = _jixiao(env, "init")
    assert "迁移数据库：notices" in init.stdout
    _driver(env, "world")

    listing = json.loads(_jixiao(env, "plugins", "--format", "json").stdout)
    notices = next(p for p in listing if p["name"] == "notices")
    assert notices["enabled"] is True
    assert (notices["distribution"], notices["version"]) == ("jixiao-example-plugin", "0.1.0")
    assert notices["module"] == "notices.plugin" and notices["file"].startswith(str(installed))
    assert notices["hooks"] == ["dashboard_panels", "nav_menu_items", "register_blueprints",
                                "register_commands", "register_publishers"]
    assert notices["migrations"].endswith("notices/migrations/versions")

    added = _jixiao(env, "notices", "add", "关于报送2024年度绩效自评的通知", "--year", "2024",
                    "--bureau", "阿克陶县财政局", "--body", "请各单位于3月20日前报送绩效自评表，联系电话13912345678。")
    assert "已添加通知公告 1" in added.stdout
    assert "关于报送2024年度绩效自评的通知" in _jixiao(env, "notices", "list", "--year", "2024").stdout
    refused = _jixiao(env, "notices", "add", "x", "--year", "2024", "--bureau", "没有这个局", ok=False)
    assert refused.returncode != 0 and "找不到财政局" in refused.stderr

    published = _jixiao(env, "publish", "notice", "notice:1", "--yes", "--redact-uncertain")
    assert "已发布：编号" in published.stdout and "电话" in published.stdout

    seen = _driver(env, "enabled")
    assert seen["post_status"] == 302
    assert "请填写标题" in seen["empty_title"]
    assert "关于开展2025年度绩效运行监控的通知" in seen["reviewer_page"]
    assert "关于开展2025年度绩效运行监控的通知" in seen["reviewer_publishing"]  # a candidate for 信息公开
    assert "通知公告" in seen["unit_dashboard"] and "2024年度 关于报送2024年度绩效自评的通知" in seen["unit_dashboard"]
    assert "关于报送2024年度绩效自评的通知" in seen["unit_page"] and not seen["unit_page_has_form"]
    rows = [p for p in seen["public_json"]["publications"] if p["kind"] == "notice"]
    assert [(r["title"], r["kind_label"], r["fiscal_year"]) for r in rows] == [
        ("关于报送2024年度绩效自评的通知", "通知公告", 2024)]
    assert "请各单位于3月20日前报送绩效自评表" in seen["public_page"]
    assert "13912345678" not in seen["public_page"] and "[电话]" in seen["public_page"]
    assert "通知公告" in seen["about"]

    off = _env(tmp_path, installed, env["DATABASE_URL"], JIXIAO_DISABLED_PLUGINS="notices")
    listing = json.loads(_jixiao(off, "plugins", "--format", "json").stdout)
    assert next(p for p in listing if p["name"] == "notices")["enabled"] is False
    gone = _jixiao(off, "notices", "list", ok=False)
    assert gone.returncode == 2 and "No such command 'notices'" in gone.stderr
    seen = _driver(off, "disabled")
    assert seen["page_status"] == 404 and "通知公告" not in seen["dashboard"]
    assert seen["public_status"] == 200  # what was published stays published: the snapshot is the public site's


def test_the_plugin_never_reached_this_process():
    assert "notices" not in {ep.name for ep in entry_points(group="jixiao.plugins")}
    assert not any(name == "notices" or name.startswith("notices.") for name in sys.modules)
    assert "notices_notices" not in __import__("portal").db.metadata.tables
