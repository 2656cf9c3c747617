"""Who sits in which network. Read with the network; written by its coordinators, through the web's form."""

# No `from __future__ import annotations` here: django-ninja reads these signatures at run time, and
# `@paginate` re-wraps them where string annotations can no longer be resolved.

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from maillage.accounts.permissions import can_write_network, readable_network_filter
from maillage.api.errors import ERRORS, READ_ERRORS, form_errors
from maillage.api.pagination import Pagination
from maillage.api.schemas import (
    Body,
    BodyId,
    IsoDate,
    NetworkRef,
    ObjectId,
    OrganizationRef,
    PathId,
    readable,
    user_of,
)
from maillage.networks.actions import do_save_membership
from maillage.networks.forms import MembershipForm
from maillage.networks.models import Membership, MembershipRole
from maillage.networks.permissions import get_network_for

router = Router(tags=["memberships"])


class MembershipOut(Schema):
    id: int
    network: NetworkRef
    organization: OrganizationRef
    role: str
    start_date: datetime.date | None
    end_date: datetime.date | None
    current: bool

    @staticmethod
    def resolve_current(obj: Membership) -> bool:
        return obj.end_date is None


class MembershipFilters(Schema):
    network: ObjectId | None = None
    organization: ObjectId | None = None
    current: bool | None = None
    active_on: IsoDate | None = None


class MembershipIn(Body):
    network: BodyId
    organization: BodyId
    role: str = MembershipRole.MEMBER
    start_date: IsoDate | None = None
    end_date: IsoDate | None = None


class MembershipPatch(Body):
    role: str = MembershipRole.MEMBER
    start_date: IsoDate | None = None
    end_date: IsoDate | None = None


def memberships_for(user: Any) -> Any:
    return Membership.objects.filter(readable_network_filter(user, prefix="network__")).select_related(
        "network", "organization"
    )


@router.get("/memberships", response={200: list[MembershipOut], **READ_ERRORS})
@paginate(Pagination)
def list_memberships(request: HttpRequest, filters: Query[MembershipFilters]) -> Any:
    memberships = memberships_for(user_of(request))
    if filters.network:
        memberships = memberships.filter(network_id=filters.network)
    if filters.organization:
        memberships = memberships.filter(organization_id=filters.organization)
    if filters.current is not None:
        memberships = memberships.filter(end_date__isnull=filters.current)
    if filters.active_on:
        day = filters.active_on
        memberships = memberships.exclude(start_date__gt=day).exclude(end_date__lt=day)
    return memberships.order_by("network_id", "organization__name_fr", "id")


@router.get("/memberships/{membership_id}", response={200: MembershipOut, **READ_ERRORS})
def get_membership(request: HttpRequest, membership_id: PathId) -> Any:
    return get_object_or_404(memberships_for(user_of(request)), pk=membership_id)


@router.post("/memberships", response={201: MembershipOut, **ERRORS})
def create_membership(request: HttpRequest, payload: MembershipIn) -> Any:
    network = readable(get_network_for, user_of(request), payload.network, write=True)
    data = {**payload.model_dump(exclude={"network"}), "organization": f"[#{payload.organization}]"}
    form = MembershipForm(data, network=network)
    if not form.is_valid():
        raise form_errors(form)
    membership = do_save_membership(form.save(commit=False))
    return Status(201, memberships_for(user_of(request)).get(pk=membership.pk))


@router.patch("/memberships/{membership_id}", response={200: MembershipOut, **ERRORS})
def update_membership(request: HttpRequest, membership_id: PathId, payload: MembershipPatch) -> Any:
    user = user_of(request)
    membership = get_object_or_404(memberships_for(user), pk=membership_id)
    if not can_write_network(user, membership.network):
        raise PermissionDenied
    current = {"role": membership.role, "start_date": membership.start_date, "end_date": membership.end_date}
    form = MembershipForm(
        {**current, **payload.model_dump(exclude_unset=True)}, instance=membership, network=membership.network
    )
    if not form.is_valid():
        raise form_errors(form)
    do_save_membership(form.save(commit=False))
    return memberships_for(user).get(pk=membership.pk)
