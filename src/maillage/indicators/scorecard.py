"""Scorecards: each indicator's value for a year, its target, its band and its trend.

`network_scorecard(network, year)` and `territory_scorecard(territory, year)` are the entry points
other code uses (the yearly reports among them). Numbers are computed on demand and cached under
a key made of every data version they depend on, so an edit anywhere is seen at once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from django.core.cache import cache
from django.db.models import QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from maillage.directory.i18n import pick_language
from maillage.directory.models import Territory
from maillage.formatting import number
from maillage.indicators.compute import Computed, Registry, compute
from maillage.indicators.elements import data_versions
from maillage.indicators.models import Indicator, RbaKind
from maillage.indicators.rollup import EMPTY, Cell, roll_up_columns
from maillage.networks.models import Network

TREND_YEARS = 5
CACHE_SECONDS = 24 * 3600
RBA_ORDER = [RbaKind.POPULATION, RbaKind.HOW_MUCH, RbaKind.HOW_WELL, RbaKind.BETTER_OFF]


@dataclass(frozen=True)
class Band:
    colour: str
    label: str


@dataclass
class ScorecardRow:
    code: str
    name: str
    rba_question: str
    unit: str
    value: float | None
    target: float | None
    band: Band | None
    trend: list[float | None]
    # Beyond the agreed fields: what the pages show next to them.
    trend_years: list[int] = field(default_factory=list)
    rba_kind: str = ""
    definition: str = ""
    direction: str = "higher"
    decimals: int = 1
    family: str = ""
    reason: str = ""
    baseline: float | None = None

    @property
    def display(self) -> str:
        return format_value(self.value, self.decimals)

    @property
    def target_display(self) -> str:
        return format_value(self.target, self.decimals)


def format_value(value: float | None, decimals: int) -> str:
    """``1 139,5`` in French, ``1,139.5`` in English; "—" for none."""
    return number(value, decimals)


def band_for(indicator: Indicator, value: float | None) -> Band | None:
    if value is None:
        return None
    for band in indicator.bands.all():
        if (band.lower is None or value >= band.lower) and (band.upper is None or value < band.upper):
            return Band(band.colour, band.label)
    return None


def target_for(indicator: Indicator, year: int) -> float | None:
    targets = {t.period: t.value for t in indicator.targets.all()}
    if str(year) in targets:
        return targets[str(year)]
    quarters = [targets[f"{year}-Q{q}"] for q in (4, 3, 2, 1) if f"{year}-Q{q}" in targets]
    return quarters[0] if quarters else None


def _round(value: float | None, decimals: int) -> float | None:
    return None if value is None else round(value, decimals)


def build_rows(registry: Registry, cells: dict[tuple[str, int], Cell], year: int) -> list[ScorecardRow]:
    """Rows in RBA order (population indicators, how much, how well, better off), then the set's order."""
    years = list(range(year - TREND_YEARS + 1, year + 1))
    indicators = sorted(
        registry.by_code.values(),
        key=lambda i: (
            RBA_ORDER.index(i.rba_kind) if i.rba_kind in RBA_ORDER else 9,
            i.family,
            i.order,
            i.code,
        ),
    )
    rows = []
    for indicator in indicators:
        cell = cells.get((indicator.code, year), EMPTY)
        value = _round(cell.value, indicator.decimals)
        rows.append(
            ScorecardRow(
                code=indicator.code,
                name=indicator.name,
                rba_question=str(RbaKind(indicator.rba_kind).label)
                if indicator.rba_kind in RbaKind.values
                else "",
                unit=indicator.unit,
                value=value,
                target=target_for(indicator, year),
                band=band_for(indicator, value),
                trend=[
                    _round(cells.get((indicator.code, y), EMPTY).value, indicator.decimals) for y in years
                ],
                trend_years=years,
                rba_kind=indicator.rba_kind,
                definition=pick_language(indicator.definition_fr, indicator.definition_en),
                direction=indicator.direction,
                decimals=indicator.decimals,
                family=indicator.family,
                reason=cell.reason if cell.value is None else "",
                baseline=indicator.baseline,
            )
        )
    return rows


def _cache_key(kind: str, network_ids: Sequence[int], years: Sequence[int]) -> str:
    digest = data_versions(list(network_ids))
    return f"indicators:{kind}:" + hashlib.sha256(f"{digest}:{list(years)}".encode()).hexdigest()


def rolled_cells(
    registry: Registry, groups: dict[str, list[int]], years: Sequence[int]
) -> dict[str, dict[tuple[str, int], Cell]]:
    """Per group of networks: (indicator code, year) → the cell rolled up with the indicator's aggregation.

    A group of one network keeps that network's own cells, with the reason of each empty one.
    """
    ids = sorted({pk for members in groups.values() for pk in members})
    language = get_language() or ""
    key = (
        _cache_key("groups", ids, years)
        + hashlib.sha256(f"{sorted(groups.items())}{language}".encode()).hexdigest()
    )
    rolled = cache.get(key)
    if rolled is None:
        rolled = _roll(registry, compute(registry, ids, years), groups)
        cache.set(key, rolled, timeout=CACHE_SECONDS)
    return rolled


def _number(value: float) -> float | None:
    return None if np.isnan(value) else float(value)


def _roll(
    registry: Registry, computed: Computed, groups: dict[str, list[int]]
) -> dict[str, dict[tuple[str, int], Cell]]:
    position = {pk: i for i, pk in enumerate(computed.ids)}
    rolled: dict[str, dict[tuple[str, int], Cell]] = {}
    for name, members in groups.items():
        rows = [position[pk] for pk in members]
        cells: dict[tuple[str, int], Cell] = {}
        for indicator in registry.indicators:
            code = indicator.code
            columns = (
                computed.values[code][rows],
                computed.numerators[code][rows],
                computed.denominators[code][rows],
            )
            value, numerator, denominator = roll_up_columns(*columns, indicator.aggregation, indicator.factor)
            for j, year in enumerate(computed.years):
                reason = ""
                if np.isnan(value[j]):
                    single = len(members) == 1
                    reason = computed.reason(indicator, members[0], year) if single else _("no data")
                cells[(code, year)] = Cell(
                    _number(value[j]), _number(numerator[j]), _number(denominator[j]), reason
                )
        rolled[name] = cells
    return rolled


def scorecard_for_networks(
    network_ids: Iterable[int], year: int, registry: Registry | None = None
) -> list[ScorecardRow]:
    """The scorecard of a set of networks taken together (one network: its own values)."""
    registry = registry or Registry.load()
    years = list(range(year - TREND_YEARS + 1, year + 1))
    cells = rolled_cells(registry, {"all": sorted(set(network_ids))}, years)["all"]
    return build_rows(registry, cells, year)


def network_scorecard(network: Network, year: int) -> list[ScorecardRow]:
    """Each active indicator of one network for `year`, with its target, band and five-year trend."""
    return scorecard_for_networks([network.pk], year)


def territory_scorecard(
    territory: Territory, year: int, networks: Iterable[Network] | None = None
) -> list[ScorecardRow]:
    """The networks of a territory (and its sub-territories) rolled up; `networks` narrows them (e.g. to
    the ones a user may read)."""
    inside = Network.objects.filter(territory__path__startswith=territory.path)
    if isinstance(networks, QuerySet):
        inside = inside.filter(
            pk__in=networks.values("pk")
        )  # one query, not a list of every readable network
    elif networks is not None:
        inside = inside.filter(pk__in=[n.pk if isinstance(n, Network) else n for n in networks])
    return scorecard_for_networks(inside.values_list("pk", flat=True), year)
