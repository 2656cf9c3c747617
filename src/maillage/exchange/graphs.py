"""GraphML and GEXF files of a network drawn elsewhere (Gephi, yEd, Kumu exports), read with defusedxml.

Nodes become organizations (matched to existing ones by normalised name), members of the chosen network;
edges become ties. Which node attribute is the name or the sector, and which edge attribute is the level,
the formality or the date, is chosen on the mapping screen (or guessed from the usual names).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from defusedxml import ElementTree
from django.utils.translation import gettext as _

from maillage.analysis.vocabulary import fold
from maillage.exchange import limits
from maillage.exchange.checks import check_organizations, check_ties
from maillage.exchange.plan import ERROR, Context, Plan
from maillage.exchange.reading import MAX_BYTES, ReadError

GUESSES = {
    "node:name": ("name", "nom", "label", "organisation", "organization", "organisme"),
    "node:sector": ("sector", "secteur", "type", "element type", "category", "categorie"),
    "edge:level": ("level", "niveau", "weight", "poids", "strength"),
    "edge:formality": ("formality", "formalite", "formal", "formel"),
    "edge:date": ("date", "observed on", "start", "debut", "year", "annee"),
}


@dataclass
class Graph:
    nodes: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    edges: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    node_attributes: list[str] = field(default_factory=list)
    edge_attributes: list[str] = field(default_factory=list)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element.iter() if _local(child.tag) == name]


def _number(text: str) -> str:
    # Gephi writes weights as floats: "2.0" is level 2.
    return re.sub(r"^(\d+)\.0+$", r"\1", text.strip())


def _graphml(root: Element) -> Graph:
    keys = {
        key.get("id"): (key.get("for", "all"), key.get("attr.name") or key.get("id") or "")
        for key in _children(root, "key")
    }
    graph = Graph()
    graph.node_attributes = sorted({name for scope, name in keys.values() if scope in ("node", "all")})
    graph.edge_attributes = sorted({name for scope, name in keys.values() if scope in ("edge", "all")})

    def data(element: Element) -> dict[str, str]:
        values = {}
        for item in element:
            if _local(item.tag) == "data" and item.get("key") in keys:
                values[keys[item.get("key")][1]] = _number("".join(item.itertext()))
        return values

    graph.nodes = [(node.get("id", ""), data(node)) for node in _children(root, "node")]
    graph.edges = [(e.get("source", ""), e.get("target", ""), data(e)) for e in _children(root, "edge")]
    return graph


def _gexf(root: Element) -> Graph:
    titles: dict[tuple[str, str], str] = {}
    for block in _children(root, "attributes"):
        scope = block.get("class", "node")
        for attribute in block:
            titles[(scope, attribute.get("id", ""))] = attribute.get("title") or attribute.get("id", "")
    graph = Graph()
    graph.node_attributes = sorted(title for (scope, _id), title in titles.items() if scope == "node")
    graph.edge_attributes = sorted(
        {"weight", "label"} | {t for (scope, _id), t in titles.items() if scope == "edge"}
    )

    def values(element: Element, scope: str) -> dict[str, str]:
        found = {"label": element.get("label", "")} if element.get("label") else {}
        if scope == "edge" and element.get("weight"):
            found["weight"] = _number(element.get("weight", ""))
        for value in _children(element, "attvalue"):
            title = titles.get((scope, value.get("for") or value.get("id") or ""))
            if title:
                found[title] = _number(value.get("value", ""))
        return found

    graph.nodes = [(node.get("id", ""), values(node, "node")) for node in _children(root, "node")]
    graph.edges = [
        (e.get("source", ""), e.get("target", ""), values(e, "edge")) for e in _children(root, "edge")
    ]
    return graph


def read_graph(raw: bytes, kind: str) -> Graph:
    if len(raw) > MAX_BYTES:
        raise ReadError(_("The file is larger than 50 MB."))
    limits.check_xml(raw, kind)  # nesting, element count, DTDs and entities, streamed
    try:
        root = ElementTree.fromstring(raw, forbid_dtd=True)
    except Exception:  # noqa: BLE001 - malformed XML, entities, DTDs: all refused the same way
        raise ReadError(_("This file is not a readable %(kind)s file.") % {"kind": kind.upper()}) from None
    graph = _graphml(root) if kind == "graphml" else _gexf(root)
    if not graph.nodes:
        raise ReadError(_("The file has no nodes."))
    for node_id, attributes in graph.nodes:
        attributes.setdefault("label", node_id)
    if "label" not in graph.node_attributes:
        graph.node_attributes.insert(0, "label")
    return graph


def guess_mapping(graph: Graph) -> dict[str, str]:
    chosen: dict[str, str] = {}
    for target, names in GUESSES.items():
        available = graph.node_attributes if target.startswith("node:") else graph.edge_attributes
        by_fold = {fold(a): a for a in available}
        for name in names:
            if fold(name) in by_fold:
                chosen[target] = by_fold[fold(name)]
                break
    return chosen


def check_graph(plan: Plan, context: Context, raw: bytes, kind: str, chosen: dict[str, str]) -> None:
    graph = read_graph(raw, kind)
    mapping = guess_mapping(graph) | chosen
    name, sector = mapping.get("node:name", "label"), mapping.get("node:sector")
    node_lines: dict[int, str] = {}
    records = []
    for number, (node_id, attributes) in enumerate(graph.nodes, start=1):
        node_lines[number] = node_id
        record = {"name": attributes.get(name) or attributes.get("label", "")}
        if sector and attributes.get(sector):
            record["sector"] = attributes[sector]
        records.append((number, record))
    by_line = check_organizations(plan, context, records)
    resolved = {node_lines[line]: organization for line, organization in by_line.items()}
    offset = len(graph.nodes)
    edges = []
    for number, (source, target, attributes) in enumerate(graph.edges, start=offset + 1):
        record = {"source": source, "target": target}
        for field_name in ("level", "formality", "date"):
            attribute = mapping.get(f"edge:{field_name}")
            if attribute and attributes.get(attribute):
                record[field_name] = attributes[attribute]
        record.setdefault("level", "1")
        record.setdefault("date", mapping.get("default_date", ""))
        if source not in resolved or target not in resolved:
            plan.add(number, ERROR, f"{source} — {target}", _("This edge joins a node that is not imported."))
            continue
        edges.append((number, record))
    check_ties(plan, context, edges, resolved)
    plan.rows.sort(key=lambda row: row.line)
