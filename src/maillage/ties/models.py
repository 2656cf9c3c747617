"""Ties between organizations and their dated observations.

A tie is a pair of organizations (stored once per network, smaller id first). What it is
— its level on the collaboration scale, its formality, what flows through it — is never
stored on the tie itself but in observations, one per date: nothing is overwritten, so
the state "as of" any date and the progress of partnerships can always be read back.
The tie keeps a copy of its latest observation (`current_*`) only so that lists and
filters stay one query.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from maillage.analysis.vocabulary import FORMALITY_TERMS, LEVEL_TERMS, LEVELS
from maillage.directory.models import Organization
from maillage.networks.models import Network

# The collaboration scale of Frey et al. (2006), with 0 for a tie that no longer exists, and the formality
# of a tie: the words and their names are the analysis core's vocabulary (Level.NONE ... Level.COLLABORATION,
# Formality.FORMAL, Formality.INFORMAL); the database stores a level's ordinal, a formality's code.
# mypy cannot type Django's functional choices API; the members are the vocabulary's codes, upper-cased.
Level = models.IntegerChoices(  # type: ignore[call-overload]
    "Level", [(term.code.upper(), (i, _(term.en))) for i, term in enumerate(LEVEL_TERMS)]
)
Formality = models.TextChoices(  # type: ignore[call-overload]
    "Formality", [(term.code.upper(), (term.code, _(term.en))) for term in FORMALITY_TERMS]
)

# The analysis core speaks in level names; the database in ordinals.
LEVEL_CODES = dict(enumerate(LEVELS))


class AgreementKind(models.TextChoices):
    AGREEMENT = "agreement", _("Agreement")
    CONTRACT = "contract", _("Contract")
    MOU = "mou", _("Memorandum of understanding")
    SERVICE_CORRIDOR = "service_corridor", _("Service corridor")
    OTHER = "other", _("Other")


class ObservationSource(models.TextChoices):
    MANUAL = "manual", _("Manual entry")
    SURVEY = "survey", _("Survey wave")
    IMPORT = "import", _("Import")


class TieQuerySet(models.QuerySet["Tie"]):
    def involving(self, organization: Organization) -> TieQuerySet:
        return self.filter(Q(organization_a=organization) | Q(organization_b=organization))

    def as_of(self, date: datetime.date | str) -> TieQuerySet:
        """Ties observed on or before `date`, annotated with their state on that date.

        Adds `level_then`, `formality_then` and `observed_then`; ties whose level was
        "none" on that date are kept (the relationship existed and ended) so callers
        decide whether to show them.
        """
        latest = TieObservation.objects.filter(tie=OuterRef("pk"), observed_on__lte=date).order_by(
            "-observed_on", "-id"
        )
        return self.annotate(
            level_then=Subquery(latest.values("level")[:1]),
            formality_then=Subquery(latest.values("formality")[:1]),
            observed_then=Subquery(latest.values("observed_on")[:1]),
        ).filter(observed_then__isnull=False)

    def active(self) -> TieQuerySet:
        return self.filter(current_level__gt=Level.NONE)


class Tie(models.Model):
    organization_a = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="ties_as_a")
    organization_b = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="ties_as_b")
    network = models.ForeignKey(
        Network,
        verbose_name=_("network"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="ties",
    )
    current_level = models.PositiveSmallIntegerField(
        choices=Level.choices, default=Level.NONE, editable=False
    )
    current_formality = models.CharField(
        max_length=10, choices=Formality.choices, default=Formality.INFORMAL, editable=False
    )
    current_observed_on = models.DateField(null=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TieQuerySet.as_manager()

    class Meta:
        verbose_name = _("tie")
        verbose_name_plural = _("ties")
        constraints = [
            models.CheckConstraint(
                condition=Q(organization_a__lt=models.F("organization_b")), name="tie_pair_ordered"
            ),
            models.UniqueConstraint(
                fields=["organization_a", "organization_b", "network"], name="one_tie_per_pair_and_network"
            ),
            # NULL never equals NULL in a unique index: pairs outside any network need their own rule.
            models.UniqueConstraint(
                fields=["organization_a", "organization_b"],
                condition=Q(network__isnull=True),
                name="one_tie_per_pair_outside_networks",
            ),
        ]
        indexes = [models.Index(fields=["network", "current_level"])]

    def __str__(self) -> str:
        return f"{self.organization_a} — {self.organization_b}"

    def other(self, organization: Organization) -> Organization:
        return self.organization_b if organization.pk == self.organization_a_id else self.organization_a

    @property
    def pair_ids(self) -> tuple[int, int]:
        return (self.organization_a_id, self.organization_b_id)


def agreement_problem(formality: str, agreement_kind: str) -> str | None:
    """The one rule on a kind of agreement, for the model, the forms and imports alike: only a formal tie
    has one. The message when it is broken, None when it holds."""
    if agreement_kind and formality != Formality.FORMAL:
        return str(_("Only a formal tie has a kind of agreement."))
    return None


class TieObservation(models.Model):
    tie = models.ForeignKey(Tie, on_delete=models.CASCADE, related_name="observations")
    observed_on = models.DateField(_("observed on"))
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    formality = models.CharField(
        _("formality"), max_length=10, choices=Formality.choices, default=Formality.INFORMAL
    )
    agreement_kind = models.CharField(
        _("kind of agreement"), max_length=20, choices=AgreementKind.choices, blank=True
    )
    # When the agreement (contract, MOU…) of a formal tie ends: its coordinators are told 90 days before.
    agreement_ends_on = models.DateField(_("agreement ends on"), null=True, blank=True)
    referrals = models.BooleanField(_("referrals"), default=False)
    information = models.BooleanField(_("information"), default=False)
    resources = models.BooleanField(_("shared resources"), default=False)
    joint_projects = models.BooleanField(_("joint projects"), default=False)
    source = models.CharField(_("source"), max_length=10, choices=ObservationSource.choices, default="manual")
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.SET_NULL)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tie observation")
        verbose_name_plural = _("tie observations")
        ordering = ["observed_on", "id"]
        indexes = [models.Index(fields=["tie", "observed_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(level__gte=0) & Q(level__lte=5), name="observation_level_on_scale"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tie} — {self.observed_on}"

    def clean(self) -> None:
        problem = agreement_problem(self.formality, self.agreement_kind)
        if problem:
            raise ValidationError({"agreement_kind": problem})
        if self.agreement_ends_on and self.formality != Formality.FORMAL:
            raise ValidationError({"agreement_ends_on": _("Only a formal tie has an agreement that ends.")})

    @property
    def flows(self) -> list[str]:
        names = {
            "referrals": _("referrals"),
            "information": _("information"),
            "resources": _("shared resources"),
            "joint_projects": _("joint projects"),
        }
        return [str(label) for field, label in names.items() if getattr(self, field)]
