"""A territory's concertation load: the same figures as its concertation page (`concertation.data`)."""

# No `from __future__ import annotations` here: django-ninja reads these signatures at run time.

import datetime
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import get_language
from ninja import Field, Query, Router, Schema

from maillage.analysis import AnalysisError
from maillage.api.errors import READ_ERRORS, invalid
from maillage.api.schemas import IsoDate, PathId, readable, user_of
from maillage.concertation.data import Thresholds, concertation_for
from maillage.concertation.events import EventRequestError, run_event
from maillage.observatory import scope_for

router = Router(tags=["concertation"])


class ConcertationQuery(Schema):
    as_of: IsoDate | None = None
    min_spaces: int = Field(3, ge=1, le=100)
    jaccard: float = Field(0.5, ge=0.05, le=1)
    containment: float = Field(0.75, ge=0.05, le=1)


class SpaceOut(Schema):
    id: int
    name: str
    kind: str
    dynamic: str
    territory: str
    themes: list[str]
    populations: list[str]
    members: int
    meeting_hours_per_year: float | None


class PairOut(Schema):
    a: int
    b: int
    size_a: int
    size_b: int
    shared: int
    jaccard: float
    containment: float


class OrganizationLoadOut(Schema):
    id: int
    name: str
    spaces: int
    meeting_hours_per_year: float
    spaces_without_hours: int


class ThemeUseOut(Schema):
    code: str
    spaces: int


class ConcertationOut(Schema):
    territory: int
    as_of: datetime.date
    min_spaces: int
    jaccard_threshold: float
    containment_threshold: float
    spaces: list[SpaceOut]
    pairs: list[PairOut]
    pairs_total: int
    pairs_sharing_members: int
    organizations: list[OrganizationLoadOut]
    heavily_solicited: int
    mean_spaces: float
    themes: list[ThemeUseOut]
    uncovered_themes: list[str]
    uncovered_populations: list[str]


@router.get("/territories/{territory_id}/concertation", response={200: ConcertationOut, **READ_ERRORS})
def territory_concertation(
    request: HttpRequest, territory_id: PathId, query: Query[ConcertationQuery]
) -> Any:
    """The active spaces of the territory that the caller may read, each flagged pair's `jaccard` and
    `containment` (at most 5,000, most contained first; `pairs_total` says how many), and every
    organization's number of spaces, most solicited first."""
    scope = readable(lambda user, pk: scope_for(user, "territory", pk), user_of(request), territory_id)
    thresholds = Thresholds(
        as_of=query.as_of or datetime.date.today(),
        min_spaces=query.min_spaces,
        jaccard=query.jaccard,
        containment=query.containment,
    )
    data = concertation_for(scope, thresholds, language=(get_language() or "fr")[:2], organization_limit=None)
    return {
        "territory": territory_id,
        "as_of": thresholds.as_of,
        "min_spaces": thresholds.min_spaces,
        "jaccard_threshold": thresholds.jaccard,
        "containment_threshold": thresholds.containment,
        "spaces": data.spaces,
        "pairs": data.pairs,
        "pairs_total": data.pairs_total,
        "pairs_sharing_members": data.pairs_sharing,
        "organizations": data.organizations,
        "heavily_solicited": data.heavy_count,
        "mean_spaces": data.mean_load,
        "themes": data.themes,
        "uncovered_themes": [item["code"] for item in data.uncovered_themes],
        "uncovered_populations": [item["code"] for item in data.uncovered_populations],
    }


class CutOffOut(Schema):
    id: int
    name: str


class HoldingTieOut(Schema):
    source: int
    target: int
    network: str


class LaterOut(Schema):
    date: str
    largest_component_share: float
    predicted_cut_off: int
    cut_off_indeed: int
    holding: int
    holding_still_there: int


class EventOut(Schema):
    event: str
    description: str
    abolished_spaces: list[int]
    removed_ties: int
    merged_organizations: int
    largest_component_share_before: float
    largest_component_share_after: float
    cut_off: list[CutOffOut]
    holding_ties: list[HoldingTieOut]
    later: LaterOut | None


EventText = Annotated[str, Field(max_length=40, description="space:ID, funder:ID or reform")]


@router.get("/territories/{territory_id}/events", response={200: EventOut, **READ_ERRORS})
def territory_event(
    request: HttpRequest, territory_id: PathId, event: EventText, as_of: IsoDate | None = None
) -> Any:
    """What the territory's readable networks keep if a space is abolished, a funder withdraws or a reform
    like 2015 comes (the “what if” page's figures; lists at most 200 rows each)."""
    scope = readable(lambda user, pk: scope_for(user, "territory", pk), user_of(request), territory_id)
    try:
        outcome = run_event(scope, event, as_of or datetime.date.today(), (get_language() or "fr")[:2])
    except (EventRequestError, AnalysisError) as error:
        raise invalid({"event": [str(error)[:300]]}) from error
    result = outcome.result
    return {
        "event": result.event,
        "description": outcome.description,
        # The core's vertices are any Hashable; the app's are primary keys.
        "abolished_spaces": sorted(int(pk) for pk in outcome.event.abolished_spaces),  # type: ignore[call-overload]
        "removed_ties": result.removed_ties,
        "merged_organizations": result.merged_organizations,
        "largest_component_share_before": result.largest_component_share_before,
        "largest_component_share_after": result.largest_component_share_after,
        "cut_off": outcome.cut_off,
        "holding_ties": outcome.holding,
        "later": outcome.later.__dict__ if outcome.later else None,
    }
