"""GraphML and GEXF files as Gephi, yEd, igraph and NetworkX wrote them (tests/exchange/samples, see
SOURCES), compared with what NetworkX (or igraph, when NetworkX refuses the file) reads from them."""

from __future__ import annotations

import warnings
from pathlib import Path

import igraph
import networkx as nx
import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from maillage.exchange.actions import do_apply_plan
from maillage.exchange.graphs import LevelRule, read_graph
from maillage.exchange.imports import Options, prepare
from maillage.exchange.reading import ReadError
from maillage.ties.models import Tie

SAMPLES = Path(__file__).parent / "samples"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def networkx_counts(path: Path) -> tuple[int, int]:
    """Nodes, and ties as Maillage sees them: undirected, simple, no self-loops."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        graph = nx.read_gexf(path) if path.suffix == ".gexf" else nx.read_graphml(path)
    simple = nx.Graph(graph.to_undirected())
    simple.remove_edges_from(nx.selfloop_edges(simple))
    return graph.number_of_nodes(), simple.number_of_edges()


def import_counts(plan) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    errors = [row for row in plan.rows if row.status == "error"]
    assert not errors, errors
    return len(plan.new_organizations), len(plan.new_ties)


def check(path: Path, network, chosen=None):  # type: ignore[no-untyped-def]
    kind = path.suffix.lstrip(".")
    return prepare(
        kind, path.read_bytes(), network, options=Options({"default_date": "2024-01-01", **(chosen or {})})
    )


@pytest.mark.parametrize(
    "name",
    ["gephi-gexf-data.gexf", "gephi-lite-edge-dates.gexf", "networkx-fourpath.graphml",
     "yfiles-html-yed-live.graphml", "yfiles-java-yed.graphml"],
)  # fmt: skip
def test_the_same_file_gives_the_counts_networkx_gives(name, network_a):
    plan = check(SAMPLES / name, network_a)
    assert import_counts(plan) == networkx_counts(SAMPLES / name)


def test_gephi_directed_graph_reciprocal_edges_are_one_tie_with_a_note(network_a):
    plan = check(SAMPLES / "gephi-gexf-data.gexf", network_a)
    assert sorted(o.name_fr for o in plan.new_organizations) == ["BarabasiLab", "Gephi", "RTGI", "Webatlas"]
    assert any("directed" in note for note in plan.notes)
    assert "1 parallel edge was merged into its pair's tie (the strongest level kept)." in plan.notes
    # The attribute's declared default applies where a node has no value of its own.
    nodes = dict(read_graph((SAMPLES / "gephi-gexf-data.gexf").read_bytes(), "gexf").nodes)
    assert (nodes["0"]["frog"], nodes["3"]["frog"]) == ("true", "false")


def test_yed_labels_name_the_organizations_parallel_edges_merge_self_loops_are_skipped(network_a):
    plan = check(SAMPLES / "yfiles-html-yed-live.graphml", network_a)
    names = [o.name_fr for o in plan.new_organizations]
    assert names == ["Top left rounded rectangle", "Star", "őð中", "regular bold italic newline"]
    assert "1 edge from a node to itself was skipped." in plan.notes
    assert "1 parallel edge was merged into its pair's tie (the strongest level kept)." in plan.notes
    skipped = {row.line: row.message for row in plan.rows if row.status == "unchanged"}
    assert "itself" in skipped[8] and "Same pair as the edge on line 6" in skipped[7]
    java = check(SAMPLES / "yfiles-java-yed.graphml", network_a)
    # Labels "1", "2", "3" are names, never read as Maillage ids.
    assert [o.name_fr for o in java.new_organizations] == ["1", "2", "3"]


def test_igraph_file_key_defaults_and_numeric_weights_by_rule(network_a):
    path = SAMPLES / "igraph-test.graphml"
    graph = read_graph(path.read_bytes(), "graphml")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # igraph warns about the file's deliberately misplaced key
        theirs = igraph.Graph.Read_GraphML(str(path))
    # NetworkX refuses this file ("  true   " is not a boolean it knows); igraph reads it: same counts,
    # and the key's default colour is given to the node without one.
    assert (len(graph.nodes), len(graph.edges)) == (theirs.vcount(), theirs.ecount())
    assert dict(graph.nodes)["n1"]["color"] == theirs.vs[1]["color"] == "yellow"
    as_written = check(path, network_a, {"edge:level": "weight"})
    assert [row.line for row in as_written.rows if row.status == "error"] == [13]  # the weight 1.1
    rule = check(path, network_a, {"edge:level": "weight", "level_rule": "thresholds:1.5,3"})
    assert import_counts(rule) == (theirs.vcount(), theirs.ecount())
    do_apply_plan(rule)
    levels = sorted(Tie.objects.filter(network=network_a).values_list("current_level", flat=True))
    assert levels == [1, 1, 1, 1, 1, 1, 2]  # 2.0 is cooperation; below 1.5, and no weight, networking
    one = check(path, network_a, {"edge:level": "weight", "level_rule": "one:3"})
    assert {obs.level for _tie, obs in one.observations} == {3}


def test_level_rules_are_checked():
    assert LevelRule.parse("thresholds:2,5,10,20").level_of("7.5") == "3"
    assert LevelRule.parse("thresholds:2;5").level_of("100") == "3"
    assert LevelRule.parse("one:4").level_of("") == "4"
    for bad in ("one:9", "thresholds:5,2", "thresholds:a", "sometimes", "thresholds:1,2,3,4,5"):
        with pytest.raises(ValueError):
            LevelRule.parse(bad)


def test_an_explicit_none_for_the_level_beats_the_guessed_weight(network_a):
    path = SAMPLES / "gephi-lite-edge-dates.gexf"
    # Publications are not collaboration levels: "—" for the level means every tie is networking.
    plan = check(path, network_a, {"edge:level": "", "edge:date": "Collaboration date"})
    assert {obs.level for _tie, obs in plan.observations} == {1}
    by_level = check(path, network_a, {"edge:level": "Publications", "edge:date": "collaboration DATE"})
    assert {obs.level for _tie, obs in by_level.observations} == {1, 2, 3, 4, 5}
    dates = {obs.observed_on.isoformat() for _tie, obs in by_level.observations}
    assert "2022-01-15" in dates and "2024-01-01" in dates  # the undated edge takes the default date


def test_two_nodes_with_the_same_label_stay_two_organizations(network_a):
    raw = b"""<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
      <key id="l" for="node" attr.name="label"/>
      <graph edgedefault="undirected"><node id="a"><data key="l">Maison</data></node>
      <node id="b"><data key="l">Maison</data></node><node id="c"><data key="l">Autre</data></node>
      <edge source="a" target="c"/><edge source="b" target="c"/></graph></graphml>"""
    plan = prepare("graphml", raw, network_a, options=Options({"default_date": "2024-01-01"}))
    assert [o.name_fr for o in plan.new_organizations] == ["Maison", "Maison (b)", "Autre"]
    assert len(plan.new_ties) == 2 and not plan.has_errors


def test_a_bad_level_rule_is_a_clear_error(network_a):
    with pytest.raises(ReadError, match="not a rule for levels"):
        check(SAMPLES / "networkx-fourpath.graphml", network_a, {"level_rule": "thresholds:9,1"})


def test_cli_map_keys_work_as_documented(tmp_path, network_a, capsys):
    path = SAMPLES / "gephi-lite-edge-dates.gexf"
    answers = ["edge:level=Publications", "edge:date=Collaboration date", "default_date=2021-12-31"]
    call_command("import", str(path), kind="gexf", network=str(network_a.pk), apply=True, map=answers)
    levels = set(Tie.objects.filter(network=network_a).values_list("current_level", flat=True))
    assert levels == {1, 2, 3, 4, 5}
    with pytest.raises(CommandError, match="use one of node:name"):
        call_command("import", str(path), kind="gexf", map=["level=Publications"])
    with pytest.raises(CommandError, match="KEY=VALUE"):
        call_command("import", str(path), kind="gexf", map=["edge:level"])


def test_the_web_form_keeps_none_and_the_level_rule():
    from maillage.exchange.forms import GraphMappingForm

    data = {
        "name": "label",
        "level": "",
        "level_rule": "thresholds",
        "thresholds": "2, 5",
        "default_date": "2024-01-01",
    }
    form = GraphMappingForm(data, node_attributes=["label"], edge_attributes=["weight"])
    assert form.is_valid(), form.errors
    chosen = form.chosen()
    assert chosen["edge:level"] == "" and chosen["level_rule"] == "thresholds:2,5"
    bad = GraphMappingForm(
        {**data, "thresholds": "5, 2"}, node_attributes=["label"], edge_attributes=["weight"]
    )
    assert not bad.is_valid() and "thresholds" in bad.errors
    one = GraphMappingForm(
        {**data, "level_rule": "one"}, node_attributes=["label"], edge_attributes=["weight"]
    )
    assert not one.is_valid() and "level_for_all" in one.errors


def test_many_nodes_with_one_name_give_a_short_report(network_a):
    nodes = "".join(f'<node id="n{i}"><data key="l">Maison</data></node>' for i in range(60))
    key = '<key id="l" for="node" attr.name="label"/>'
    raw = f"""<graphml xmlns="http://graphml.graphdrawing.org/xmlns">{key}
      <graph edgedefault="undirected">{nodes}</graph></graphml>""".encode()
    plan = prepare("graphml", raw, network_a, options=Options({"default_date": "2024-01-01"}))
    assert len(plan.new_organizations) == 60 and len(plan.notes) == 21
    assert plan.notes[-1] == "39 more nodes share a name with an earlier one and are named with their id."
