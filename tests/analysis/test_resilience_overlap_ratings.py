"""Resilience scenarios, hyperconcertation and trust/value ratings."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from maillage.analysis import (
    InputError,
    build_graph,
    fragmentation,
    load_dataset,
    overlap,
    parse_scenario,
    removal_curve,
    run_scenario,
    snapshot,
    trust_and_value,
)

from .conftest import edge_lists, org_graph


def _bridge_graph():  # type: ignore[no-untyped-def]
    # Two community triangles joined by a formal tie through the CISSS (vertex 3).
    orgs = [
        {"id": i, "sector": "cisss" if i == 3 else "community", "sector_family": "community"}
        for i in range(7)
    ]
    ties = [
        {"source": 0, "target": 1}, {"source": 1, "target": 2}, {"source": 0, "target": 2},
        {"source": 2, "target": 3, "formality": "formal"}, {"source": 3, "target": 4, "formality": "formal"},
        {"source": 4, "target": 5}, {"source": 5, "target": 6}, {"source": 4, "target": 6},
    ]  # fmt: skip
    return build_graph(snapshot(load_dataset(orgs, ties)))


def test_removing_formal_ties_cuts_the_network_in_two() -> None:
    result = run_scenario(_bridge_graph(), "formal-ties")
    assert result.removed_ties == 2
    assert result.largest_component_share == pytest.approx(3 / 7)
    assert result.components == 3
    assert result.mean_reachability == pytest.approx((6 + 6) / 42)
    assert result.cut_off == [3, 4, 5, 6] or result.cut_off == [0, 1, 2, 3]


def test_removing_a_sector_or_the_top_organization() -> None:
    og = _bridge_graph()
    by_sector = run_scenario(og, "sector:cisss")
    assert by_sector.removed_organizations == 1 and by_sector.components == 2
    top = run_scenario(og, parse_scenario("top:1:betweenness"))
    assert top.removed_organizations == 1 and top.largest_component_share == pytest.approx(3 / 7)
    assert run_scenario(og, "random:0.0").largest_component_share == 1.0


def test_random_failure_is_reproducible_and_scenarios_are_validated() -> None:
    og = _bridge_graph()
    assert run_scenario(og, "random:0.4", seed=2) == run_scenario(og, "random:0.4", seed=2)
    for bad in ["explode", "top:x", "random:2", "sector:"]:
        with pytest.raises(InputError):
            parse_scenario(bad)


@settings(max_examples=40, deadline=None)
@given(edge_lists(min_nodes=2), st.floats(0.0, 1.0), st.integers(0, 1000))
def test_removing_ties_never_enlarges_the_largest_component(graph, share: float, seed: int) -> None:  # type: ignore[no-untyped-def]
    n, edges = graph
    og = org_graph(n, edges)
    before = fragmentation(og.graph).largest_share
    rng = np.random.default_rng(seed)
    reduced = og.graph.copy()
    reduced.delete_edges([e for e in range(reduced.ecount()) if rng.random() < share])
    assert fragmentation(reduced).largest_share <= before
    assert run_scenario(og, "formal-ties").largest_component_share <= before


def test_removal_curve_targeted_hurts_more_than_random() -> None:
    orgs = [{"id": i} for i in range(200)]
    ties = [{"source": 0, "target": i} for i in range(1, 200)] + [
        {"source": i, "target": i + 1} for i in range(1, 50)
    ]
    og = build_graph(snapshot(load_dataset(orgs, ties)))
    curve = removal_curve(og, fractions=(0.0, 0.05), repeats=3, seed=1)
    assert curve.loc[0, "targeted"] == curve.loc[0, "random"] == 1.0
    assert curve.loc[1, "targeted"] < curve.loc[1, "random"]


def test_overlap_load_pairs_and_gaps() -> None:
    memberships = pd.DataFrame(
        {"organization": [1, 1, 1, 2, 2, 3, 4], "network": ["A", "B", "C", "A", "B", "A", "C"]}
    )
    networks = pd.DataFrame(
        {"id": ["A", "B", "C"], "territory": ["t1", "t1", "t2"], "themes": [["aînés"], ["aînés"], []],
         "populations": [["seniors"], ["seniors"], ["youth"]]}
    )  # fmt: skip
    result = overlap(memberships, networks, min_spaces=3, threshold=0.6, territories=["t1", "t2", "t3"],
                     populations=["seniors", "youth", "caregivers"])  # fmt: skip
    assert result.load.to_dict(orient="records") == [
        {"organization": 1, "spaces": 3, "networks": ["A", "B", "C"]}
    ]
    pairs = result.overlapping_networks
    assert pairs[["network_a", "network_b", "shared", "union"]].values.tolist() == [["A", "B", 2, 3]]
    assert pairs.loc[0, "shared_themes"] == ["aînés"]
    assert result.uncovered_territories == ["t3"] and result.uncovered_populations == ["caregivers"]


def test_trust_value_and_relative_connectivity() -> None:
    orgs = [{"id": i} for i in range(3)]
    ties = [
        {"source": 0, "target": 1, "level": "collaboration", "reliability": 4, "mission_alignment": 2,
         "openness": 3, "power_influence": 1, "involvement": 1, "resource_contribution": 1,
         "date": "2020-01-01"},
        {"source": 0, "target": 1, "level": "collaboration", "reliability": 4, "mission_alignment": 4,
         "openness": 4, "power_influence": 2, "involvement": 2, "resource_contribution": 2,
         "date": "2021-01-01"},
        {"source": 2, "target": 1, "level": "networking", "reliability": 2, "openness": 2},
        {"source": 1, "target": 2, "level": "networking"},
    ]  # fmt: skip
    snap = snapshot(load_dataset(orgs, ties))
    result = trust_and_value(snap, build_graph(snap))
    assert result.ratings == 2  # the 2020 rating of 1 by 0 is superseded
    row = result.table.set_index("id").loc[1]
    assert row["ratings_received"] == 2 and row["trust"] == pytest.approx((4 + 2) / 2)
    assert row["value"] == pytest.approx(2.0)
    assert result.network_trust_percent == pytest.approx(3 / 4 * 100)
    assert result.network_relative_connectivity == pytest.approx((5 + 1) / (5 * 3) * 100)
    assert row["relative_connectivity"] == pytest.approx((5 + 1) / (5 * 2) * 100)


def test_trust_and_value_equal_a_plain_pandas_group_by_on_sparse_ratings() -> None:
    rng = np.random.default_rng(11)
    ties = []
    for source in range(40):
        for target in rng.choice(40, size=5, replace=False):
            if source == target:
                continue
            row: dict[str, object] = {"source": int(source), "target": int(target)}
            for dimension in ("reliability", "openness", "involvement", "resource_contribution"):
                if rng.random() < 0.7:  # some dimensions left empty, as in real answers
                    row[dimension] = int(rng.integers(1, 5))
            ties.append(row)
    snap = snapshot(load_dataset([{"id": i} for i in range(40)], ties))
    table = trust_and_value(snap, build_graph(snap)).table
    ratings = snap.ratings.copy()
    ratings["trust"] = ratings[["reliability", "mission_alignment", "openness"]].mean(axis=1)
    ratings["value"] = ratings[["power_influence", "involvement", "resource_contribution"]].mean(axis=1)
    expected = ratings.groupby("dst")[["reliability", "openness", "trust", "value"]].mean().reindex(range(40))
    for column in ("reliability", "openness", "trust", "value"):
        np.testing.assert_allclose(table[column], expected[column], rtol=1e-12, equal_nan=True)
    assert (
        table["ratings_received"].tolist()
        == ratings.groupby("dst").size().reindex(range(40), fill_value=0).tolist()
    )
    assert table["mission_alignment"].isna().all()
