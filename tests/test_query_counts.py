"""List pages cost the same number of queries for a handful of rows and for many."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from maillage.directory.models import Organization
from maillage.networks.models import Membership, Network
from maillage.ties.actions import ObservationData, do_create_tie
from tests.conftest import client_for


def queries_for(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(context.captured_queries)


def grow(network_a, sectors, rls, extra: int) -> None:
    """Add `extra` organizations to network A, each tied to the lead organization."""
    lead = network_a.lead_organization
    for index in range(extra):
        organization = Organization.objects.create(
            name_fr=f"Organisme {index}", sector=sectors["other"], territory=rls
        )
        organization.populations.add(*[])
        Membership.objects.create(network=network_a, organization=organization)
        do_create_tie(
            lead, organization, network_a, ObservationData(observed_on=datetime.date(2024, 1, 1), level=2)
        )
        Network.objects.create(name_fr=f"Réseau {index}", kind="thematic_table", territory=rls)


@pytest.mark.parametrize(
    ("name", "kwargs", "params"),
    [
        ("directory:organization_list", {}, {}),
        ("directory:organization_list", {}, {"q": "organisme"}),
        ("directory:organization_detail", {"pk": "lead"}, {}),
        ("directory:territory_list", {}, {}),
        ("networks:list", {}, {}),
        ("networks:detail", {"pk": "a"}, {}),
        ("networks:detail", {"pk": "a"}, {"as_of": "2024-06-01"}),
        ("networks:members", {"pk": "a"}, {}),
        ("home", {}, {}),
    ],
)
def test_list_pages_use_a_fixed_number_of_queries(
    admin, network_a, sectors, rls, settings, monkeypatch, name, kwargs, params
):
    settings.PAGE_SIZE = 50
    # The member list stays unfolded on the network's page, so that its rows are counted too.
    monkeypatch.setattr("maillage.networks.views.FOLDED_MEMBERS", 10_000)
    client = client_for(admin)

    def url():
        resolved = {
            k: (network_a.pk if v == "a" else network_a.lead_organization_id) for k, v in kwargs.items()
        }
        return reverse(name, kwargs=resolved)

    grow(network_a, sectors, rls, 3)
    few = queries_for(client, url(), params)
    grow(network_a, sectors, rls, 40)
    many = queries_for(client, url(), params)
    assert few == many, f"{name}: {few} queries for a few rows, {many} for many"
