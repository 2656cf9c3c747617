"""The full report: everything together, one JSON document, reproducible."""

from __future__ import annotations

import json

import pandas as pd
from bench.generate import generate

from maillage.analysis import headline_figures, load_dataset, network_report, report_from_dataset


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


def test_headline_figures_equal_the_full_reports_at_each_date() -> None:
    data = generate(300, 8, seed=5)
    dataset = load_dataset(data["organizations"], data["ties"], data["memberships"], data["networks"])
    for as_of in ("2023-06-01", "2024-06-01"):
        for filters in ({}, {"min_level": 2}, {"formality": "formal"}):
            report = report_from_dataset(dataset, as_of=as_of, scenarios=[], curve=False, **filters)
            figures = headline_figures(dataset, as_of=as_of, **filters)
            assert figures.organizations == report.network.organizations
            assert figures.ties == report.network.ties
            assert figures.density == report.network.density
            assert figures.degree_centralization == report.network.degree_centralization
            assert figures.cross_family_share == report.mix.cross_family_share
            assert figures.formal_share == report.network.formal_share
            assert report.ratings is not None
            assert figures.trust_percent == report.ratings.network_trust_percent
            assert figures.value_percent == report.ratings.network_value_percent


def test_the_report_document_writes_each_organization_table_once() -> None:
    data = generate(300, 8, seed=5)
    report = network_report(data["organizations"], data["ties"], as_of="2024-06-01", scenarios=["top:3"])
    assert report.ratings is not None
    document = json.loads(report.to_json())
    plain = report.to_dict()
    assert document.keys() == plain.keys()  # both writers leave the same tables out
    assert document["centrality"].keys() == plain["centrality"].keys()
    assert document["ratings"].keys() == plain["ratings"].keys()
    # The per-organization tables of centrality and ratings are columns of `organizations`, written once …
    assert "table" not in document["centrality"] and "table" not in document["ratings"]
    assert document["centrality"]["betweenness_exact"] is True
    assert document["ratings"]["ratings"] == report.ratings.ratings
    row = document["organizations"][0]
    assert set(report.centrality.table.columns) <= set(row)
    assert set(report.ratings.table.columns) <= set(row)
    # … and each result on its own still carries its table.
    assert len(json.loads(report.centrality.to_json())["table"]) == 300
    assert len(report.ratings.to_dict()["table"]) == 300
