"""A network's dated stages of development and the lessons about partnership it gathers.

Lessons come from the coordinator (this app's pages) or from partners (the survey's optional question,
`surveys.Response.lesson`); either way they are published only with consent, by name or anonymously.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from maillage.directory.i18n import BilingualNameMixin, pick_language
from maillage.directory.models import Organization
from maillage.networks.models import Network

TEXT_MAX = 2000


class DevelopmentStage(BilingualNameMixin):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    definition_fr = models.TextField(_("definition (French)"), blank=True, max_length=1000)
    definition_en = models.TextField(_("definition (English)"), blank=True, max_length=1000)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("stage of development")
        verbose_name_plural = _("stages of development")

    def __str__(self) -> str:
        return self.name

    @property
    def definition(self) -> str:
        return pick_language(self.definition_fr, self.definition_en)


class NetworkStage(models.Model):
    """The stage a network had reached on a date: the path is the list of these records."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="stages")
    stage = models.ForeignKey(DevelopmentStage, verbose_name=_("stage"), on_delete=models.PROTECT)
    reached_on = models.DateField(_("date"))
    note = models.TextField(_("what shows it"), blank=True, max_length=TEXT_MAX)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["reached_on", "id"]
        verbose_name = _("stage of the network")
        verbose_name_plural = _("stages of the network")
        constraints = [
            models.UniqueConstraint(fields=["network", "reached_on"], name="one_stage_per_network_and_date")
        ]

    def __str__(self) -> str:
        return f"{self.network} — {self.stage} ({self.reached_on})"


class Publication(models.TextChoices):
    NONE = "", _("Do not publish")
    NAMED = "named", _("Publish with the organization's name")
    ANONYMOUS = "anonymous", _("Publish anonymously")


class Lesson(models.Model):
    """A lesson about partnership written down by the network's coordinator."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="lessons")
    noted_on = models.DateField(_("date"))
    text = models.TextField(_("lesson"), max_length=TEXT_MAX)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("whose lesson"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        help_text=_("The organization it comes from, if any."),
    )
    publication = models.CharField(
        _("publication"), max_length=10, choices=Publication.choices, blank=True, default=""
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-noted_on", "-id"]
        verbose_name = _("lesson about partnership")
        verbose_name_plural = _("lessons about partnership")

    def __str__(self) -> str:
        return f"{self.network} — {self.noted_on}"
