"""Read GraphML and GEXF as Gephi, yEd, igraph and NetworkX write them, with defusedxml.

* Attributes are named by their ``attr.name`` (GraphML) or ``title`` (GEXF); the declared ``<default>``
  applies to every node or edge that has no value of its own.
* yEd's drawing data (``yfiles.type`` keys, yFiles for HTML's ``NodeLabels``) is not offered as attributes,
  but the label drawn on a node is read as its ``label``: that is the name people see in yEd.
* Gephi writes weights as floats (``3.0``): an integral float is written as an integer.
* Whether the graph is directed is read too (the import reads every graph as undirected and says so).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from defusedxml import ElementTree
from django.utils.translation import gettext as _

from maillage.exchange import limits
from maillage.exchange.reading import MAX_BYTES, ReadError


@dataclass
class Graph:
    nodes: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    edges: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    node_attributes: list[str] = field(default_factory=list)
    edge_attributes: list[str] = field(default_factory=list)
    directed: bool = False


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1]


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element.iter() if _local(child.tag) == name]


def number_text(text: str) -> str:
    """Gephi writes weights as floats: "2.0" is 2."""
    return re.sub(r"^(-?\d+)\.0+$", r"\1", text.strip())


def _label_text(element: Element) -> str:
    """The text of the first label yEd draws on a node (yEd desktop or yFiles for HTML)."""
    for child in element.iter():
        if _local(child.tag) in ("NodeLabel", "Label.Text"):
            text = (child.text or "").strip()
            if text:
                # yFiles for HTML allows markup labels: keep the words.
                return " ".join(re.sub(r"<[^>]+>", " ", text).split()) if "<" in text else text
    return ""


def _attribute_of(element: Element, name: str) -> str:
    """An XML attribute whatever its namespace (yEd writes ``yfiles.type``; some tools prefix it)."""
    for key, value in element.attrib.items():
        if _local(key) == name:
            return value
    return ""


@dataclass
class _Key:
    scope: str
    name: str
    default: str | None
    label_source: bool = False  # yEd drawing data holding the node's label
    drawing: bool = False  # other yEd drawing data: not an attribute anyone maps


def _graphml_keys(root: Element) -> dict[str, _Key]:
    keys: dict[str, _Key] = {}
    for key in _children(root, "key"):
        kind = _attribute_of(key, "yfiles.type")
        name = key.get("attr.name") or key.get("id") or ""
        default = next((d for d in key if _local(d.tag) == "default"), None)
        label_source = kind == "nodegraphics" or name == "NodeLabels"
        drawing = bool(kind) or bool(_attribute_of(key, "attr.uri"))
        default_text = number_text("".join(default.itertext())) if default is not None else None
        keys[key.get("id", "")] = _Key(
            key.get("for", "all"), name, default_text or None, label_source, drawing
        )
    return keys


def _graphml(root: Element) -> Graph:
    keys = _graphml_keys(root)
    graph = Graph()
    offered = [k for k in keys.values() if not k.drawing]
    graph.node_attributes = sorted({k.name for k in offered if k.scope in ("node", "all")})
    graph.edge_attributes = sorted({k.name for k in offered if k.scope in ("edge", "all")})
    defaults = {
        scope: {k.name: k.default for k in offered if k.scope in (scope, "all") and k.default is not None}
        for scope in ("node", "edge")
    }

    def data(element: Element, scope: str) -> dict[str, str]:
        values = dict(defaults[scope])
        for item in element:
            key = keys.get(item.get("key", "")) if _local(item.tag) == "data" else None
            if key is None:
                continue
            if key.label_source:
                label = _label_text(item)
                if label:
                    values.setdefault("label", label)
            elif not key.drawing:
                values[key.name] = number_text("".join(item.itertext()))
        return values

    graphs = _children(root, "graph")
    default_directed = bool(graphs) and graphs[0].get("edgedefault", "undirected") == "directed"
    graph.nodes = [(node.get("id", ""), data(node, "node")) for node in _children(root, "node")]
    for edge in _children(root, "edge"):
        graph.edges.append((edge.get("source", ""), edge.get("target", ""), data(edge, "edge")))
        if edge.get("directed", "true" if default_directed else "false") == "true":
            graph.directed = True
    return graph


def _gexf(root: Element) -> Graph:
    titles: dict[tuple[str, str], str] = {}
    defaults: dict[str, dict[str, str]] = {"node": {}, "edge": {}}
    for block in _children(root, "attributes"):
        scope = block.get("class", "node")
        for attribute in block:
            title = attribute.get("title") or attribute.get("id") or ""
            titles[(scope, attribute.get("id", ""))] = title
            default = next((d for d in attribute if _local(d.tag) == "default"), None)
            if default is not None and scope in defaults and (default.text or "").strip():
                defaults[scope][title] = number_text(default.text or "")
    graph = Graph()
    graph.node_attributes = sorted(title for (scope, _id), title in titles.items() if scope == "node")
    graph.edge_attributes = sorted(
        {"weight", "label"} | {t for (scope, _id), t in titles.items() if scope == "edge"}
    )

    def values(element: Element, scope: str) -> dict[str, str]:
        found = dict(defaults.get(scope, {}))
        if element.get("label"):
            found["label"] = element.get("label", "")
        if scope == "edge" and element.get("weight"):
            found["weight"] = number_text(element.get("weight", ""))
        for value in _children(element, "attvalue"):
            title = titles.get((scope, value.get("for") or value.get("id") or ""))
            if title:
                found[title] = number_text(value.get("value", ""))
        return found

    graphs = _children(root, "graph")
    default_type = graphs[0].get("defaultedgetype", "undirected") if graphs else "undirected"
    graph.nodes = [(node.get("id", ""), values(node, "node")) for node in _children(root, "node")]
    for edge in _children(root, "edge"):
        graph.edges.append((edge.get("source", ""), edge.get("target", ""), values(edge, "edge")))
        if edge.get("type", default_type) == "directed":
            graph.directed = True
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
