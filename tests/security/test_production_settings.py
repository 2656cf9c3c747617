"""The production settings, read in a fresh interpreter with a production environment."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
PRODUCTION = {
    "MAILLAGE_DEBUG": "false",
    "MAILLAGE_HTTPS": "true",
    "MAILLAGE_SECRET_KEY": "a-production-secret-key-of-more-than-fifty-characters-0123456789",
    "MAILLAGE_ALLOWED_HOSTS": "maillage.example.org",
}
NAMES = [
    "DEBUG",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SECURE_HSTS_SECONDS",
    "SECURE_SSL_REDIRECT",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "X_FRAME_OPTIONS",
    "MIDDLEWARE",
]


def settings_with(environment: dict[str, str]) -> dict:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("MAILLAGE_") and k != "DJANGO_SETTINGS_MODULE"
    }
    env |= environment | {"PYTHONPATH": str(SRC), "MAILLAGE_VAR_DIR": "/tmp/maillage-settings-test"}
    code = (
        "import json; from maillage import settings as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {NAMES!r}}}))"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


@pytest.fixture(scope="module")
def production() -> dict:
    return settings_with(PRODUCTION)


def test_production_cookies_are_secure_and_hidden_from_scripts(production):
    assert production["DEBUG"] is False
    assert production["SESSION_COOKIE_SECURE"] is True and production["CSRF_COOKIE_SECURE"] is True
    assert production["SESSION_COOKIE_HTTPONLY"] is True


def test_production_asks_browsers_for_https_for_a_year(production):
    assert production["SECURE_HSTS_SECONDS"] >= 31536000
    assert production["SECURE_SSL_REDIRECT"] is True
    assert production["SECURE_CONTENT_TYPE_NOSNIFF"] is True and production["X_FRAME_OPTIONS"] == "DENY"


def test_production_sends_the_security_headers_and_records_the_audit_trail(production):
    middleware = production["MIDDLEWARE"]
    assert middleware.index("maillage.security.SecurityHeadersMiddleware") < middleware.index(
        "django.contrib.sessions.middleware.SessionMiddleware"
    )
    assert middleware.index("maillage.audit.context.AuditMiddleware") > middleware.index(
        "django.contrib.auth.middleware.AuthenticationMiddleware"
    )
    assert "django.middleware.csrf.CsrfViewMiddleware" in middleware


def test_development_over_plain_http_sets_no_hsts():
    development = settings_with({"MAILLAGE_DEBUG": "true"})
    assert development["SECURE_HSTS_SECONDS"] == 0 and development["SESSION_COOKIE_SECURE"] is False


def test_the_hsts_duration_can_be_set(production):
    assert settings_with(PRODUCTION | {"MAILLAGE_HSTS_SECONDS": "600"})["SECURE_HSTS_SECONDS"] == 600


def test_a_secure_response_carries_hsts(client, settings, db):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/healthz", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert client.get("/healthz").status_code == 301  # plain HTTP goes to HTTPS
