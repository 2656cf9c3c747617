"""Ties now or as of a date, their dated observations, and new ties and observations (the web's rules)."""

# No `from __future__ import annotations` here: django-ninja reads these signatures at run time, and
# `@paginate` re-wraps them where string annotations can no longer be resolved.

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status
from pydantic import StrictInt

from maillage.accounts.permissions import can_write_network, readable_network_filter
from maillage.api.errors import ERRORS, READ_ERRORS, django_validation_errors, form_errors
from maillage.api.pagination import Pagination
from maillage.api.schemas import Body, BodyId, Flag, IsoDate, ObjectId, PathId, SearchText, readable, user_of
from maillage.networks.permissions import get_network_for
from maillage.ties.actions import do_create_tie, do_observe
from maillage.ties.forms import ObservationForm, TieCreateForm
from maillage.ties.models import LEVEL_CODES, Formality, Tie, TieObservation
from maillage.ties.queries import filter_ties, in_state

router = Router(tags=["ties"])


class TieOrganization(Schema):
    id: int
    name: str
    sector: str

    @staticmethod
    def resolve_sector(obj: Any) -> str:
        return obj.sector.code


class TieOut(Schema):
    id: int
    network_id: int | None
    organization_a: TieOrganization
    organization_b: TieOrganization
    level: int
    level_code: str
    formality: str
    observed_on: datetime.date | None

    @staticmethod
    def resolve_level(obj: Any) -> int:
        return int(obj.level_then or 0)

    @staticmethod
    def resolve_level_code(obj: Any) -> str:
        return LEVEL_CODES.get(int(obj.level_then or 0), "none")

    @staticmethod
    def resolve_formality(obj: Any) -> str:
        return str(obj.formality_then or "")

    @staticmethod
    def resolve_observed_on(obj: Any) -> datetime.date | None:
        return obj.observed_then


class ObservationOut(Schema):
    id: int
    observed_on: datetime.date
    level: int
    formality: str
    agreement_kind: str
    agreement_ends_on: datetime.date | None
    referrals: bool
    information: bool
    resources: bool
    joint_projects: bool
    source: str
    note: str


class TieDetailOut(TieOut):
    observations: list[ObservationOut]

    @staticmethod
    def resolve_observations(obj: Any) -> list[TieObservation]:
        return list(obj.observations.order_by("observed_on", "id"))


class TieFilters(Schema):
    network: ObjectId | None = None
    organization: ObjectId | None = None
    as_of: IsoDate | None = None
    level_min: int | None = None
    formality: Formality | None = None
    include_ended: bool = False
    q: SearchText = ""


class ObservationIn(Body):
    observed_on: IsoDate
    level: StrictInt
    formality: str = Formality.INFORMAL
    agreement_kind: str = ""
    agreement_ends_on: IsoDate | None = None
    referrals: Flag = False
    information: Flag = False
    resources: Flag = False
    joint_projects: Flag = False
    note: str = ""


class TieIn(ObservationIn):
    network: BodyId
    organization_a: BodyId
    organization_b: BodyId


def ties_for(user: Any, as_of: datetime.date | None = None) -> Any:
    """Ties of the networks the user reads (ties outside any network: admins only), in their state on
    `as_of` (their current state without it), annotated the same way either way."""
    ties = Tie.objects.filter(readable_network_filter(user, prefix="network__")).select_related(
        "organization_a__sector", "organization_b__sector"
    )
    return in_state(ties, as_of)


@router.get("/ties", response={200: list[TieOut], **READ_ERRORS})
@paginate(Pagination)
def list_ties(request: HttpRequest, filters: Query[TieFilters]) -> Any:
    """Ties in their current state, or in their state on `as_of` (the latest observation on or before it)."""
    ties = ties_for(user_of(request), filters.as_of)
    if filters.network:
        ties = ties.filter(network_id=filters.network)
    if filters.organization:
        ties = ties.filter(
            Q(organization_a_id=filters.organization) | Q(organization_b_id=filters.organization)
        )
    ties = filter_ties(
        ties,
        include_ended=filters.include_ended,
        level_min=filters.level_min,
        formality=filters.formality,
        q=filters.q,
    )
    return ties.order_by("-level_then", "id")


@router.get("/ties/{tie_id}", response={200: TieDetailOut, **READ_ERRORS})
def get_tie(request: HttpRequest, tie_id: PathId, as_of: IsoDate | None = None) -> Any:
    return get_object_or_404(ties_for(user_of(request), as_of), pk=tie_id)


@router.post("/ties", response={201: TieDetailOut, **ERRORS})
def create_tie(request: HttpRequest, payload: TieIn) -> Any:
    """A new tie between two members of the network, with its first observation."""
    user = user_of(request)
    network = readable(get_network_for, user, payload.network, write=True)
    form = TieCreateForm(payload.model_dump(exclude={"network"}), network=network)
    if not form.is_valid():
        raise form_errors(form)
    try:
        tie = do_create_tie(
            form.cleaned_data["organization_a"], form.cleaned_data["organization_b"], network,
            form.observation_data(), user,
        )  # fmt: skip
    except DjangoValidationError as error:
        raise django_validation_errors(error) from error
    return Status(201, ties_for(user).get(pk=tie.pk))


@router.post("/ties/{tie_id}/observations", response={201: TieDetailOut, **ERRORS})
def observe_tie(request: HttpRequest, tie_id: PathId, payload: ObservationIn) -> Any:
    """Record the tie's state at a date; earlier observations are kept."""
    user = user_of(request)
    tie = get_object_or_404(ties_for(user).select_related("network"), pk=tie_id)
    if tie.network is None or not can_write_network(user, tie.network):
        raise PermissionDenied
    form = ObservationForm(payload.model_dump())
    if not form.is_valid():
        raise form_errors(form)
    try:
        do_observe(tie, form.observation_data(), user)
    except DjangoValidationError as error:
        raise django_validation_errors(error) from error
    return Status(201, ties_for(user).get(pk=tie.pk))
