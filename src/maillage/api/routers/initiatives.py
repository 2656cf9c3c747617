"""Documented initiatives: public ones for everyone, even without a token; private ones for their networks."""

# No `from __future__ import annotations` here: django-ninja reads these signatures at run time, and
# `@paginate` re-wraps them where string annotations can no longer be resolved.

import datetime
from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from maillage.api.auth import OPTIONAL
from maillage.api.errors import READ_ERRORS
from maillage.api.pagination import Pagination
from maillage.api.schemas import Code, NetworkRef, ObjectId, PathId, SearchText, TerritoryRef, user_of
from maillage.directory.models import Territory
from maillage.initiatives.models import Stage
from maillage.initiatives.permissions import can_read_initiative
from maillage.initiatives.search import search_initiatives, visible_initiatives

router = Router(tags=["initiatives"], auth=OPTIONAL)
# Tell the OpenAPI document that a token is optional here (`{}`: no authentication at all).
OPTIONAL_AUTH: dict[str, list[dict[str, list[str]]]] = {
    "security": [{"TokenAuth": []}, {"SessionAuth": []}, {}]
}


class PartnerOut(Schema):
    organization_id: int | None
    name: str
    role: str

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return obj.display_name


class InitiativeOut(Schema):
    id: int
    title: str
    title_fr: str
    title_en: str
    summary: str
    territory: TerritoryRef
    stage: str
    visibility: str
    outcomes: list[str]
    populations: list[str]
    strategies: list[str]
    networks: list[NetworkRef]
    start_date: datetime.date | None
    end_date: datetime.date | None
    updated_at: datetime.datetime

    @staticmethod
    def resolve_populations(obj: Any) -> list[str]:
        return [item.code for item in obj.populations.all()]

    @staticmethod
    def resolve_strategies(obj: Any) -> list[str]:
        return [item.code for item in obj.strategies.all()]

    @staticmethod
    def resolve_outcomes(obj: Any) -> list[str]:
        return [str(code) for code in obj.outcomes or []]

    @staticmethod
    def resolve_networks(obj: Any, context: Any) -> list[Any]:
        # As on the web: signed-in readers see an initiative's networks; the public site names none.
        request = context["request"]
        return list(obj.networks.all()) if request.auth.is_authenticated else []


class InitiativeDetailOut(InitiativeOut):
    story: str
    results: str
    challenges: str
    partners: list[PartnerOut]
    contact_name: str
    contact_email: str

    @staticmethod
    def resolve_partners(obj: Any) -> list[Any]:
        return list(obj.partners.select_related("organization"))

    # Personal data leaves the record only with the person's consent.
    @staticmethod
    def resolve_contact_name(obj: Any) -> str:
        return obj.contact_name if obj.shows_contact else ""

    @staticmethod
    def resolve_contact_email(obj: Any) -> str:
        return obj.contact_email if obj.shows_contact else ""


class InitiativeFilters(Schema):
    q: SearchText = ""
    territory: ObjectId | None = None
    stage: Stage | None = None
    network: ObjectId | None = None
    population: Code = ""


def _prefetched(initiatives: Any) -> Any:
    return initiatives.select_related("territory").prefetch_related("populations", "strategies", "networks")


@router.get("/initiatives", response={200: list[InitiativeOut], **READ_ERRORS}, openapi_extra=OPTIONAL_AUTH)
@paginate(Pagination)
def list_initiatives(request: HttpRequest, filters: Query[InitiativeFilters]) -> Any:
    """Best matches first when `q` is given (the same full-text search as the web register)."""
    user = user_of(request)
    region = get_object_or_404(Territory, pk=filters.territory) if filters.territory else None
    initiatives = search_initiatives(filters.q, {"region": region, "stage": filters.stage}, user)
    if filters.network:
        initiatives = initiatives.filter(networks=filters.network)
    if filters.population:
        initiatives = initiatives.filter(populations__code=filters.population)
    return _prefetched(initiatives).distinct()


@router.get(
    "/initiatives/{initiative_id}",
    response={200: InitiativeDetailOut, **READ_ERRORS},
    openapi_extra=OPTIONAL_AUTH,
)
def get_initiative(request: HttpRequest, initiative_id: PathId) -> Any:
    user = user_of(request)
    initiative = _prefetched(visible_initiatives(user)).filter(pk=initiative_id).first()
    if initiative is None or not can_read_initiative(user, initiative):
        raise Http404
    return initiative
