"""The headline numbers of the home page: the dashboard's own measures, for several networks at once.

One dataset is read for all the networks shown (a fixed number of queries however many there are), and
each network's figures are `headline_figures` of that dataset filtered to it, at its latest observation
date and at the one before: the same function and the same dates as the network's dashboard, so the home
page and the dashboard show the same numbers. Figures are cached under each network's data version.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.cache import cache

from maillage.analysis import HeadlineFigures, headline_figures
from maillage.networks.models import Network
from maillage.observatory import VERSIONED_SECONDS, Headline, dataset_for, headlines

# The measures a home card shows, of the catalogue's headlines.
HOME_MEASURES = ("organizations", "ties", "density", "trust")


@dataclass(frozen=True)
class NetworkFigures:
    latest: str | None
    previous: str | None
    now: HeadlineFigures | None
    before: HeadlineFigures | None

    @property
    def previous_day(self) -> datetime.date | None:
        return datetime.date.fromisoformat(self.previous) if self.previous else None

    def headlines(self) -> list[Headline]:
        """The home's measures with their change since the previous wave, in the active language."""
        if self.now is None:
            return []
        return [h for h in headlines(self.now, self.before) if h.key in HOME_MEASURES]


def _key(network: Network) -> str:
    return f"home-figures:{network.pk}:{network.data_version}"


def _compute(networks: list[Network]) -> dict[int, NetworkFigures]:
    ids = [network.pk for network in networks]
    dataset = dataset_for(Network.objects.filter(pk__in=ids))
    dated = dataset.ties.dropna(subset=["date"])
    dates = {pk: group.unique() for pk, group in dated.groupby("network")["date"]}
    result = {}
    for pk in ids:
        # The network's observation dates, as its dashboard reads them (`observation_dates`).
        days = sorted({day.strftime("%Y-%m-%d") for day in dates.get(pk, [])})
        if not days:
            result[pk] = NetworkFigures(None, None, None, None)
            continue
        latest, previous = days[-1], (days[-2] if len(days) > 1 else None)
        now = headline_figures(dataset, as_of=latest, network=pk)
        before = headline_figures(dataset, as_of=previous, network=pk) if previous else None
        result[pk] = NetworkFigures(latest, previous, now, before)
    return result


def figures_for(networks: list[Network]) -> dict[int, NetworkFigures]:
    """Each network's figures, from the cache when its data has not changed since."""
    keys = {_key(network): network for network in networks}
    found = cache.get_many(list(keys))
    missing = [network for key, network in keys.items() if key not in found]
    if missing:
        computed = _compute(missing)
        fresh = {_key(network): computed[network.pk] for network in missing}
        cache.set_many(fresh, timeout=VERSIONED_SECONDS)
        found.update(fresh)
    return {network.pk: found[_key(network)] for network in networks}
