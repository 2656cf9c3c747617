"""Vega-Lite specs of the leadership pages, built like observatory/charts.py: one spec and its table."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from maillage.formatting import chart_date_format, day
from maillage.leadership.aggregates import Cell
from maillage.leadership.models import Pillar
from maillage.observatory import Chart, chart_base


def _line(title: str, description: str, values: list[dict[str, Any]], x_type: str, x_title: str) -> dict:
    spec = chart_base(title, description, values)
    # Tooltips' dates as the page writes them (axes choose their own ticks, in the page's locale).
    spec["config"] = spec["config"] | {"timeFormat": chart_date_format()}
    return spec | {
        "height": 240,
        "mark": {"type": "line", "point": True, "tooltip": True},
        "encoding": {
            "x": {"field": "when", "type": x_type, "title": x_title},
            "y": {
                "field": "level",
                "type": "quantitative",
                "title": _("Average level (1 to 5)"),
                "scale": {"domain": [1, 5]},
            },
            # Under the chart, one pillar a line and whole: cut at Vega's 160 px, two pillars read the same.
            "color": {
                "field": "pillar",
                "type": "nominal",
                "title": _("Pillar"),
                "legend": {"orient": "bottom", "direction": "vertical", "labelLimit": 0},
            },
        },
    }


def personal_progress(points: list[tuple[str, str, float]]) -> Chart:
    """One person's average per pillar at each of their self-assessments: (ISO date, pillar, average)."""
    values = [{"when": day, "pillar": pillar, "level": round(level, 2)} for day, pillar, level in points]
    title = _("My progress by pillar")
    description = _(
        "Average of my self-assessed levels on each pillar's competencies, assessment after assessment."
    )
    spec = _line(title, description, values, "temporal", _("Date"))
    rows = [[day(when), pillar, round(level, 2)] for when, pillar, level in points]
    return Chart("personal", title, description, spec, [_("Date"), _("Pillar"), _("Average level")], rows)


def group_progress(cells: dict[tuple[int, int], Cell], pillars: list[Pillar]) -> Chart:
    """Pillar averages per year over groups large enough; suppressed cells are left out of the chart."""
    names = {pillar.pk: pillar.name for pillar in pillars}
    values = [
        {"when": str(year), "pillar": names[pillar_id], "level": cell.mean, "people": cell.n}
        for (pillar_id, year), cell in sorted(cells.items(), key=lambda item: (item[0][1], item[0][0]))
        if not cell.suppressed and pillar_id in names
    ]
    title = _("Progress by pillar, all leaders in scope")
    description = _("Average self-assessed level per pillar and year, over groups of at least 3 people.")
    spec = _line(title, description, values, "ordinal", _("Year"))
    rows = [[v["when"], v["pillar"], v["level"], v["people"]] for v in values]
    return Chart(
        "group", title, description, spec, [_("Year"), _("Pillar"), _("Average level"), _("People")], rows
    )
