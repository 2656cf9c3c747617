"""A migrated SQLite file made once per run and copied for each test that starts real processes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.operations.helpers import maillage_env, run_maillage


def _copy_database(source: Path, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        if (source.parent / f"maillage.sqlite3{suffix}").exists():
            shutil.copy(source.parent / f"maillage.sqlite3{suffix}", target / f"maillage.sqlite3{suffix}")


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory) -> Path:
    var = tmp_path_factory.mktemp("migrated")
    done = run_maillage("migrate", "-v0", env=maillage_env(var))
    assert done.returncode == 0, done.stderr
    return var / "maillage.sqlite3"


@pytest.fixture(scope="session")
def demo_database(tmp_path_factory, migrated_database) -> Path:
    var = tmp_path_factory.mktemp("demo")
    _copy_database(migrated_database, var)
    done = run_maillage("demo", "--organizations", "60", env=maillage_env(var))
    assert done.returncode == 0, done.stderr
    return var / "maillage.sqlite3"


@pytest.fixture
def file_database(tmp_path, migrated_database) -> Path:
    """A var directory holding a migrated, empty `maillage.sqlite3`."""
    var = tmp_path / "var"
    _copy_database(migrated_database, var)
    return var


@pytest.fixture
def demo_file_database(tmp_path, demo_database) -> Path:
    """A var directory holding the small demo (60 organizations)."""
    var = tmp_path / "var"
    _copy_database(demo_database, var)
    return var
