"""Networks the caller may read (their own, their territory's as a regional viewer, all for admins)."""

# No `from __future__ import annotations` here: django-ninja reads these signatures at run time, and
# `@paginate` re-wraps them where string annotations can no longer be resolved.

import datetime
from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from maillage.api.errors import READ_ERRORS
from maillage.api.pagination import Pagination
from maillage.api.schemas import Code, ObjectId, OrganizationRef, PathId, SearchText, TerritoryRef, user_of
from maillage.directory.models import Territory
from maillage.networks.permissions import readable_networks
from maillage.networks.queries import current_member_count

router = Router(tags=["networks"])


class NetworkOut(Schema):
    id: int
    name: str
    name_fr: str
    name_en: str
    kind: str
    scale: str
    territory: TerritoryRef
    lead_organization: OrganizationRef | None
    description: str
    dynamic: str
    funding: str
    problem_origin: str
    actions: str
    target_populations: list[str]
    action_strategies: list[str]
    start_date: datetime.date | None
    end_date: datetime.date | None
    current_members: int

    @staticmethod
    def resolve_target_populations(obj: Any) -> list[str]:
        return [item.code for item in obj.target_populations.all()]

    @staticmethod
    def resolve_action_strategies(obj: Any) -> list[str]:
        return [item.code for item in obj.action_strategies.all()]


class NetworkFilters(Schema):
    q: SearchText = ""
    kind: Code = ""
    territory: ObjectId | None = None


def networks_for(user: Any) -> Any:
    return (
        readable_networks(user)
        # Lead organizations by key for the page alone (a join made PostgreSQL scan the whole directory).
        .select_related("territory")
        .prefetch_related("lead_organization", "target_populations", "action_strategies")
        .annotate(current_members=current_member_count())
    )


@router.get("/networks", response={200: list[NetworkOut], **READ_ERRORS})
@paginate(Pagination)
def list_networks(request: HttpRequest, filters: Query[NetworkFilters]) -> Any:
    networks = networks_for(user_of(request))
    # Network names have no folded copy: the same word-by-word match as the web list.
    for term in filters.q.split()[:8]:
        networks = networks.filter(Q(name_fr__icontains=term) | Q(name_en__icontains=term))
    if filters.kind:
        networks = networks.filter(kind=filters.kind)
    if filters.territory:
        territory = get_object_or_404(Territory, pk=filters.territory)
        networks = networks.filter(territory__path__startswith=territory.path)
    return networks.order_by("name_fr", "id")


@router.get("/networks/{network_id}", response={200: NetworkOut, **READ_ERRORS})
def get_network(request: HttpRequest, network_id: PathId) -> Any:
    return get_object_or_404(networks_for(user_of(request)), pk=network_id)
