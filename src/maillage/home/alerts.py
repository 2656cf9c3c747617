"""What needs a reader's attention in their networks, each kind of alert read in one query for all of them.

"Since the last wave" means on or after the date of the network's latest survey wave that was opened (its
observations carry that date); a network that never ran a wave looks back `NO_WAVE_DAYS` days instead.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import F, Max, OuterRef, Q, Subquery
from django.urls import reverse

from maillage.networks.models import Membership, Network
from maillage.surveys.models import Wave, WaveStatus
from maillage.ties.models import Formality, Level, Tie, TieObservation

NO_WAVE_DAYS = 365
ENDING_WITHIN_DAYS = 90
# Kinds in the order they are shown: what asks for an action first.
KINDS = (
    "wave_overdue",
    "tie_lost",
    "tie_weakened",
    "agreement_ending",
    "partner_left",
    "membership_ending",
    "network_ending",
)


@dataclass(frozen=True)
class Alert:
    kind: str
    network: Network
    url: str
    day: datetime.date | None = None
    subject: str = ""  # the organization or pair the alert is about
    detail: str = ""  # e.g. the level before and after

    @property
    def rank(self) -> int:
        return KINDS.index(self.kind)


def last_wave_dates(networks: dict[int, Network], today: datetime.date) -> dict[int, datetime.date]:
    """Per network: the date of its latest opened wave, or `NO_WAVE_DAYS` ago (one query for all)."""
    latest = dict(
        Wave.objects.filter(network__in=list(networks))
        .exclude(status=WaveStatus.DRAFT)
        .values("network")
        .annotate(day=Max("date"))
        .values_list("network", "day")
    )
    fallback = today - datetime.timedelta(days=NO_WAVE_DAYS)
    return {pk: latest.get(pk, fallback) for pk in networks}


def _on_or_after(field: str, since: dict[int, datetime.date]) -> Q:
    """`field` on or after each network's own date."""
    condition = Q(pk__in=[])
    for pk, day in since.items():
        condition |= Q(network_id=pk, **{f"{field}__gte": day})
    return condition


def tie_alerts(networks: dict[int, Network], since: dict[int, datetime.date]) -> list[Alert]:
    """Ties whose latest observation, made since the last wave, is weaker than the one before it."""
    previous = (
        TieObservation.objects.filter(tie=OuterRef("pk"), observed_on__lt=OuterRef("current_observed_on"))
        .order_by("-observed_on", "-id")
        .values("level")[:1]
    )
    ties = (
        # Recent observations first: the level before is looked up for those ties alone.
        Tie.objects.filter(_on_or_after("current_observed_on", since))
        .annotate(level_before=Subquery(previous))
        .filter(level_before__gt=0, current_level__lt=F("level_before"))
        .select_related("organization_a", "organization_b")
        .order_by("-current_observed_on", "pk")
    )
    alerts = []
    for tie in ties:
        kind = "tie_lost" if tie.current_level == Level.NONE else "tie_weakened"
        detail = f"{Level(tie.level_before).label} → {Level(tie.current_level).label}"
        alerts.append(
            Alert(
                kind,
                networks[tie.network_id],
                reverse("ties:detail", args=[tie.pk]),
                tie.current_observed_on,
                f"{tie.organization_a.name} — {tie.organization_b.name}",
                detail,
            )
        )
    return alerts


def agreement_alerts(networks: dict[int, Network], today: datetime.date) -> list[Alert]:
    """Formal ties whose agreement, as their latest observation says, ends within 90 days."""
    horizon = today + datetime.timedelta(days=ENDING_WITHIN_DAYS)
    latest = TieObservation.objects.filter(tie=OuterRef("pk")).order_by("-observed_on", "-id")
    ties = (
        Tie.objects.filter(
            network__in=list(networks), current_level__gt=0, current_formality=Formality.FORMAL
        )
        .annotate(ends_on=Subquery(latest.values("agreement_ends_on")[:1]))
        .filter(ends_on__gte=today, ends_on__lte=horizon)
        .select_related("organization_a", "organization_b")
        .order_by("ends_on", "pk")
    )
    return [
        Alert(
            "agreement_ending",
            networks[tie.network_id],
            reverse("ties:detail", args=[tie.pk]),
            tie.ends_on,
            f"{tie.organization_a.name} — {tie.organization_b.name}",
        )
        for tie in ties
    ]


def membership_alerts(
    networks: dict[int, Network], since: dict[int, datetime.date], today: datetime.date
) -> list[Alert]:
    """Partners who left since the last wave, and partners whose membership ends within 90 days."""
    horizon = today + datetime.timedelta(days=ENDING_WITHIN_DAYS)
    left = _on_or_after("end_date", since) & Q(end_date__lte=today)
    seats = (
        Membership.objects.filter(
            left | Q(network__in=list(networks), end_date__gt=today, end_date__lte=horizon)
        )
        .select_related("organization")
        .order_by("end_date", "pk")
    )
    return [
        Alert(
            "partner_left" if seat.end_date <= today else "membership_ending",
            networks[seat.network_id],
            reverse("directory:organization_detail", args=[seat.organization_id]),
            seat.end_date,
            seat.organization.name,
        )
        for seat in seats
    ]


def wave_alerts(networks: dict[int, Network], writable: set[int], today: datetime.date) -> list[Alert]:
    """Waves still open past their last day: only those who can close them are told."""
    ids = [pk for pk in networks if pk in writable]
    waves = Wave.objects.filter(network__in=ids, status=WaveStatus.OPEN, closes_on__lt=today)
    return [
        Alert(
            "wave_overdue",
            networks[wave.network_id],
            reverse("surveys:wave_detail", args=[wave.pk]),
            wave.closes_on,
        )
        for wave in waves.order_by("closes_on", "pk")
    ]


def network_alerts(networks: dict[int, Network], today: datetime.date) -> list[Alert]:
    """Networks whose own end date falls within 90 days (read from the rows already loaded)."""
    horizon = today + datetime.timedelta(days=ENDING_WITHIN_DAYS)
    return [
        Alert("network_ending", n, reverse("networks:detail", args=[n.pk]), n.end_date)
        for n in networks.values()
        if n.end_date is not None and today <= n.end_date <= horizon
    ]


def alerts_for(networks: Iterable[Network], writable: set[int], today: datetime.date) -> list[Alert]:
    """Every alert of these networks (the reader's own), what asks for an action first."""
    by_id = {network.pk: network for network in networks}
    if not by_id:
        return []
    since = last_wave_dates(by_id, today)
    alerts = [
        *wave_alerts(by_id, writable, today),
        *tie_alerts(by_id, since),
        *agreement_alerts(by_id, today),
        *membership_alerts(by_id, since, today),
        *network_alerts(by_id, today),
    ]
    return sorted(alerts, key=lambda alert: alert.rank)
