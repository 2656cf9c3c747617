"""GraphML and GEXF networks drawn elsewhere (Gephi, yEd, igraph, NetworkX, Kumu) into organizations and ties.

Nodes become organizations (matched to existing ones by normalised name), members of the chosen network;
edges become ties. Which attribute is the name, the sector, the level, the formality or the date is chosen on
the mapping screen or with ``--map`` (an explicit choice, even "none", always beats a guess from the usual
names). The graph is read the way a tie is: undirected and simple.

* A node is known by its id: two nodes drawn with the same label stay two organizations (the second is
  named "label (id)" and the report says so).
* Numeric weights become levels by a rule: as written (0–5), one level for all, or thresholds.
* Parallel edges (and the two directions of a directed pair) are one tie: the strongest is kept and the
  others reported; an edge from a node to itself is skipped with a warning.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from maillage.analysis.vocabulary import MAX_LEVEL, match_key, parse_level
from maillage.exchange.checks import check_organizations, check_ties
from maillage.exchange.graphfiles import Graph, read_graph
from maillage.exchange.plan import ERROR, UNCHANGED, Context, Plan
from maillage.exchange.reading import ReadError

__all__ = ["Graph", "LevelRule", "check_graph", "guess_mapping", "read_graph"]

MAX_NOTES = 20
GUESSES = {
    "node:name": ("name", "nom", "label", "organisation", "organization", "organisme"),
    "node:sector": ("sector", "secteur", "type", "element type", "category", "categorie"),
    "edge:level": ("level", "niveau", "weight", "poids", "strength"),
    "edge:formality": ("formality", "formalite", "formal", "formel"),
    "edge:date": ("date", "observed on", "start", "debut", "year", "annee"),
}


def guess_mapping(graph: Graph) -> dict[str, str]:
    chosen: dict[str, str] = {}
    for target, names in GUESSES.items():
        available = graph.node_attributes if target.startswith("node:") else graph.edge_attributes
        by_fold = {match_key(a): a for a in available}
        for name in names:
            if match_key(name) in by_fold:
                chosen[target] = by_fold[match_key(name)]
                break
    return chosen


@dataclass(frozen=True)
class LevelRule:
    """How an edge's level attribute becomes a level of the scale.

    ``as-written`` (0–5 or a level's name), ``one:N`` (every edge at level N, whatever its weight) or
    ``thresholds:A,B,C,D`` (a weight below A is networking, from A cooperation, from B coordination, from C
    coalition, from D collaboration; fewer numbers stop the scale earlier).
    """

    kind: str = "as-written"
    level: int = 1
    thresholds: tuple[float, ...] = ()

    @classmethod
    def parse(cls, text: str) -> LevelRule:
        text = (text or "").strip()
        if not text or text == "as-written":
            return cls()
        kind, _sep, rest = text.partition(":")
        if kind == "one" and rest.strip().isdigit() and 1 <= int(rest) <= MAX_LEVEL:
            return cls("one", level=int(rest))
        if kind == "thresholds":
            try:
                numbers = tuple(
                    float(part.replace(",", ".")) for part in rest.split(";" if ";" in rest else ",")
                )
            except ValueError:
                numbers = ()
            if numbers and len(numbers) <= MAX_LEVEL - 1 and list(numbers) == sorted(set(numbers)):
                return cls("thresholds", thresholds=numbers)
        raise ValueError(text)

    def level_of(self, value: str) -> str:
        """The level text for an edge's value ("" when the edge has none)."""
        if self.kind == "one":
            return str(self.level)
        if self.kind == "thresholds" and value:
            try:
                weight = float(value.replace(",", "."))
            except ValueError:
                return value  # not a number: reported as an unknown level
            return str(1 + sum(1 for limit in self.thresholds if weight >= limit))
        return value


def _attribute(available: list[str], wanted: str | None) -> str | None:
    """The file's attribute a mapping names, told apart without case or accents ("" means none)."""
    if not wanted:
        return None
    by_fold = {match_key(name): name for name in available}
    return by_fold.get(match_key(wanted), wanted)


def _node_records(plan: Plan, graph: Graph, name: str, sector: str | None) -> list[tuple[int, dict]]:
    """One organization per node id; a label drawn twice gets its node id added, so both stay."""
    records = []
    first_with: dict[str, str] = {}
    renamed = 0
    for number, (node_id, attributes) in enumerate(graph.nodes, start=1):
        label = (attributes.get(name) or attributes.get("label") or node_id).strip()
        key = match_key(label)
        if key in first_with:
            label = f"{label} ({node_id})"
            renamed += 1
            if renamed <= MAX_NOTES:  # the report names the first ones, not thousands
                plan.notes.append(
                    _("Nodes %(first)s and %(second)s have the same name: the second is named “%(name)s”.")
                    % {"first": first_with[key], "second": node_id, "name": label[:200]}
                )
        else:
            first_with[key] = node_id
        record = {"name": label}
        if sector and attributes.get(sector):
            record["sector"] = attributes[sector]
        records.append((number, record))
    if renamed > MAX_NOTES:
        plan.notes.append(
            _("%(count)s more nodes share a name with an earlier one and are named with their id.")
            % {"count": renamed - MAX_NOTES}
        )
    return records


def check_graph(plan: Plan, context: Context, raw: bytes, kind: str, chosen: dict[str, str]) -> None:
    graph = read_graph(raw, kind)
    mapping = guess_mapping(graph) | chosen  # an explicit choice, even "" (none), beats a guess
    try:
        rule = LevelRule.parse(mapping.get("level_rule", ""))
    except ValueError:
        raise ReadError(
            _("“%(rule)s” is not a rule for levels (one:N or thresholds:A,B,C,D).")
            % {"rule": mapping.get("level_rule", "")[:60]}
        ) from None
    name = _attribute(graph.node_attributes, mapping.get("node:name", "label")) or "label"
    sector = _attribute(graph.node_attributes, mapping.get("node:sector"))
    by_line = check_organizations(plan, context, _node_records(plan, graph, name, sector))
    node_ids = [node_id for node_id, _attributes in graph.nodes]
    resolved = {node_ids[line - 1]: organization for line, organization in by_line.items()}
    if graph.directed:
        plan.notes.append(_("The graph is directed: its edges are read as ties, which have no direction."))
    edges = _edge_records(plan, graph, mapping, rule, resolved)
    check_ties(plan, context, edges, resolved)
    plan.rows.sort(key=lambda row: row.line)


def _edge_records(plan, graph, mapping, rule, resolved) -> list[tuple[int, dict[str, str]]]:
    fields = {
        f: _attribute(graph.edge_attributes, mapping.get(f"edge:{f}")) for f in ("level", "formality", "date")
    }
    kept: dict[tuple[str, str, str], tuple[int, dict[str, str]]] = {}
    merged = loops = 0
    offset = len(graph.nodes)
    for number, (source, target, attributes) in enumerate(graph.edges, start=offset + 1):
        record = {"source": source, "target": target}
        for field_name, attribute in fields.items():
            if attribute and attributes.get(attribute):
                record[field_name] = attributes[attribute]
        record["level"] = rule.level_of(record.get("level", "")) or "1"
        record.setdefault("date", mapping.get("default_date", ""))
        label = f"{source} — {target}"
        if source not in resolved or target not in resolved:
            plan.add(number, ERROR, label, _("This edge joins a node that is not imported."))
            continue
        if source == target:
            loops += 1
            plan.add(number, UNCHANGED, label, _("Skipped: an edge from a node to itself is not a tie."))
            continue
        key = (*sorted((source, target)), record["date"])
        if key in kept:
            merged += 1
            first_line, first = kept[key]
            stronger = _strength(record["level"]) > _strength(first["level"])
            if stronger:
                kept[key] = (first_line, {**record, "source": first["source"], "target": first["target"]})
            plan.add(number, UNCHANGED, label,
                     _("Same pair as the edge on line %(line)s: one tie, the strongest level kept.")
                     % {"line": first_line})  # fmt: skip
            continue
        kept[key] = (number, record)
    if loops:
        plan.notes.append(
            ngettext("%(count)s edge from a node to itself was skipped.",
                     "%(count)s edges from a node to itself were skipped.", loops) % {"count": loops}
        )  # fmt: skip
    if merged:
        plan.notes.append(
            ngettext("%(count)s parallel edge was merged into its pair's tie (the strongest level kept).",
                     "%(count)s parallel edges were merged into their pair's tie (the strongest level kept).",
                     merged) % {"count": merged}
        )  # fmt: skip
    return sorted(kept.values())


def _strength(level: str) -> int:
    parsed = parse_level(level)
    return -1 if parsed is None else parsed
