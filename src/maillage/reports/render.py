"""The report as HTML (the web page) and as PDF (WeasyPrint), from one `ReportData` and one body template.

Charts are the dashboards' Vega-Lite specs converted to vector SVG by vl-convert (one spec, two outputs);
the SVG is inlined in both the page and the PDF, so what prints is what the screen shows.
"""

from __future__ import annotations

import copy
import hashlib
from pathlib import Path
from typing import Any

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from maillage.dashboards.charts import Chart
from maillage.reports.content import SECTIONS, ReportData, no_data_message

# Widths in CSS pixels that fit the PDF's text column (A4 minus margins) and the web page's column.
CHART_WIDTHS = {
    "sectors": 440,
    "levels": 380,
    "transitions": 400,
    "sector_mix": 400,
    "resilience": 420,
    "impact": 300,
}


def _css_path() -> Path:
    return Path(__file__).resolve().parent.parent / "static" / "reports" / "report.css"


def chart_svg(chart: Chart) -> SafeString:
    """The chart as an SVG string (cached: the same spec always gives the same drawing)."""
    import vl_convert

    spec: dict[str, Any] = copy.deepcopy(chart.spec)
    spec["width"] = CHART_WIDTHS.get(chart.key, 380)
    spec.pop("title", None)  # the report prints the title as a heading, in its own typography
    spec["config"] = spec.get("config", {}) | {
        "font": "DejaVu Sans",
        "axis": {"labelFontSize": 10, "titleFontSize": 10, "labelColor": "#333", "titleColor": "#333"},
        "legend": {"labelFontSize": 10, "titleFontSize": 10},
        "background": None,
    }
    if chart.key in ("transitions", "sector_mix", "impact"):
        spec["height"] = {"step": 22}
    key = "report-svg:" + hashlib.sha256(repr(sorted(spec.items(), key=str)).encode()).hexdigest()
    svg = cache.get(key)
    if svg is None:
        svg = vl_convert.vegalite_to_svg(spec)
        cache.set(key, svg, timeout=24 * 3600)
    return mark_safe(svg)  # noqa: S308 — produced by vl-convert from our own spec, data values are escaped there


def figures(data: ReportData) -> dict[str, dict[str, Any]]:
    return {
        key: {"chart": chart, "svg": chart_svg(chart) if not chart.empty else ""}
        for key, chart in data.charts.items()
    }


def context(data: ReportData, *, pdf: bool) -> dict[str, Any]:
    titles = data.titles
    return {
        "data": data,
        "pdf": pdf,
        "figures": figures(data),
        "toc": [(key, number, titles[key]) for key, number in SECTIONS],
        "titles": titles,
        "no_data": no_data_message(),
        "s": data.sections,
    }


def render_html(data: ReportData, *, request: Any = None, extra: dict[str, Any] | None = None) -> str:
    with translation.override(data.language):
        return render_to_string(
            "reports/report.html", context(data, pdf=False) | (extra or {}), request=request
        )


def render_document(data: ReportData) -> str:
    """The standalone HTML document WeasyPrint lays out (no site navigation)."""
    with translation.override(data.language):
        ctx = context(data, pdf=True) | {"css": mark_safe(_css_path().read_text(encoding="utf-8"))}  # noqa: S308
        return render_to_string("reports/document.html", ctx)


def render_pdf(data: ReportData) -> bytes:
    from weasyprint import HTML

    document = render_document(data)
    return HTML(string=document, base_url=str(_css_path().parent)).write_pdf()
