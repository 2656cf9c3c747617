"""Sections 5–8 of the yearly report: impact measures and indicators, partners' words, initiatives, method.

Quotes come from `surveys.results.published_quotes`, which keeps only the words whose authors consented to
publication (`Response.quote_consent`). The indicator scorecard comes from the indicators app; when no
indicator has a value the section says plainly that no indicator data exists.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Q

from maillage.analysis import NetworkReport
from maillage.formatting import percent
from maillage.indicators.scorecard import network_scorecard, scorecard_for_networks
from maillage.initiatives.models import Initiative
from maillage.observatory import Headline, Scope, charts
from maillage.reports.lessons import lessons_section
from maillage.reports.measures import distribution_chart, impact_measures, level_definitions, network_waves
from maillage.reports.scope import Period
from maillage.surveys.models import Wave, WaveStatus
from maillage.surveys.results import published_quotes, response_rates, submitted_responses
from maillage.ties.models import ObservationSource, TieObservation


def _period_end(period: Period, as_of: str | None) -> datetime.date:
    if period.end:
        return period.end
    return datetime.date.fromisoformat(as_of) if as_of else datetime.date.today()


def report_waves(scope: Scope, period: Period, as_of: str | None) -> list[Wave]:
    """Each network's latest survey wave (open or closed) on or before the end of the period."""
    end = _period_end(period, as_of)
    waves = (
        Wave.objects.filter(network__in=scope.networks, date__lte=end)
        .exclude(status=WaveStatus.DRAFT)
        .select_related("network")
        .order_by("network_id", "-date", "-id")
    )
    latest: dict[int, Wave] = {}
    for wave in waves:
        latest.setdefault(wave.network_id, wave)
    return sorted(latest.values(), key=lambda w: (w.network.name, w.date))


def voice_sections(
    scope: Scope, period: Period, *, as_of: str | None, compare_to: str | None
) -> dict[str, dict[str, Any]]:
    waves = report_waves(scope, period, as_of)
    responses = [r for wave in waves for r in submitted_responses(wave)]
    measures = impact_measures(scope, _period_end(period, as_of))
    latest = measures["columns"][-1] if measures["columns"] else None
    scorecard = scorecard_rows(scope, period, as_of)
    if not any(r["value"] != "—" for r in scorecard):
        scorecard = []  # not one value: the section says plainly that no indicator data exists
    return {
        "impact": {
            "waves": waves,
            "all_waves": [w for ws in network_waves(scope, _period_end(period, as_of)).values() for w in ws],
            "responses": len(latest.responses) if latest else 0,
            **measures,
            "scorecard": scorecard,
            "scorecard_missing": [r["name"] for r in scorecard if r["value"] == "—"],
        },
        "lessons": lessons_section(scope, _period_end(period, as_of)),
        "words": {"quotes": published_quotes(responses)},
        "effects": {"initiatives": year_initiatives(scope, period, as_of)},
    }


def scorecard_rows(scope: Scope, period: Period, as_of: str | None) -> list[dict[str, Any]]:
    """Rows of the indicator scorecard of each network (none when no indicator has a value)."""
    year = period.year or _period_end(period, as_of).year
    if scope.network is not None:
        return [
            _scorecard_row(scope.network.name, row) for row in network_scorecard(scope.network, year) or []
        ]
    # Many networks: one rolled-up scorecard, not one table per network.
    pks = list(scope.networks.values_list("pk", flat=True))
    return (
        [_scorecard_row(scope.title, row) for row in scorecard_for_networks(pks, year) or []] if pks else []
    )


def _scorecard_row(network: str, row: Any) -> dict[str, Any]:
    """One scorecard row as the template shows it: the agreed fields, formatted."""

    def get(name: str) -> Any:
        return row.get(name) if isinstance(row, dict) else getattr(row, name, None)

    value, target, band = get("value"), get("target"), get("band")
    trend = [v for v in (get("trend") or []) if v is not None]
    arrow = ""
    if len(trend) >= 2:
        arrow = "↗" if trend[-1] > trend[-2] else "↘" if trend[-1] < trend[-2] else "→"
    return {
        "network": network,
        "code": get("code"),
        "name": get("name"),
        "rba_question": get("rba_question") or "",
        "unit": get("unit") or "",
        "value": get("display") or ("—" if value is None else f"{value:g}"),
        "target": get("target_display") or ("—" if target is None else f"{target:g}"),
        "band": getattr(band, "label", band) or "—",
        "trend": arrow or "—",
    }


def year_initiatives(scope: Scope, period: Period, as_of: str | None) -> list[Initiative]:
    """The initiatives of the scope's networks running during the period (undated ones count as running)."""
    end = _period_end(period, as_of)
    start = period.start
    running = Q(start_date__isnull=True) | Q(start_date__lte=end)
    if start is not None:
        running &= Q(end_date__isnull=True) | Q(end_date__gte=start)
    return list(
        Initiative.objects.filter(running, networks__in=scope.networks)
        .distinct()
        .prefetch_related("partners__organization")
        .order_by("title_fr", "pk")[:12]
    )


def impact_charts(impact: dict[str, Any]) -> list[charts.Chart]:
    """The eight impact measures as the distribution of answers, wave after wave (see reports.measures)."""
    chart = distribution_chart(impact)
    return [chart] if chart else []


def method_section(
    scope: Scope,
    *,
    as_of: str | None,
    waves: list[Wave],
    headlines: list[Headline],
    report: NetworkReport | None,
    dates: list[str],
) -> dict[str, Any]:
    observations = TieObservation.objects.filter(tie__network__in=scope.networks)
    if as_of:
        observations = observations.filter(observed_on__lte=as_of)
    labels = dict(ObservationSource.choices)
    sources = [
        (str(labels.get(row["source"], row["source"])), row["n"])
        for row in observations.values("source").annotate(n=Count("id")).order_by("source")
    ]
    rates = []
    for wave in waves:
        total, _sectors = response_rates(wave)
        rates.append(
            {
                "network": wave.network.name,
                "date": wave.date,
                "kind": wave.get_kind_display(),
                "invited": total.invited,
                "submitted": total.submitted,
                "percent": percent(None if total.percent is None else total.percent / 100, 0),
            }
        )
    return {
        "sources": sources,
        "dates": dates,
        "rates": rates,
        "definitions": [(h.label, h.definition) for h in headlines],
        "levels": level_definitions(),
        "seed": report.parameters["seed"] if report else 0,
    }
