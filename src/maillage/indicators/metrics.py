"""Network metrics per network and period, from the dashboards' adapter and the analysis dataset.

Each (network, period) is cached under that network's own data version, so editing one network
recomputes only its metrics, and a province scorecard reuses everything already computed.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterable

from django.core.cache import cache

from maillage.indicators.batch import BatchMetrics, MetricValues
from maillage.networks.models import Network
from maillage.networks.periods import ReportingPeriod, period_bounds
from maillage.networks.versions import versions_by_network
from maillage.observatory import dataset_for


def period_end(period: str, kind: str = ReportingPeriod.CALENDAR) -> datetime.date:
    """The last day of a period: "2024" is the network's year named 2024 (for a fiscal network, April 2024
    to March 2025); "2024-Q2" is a calendar quarter whatever the network's year."""
    year = int(period[:4])
    if "-Q" in period:
        quarter = int(period[-1])
        month = quarter * 3
        following = datetime.date(year + (month == 12), month % 12 + 1, 1)
        return following - datetime.timedelta(days=1)
    return period_bounds(year, kind)[1]


def previous_period(period: str) -> str:
    year = int(period[:4])
    if "-Q" in period:
        quarter = int(period[-1])
        return f"{year - 1}-Q4" if quarter == 1 else f"{year}-Q{quarter - 1}"
    return str(year - 1)


# Networks share cache entries in buckets (network id modulo BUCKETS): a province of 1,000 networks is a
# few dozen entries, not thousands (the default local-memory cache keeps only 300), and an edit to one
# network recomputes only the networks of its bucket.
BUCKETS = 32


def _bucket_key(bucket: list[int], versions: dict[int, int], periods: list[str]) -> str:
    text = repr([(pk, versions[pk]) for pk in bucket]) + repr(periods)
    return "indicators:metrics:" + hashlib.sha256(text.encode()).hexdigest()


def _measure(networks: list[int], periods: list[str]) -> dict[tuple[int, str], MetricValues]:
    queryset = Network.objects.filter(pk__in=networks)
    kinds = dict(queryset.values_list("pk", "reporting_period"))
    batch = BatchMetrics(dataset_for(queryset), networks)
    # Each network is measured at the end of its own year: fiscal networks on March 31, the others on
    # December 31 (one pass over the dataset per distinct end date).
    measured = {
        (period, kind): batch.at(period_end(period, kind))
        for period in set(periods) | {previous_period(p) for p in periods}
        for kind in set(kinds.values())
    }
    result: dict[tuple[int, str], MetricValues] = {}
    for pk in networks:
        for period in periods:
            values = dict(measured[(period, kinds[pk])][pk])
            before = measured[(previous_period(period), kinds[pk])][pk]["ties"]
            now = values["ties"]
            values["partnership_growth"] = (
                100.0 * (now - before) / before if before and now is not None else None
            )
            result[(pk, period)] = values
    return result


def metric_values(network_ids: Iterable[int], periods: Iterable[str]) -> dict[tuple[int, str], MetricValues]:
    """Every metric of every (network, period); computed once, then read from the cache."""
    ids, wanted = sorted(set(network_ids)), sorted(set(periods))
    if not ids or not wanted:
        return {}
    versions = versions_by_network(ids)
    buckets: dict[int, list[int]] = {}
    for pk in ids:
        buckets.setdefault(pk % BUCKETS, []).append(pk)
    keys = {number: _bucket_key(bucket, versions, wanted) for number, bucket in buckets.items()}
    found = cache.get_many(list(keys.values()))
    result: dict[tuple[int, str], MetricValues] = {}
    stale = [number for number, key in keys.items() if key not in found]
    for key in keys.values():
        if key in found:
            result.update(found[key])
    if stale:
        # One read of the adapter for every stale bucket together, then one cache entry per bucket.
        fresh = _measure(sorted(pk for number in stale for pk in buckets[number]), wanted)
        result.update(fresh)
        cache.set_many(
            {keys[n]: {(pk, p): fresh[(pk, p)] for pk in buckets[n] for p in wanted} for n in stale},
            timeout=24 * 3600,
        )
    return result
