"""The demo's hyperconcertation territory: nested tables, an organization in seven spaces, two portraits."""

from __future__ import annotations

import pandas as pd
import pytest

from maillage.analysis import space_pairs
from maillage.concertation.demo import build_concertation_demo
from maillage.concertation.models import DocumentKind, TerritoryDocument
from maillage.demo.generate import build_demo
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
