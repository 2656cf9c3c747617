"""Sampled estimates: the Brandes–Pich estimator and sampled path lengths against exact values."""

from __future__ import annotations

from collections import deque

import igraph as ig
import numpy as np

from maillage.analysis import betweenness
from maillage.analysis.centrality import betweenness_error_bound
from maillage.analysis.graph import seeded
from maillage.analysis.paths import average_path_length, closeness


def dependencies(graph: ig.Graph, source: int) -> np.ndarray:
    """Brandes' single-source dependency accumulation, written out as in the paper (the reference)."""
    n = graph.vcount()
    adjacency = graph.get_adjlist()
    sigma, dist, preds, order = np.zeros(n), np.full(n, -1), [[] for _ in range(n)], []
    sigma[source], dist[source] = 1, 0
    queue = deque([source])
    while queue:
        v = queue.popleft()
        order.append(v)
        for w in adjacency[v]:
            if dist[w] < 0:
                dist[w] = dist[v] + 1
                queue.append(w)
            if dist[w] == dist[v] + 1:
                sigma[w] += sigma[v]
                preds[w].append(v)
    delta = np.zeros(n)
    for w in reversed(order):
        for v in preds[w]:
            delta[v] += sigma[v] / sigma[w] * (1 + delta[w])
    delta[source] = 0
    return delta


def test_sampled_betweenness_is_the_brandes_pich_estimator() -> None:
    with seeded(11):  # igraph's generators draw from its RNG: seed them so the test is not flaky
        graph = ig.Graph.Erdos_Renyi(300, 0.02, directed=False)
    ig_seed_graph = graph.simplify()
    estimate = betweenness(ig_seed_graph, exact_max_nodes=100, samples=40, seed=7)
    rng = np.random.default_rng(7)
    sources = np.sort(rng.choice(300, size=40, replace=False))
    expected = sum(dependencies(ig_seed_graph, int(s)) for s in sources) * 300 / 40 / 2  # unordered pairs
    assert not estimate.exact and estimate.sample_size == 40
    assert np.allclose(estimate.raw, expected, rtol=1e-9, atol=1e-9)


def test_sampled_betweenness_is_within_its_stated_error() -> None:
    with seeded(12):
        graph = ig.Graph.Barabasi(1500, 3)
    exact = betweenness(graph).normalized
    estimate = betweenness(graph, exact_max_nodes=500, samples=200, seed=3)
    assert estimate.error_bound == betweenness_error_bound(1500, 200)
    assert np.max(np.abs(estimate.normalized - exact)) <= estimate.error_bound
    # The bound is loose; the estimate is in fact much closer and ranks the hubs alike.
    assert np.max(np.abs(estimate.normalized - exact)) < 0.05
    assert set(np.argsort(-exact)[:5]) & set(np.argsort(-estimate.normalized)[:10])


def test_sampled_betweenness_is_reproducible_for_a_seed() -> None:
    with seeded(13):
        graph = ig.Graph.Barabasi(800, 2)
    a = betweenness(graph, exact_max_nodes=100, samples=30, seed=1).raw
    b = betweenness(graph, exact_max_nodes=100, samples=30, seed=1).raw
    assert np.array_equal(a, b)


def test_sampled_path_length_and_closeness_are_close_to_exact() -> None:
    with seeded(14):
        graph = ig.Graph.Watts_Strogatz(1, 2000, 3, 0.1)
    exact, sample = average_path_length(graph)
    estimate, k = average_path_length(graph, exact_max_nodes=500, samples=200, seed=5)
    assert sample == 0 and k == 200
    assert abs(estimate - exact) / exact < 0.03
    assert abs(exact - graph.average_path_length()) < 1e-9
    exact_c = closeness(graph)
    sampled_c = closeness(graph, exact_max_nodes=500, samples=200, seed=5)
    assert np.max(np.abs(sampled_c - exact_c) / exact_c) < 0.1


def test_sampled_paths_compute_small_components_exactly() -> None:
    with seeded(15):
        graph = ig.Graph.Watts_Strogatz(1, 1000, 3, 0.1) + ig.Graph(n=3, edges=[(0, 1), (1, 2)])
    values = closeness(graph, exact_max_nodes=100, samples=50, seed=0)
    assert np.allclose(values[-3:], np.array([2 / 3, 1.0, 2 / 3]) * 2 / 1002)


def test_sampling_every_vertex_of_several_large_components_gives_the_exact_values() -> None:
    # Two components above the small-component size, in interleaved vertex order, plus an isolated pair:
    # with every organization as a source the estimate must equal the exact computation.
    with seeded(16):
        first, second = ig.Graph.Watts_Strogatz(1, 300, 2, 0.2), ig.Graph.Erdos_Renyi(250, m=900)
    both = first + second + ig.Graph(n=2, edges=[(0, 1)])
    order = np.random.default_rng(2).permutation(both.vcount()).tolist()
    graph = both.permute_vertices(order)
    sizes = graph.connected_components().sizes()
    assert len(sizes) >= 3 and sum(size > 200 for size in sizes) == 2
    exact_length, _ = average_path_length(graph)
    sampled_length, k = average_path_length(graph, exact_max_nodes=10, samples=graph.vcount(), seed=1)
    assert k == sum(size for size in sizes if size > 200)  # every vertex of the large components
    assert abs(sampled_length - exact_length) < 1e-9
    sampled = closeness(graph, exact_max_nodes=10, samples=graph.vcount(), seed=1)
    assert np.allclose(sampled, closeness(graph), rtol=1e-12, atol=0)
