"""Scenarios tied to the recorded facts: “this space is abolished”, “this funder withdraws”, “a reform
like 2015”. Each turns database facts into an :class:`maillage.analysis.Event` and runs it on the territory's
network (the readable networks only, as on the dashboards), at a date.

* space — its formal ties stop; informal ties between its members stay.
* funder — every space of the territory that this funder paid for at least half of, in the latest year of
  recorded funding up to the date, is abolished as above.
* reform — as in 2015: the health and social services institutions of each region are merged into one, and
  the prescribed spaces (top-down, funded from above) are abolished.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from maillage.analysis import Event, EventResult, build_graph, event_impact, fragmentation, snapshot
from maillage.concertation.data import active_networks
from maillage.concertation.models import ResourceKind
from maillage.concertation.resources import current_resources
from maillage.directory.i18n import pick_language
from maillage.directory.models import Organization, Territory, TerritoryKind
from maillage.networks.models import Dynamic
from maillage.observatory import Scope, cached_dataset, observation_dates

DEPENDENCY = 0.5  # a space depends on a funder paying at least this share of its funding
INSTITUTIONS = ("cisss", "clsc", "hospital", "chsld", "public_health")
SHOWN = 200


class EventRequestError(ValueError):
    """An event that cannot be run; the message is in the user's language."""


@dataclass
class Later:
    """What the data observed after the event's date say, beside what the event predicted."""

    date: str
    largest_component_share: float
    predicted_cut_off: int
    cut_off_indeed: int  # predicted cut off and outside the largest group at the later date
    holding: int
    holding_still_there: int  # holding informal ties still observed at the later date


@dataclass
class EventOutcome:
    event: Event
    description: str
    result: EventResult
    cut_off: list[dict[str, Any]]
    holding: list[dict[str, Any]]
    later: Later | None = None


def compare_with_later(dataset: Any, result: EventResult, on: datetime.date) -> Later | None:
    """Beside the prediction, the network at its latest observation after `on` (a later survey wave)."""
    later = [d for d in observation_dates(dataset) if d > on.isoformat()]
    if not later:
        return None
    og = build_graph(snapshot(dataset, as_of=later[-1]))
    membership = fragmentation(og.graph).membership
    ids = og.organizations["id"].tolist()
    counts = [int((membership == c).sum()) for c in range(int(membership.max()) + 1)] if len(ids) else []
    biggest = counts.index(max(counts)) if counts else -1
    largest = {key for key, component in zip(ids, membership.tolist(), strict=True) if component == biggest}
    present = {frozenset(pair) for pair in zip(og.ties["source"], og.ties["target"], strict=True)}
    holding = [
        frozenset(pair)
        for pair in zip(result.holding_ties["source"], result.holding_ties["target"], strict=True)
    ]
    return Later(
        date=later[-1],
        largest_component_share=max(counts) / len(ids) if counts else 0.0,
        predicted_cut_off=len(result.cut_off),
        cut_off_indeed=sum(1 for key in result.cut_off if key not in largest),
        holding=len(holding),
        holding_still_there=sum(1 for pair in holding if pair in present),
    )


def funders(scope: Scope) -> list[tuple[int, str]]:
    """The funders of the scope's spaces (current funding lines), by name."""
    rows = current_resources(scope.networks).filter(kind=ResourceKind.FUNDING, organization__isnull=False)
    found = {entry.organization_id: entry.organization.name for entry in rows}
    return sorted(found.items(), key=lambda item: (item[1], item[0]))


def dependent_spaces(scope: Scope, funder_id: int, on: datetime.date) -> tuple[int | None, list[int]]:
    """The latest year of funding up to `on`, and the scope's spaces the funder paid at least half of."""
    rows = list(
        current_resources(scope.networks).filter(
            kind=ResourceKind.FUNDING, year__lte=on.year, amount__isnull=False
        )
    )
    if not rows:
        return None, []
    year = max(entry.year for entry in rows)
    total: dict[int, Decimal] = defaultdict(Decimal)
    theirs: dict[int, Decimal] = defaultdict(Decimal)
    for entry in rows:
        if entry.year == year and entry.amount is not None:
            total[entry.network_id] += entry.amount
            if entry.organization_id == funder_id:
                theirs[entry.network_id] += entry.amount
    return year, sorted(pk for pk, amount in theirs.items() if total[pk] and amount / total[pk] >= DEPENDENCY)


def _region_of(path: str, regions: set[int]) -> int | None:
    return next((int(p) for p in path.strip("/").split("/") if p and int(p) in regions), None)


def reform_groups(organization_ids: list[Any]) -> list[list[int]]:
    """The health and social services institutions among these organizations, grouped by region."""
    regions = set(Territory.objects.filter(kind=TerritoryKind.REGION).values_list("pk", flat=True))
    groups: dict[int, list[int]] = defaultdict(list)
    rows = Organization.objects.filter(pk__in=organization_ids, sector__code__in=INSTITUTIONS).values_list(
        "pk", "territory__path"
    )
    for pk, path in rows:
        region = _region_of(path or "", regions)
        if region is not None:
            groups[region].append(pk)
    return [sorted(group) for _, group in sorted(groups.items()) if len(group) > 1]


def build_event(scope: Scope, text: str, on: datetime.date, dataset_ids: list[Any]) -> tuple[Event, str]:
    """The event a request names ("space:ID", "funder:ID", "reform") and a sentence saying what it does."""
    kind, _sep, value = text.partition(":")
    spaces = active_networks(scope.networks, on)
    if kind == "space" and value.isdigit() and len(value) <= 18:
        network = spaces.filter(pk=int(value)).first()
        if network is None:
            raise EventRequestError(_("No such active space in this territory."))
        return Event.build(f"space:{network.pk}", [network.pk]), _(
            "%(space)s is abolished: its formal ties stop; informal ties between its members stay."
        ) % {"space": network.name}
    if kind == "funder" and value.isdigit() and len(value) <= 18:
        year, abolished = dependent_spaces(scope, int(value), on)
        name = Organization.objects.filter(pk=int(value)).values_list("name_fr", "name_en").first()
        if name is None:
            raise EventRequestError(_("Unknown funder."))
        sentence = ngettext(
            "%(funder)s withdraws: the %(count)d space it paid at least half of in %(year)s is abolished.",
            "%(funder)s withdraws: the %(count)d spaces it paid at least half of in %(year)s are abolished.",
            len(abolished),
        )
        return Event.build(f"funder:{value}", abolished), sentence % {
            "funder": pick_language(*name),
            "count": len(abolished),
            "year": year or "—",
        }
    if kind == "reform":
        prescribed = list(spaces.filter(dynamic=Dynamic.PRESCRIPTION).values_list("pk", flat=True))
        groups = reform_groups(dataset_ids)
        return Event.build("reform", prescribed, groups), _(
            "A reform like 2015: the health and social services institutions of each region merge into one "
            "(%(merged)d organizations absorbed) and the %(count)d prescribed spaces are abolished."
        ) % {"merged": sum(len(g) - 1 for g in groups), "count": len(prescribed)}
    raise EventRequestError(_("Choose an event."))


def run_event(scope: Scope, text: str, on: datetime.date, language: str) -> EventOutcome:
    dataset = cached_dataset(scope, language)
    snap = snapshot(dataset, as_of=on.isoformat())
    og = build_graph(snap)
    event, description = build_event(scope, text, on, og.organizations["id"].tolist())
    result = event_impact(og, event)
    names = dict(zip(og.organizations["id"].tolist(), og.organizations["name"].tolist(), strict=True))
    network_names = {
        pk: pick_language(fr, en, language)
        for pk, fr, en in scope.networks.values_list("pk", "name_fr", "name_en")
    }
    # The core's vertices are any Hashable; the app's are primary keys.
    cut_off = [{"id": int(pk), "name": names.get(pk, "")} for pk in result.cut_off[:SHOWN]]  # type: ignore[call-overload]
    holding = [
        {
            "source": int(s),
            "target": int(t),
            "source_name": names.get(s, ""),
            "target_name": names.get(t, ""),
            "network": network_names.get(n, ""),
        }
        for s, t, n in result.holding_ties.head(SHOWN).itertuples(index=False)
    ]
    return EventOutcome(event, description, result, cut_off, holding, compare_with_later(dataset, result, on))
