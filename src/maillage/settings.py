"""The one settings file of Maillage, driven by environment variables.

Every variable is documented in docs/configuration.md. Defaults suit development:
SQLite under var/, French first, debug off unless asked for.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = Path(os.environ.get("MAILLAGE_HOME", Path.cwd())).resolve()
VAR_DIR = Path(os.environ.get("MAILLAGE_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("MAILLAGE_DEBUG", False)
# A development key is accepted only when debugging or testing; `maillage check --deploy` refuses it.
DEVELOPMENT_SECRET_KEY = "insecure-development-key-change-me"
SECRET_KEY = os.environ.get("MAILLAGE_SECRET_KEY", DEVELOPMENT_SECRET_KEY)
# Signs backup manifests (docs/deployment.md); empty: a key derived from SECRET_KEY.
BACKUP_KEY = os.environ.get("MAILLAGE_BACKUP_KEY", "")
ALLOWED_HOSTS = env_list("MAILLAGE_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("MAILLAGE_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_tasks",
    "django_tasks_db",
    "maillage.accounts",
    "maillage.directory",
    "maillage.networks",
    "maillage.ties",
    "maillage.dashboards",
    "maillage.initiatives",
    "maillage.surveys",
    "maillage.lessons",
    "maillage.indicators",
    "maillage.leadership",
    "maillage.api",
    "maillage.reports",
    "maillage.demo",
    "maillage.audit",
    "maillage.privacy",
    "maillage.operations",
    "maillage.exchange",
    "maillage.concertation",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "maillage.security.SecurityHeadersMiddleware",
    "maillage.api.fallback.ApiBodyLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "maillage.audit.context.AuditMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "maillage.urls"
WSGI_APPLICATION = "maillage.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            # Numbers and dates the reader's way in every template: |number, |percent, |day.
            "builtins": ["maillage.observatory.templatetags.readers_way"],
        },
    },
]

# Widget templates live beside the page templates.
FORM_RENDERER = "maillage.formrendering.Renderer"
FORMS_URLFIELD_ASSUME_HTTPS = True

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'maillage.sqlite3'}"),
        conn_max_age=int(os.environ.get("MAILLAGE_DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets the dev server read while a long import writes.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL;"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {
        "BACKEND": os.environ.get("MAILLAGE_CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache"),
        "LOCATION": os.environ.get("MAILLAGE_CACHE_LOCATION", "maillage"),
        # Django's default of 300 entries is a few dozen networks' dashboards, maps and datasets: past it,
        # every write culls a third of the cache, and pages computed a minute ago are computed again.
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("MAILLAGE_CACHE_MAX_ENTRIES", "20000"))},
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
# Failed logins allowed per user name and per address within the window, before a pause.
LOGIN_THROTTLE_ATTEMPTS = int(os.environ.get("MAILLAGE_LOGIN_THROTTLE_ATTEMPTS", "5"))
LOGIN_THROTTLE_WINDOW = int(os.environ.get("MAILLAGE_LOGIN_THROTTLE_WINDOW", "900"))
# Requests per minute one API token may make (beyond: 429).
API_RATE_LIMIT = int(os.environ.get("MAILLAGE_API_RATE_LIMIT", "600"))

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# Dates written "15 mai 2025" / "May 15, 2025", as maillage.formatting writes them.
FORMAT_MODULE_PATH = ["maillage.formats"]
TIME_ZONE = os.environ.get("MAILLAGE_TIME_ZONE", "America/Montreal")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("MAILLAGE_STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("MAILLAGE_MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"
WHITENOISE_USE_FINDERS = DEBUG

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("MAILLAGE_SECURE_COOKIES", not DEBUG and env_bool("MAILLAGE_HTTPS", False))
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Served over HTTPS, browsers are told to come back only over HTTPS for a year (tests/security).
SECURE_HSTS_SECONDS = int(
    os.environ.get("MAILLAGE_HSTS_SECONDS", "31536000" if env_bool("MAILLAGE_HTTPS") else "0")
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("MAILLAGE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("MAILLAGE_HSTS_PRELOAD", False)
SECURE_SSL_REDIRECT = env_bool("MAILLAGE_HTTPS", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("MAILLAGE_BEHIND_PROXY") else None
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# With an SMTP host set, e-mail goes out through it; without one (development) it is printed on the console.
# The test runner replaces the backend with its in-memory outbox whatever is set here.
EMAIL_HOST = os.environ.get("MAILLAGE_EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get(
    "MAILLAGE_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = int(os.environ.get("MAILLAGE_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("MAILLAGE_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("MAILLAGE_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("MAILLAGE_EMAIL_STARTTLS", EMAIL_PORT == 587)
EMAIL_USE_SSL = env_bool("MAILLAGE_EMAIL_SSL", EMAIL_PORT == 465)
EMAIL_TIMEOUT = int(os.environ.get("MAILLAGE_EMAIL_TIMEOUT", "20"))
DEFAULT_FROM_EMAIL = os.environ.get("MAILLAGE_FROM_EMAIL", "maillage@localhost")

# Background work (big imports, reports, province-size analyses) goes through Django's tasks API.
# Development and tests run tasks immediately; production sets MAILLAGE_TASKS_BACKEND=database and
# runs `maillage worker` beside the app servers.
_TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
    "dummy": "django_tasks.backends.dummy.DummyBackend",
}
TASKS = {
    "default": {
        "BACKEND": _TASK_BACKENDS[os.environ.get("MAILLAGE_TASKS_BACKEND", "immediate")],
        "QUEUES": ["default"],
    }
}

# Compute a network's dashboard and map in the worker after its data changes (see dashboards/warm.py): on
# by default only where tasks run in a worker.
WARM_DASHBOARDS = env_bool("MAILLAGE_WARM_DASHBOARDS", os.environ.get("MAILLAGE_TASKS_BACKEND") == "database")

PAGE_SIZE = int(os.environ.get("MAILLAGE_PAGE_SIZE", "25"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("MAILLAGE_LOG_LEVEL", "WARNING")},
}
