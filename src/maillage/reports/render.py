"""The report as HTML (the web page) and as PDF (WeasyPrint), from one `ReportData` and one body template.

Charts are the dashboards' Vega-Lite specs converted to vector SVG by vl-convert (one spec, two outputs);
the SVG is inlined in both the page and the PDF, so what prints is what the screen shows.
"""

from __future__ import annotations

import copy
import hashlib
import re
from pathlib import Path
from typing import Any

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from maillage.formatting import chart_locale
from maillage.observatory import Chart
from maillage.reports import chartpool
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


def report_spec(chart: Chart) -> dict[str, Any]:
    """The dashboard's spec at the report's width, in the report's typography, without its own title."""
    spec: dict[str, Any] = copy.deepcopy(chart.spec)
    spec["width"] = CHART_WIDTHS.get(chart.key, 380)
    spec.pop("title", None)  # the report prints the title as a heading, in its own typography
    spec["config"] = spec.get("config", {}) | {
        "font": "DejaVu Sans",
        "axis": {"labelFontSize": 10, "titleFontSize": 10, "labelColor": "#333", "titleColor": "#333"},
        "legend": {"labelFontSize": 10, "titleFontSize": 10, "labelLimit": 0},
        "background": None,
        # Axes and labels in the report's language (vl-convert reads the locale from the spec).
        "locale": chart_locale(),
    }
    if chart.key in ("transitions", "sector_mix", "impact"):
        spec["height"] = {"step": 22}
    _swatch_legends(spec)
    return spec


def _swatch_legends(node: Any) -> None:
    """Continuous colour legends as a few labelled swatches. WeasyPrint leaves Vega's gradient bar blank, so
    a printed heat map would have no key to its colours."""
    if isinstance(node, dict):
        colour = node.get("color")
        if (
            isinstance(colour, dict)
            and colour.get("type") == "quantitative"
            and colour.get("legend", {}) is not None
        ):
            colour["legend"] = (colour.get("legend") or {}) | {
                "type": "symbol",
                "symbolType": "square",
                "symbolSize": 120,
            }
        for value in node.values():
            _swatch_legends(value)
    elif isinstance(node, list):
        for value in node:
            _swatch_legends(value)


def _cache_key(spec: dict[str, Any]) -> str:
    return "report-svg:" + hashlib.sha256(repr(sorted(spec.items(), key=str)).encode()).hexdigest()


def _own_ids(svg: str, prefix: str) -> str:
    """The drawing's element ids (gradients, clips) prefixed with its own key. Each vl-convert process numbers
    them from zero, so two charts drawn by different processes, inlined in one page, would share an id and one
    legend would show the other's gradient."""
    svg = re.sub(r'\bid="([^"]+)"', rf'id="c{prefix}-\1"', svg)
    return re.sub(r"url\(#([^)]+)\)", rf"url(#c{prefix}-\1)", svg)


def chart_svgs(charts: list[Chart]) -> list[SafeString]:
    """Each chart as an SVG string. Cached: the same spec always gives the same drawing; the missing ones
    are drawn together, so helper processes (see `chartpool`) can share them out."""
    specs = [report_spec(chart) for chart in charts]
    keys = [_cache_key(spec) for spec in specs]
    found = cache.get_many(keys)
    missing = [i for i, key in enumerate(keys) if key not in found]
    for i, svg in zip(missing, chartpool.draw_all([specs[i] for i in missing]), strict=True):
        found[keys[i]] = svg = _own_ids(svg, keys[i][-10:])
        cache.set(keys[i], svg, timeout=24 * 3600)
    # Produced by vl-convert from our own specs; data values are escaped there.
    return [mark_safe(found[key]) for key in keys]  # noqa: S308


def figures(data: ReportData) -> dict[str, dict[str, Any]]:
    drawn = {key: chart for key, chart in data.charts.items() if not chart.empty}
    svgs = dict(zip(drawn, chart_svgs(list(drawn.values())), strict=True))
    return {key: {"chart": chart, "svg": svgs.get(key, "")} for key, chart in data.charts.items()}


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
