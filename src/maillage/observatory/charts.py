"""Vega-Lite chart specifications built from analysis results.

One spec serves two outputs: the dashboard draws it with vega-embed, the PDF report converts
it to SVG. Each chart comes with the same numbers as a table — the accessible alternative shown
under the chart — so `Chart.table` and the spec's data never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from django.utils.translation import gettext as _

from maillage.analysis import LEVELS, NetworkReport
from maillage.directory.models import SectorFamily
from maillage.directory.palette import FAMILY_COLORS
from maillage.formatting import day
from maillage.ties.models import Level

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
LEVEL_COLORS = ["#BBBBBB", "#C6DBEF", "#6BAED6", "#3182BD", "#08519C", "#08306B"]


@dataclass
class Chart:
    key: str
    title: str
    description: str
    spec: dict[str, Any]
    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.rows


def level_labels() -> dict[str, str]:
    return {name: str(Level(i).label) for i, name in enumerate(LEVELS)}


def chart_base(title: str, description: str, values: list[dict[str, Any]]) -> dict[str, Any]:
    """What every chart shares: schema, title and description (read aloud), data, width, font, legends."""
    return {
        "$schema": SCHEMA,
        "description": description,
        "title": title,
        "data": {"values": values},
        "width": "container",
        # Legend labels whole (Vega cuts them at 160 px, and two long names then read the same).
        "config": {"font": "DejaVu Sans, sans-serif", "view": {"stroke": None}, "legend": {"labelLimit": 0}},
    }


def partnerships_by_sector(report: NetworkReport, sector_names: dict[str, str]) -> Chart:
    """How many partner organizations (with at least one tie) each sector has, as in CHSSN's yearly report."""
    table = report.organizations
    partners = table[table["degree"] > 0]
    counts = (
        partners.groupby(["sector", "sector_family"])
        .size()
        .reset_index(name="count")
        .sort_values(["count", "sector"], ascending=[False, True])
    )
    families = {code: str(label) for code, label in SectorFamily.choices}
    values = [
        {"sector": sector_names.get(s, s), "family": families.get(f, f), "count": int(c)}
        for s, f, c in zip(counts["sector"], counts["sector_family"], counts["count"], strict=True)
    ]
    title = _("Partnerships by sector")
    description = _("Number of partner organizations with at least one tie, by sector.")
    spec = chart_base(title, description, values) | {
        "mark": {"type": "bar", "tooltip": True},
        "encoding": {
            "y": {"field": "sector", "type": "nominal", "sort": "-x", "title": None},
            "x": {"field": "count", "type": "quantitative", "title": _("Organizations")},
            "color": {
                "field": "family",
                "type": "nominal",
                "title": _("Family"),
                "scale": {
                    "domain": [families[c] for c in FAMILY_COLORS],
                    "range": list(FAMILY_COLORS.values()),
                },
            },
        },
    }
    rows = [[v["sector"], v["count"]] for v in values]
    return Chart("sectors", title, description, spec, [_("Sector"), _("Organizations")], rows)


def levels_by_wave(level_tables: dict[str, pd.DataFrame]) -> Chart:
    """Distribution of ties across the collaboration scale at each wave: the progress of partnerships."""
    labels = level_labels()
    values = []
    for wave, table in level_tables.items():
        when = day(wave)
        for level, total in zip(table["level"], table["total"], strict=True):
            values.append(
                {"wave": when, "level": labels[level], "order": LEVELS.index(level), "ties": int(total)}
            )
    title = _("Ties by level, wave after wave")
    description = _("Number of ties at each level of the collaboration scale at each observation date.")
    present = [labels[n] for n in LEVELS[1:]]
    spec = chart_base(title, description, values) | {
        "mark": {"type": "bar", "tooltip": True},
        "encoding": {
            # The waves in the order of their dates (written the reader's way, they no longer sort as text).
            "x": {
                "field": "wave",
                "type": "ordinal",
                "title": _("Wave"),
                "sort": None,
                "axis": {"labelAngle": 0},
            },
            "y": {"field": "ties", "type": "quantitative", "title": _("Ties"), "stack": "zero"},
            "color": {
                "field": "level",
                "type": "ordinal",
                "title": _("Level"),
                "scale": {"domain": present, "range": LEVEL_COLORS[1:]},
            },
            "order": {"field": "order", "type": "quantitative"},
        },
    }
    rows = [[v["wave"], v["level"], v["ties"]] for v in values]
    return Chart("levels", title, description, spec, [_("Wave"), _("Level"), _("Ties")], rows)


def transition_matrix(report: NetworkReport) -> Chart:
    """From which level to which level ties moved between the two dates ("none" = absent)."""
    labels = level_labels()
    values: list[dict[str, Any]] = []
    change = report.change
    if change is not None:
        matrix = change.transitions.set_index("from_level")
        # pandas-stubs read a cell as any scalar; the transition matrix holds counts.
        for start in LEVELS:
            for end in LEVELS:
                count = int(matrix.loc[start, end]) if start in matrix.index and end in matrix.columns else 0  # type: ignore[arg-type]
                values.append({"from": labels[start], "to": labels[end], "ties": count})
    before = change.before if change is not None else ""
    after = change.after if change is not None else ""
    title = _("Progress of partnerships")
    description = _(
        "Number of ties that went from one level (rows) to another (columns) between %(before)s and "
        "%(after)s."
    ) % {"before": day(before), "after": day(after)}
    order = [labels[n] for n in LEVELS]
    spec = chart_base(title, description, values) | {
        "layer": [
            {
                "mark": {"type": "rect", "tooltip": True},
                "encoding": {
                    "color": {
                        "field": "ties",
                        "type": "quantitative",
                        "title": _("Ties"),
                        "scale": {"scheme": "blues"},
                    }
                },
            },
            {
                "mark": {"type": "text", "fontSize": 11},
                "encoding": {
                    "text": {"field": "ties", "type": "quantitative"},
                    "color": {"condition": {"test": "datum.ties > 0", "value": "#000"}, "value": "#999"},
                },
            },
        ],
        "encoding": {
            "y": {"field": "from", "type": "ordinal", "sort": order, "title": _("Level before")},
            "x": {"field": "to", "type": "ordinal", "sort": order, "title": _("Level after")},
        },
    }
    rows = [[v["from"], v["to"], v["ties"]] for v in values if v["ties"]]
    return Chart(
        "transitions", title, description, spec, [_("Level before"), _("Level after"), _("Ties")], rows
    )


def sector_heatmap(report: NetworkReport, sector_names: dict[str, str]) -> Chart:
    matrix = report.mix.sector_matrix.set_index("sector")
    values = []
    for row in matrix.index:
        for column in matrix.columns:
            count = int(matrix.loc[row, column])
            if count:
                values.append(
                    {"a": sector_names.get(row, row), "b": sector_names.get(column, column), "ties": count}
                )
    title = _("Ties between sectors")
    description = _(
        "Number of ties between organizations of each pair of sectors (the diagonal: within a sector)."
    )
    spec = chart_base(title, description, values) | {
        "mark": {"type": "rect", "tooltip": True},
        "encoding": {
            "y": {"field": "a", "type": "nominal", "title": None},
            "x": {"field": "b", "type": "nominal", "title": None, "axis": {"labelAngle": -40}},
            "color": {
                "field": "ties",
                "type": "quantitative",
                "title": _("Ties"),
                "scale": {"scheme": "oranges"},
            },
        },
    }
    rows = [[v["a"], v["b"], v["ties"]] for v in values if v["a"] <= v["b"]]
    return Chart("sector_mix", title, description, spec, [_("Sector"), _("Sector"), _("Ties")], rows)


def resilience_curve(report: NetworkReport) -> Chart:
    curve = report.removal_curve
    values = []
    if curve is not None:
        for fraction, targeted, random in zip(
            curve["fraction_removed"], curve["targeted"], curve["random"], strict=True
        ):
            values.append(
                {"removed": float(fraction), "kind": _("Best-connected first"), "share": float(targeted)}
            )
            values.append({"removed": float(fraction), "kind": _("At random"), "share": float(random)})
    title = _("What holds when organizations withdraw")
    description = _(
        "Share of organizations still in the largest connected group as organizations are removed, "
        "the best-connected first or at random."
    )
    spec = chart_base(title, description, values) | {
        "mark": {"type": "line", "point": True, "tooltip": True},
        "encoding": {
            "x": {
                "field": "removed",
                "type": "quantitative",
                "title": _("Share of organizations removed"),
                "axis": {"format": "%"},
            },
            "y": {
                "field": "share",
                "type": "quantitative",
                "title": _("Largest group"),
                "axis": {"format": "%"},
                "scale": {"domain": [0, 1]},
            },
            "color": {
                "field": "kind",
                "type": "nominal",
                "title": None,
                "scale": {"range": ["#D55E00", "#0072B2"]},
            },
            "strokeDash": {"field": "kind", "type": "nominal"},
        },
    }
    rows = [[f"{v['removed']:.0%}", v["kind"], f"{v['share']:.0%}"] for v in values]
    return Chart("resilience", title, description, spec, [_("Removed"), _("Order"), _("Largest group")], rows)
