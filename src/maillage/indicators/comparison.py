"""The comparison table: indicators side by side for networks, regions or kinds of network."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from maillage.directory.models import Territory
from maillage.indicators.compute import Registry
from maillage.indicators.models import Indicator
from maillage.indicators.rollup import EMPTY
from maillage.indicators.scorecard import Band, band_for, format_value, rolled_cells
from maillage.networks.models import Network, NetworkKind


@dataclass
class CompareCell:
    display: str
    band: Band | None
    reason: str


@dataclass
class CompareRow:
    label: str
    network: Network | None
    cells: list[CompareCell]


def groups_for(by: str, networks: QuerySet[Network]) -> dict[str, list[int]]:
    """Label → network ids: one network per row, or the networks of each region, or of each kind."""
    rows = list(networks.values_list("pk", "kind", "territory__path"))
    if by == "kind":
        labels = dict(NetworkKind.choices)
        groups: dict[str, list[int]] = {}
        for pk, kind, _path in rows:
            groups.setdefault(str(labels.get(kind, kind)), []).append(pk)
        return dict(sorted(groups.items()))
    # Region = the second id of the materialised path (/province/region/…).
    region_of = {pk: (path.strip("/").split("/") + [""])[1] for pk, _kind, path in rows}
    names = {str(t.pk): t.name for t in Territory.objects.filter(pk__in={r for r in region_of.values() if r})}
    groups = {}
    for pk, region in region_of.items():
        groups.setdefault(names.get(region, "—"), []).append(pk)
    return dict(sorted(groups.items()))


def comparison(
    groups: dict[str, list[int]],
    indicators: list[Indicator],
    year: int,
    networks: dict[str, Network] | None = None,
) -> list[CompareRow]:
    registry = Registry.load()
    wanted = [i for i in registry.indicators if i.code in {x.code for x in indicators}]
    rolled = rolled_cells(registry, groups, [year])
    rows = []
    for label in groups:  # in the caller's order (a page of networks, or names sorted)
        cells = []
        for indicator in wanted:
            cell = rolled[label].get((indicator.code, year), EMPTY)
            value = None if cell.value is None else round(cell.value, indicator.decimals)
            cells.append(
                CompareCell(format_value(value, indicator.decimals), band_for(indicator, value), cell.reason)
            )
        network = (networks or {}).get(label)
        rows.append(CompareRow(network.name if network else label, network, cells))
    return rows
