"""A network snapshot as a graph file: GraphML (through igraph), GEXF 1.3 (written here) and JSON.

Every node carries the organization's attributes and the analysis core's measures at the snapshot's date
(degree, betweenness, brokerage, community, trust and value when rated); every edge its level, formality,
network and date. The files open in Gephi, NetworkX and igraph (the tests check the last two).
"""

from __future__ import annotations

import datetime
import json
import math
import os
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any

import igraph as ig

from maillage.analysis import LEVELS, report_from_dataset, snapshot
from maillage.analysis.graph import build_graph
from maillage.directory.models import Territory
from maillage.networks.models import Network
from maillage.observatory import SECTOR_COLORS, dataset_for, observation_dates
from maillage.reports.exports.disclosure import (
    AGGREGATES_ONLY,
    Disclosure,
    organization_ratings,
    restrict_rows,
)

GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"
NODE_MEASURES = [
    ("degree", "integer"),
    ("betweenness", "double"),
    ("closeness", "double"),
    ("eigenvector", "double"),
    ("brokerage_total", "integer"),
    ("community", "integer"),
    ("trust", "double"),
    ("value", "double"),
]


@dataclass
class GraphSnapshot:
    title: str
    as_of: str | None
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]


def graph_snapshot(
    networks: Any,
    *,
    as_of: str | None = None,
    language: str = "fr",
    title: str = "",
    disclosure: Disclosure = AGGREGATES_ONLY,
) -> GraphSnapshot:
    """Nodes and edges of the networks at `as_of` (default: the latest observation date).

    Trust and value per organization are only what `disclosure` lets the reader see (disclosure.py).
    """
    dataset = dataset_for(networks, language)
    dates = observation_dates(dataset)
    as_of = as_of or (dates[-1] if dates else None)
    if dataset.ties.empty:
        return GraphSnapshot(title, as_of, [], [])
    og = build_graph(snapshot(dataset, as_of=as_of))
    report = report_from_dataset(dataset, as_of=as_of, scenarios=[], curve=False)
    table = report.organizations.set_index("id")
    territories = _territories(og.organizations["territory"], language)
    nodes: list[dict[str, Any]] = []
    row: Any  # pandas-stubs read a cell as any scalar; here each column holds one known kind of value
    for row in og.organizations.itertuples(index=False):
        measures = table.loc[row.id] if row.id in table.index else None
        territory = _territory_id(row.territory)
        code, name = territories.get(territory, ("", "")) if territory is not None else ("", "")
        node: dict[str, Any] = {
            "id": str(row.id),
            "label": str(row.name),
            "sector": str(row.sector),
            "sector_family": str(row.sector_family),
            "territory": code,
            "territory_name": name,
        }
        for name, kind in NODE_MEASURES:
            value = measures[name] if measures is not None and name in measures.index else None
            node[name] = _number(value, kind)
        nodes.append(node)
    restrict_rows(nodes, organization_ratings(disclosure, networks, as_of))
    ids = og.organizations["id"].to_numpy()
    edges = []
    tie: Any  # (as `row` above)
    for j, tie in enumerate(og.ties.itertuples(index=False)):
        level = int(tie.level)
        edges.append(
            {
                "id": str(j),
                "source": str(ids[tie.u]),
                "target": str(ids[tie.v]),
                "level": level,
                "level_name": LEVELS[level] if 0 <= level < len(LEVELS) else "",
                "formality": "formal" if bool(tie.formal) else "informal",
                "network": "" if tie.network is None else str(tie.network),
                "date": "" if tie.date is None else str(tie.date)[:10],
            }
        )
    return GraphSnapshot(title, as_of, nodes, edges)


def _territory_id(value: Any) -> int | None:
    """The territory's database id as the analysis table holds it (an int, or a float beside missing ones)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return None


def _territories(values: Any, language: str) -> dict[int, tuple[str, str]]:
    """Territory id -> (code, name): a file for Gephi carries what people read, never a database id."""

    ids = {pk for pk in (_territory_id(v) for v in values) if pk is not None}
    rows = Territory.objects.filter(pk__in=ids).values_list("pk", "code", "name_fr", "name_en")
    return {pk: (code, (en if language == "en" and en else fr) or en) for pk, code, fr, en in rows}


def _number(value: Any, kind: str) -> float | int | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return int(value) if kind == "integer" else float(value)


def to_graphml(graph: GraphSnapshot) -> bytes:
    """GraphML written by igraph; a missing measure is NaN (numbers) or empty (text): GraphML has no null."""
    g = ig.Graph(n=len(graph.nodes))
    g["title"] = graph.title
    g["as_of"] = graph.as_of or ""
    index = {node["id"]: i for i, node in enumerate(graph.nodes)}
    g.add_edges([(index[e["source"]], index[e["target"]]) for e in graph.edges])
    for key in ("id", "label", "sector", "sector_family", "territory", "territory_name"):
        g.vs["org_id" if key == "id" else key] = [node[key] for node in graph.nodes]
    for key, _kind in NODE_MEASURES:
        missing = float("nan")
        g.vs[key] = [float(node[key]) if node[key] is not None else missing for node in graph.nodes]
    for key in ("level", "level_name", "formality", "network", "date"):
        g.es[key] = [e[key] for e in graph.edges]
    handle, path = tempfile.mkstemp(suffix=".graphml")
    os.close(handle)
    try:
        g.write_graphml(path)
        with open(path, "rb") as file:
            return file.read()
    finally:
        os.unlink(path)


def to_gexf(graph: GraphSnapshot) -> bytes:
    """GEXF 1.3 (Gephi's format), with typed attributes and the map's sector colours."""
    ET.register_namespace("", GEXF_NS)
    ET.register_namespace("viz", VIZ_NS)
    root = ET.Element(f"{{{GEXF_NS}}}gexf", {"version": "1.3"})
    meta = ET.SubElement(root, f"{{{GEXF_NS}}}meta", {"lastmodifieddate": datetime.date.today().isoformat()})
    ET.SubElement(meta, f"{{{GEXF_NS}}}creator").text = "Maillage"
    ET.SubElement(meta, f"{{{GEXF_NS}}}description").text = f"{graph.title} ({graph.as_of or ''})"
    element = ET.SubElement(root, f"{{{GEXF_NS}}}graph", {"defaultedgetype": "undirected", "mode": "static"})
    node_attributes = [
        ("sector", "string"),
        ("sector_family", "string"),
        ("territory", "string"),
        ("territory_name", "string"),
        *NODE_MEASURES,
    ]
    edge_attributes = [("level", "integer"), ("level_name", "string"), ("formality", "string"),
                       ("network", "string"), ("date", "string")]  # fmt: skip
    for kind, attributes in (("node", node_attributes), ("edge", edge_attributes)):
        declared = ET.SubElement(element, f"{{{GEXF_NS}}}attributes", {"class": kind})
        for name, type_ in attributes:
            ET.SubElement(declared, f"{{{GEXF_NS}}}attribute", {"id": name, "title": name, "type": type_})
    nodes = ET.SubElement(element, f"{{{GEXF_NS}}}nodes")
    for node in graph.nodes:
        item = ET.SubElement(nodes, f"{{{GEXF_NS}}}node", {"id": node["id"], "label": node["label"]})
        _attvalues(item, node, node_attributes)
        colour = SECTOR_COLORS.get(node["sector"], "#888888").lstrip("#")
        red, green, blue = (str(int(colour[i : i + 2], 16)) for i in (0, 2, 4))
        ET.SubElement(item, f"{{{VIZ_NS}}}color", {"r": red, "g": green, "b": blue})
    edges = ET.SubElement(element, f"{{{GEXF_NS}}}edges")
    for edge in graph.edges:
        item = ET.SubElement(
            edges,
            f"{{{GEXF_NS}}}edge",
            {
                "id": edge["id"],
                "source": edge["source"],
                "target": edge["target"],
                "weight": str(edge["level"]),
            },
        )
        _attvalues(item, edge, edge_attributes)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _attvalues(parent: ET.Element, values: dict[str, Any], attributes: list[tuple[str, str]]) -> None:
    holder = ET.SubElement(parent, f"{{{GEXF_NS}}}attvalues")
    for name, _type in attributes:
        value = values.get(name)
        if value is None or value == "":
            continue  # GEXF has no null: an absent attvalue means "unknown"
        ET.SubElement(holder, f"{{{GEXF_NS}}}attvalue", {"for": name, "value": str(value)})


def to_json(graph: GraphSnapshot) -> bytes:
    document = {
        "title": graph.title,
        "as_of": graph.as_of,
        "directed": False,
        "nodes": graph.nodes,
        "edges": graph.edges,
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode()


def network_graph(
    network: Network,
    *,
    as_of: str | None = None,
    language: str = "fr",
    disclosure: Disclosure = AGGREGATES_ONLY,
) -> GraphSnapshot:
    return graph_snapshot(
        Network.objects.filter(pk=network.pk),
        as_of=as_of,
        language=language,
        title=network.name,
        disclosure=disclosure,
    )
