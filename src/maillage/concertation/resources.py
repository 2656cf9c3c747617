"""A network's resources year by year: funding sources, paid staff, in-kind contributions.

Only the latest version of each line counts (a row no later row replaces, and not removed); every earlier
version stays, so a correction never erases what was declared before.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet

from maillage.cells import inert
from maillage.concertation.models import ResourceEntry, ResourceKind
from maillage.networks.models import Network


def current_resources(networks: QuerySet[Network] | list[int]) -> QuerySet[ResourceEntry]:
    """The lines in force: not replaced by a correction, not withdrawn."""
    return (
        ResourceEntry.objects.filter(network__in=networks, replaced_by__isnull=True, removed=False)
        .select_related("organization", "network")
        .order_by("network_id", "-year", "kind", "id")
    )


@dataclass
class YearTotals:
    year: int
    funding: Decimal = Decimal(0)
    recurring: Decimal = Decimal(0)
    fte: Decimal = Decimal(0)
    in_kind: Decimal = Decimal(0)
    lines: list[ResourceEntry] = field(default_factory=list)

    @property
    def recurring_share(self) -> float | None:
        return float(self.recurring / self.funding) if self.funding else None


def totals_by_year(entries: list[ResourceEntry]) -> list[YearTotals]:
    years: dict[int, YearTotals] = {}
    for entry in entries:
        totals = years.setdefault(entry.year, YearTotals(entry.year))
        totals.lines.append(entry)
        if entry.kind == ResourceKind.FUNDING and entry.amount is not None:
            totals.funding += entry.amount
            totals.recurring += entry.amount if entry.recurring else 0
        elif entry.kind == ResourceKind.STAFF and entry.fte is not None:
            totals.fte += entry.fte
        elif entry.kind == ResourceKind.IN_KIND and entry.amount is not None:
            totals.in_kind += entry.amount
    return sorted(years.values(), key=lambda t: -t.year)


COLUMNS = [
    "id", "network", "year", "kind", "organization_id", "organization", "programme", "amount", "recurring",
    "fte", "status", "replaces", "recorded_at",
]  # fmt: skip


def _cell(value: object) -> object:
    return inert("" if value is None else value)


def resources_csv(network: Network) -> str:
    """Every version of every line, oldest first, with its status (current, corrected, withdrawn)."""
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(COLUMNS)
    rows = ResourceEntry.objects.filter(network=network).select_related("organization", "replaced_by")
    for entry in rows.order_by("id"):
        corrected = getattr(entry, "replaced_by", None) is not None
        status = "withdrawn" if entry.removed else ("corrected" if corrected else "current")
        writer.writerow(
            _cell(value)
            for value in [
                entry.pk, network.pk, entry.year, entry.kind, entry.organization_id,
                entry.organization.name if entry.organization else "", entry.programme, entry.amount,
                entry.recurring, entry.fte, status, entry.replaces_id, entry.recorded_at.isoformat(),
            ]
        )  # fmt: skip
    return output.getvalue()
