"""Bulk operations: one summary event for many rows written at once (an import, the demo).

Inside `bulk_operation` (or a function decorated with `audited_bulk`) the signal handlers count changes
instead of logging each; rows inserted without signals are counted with `record_bulk` or found by counting
each audited table before and after.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from typing import Any

from django.apps import apps
from django.db import models

from maillage.audit.context import Bulk, acting_as, collecting, current_actor, current_bulk
from maillage.audit.models import Action, AuditEvent
from maillage.audit.registry import REGISTRY


def record_bulk(model: type[models.Model], count: int, action: str = Action.CREATED) -> None:
    """Count rows written without signals (raw or `bulk_create` inserts) into the running bulk operation,
    or log them as one summary event of their own when no bulk operation runs."""
    if not count:
        return
    bulk = current_bulk()
    if bulk is not None:
        bulk.counts[f"{model._meta.label} {action}"] += count
        return
    summary = Bulk(str(model._meta.verbose_name_plural))
    summary.counts[f"{model._meta.label} {action}"] = count
    write_bulk_summary(summary)


def audited_row_counts() -> dict[str, int]:
    """Rows per audited model (one COUNT each): what a bulk operation compares before and after."""
    counts = {}
    for entry in REGISTRY.values():
        try:
            model = apps.get_model(entry.label)
        except LookupError:
            continue
        counts[model._meta.label] = model._base_manager.count()
    return counts


def write_bulk_summary(bulk: Bulk) -> None:
    if bulk.rows_before:
        for label, after in audited_row_counts().items():
            deleted = bulk.counts.get(f"{label} {Action.DELETED}", 0)
            created = after - bulk.rows_before.get(label, 0) + deleted
            if created > 0:
                bulk.counts[f"{label} {Action.CREATED}"] += created
    if not bulk.counts:
        return
    user, actor = current_actor()
    AuditEvent.objects.create(
        user=user if user is not None and user.pk else None,
        actor=actor[:150],
        action=Action.BULK,
        model="",
        object_label=bulk.label[:200],
        network_id=bulk.network_id,
        changes={"counts": dict(sorted(bulk.counts.items()))},
    )


@contextmanager
def bulk_operation(label: str, *, network_id: int | None = None) -> Iterator[Bulk]:
    """Record one summary event for every audited change inside the block (an import, the demo).

    Changes are counted, not logged one by one; raw inserts that send no signal add themselves with
    `record_bulk`. If the block raises, nothing is written (the transaction it runs in rolls back anyway).
    """
    outer = current_bulk()
    if outer is not None:  # nested: the outer operation writes the one summary
        yield outer
        return
    bulk = Bulk(label, network_id, rows_before=audited_row_counts())
    with collecting(bulk):
        yield bulk
    write_bulk_summary(bulk)


def audited_bulk(
    label: str,
    *,
    network: Callable[..., int | None] | None = None,
    user: Callable[..., Any] | None = None,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorate a bulk writer (an import's apply) so that it records one summary event.

    `network` and `user` are functions of the decorated function's arguments that give the network's id
    (who may read the summary) and the acting user (when it runs in a worker, outside any request).
    """

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            actor = user(*args, **kwargs) if user is not None else None
            network_id = network(*args, **kwargs) if network is not None else None
            with (
                acting_as(actor) if actor is not None else nullcontext(),
                bulk_operation(label, network_id=network_id),
            ):
                return func(*args, **kwargs)

        return wrapper

    return decorate
