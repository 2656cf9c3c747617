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

LAYOUT_VERSION = 2


def layout_positions(node_count: int, edges: list[tuple[int, int]], *, key: str, seed: int = 0) -> np.ndarray:
    """An (n, 2) array of positions within the unit circle (isolated ones just outside).

    Cached under `key`, which must change when the data does.
    """
    digest = hashlib.sha256(f"{LAYOUT_VERSION}:{key}:{node_count}:{len(edges)}".encode()).hexdigest()[:40]
    cache_key = f"map-layout:{digest}"
    cached = cache.get(cache_key)
    if cached is not None and len(cached) == node_count:
        return np.asarray(cached)
    graph = ig.Graph(n=node_count, edges=edges)
    graph.simplify()
    with seeded(seed):
        # Fewer iterations on large graphs: the grid variant settles a 5,000-node network in 150.
        layout = graph.layout_fruchterman_reingold(
            niter=300 if node_count <= 1000 else 150, grid=node_count > 1000
        )
    positions = np.asarray(layout.coords, dtype=float) if node_count else np.zeros((0, 2))
    if node_count:
        positions = _fit(positions, np.asarray(graph.degree()) > 0)
    cache.set(cache_key, positions.round(4).tolist(), timeout=None)
    return positions


def _fit(positions: np.ndarray, connected: np.ndarray) -> np.ndarray:
    """Centre and scale positions on the connected organizations, and bring far-flung ones to the edge.

    Fruchterman–Reingold throws isolated organizations far away; scaling on the farthest one would
    shrink the network itself to a dot in the middle of the map. Scaling on the 99th percentile of the
    connected organizations' distances keeps the network full-size, and isolated ones sit on a ring
    just outside it.
    """
    anchors = positions[connected] if connected.any() else positions
    positions = positions - np.median(anchors, axis=0)
    radius = np.hypot(positions[:, 0], positions[:, 1])
    reference = radius[connected] if connected.any() else radius
    span = float(np.percentile(reference, 99)) or float(radius.max()) or 1.0
    positions /= span
    radius /= span
    outside = radius > 1.05
    positions[outside] *= (1.05 / radius[outside])[:, None]
    return positions
