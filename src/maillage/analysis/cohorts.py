"""Network-wide trust and value from released cohorts, not from whoever is in view.

The snapshot's ratings follow the reader's date, filters and the memberships of the day: a mean over them
read twice, around a change of membership, a sector filter or a new wave with one respondent, gives by
difference the answers of the raters who came or went. When the dataset carries the released figures of
each closed wave (``Dataset.rating_releases``: network, date, raters, ratings, trust, value, each frozen
when the wave closed), the network's trust and value are those of the latest release on or before the
snapshot's date, pooled over the networks in view, and nothing under a filter that narrows the network.
A dataset read from files carries no releases: its figures are computed from its ratings as before.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from .inputs import Dataset

RELEASE_COLUMNS = ["network", "date", "raters", "ratings", "trust", "value"]


@dataclass(frozen=True)
class ReleasedRatings:
    trust_percent: float | None
    value_percent: float | None
    raters: int


WITHHELD = ReleasedRatings(None, None, 0)


def narrowed(*filters: object) -> bool:
    """Whether a filter narrows the network to a part of it (whose ratings a difference would give)."""
    return any(value is not None for value in filters)


def released_ratings(
    dataset: Dataset, as_of: pd.Timestamp | None, network: Hashable | None, narrowed: bool
) -> ReleasedRatings | None:
    """The released figures for this view; None when the dataset carries no releases.

    Examples
    --------
    >>> from maillage.analysis.inputs import load_dataset
    >>> ds = load_dataset([{"id": 1}], [])
    >>> ds.rating_releases = pd.DataFrame([[7, "2024-05-01", 4, 10, 75.0, 50.0],
    ...                                    [7, "2025-05-01", 3, 6, 60.0, None]], columns=RELEASE_COLUMNS)
    >>> released_ratings(ds, pd.Timestamp("2024-12-31"), None, False)
    ReleasedRatings(trust_percent=75.0, value_percent=50.0, raters=4)
    >>> released_ratings(ds, None, None, True) == WITHHELD
    True
    """
    releases = dataset.rating_releases
    if releases is None:
        return None
    if narrowed or releases.empty:
        return WITHHELD
    latest = latest_releases(releases, as_of)
    if network is not None:
        latest = latest[latest["network"] == network]
    if latest.empty:
        return WITHHELD
    return ReleasedRatings(_pooled(latest, "trust"), _pooled(latest, "value"), int(latest["raters"].sum()))


def latest_releases(releases: pd.DataFrame, as_of: pd.Timestamp | None) -> pd.DataFrame:
    """Each network's latest release on or before `as_of` that published figures (one row a network)."""
    rows = releases.assign(date=pd.to_datetime(releases["date"]))
    if as_of is not None:
        rows = rows[rows["date"] <= as_of]
    latest = rows.sort_values("date", kind="stable").groupby("network").tail(1)
    return latest[latest["ratings"] > 0]  # a wave withheld for want of raters adds nothing


def released_by_network(
    releases: pd.DataFrame, as_of: pd.Timestamp | None
) -> dict[Hashable, ReleasedRatings]:
    """Each network's released figures on `as_of` (a network without any is absent)."""
    return {
        # pandas-stubs type a row's cell as any scalar; `raters` is a count.
        row.network: ReleasedRatings(_or_none(row.trust), _or_none(row.value), int(row.raters))  # type: ignore[arg-type]
        for row in latest_releases(releases, as_of).itertuples()
    }


def _or_none(value: Any) -> float | None:
    return None if pd.isna(value) else float(value)


def _pooled(rows: pd.DataFrame, column: str) -> float | None:
    """The mean over every rating of these releases: each release weighs as many ratings as it covers."""
    given = rows[rows[column].notna()]
    weight = float(given["ratings"].sum())
    return float((given[column] * given["ratings"]).sum() / weight) if weight else None
