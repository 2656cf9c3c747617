"""WSGI entry point for production servers (gunicorn maillage.wsgi)."""

import os

import django
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maillage.settings")
django.setup(set_prefix=False)

from maillage.security import refuse_insecure_start  # noqa: E402  (needs the settings loaded)

refuse_insecure_start()
application = get_wsgi_application()
