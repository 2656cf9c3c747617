"""Snapshots, filters, validation messages and the change between two dates."""

from __future__ import annotations

import dataclasses
import random

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from maillage.analysis import (
    InputError,
    build_graph,
    compare_snapshots,
    load_dataset,
    network_report,
    snapshot,
)
from maillage.analysis.change import pair_states, pair_states_at

ORGS = [
    {"id": "a", "sector": "clsc", "sector_family": "public", "territory": "t1"},
    {"id": "b", "sector": "community", "sector_family": "community", "territory": "t1"},
    {"id": "c", "sector": "community", "sector_family": "community", "territory": "t2"},
    {"id": "d", "sector": "school", "sector_family": "public", "territory": "t2"},
]
HISTORY = [
    {
        "source": "a",
        "target": "b",
        "level": "networking",
        "formality": "informal",
        "date": "2020-01-01",
        "network": "N",
    },
    {
        "source": "b",
        "target": "a",
        "level": "coordination",
        "formality": "formal",
        "date": "2021-01-01",
        "network": "N",
    },
    {"source": "b", "target": "c", "level": "coopération", "formality": "informel", "date": "2020-06-01"},
    {"source": "c", "target": "b", "level": "aucun", "date": "2021-03-01"},
    {"source": "c", "target": "d", "level": "coalition", "formality": "formal", "date": None, "network": "N"},
    {"source": "a", "target": "d", "level": 2, "formality": "informal", "date": "15/02/2021"},
]


def pairs(snap) -> set[tuple[str, str, int]]:  # type: ignore[no-untyped-def]
    ids = snap.organizations["id"].tolist()
    return {(ids[u], ids[v], lvl) for u, v, lvl in snap.ties[["u", "v", "level"]].itertuples(index=False)}


def test_snapshot_takes_the_latest_observation_per_pair_on_or_before_the_date() -> None:
    ds = load_dataset(ORGS, HISTORY)
    assert pairs(snapshot(ds, as_of="2020-12-31")) == {("a", "b", 1), ("b", "c", 2), ("c", "d", 4)}
    assert pairs(snapshot(ds, as_of="2021-12-31")) == {("a", "b", 3), ("c", "d", 4), ("a", "d", 2)}
    assert pairs(snapshot(ds, as_of="2019-01-01")) == {("c", "d", 4)}  # undated = always


def test_filters_are_arguments() -> None:
    ds = load_dataset(ORGS, HISTORY)
    assert pairs(snapshot(ds, network="N")) == {("a", "b", 3), ("c", "d", 4)}
    assert pairs(snapshot(ds, min_level="coordination")) == {("a", "b", 3), ("c", "d", 4)}
    assert pairs(snapshot(ds, formality="informal")) == {("a", "d", 2)}
    only_t2 = snapshot(ds, territories="t2")
    assert only_t2.organizations["id"].tolist() == ["c", "d"] and pairs(only_t2) == {("c", "d", 4)}
    assert snapshot(ds, sectors=["community"]).organizations["id"].tolist() == ["b", "c"]


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000))
def test_results_do_not_depend_on_row_order(seed: int) -> None:
    rng = random.Random(seed)
    orgs, ties = ORGS[:], HISTORY[:]
    rng.shuffle(orgs)
    rng.shuffle(ties)
    first = network_report(ORGS, HISTORY, as_of="2021-06-01", compare_to="2020-06-01", seed=3).to_dict()
    second = network_report(orgs, ties, as_of="2021-06-01", compare_to="2020-06-01", seed=3).to_dict()
    first.pop("timings"), second.pop("timings")
    assert first == second


@pytest.mark.parametrize(
    ("tie", "message"),
    [
        (
            {"source": "a", "target": "b", "level": "high"},
            "ties, row 2, column 'level': unknown level 'high'",
        ),
        ({"source": "a", "target": "zz"}, "ties, row 2, column 'target': unknown organization 'zz'"),
        ({"source": "a", "target": "a"}, "ties, row 2, column 'source': tie from 'a' to itself"),
        ({"source": "a", "target": "b", "date": "2021-31-31"}, "ties, row 2, column 'date': unreadable date"),
        ({"source": "a", "target": "b", "reliability": 7}, "ties, row 2, column 'reliability': rating 7"),
        ({"source": "a", "target": "b", "formality": "maybe"}, "ties, row 2, column 'formality': unknown"),
    ],
)
def test_bad_rows_are_named(tie: dict[str, object], message: str) -> None:
    with pytest.raises(InputError) as error:
        load_dataset(ORGS, [{"source": "a", "target": "b"}, tie])
    assert str(error.value).startswith(message)
    assert error.value.row == 2


def test_duplicate_organization_and_dataframe_input() -> None:
    with pytest.raises(InputError, match="duplicate organization id 'a'"):
        load_dataset([*ORGS, {"id": "a"}], [])
    ds = load_dataset(pd.DataFrame(ORGS), pd.DataFrame(HISTORY))
    assert len(ds.ties) == len(HISTORY)


def test_change_between_two_dates() -> None:
    ds = load_dataset(ORGS, HISTORY)
    change = compare_snapshots(snapshot(ds, as_of="2020-12-31"), snapshot(ds, as_of="2021-12-31"))
    assert (change.gained, change.lost, change.strengthened, change.weakened) == (1, 1, 1, 0)
    assert change.formalized == 1 and change.unchanged == 1
    matrix = change.transitions.set_index("from_level")
    assert matrix.loc["networking", "coordination"] == 1
    assert matrix.loc["cooperation", "none"] == 1
    assert matrix.loc["none", "cooperation"] == 1  # a – d appears (level 2)
    assert matrix.loc["coalition", "coalition"] == 1
    assert int(matrix.to_numpy().sum()) == 4
    assert change.joined == [] and change.left == []


def test_organizations_join_and_leave() -> None:
    ds = load_dataset(
        ORGS, HISTORY, memberships=[{"organization": "d", "network": "N", "start": "2021-01-01"}]
    )
    early = snapshot(ds, as_of="2019-01-01", network="N")
    late = snapshot(ds, as_of="2021-12-31", network="N")
    change = compare_snapshots(early, late)
    assert change.joined == ["a", "b"] and change.left == []
    assert change.before == "2019-01-01" and change.after == "2021-12-31"


def test_graph_edges_are_sorted_whatever_the_order_of_the_snapshot_ties() -> None:
    pairs = [(0, 1), (0, 3), (1, 2), (2, 3)]
    ds = load_dataset([{"id": i} for i in range(4)], [{"source": a, "target": b} for a, b in pairs])
    snap = snapshot(ds)
    shuffled = dataclasses.replace(snap, ties=snap.ties.iloc[::-1].reset_index(drop=True))
    og = build_graph(shuffled)
    assert og.graph.get_edgelist() == pairs
    assert og.ties[["u", "v"]].values.tolist() == [list(pair) for pair in pairs]


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"as_of": "2020-12-31"},
        {"as_of": "2021-12-31", "network": "N"},
        {"as_of": "2021-12-31", "sectors": "community"},
        {"territories": "t2", "min_level": "coalition"},
        {"formality": "formal"},
    ],
)
def test_pair_states_read_from_the_dataset_equal_those_of_the_snapshot(filters: dict[str, str]) -> None:
    members = [{"organization": "d", "network": "N", "start": "2021-01-01"}]
    ds = load_dataset(ORGS, HISTORY, members)
    direct, of_snapshot = pair_states_at(ds, **filters), pair_states(snapshot(ds, **filters))
    assert direct.as_of == of_snapshot.as_of
    for name in ("keys", "level", "formal", "codes", "ids"):
        assert np.array_equal(getattr(direct, name), getattr(of_snapshot, name)), name
    assert np.array_equal(np.unique(direct.active), np.unique(of_snapshot.active))
