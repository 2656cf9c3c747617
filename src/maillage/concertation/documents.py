"""Portraits and action plans of a territory, and the “already exists” check before one more is written.

Seed 001: the same portraits and action plans are done twice by tables that overlap. Before a new one is
recorded, the documents of the same kind whose territory is the same, above or below, and whose period
overlaps the proposed one are shown, with the populations they share. Documents are shared like the
directory: every signed-in person reads them; coordinators (and administrators) record them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from maillage.concertation.models import TerritoryDocument
from maillage.directory.models import Territory

MAX_SHOWN = 8


@dataclass
class SimilarDocument:
    document: TerritoryDocument
    populations: list[str] = field(default_factory=list)
    same_territory: bool = False


def related_territories(territory: Territory) -> Q:
    """The territory, the territories above it and every territory inside it."""
    above = [int(part) for part in territory.path.strip("/").split("/") if part]
    return Q(territory_id__in=above or [territory.pk]) | Q(territory__path__startswith=territory.path)


def territory_documents(territory: Territory) -> QuerySet[TerritoryDocument]:
    """The documents of the territory and of every territory inside it, newest first."""
    return (
        TerritoryDocument.objects.filter(territory__path__startswith=territory.path)
        .select_related("territory", "author_organization")
        .prefetch_related("populations")
    )


def similar_documents(
    territory: Territory | None,
    kind: str,
    first_year: int | None,
    last_year: int | None,
    populations: list[int],
    *,
    exclude_pk: int | None = None,
) -> list[SimilarDocument]:
    if territory is None or not kind:
        return []
    found = TerritoryDocument.objects.filter(related_territories(territory), kind=kind).exclude(
        pk=exclude_pk or 0
    )
    if first_year and last_year:
        found = found.filter(period_start__lte=last_year, period_end__gte=first_year)
    hits = []
    for document in found.select_related("territory", "author_organization").prefetch_related("populations")[
        :50
    ]:
        shared = [p.name for p in document.populations.all() if p.pk in set(populations)]
        hits.append(SimilarDocument(document, shared, document.territory_id == territory.pk))
    hits.sort(key=lambda h: (not h.same_territory, -len(h.populations), -h.document.published_on.toordinal()))
    return hits[:MAX_SHOWN]
