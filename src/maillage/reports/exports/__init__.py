"""Exports of the reports' data: tables (CSV zip, XLSX, JSON) and network snapshots (GraphML, GEXF, JSON)."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.text import slugify

from maillage.networks.models import Network
from maillage.reports.exports.disclosure import AGGREGATES_ONLY, Disclosure
from maillage.reports.exports.graphs import graph_snapshot, to_gexf, to_graphml
from maillage.reports.exports.tables import DIALECTS, csv_zip, dialect_for, export_tables, xlsx_workbook

__all__ = ["DIALECTS", "FORMATS", "Export", "export"]

FORMATS = {
    "csv": ("application/zip", "zip"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "graphml": ("application/graphml+xml", "graphml"),
    "gexf": ("application/gexf+xml", "gexf"),
    "json": ("application/json", "json"),
}


@dataclass
class Export:
    content: bytes
    content_type: str
    filename: str


def export(
    networks: QuerySet[Network],
    fmt: str,
    *,
    title: str,
    language: str = "fr",
    dialect: str | None = None,
    disclosure: Disclosure = AGGREGATES_ONLY,
) -> Export:
    """The networks' data in one format; `fmt` must be one of FORMATS. What is per organization is
    only what `disclosure` (the reader's, see disclosure.py) opens: by default, aggregates only. A CSV's
    `dialect` (excel-fr or rfc4180) follows the language unless given."""
    content_type, extension = FORMATS[fmt]
    if fmt == "csv":
        content = csv_zip(export_tables(networks, disclosure), dialect or dialect_for(language))
    elif fmt == "xlsx":
        content = xlsx_workbook(export_tables(networks, disclosure))
    elif fmt in ("graphml", "gexf"):
        graph = graph_snapshot(networks, language=language, title=title, disclosure=disclosure)
        content = to_graphml(graph) if fmt == "graphml" else to_gexf(graph)
    else:
        content = _json(networks, title=title, language=language, disclosure=disclosure)
    stem = slugify(title)[:60] or "maillage"
    return Export(content, content_type, f"{stem}-{datetime.date.today().isoformat()}.{extension}")


def _json(networks: QuerySet[Network], *, title: str, language: str, disclosure: Disclosure) -> bytes:
    tables = export_tables(networks, disclosure)
    graph = graph_snapshot(networks, language=language, title=title, disclosure=disclosure)
    document = {
        "title": title,
        "readme": {t.name: {"description": t.description, "columns": dict(t.columns)} for t in tables},
        "tables": {t.name: [dict(zip(t.header, row, strict=True)) for row in t.rows] for t in tables},
        "graph": {"as_of": graph.as_of, "nodes": graph.nodes, "edges": graph.edges},
    }
    return json.dumps(document, ensure_ascii=False, default=str).encode()
