"""`maillage check --deploy` passes with the production settings of docs/deployment.md, and says what is wrong
with development settings."""

from __future__ import annotations

import pytest

from maillage.operations.checks import check_production_settings
from tests.operations.helpers import maillage_env, run_maillage

# The production environment documented in docs/deployment.md (HTTPS through a reverse proxy).
PRODUCTION = {
    "MAILLAGE_SECRET_KEY": "k7#Qe9!vR2pLw8zXs4mN6bT1yU3cH5jG0aF-dS_oI@eP+rV-w3Zq8yLm5Tn",
    "MAILLAGE_ALLOWED_HOSTS": "maillage.example.org",
    "MAILLAGE_CSRF_TRUSTED_ORIGINS": "https://maillage.example.org",
    "DATABASE_URL": "postgres://maillage@localhost:5432/maillage",
    "MAILLAGE_TASKS_BACKEND": "database",
    "MAILLAGE_CACHE_BACKEND": "django.core.cache.backends.db.DatabaseCache",
    "MAILLAGE_CACHE_LOCATION": "maillage_cache",
    "MAILLAGE_HTTPS": "true",
    "MAILLAGE_BEHIND_PROXY": "true",
    "MAILLAGE_HSTS_SECONDS": "31536000",
    "MAILLAGE_HSTS_INCLUDE_SUBDOMAINS": "true",
    "MAILLAGE_HSTS_PRELOAD": "true",
}


def test_check_deploy_passes_with_the_production_settings(tmp_path):
    done = run_maillage(
        "check", "--deploy", "--fail-level", "WARNING", env=maillage_env(tmp_path, **PRODUCTION)
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_check_deploy_names_every_development_setting(tmp_path):
    done = run_maillage("check", "--deploy", env=maillage_env(tmp_path, MAILLAGE_DEBUG="true"))
    assert done.returncode != 0
    for check_id in ("maillage.E001", "maillage.E002", "maillage.E003", "maillage.E004", "maillage.W001"):
        assert check_id in done.stderr, check_id
    assert "maillage.W002" in done.stderr  # a per-process cache


def test_the_crash_test_hook_is_refused_in_production(tmp_path):
    env = maillage_env(tmp_path, **PRODUCTION, MAILLAGE_FAULT_PAUSE=f"insert:x:1:1:{tmp_path / 'm'}")
    done = run_maillage("check", "--deploy", env=env)
    assert done.returncode != 0 and "maillage.E005" in done.stderr


@pytest.mark.parametrize(
    ("overrides", "check_id"),
    [
        ({"SECRET_KEY": "insecure-development-key-change-me"}, "maillage.E001"),
        ({"DEBUG": True}, "maillage.E002"),
        ({"ALLOWED_HOSTS": ["*"]}, "maillage.E003"),
        ({"ALLOWED_HOSTS": []}, "maillage.E003"),
    ],
)
def test_each_check_fires_on_its_own_setting(settings, overrides, check_id):
    settings.SECRET_KEY = PRODUCTION["MAILLAGE_SECRET_KEY"]
    settings.DEBUG, settings.ALLOWED_HOSTS = False, ["maillage.example.org"]
    for name, value in overrides.items():
        setattr(settings, name, value)
    assert check_id in {message.id for message in check_production_settings()}
