"""Indicator values computed on demand from the data elements: `numerator / denominator × factor`.

Indicators may use other indicators; they are evaluated in dependency order inside each
(network, period) environment. A missing value or a division by zero gives an empty cell with its
reason, never an exception.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from maillage.indicators.elements import Env, element_columns
from maillage.indicators.expressions import ExpressionError, NoValue, compile_expression, vector_expression
from maillage.indicators.models import (
    DataElement,
    ElementSource,
    Indicator,
    IndicatorTarget,
    LegendBand,
    PeriodType,
)
from maillage.indicators.rollup import Cell, roll_up_columns


@dataclass
class Registry:
    """The active indicators (in dependency order) and the data elements, read once per computation."""

    indicators: list[Indicator]
    elements: list[DataElement]
    by_code: dict[str, Indicator] = field(default_factory=dict)

    @classmethod
    def load(cls, codes: Iterable[str] | None = None) -> Registry:
        queryset = Indicator.objects.filter(active=True).prefetch_related(
            Prefetch("targets", queryset=IndicatorTarget.objects.order_by("period")),
            Prefetch("bands", queryset=LegendBand.objects.order_by("lower")),
        )
        indicators = list(queryset)
        if codes is not None:
            indicators = [i for i in indicators if i.code in set(codes)]
        return cls(
            dependency_order(indicators), list(DataElement.objects.all()), {i.code: i for i in indicators}
        )

    def metric_periods(self, years: Iterable[int]) -> set[str]:
        """Periods whose network metrics some indicator needs (each costs a snapshot per network)."""
        metric_codes = {e.code for e in self.elements if e.source == ElementSource.METRIC}
        needs: dict[str, bool] = {}
        for indicator in self.indicators:  # dependency order: what an indicator uses is already known
            uses = _uses(indicator)
            needs[indicator.code] = bool(uses & metric_codes) or any(needs.get(code) for code in uses)
        return {p for i in self.indicators if needs[i.code] for y in years for p in periods_of_year(i, y)}


def _uses(indicator: Indicator) -> set[str]:
    uses: set[str] = set()
    for text in (indicator.numerator, indicator.denominator):
        if text.strip():
            try:
                uses |= compile_expression(text).codes
            except ExpressionError:
                continue
    return uses


def dependency_order(indicators: list[Indicator]) -> list[Indicator]:
    """Indicators that others use come first; a cycle (refused when saving) is broken, not looped on."""
    by_code = {i.code: i for i in indicators}
    ordered: list[Indicator] = []
    state: dict[str, int] = {}

    def visit(indicator: Indicator) -> None:
        if state.get(indicator.code):
            return
        state[indicator.code] = 1
        for code in sorted(_uses(indicator)):
            if code in by_code and not state.get(code):
                visit(by_code[code])
        state[indicator.code] = 2
        ordered.append(indicator)

    for indicator in indicators:
        visit(indicator)
    return ordered


def _missing_reason(missing: NoValue) -> str:
    """Why a cell is empty, naming the data element by its name, never by its internal code."""
    if not missing.code:
        return missing.reason
    element = DataElement.objects.filter(code=missing.code).first()
    name = element.name if element is not None else _("a data element")
    return _("no value for “%(element)s”") % {"element": name}


def evaluate_cell(indicator: Indicator, env: Env) -> Cell:
    try:
        numerator_expr = compile_expression(indicator.numerator)
        denominator_expr = (
            compile_expression(indicator.denominator) if indicator.denominator.strip() else None
        )
    except ExpressionError as error:
        return Cell(None, reason=str(error))
    try:
        numerator = numerator_expr.evaluate(env)
        if denominator_expr is None:
            return Cell(numerator * indicator.factor, numerator, None)
        denominator = denominator_expr.evaluate(env)
    except NoValue as missing:
        return Cell(None, reason=_missing_reason(missing))
    if denominator == 0:
        return Cell(None, numerator, denominator, _("division by zero"))
    return Cell(numerator / denominator * indicator.factor, numerator, denominator)


def periods_of_year(indicator: Indicator, year: int) -> list[str]:
    if indicator.period_type == PeriodType.QUARTER:
        return [f"{year}-Q{q}" for q in range(1, 5)]
    return [str(year)]


@dataclass
class Computed:
    """Every indicator for every (network, year): arrays of networks × years, NaN for no value."""

    ids: list[int]
    years: list[int]
    values: dict[str, np.ndarray]
    numerators: dict[str, np.ndarray]
    denominators: dict[str, np.ndarray]
    columns: dict[str, np.ndarray]  # the data elements (networks × periods), to explain empty cells
    periods: list[str]

    def reason(self, indicator: Indicator, network_id: int, year: int) -> str:
        """Why one network has no value in one year (scalar re-evaluation of that single cell)."""
        if indicator.period_type == PeriodType.QUARTER:
            return _("no value in the quarters of %(year)s") % {"year": year}
        i, j = self.ids.index(network_id), self.periods.index(str(year))
        env: Env = {
            code: None if np.isnan(column[i, j]) else float(column[i, j])
            for code, column in self.columns.items()
        }
        y = self.years.index(year)
        env |= {code: None if np.isnan(v[i, y]) else float(v[i, y]) for code, v in self.values.items()}
        return evaluate_cell(indicator, env).reason or _("no data")


def compute(registry: Registry, network_ids: Iterable[int], years: Iterable[int]) -> Computed:
    """Evaluate every indicator over all networks and years at once (numpy columns, no Python loop per cell).

    Quarterly indicators are evaluated per quarter and rolled into their year with their own aggregation.
    """
    ids, years = sorted(set(network_ids)), sorted(set(years))
    n, y = len(ids), len(years)
    quarterly = any(i.period_type == PeriodType.QUARTER for i in registry.indicators)
    periods = [str(year) for year in years] + (
        [f"{year}-Q{q}" for year in years for q in range(1, 5)] if quarterly else []
    )
    columns = element_columns(ids, periods, registry.elements, metric_periods=registry.metric_periods(years))
    by_year = {code: np.ascontiguousarray(column[:, :y]).ravel() for code, column in columns.items()}
    by_quarter = {code: np.ascontiguousarray(column[:, y:]).ravel() for code, column in columns.items()}
    values, numerators, denominators = {}, {}, {}
    for indicator in registry.indicators:
        quarter = indicator.period_type == PeriodType.QUARTER
        env = by_quarter if quarter else by_year
        rows = n * y * (4 if quarter else 1)
        try:
            numerator = vector_expression(indicator.numerator)(env, rows)
            denominator = (
                vector_expression(indicator.denominator)(env, rows) if indicator.denominator.strip() else None
            )
        except ExpressionError:
            numerator, denominator = np.full(rows, np.nan), None
        if denominator is None:
            value, denominator = numerator * indicator.factor, np.full(rows, np.nan)
        else:
            with np.errstate(all="ignore"):
                value = np.where(denominator == 0, np.nan, numerator / denominator * indicator.factor)
        env[indicator.code] = value  # other indicators of the same period type may use it
        if quarter:
            # (networks × years × 4) → 4 rows of (networks × years), rolled up down the quarters.
            value, numerator, denominator = roll_up_columns(
                value.reshape(n * y, 4).T,
                numerator.reshape(n * y, 4).T,
                denominator.reshape(n * y, 4).T,
                indicator.aggregation,
                indicator.factor,
            )
        values[indicator.code] = value.reshape(n, y)
        numerators[indicator.code] = numerator.reshape(n, y)
        denominators[indicator.code] = denominator.reshape(n, y)
    return Computed(ids, years, values, numerators, denominators, columns, periods)
