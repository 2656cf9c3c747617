"""Organization-level positions: degree, betweenness, closeness, eigenvector, constraint, effective size.

Conventions (all match NetworkX, which the tests use as the reference):

* degree = number of partners; weighted degree = sum of tie levels (1..5).
* betweenness: ``B(v) = sum over unordered pairs {s, t} (v not in it) of sigma_st(v) / sigma_st``;
  ``betweenness`` is normalised by ``2 / ((n - 1)(n - 2))`` (NetworkX ``normalized=True``),
  ``betweenness_raw`` is B itself. Up to ``exact_max_nodes`` organizations it is exact (Brandes 2001).
  Above, it is the Brandes–Pich (2007) estimator: ``k`` sources drawn uniformly without replacement
  (``seed``), dependencies accumulated from each, scaled by ``n / k``. It is unbiased, and by Hoeffding's
  inequality the error on the normalised value of any one organization is at most
  ``n/(n-1) * sqrt(ln(2/0.05) / (2k))`` with probability 95% (``betweenness_error_bound``).
* closeness: Wasserman–Faust, see :mod:`maillage.analysis.paths`.
* eigenvector: the Perron vector of the adjacency matrix, scaled to unit Euclidean norm (as NetworkX);
  meaningful on a connected graph; zero for isolated organizations.
* Burt's constraint ``c_i = sum_{j in N(i)} (p_ij + sum_{q != i,j} p_iq p_qj)^2`` with ``p_ij = 1 / d_i`` for
  unweighted ties; NaN for isolated organizations.
* effective size (Borgatti's simplification for unweighted, undirected ties): ``d_i - 2 t_i / d_i``, with
  ``t_i`` the number of ties among i's partners; NaN for isolated organizations.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from typing import Any

import igraph as ig
import numpy as np
import pandas as pd

from .graph import OrgGraph, seeded
from .paths import DistanceSummary, closeness_from_summary, distance_summary
from .results import Result

FloatArray = np.ndarray[Any, np.dtype[np.float64]]
CONFIDENCE = 0.95


@dataclass
class BetweennessEstimate:
    """Betweenness per vertex with how it was obtained."""

    raw: FloatArray
    normalized: FloatArray
    exact: bool
    sample_size: int
    error_bound: float | None  # on normalised values, per organization, 95 % (Hoeffding); None if exact


def betweenness_error_bound(n: int, k: int, *, confidence: float = CONFIDENCE) -> float:
    """Hoeffding bound on the error of the sampled normalised betweenness of one organization.

    >>> round(betweenness_error_bound(1000, 64), 4)
    0.1699
    """
    return n / (n - 1) * math.sqrt(math.log(2.0 / (1.0 - confidence)) / (2.0 * k))


def betweenness(
    graph: ig.Graph, *, exact_max_nodes: int = 2500, samples: int = 64, seed: int = 0
) -> BetweennessEstimate:
    """Exact betweenness, or the Brandes–Pich source-sampling estimate above ``exact_max_nodes``.

    The estimate uses igraph's subset betweenness (sources = the sample, targets = everyone), which runs the
    single-source dependency accumulation of Brandes' algorithm from each sampled source in C.

    Examples
    --------
    >>> betweenness(ig.Graph.Star(4)).raw.tolist()
    [3.0, 0.0, 0.0, 0.0]
    """
    n = graph.vcount()
    scale = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 1.0
    if n <= exact_max_nodes or samples >= n:
        raw = np.asarray(graph.betweenness(directed=False), dtype=np.float64)
        return BetweennessEstimate(raw, raw * scale, True, 0, None)
    rng = np.random.default_rng(seed)
    sources = np.sort(rng.choice(n, size=samples, replace=False))
    chosen = sources.tolist()
    partial = np.asarray(graph.betweenness(directed=False, sources=chosen, targets=None), dtype=np.float64)
    raw = partial * (n / samples)
    return BetweennessEstimate(raw, raw * scale, False, samples, betweenness_error_bound(n, samples))


def eigenvector(graph: ig.Graph) -> FloatArray:
    """Eigenvector centrality scaled to unit Euclidean norm (NetworkX's scaling).

    >>> eigenvector(ig.Graph.Full(4)).round(3).tolist()
    [0.5, 0.5, 0.5, 0.5]
    """
    if graph.ecount() == 0:
        return np.zeros(graph.vcount())
    # ARPACK starts from a random vector: seed it so the last digits do not vary from run to run.
    with warnings.catch_warnings(), seeded(0):
        # igraph warns on disconnected graphs; the docstring says what the values mean there.
        warnings.simplefilter("ignore", RuntimeWarning)
        scores = graph.eigenvector_centrality(scale=True)
    values = np.abs(np.asarray(scores, dtype=np.float64))
    norm = float(np.linalg.norm(values))
    return values / norm if norm else values


def triangles_per_vertex(graph: ig.Graph) -> FloatArray:
    """Number of triangles through each vertex (ties among its partners)."""
    local = np.asarray(graph.transitivity_local_undirected(mode="zero"), dtype=np.float64)
    degrees = np.asarray(graph.degree(), dtype=np.float64)
    # Local clustering x possible pairs is an integer; rounding removes the floating-point noise.
    return np.asarray(np.rint(local * degrees * (degrees - 1) / 2.0), dtype=np.float64)


def effective_size(graph: ig.Graph) -> FloatArray:
    """Burt's effective size, ``d - 2t/d`` (Borgatti 1997); NaN for isolated vertices.

    >>> effective_size(ig.Graph.Star(4)).tolist()
    [3.0, 1.0, 1.0, 1.0]
    """
    degrees = np.asarray(graph.degree(), dtype=np.float64)
    triangles = triangles_per_vertex(graph)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.asarray(
            np.where(degrees > 0, degrees - 2.0 * triangles / degrees, np.nan), dtype=np.float64
        )


def constraint(graph: ig.Graph) -> FloatArray:
    """Burt's constraint (unweighted ties); NaN for isolated vertices.

    >>> constraint(ig.Graph.Star(4)).round(3).tolist()
    [0.333, 1.0, 1.0, 1.0]
    """
    return np.asarray(graph.constraint(), dtype=np.float64)


@dataclass
class CentralityResult(Result):
    """Organization-level positions, one row per organization, and how betweenness was computed."""

    table: pd.DataFrame
    betweenness_exact: bool
    betweenness_sample_size: int
    betweenness_error_bound: float | None
    closeness_exact: bool
    closeness_sample_size: int


def centralities(
    og: OrgGraph,
    *,
    exact_max_nodes: int = 2500,
    betweenness_samples: int = 64,
    path_samples: int = 64,
    seed: int = 0,
    distances: DistanceSummary | None = None,
    community: list[int] | None = None,
) -> CentralityResult:
    """Every organization-level measure in one table (``id``, ``name``, ``sector`` then the measures).

    Examples
    --------
    >>> from maillage.analysis import load_dataset, snapshot
    >>> from maillage.analysis.graph import build_graph
    >>> ds = load_dataset([{"id": i} for i in range(4)], [{"source": 0, "target": i} for i in (1, 2, 3)])
    >>> table = centralities(build_graph(snapshot(ds))).table
    >>> table["degree"].tolist(), table["betweenness"].tolist()
    ([3, 1, 1, 1], [1.0, 0.0, 0.0, 0.0])
    """
    graph = og.graph
    if distances is None:
        distances = distance_summary(graph, exact_max_nodes=exact_max_nodes, samples=path_samples, seed=seed)
    between = betweenness(graph, exact_max_nodes=exact_max_nodes, samples=betweenness_samples, seed=seed)
    degree = np.asarray(graph.degree(), dtype=np.int64)
    strength = og.weighted_degrees.astype(np.int64)
    table = og.organizations[["id", "name", "sector", "sector_family", "territory"]].copy()
    table["degree"] = degree
    table["weighted_degree"] = strength
    table["betweenness"] = between.normalized
    table["betweenness_raw"] = between.raw
    table["closeness"] = closeness_from_summary(distances)
    table["eigenvector"] = eigenvector(graph)
    table["constraint"] = constraint(graph)
    table["effective_size"] = effective_size(graph)
    if community is not None:
        table["community"] = community
    return CentralityResult(
        table=table,
        betweenness_exact=between.exact,
        betweenness_sample_size=between.sample_size,
        betweenness_error_bound=between.error_bound,
        closeness_exact=distances.exact,
        closeness_sample_size=distances.sample_size,
    )
