"""Writes that touch a tie and its observations together."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from maillage.directory.models import Organization
from maillage.networks.models import Network
from maillage.ties.models import Formality, ObservationSource, Tie, TieObservation


@dataclass(frozen=True)
class ObservationData:
    observed_on: datetime.date
    level: int
    formality: str = Formality.INFORMAL
    agreement_kind: str = ""
    referrals: bool = False
    information: bool = False
    resources: bool = False
    joint_projects: bool = False
    source: str = ObservationSource.MANUAL
    note: str = ""


def ordered_pair(first: Organization, second: Organization) -> tuple[Organization, Organization]:
    if first.pk == second.pk:
        raise ValidationError({"organization_b": _("An organization cannot have a tie with itself.")})
    return (first, second) if first.pk < second.pk else (second, first)


def find_tie(first: Organization, second: Organization, network: Network | None) -> Tie | None:
    a, b = ordered_pair(first, second)
    return Tie.objects.filter(organization_a=a, organization_b=b, network=network).first()


@transaction.atomic
def do_create_tie(
    first: Organization,
    second: Organization,
    network: Network | None,
    data: ObservationData,
    user: User | None = None,
) -> Tie:
    """Create a tie with its first observation. A pair is stored once per network."""
    a, b = ordered_pair(first, second)
    if Tie.objects.filter(organization_a=a, organization_b=b, network=network).exists():
        raise ValidationError(
            {
                "organization_b": _(
                    "These two organizations already have a tie in this network: add an observation to it."
                )
            }
        )
    tie = Tie.objects.create(organization_a=a, organization_b=b, network=network)
    do_observe(tie, data, user)
    return tie


@transaction.atomic
def do_observe(tie: Tie, data: ObservationData, user: User | None = None) -> TieObservation:
    """Add a dated observation; the tie's cached current state follows the latest one."""
    observation = TieObservation(tie=tie, recorded_by=user, **data.__dict__)
    observation.full_clean(exclude=["tie"])
    observation.save()
    latest = tie.observations.order_by("-observed_on", "-id").first()
    assert latest is not None
    Tie.objects.filter(pk=tie.pk).update(
        current_level=latest.level, current_formality=latest.formality, current_observed_on=latest.observed_on
    )
    tie.current_level, tie.current_formality = latest.level, latest.formality
    tie.current_observed_on = latest.observed_on
    return observation
