"""The network map as a still image for the report: an SVG drawn server-side from the dashboards' layout.

Positions come from `observatory.layout.layout_positions` (the map page's own layout, cached) and colours
from `directory.palette`, so the printed map looks like the one on screen. Above `MAX_NODES` organizations
only the best-connected are drawn, and the caption says so.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

import numpy as np

from maillage.analysis import Dataset, snapshot
from maillage.analysis.graph import build_graph
from maillage.directory.models import Sector
from maillage.observatory import layout_positions, sector_colors

MAX_NODES = 1500
WIDTH, HEIGHT, MARGIN = 640, 460, 18
EDGE_OPACITY = {1: 0.18, 2: 0.25, 3: 0.35, 4: 0.45, 5: 0.55}


@dataclass
class MapImage:
    svg: str
    drawn: int
    total: int
    legend: list[tuple[str, str]]  # (colour, sector name)

    @property
    def data_uri(self) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode()).decode()


def map_image(dataset: Dataset, *, as_of: str | None, key: str) -> MapImage:
    og = build_graph(snapshot(dataset, as_of=as_of))
    graph = og.graph
    degree = np.asarray(graph.degree(), dtype=float)
    keep = np.flatnonzero(degree > 0)
    if len(keep) > MAX_NODES:
        keep = np.sort(keep[np.argsort(-degree[keep], kind="stable")[:MAX_NODES]])
    index = np.full(graph.vcount(), -1)
    index[keep] = np.arange(len(keep))
    edges = [
        (int(index[a]), int(index[b])) for a, b in graph.get_edgelist() if index[a] >= 0 and index[b] >= 0
    ]
    levels = [int(level) for level in og.ties["level"].to_numpy()]
    positions = layout_positions(len(keep), edges, key=f"report:{key}")
    colours = sector_colors()
    sectors = [str(s) for s in og.organizations["sector"].to_numpy()[keep]]
    svg = _svg(
        positions,
        edges,
        _edge_levels(graph, index, levels),
        degree[keep],
        [colours.get(s, "#888") for s in sectors],
    )
    names = {s.code: s.name for s in Sector.objects.all()}
    present = sorted(set(sectors), key=lambda s: names.get(s, s))
    legend = [(colours.get(s, "#888"), names.get(s, s)) for s in present]
    return MapImage(svg, len(keep), int(graph.vcount()), legend)


def _edge_levels(graph: Any, index: np.ndarray, levels: list[int]) -> list[int]:
    return [levels[j] for j, (a, b) in enumerate(graph.get_edgelist()) if index[a] >= 0 and index[b] >= 0]


def _svg(
    positions: np.ndarray,
    edges: list[tuple[int, int]],
    levels: list[int],
    degree: np.ndarray,
    fills: list[str],
) -> str:
    def xy(i: int) -> tuple[float, float]:
        x, y = positions[i]
        return MARGIN + (x + 1) / 2 * (WIDTH - 2 * MARGIN), MARGIN + (y + 1) / 2 * (HEIGHT - 2 * MARGIN)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}">',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#FBFBF8"/>',
        '<g stroke="#4A5560" stroke-linecap="round">',
    ]
    # Weak ties first, so the strong ones are drawn on top.
    for (a, b), level in sorted(zip(edges, levels, strict=True), key=lambda item: item[1]):
        (x1, y1), (x2, y2) = xy(a), xy(b)
        width = 0.5 + 0.35 * level
        opacity = EDGE_OPACITY.get(level, 0.2)
        parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke-width="{width:.2f}" stroke-opacity="{opacity}"/>'
        )
    parts.append('</g><g stroke="#FFFFFF" stroke-width="0.8">')
    top = float(degree.max()) if len(degree) else 1.0
    for i in np.argsort(degree, kind="stable"):
        x, y = xy(int(i))
        radius = 2.5 + 6.5 * np.sqrt(degree[i] / top)
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="{escape(fills[int(i)])}"/>')
    parts.append("</g></svg>")
    return "".join(parts)
