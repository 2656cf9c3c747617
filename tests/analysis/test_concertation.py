"""Containment beside Jaccard on constructed territories (nested, identical, disjoint tables), checked
against a plain-Python computation over NetworkX's bipartite graph of organizations and spaces."""

from __future__ import annotations

import itertools
import random

import networkx as nx
import pandas as pd
import pytest

from maillage.analysis import concertation_load, overlap, overlap_matrix, space_pairs


def _memberships(spaces: dict[str, list[int]]) -> pd.DataFrame:
    rows = [(org, space) for space, orgs in spaces.items() for org in orgs]
    return pd.DataFrame(rows, columns=["organization", "network"])


def _reference(spaces: dict[str, list[int]]) -> dict[tuple[str, str], tuple[int, float, float]]:
    """Shared members, Jaccard and containment of each pair sharing someone, read off a bipartite graph."""
    graph = nx.Graph()
    graph.add_nodes_from(spaces, bipartite=1)
    graph.add_edges_from((space, ("org", org)) for space, orgs in spaces.items() for org in orgs)
    found = {}
    for a, b in itertools.combinations(sorted(spaces), 2):
        members_a, members_b = set(graph[a]), set(graph[b])
        shared = len(members_a & members_b)
        if shared:
            jaccard = shared / len(members_a | members_b)
            found[(a, b)] = (shared, jaccard, shared / min(len(members_a), len(members_b)))
    return found


def _ours(spaces: dict[str, list[int]]) -> dict[tuple[str, str], tuple[int, float, float]]:
    pairs = space_pairs(_memberships(spaces))
    return {
        (a, b): (int(s), j, c)
        for a, b, s, j, c in pairs[["network_a", "network_b", "shared", "jaccard", "containment"]].values
    }


def test_a_nested_table_has_full_containment_and_a_low_jaccard() -> None:
    spaces = {"neighbourhood": list(range(18)), "regional": list(range(90))}
    (pair,) = space_pairs(_memberships(spaces)).to_dict(orient="records")
    assert pair["shared"] == 18 and pair["containment"] == 1.0
    assert pair["jaccard"] == pytest.approx(0.2)
    result = concertation_load(_memberships(spaces), pd.DataFrame({"id": list(spaces)}))
    assert len(result.flagged) == 1  # flagged by containment alone; Jaccard 0.2 would have missed it


def test_identical_tables_reach_one_on_both_and_disjoint_tables_are_not_paired() -> None:
    spaces = {"A": [1, 2, 3], "B": [3, 2, 1], "C": [7, 8]}
    pairs = space_pairs(_memberships(spaces))
    assert pairs[["network_a", "network_b", "jaccard", "containment"]].values.tolist() == [
        ["A", "B", 1.0, 1.0]
    ]
    assert overlap_matrix(pairs, ["A", "B", "C"]) == [[1.0, 1.0, 0.0], [1.0, 1.0, 0.0], [0.0, 0.0, 1.0]]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_pairs_match_the_bipartite_reference_on_random_territories(seed: int) -> None:
    rng = random.Random(seed)
    spaces = {f"S{i:02d}": rng.sample(range(60), rng.randint(1, 25)) for i in range(15)}
    spaces["nested"] = spaces["S00"][: max(1, len(spaces["S00"]) // 2)]
    ours, reference = _ours(spaces), _reference(spaces)
    assert ours.keys() == reference.keys()
    for key, (shared, jaccard, containment) in reference.items():
        assert ours[key][0] == shared
        assert ours[key][1] == pytest.approx(jaccard) and ours[key][2] == pytest.approx(containment)
    assert reference[("S00", "nested")][2] == 1.0


def test_thresholds_flag_by_either_index() -> None:
    spaces = {"A": [1, 2, 3, 4], "B": [1, 2, 3, 4, 5, 6, 7, 8], "C": [1, 9]}
    frame = pd.DataFrame({"id": ["A", "B", "C"]})
    loose = concertation_load(_memberships(spaces), frame, jaccard_threshold=0.5, containment_threshold=0.5)
    strict = concertation_load(_memberships(spaces), frame, jaccard_threshold=0.9, containment_threshold=0.9)
    assert {(a, b) for a, b in loose.flagged[["network_a", "network_b"]].values} == {
        ("A", "B"),
        ("A", "C"),
        ("B", "C"),
    }
    assert strict.flagged[["network_a", "network_b"]].values.tolist() == [["A", "B"]]


def test_load_hours_themes_and_gaps() -> None:
    spaces = {f"T{i}": [1, 10 + i] for i in range(7)}  # organization 1 sits in seven spaces
    frame = pd.DataFrame(
        {
            "id": list(spaces),
            "themes": [["food"]] * 6 + [["housing"]],
            "populations": [["youth"]] * 7,
            "hours": [30.0, 30.0, None, 12.0, 12.0, 12.0, 12.0],
        }
    )
    result = concertation_load(
        _memberships(spaces), frame, min_spaces=3, themes=["food", "housing", "mental_health"],
        populations=["youth", "seniors"],
    )  # fmt: skip
    first = result.load.to_dict(orient="records")[0]
    assert first == {"organization": 1, "spaces": 7, "hours": 108.0, "hours_unknown": 1}
    assert result.heavy_count == 1 and result.mean_load == pytest.approx(14 / 8)
    assert result.themes == [("food", 6), ("housing", 1)]
    assert result.uncovered_themes == ["mental_health"] and result.uncovered_populations == ["seniors"]
    assert result.spaces["members"].tolist() == [2] * 7


def test_memberships_of_spaces_outside_the_list_are_ignored() -> None:
    spaces = {"A": [1, 2], "B": [1, 2], "elsewhere": [1, 2, 3]}
    result = concertation_load(_memberships(spaces), pd.DataFrame({"id": ["A", "B"]}))
    assert result.pairs[["network_a", "network_b"]].values.tolist() == [["A", "B"]]
    assert result.load["spaces"].tolist() == [2, 2]


def test_overlap_reports_containment_beside_jaccard() -> None:
    memberships = _memberships({"A": [1, 2], "B": [1, 2, 3, 4]})
    networks = pd.DataFrame(
        {"id": ["A", "B"], "territory": ["t", "t"], "themes": [[], []], "populations": [[], []]}
    )
    pairs = overlap(memberships, networks, threshold=0.5).overlapping_networks
    assert pairs[["jaccard", "containment"]].values.tolist() == [[0.5, 1.0]]
