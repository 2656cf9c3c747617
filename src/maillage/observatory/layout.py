"""Node positions for the maps, computed once per data version and cached.

Each group of organizations (a community of the network, or a network on territory and province maps)
is laid out on its own with igraph's Fruchterman–Reingold layout (grid variant above 50 nodes), then
the groups are packed side by side in rows, largest first, so that every group reads as one island that
can carry its name. Positions use the union of every tie ever observed, so the map does not jump when
the date slider moves. Organizations of groups too small to name share one island.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import igraph as ig
import numpy as np
from django.core.cache import cache

from maillage.analysis.graph import seeded

LAYOUT_VERSION = 4
# Groups smaller than this are not drawn apart: their organizations share one unnamed island.
MIN_GROUP_SIZE = 3
LOOSE = -1
GOLDEN_ANGLE = np.pi * (3 - np.sqrt(5))


@dataclass(frozen=True)
class Island:
    """Where a group sits on the map: its centre and radius, in the same units as the positions."""

    group: int
    x: float
    y: float
    radius: float


def layout_positions(node_count: int, edges: list[tuple[int, int]], *, key: str, seed: int = 0) -> np.ndarray:
    """An (n, 2) array of positions within the unit circle, all nodes in one group (the report's map)."""
    return island_layout(node_count, edges, key=key, seed=seed)[0]


def island_layout(
    node_count: int, edges: list[tuple[int, int]], *, key: str, groups: list[int] | None = None, seed: int = 0
) -> tuple[np.ndarray, list[Island]]:
    """An (n, 2) array of positions within the unit circle, and the island of each named group.

    `groups` gives each node's group (any integers; none: one group). Cached under `key`, which must
    change when the data does.
    """
    labels = np.zeros(node_count, dtype=np.int64) if groups is None else np.asarray(groups, dtype=np.int64)
    signature = hashlib.sha256(labels.tobytes()).hexdigest()[:16]
    digest = hashlib.sha256(
        f"{LAYOUT_VERSION}:{key}:{node_count}:{len(edges)}:{signature}".encode()
    ).hexdigest()[:40]
    cache_key = f"map-layout:{digest}"
    cached = cache.get(cache_key)
    if cached is not None and len(cached[0]) == node_count:
        return np.asarray(cached[0]).reshape(-1, 2), [Island(*row) for row in cached[1]]
    positions, islands = _grouped_layout(node_count, edges, _merge_small(labels), seed)
    cache.set(
        cache_key,
        (positions.round(4).tolist(), [(i.group, i.x, i.y, i.radius) for i in islands]),
        timeout=None,
    )
    return positions, islands


def _merge_small(labels: np.ndarray) -> np.ndarray:
    """Groups below MIN_GROUP_SIZE become LOOSE."""
    if not len(labels):
        return labels
    values, counts = np.unique(labels, return_counts=True)
    small = values[counts < MIN_GROUP_SIZE]
    return np.where(np.isin(labels, small), LOOSE, labels)


def _grouped_layout(
    node_count: int, edges: list[tuple[int, int]], labels: np.ndarray, seed: int
) -> tuple[np.ndarray, list[Island]]:
    positions = np.zeros((node_count, 2))
    if not node_count:
        return positions, []
    pairs = np.asarray(edges, dtype=np.int64).reshape(-1, 2)
    inside = labels[pairs[:, 0]] == labels[pairs[:, 1]] if len(pairs) else np.zeros(0, bool)
    members_of = {int(g): np.flatnonzero(labels == g) for g in np.unique(labels)}
    # Largest first; the loose island comes last.
    order = sorted(members_of, key=lambda g: (g == LOOSE, -len(members_of[g]), g))
    local: dict[int, np.ndarray] = {}
    for group in order:
        members = members_of[group]
        if group == LOOSE:
            local[group] = _sunflower(len(members))
            continue
        index = np.full(node_count, -1, dtype=np.int64)
        index[members] = np.arange(len(members))
        own = pairs[inside & (labels[pairs[:, 0]] == group)] if len(pairs) else pairs
        local[group] = _island(len(members), index[own].tolist(), seed)
    centres = _pack([np.sqrt(len(members_of[g])) for g in order])
    islands = []
    for group, (cx, cy, radius) in zip(order, centres, strict=True):
        positions[members_of[group]] = local[group] * radius + (cx, cy)
        if group != LOOSE:
            islands.append(Island(group, cx, cy, radius))
    scale = float(np.max(np.hypot(positions[:, 0], positions[:, 1]))) or 1.0
    positions /= scale
    islands = [Island(i.group, i.x / scale, i.y / scale, i.radius / scale) for i in islands]
    return positions, islands


def _island(count: int, edges: list[tuple[int, int]], seed: int) -> np.ndarray:
    """One group's own layout, within the unit disc."""
    graph = ig.Graph(n=count, edges=edges)
    graph.simplify()
    with seeded(seed):
        # Above fifty organizations, the grid variant with fewer iterations: a 5,000-node network of
        # twenty communities is then laid out in about as long as it was in one piece.
        layout = graph.layout_fruchterman_reingold(niter=300 if count <= 50 else 150, grid=count > 50)
    return _fit(np.asarray(layout.coords, dtype=float).reshape(-1, 2), np.asarray(graph.degree()) > 0)


def _sunflower(count: int) -> np.ndarray:
    """`count` points spread evenly over the unit disc (Vogel's spiral)."""
    steps = np.arange(count)
    radius = np.sqrt((steps + 0.5) / max(count, 1))
    return np.column_stack([radius * np.cos(steps * GOLDEN_ANGLE), radius * np.sin(steps * GOLDEN_ANGLE)])


def _pack(radii: list[float], aspect: float = 1.4) -> list[tuple[float, float, float]]:
    """Centres for discs of the given radii (largest first), in rows like lines of text, centred on 0.

    Rows fill a rectangle about `aspect` times as wide as tall (a map is wider than tall), with a clear
    gap between discs, wider between large ones, so each reads as one group. Linear in the number of
    discs: a province of hundreds of groups is packed at once.

    >>> a, b, c = _pack([2.0, 1.0, 1.0])
    >>> all(float(np.hypot(p[0] - q[0], p[1] - q[1])) >= p[2] + q[2] for p, q in [(a, b), (a, c), (b, c)])
    True
    """
    sizes = [3 * r + 1.0 for r in radii]  # each disc's cell: its diameter and the gap
    width = max(max(sizes, default=0.0), float(np.sqrt(sum(d * d for d in sizes) * aspect)))
    rows: list[list[int]] = [[]]
    used = 0.0
    for index, size in enumerate(sizes):
        if rows[-1] and used + size > width:
            rows.append([])
            used = 0.0
        rows[-1].append(index)
        used += size
    centres = [(0.0, 0.0)] * len(radii)
    top = 0.0
    for row in rows:
        height = max(sizes[i] for i in row)
        left = -sum(sizes[i] for i in row) / 2  # each row centred
        for i in row:
            centres[i] = (left + sizes[i] / 2, top - height / 2)
            left += sizes[i]
        top -= height
    return [(x, y - top / 2, r) for (x, y), r in zip(centres, radii, strict=True)]


def _fit(positions: np.ndarray, connected: np.ndarray) -> np.ndarray:
    """Centre and scale positions on the connected organizations, and bring far-flung ones to the edge.

    Fruchterman–Reingold throws isolated organizations far away; scaling on the farthest one would
    shrink the network itself to a dot in the middle of the map. Scaling on the 99th percentile of the
    connected organizations' distances keeps the network full-size, and isolated ones sit on a ring
    just outside it.
    """
    if not len(positions):
        return positions
    anchors = positions[connected] if connected.any() else positions
    positions = positions - np.median(anchors, axis=0)
    radius = np.hypot(positions[:, 0], positions[:, 1])
    reference = radius[connected] if connected.any() else radius
    span = float(np.percentile(reference, 99)) or float(radius.max()) or 1.0
    positions /= span
    radius /= span
    outside = radius > 1.0
    positions[outside] *= (1.0 / radius[outside])[:, None]
    return positions
