"""Limit/offset pagination with a ceiling, so no request can ask for a whole province at once."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase

from maillage.listing import rows_slice

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
# Past this, OFFSET overflows some databases' integers; no real list is that long.
MAX_OFFSET = 10**9


class Pagination(PaginationBase):
    class Input(Schema):
        limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"At most {MAX_LIMIT}.")
        offset: int = Field(0, ge=0, le=MAX_OFFSET)

    class Output(Schema):
        count: int
        limit: int
        offset: int
        items: list[Any]

    def paginate_queryset(
        self, queryset: QuerySet, pagination: Input, request: HttpRequest, **params: Any
    ) -> Any:
        start = pagination.offset
        return {
            "count": queryset.count(),
            "limit": pagination.limit,
            "offset": start,
            "items": rows_slice(queryset, start, start + pagination.limit),
        }
