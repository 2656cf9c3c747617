"""Networks (concertation spaces) and the organizations that sit in them."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from maillage.directory.i18n import BilingualNameMixin
from maillage.directory.models import (
    ActionStrategy,
    MobilizationGoal,
    MobilizationPrinciple,
    Organization,
    Population,
    Territory,
)
from maillage.networks.periods import ReportingPeriod


class NetworkKind(models.TextChoices):
    RLS = "rls", _("Local service network (RLS)")
    NEIGHBOURHOOD_TABLE = "neighbourhood_table", _("Neighbourhood round table")
    COMMUNITY_PARTNERSHIP = "community_partnership", _("Community partnership network")
    THEMATIC_TABLE = "thematic_table", _("Thematic table")
    CRISIS_CELL = "crisis_cell", _("Crisis cell")


class Scale(models.TextChoices):
    LOCAL = "local", _("Local")
    REGIONAL = "regional", _("Regional")
    NATIONAL = "national", _("National")


class Dynamic(models.TextChoices):
    """The two dynamics of the policy note (top-down prescription, bottom-up negotiation) and their mix."""

    PRESCRIPTION = "prescription", _("Prescription (top-down)")
    NEGOTIATION = "negotiation", _("Negotiation (bottom-up)")
    MIXED = "mixed", _("Mixed")


class Funding(models.TextChoices):
    FUNDER = "funder", _("Funder or coordinated funding")
    PIECED = "pieced", _("No funding or pieced together")


class ProblemOrigin(models.TextChoices):
    FUNDER = "funder", _("Set by the funder")
    FIELD = "field", _("From the field's collective reflection")


class ActionsDecided(models.TextChoices):
    IN_ADVANCE = "in_advance", _("Decided in advance")
    NEGOTIATED = "negotiated", _("Negotiated among the actors")


class Network(BilingualNameMixin):
    kind = models.CharField(_("kind"), max_length=30, choices=NetworkKind.choices)
    scale = models.CharField(_("scale"), max_length=20, choices=Scale.choices, default=Scale.LOCAL)
    territory = models.ForeignKey(Territory, verbose_name=_("territory"), on_delete=models.PROTECT)
    lead_organization = models.ForeignKey(
        Organization,
        verbose_name=_("lead organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_networks",
    )
    description = models.TextField(_("description"), blank=True, max_length=5000)
    dynamic = models.CharField(_("dynamic"), max_length=20, choices=Dynamic.choices, blank=True)
    funding = models.CharField(_("funding"), max_length=20, choices=Funding.choices, blank=True)
    problem_origin = models.CharField(
        _("where the problem comes from"), max_length=20, choices=ProblemOrigin.choices, blank=True
    )
    actions = models.CharField(_("actions"), max_length=20, choices=ActionsDecided.choices, blank=True)
    facilitators = models.TextField(_("facilitators"), blank=True, max_length=5000)
    difficulties = models.TextField(_("difficulties"), blank=True, max_length=5000)
    target_populations = models.ManyToManyField(Population, verbose_name=_("target populations"), blank=True)
    action_strategies = models.ManyToManyField(
        ActionStrategy, verbose_name=_("action strategies"), blank=True
    )
    goals = models.ManyToManyField(MobilizationGoal, verbose_name=_("goals served"), blank=True)
    principles = models.ManyToManyField(
        MobilizationPrinciple, verbose_name=_("principles applied"), blank=True
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    reporting_period = models.CharField(
        _("reporting period"),
        max_length=10,
        choices=ReportingPeriod.choices,
        default=ReportingPeriod.FISCAL,
        help_text=_("The years of its reports, indicators and scorecards."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Raised by every write to what the network's numbers are computed from (see `networks.versions`):
    # every cache of a dashboard, map, indicator or report keys on it.
    data_version = models.PositiveBigIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["name_fr", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="network_dates_in_order",
            ),
        ]

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The data version is raised by `networks.versions.bump` alone, in SQL: a form or an instance read
        # before a write elsewhere holds an older number, which a plain save would write back.
        if self.pk is not None and kwargs.get("update_fields") is None and not kwargs.get("force_insert"):
            kwargs["update_fields"] = [
                f.name for f in self._meta.concrete_fields if not f.primary_key and f.name != "data_version"
            ]
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if not (self.name_fr.strip() or self.name_en.strip()):
            raise ValidationError({"name_fr": _("Give the network a name in French or in English.")})
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date comes before the start date.")})


class MembershipRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    COORDINATOR = "coordinator", _("Coordinator")
    MEMBER = "member", _("Member")
    OBSERVER = "observer", _("Observer")


class Membership(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        _("role"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["network", "organization"], name="one_membership_per_network"),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="membership_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} — {self.network}"

    @property
    def is_current(self) -> bool:
        return self.end_date is None

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date comes before the start date.")})


class NetworkState(models.Model):
    """The network's dated attributes: what its territory, lead, dynamic and populations were from a date on.

    The network row keeps the latest state (for forms and lists); a report or a snapshot "as of" a date
    reads the state in force on that date, so editing the network today never changes a past year. A
    state without a date holds since the beginning (the state the network had when history started).
    """

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="states")
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="+")
    lead_organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dynamic = models.CharField(max_length=20, choices=Dynamic.choices, blank=True)
    funding = models.CharField(max_length=20, choices=Funding.choices, blank=True)
    problem_origin = models.CharField(max_length=20, choices=ProblemOrigin.choices, blank=True)
    actions = models.CharField(max_length=20, choices=ActionsDecided.choices, blank=True)
    facilitators = models.TextField(blank=True)
    difficulties = models.TextField(blank=True)
    populations = models.JSONField(default=list, blank=True)
    strategies = models.JSONField(default=list, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("network state")
        verbose_name_plural = _("network states")
        ordering = ["network", "valid_from", "id"]
        indexes = [models.Index(fields=["network", "valid_from"])]

    def __str__(self) -> str:
        return f"{self.network_id} — {self.valid_from or '…'}"
