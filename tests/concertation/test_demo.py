"""The demo's hyperconcertation territory: nested tables, an organization in seven spaces, two portraits."""

from __future__ import annotations

import pandas as pd
import pytest

from maillage.analysis import space_pairs
from maillage.concertation.demo import (
    REFORM_2015,
    build_concertation_demo,
    build_reform_demo,
    build_resources_demo,
)
from maillage.concertation.models import DocumentKind, ResourceEntry, TerritoryDocument
from maillage.demo.generate import build_demo
from maillage.directory.history import territories_on
from maillage.directory.models import Territory
from maillage.networks.models import Membership


@pytest.mark.django_db
def test_the_demo_territory_has_nested_tables_and_a_hub_in_seven_spaces() -> None:
    build_demo(200, seed=5)
    demo = build_concertation_demo(seed=5)
    assert demo is not None and len(demo.spaces) == 7
    seats = Membership.objects.filter(network__in=demo.spaces)
    assert seats.filter(organization=demo.hub).count() == 7
    pairs = space_pairs(pd.DataFrame.from_records(list(seats.values_list("organization_id", "network_id")),
                                                  columns=["organization", "network"]))  # fmt: skip
    neighbourhood = next(n.pk for n in demo.spaces if n.kind == "neighbourhood_table")
    inside = pairs[
        (pairs["containment"] == 1.0) & (pairs[["network_a", "network_b"]] == neighbourhood).any(axis=1)
    ]
    assert len(inside) >= 4  # the food, housing and crisis tables sit inside the neighbourhood table
    portraits = TerritoryDocument.objects.filter(kind=DocumentKind.PORTRAIT)
    assert portraits.count() == 2


@pytest.mark.django_db
def test_the_2015_correspondence_is_applied_to_the_demo_territories() -> None:
    build_demo(200, seed=5)
    assert build_reform_demo() > 0 and build_reform_demo() == 0
    cisss = Territory.objects.get(code="CISSS06")
    before = territories_on(cisss, REFORM_2015.replace(year=2010))
    assert before and all(t.kind == "csss" and t.end_date < REFORM_2015 for t in before)
    assert {territories_on(t, REFORM_2015)[0] for t in before} == {cisss}


@pytest.mark.django_db
def test_every_demo_network_has_resources_and_funders_fund_several_networks() -> None:
    build_demo(200, seed=5)
    assert build_resources_demo(seed=5) > 0
    funded = (
        ResourceEntry.objects.filter(kind="funding").values_list("organization_id", "network_id").distinct()
    )
    by_funder: dict[int, set[int]] = {}
    for funder, network in funded:
        by_funder.setdefault(funder, set()).add(network)
    assert max(len(networks) for networks in by_funder.values()) >= 3
