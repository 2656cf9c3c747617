"""Pictures of indicator values: a small inline SVG sparkline (server-side, no script) and a
Vega-Lite time series with the same numbers as a table (see observatory/charts.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from maillage.observatory import SCHEMA, Chart

WIDTH, HEIGHT, PAD = 90, 24, 3


def sparkline(values: Sequence[float | None], years: Sequence[int]) -> SafeString:
    """A polyline of the known values; gaps stay gaps. The label gives the numbers for screen readers."""
    known = [(i, v) for i, v in enumerate(values) if v is not None]
    label = "; ".join(f"{year}: {'—' if v is None else v}" for year, v in zip(years, values, strict=True))
    if not known:
        return format_html('<span class="muted" aria-label="{}">—</span>', label)
    low, high = min(v for _, v in known), max(v for _, v in known)
    span = (high - low) or 1.0
    step = (WIDTH - 2 * PAD) / max(len(values) - 1, 1)

    def point(i: int, v: float) -> tuple[str, str]:
        return f"{PAD + i * step:.1f}", f"{HEIGHT - PAD - (v - low) / span * (HEIGHT - 2 * PAD):.1f}"

    segments: list[list[tuple[str, str]]] = [[]]
    for i, v in enumerate(values):
        if v is None:
            segments.append([])
        else:
            segments[-1].append(point(i, v))
    lines = format_html_join(
        "",
        '<polyline points="{}" fill="none" stroke="currentColor" stroke-width="1.5"/>',
        ((" ".join(f"{x},{y}" for x, y in segment),) for segment in segments if len(segment) > 1),
    )
    last_x, last_y = point(*known[-1])
    return format_html(
        '<svg class="sparkline" width="{}" height="{}" viewBox="0 0 {} {}" role="img" aria-label="{}">'
        '{}<circle cx="{}" cy="{}" r="2" fill="currentColor"/></svg>',
        WIDTH, HEIGHT, WIDTH, HEIGHT, label, lines, last_x, last_y,
    )  # fmt: skip


def time_series(
    title: str,
    unit: str,
    points: Sequence[tuple[str, float | None]],
    target: Sequence[tuple[str, float]] = (),
) -> Chart:
    """Values per period, with the targets as points of another colour; the table lists both."""
    values: list[dict[str, Any]] = [
        {"period": p, "value": v, "series": _("Value")} for p, v in points if v is not None
    ]
    values += [{"period": p, "value": v, "series": _("Target")} for p, v in target]
    description = _("Value of the indicator per period, with its targets.")
    spec = {
        "$schema": SCHEMA,
        "description": description,
        "title": title,
        "width": "container",
        "data": {"values": values},
        "config": {"font": "DejaVu Sans, sans-serif", "view": {"stroke": None}},
        "mark": {"type": "line", "point": True, "tooltip": True},
        "encoding": {
            "x": {"field": "period", "type": "ordinal", "title": _("Period")},
            "y": {"field": "value", "type": "quantitative", "title": unit or _("Value")},
            "color": {"field": "series", "type": "nominal", "title": None, "legend": {"orient": "top"}},
            "strokeDash": {"field": "series", "type": "nominal", "legend": None},
        },
    }
    targets = dict(target)
    # The table starts at the first period with a value or a target, like the chart's axis.
    first = next((i for i, (p, v) in enumerate(points) if v is not None or p in targets), len(points))
    rows = [[p, "—" if v is None else v, targets.get(p, "—")] for p, v in points[first:]]
    return Chart("series", title, description, spec, [_("Period"), _("Value"), _("Target")], rows)
