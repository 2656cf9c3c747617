"""The kernel stopwatch and the conversions of igraph's lists."""

from __future__ import annotations

import time

import igraph as ig
import numpy as np

from maillage.analysis.graph import edge_pairs
from maillage.analysis.kernels import flat_array, in_kernel, kernel_seconds, reset_kernel_clock


def test_in_kernel_counts_only_the_call() -> None:
    reset_kernel_clock()
    assert in_kernel(lambda a, b=0: a + b, 2, b=3) == 5
    counted = kernel_seconds()
    time.sleep(0.02)  # outside the call: not kernel time
    assert kernel_seconds() == counted
    in_kernel(time.sleep, 0.02)
    assert kernel_seconds() - counted >= 0.02


def test_flat_array_reads_igraph_rows() -> None:
    graph = ig.Graph(n=4, edges=[(0, 1), (1, 2)])
    rows = graph.distances(source=[0, 3])
    matrix = flat_array(rows, 4)
    assert matrix.shape == (2, 4) and matrix.dtype == np.float64
    assert matrix[0].tolist() == [0.0, 1.0, 2.0, float("inf")]
    edges = flat_array(graph.get_edgelist(), 2, np.int64)
    assert edges.tolist() == [[0, 1], [1, 2]] and edges.dtype == np.int64
    assert flat_array([], 3).shape == (0, 3)


def test_edge_pairs_build_the_same_graph_as_a_numpy_edge_array() -> None:
    rng = np.random.default_rng(3)
    u, v = rng.integers(0, 50, 200), rng.integers(0, 50, 200)
    from_pairs = ig.Graph(n=50)
    from_pairs.add_edges(edge_pairs(u, v))
    from_array = ig.Graph(n=50)
    from_array.add_edges(np.column_stack([u, v]))
    assert from_pairs.get_edgelist() == from_array.get_edgelist()
