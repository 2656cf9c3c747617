"""Who sees a wave (through its network), and what a token link opens (its own invitation, nothing else)."""

from __future__ import annotations

import datetime
import os
import re

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.accounts.permissions import (
    AnyUser,
    can_read_network,
    can_write_network,
    readable_network_filter,
)
from maillage.surveys.models import Invitation, Wave, WaveStatus

TOKEN = re.compile(r"[A-Za-z0-9_-]{8,64}")


def get_wave_for(user: AnyUser, pk: int, write: bool = False) -> Wave:
    """The wave if the user may read its network (or coordinate it, with `write`); 404 or 403 otherwise."""
    wave = get_object_or_404(Wave.objects.select_related("network__territory", "previous"), pk=pk)
    allowed = can_write_network(user, wave.network) if write else can_read_network(user, wave.network)
    if not allowed:
        raise PermissionDenied
    return wave


def readable_waves(user: AnyUser) -> QuerySet[Wave]:
    if not user.is_authenticated:
        return Wave.objects.none()
    return Wave.objects.filter(readable_network_filter(user, prefix="network__"))


class TokenProblem(Exception):
    """A link that opens nothing: unknown (404), or no longer usable (410)."""

    def __init__(self, status: int, title: str, message: str) -> None:
        super().__init__(message)
        self.status, self.title, self.message = status, title, message


def invitation_for_token(token: str, *, allow_submitted: bool = False) -> Invitation:
    """The invitation this token opens, with its wave, network and organization; `TokenProblem` otherwise.

    A token opens exactly one invitation: there is no other key (no id in the URL) to tamper with.
    """
    # Only the URL-safe alphabet of our tokens reaches the database (a NUL byte would be a PostgreSQL error).
    invitation = (
        Invitation.objects.select_related("wave__network", "organization", "response")
        .filter(token=token)
        .first()
        if TOKEN.fullmatch(token or "")
        else None
    )
    if invitation is None or invitation.wave.status == WaveStatus.DRAFT:
        raise TokenProblem(
            404,
            _("Unknown link"),
            _(
                "This survey link is not valid. "
                "Check that you copied the whole link from your invitation email."
            ),
        )
    response = getattr(invitation, "response", None)
    if response is not None and response.is_submitted and not allow_submitted:
        raise TokenProblem(
            410,
            _("Answers already sent"),
            _(
                "Your organization already sent its answers to this survey. "
                "Thank you! They can no longer be changed."
            ),
        )
    if invitation.wave.status == WaveStatus.CLOSED or _past(invitation.wave.closes_on):
        raise TokenProblem(
            410,
            _("Survey closed"),
            _("This survey is closed: answers are no longer accepted. Contact your network's coordinator."),
        )
    return invitation


def _past(day: datetime.date | None) -> bool:
    return day is not None and timezone.localdate() > day


def rate_limit_exceeded(request: HttpRequest) -> bool:
    """A counter per address and minute: guessing tokens costs a client its access for a while.

    The limit is generous (a whole office behind one address answers through the same counter) and set by
    MAILLAGE_SURVEY_RATE_LIMIT (requests per minute; 0 turns it off, as the load benchmark does).
    """
    limit = int(os.environ.get("MAILLAGE_SURVEY_RATE_LIMIT", "300"))
    if limit <= 0:
        return False
    key = f"survey-rate:{request.META.get('REMOTE_ADDR', '')}:{int(timezone.now().timestamp() // 60)}"
    if cache.add(key, 1, 120):
        return False
    try:
        return cache.incr(key) > limit
    except ValueError:
        return False
