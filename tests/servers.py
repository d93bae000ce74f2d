"""Real servers for tests and benchmarks: a fresh instance served by gunicorn (or the dev server) on loopback."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Instance:
    """An instance folder and database, and the environment that points the CLI and servers at them."""

    path: Path
    database_url: str
    extra_env: dict

    @property
    def env(self) -> dict:
        return {**os.environ, "JIXIAO_INSTANCE_PATH": str(self.path), "DATABASE_URL": self.database_url,
                **self.extra_env}

    def cli(self, *args: str, check: bool = True, **kwargs) -> subprocess.CompletedProcess:
        """Run ``jixiao ARGS`` against this instance."""
        return subprocess.run([sys.executable, "-m", "portal.cli", *args], env=self.env, check=check,
                              capture_output=True, text=True, **kwargs)


def make_instance(tmp: Path, database_url: str, *, demo: bool = True, **extra_env: str) -> Instance:
    """``jixiao init`` (and ``jixiao demo``) on a new instance folder."""
    instance = Instance(tmp / "instance", database_url, dict(extra_env))
    instance.cli("init")
    if demo:
        instance.cli("demo")
    return instance


def clone_instance(template: tuple[Path, str], tmp: Path, **extra_env: str) -> Instance:
    """A demo instance in ``tmp`` made by copying the session's ``demo_template`` (instance folder and
    database, see ``tests.conftest.clone_database_url``): what :func:`make_instance` builds, without
    running ``jixiao demo`` again."""
    import shutil

    from tests.conftest import clone_database_url

    tmp.mkdir(parents=True, exist_ok=True)
    instance = Instance(tmp / "instance", "", dict(extra_env))
    shutil.copytree(template[0], instance.path)
    instance.database_url = clone_database_url(template[1], tmp)
    return instance


def wait_until_up(url: str, process: subprocess.Popen | None = None, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server exited with status {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"{url} did not answer within {timeout} s")


@contextlib.contextmanager
def serve(instance: Instance, *, workers: int = 2, gunicorn: bool = True, log: Path | None = None):
    """Serve ``instance`` on a free loopback port; yields (base URL, process). Stopped on exit."""
    port = free_port()
    if gunicorn:
        command = [sys.executable, "-m", "gunicorn", "-c", "python:portal.gunicorn_conf", "-w", str(workers),
                   "-b", f"127.0.0.1:{port}",
                   "--graceful-timeout", "5", "portal.wsgi:app"]
    else:
        command = [sys.executable, "-m", "portal.cli", "run", "--port", str(port), "--no-reload"]
    out = open(log or instance.path / f"server-{port}.log", "wb")  # noqa: SIM115 - closed below
    process = subprocess.Popen(command, env=instance.env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                               start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url + "/work/login", process)
        yield url, process
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(5)
        out.close()
