from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConcertationConfig(AppConfig):
    name = "maillage.concertation"
    verbose_name = _("Concertation")
