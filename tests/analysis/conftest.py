"""Shared builders: small random graphs as plain tables, and their NetworkX twins."""

from __future__ import annotations

import random

import networkx as nx
from hypothesis import strategies as st

from maillage.analysis import build_graph, load_dataset, snapshot
from maillage.analysis.graph import OrgGraph

SECTORS = ["cisss", "community", "municipal", "school"]
FAMILY = {"cisss": "public", "community": "community", "municipal": "public", "school": "public"}


@st.composite
def edge_lists(draw: st.DrawFn, min_nodes: int = 1, max_nodes: int = 24) -> tuple[int, list[tuple[int, int]]]:
    """A simple undirected graph as (n, edges): G(n, p) drawn from a Hypothesis-chosen seed."""
    n = draw(st.integers(min_nodes, max_nodes))
    p = draw(st.sampled_from([0.0, 0.05, 0.1, 0.2, 0.35, 0.5, 0.8, 1.0]))
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    return n, [(a, b) for a in range(n) for b in range(a + 1, n) if rng.random() < p]


def by_id(og: OrgGraph, values: object) -> dict[object, float]:
    """Vertex-ordered values keyed by organization id (vertices are sorted by ``str(id)``)."""
    return dict(zip(og.ids, list(values), strict=True))  # type: ignore[call-overload]


def tables(n: int, edges: list[tuple[int, int]]) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    orgs = [{"id": i, "sector": SECTORS[i % 4], "sector_family": FAMILY[SECTORS[i % 4]]} for i in range(n)]
    ties = [
        {
            "source": a,
            "target": b,
            "level": 1 + (a + b) % 5,
            "formality": "formal" if (a * b) % 3 == 0 else "informal",
        }
        for a, b in edges
    ]
    return orgs, ties


def org_graph(n: int, edges: list[tuple[int, int]]) -> OrgGraph:
    orgs, ties = tables(n, edges)
    return build_graph(snapshot(load_dataset(orgs, ties)))


def nx_graph(n: int, edges: list[tuple[int, int]]) -> nx.Graph:
    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    graph.add_edges_from(edges)
    return graph
