"""The dashboard's numbers: headline indicators with definitions and change, and the charts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.utils.translation import gettext as _

from maillage.analysis import HeadlineFigures, NetworkReport, headline_figures, report_from_dataset, snapshot
from maillage.analysis.graph import build_graph
from maillage.analysis.network import level_table
from maillage.dashboards import charts
from maillage.dashboards.adapter import cached_dataset, observation_dates
from maillage.dashboards.scope import VERSIONED_SECONDS, Scope, scope_cache_key
from maillage.directory.models import Sector


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


@dataclass
class DashboardData:
    dates: list[str]
    latest: str | None
    previous: str | None
    report: NetworkReport | None
    headlines: list[Headline]
    charts: list[charts.Chart]


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f} %"


def _number(value: float | int | None, digits: int = 0) -> str:
    if value is None:
        return "—"
    return f"{value:,.{digits}f}".replace(",", "\u202f")


def figures_of(report: NetworkReport) -> HeadlineFigures:
    """A full report's headline figures (to compare with another report)."""
    ratings = report.ratings
    return HeadlineFigures(
        organizations=report.network.organizations,
        ties=report.network.ties,
        density=report.network.density,
        degree_centralization=report.network.degree_centralization,
        cross_family_share=report.mix.cross_family_share,
        formal_share=report.network.formal_share,
        trust_percent=ratings.network_trust_percent if ratings is not None else None,
        value_percent=ratings.network_value_percent if ratings is not None else None,
    )


def headlines(report: NetworkReport, previous: HeadlineFigures | NetworkReport | None) -> list[Headline]:
    metrics = report.network
    ratings = report.ratings
    items = [
        Headline(
            "organizations",
            _("Organizations"),
            metrics.organizations,
            _number(metrics.organizations),
            _("Organizations in the network at this date: members and everyone they have a tie with."),
        ),
        Headline(
            "ties",
            _("Ties"),
            metrics.ties,
            _number(metrics.ties),
            _("Pairs of organizations that work together (networking or more) at this date."),
            higher_is="better",
        ),
        Headline(
            "density",
            _("Density"),
            metrics.density,
            _percent(metrics.density),
            _("Share of all possible pairs of organizations that have a tie."),
            higher_is="better",
        ),
        Headline(
            "centralization",
            _("Centralization"),
            metrics.degree_centralization,
            _percent(metrics.degree_centralization),
            _("How much the ties depend on a few organizations (0 %: evenly spread; 100 %: a star)."),
        ),
        Headline(
            "intersectoral",
            _("Intersectoral ties"),
            report.mix.cross_family_share,
            _percent(report.mix.cross_family_share),
            _("Share of ties between organizations of different families: public, community, private."),
            higher_is="better",
        ),
        Headline(
            "formal",
            _("Formal ties"),
            metrics.formal_share,
            _percent(metrics.formal_share),
            _("Share of ties backed by an agreement, contract, MOU or service corridor."),
        ),
    ]
    if ratings is not None and ratings.network_trust_percent is not None:
        trust = ratings.network_trust_percent / 100
        value = (ratings.network_value_percent or 0) / 100
        items += [
            Headline(
                "trust",
                _("Trust"),
                trust,
                _percent(trust),
                _(
                    "Mean of the reliability, mission alignment and openness ratings partners give "
                    "each other, as a share of the maximum."
                ),
                higher_is="better",
            ),
            Headline(
                "value",
                _("Value"),
                value,
                _percent(value),
                _(
                    "Mean of the power/influence, involvement and resource contribution ratings, "
                    "as a share of the maximum."
                ),
                higher_is="better",
            ),
        ]
    if isinstance(previous, NetworkReport):
        previous = figures_of(previous)
    if previous is not None:
        before = {
            "organizations": previous.organizations,
            "ties": previous.ties,
            "density": previous.density,
            "centralization": previous.degree_centralization,
            "intersectoral": previous.cross_family_share,
            "formal": previous.formal_share,
            "trust": previous.trust_percent / 100 if previous.trust_percent is not None else None,
            "value": previous.value_percent / 100 if previous.value_percent is not None else None,
        }
        for item in items:
            old = before.get(item.key)
            if old is None or item.value is None:
                continue
            item.change = float(item.value) - float(old)
            item.change_display = format_change(item.change, percent=item.display.endswith("%"))
    return items


def format_change(change: float, *, percent: bool) -> str:
    """A difference as shown beside a headline: percentage points for shares, plain numbers otherwise."""
    if percent:
        return f"{change * 100:+.1f} pt"
    return f"{change:+,.0f}".replace(",", "\u202f")


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
