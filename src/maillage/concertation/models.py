"""What the concertation page needs beyond a network's own fields: its themes and its meeting load."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from maillage.directory.models import ReferenceItem
from maillage.networks.models import Network


class Theme(ReferenceItem):
    """What a concertation space works on (food security, housing, mental health ...)."""

    class Meta(ReferenceItem.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class SpaceProfile(models.Model):
    """A space's themes and the hours a year one seat in it takes (meetings, preparation), where known.

    Kept beside the network rather than on it: a space without a profile simply has no theme and unknown
    hours, and the network's own attributes keep one history of their own.
    """

    network = models.OneToOneField(Network, on_delete=models.CASCADE, related_name="concertation_profile")
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True)
    meeting_hours_per_year = models.PositiveIntegerField(
        _("meeting hours a year"),
        null=True,
        blank=True,
        help_text=_("Hours a year one member spends in this space's meetings, if known."),
    )

    class Meta:
        verbose_name = _("concertation profile")
        verbose_name_plural = _("concertation profiles")

    def __str__(self) -> str:
        return str(self.network)
