"""The directory's organizations: every signed-in caller reads them; coordinators create and edit them."""

# No `from __future__ import annotations` here: django-ninja reads these signatures at run time, and
# `@paginate` re-wraps them where string annotations can no longer be resolved.

import datetime
from typing import Any

from django.db.models.functions import Lower
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from maillage.api.errors import ERRORS, READ_ERRORS, form_errors
from maillage.api.pagination import Pagination
from maillage.api.schemas import (
    Body,
    BodyId,
    Code,
    Flag,
    ObjectId,
    PathId,
    SearchText,
    SectorRef,
    TerritoryRef,
    readable,
    user_of,
)
from maillage.directory.forms import OrganizationForm
from maillage.directory.models import Organization, Population, Sector, Territory
from maillage.directory.permissions import ensure_can_create_organization, get_organization_for
from maillage.directory.search import search_terms
from maillage.networks.permissions import readable_networks

router = Router(tags=["organizations"])


class OrganizationOut(Schema):
    id: int
    name: str
    name_fr: str
    name_en: str
    acronym: str
    sector: SectorRef
    territory: TerritoryRef | None
    languages: list[str]
    populations: list[str]
    parent_id: int | None
    website: str
    description: str
    active: bool
    updated_at: datetime.datetime

    @staticmethod
    def resolve_populations(obj: Organization) -> list[str]:
        return [population.code for population in obj.populations.all()]

    @staticmethod
    def resolve_languages(obj: Organization) -> list[str]:
        return [str(code) for code in obj.languages or []]


class OrganizationFilters(Schema):
    q: SearchText = ""
    sector: Code = ""
    territory: ObjectId | None = None
    network: ObjectId | None = None
    active: bool | None = True


class OrganizationIn(Body):
    name_fr: str = ""
    name_en: str = ""
    acronym: str = ""
    sector: str
    territory: BodyId | None = None
    languages: list[str] = []
    populations: list[str] = []
    parent: BodyId | None = None
    website: str = ""
    description: str = ""
    active: Flag = True


class OrganizationPatch(Body):
    name_fr: str = ""
    name_en: str = ""
    acronym: str = ""
    sector: str = ""
    territory: BodyId | None = None
    languages: list[str] = []
    populations: list[str] = []
    parent: BodyId | None = None
    website: str = ""
    description: str = ""
    active: Flag = True


def _organizations() -> Any:
    return Organization.objects.select_related("sector", "territory").prefetch_related("populations")


@router.get("/organizations", response={200: list[OrganizationOut], **READ_ERRORS})
@paginate(Pagination)
def list_organizations(request: HttpRequest, filters: Query[OrganizationFilters]) -> Any:
    organizations = _organizations()
    for term in search_terms(filters.q):
        organizations = organizations.filter(search_text__contains=term)
    if filters.sector:
        organizations = organizations.filter(sector__code=filters.sector)
    if filters.territory:
        territory = get_object_or_404(Territory, pk=filters.territory)
        organizations = organizations.filter(territory__path__startswith=territory.path)
    if filters.network:
        network = get_object_or_404(readable_networks(user_of(request)), pk=filters.network)
        organizations = organizations.filter(memberships__network=network).distinct()
    if filters.active is not None:
        organizations = organizations.filter(active=filters.active)
    # The web list's order, which the organization_name_order index serves without sorting the directory.
    return organizations.order_by(Lower("name_fr"), "id")


@router.get("/organizations/{organization_id}", response={200: OrganizationOut, **READ_ERRORS})
def get_organization(request: HttpRequest, organization_id: PathId) -> Any:
    readable(get_organization_for, user_of(request), organization_id)
    return _organizations().get(pk=organization_id)


def _form_data(payload: dict[str, Any]) -> dict[str, Any]:
    """The API speaks in codes and ids; the form in its own widgets' values. Unknown codes are passed on
    unchanged so that the form refuses them with its usual message, next to the field."""
    data = dict(payload)
    if "sector" in data:
        sectors = dict(Sector.objects.values_list("code", "pk"))
        data["sector"] = sectors.get(data["sector"], data["sector"])
    if "populations" in data:
        populations = dict(Population.objects.values_list("code", "pk"))
        data["populations"] = [populations.get(code, code) for code in data["populations"]]
    if "parent" in data:
        data["parent"] = f"[#{data['parent']}]" if data["parent"] else ""
    if data.get("territory") is None:
        data["territory"] = ""
    return data


def _current_data(organization: Organization) -> dict[str, Any]:
    return {
        "name_fr": organization.name_fr,
        "name_en": organization.name_en,
        "acronym": organization.acronym,
        "sector": organization.sector.code,
        "territory": organization.territory_id,
        "languages": list(organization.languages or []),
        "populations": [p.code for p in organization.populations.all()],
        "parent": organization.parent_id,
        "website": organization.website,
        "description": organization.description,
        "active": organization.active,
    }


@router.post("/organizations", response={201: OrganizationOut, **ERRORS})
def create_organization(request: HttpRequest, payload: OrganizationIn) -> Any:
    ensure_can_create_organization(user_of(request))
    form = OrganizationForm(_form_data(payload.model_dump()))
    if not form.is_valid():
        raise form_errors(form)
    organization = form.save()
    return Status(201, _organizations().get(pk=organization.pk))


@router.patch("/organizations/{organization_id}", response={200: OrganizationOut, **ERRORS})
def update_organization(request: HttpRequest, organization_id: PathId, payload: OrganizationPatch) -> Any:
    organization = readable(get_organization_for, user_of(request), organization_id, write=True)
    data = {**_current_data(organization), **payload.model_dump(exclude_unset=True)}
    form = OrganizationForm(_form_data(data), instance=organization)
    if not form.is_valid():
        raise form_errors(form)
    form.save()
    return _organizations().get(pk=organization.pk)
