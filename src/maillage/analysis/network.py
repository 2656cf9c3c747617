"""Network-level metrics: size, density, centralization, components, clustering, paths, communities.

Formulas (``n`` organizations, ``m`` ties, ``d_i`` degrees):

* density ``2m / (n (n - 1))`` (0 when ``n < 2``); mean degree ``2m / n``;
* Freeman degree centralization ``sum_i (d_max - d_i) / ((n - 1)(n - 2))`` (0 when ``n < 3``), which is 1
  for a star and 0 for a regular graph;
* transitivity ``3 x triangles / connected triples`` (0 when there is no triple, as NetworkX);
* reciprocity of the directed rating ties: share of rated pairs (a → b) whose reverse (b → a) is rated too;
* communities: Leiden optimising modularity (Traag et al. 2019), seeded, and the modularity of that partition.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import igraph as ig
import numpy as np
import pandas as pd

from .graph import OrgGraph, component_labels, seeded
from .paths import DistanceSummary, distance_summary
from .results import Result
from .vocabulary import LEVELS


def density(graph: ig.Graph) -> float:
    """Share of possible ties present, ``2m / (n (n - 1))``.

    >>> density(ig.Graph.Full(4))
    1.0
    """
    n, m = graph.vcount(), graph.ecount()
    return 2.0 * m / (n * (n - 1)) if n > 1 else 0.0


def degree_centralization(graph: ig.Graph) -> float:
    """Freeman degree centralization, ``sum(d_max - d_i) / ((n - 1)(n - 2))``.

    >>> degree_centralization(ig.Graph.Star(5))
    1.0
    """
    n = graph.vcount()
    if n < 3:
        return 0.0
    degrees = np.asarray(graph.degree(), dtype=np.float64)
    return float((degrees.max() - degrees).sum() / ((n - 1) * (n - 2)))


def component_sizes(graph: ig.Graph) -> list[int]:
    """Sizes of the connected components, largest first.

    >>> component_sizes(ig.Graph(n=4, edges=[(0, 1)]))
    [2, 1, 1]
    """
    labels = component_labels(graph)
    return sorted(np.bincount(labels).tolist(), reverse=True) if labels.size else []


def transitivity(graph: ig.Graph) -> float:
    """Global clustering coefficient, ``3 x triangles / connected triples`` (0 without triples).

    >>> transitivity(ig.Graph.Full(3))
    1.0
    """
    value = graph.transitivity_undirected()
    return 0.0 if np.isnan(value) else float(value)


def reciprocity(rating_graph: ig.Graph) -> float | None:
    """Share of directed ties whose reverse tie exists (``None`` without ties), as ``networkx.reciprocity``.

    >>> reciprocity(ig.Graph(n=3, edges=[(0, 1), (1, 0), (1, 2)], directed=True))
    0.6666666666666666
    """
    if rating_graph.ecount() == 0:
        return None
    return float(rating_graph.reciprocity(ignore_loops=True, mode="default"))


def communities(graph: ig.Graph, *, seed: int = 0, iterations: int = 2) -> tuple[list[int], float]:
    """Leiden communities optimising modularity; returns ``(membership, modularity)``.

    ``iterations`` Leiden passes are run (igraph's default, 2); a negative number iterates until stable, which
    improves modularity marginally at a large cost on big graphs. The result is reproducible for a ``seed``.

    Examples
    --------
    >>> g = ig.Graph(n=6, edges=[(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)])
    >>> membership, q = communities(g, seed=1)
    >>> len(set(membership)), round(q, 3)
    (2, 0.357)
    """
    if graph.ecount() == 0:
        return list(range(graph.vcount())), 0.0
    # The C entry points directly: the Python wrapper builds a VertexClustering we do not need.
    with seeded(seed):
        membership, _quality = ig.GraphBase.community_leiden(
            graph, resolution=1.0, normalize_resolution=True, n_iterations=iterations
        )
        value = ig.GraphBase.modularity(graph, membership)
    return list(membership), float(value)


def modularity(graph: ig.Graph, membership: list[int]) -> float:
    """Newman's modularity of a partition given as one community label per vertex."""
    return float(graph.modularity(membership))


@dataclass
class NetworkMetrics(Result):
    """Network-level indicators of one snapshot (see the module docstring for formulas)."""

    organizations: int
    ties: int
    density: float
    mean_degree: float
    degree_centralization: float
    components: int
    largest_component_size: int
    largest_component_share: float
    isolated_organizations: int
    transitivity: float
    average_path_length: float
    path_length_exact: bool
    path_length_sample_size: int
    reciprocity: float | None
    communities: int
    modularity: float
    formal_share: float
    level_distribution: dict[str, int] = field(default_factory=dict)
    community_sizes: list[int] = field(default_factory=list)


def network_metrics(
    og: OrgGraph,
    *,
    rating_graph: ig.Graph | None = None,
    seed: int = 0,
    exact_max_nodes: int = 2500,
    path_samples: int = 64,
    distances: DistanceSummary | None = None,
    membership: list[int] | None = None,
    community_modularity: float | None = None,
) -> NetworkMetrics:
    """Compute every network-level indicator of an :class:`~maillage.analysis.graph.OrgGraph`.

    ``distances`` and ``membership`` let :func:`~maillage.analysis.report.network_report` share work already
    done for organization-level metrics.

    Examples
    --------
    >>> from maillage.analysis import load_dataset, snapshot
    >>> from maillage.analysis.graph import build_graph
    >>> ds = load_dataset([{"id": i} for i in range(3)], [{"source": 0, "target": 1, "formality": "formal"}])
    >>> m = network_metrics(build_graph(snapshot(ds)))
    >>> m.ties, m.density, m.formal_share, m.largest_component_share
    (1, 0.3333333333333333, 1.0, 0.6666666666666666)
    """
    graph = og.graph
    n, m = graph.vcount(), graph.ecount()
    sizes = component_sizes(graph)
    if distances is None:
        distances = distance_summary(graph, exact_max_nodes=exact_max_nodes, samples=path_samples, seed=seed)
    if membership is None:
        membership, community_modularity = communities(graph, seed=seed)
    levels = og.ties["level"].to_numpy()
    counts = np.bincount(levels.astype(np.int64), minlength=len(LEVELS)) if m else np.zeros(len(LEVELS), int)
    degrees = np.asarray(graph.degree(), dtype=np.int64)
    community_sizes = (
        sorted(np.bincount(np.asarray(membership, dtype=np.int64)).tolist(), reverse=True) if n else []
    )
    return NetworkMetrics(
        organizations=n,
        ties=m,
        density=density(graph),
        mean_degree=2.0 * m / n if n else 0.0,
        degree_centralization=degree_centralization(graph),
        components=len(sizes),
        largest_component_size=sizes[0] if sizes else 0,
        largest_component_share=sizes[0] / n if n else 0.0,
        isolated_organizations=int((degrees == 0).sum()),
        transitivity=transitivity(graph),
        average_path_length=distances.average_path_length,
        path_length_exact=distances.exact,
        path_length_sample_size=distances.sample_size,
        reciprocity=reciprocity(rating_graph) if rating_graph is not None else None,
        communities=len(community_sizes),
        modularity=float(community_modularity or 0.0),
        formal_share=float(og.ties["formal"].mean()) if m else 0.0,
        level_distribution={LEVELS[i]: int(counts[i]) for i in range(1, len(LEVELS))},
        community_sizes=[int(s) for s in community_sizes],
    )


def level_table(og: OrgGraph) -> pd.DataFrame:
    """Ties per level and formality, as a small table (``level``, ``formal``, ``informal``, ``total``)."""
    levels = og.ties["level"].to_numpy().astype(np.int64)
    formal = og.ties["formal"].to_numpy().astype(bool)
    formal_count = np.bincount(levels[formal], minlength=len(LEVELS))[1:]  # levels 1..5
    informal_count = np.bincount(levels[~formal], minlength=len(LEVELS))[1:]
    return pd.DataFrame(
        {
            "level": list(LEVELS[1:]),
            "formal": formal_count,
            "informal": informal_count,
            "total": formal_count + informal_count,
        }
    )
