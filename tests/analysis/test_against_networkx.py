"""Every metric NetworkX also computes, checked against NetworkX on many random graphs."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maillage.analysis import (
    betweenness,
    closeness,
    component_sizes,
    constraint,
    degree_centralization,
    density,
    effective_size,
    eigenvector,
    modularity,
    transitivity,
)
from maillage.analysis.paths import average_path_length

from .conftest import by_id, edge_lists, nx_graph, org_graph

EXAMPLES = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def close(a: float, b: float, tol: float = 1e-9) -> bool:
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return abs(a - b) <= tol * max(1.0, abs(b))


@EXAMPLES
@given(edge_lists())
def test_density_components_transitivity_match_networkx(graph: tuple[int, list[tuple[int, int]]]) -> None:
    n, edges = graph
    og, ref = org_graph(n, edges), nx_graph(n, edges)
    assert close(density(og.graph), nx.density(ref))
    assert 0.0 <= density(og.graph) <= 1.0
    assert component_sizes(og.graph) == sorted((len(c) for c in nx.connected_components(ref)), reverse=True)
    assert close(transitivity(og.graph), nx.transitivity(ref))


@EXAMPLES
@given(edge_lists())
def test_degree_centralization_matches_freeman_formula_on_networkx_degrees(
    graph: tuple[int, list[tuple[int, int]]],
) -> None:
    n, edges = graph
    og, ref = org_graph(n, edges), nx_graph(n, edges)
    degrees = [d for _, d in ref.degree()]
    expected = sum(max(degrees) - d for d in degrees) / ((n - 1) * (n - 2)) if n > 2 else 0.0
    assert close(degree_centralization(og.graph), expected)


@EXAMPLES
@given(edge_lists())
def test_average_path_length_is_the_mean_over_connected_pairs(
    graph: tuple[int, list[tuple[int, int]]],
) -> None:
    n, edges = graph
    og, ref = org_graph(n, edges), nx_graph(n, edges)
    lengths = [d for _, row in nx.all_pairs_shortest_path_length(ref) for d in row.values() if d > 0]
    expected = sum(lengths) / len(lengths) if lengths else 0.0
    value, sample = average_path_length(og.graph)
    assert sample == 0 and close(value, expected)
    if n > 1 and nx.is_connected(ref):
        assert close(value, nx.average_shortest_path_length(ref))


@EXAMPLES
@given(edge_lists())
def test_betweenness_normalised_and_raw_match_networkx(graph: tuple[int, list[tuple[int, int]]]) -> None:
    n, edges = graph
    og, ref = org_graph(n, edges), nx_graph(n, edges)
    estimate = betweenness(og.graph)
    normalised = nx.betweenness_centrality(ref, normalized=True)
    raw = nx.betweenness_centrality(ref, normalized=False)
    assert estimate.exact
    ours_norm, ours_raw = by_id(og, estimate.normalized), by_id(og, estimate.raw)
    for v in range(n):
        assert close(ours_norm[v], normalised[v])
        assert close(ours_raw[v], raw[v])


@EXAMPLES
@given(edge_lists())
def test_closeness_matches_networkx_wasserman_faust(graph: tuple[int, list[tuple[int, int]]]) -> None:
    n, edges = graph
    og, ref = org_graph(n, edges), nx_graph(n, edges)
    ours = by_id(og, closeness(og.graph))
    theirs = nx.closeness_centrality(ref)  # wf_improved=True is NetworkX's default
    for v in range(n):
        assert close(ours[v], theirs[v])


@EXAMPLES
@given(edge_lists())
def test_constraint_and_effective_size_match_networkx(graph: tuple[int, list[tuple[int, int]]]) -> None:
    n, edges = graph
    og, ref = org_graph(n, edges), nx_graph(n, edges)
    ours_c, ours_e = by_id(og, constraint(og.graph)), by_id(og, effective_size(og.graph))
    theirs_c, theirs_e = nx.constraint(ref), nx.effective_size(ref)
    for v in range(n):
        assert close(ours_c[v], theirs_c[v])
        assert close(ours_e[v], theirs_e[v])


@EXAMPLES
@given(edge_lists(min_nodes=2), st.integers(1, 4))
def test_modularity_of_a_partition_matches_networkx(graph: tuple[int, list[tuple[int, int]]], k: int) -> None:
    n, edges = graph
    if not edges:
        return
    og, ref = org_graph(n, edges), nx_graph(n, edges)
    membership = [int(v) % k for v in og.ids]
    communities = [{v for v in range(n) if v % k == c} for c in range(k)]
    communities = [c for c in communities if c]
    assert close(modularity(og.graph, membership), nx.community.modularity(ref, communities))


@EXAMPLES
@given(edge_lists(min_nodes=2))
def test_eigenvector_matches_networkx_and_the_perron_vector_on_connected_graphs(
    graph: tuple[int, list[tuple[int, int]]],
) -> None:
    n, edges = graph
    ref = nx_graph(n, edges)
    if not edges or not nx.is_connected(ref):
        return
    og = org_graph(n, edges)
    ours = np.array([by_id(og, eigenvector(og.graph))[v] for v in range(n)])
    adjacency = nx.to_numpy_array(ref, nodelist=range(n))
    values, vectors = np.linalg.eigh(adjacency)
    perron = np.abs(vectors[:, np.argmax(values)])
    gap = np.sort(values)[-1] - max(abs(np.sort(values)[0]), np.sort(values)[-2] if n > 1 else 0.0)
    if gap < 1e-3:
        return  # bipartite or nearly degenerate spectrum: the power iteration reference would not converge
    assert np.allclose(ours, perron / np.linalg.norm(perron), atol=1e-6)
    theirs = nx.eigenvector_centrality(ref, max_iter=10000, tol=1e-12)
    assert np.allclose(ours, [theirs[v] for v in range(n)], atol=1e-6)


def test_eigenvector_on_a_textbook_star() -> None:
    ours = eigenvector(org_graph(4, [(0, 1), (0, 2), (0, 3)]).graph)  # ids < 10: vertex order = id order
    assert ours[0] == pytest.approx(1 / math.sqrt(2))
    assert ours[1] == pytest.approx(1 / math.sqrt(6))
