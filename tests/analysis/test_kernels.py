"""The conversions of igraph's lists, and the library's freedom from timing code."""

from __future__ import annotations

import ast
from pathlib import Path

import igraph as ig
import numpy as np

import maillage.analysis
from maillage.analysis.graph import edge_pairs, flat_array


def test_the_library_holds_no_stopwatch() -> None:
    """Kernel time is measured by the benchmark from outside (bench/kernel_clock.py), not by the core."""
    for path in Path(maillage.analysis.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
        assert not names & {"kernel", "in_kernel", "_elapsed"}, path.name


def test_flat_array_reads_igraph_rows() -> None:
    graph = ig.Graph(n=4, edges=[(0, 1), (1, 2)])
    rows = graph.distances(source=[0, 3])
    matrix = flat_array(rows, 4)
    assert matrix.shape == (2, 4) and matrix.dtype == np.float64
    assert matrix[0].tolist() == [0.0, 1.0, 2.0, float("inf")]
    edges = flat_array(graph.get_edgelist(), 2, np.int64)
    assert edges.tolist() == [[0, 1], [1, 2]] and edges.dtype == np.int64
    assert flat_array([], 3).shape == (0, 3)


def test_flat_array_equals_the_plain_conversion() -> None:
    rows = ig.Graph.Erdos_Renyi(n=40, m=120).distances(source=[0, 5, 9])
    assert np.array_equal(flat_array(rows, 40), np.asarray(rows, dtype=np.float64))


def test_edge_pairs_build_the_same_graph_as_a_numpy_edge_array() -> None:
    rng = np.random.default_rng(3)
    u, v = rng.integers(0, 50, 200), rng.integers(0, 50, 200)
    from_pairs = ig.Graph(n=50)
    from_pairs.add_edges(edge_pairs(u, v))
    from_array = ig.Graph(n=50)
    from_array.add_edges(np.column_stack([u, v]))
    assert from_pairs.get_edgelist() == from_array.get_edgelist()


def test_the_benchmark_clock_counts_igraph_calls_and_restores_them() -> None:
    from bench.kernel_clock import KernelClock

    original = ig.GraphBase.degree
    with KernelClock() as clock:
        graph = ig.Graph(n=3, edges=[(0, 1), (1, 2)])
        assert graph.degree() == [1, 2, 1]
        assert ig.GraphBase.connected_components(graph) == [0, 0, 0]
        counted = clock.seconds
        assert clock.calls >= 3 and counted > 0
        sum(range(100_000))  # Python work outside igraph: not kernel time
        assert clock.seconds == counted
    assert ig.GraphBase.degree is original
    graph.degree()
    assert clock.seconds == counted  # closed: no longer counting
