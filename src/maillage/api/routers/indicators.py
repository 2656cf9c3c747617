"""Indicators, read only: their definitions, a network's values for a year, and the data values behind them.

Values are computed by the indicators app (`network_scorecard`, the same numbers as its pages and the
yearly reports); nothing is recomputed here.
"""

# No `from __future__ import annotations` here: django-ninja reads these signatures at run time, and
# `@paginate` re-wraps them where string annotations can no longer be resolved.

import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from maillage.accounts.permissions import readable_network_filter
from maillage.api.errors import READ_ERRORS
from maillage.api.pagination import Pagination
from maillage.api.schemas import Code, NetworkRef, ObjectId, PathId, readable, user_of
from maillage.directory.i18n import pick_language
from maillage.indicators.models import DataValue, Family, Indicator, ValueOrigin
from maillage.indicators.scorecard import network_scorecard
from maillage.networks.permissions import get_network_for

router = Router(tags=["indicators"])


class IndicatorOut(Schema):
    code: str
    name: str
    definition: str
    family: str
    rba_kind: str
    unit: str
    direction: str
    period_type: str
    aggregation: str
    decimals: int
    baseline: float | None
    baseline_period: str

    @staticmethod
    def resolve_definition(obj: Any) -> str:

        return pick_language(obj.definition_fr, obj.definition_en)


class IndicatorFilters(Schema):
    family: Family | None = None


class TrendPoint(Schema):
    year: int
    value: float | None


class IndicatorValueOut(Schema):
    code: str
    name: str
    unit: str
    year: int
    value: float | None
    target: float | None
    band: str | None
    reason: str
    trend: list[TrendPoint]


class DataValueOut(Schema):
    element: str
    network: NetworkRef
    period: str
    value: float
    origin: str
    updated_at: datetime.datetime

    @staticmethod
    def resolve_element(obj: Any) -> str:
        return obj.element.code


class DataValueFilters(Schema):
    network: ObjectId | None = None
    element: Code = ""
    period: Code = ""


@router.get("/indicators", response={200: list[IndicatorOut], **READ_ERRORS})
@paginate(Pagination)
def list_indicators(request: HttpRequest, filters: Query[IndicatorFilters]) -> Any:
    """The active indicators and their definitions (the registry: the same for everyone)."""
    indicators = Indicator.objects.filter(active=True)
    if filters.family:
        indicators = indicators.filter(family=filters.family)
    return indicators.order_by("order", "code")


@router.get("/networks/{network_id}/indicators", response={200: list[IndicatorValueOut], **READ_ERRORS})
def network_indicators(
    request: HttpRequest, network_id: PathId, year: int | None = Query(None, ge=1990, le=2100)
) -> Any:
    """Each active indicator of the network for `year` (default: last year), with its target and trend."""
    network = readable(get_network_for, user_of(request), network_id)
    year = year or timezone.localdate().year - 1
    return [
        {
            "code": row.code,
            "name": row.name,
            "unit": row.unit,
            "year": year,
            "value": row.value,
            "target": row.target,
            "band": row.band.colour if row.band else None,
            "reason": str(row.reason or ""),
            "trend": [{"year": y, "value": v} for y, v in zip(row.trend_years, row.trend, strict=False)],
        }
        for row in network_scorecard(network, year)
    ]


@router.get("/indicator-values", response={200: list[DataValueOut], **READ_ERRORS})
@paginate(Pagination)
def list_data_values(request: HttpRequest, filters: Query[DataValueFilters]) -> Any:
    """The data values entered or imported for the networks you may read (what indicators compute from)."""
    values = DataValue.objects.filter(readable_network_filter(user_of(request), prefix="network__")).exclude(
        origin=ValueOrigin.DELETED
    )
    if filters.network:
        values = values.filter(network_id=filters.network)
    if filters.element:
        values = values.filter(element__code=filters.element)
    if filters.period:
        values = values.filter(period=filters.period)
    return values.select_related("element", "network").order_by(
        "network_id", "-period", "element__code", "id"
    )
