from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "maillage.initiatives"
    verbose_name = _("Initiatives")

    def ready(self) -> None:
        # Keeps the full-text index in step with every save, from the views, the admin or a script.
        from maillage.initiatives import signals  # noqa: F401
