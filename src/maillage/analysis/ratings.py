"""Trust and value from partner ratings, and relative connectivity (after the PARTNER tool).

Each survey rating is a directed tie: ``source`` (the rater) rates ``target`` (the rated) from 1 to 4 on
reliability, mission alignment and openness (trust) and on power/influence, involvement and resource
contribution (value). Only the latest rating per (rater, rated) pair on or before the snapshot date counts.

* A rating's trust score is the mean of its non-empty trust dimensions; likewise its value score.
* An organization's trust (value) is the mean trust (value) score of the ratings it **received**, 1–4.
* The network's trust (value) is the mean trust (value) score over all ratings, as a percentage of the
  maximum: ``mean / 4 x 100``.
* Relative connectivity of organization i: ``sum_j level_ij / (5 (n - 1)) x 100`` — its level-weighted ties
  as a share of the strongest possible (collaboration with everyone). For the network:
  ``sum_ties level / (5 n (n - 1) / 2) x 100`` (a level-weighted density).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import igraph as ig
import numpy as np
import pandas as pd

from .graph import OrgGraph, edge_pairs
from .results import Result
from .snapshots import Snapshot
from .vocabulary import MAX_LEVEL, RATING_DIMENSIONS, RATING_MAX, TRUST_DIMENSIONS, VALUE_DIMENSIONS

FloatArray = np.ndarray[Any, np.dtype[np.float64]]
IntArray = np.ndarray[Any, np.dtype[np.int64]]


@dataclass
class RatingsResult(Result):
    """Trust, value and relative connectivity, per organization and for the network."""

    ratings: int
    raters: int  # distinct organizations that gave ratings
    network_trust_percent: float | None
    network_value_percent: float | None
    network_relative_connectivity: float
    table: pd.DataFrame  # id, ratings_received, each dimension, trust, value, relative_connectivity


def rating_graph(snap: Snapshot) -> ig.Graph:
    """Directed graph of the latest ratings (rater → rated), on the snapshot's vertices."""
    ratings = snap.ratings
    pairs = edge_pairs(ratings["src"].to_numpy(), ratings["dst"].to_numpy()) if len(ratings) else iter(())
    graph = ig.Graph(n=len(snap.organizations), directed=True)
    graph.add_edges(pairs)
    return graph


def trust_and_value(snap: Snapshot, og: OrgGraph) -> RatingsResult:
    """Per-organization and network trust, value and relative connectivity.

    Examples
    --------
    >>> from maillage.analysis import load_dataset, snapshot
    >>> from maillage.analysis.graph import build_graph
    >>> ds = load_dataset([{"id": 1}, {"id": 2}], [
    ...     {"source": 1, "target": 2, "level": "collaboration", "reliability": 4, "openness": 2}])
    >>> snap = snapshot(ds)
    >>> r = trust_and_value(snap, build_graph(snap))
    >>> r.network_trust_percent, r.network_relative_connectivity
    (75.0, 100.0)
    """
    n = len(snap.organizations)
    ratings = snap.ratings
    scores = {column: ratings[column].to_numpy(dtype=np.float64) for column in RATING_DIMENSIONS}
    trust = _row_means([scores[column] for column in TRUST_DIMENSIONS])
    value = _row_means([scores[column] for column in VALUE_DIMENSIONS])
    rated = ratings["dst"].to_numpy().astype(np.int64)
    received = np.bincount(rated, minlength=n)
    table = snap.organizations[["id", "name", "sector"]].copy()
    table["ratings_received"] = received
    for column, values in [*scores.items(), ("trust", trust), ("value", value)]:
        table[column] = _means_by(rated, values, n)
    table["relative_connectivity"] = og.weighted_degrees / (MAX_LEVEL * (n - 1)) * 100.0 if n > 1 else 0.0
    total_level = float(og.ties["level"].sum())
    possible = MAX_LEVEL * n * (n - 1) / 2.0
    return RatingsResult(
        ratings=len(ratings),
        raters=len(np.unique(ratings["src"].to_numpy())) if len(ratings) else 0,
        network_trust_percent=_percent(trust),
        network_value_percent=_percent(value),
        network_relative_connectivity=total_level / possible * 100.0 if possible else 0.0,
        table=table,
    )


def _row_means(columns: list[FloatArray]) -> FloatArray:
    """Mean of the non-empty values of each row across ``columns`` (NaN when all are empty)."""
    stacked = np.column_stack(columns)
    present = ~np.isnan(stacked)
    counts = present.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.asarray(np.where(present, stacked, 0.0).sum(axis=1) / counts, dtype=np.float64)


def _means_by(group: IntArray, values: FloatArray, n: int) -> FloatArray:
    """Mean of the non-empty ``values`` of each group 0..n-1 (NaN for a group with none)."""
    present = ~np.isnan(values)
    sums = np.bincount(group[present], weights=values[present], minlength=n)
    counts = np.bincount(group[present], minlength=n)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.asarray(np.where(counts > 0, sums / counts, np.nan), dtype=np.float64)


def _percent(scores: FloatArray) -> float | None:
    values = scores[~np.isnan(scores)]
    return float(values.mean() / RATING_MAX * 100.0) if len(values) else None
