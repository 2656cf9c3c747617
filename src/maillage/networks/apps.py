from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    name = "maillage.networks"
    verbose_name = _("Networks")

    def ready(self) -> None:
        from maillage.networks import versions

        versions.connect()
