"""Writes to indicator values; each change leaves a `ValueChange` row (who, when, old → new)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from maillage.indicators.models import DataElement, DataValue, ValueChange, ValueOrigin
from maillage.networks.models import Network


@dataclass(frozen=True)
class ValueRow:
    element: DataElement
    period: str
    value: float


def _set(user, network: Network, row: ValueRow, origin: str) -> bool:
    existing = DataValue.objects.filter(element=row.element, network=network, period=row.period).first()
    if existing is not None and existing.value == row.value:
        return False
    old = existing.value if existing else None
    if existing is None:
        DataValue.objects.create(
            element=row.element,
            network=network,
            period=row.period,
            value=row.value,
            origin=origin,
            updated_by=user,
        )
    else:
        existing.value, existing.origin, existing.updated_by = row.value, origin, user
        existing.save(update_fields=["value", "origin", "updated_by", "updated_at"])
    ValueChange.objects.create(
        element=row.element, network=network, period=row.period, old_value=old, new_value=row.value,
        origin=origin, user=user,
    )  # fmt: skip
    return True


@transaction.atomic
def do_set_value(user, network: Network, row: ValueRow) -> bool:
    """Create or change one value; returns False when it was already that value (nothing recorded)."""
    return _set(user, network, row, ValueOrigin.ENTERED)


@transaction.atomic
def do_delete_value(user, value: DataValue) -> None:
    ValueChange.objects.create(
        element=value.element, network=value.network, period=value.period, old_value=value.value,
        new_value=None, origin=ValueOrigin.DELETED, user=user,
    )  # fmt: skip
    value.delete()


@transaction.atomic
def do_import_values(user, network: Network, rows: Iterable[ValueRow]) -> int:
    """All rows or none: any database error rolls the whole file back. Returns how many values changed."""
    return sum(_set(user, network, row, ValueOrigin.IMPORTED) for row in rows)
