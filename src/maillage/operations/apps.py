from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    name = "maillage.operations"
    verbose_name = _("Operations")

    def ready(self) -> None:
        # Registering the deployment checks is the import's side effect.
        from maillage.operations import checks, faults  # noqa: F401

        faults.install_from_environment()
