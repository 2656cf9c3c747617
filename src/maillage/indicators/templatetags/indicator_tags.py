from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from maillage.indicators.charts import sparkline as draw_sparkline
from maillage.indicators.scorecard import ScorecardRow

register = template.Library()


@register.filter
def sparkline(row: ScorecardRow) -> SafeString:
    return draw_sparkline(row.trend, row.trend_years)


@register.filter
def plain(value: float | None) -> str:
    """A stored value as typed: 12.5, 14, 0.125 (no trailing zeros, no exponent); "—" for none."""
    if value is None or value == "":
        return "—"
    return f"{float(value):.6f}".rstrip("0").rstrip(".")
