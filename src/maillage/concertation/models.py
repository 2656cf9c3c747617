"""Concertation beyond a network's own fields: its themes and meeting load, and the territory's documents."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from maillage.directory.models import (
    MobilizationGoal,
    MobilizationPrinciple,
    Organization,
    Population,
    ReferenceItem,
    Territory,
)
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


class DocumentKind(models.TextChoices):
    PORTRAIT = "portrait", _("Portrait of the territory")
    ACTION_PLAN = "action_plan", _("Action plan")


class TerritoryDocument(models.Model):
    """A portrait or an action plan of a territory: seed 001's portraits done twice show side by side."""

    territory = models.ForeignKey(
        Territory, verbose_name=_("territory"), on_delete=models.PROTECT, related_name="documents"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=200)
    published_on = models.DateField(_("date"))
    author_organization = models.ForeignKey(
        Organization,
        verbose_name=_("author organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="territory_documents",
    )
    period_start = models.PositiveSmallIntegerField(_("period covered: first year"))
    period_end = models.PositiveSmallIntegerField(_("period covered: last year"))
    needs_expressed = models.TextField(_("needs expressed"), blank=True, max_length=5000)
    needs_not_expressed = models.TextField(_("needs not expressed"), blank=True, max_length=5000)
    populations = models.ManyToManyField(Population, verbose_name=_("populations"), blank=True)
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True)
    goals = models.ManyToManyField(MobilizationGoal, verbose_name=_("goals served"), blank=True)
    principles = models.ManyToManyField(
        MobilizationPrinciple, verbose_name=_("principles applied"), blank=True
    )
    link = models.URLField(_("link"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("territory document")
        verbose_name_plural = _("territory documents")
        ordering = ["-published_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")), name="document_period_in_order"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The last year comes before the first year.")})
        for name in ("period_start", "period_end"):
            year = getattr(self, name)
            if year is not None and not 1950 <= year <= 2100:
                raise ValidationError({name: _("Give a year between 1950 and 2100.")})


class ResourceKind(models.TextChoices):
    FUNDING = "funding", _("Funding")
    STAFF = "staff", _("Paid staff")
    IN_KIND = "in_kind", _("In-kind contribution")


class ResourceEntry(models.Model):
    """One resource of a network for a year: a funding source, paid staff, or an in-kind contribution.

    Rows are never changed: a correction is a new row that `replaces` the earlier one (a withdrawal is a
    correction with `removed`), so the history of what was declared, and when, is kept.
    """

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="resources")
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=20, choices=ResourceKind.choices)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("funder or contributor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resource_entries",
    )
    programme = models.CharField(_("programme, role or contribution"), max_length=200, blank=True)
    amount = models.DecimalField(_("amount ($)"), max_digits=12, decimal_places=2, null=True, blank=True)
    recurring = models.BooleanField(_("recurring"), default=False)
    fte = models.DecimalField(_("paid staff (FTE)"), max_digits=6, decimal_places=2, null=True, blank=True)
    replaces = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replaced_by", editable=False
    )
    removed = models.BooleanField(default=False, editable=False)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, editable=False
    )

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["network_id", "-year", "kind", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gte=0),
                name="resource_amount_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(fte__isnull=True) | models.Q(fte__gte=0), name="resource_fte_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.network_id} {self.year} {self.kind}"
