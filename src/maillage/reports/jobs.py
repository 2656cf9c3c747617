"""Reports of big scopes made in the background: a django-tasks task writes the files, a page waits for them.

A job is a folder-less pair of files under VAR_DIR/reports/ named by an unguessable token: `<token>.json`
(who asked, for what, and the state) and the outputs `<token>.pdf` / `<token>.html`. The download view
checks the requester and re-checks their right to read the scope, so a leaked token gives nothing away.
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation
from django_tasks import task

from maillage.reports.content import build_report
from maillage.reports.render import render_document, render_pdf
from maillage.reports.scope import Period, report_scope

TOKEN_BYTES = 24


def jobs_dir() -> Path:
    directory = Path(settings.VAR_DIR) / "reports"
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def valid_token(token: str) -> bool:
    return len(token) == TOKEN_BYTES * 2 and all(c in "0123456789abcdef" for c in token)


def read_job(token: str) -> dict[str, Any] | None:
    path = jobs_dir() / f"{token}.json"
    if not valid_token(token) or not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def _write_job(token: str, job: dict[str, Any]) -> None:
    (jobs_dir() / f"{token}.json").write_text(json.dumps(job), encoding="utf-8")


def start_job(user_id: int, kind: str, key: str, period: Period, language: str) -> str:
    token = secrets.token_hex(TOKEN_BYTES)
    job = {
        "user": user_id,
        "kind": kind,
        "key": key,
        "year": period.year,
        "since": period.since.isoformat() if period.since else None,
        "until": period.until.isoformat() if period.until else None,
        "lang": language,
        "state": "pending",
    }
    _write_job(token, job)
    generate_report.enqueue(token)
    return token


@task()
def generate_report(token: str) -> str:
    """Build one report (HTML and PDF) of a job; the job's file says when it is done or why it failed."""
    import datetime

    job = read_job(token)
    if job is None:
        return "missing"
    user = get_user_model().objects.get(pk=job["user"])
    period = Period(
        year=job["year"],
        since=datetime.date.fromisoformat(job["since"]) if job["since"] else None,
        until=datetime.date.fromisoformat(job["until"]) if job["until"] else None,
    )
    try:
        with translation.override(job["lang"]):
            scope = report_scope(user, job["kind"], job["key"])
        data = build_report(scope, period, language=job["lang"])
        (jobs_dir() / f"{token}.html").write_text(render_document(data), encoding="utf-8")
        (jobs_dir() / f"{token}.pdf").write_bytes(render_pdf(data))
        job |= {"state": "done", "title": data.title}
    except Exception as error:  # the page must say it failed rather than wait for ever
        job |= {"state": "failed", "error": type(error).__name__}
        _write_job(token, job)
        raise
    _write_job(token, job)
    return job["state"]
