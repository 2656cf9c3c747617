"""Maillage's own deployment checks, run by `maillage check --deploy` beside Django's.

Each check names the environment variable that fixes it (docs/deployment.md lists the production set).
"""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core import checks

from maillage.operations.faults import ENVIRONMENT_VARIABLE as FAULT_VARIABLE

DEVELOPMENT_SECRET_KEY = "insecure-development-key-change-me"
LOCAL_CACHES = ("django.core.cache.backends.locmem.", "django.core.cache.backends.dummy.")


@checks.register(checks.Tags.security, deploy=True)
def check_production_settings(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    problems: list[checks.CheckMessage] = []
    if settings.SECRET_KEY == DEVELOPMENT_SECRET_KEY or len(set(settings.SECRET_KEY)) < 5:
        problems.append(
            checks.Error(
                "The secret key is the development one.",
                hint="Set MAILLAGE_SECRET_KEY to a long random value kept out of the repository.",
                id="maillage.E001",
            )
        )
    if settings.DEBUG:
        problems.append(
            checks.Error(
                "DEBUG is on: error pages would show settings and data.",
                hint="Unset MAILLAGE_DEBUG.",
                id="maillage.E002",
            )
        )
    hosts = set(settings.ALLOWED_HOSTS)
    if not hosts or "*" in hosts or "testserver" in hosts:
        problems.append(
            checks.Error(
                "ALLOWED_HOSTS is not the site's own host names.",
                hint="Set MAILLAGE_ALLOWED_HOSTS to the public host names, comma-separated (no '*').",
                id="maillage.E003",
            )
        )
    if not settings.TASKS["default"]["BACKEND"].startswith("django_tasks_db."):
        problems.append(
            checks.Error(
                "Background tasks would run inside web requests (or not at all).",
                hint="Set MAILLAGE_TASKS_BACKEND=database and run `maillage worker`.",
                id="maillage.E004",
            )
        )
    if os.environ.get(FAULT_VARIABLE):
        problems.append(
            checks.Error(
                f"{FAULT_VARIABLE} is set: the crash-test hook pauses database writes.",
                hint=f"Unset {FAULT_VARIABLE}; it is for the test suite only.",
                id="maillage.E005",
            )
        )
    return problems + _scale_out_warnings()


def _scale_out_warnings() -> list[checks.CheckMessage]:
    warnings: list[checks.CheckMessage] = []
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        warnings.append(
            checks.Warning(
                "The database is SQLite: one machine only, and writers wait for each other.",
                hint="Set DATABASE_URL to a PostgreSQL database.",
                id="maillage.W001",
            )
        )
    if settings.CACHES["default"]["BACKEND"].startswith(LOCAL_CACHES):
        warnings.append(
            checks.Warning(
                "The cache is local to each process: login throttling and survey rate limits are counted "
                "per process, and cached analyses are computed once per process.",
                hint=(
                    "Set MAILLAGE_CACHE_BACKEND=django.core.cache.backends.db.DatabaseCache and "
                    "MAILLAGE_CACHE_LOCATION=maillage_cache, then run `maillage createcachetable`."
                ),
                id="maillage.W002",
            )
        )
    return warnings
