"""Survey waves, read only: when, of which network, how far the answers have come in."""

# No `from __future__ import annotations` here: django-ninja reads these signatures at run time, and
# `@paginate` re-wraps them where string annotations can no longer be resolved.

import datetime
from typing import Any

from django.db.models import Count, Q
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from maillage.api.errors import READ_ERRORS
from maillage.api.pagination import Pagination
from maillage.api.schemas import IsoDate, NetworkRef, ObjectId, PathId, user_of
from maillage.surveys.models import WaveKind, WaveStatus
from maillage.surveys.permissions import readable_waves

router = Router(tags=["survey waves"])


class WaveOut(Schema):
    id: int
    network: NetworkRef
    kind: str
    date: datetime.date
    closes_on: datetime.date | None
    status: str
    previous_id: int | None
    invitations: int
    responses_submitted: int
    opened_at: datetime.datetime | None
    closed_at: datetime.datetime | None

    @staticmethod
    def resolve_invitations(obj: Any) -> int:
        return int(obj.invitations_count)

    @staticmethod
    def resolve_responses_submitted(obj: Any) -> int:
        return int(obj.submitted_count)


class WaveFilters(Schema):
    network: ObjectId | None = None
    status: WaveStatus | None = None
    kind: WaveKind | None = None
    date_from: IsoDate | None = None
    date_to: IsoDate | None = None


def waves_for(user: Any) -> Any:
    return (
        readable_waves(user)
        .select_related("network")
        .annotate(
            invitations_count=Count("invitations", distinct=True),
            submitted_count=Count(
                "invitations__response",
                filter=Q(invitations__response__submitted_at__isnull=False),
                distinct=True,
            ),
        )
    )


@router.get("/waves", response={200: list[WaveOut], **READ_ERRORS})
@paginate(Pagination)
def list_waves(request: HttpRequest, filters: Query[WaveFilters]) -> Any:
    waves = waves_for(user_of(request))
    if filters.network:
        waves = waves.filter(network_id=filters.network)
    if filters.status:
        waves = waves.filter(status=filters.status)
    if filters.kind:
        waves = waves.filter(kind=filters.kind)
    if filters.date_from:
        waves = waves.filter(date__gte=filters.date_from)
    if filters.date_to:
        waves = waves.filter(date__lte=filters.date_to)
    return waves.order_by("-date", "-id")


@router.get("/waves/{wave_id}", response={200: WaveOut, **READ_ERRORS})
def get_wave(request: HttpRequest, wave_id: PathId) -> Any:
    return get_object_or_404(waves_for(user_of(request)), pk=wave_id)
