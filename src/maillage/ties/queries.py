"""Reading ties: a network's ties now or as of a date, filtered, with a uniform set of annotations."""

from __future__ import annotations

from typing import Any

from django.db.models import F, Q

from maillage.directory.search import search_terms
from maillage.networks.models import Network
from maillage.ties.models import Level, Tie, TieQuerySet


def network_ties(network: Network, filters: dict[str, Any]) -> TieQuerySet:
    """The network's ties with `level_then`, `formality_then`, `observed_then` annotated.

    Without `as_of` these are the current state; with it, the state on that date. Ended
    ties (level none) are left out unless `include_ended`.
    """
    ties = Tie.objects.filter(network=network).select_related(
        "organization_a__sector", "organization_b__sector"
    )
    as_of = filters.get("as_of")
    if as_of:
        ties = ties.as_of(as_of)
    else:
        ties = ties.annotate(
            level_then=F("current_level"),
            formality_then=F("current_formality"),
            observed_then=F("current_observed_on"),
        )
    if not filters.get("include_ended"):
        ties = ties.filter(level_then__gt=Level.NONE)
    if filters.get("level_min"):
        ties = ties.filter(level_then__gte=int(filters["level_min"]))
    if filters.get("formality"):
        ties = ties.filter(formality_then=filters["formality"])
    for term in search_terms(filters.get("q") or ""):
        ties = ties.filter(
            Q(organization_a__search_text__contains=term) | Q(organization_b__search_text__contains=term)
        )
    return ties.order_by("-level_then", "organization_a__name_fr", "id")
