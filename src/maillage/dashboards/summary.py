"""The dashboard's numbers: headline indicators with definitions and change, and the charts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.cache import cache

from maillage.analysis import HeadlineFigures, NetworkReport, headline_figures, report_from_dataset, snapshot
from maillage.analysis.graph import build_graph
from maillage.analysis.network import level_table
from maillage.dashboards import charts
from maillage.dashboards.adapter import cached_dataset, observation_dates
from maillage.dashboards.scope import VERSIONED_SECONDS, Scope, scope_cache_key
from maillage.directory.models import Sector
from maillage.observatory.measures import (
    ARROWS,
    HEADLINES,
    MEASURES,
    definition,
    format_change,
    format_value,
    label,
    measure_changes,
    measure_values,
)


@dataclass
class Headline:
    key: str
    label: str
    value: float | int | None
    display: str
    definition: str
    change: float | None = None
    change_display: str = ""
    higher_is: str = "neutral"  # "better", "worse" or "neutral": how to colour the change
    direction: str = "same"  # "up", "down" or "same"
    tone: str = "neutral"  # the change read with `higher_is`: "better", "worse" or "neutral"

    @property
    def arrow(self) -> str:
        return ARROWS[self.direction] if self.change_display else ""


@dataclass
class DashboardData:
    dates: list[str]
    latest: str | None
    previous: str | None
    report: NetworkReport | None
    headlines: list[Headline]
    charts: list[charts.Chart]


def headlines(
    report: HeadlineFigures | NetworkReport, previous: HeadlineFigures | NetworkReport | None
) -> list[Headline]:
    """The headline measures of the catalogue with their change since `previous`, in the reader's language."""
    now = measure_values(report)
    change = measure_changes(now, measure_values(previous) if previous is not None else None)
    items = []
    for code in HEADLINES:
        measure, value = MEASURES[code], now[code]
        if code in ("trust", "value") and value is None:
            continue  # no survey ratings: the two rating measures are not shown at all
        items.append(
            Headline(
                code,
                label(measure),
                value,
                format_value(measure, value),
                definition(measure),
                change[code],
                format_change(measure, change[code]) if change[code] is not None else "",
                measure.higher_is,
                measure.direction(change[code]),
                measure.tone(change[code]),
            )
        )
    return items


def dashboard_data(scope: Scope, *, language: str, seed: int = 0) -> DashboardData:
    """Everything the dashboard page shows, cached until the scope's data changes."""
    key = scope_cache_key("dashboard", scope, language, seed)
    data = cache.get(key)
    if data is None:
        data = _compute(scope, language=language, seed=seed)
        cache.set(key, data, timeout=VERSIONED_SECONDS)
    return data


def _compute(scope: Scope, *, language: str, seed: int) -> DashboardData:
    dataset = cached_dataset(scope, language)
    dates = observation_dates(dataset)
    if dataset.ties.empty:
        return DashboardData(dates, None, None, None, [], [])
    latest = dates[-1] if dates else None
    previous = dates[-2] if len(dates) > 1 else None
    report = report_from_dataset(
        dataset, as_of=latest, compare_to=previous, scenarios=["formal-ties", "top:5"], curve=True, seed=seed
    )
    # Only the headline figures of the previous wave are shown (as the change), not its whole report.
    earlier = headline_figures(dataset, as_of=previous) if previous else None
    sector_names = {s.code: s.name for s in Sector.objects.all()}
    per_wave = {date: level_table(build_graph(snapshot(dataset, as_of=date))) for date in dates[-6:]}
    chart_list = [
        charts.partnerships_by_sector(report, sector_names),
        charts.levels_by_wave(per_wave),
        charts.transition_matrix(report),
        charts.sector_heatmap(report, sector_names),
        charts.resilience_curve(report),
    ]
    return DashboardData(dates, latest, previous, report, headlines(report, earlier), chart_list)


def chart_specs(data: DashboardData) -> dict[str, Any]:
    return {chart.key: chart.spec for chart in data.charts}
