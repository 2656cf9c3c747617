"""Build the igraph graph of a snapshot once; vertex ``i`` is row ``i`` of the snapshot's organizations."""

from __future__ import annotations

import itertools
import random
from collections.abc import Hashable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import igraph as ig
import numpy as np
import pandas as pd

from .snapshots import Snapshot


@dataclass
class OrgGraph:
    """An undirected igraph graph plus the tables that give its vertices and edges a meaning.

    Attributes
    ----------
    graph : igraph.Graph
        Undirected and simple. It carries no attributes: edge ``j``'s level and formality are row ``j`` of
        ``ties`` (igraph copies attributes on every subgraph, which would slow resilience scenarios down).
    organizations : DataFrame
        Row ``i`` describes vertex ``i`` (``id``, ``name``, ``sector``, ``sector_family``, ``territory``).
    ties : DataFrame
        Row ``j`` describes edge ``j`` (``u``, ``v``, ``level``, ``formal``, ``network``, ``date``).
    """

    graph: ig.Graph
    organizations: pd.DataFrame
    ties: pd.DataFrame

    @property
    def ids(self) -> list[Hashable]:
        """Organization ids in vertex order."""
        return list(self.organizations["id"])

    def levels(self) -> list[float]:
        """Tie levels in edge order, as igraph edge weights."""
        return self.ties["level"].to_numpy(dtype=np.float64).tolist()

    @cached_property
    def weighted_degrees(self) -> np.ndarray[Any, np.dtype[np.float64]]:
        """Sum of the levels of each vertex's ties (igraph's strength), computed once: centrality and
        ratings both read it."""
        if not self.graph.ecount():
            return np.zeros(self.graph.vcount())
        weights = self.levels()
        strength = self.graph.strength(weights=weights)
        return np.asarray(strength, dtype=np.float64)

    def edge_arrays(self) -> tuple[np.ndarray[Any, np.dtype[np.int64]], np.ndarray[Any, np.dtype[np.int64]]]:
        """The ends (u, v) of every edge, in edge order: the arrays the graph was built from, so there is
        no need to ask igraph for its edge list."""
        return self.ties["u"].to_numpy().astype(np.int64), self.ties["v"].to_numpy().astype(np.int64)


def build_graph(snap: Snapshot) -> OrgGraph:
    """Return the undirected graph of the snapshot's present ties (isolated organizations kept).

    Examples
    --------
    >>> from maillage.analysis import load_dataset, snapshot
    >>> ds = load_dataset([{"id": "a"}, {"id": "b"}, {"id": "c"}], [{"source": "a", "target": "b"}])
    >>> build_graph(snapshot(ds)).graph.summary()
    'IGRAPH U--- 3 1 -- '
    """
    ties = snap.ties
    u, v = ties["u"].to_numpy().astype(np.int64), ties["v"].to_numpy().astype(np.int64)
    # Sorted edges: the same graph, edge ids included, whatever the input row order. A snapshot lists its
    # ties sorted already, so the table is sorted (and copied) only when it is not.
    keys = u * max(len(snap.organizations), 1) + v
    if len(keys) > 1 and not bool(np.all(keys[1:] >= keys[:-1])):
        order = np.lexsort((v, u))
        ties = ties.iloc[order].reset_index(drop=True)
        u, v = u[order], v[order]
    pairs = edge_pairs(u, v)  # the lists are made here; igraph consumes the pairs as it reads them
    graph = ig.Graph(n=len(snap.organizations))
    graph.add_edges(pairs)
    return OrgGraph(graph, snap.organizations, ties)


def edge_pairs(u: np.ndarray[Any, Any], v: np.ndarray[Any, Any]) -> Iterator[tuple[int, int]]:
    """The edges (u[i], v[i]) as pairs of Python ints, made lazily as igraph reads them.

    It is the form igraph reads fastest (bench/README.md); the pairs are never held as a list of tuples.
    """
    return zip(u.tolist(), v.tolist(), strict=True)


def component_labels(graph: ig.Graph, keep: np.ndarray[Any, Any] | None = None) -> np.ndarray[Any, Any]:
    """The connected component of each vertex, or with ``keep`` (booleans) of each kept vertex, in vertex
    order, in the subgraph they induce.

    igraph's C entry point is called: its Python wrapper would build a ``VertexClustering`` around the list.
    """
    if keep is None or keep.all():
        labels = ig.GraphBase.connected_components(graph)
    else:
        vertices = np.flatnonzero(keep).tolist()
        labels = ig.GraphBase.connected_components(graph.induced_subgraph(vertices))
    return np.fromiter(labels, dtype=np.int64, count=len(labels))


@contextmanager
def seeded(seed: int) -> Iterator[None]:
    """Run igraph's randomised algorithms with ``seed``, restoring the caller's random state afterwards.

    python-igraph draws from Python's :mod:`random` module by default; we seed a private
    :class:`random.Random`, install it as igraph's generator, and put the previous generator back.
    """
    previous = random.Random()
    previous.setstate(random.getstate())
    rng = random.Random(seed)
    ig.set_random_number_generator(rng)
    try:
        yield
    finally:
        ig.set_random_number_generator(random)
        random.setstate(previous.getstate())


def flat_array(rows: Sequence[Sequence[float]], width: int, dtype: type = np.float64) -> np.ndarray[Any, Any]:
    """igraph's list of equal-length lists (distances, edges, triangles) as a ``len(rows) x width`` array."""
    flat: np.ndarray[Any, Any] = np.fromiter(
        itertools.chain.from_iterable(rows), dtype=dtype, count=len(rows) * width
    )
    return flat.reshape(len(rows), width)
