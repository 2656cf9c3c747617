"""Shortest-path quantities: average path length and closeness, exact or from a sample of sources.

Convention (also NetworkX's for closeness): distances are only taken between organizations that can reach
each other. The average path length is the mean of d(s, t) over all ordered pairs of distinct, connected
organizations (igraph's ``unconn=True``; for a connected graph it equals NetworkX's
``average_shortest_path_length``). Closeness is Wasserman–Faust's (NetworkX's ``wf_improved=True``):
``C(v) = (r - 1)/(n - 1) * (r - 1) / sum_t d(v, t)`` with ``r`` the size of v's component; 0 if isolated.

Above ``exact_max_nodes`` both come from one breadth-first search per sampled source. Sources are drawn
uniformly (with ``seed``) among organizations of components larger than ``small_component`` vertices;
smaller components are always computed exactly. The average path length uses the sampled sums scaled by
``N_big / k``; closeness of ``v`` uses the mean distance from the sampled sources in v's component
(Eppstein & Wang 2004: with ``k = O(log n / eps^2)`` sources the additive error on the mean distance is at
most ``eps * diameter`` with high probability).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import igraph as ig
import numpy as np

from .graph import component_labels, flat_array

FloatArray = np.ndarray[Any, np.dtype[np.float64]]


@dataclass
class DistanceSummary:
    """Per-vertex distance sums, exact or estimated, shared by path length and closeness."""

    component: np.ndarray[Any, np.dtype[np.int64]]
    component_size: np.ndarray[Any, np.dtype[np.int64]]
    distance_sum: FloatArray  # sum of distances to the vertex's component (estimated for sampled ones)
    exact: bool
    sample_size: int  # number of sampled sources; 0 when exact
    average_path_length: float


def distance_summary(
    graph: ig.Graph,
    *,
    exact_max_nodes: int = 2500,
    samples: int = 64,
    small_component: int = 200,
    seed: int = 0,
) -> DistanceSummary:
    """Compute (or estimate) each vertex's sum of distances within its component, and the average path length.

    Examples
    --------
    >>> g = ig.Graph.Ring(5)
    >>> distance_summary(g).average_path_length
    1.5
    """
    n = graph.vcount()
    membership = component_labels(graph)
    sizes = np.bincount(membership, minlength=1) if n else np.zeros(0, dtype=np.int64)
    vertex_size = sizes[membership] if n else np.zeros(0, dtype=np.int64)
    sums = np.zeros(n, dtype=np.float64)
    exact = n <= exact_max_nodes
    exact_vertices = np.arange(n) if exact else np.flatnonzero(vertex_size <= small_component)
    exact_vertices = exact_vertices[vertex_size[exact_vertices] > 1]
    if exact_vertices.size:
        vertices = exact_vertices.tolist()
        values = graph.closeness(vertices=vertices)
        closeness = np.asarray(values, dtype=np.float64)
        sums[exact_vertices] = (vertex_size[exact_vertices] - 1) / closeness
    sample_size = 0
    if not exact:
        big = np.flatnonzero(vertex_size > small_component)
        rng = np.random.default_rng(seed)
        sources = np.sort(rng.choice(big, size=min(samples, big.size), replace=False)) if big.size else big
        sample_size = int(sources.size)
        if sample_size:
            per_vertex, per_vertex_count, sampled_total = _sampled_sums(graph, membership, sizes, sources)
            estimated = big[np.isin(big, exact_vertices, invert=True)]
            counts = per_vertex_count[estimated]
            with np.errstate(invalid="ignore", divide="ignore"):
                mean = np.where(counts > 0, per_vertex[estimated] / counts, np.nan)
            sums[estimated] = mean * (vertex_size[estimated] - 1)
            big_total = sampled_total * big.size / sample_size
        else:
            big_total = 0.0
        small_total = sums[exact_vertices].sum()
        total = small_total + big_total
    else:
        total = sums.sum()
    pairs = float((sizes * (sizes - 1)).sum()) if n else 0.0
    apl = float(total / pairs) if pairs else 0.0
    return DistanceSummary(membership, vertex_size, sums, exact, sample_size, apl)


def _sampled_sums(
    graph: ig.Graph,
    membership: np.ndarray[Any, np.dtype[np.int64]],
    sizes: np.ndarray[Any, np.dtype[np.int64]],
    sources: np.ndarray[Any, np.dtype[np.int64]],
) -> tuple[FloatArray, FloatArray, float]:
    """Distances from the sampled sources: per vertex their sum and count, and their grand total.

    Each source is asked only for the vertices of its own component: every distance is then finite, so
    igraph's lists are whole numbers, read as integers.
    """
    n = graph.vcount()
    per_vertex = np.zeros(n)
    per_vertex_count = np.zeros(n)
    total = 0.0
    by_component = np.argsort(membership, kind="stable")  # each component's vertices, in id order
    starts = np.concatenate(([0], np.cumsum(sizes)))
    source_component = membership[sources]
    for component in np.unique(source_component).tolist():
        targets = by_component[starts[component] : starts[component + 1]]
        target_list = targets.tolist()
        group = sources[source_component == component]
        for start in range(0, group.size, 16):  # chunks keep the k x n matrix small
            chunk = group[start : start + 16]
            chunk_sources = chunk.tolist()
            rows = graph.distances(source=chunk_sources, target=target_list)
            matrix = flat_array(rows, targets.size, np.int64)
            total += float(matrix.sum())
            per_vertex[targets] += matrix.sum(axis=0)
            per_vertex_count[targets] += chunk.size
            per_vertex_count[chunk] -= 1  # a source does not sample its own distance
    return per_vertex, per_vertex_count, total


def closeness_from_summary(summary: DistanceSummary) -> FloatArray:
    """Wasserman–Faust closeness (NetworkX's default) from distance sums; 0 for isolated vertices."""
    n = len(summary.distance_sum)
    r = summary.component_size.astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        values = np.where(
            (r > 1) & (summary.distance_sum > 0),
            (r - 1) / max(n - 1, 1) * (r - 1) / summary.distance_sum,
            0.0,
        )
    return np.asarray(values, dtype=np.float64)


def closeness(
    graph: ig.Graph, *, exact_max_nodes: int = 2500, samples: int = 64, seed: int = 0
) -> FloatArray:
    """Closeness centrality per vertex (Wasserman–Faust, as ``networkx.closeness_centrality``).

    Examples
    --------
    >>> closeness(ig.Graph(n=3, edges=[(0, 1), (1, 2)])).round(3).tolist()
    [0.667, 1.0, 0.667]
    """
    summary = distance_summary(graph, exact_max_nodes=exact_max_nodes, samples=samples, seed=seed)
    return closeness_from_summary(summary)


def average_path_length(
    graph: ig.Graph, *, exact_max_nodes: int = 2500, samples: int = 64, seed: int = 0
) -> tuple[float, int]:
    """Average shortest-path length over connected ordered pairs, and the sample size (0 = exact).

    Examples
    --------
    >>> average_path_length(ig.Graph(n=3, edges=[(0, 1), (1, 2)]))
    (1.3333333333333333, 0)
    """
    summary = distance_summary(graph, exact_max_nodes=exact_max_nodes, samples=samples, seed=seed)
    return summary.average_path_length, summary.sample_size
