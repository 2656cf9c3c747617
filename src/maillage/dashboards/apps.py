from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    name = "maillage.dashboards"
    verbose_name = _("Dashboards")

    def ready(self) -> None:
        from maillage.dashboards import warm

        warm.connect()
