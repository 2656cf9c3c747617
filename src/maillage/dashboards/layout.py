"""Node positions for the maps, computed once per data version and cached.

Positions come from igraph's Fruchterman–Reingold layout (grid variant above 1,000 nodes,
which keeps a 50,000-node province under a few seconds) on the union of every tie ever
observed, so the map does not jump when the date slider moves.
"""

from __future__ import annotations

import hashlib

import igraph as ig
import numpy as np
from django.core.cache import cache

from maillage.analysis.graph import seeded

LAYOUT_VERSION = 1


def layout_positions(node_count: int, edges: list[tuple[int, int]], *, key: str, seed: int = 0) -> np.ndarray:
    """An (n, 2) array of positions in [-1, 1], cached under `key` (which must change when the data does)."""
    digest = hashlib.sha256(f"{LAYOUT_VERSION}:{key}:{node_count}:{len(edges)}".encode()).hexdigest()[:40]
    cache_key = f"map-layout:{digest}"
    cached = cache.get(cache_key)
    if cached is not None and len(cached) == node_count:
        return np.asarray(cached)
    graph = ig.Graph(n=node_count, edges=edges)
    graph.simplify()
    with seeded(seed):
        layout = graph.layout_fruchterman_reingold(
            niter=300 if node_count <= 5000 else 150, grid=node_count > 1000
        )
    positions = np.asarray(layout.coords, dtype=float) if node_count else np.zeros((0, 2))
    if node_count:
        positions -= positions.mean(axis=0)
        span = np.abs(positions).max() or 1.0
        positions /= span
    cache.set(cache_key, positions.round(4).tolist(), timeout=None)
    return positions
