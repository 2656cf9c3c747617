"""Running `maillage` in a child process on its own SQLite file, as in production (not the test database)."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]


def maillage_env(var_dir: Path, **extra: str) -> dict[str, str]:
    """A clean environment for a child `maillage`: the parent's MAILLAGE_* and DATABASE_URL are dropped."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("MAILLAGE_", "DJANGO_")) and key != "DATABASE_URL"
    }
    env.update(
        PYTHONPATH=os.pathsep.join([str(REPO / "src"), str(REPO)]),
        MAILLAGE_VAR_DIR=str(var_dir),
        DATABASE_URL=f"sqlite:///{var_dir / 'maillage.sqlite3'}",
    )
    env.update(extra)
    return env


def maillage_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "maillage", *args]


def run_maillage(*args: str, env: dict[str, str], timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        maillage_command(*args),
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def query(database: Path, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Read the child's database directly, the way an operator would look after a crash."""
    with sqlite3.connect(database, timeout=30) as connection:
        return connection.execute(sql, params).fetchall()


def wait_for(condition: Callable[[], Any], *, timeout: float, what: str) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
