"""Reading ties: a network's ties now or as of a date, filtered, with a uniform set of annotations."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import F, Q

from maillage.directory.search import search_terms
from maillage.networks.models import Network
from maillage.ties.models import Level, Tie, TieQuerySet


def in_state(ties: TieQuerySet, as_of: datetime.date | str | None = None) -> TieQuerySet:
    """`ties` with `level_then`, `formality_then`, `observed_then` annotated: their state on `as_of`, or
    their current state without it (the same annotations either way)."""
    if as_of:
        return ties.as_of(as_of)
    return ties.annotate(
        level_then=F("current_level"),
        formality_then=F("current_formality"),
        observed_then=F("current_observed_on"),
    )


def filter_ties(
    ties: TieQuerySet,
    *,
    include_ended: bool = False,
    level_min: int | None = None,
    formality: str | None = None,
    q: str = "",
) -> TieQuerySet:
    """The tie-list filters of the network page and the API, on ties annotated by `in_state`.

    Ended ties (level none) are left out unless `include_ended`; `level_min` is held within the scale;
    `q` matches words of either organization's name.
    """
    if not include_ended:
        ties = ties.filter(level_then__gt=Level.NONE)
    if level_min:
        ties = ties.filter(level_then__gte=max(Level.NONE, min(int(level_min), Level.COLLABORATION)))
    if formality:
        ties = ties.filter(formality_then=formality)
    for term in search_terms(q or ""):
        ties = ties.filter(
            Q(organization_a__search_text__contains=term) | Q(organization_b__search_text__contains=term)
        )
    return ties


def network_ties(network: Network, filters: dict[str, Any]) -> TieQuerySet:
    """The network's ties with `level_then`, `formality_then`, `observed_then` annotated.

    Without `as_of` these are the current state; with it, the state on that date. Ended
    ties (level none) are left out unless `include_ended`.
    """
    ties = Tie.objects.filter(network=network).select_related(
        "organization_a__sector", "organization_b__sector"
    )
    ties = filter_ties(
        in_state(ties, filters.get("as_of")),
        include_ended=bool(filters.get("include_ended")),
        level_min=filters.get("level_min"),
        formality=filters.get("formality"),
        q=filters.get("q") or "",
    )
    return ties.order_by("-level_then", "organization_a__name_fr", "id")
