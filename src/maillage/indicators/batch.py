"""Network metrics of many networks at many dates in a few vectorised passes over the analysis dataset.

A province scorecard needs density, tie shares, trust and value for every network at every year
end: 1,000 networks × 6 dates is 6,000 snapshots, about a minute one `snapshot()` at a time. This
module applies the same rules as `maillage.analysis.inputs.snapshot` (latest observation per pair on
or before the date, the network's ties and its active members, latest rating per directed pair) to
all networks at once with numpy group-bys. `tests/indicators/test_batch.py` checks it against the
analysis core, network by network and date by date.
"""

from __future__ import annotations

import datetime
from collections.abc import Hashable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from maillage.analysis import Dataset
from maillage.analysis.cohorts import WITHHELD, released_by_network
from maillage.analysis.vocabulary import RATING_MAX, TRUST_DIMENSIONS, VALUE_DIMENSIONS

MetricValues = dict[str, float | None]


def _last_of_runs(keys: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    last = np.ones(len(keys), dtype=bool)
    if len(keys) > 1:
        last[:-1] = keys[1:] != keys[:-1]
    return last


def _per_group(
    codes: np.ndarray[Any, Any], size: int, weights: np.ndarray[Any, Any] | None = None
) -> np.ndarray:
    return np.bincount(codes, weights=weights, minlength=size).astype(np.float64)


def _percent(total: np.ndarray, count: np.ndarray, k: int) -> float | None:
    return float(total[k] / count[k] / RATING_MAX * 100.0) if count[k] else None


class BatchMetrics:
    """Prepared once per dataset; `at(date)` gives every network's metrics at that date."""

    def __init__(self, dataset: Dataset, networks: Sequence[Hashable]) -> None:
        self.networks = list(networks)
        self.size = len(self.networks)
        self.releases = dataset.rating_releases  # trust and value of released cohorts (analysis.cohorts)
        self.n = len(dataset.organizations)
        ties = dataset.ties
        index = {network: code for code, network in enumerate(self.networks)}
        self.net = pd.Series(ties["network"].to_numpy(dtype=object)).map(index).fillna(-1).to_numpy(np.int64)
        order = dataset.order[self.net[dataset.order] >= 0]
        # Group by network, keeping the dataset's (pair, date, level, formality) order inside each network.
        self.order = order[np.argsort(self.net[order], kind="stable")]
        self.dates = ties["date"].to_numpy()
        self.level = ties["level"].to_numpy()
        self.formal = ties["formal"].to_numpy().astype(np.float64)
        self.u, self.v = ties["u"].to_numpy(), ties["v"].to_numpy()
        self.src, self.dst = ties["src"].to_numpy(), ties["dst"].to_numpy()
        sector_codes, _ = pd.factorize(dataset.organizations["sector"])
        self.sector = np.asarray(sector_codes)
        self.trust = ties.reindex(columns=list(TRUST_DIMENSIONS)).to_numpy(np.float64)
        self.value = ties.reindex(columns=list(VALUE_DIMENSIONS)).to_numpy(np.float64)
        self.rated = ~np.isnan(np.concatenate([self.trust, self.value], axis=1)).all(axis=1)
        members = dataset.memberships
        member_net = (
            pd.Series(members["network"].to_numpy(dtype=object)).map(index).fillna(-1).to_numpy(np.int64)
        )
        keep = member_net >= 0
        self.member_net = member_net[keep]
        self.member_code = members["code"].to_numpy()[keep]
        self.member_start = members["start"].to_numpy()[keep]
        self.member_end = members["end"].to_numpy()[keep]

    def at(self, date: datetime.date) -> dict[Hashable, MetricValues]:
        stamp = np.datetime64(date.isoformat(), "ns")
        order = self.order
        dates = self.dates[order]
        selected = order[np.isnat(dates) | (dates <= stamp)]
        n, size = self.n, self.size
        pair_key = self.net[selected] * n * n + self.u[selected] * n + self.v[selected]
        latest = selected[_last_of_runs(pair_key)]
        present = latest[self.level[latest] > 0]
        net = self.net[present]
        ties = _per_group(net, size)
        formal = _per_group(net, size, self.formal[present])
        cross = _per_group(
            net, size, (self.sector[self.u[present]] != self.sector[self.v[present]]).astype(float)
        )

        active = (np.isnat(self.member_start) | (self.member_start <= stamp)) & (
            np.isnat(self.member_end) | (self.member_end >= stamp)
        )
        member_keys = np.unique(self.member_net[active] * n + self.member_code[active])
        end_keys = np.unique(np.concatenate([net * n + self.u[present], net * n + self.v[present]]))
        vertex_keys = np.union1d(member_keys, end_keys)
        vertices = _per_group(vertex_keys // n, size)
        members = _per_group(member_keys // n, size)
        tied_members = _per_group(member_keys[np.isin(member_keys, end_keys)] // n, size)
        trust_sum, trust_count, value_sum, value_count = self._ratings(selected, vertex_keys)

        # A network with no tie observed yet on the date has no tie data: its tie measures are "no data".
        observed = _per_group(self.net[selected], size)
        result: dict[Hashable, MetricValues] = {}
        for k, network in enumerate(self.networks):
            m, nodes = ties[k], vertices[k]
            if not observed[k]:
                nodes = 0
            result[network] = {
                "ties": float(m) if observed[k] else None,
                "members": float(members[k]),
                # Fewer than two organizations: no pair, no density (a year with no data is not 0).
                "density": 100.0 * 2.0 * m / (nodes * (nodes - 1)) if nodes > 1 else None,
                "intersectoral_share": 100.0 * cross[k] / m if m else None,
                "formal_share": 100.0 * formal[k] / m if m else None,
                "trust": _percent(trust_sum, trust_count, k),
                "value": _percent(value_sum, value_count, k),
                "participation": 100.0 * tied_members[k] / members[k] if members[k] else None,
            }
        if self.releases is not None:
            released = released_by_network(self.releases, pd.Timestamp(date))
            for network, values in result.items():
                figures = released.get(network, WITHHELD)
                values["trust"], values["value"] = figures.trust_percent, figures.value_percent
        return result

    def _ratings(self, selected: np.ndarray, vertex_keys: np.ndarray) -> tuple[np.ndarray, ...]:
        """Per network: sum and count of the ratings' trust and value means (latest per directed pair)."""
        n, size = self.n, self.size
        rated = selected[self.rated[selected]]
        keys = self.net[rated] * n * n + self.src[rated] * n + self.dst[rated]
        by_pair = np.argsort(keys, kind="stable")
        rated, keys = rated[by_pair], keys[by_pair]
        rated = rated[_last_of_runs(keys)]
        net = self.net[rated]
        in_view = np.isin(net * n + self.src[rated], vertex_keys) & np.isin(
            net * n + self.dst[rated], vertex_keys
        )
        rated, net = rated[in_view], net[in_view]
        sums = []
        for table in (self.trust, self.value):
            rows = table[rated]
            given = ~np.isnan(rows).all(axis=1)
            with np.errstate(invalid="ignore", divide="ignore"):
                means = np.nanmean(np.where(given[:, None], rows, 0.0), axis=1)
            sums += [_per_group(net[given], size, means[given]), _per_group(net[given], size)]
        return tuple(sums)
