"""The full report: everything together, one JSON document, reproducible."""

from __future__ import annotations

import json

import pandas as pd
from bench.generate import generate

from maillage.analysis import network_report


def test_full_report_on_a_generated_network_is_complete_and_serialisable() -> None:
    data = generate(400, 8, seed=4)
    report = network_report(
        data["organizations"], data["ties"], data["memberships"], data["networks"], as_of="2024-06-01",
        compare_to="2023-06-01", scenarios=["formal-ties", "sector:community", "top:5", "random:0.2"], seed=1,
        all_territories=["rls-000", "rls-999"], min_spaces=3,
    )  # fmt: skip
    assert report.network.organizations == 400 and report.network.ties > 1000
    assert 0 < report.network.density < 1 and report.network.communities > 1
    assert report.network.reciprocity is not None and report.ratings is not None
    assert report.change is not None and report.change.gained > 0 and report.change.lost > 0
    assert [s.scenario for s in report.scenarios] == [
        "formal-ties",
        "sector:community",
        "top:5",
        "random:0.2",
    ]
    assert report.overlap is not None and report.overlap.uncovered_territories == ["rls-999"]
    assert set(report.organizations.columns) >= {"betweenness", "constraint", "brokerage_liaison", "trust"}
    as_json = json.loads(report.to_json())
    as_dict = report.to_dict()
    assert as_json["network"] == as_dict["network"]
    assert len(as_json["organizations"]) == 400
    assert json.dumps(as_dict)  # plain Python all the way down


def test_same_seed_same_report_and_sampling_above_the_threshold() -> None:
    data = generate(600, 6, seed=2)
    kwargs = {"as_of": "2024-06-01", "exact_max_nodes": 300, "betweenness_samples": 50, "path_samples": 50}
    first = network_report(data["organizations"], data["ties"], seed=9, **kwargs)
    second = network_report(data["organizations"], data["ties"], seed=9, **kwargs)
    pd.testing.assert_frame_equal(first.organizations, second.organizations)
    assert first.network == second.network
    assert not first.centrality.betweenness_exact and first.centrality.betweenness_sample_size == 50
    assert first.network.path_length_sample_size == 50 and not first.network.path_length_exact
