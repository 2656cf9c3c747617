"""The dashboard's numbers: headline indicators with definitions and change, and the charts."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache

from maillage.analysis import NetworkReport, headline_figures, snapshot
from maillage.analysis.graph import build_graph
from maillage.analysis.network import level_table
from maillage.directory.models import Sector
from maillage.observatory import (
    VERSIONED_SECONDS,
    Chart,
    Headline,
    Scope,
    cached_dataset,
    charts,
    headlines,
    latest_report,
    scope_cache_key,
)


@dataclass
class DashboardData:
    dates: list[str]
    latest: str | None
    previous: str | None
    report: NetworkReport | None
    headlines: list[Headline]
    charts: list[Chart]


def dashboard_data(scope: Scope, *, language: str, seed: int = 0) -> DashboardData:
    """Everything the dashboard page shows, cached until the scope's data changes."""
    key = scope_cache_key("dashboard", scope, language, seed)
    data = cache.get(key)
    if data is None:
        data = _compute(scope, language=language, seed=seed)
        cache.set(key, data, timeout=VERSIONED_SECONDS)
    return data


def _compute(scope: Scope, *, language: str, seed: int) -> DashboardData:
    found = latest_report(scope, language=language, seed=seed)
    dates, latest, previous, report = found.dates, found.latest, found.previous, found.report
    if report is None:
        return DashboardData(dates, None, None, None, [], [])
    dataset = cached_dataset(scope, language)
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
