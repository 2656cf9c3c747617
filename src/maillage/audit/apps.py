from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "maillage.audit"
    verbose_name = _("Audit trail")

    def ready(self) -> None:
        # Connect the signal handlers once every model is loaded; the registry is keyed by model label.
        from maillage.audit import signals

        signals.connect()
