"""The vectorised metrics agree with the analysis core, network by network and date by date."""

from __future__ import annotations

import datetime
import random

import pytest

from maillage.analysis import build_graph, density, intersectoral_mix, load_dataset, snapshot
from maillage.analysis.ratings import trust_and_value
from maillage.indicators.batch import BatchMetrics

SECTORS = ["clsc", "community", "municipal", "school"]
LEVELS = ["none", "networking", "cooperation", "coordination", "coalition", "collaboration"]


def observed_by(dataset, network, date) -> bool:
    ties = dataset.ties[dataset.ties["network"] == network]
    return bool((ties["date"].isna() | (ties["date"] <= date.isoformat())).any())


def reference(dataset, network, date):
    snap = snapshot(dataset, as_of=date.isoformat(), network=network)
    og = build_graph(snap)
    ties = og.graph.ecount()
    members = set(snap.memberships.loc[snap.memberships["network"] == network, "organization"])
    tied = set(snap.ties["source"]) | set(snap.ties["target"])
    ratings = trust_and_value(snap, og) if len(snap.ratings) else None
    mix = intersectoral_mix(og) if ties else None
    return {
        "ties": float(ties) if observed_by(dataset, network, date) else None,
        "members": float(len(members)),
        "density": 100.0 * density(og.graph)
        if og.graph.vcount() > 1 and observed_by(dataset, network, date)
        else None,
        "intersectoral_share": 100.0 * mix.cross_sector_share if mix else None,
        "formal_share": 100.0 * float(og.ties["formal"].mean()) if ties else None,
        "trust": ratings.network_trust_percent if ratings else None,
        "value": ratings.network_value_percent if ratings else None,
        "participation": 100.0 * len(members & tied) / len(members) if members else None,
    }


def random_dataset(seed: int):
    rng = random.Random(seed)
    orgs = [{"id": i, "sector": rng.choice(SECTORS)} for i in range(40)]
    ties, members = [], []
    for network in ("n1", "n2", "n3"):
        chosen = rng.sample(range(40), 15)
        for org in chosen:
            start = rng.choice([None, "2019-01-01", "2021-06-01"])
            end = rng.choice([None, None, "2022-03-01"])
            members.append({"organization": org, "network": network, "start": start, "end": end})
        for _ in range(40):
            a, b = rng.sample(chosen + [rng.randrange(40)], 2)
            if a == b:
                continue
            row = {
                "source": a,
                "target": b,
                "network": network,
                "level": rng.choice(LEVELS),
                "formality": rng.choice(["formal", "informal"]),
                "date": rng.choice(
                    [None, "2019-05-01", "2020-05-01", "2021-05-01", "2022-05-01", "2023-05-01"]
                ),
            }
            if rng.random() < 0.3:
                row |= {"reliability": rng.randint(1, 4), "openness": rng.choice([None, 2, 3]),
                        "involvement": rng.randint(1, 4)}  # fmt: skip
            ties.append(row)
    return load_dataset(orgs, ties, members)


@pytest.mark.parametrize("seed", list(range(1, 11)))
def test_batch_metrics_match_the_analysis_core(seed):
    dataset = random_dataset(seed)
    batch = BatchMetrics(dataset, ["n1", "n2", "n3", "absent"])
    for year in range(2018, 2025):
        date = datetime.date(year, 12, 31)
        measured = batch.at(date)
        for network in ("n1", "n2", "n3"):
            expected = reference(dataset, network, date)
            for key, value in expected.items():
                got = measured[network][key]
                assert (got is None) == (value is None), (network, year, key)
                if value is not None:
                    assert got == pytest.approx(value), (network, year, key)
        assert measured["absent"]["ties"] is None and measured["absent"]["members"] == 0.0
