"""Pieces shared by the routers: bounded input types, short references to related objects, access helpers."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Field, Path, Schema
from pydantic import AfterValidator, BaseModel, BeforeValidator, StrictBool, StrictInt

from maillage.dates import EARLIEST, LATEST, in_range

# Ids beyond a signed 64-bit integer would overflow the database driver (a 500 instead of a 404).
MAX_ID = 2**63 - 1


def _no_nul(text: str) -> str:
    # PostgreSQL refuses NUL characters in any string parameter: drop them before they reach a query.
    return text.replace("\x00", "")


ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date(value: Any) -> Any:
    # Pydantic would read "0" or 1700000000 as a Unix timestamp; a date here is written YYYY-MM-DD.
    if isinstance(value, datetime.date):
        if not in_range(value):
            raise ValueError(f"Give a date between {EARLIEST.isoformat()} and {LATEST.isoformat()}.")
        return value
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        raise ValueError("Give a date as YYYY-MM-DD.")
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError as error:
        raise ValueError("Give a date as YYYY-MM-DD.") from error
    if not in_range(day):
        raise ValueError(f"Give a date between {EARLIEST.isoformat()} and {LATEST.isoformat()}.")
    return day


IsoDate = Annotated[datetime.date, BeforeValidator(_iso_date)]
SearchText = Annotated[str, Field(max_length=200), AfterValidator(_no_nul)]
Code = Annotated[str, Field(max_length=60), AfterValidator(_no_nul)]
ObjectId = Annotated[int, Field(ge=1, le=MAX_ID)]
PathId = Annotated[int, Path(ge=1, le=MAX_ID)]
BodyId = Annotated[StrictInt, Field(ge=1, le=MAX_ID)]
Flag = StrictBool


class Body(BaseModel):
    """Base of request bodies: a JSON object with exactly typed values (no "1" for 1, no 0 for false).

    A plain pydantic model, not a ninja Schema: a Schema reads attributes off any object, so a JSON list
    would pass as an empty body.
    """


class SectorRef(Schema):
    code: str
    name: str
    family: str


class TerritoryRef(Schema):
    id: int
    code: str
    kind: str
    name: str


class OrganizationRef(Schema):
    id: int
    name: str


class NetworkRef(Schema):
    id: int
    name: str


def user_of(request: HttpRequest) -> Any:
    """The caller, as the authenticators left it (a User, or AnonymousUser on the public operations)."""
    return request.auth


T = TypeVar("T")


def readable(getter: Callable[..., T], user: Any, pk: int, *, write: bool = False) -> T:
    """Run an app's `get_*_for` helper the API's way.

    What the caller may not read is a 404, as if it did not exist; what they read but may not change is a 403.
    """
    try:
        found = getter(user, pk)
    except PermissionDenied:
        raise Http404 from None
    if write:
        getter(user, pk, write=True)
    return found
