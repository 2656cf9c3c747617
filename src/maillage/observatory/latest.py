"""A scope's report at its latest wave compared with the one before, computed once per data version.

The dashboard shows it and the map colours its organizations with it: both read it from here, so the map
drawn a moment after the dashboard finds it in the cache.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache

from maillage.analysis import NetworkReport, report_from_dataset
from maillage.observatory.dataset import cached_dataset, observation_dates
from maillage.observatory.scope import VERSIONED_SECONDS, Scope, scope_cache_key

# The scenarios the dashboard shows beside the latest report.
DASHBOARD_SCENARIOS = ["formal-ties", "top:5"]


@dataclass
class LatestReport:
    dates: list[str]
    latest: str | None
    previous: str | None
    report: NetworkReport | None  # None when the scope has no tie at all


def latest_report(scope: Scope, *, language: str, seed: int = 0) -> LatestReport:
    """The scope's report at its latest observation date, compared with the previous one; cached."""
    key = scope_cache_key("latest-report", scope, language, seed)
    found: LatestReport | None = cache.get(key)
    if found is None:
        found = _compute(scope, language=language, seed=seed)
        cache.set(key, found, timeout=VERSIONED_SECONDS)
    return found


def _compute(scope: Scope, *, language: str, seed: int) -> LatestReport:
    dataset = cached_dataset(scope, language)
    dates = observation_dates(dataset)
    if dataset.ties.empty:
        return LatestReport(dates, None, None, None)
    latest = dates[-1] if dates else None
    previous = dates[-2] if len(dates) > 1 else None
    report = report_from_dataset(
        dataset, as_of=latest, compare_to=previous, scenarios=DASHBOARD_SCENARIOS, curve=True, seed=seed
    )
    return LatestReport(dates, latest, previous, report)
