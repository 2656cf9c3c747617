"""Events on a network (a space abolished, a funder withdrawing, a reform merging institutions), checked
against NetworkX on the same graphs."""

from __future__ import annotations

import random
from collections import Counter

import networkx as nx
import pytest

from maillage.analysis import Event, build_graph, event_impact, load_dataset, snapshot


def _world(seed: int, n: int = 40, m: int = 60) -> tuple[list[dict], list[dict]]:  # type: ignore[type-arg]
    rng = random.Random(seed)
    orgs = [{"id": f"o{i:02d}"} for i in range(n)]
    pairs = set()
    while len(pairs) < m:
        a, b = sorted(rng.sample(range(n), 2))
        pairs.add((a, b))
    ties = [
        {"source": f"o{a:02d}", "target": f"o{b:02d}", "network": rng.choice("ABC"),
         "formality": "formal" if rng.random() < 0.5 else "informal"}
        for a, b in sorted(pairs)
    ]  # fmt: skip
    return orgs, ties


def _largest(graph: nx.Graph, order: dict[str, int], weight: dict[str, int] | None = None) -> set[str]:
    components = list(nx.connected_components(graph))
    size = (lambda c: len(c)) if weight is None else (lambda c: sum(weight[x] for x in c))
    # The rule of the analysis core: the largest, and of equal ones the one holding the first vertex.
    return set(max(components, key=lambda c: (size(c), -min(order[x] for x in c)))) if components else set()


def _reference(orgs, ties, abolished, merged):  # type: ignore[no-untyped-def]
    order = {o["id"]: i for i, o in enumerate(orgs)}
    before = nx.Graph()
    before.add_nodes_from(order)
    before.add_edges_from((t["source"], t["target"]) for t in ties)
    rep = {key: key for key in order}
    for group in merged:
        first = min(group, key=order.__getitem__)
        rep.update(dict.fromkeys(group, first))
    kept = [t for t in ties if not (t["formality"] == "formal" and t["network"] in abolished)]
    kept = [t for t in kept if rep[t["source"]] != rep[t["target"]]]
    multiplicity = Counter(frozenset((rep[t["source"]], rep[t["target"]])) for t in kept)
    after = nx.Graph()
    after.add_nodes_from(k for k in order if rep[k] == k)
    after.add_edges_from(tuple(pair) for pair in multiplicity)
    weight = Counter(rep.values())  # a merged organization stands for its whole group
    largest_after = _largest(after, order, weight)
    cut = sorted((_largest(before, order) & set(after.nodes)) - largest_after)
    bridges = {frozenset(e) for e in nx.bridges(after) if multiplicity[frozenset(e)] == 1}
    holding = {
        (t["source"], t["target"], t["network"])
        for t in kept
        if t["formality"] == "informal"
        and frozenset((rep[t["source"]], rep[t["target"]])) in bridges
        and rep[t["source"]] in largest_after
    }
    share = sum(weight[x] for x in largest_after) / len(orgs)
    removed = len(ties) - len(
        [t for t in ties if not (t["formality"] == "formal" and t["network"] in abolished)]
    )
    return cut, holding, share, removed


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize(
    ("abolished", "merged"),
    [
        ({"A"}, []),
        (set(), [{"o00", "o01", "o02"}, {"o10", "o11"}]),
        ({"A", "B"}, [{"o03", "o04", "o05", "o06"}]),
    ],
)
def test_event_impact_matches_networkx(seed: int, abolished: set[str], merged: list[set[str]]) -> None:
    orgs, ties = _world(seed)
    og = build_graph(snapshot(load_dataset(orgs, ties)))
    result = event_impact(og, Event.build("e", abolished_spaces=abolished, merged=merged))
    cut, holding, share, removed = _reference(orgs, ties, abolished, merged)
    assert result.largest_component_share_after == pytest.approx(share)
    assert result.cut_off == cut
    assert {tuple(row) for row in result.holding_ties[["source", "target", "network"]].values} == holding
    assert result.removed_ties == removed
    assert result.merged_organizations == sum(len(g) - 1 for g in merged)


def test_abolishing_a_space_keeps_the_informal_ties_between_its_members() -> None:
    orgs = [{"id": x} for x in "abcde"]
    ties = [
        {"source": "a", "target": "b", "network": "T", "formality": "formal"},
        {"source": "b", "target": "c", "network": "T", "formality": "informal"},
        {"source": "c", "target": "d", "network": "T", "formality": "formal"},
        {"source": "d", "target": "e", "network": "U", "formality": "formal"},
    ]
    og = build_graph(snapshot(load_dataset(orgs, ties)))
    result = event_impact(og, Event.build("T abolished", abolished_spaces=["T"]))
    assert result.removed_ties == 2
    # b-c holds (informal); a loses its last path; d-e now form a group of their own.
    assert result.holding_ties[["source", "target"]].values.tolist() == [["b", "c"]]
    assert result.cut_off == ["a", "d", "e"]  # of two equal groups, the one with the first organization stays
    assert result.largest_component_share_before == 1.0 and result.largest_component_share_after == 0.4


def test_merging_institutions_into_one_keeps_their_partners_together() -> None:
    orgs = [{"id": x} for x in ["clsc", "hospital", "c1", "c2"]]
    ties = [
        {"source": "clsc", "target": "c1", "network": "T", "formality": "formal"},
        {"source": "hospital", "target": "c2", "network": "T", "formality": "formal"},
    ]
    og = build_graph(snapshot(load_dataset(orgs, ties)))
    result = event_impact(og, Event.build("reform", merged=[["clsc", "hospital"]]))
    assert result.merged_organizations == 1 and result.components_after == 1
    assert result.largest_component_share_after == 1.0  # the merged institution stands for both
