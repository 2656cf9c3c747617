"""The overlap matrix as a Vega-Lite heatmap: containment in colour, Jaccard and shared members on hover."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from maillage.concertation.data import Concertation
from maillage.observatory import SCHEMA


def overlap_heatmap(concertation: Concertation) -> dict[str, Any]:
    names = {space["id"]: space["name"] for space in concertation.spaces}
    labels = [names[pk] for pk in concertation.matrix_ids]
    values = [
        {
            "a": labels[i],
            "b": labels[j],
            "containment": round(cell["containment"], 3),
            "jaccard": round(cell["jaccard"], 3),
        }
        for i, row in enumerate(concertation.matrix)
        for j, cell in enumerate(row)
        if i != j
    ]
    return {
        "$schema": SCHEMA,
        "title": _("Overlap between spaces"),
        "description": _(
            "Containment (share of the smaller space's members who also sit in the larger) for each pair; "
            "the Jaccard index is shown on hover."
        ),
        "data": {"values": values},
        "width": "container",
        "height": max(160, 18 * len(labels)),
        "config": {"font": "DejaVu Sans, sans-serif", "view": {"stroke": None}},
        "mark": {"type": "rect", "tooltip": True},
        "encoding": {
            "x": {
                "field": "b",
                "type": "nominal",
                "sort": labels,
                "title": None,
                "axis": {"labelLimit": 140},
            },
            "y": {
                "field": "a",
                "type": "nominal",
                "sort": labels,
                "title": None,
                "axis": {"labelLimit": 180},
            },
            "color": {
                "field": "containment",
                "type": "quantitative",
                "title": _("Containment"),
                "scale": {"domain": [0, 1], "scheme": "blues"},
            },
            "tooltip": [
                {"field": "a", "title": _("Space")},
                {"field": "b", "title": _("Other space")},
                {"field": "containment", "title": _("Containment"), "format": ".0%"},
                {"field": "jaccard", "title": _("Jaccard index"), "format": ".2f"},
            ],
        },
    }
