"""Who is acting right now, and whether a bulk operation is collecting changes instead of logging each.

The middleware puts the current request in a context variable; the signal handlers read the user from it
when they write an event (after authentication has run). Outside a request, the actor is "system" (the
command line, the worker), or whatever `acting_as` says.
"""

from __future__ import annotations

import contextvars
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest, HttpResponse

SYSTEM = "system"
RESPONDENT = "survey respondent"
ANONYMOUS = "anonymous"

_request: contextvars.ContextVar[HttpRequest | None] = contextvars.ContextVar("audit_request", default=None)
_actor: contextvars.ContextVar[tuple[Any, str] | None] = contextvars.ContextVar("audit_actor", default=None)


@dataclass
class Bulk:
    """Counts per model and action while a bulk operation runs; one summary event is written at its end.

    Rows inserted without signals (`bulk_create`, raw SQL) are found by counting each audited table before
    and after; changes and deletions are counted by the signal handlers.
    """

    label: str
    network_id: int | None = None
    counts: Counter[str] = field(default_factory=Counter)
    rows_before: dict[str, int] = field(default_factory=dict)


_bulk: contextvars.ContextVar[Bulk | None] = contextvars.ContextVar("audit_bulk", default=None)


class AuditMiddleware:
    """Makes the request (hence its user) known to the audit signal handlers for the request's duration."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)


def current_actor() -> tuple[Any, str]:
    """(user or None, label) of whoever is acting."""
    explicit = _actor.get()
    if explicit is not None:
        return explicit
    request = _request.get()
    if request is None:
        return None, SYSTEM
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return user, user.get_username()
    match = getattr(request, "resolver_match", None)
    if match is not None and match.namespace == "surveys" and (match.url_name or "").startswith("respond"):
        return None, RESPONDENT
    return None, ANONYMOUS


@contextmanager
def acting_as(user: Any = None, label: str | None = None) -> Iterator[None]:
    """Attribute the changes inside the block to `user` (or to the text `label`, e.g. "system: import")."""
    name = label or (user.get_username() if user is not None else SYSTEM)
    token = _actor.set((user, name))
    try:
        yield
    finally:
        _actor.reset(token)


def current_bulk() -> Bulk | None:
    return _bulk.get()


@contextmanager
def collecting(bulk: Bulk) -> Iterator[Bulk]:
    """Make `bulk` the running bulk operation inside the block (see `bulk.bulk_operation`)."""
    token = _bulk.set(bulk)
    try:
        yield bulk
    finally:
        _bulk.reset(token)
