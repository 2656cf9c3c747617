"""Textbook graphs for Gould–Fernandez brokerage and Krackhardt's E-I index."""

from __future__ import annotations

import math

import igraph as ig
import pytest

from maillage.analysis import brokerage, build_graph, ei_index, intersectoral_mix, load_dataset, snapshot

ROLES = ["coordinator", "itinerant", "representative", "gatekeeper", "liaison"]


@pytest.mark.parametrize(
    ("groups", "role"),
    [
        (["a", "a", "a"], "coordinator"),
        (["a", "b", "a"], "itinerant"),
        (["a", "a", "b"], "representative"),
        (["a", "b", "b"], "gatekeeper"),
        (["a", "b", "c"], "liaison"),
    ],
)
def test_each_role_on_a_directed_two_path(groups: list[str], role: str) -> None:
    graph = ig.Graph(n=3, edges=[(0, 1), (1, 2)], directed=True)
    table = brokerage(graph, groups)
    assert table.loc[1, ROLES].to_dict() == {r: int(r == role) for r in ROLES}
    assert table.loc[[0, 2], "total"].tolist() == [0, 0]


def test_a_closed_triad_brokers_nothing() -> None:
    graph = ig.Graph(n=3, edges=[(0, 1), (1, 2), (0, 2)], directed=True)
    assert brokerage(graph, ["a", "b", "c"])["total"].tolist() == [0, 0, 0]


def test_reverse_tie_does_not_close_the_path() -> None:
    # c -> a does not let a reach c directly: b still brokers a -> c (Gould & Fernandez count a -> c only).
    graph = ig.Graph(n=3, edges=[(0, 1), (1, 2), (2, 0)], directed=True)
    table = brokerage(graph, ["a", "b", "c"])
    assert table["liaison"].tolist() == [1, 1, 1]


def test_reciprocal_ties_are_not_paths_back_to_oneself() -> None:
    graph = ig.Graph(n=2, edges=[(0, 1), (1, 0)], directed=True)
    assert brokerage(graph, ["a", "a"])["total"].tolist() == [0, 0]


def test_undirected_star_counts_each_open_path_both_ways() -> None:
    # Centre 0 (sector a) with leaves 1 (a), 2 (b), 3 (c): three open pairs, each counted both ways.
    graph = ig.Graph.Star(4)
    row = brokerage(graph, ["a", "a", "b", "c"]).loc[0]
    assert row["representative"] == row["gatekeeper"] == 2  # (1,2) and (1,3), each way once
    assert row["liaison"] == 2  # 2 -> 0 -> 3 and 3 -> 0 -> 2
    assert row["total"] == 6


def test_textbook_mixed_digraph() -> None:
    # 0(a) -> 2(b), 1(a) -> 2(b), 2(b) -> 3(b), 2(b) -> 4(c); 1 -> 3 closes one path.
    graph = ig.Graph(n=5, edges=[(0, 2), (1, 2), (2, 3), (2, 4), (1, 3)], directed=True)
    row = brokerage(graph, ["a", "a", "b", "b", "c"]).loc[2].to_dict()
    assert row == {
        "coordinator": 0,
        "itinerant": 0,
        "representative": 0,
        "gatekeeper": 1,
        "liaison": 2,
        "total": 3,
    }


def _og(orgs: list[tuple[int, str, str]], ties: list[tuple[int, int]]):  # type: ignore[no-untyped-def]
    organizations = [{"id": i, "sector": s, "sector_family": f} for i, s, f in orgs]
    return build_graph(snapshot(load_dataset(organizations, [{"source": a, "target": b} for a, b in ties])))


def test_ei_index_for_the_network_and_by_sector() -> None:
    og = _og(
        [
            (1, "clsc", "public"),
            (2, "clsc", "public"),
            (3, "community", "community"),
            (4, "community", "community"),
        ],
        [(1, 2), (1, 3), (2, 3), (3, 4)],
    )
    network, table = ei_index(og)
    assert network == pytest.approx((2 - 2) / 4)
    by_sector = dict(zip(table["sector"], table["ei_index"], strict=True))
    assert by_sector == {"clsc": pytest.approx((2 - 1) / 3), "community": pytest.approx((2 - 1) / 3)}


def test_all_internal_ties_give_minus_one_and_matrix_is_symmetric() -> None:
    og = _og([(1, "x", "public"), (2, "x", "public"), (3, "y", "private")], [(1, 2)])
    mix = intersectoral_mix(og)
    assert mix.ei_index == -1.0
    assert mix.cross_family_share == 0.0
    table = dict(zip(mix.ei_by_sector["sector"], mix.ei_by_sector["ei_index"], strict=True))
    assert math.isnan(table["y"])  # no tie at all: undefined
    matrix = mix.sector_matrix.set_index("sector")
    assert matrix.loc["x", "x"] == 1 and matrix.loc["x", "y"] == matrix.loc["y", "x"] == 0


def test_cross_family_share() -> None:
    og = _og([(1, "clsc", "public"), (2, "cisss", "public"), (3, "org", "community")], [(1, 2), (2, 3)])
    mix = intersectoral_mix(og)
    assert mix.cross_family_share == 0.5 and mix.cross_sector_share == 1.0
    matrix = mix.sector_matrix.set_index("sector")
    assert matrix.loc["cisss", "org"] == matrix.loc["org", "cisss"] == 1


def test_undirected_multi_edges_and_loops_count_once() -> None:
    groups = ["a", "a", "b", "c", "b"]
    simple = ig.Graph(n=5, edges=[(0, 1), (1, 2), (2, 3), (1, 3), (3, 4)])
    messy = ig.Graph(n=5, edges=[(3, 4), (1, 0), (0, 1), (2, 1), (2, 2), (3, 2), (1, 3), (4, 3)])
    assert brokerage(messy, groups).equals(brokerage(simple, groups))


def test_edges_given_by_the_caller_give_the_same_roles_as_igraphs_edge_list() -> None:
    ds = load_dataset(
        [{"id": i, "sector": "abc"[i % 3]} for i in range(30)],
        [{"source": i, "target": (i * 7 + 3) % 30} for i in range(30)]
        + [{"source": i, "target": (i + 1) % 30} for i in range(30)],
    )
    og = build_graph(snapshot(ds))
    sectors = og.organizations["sector"]
    given = brokerage(og.graph, sectors, edges=og.edge_arrays())
    assert given.equals(brokerage(og.graph, sectors))
    assert given["total"].sum() > 0
