from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "maillage.api"
    verbose_name = _("JSON API")

    def ready(self) -> None:
        from maillage.api import signals  # noqa: F401  (connects the password-change receiver)
