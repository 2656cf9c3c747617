"""Dates out of range answer 400 (or the API's 422), never a 500.

The attack replayed: `/reports/network/1/?until=0001-01-01` reached pandas, whose timestamps stop at 1677.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from maillage.api.actions import do_create_token
from tests.conftest import client_for


@pytest.mark.parametrize(
    "query", ["until=0001-01-01", "since=0001-01-01&until=2024-01-01", "until=9999-12-31"]
)
def test_a_report_with_a_date_out_of_range_is_a_400(tie_a, coordinator, network_a, query):
    url = reverse("reports:show", args=["network", network_a.pk]) + "?" + query
    response = client_for(coordinator).get(url)
    assert response.status_code == 400
    assert "1900-01-01" in response.content.decode()


def test_the_api_refuses_an_as_of_out_of_range(tie_a, coordinator, network_a):
    from django.test import Client

    _token, secret = do_create_token(coordinator, "t")
    headers = {"Authorization": f"Bearer {secret}", "Accept-Language": "en"}
    for path in (f"/api/v1/analysis/networks/{network_a.pk}/report", "/api/v1/ties"):
        response = Client().get(path, {"as_of": "0001-01-01"}, headers=headers)
        assert response.status_code == 422, path
        assert response.json()["code"] == "invalid"


def test_a_scenario_at_year_one_is_a_400(tie_a, coordinator, network_a):
    url = reverse("dashboards:network_scenario", kwargs={"pk": network_a.pk})
    response = client_for(coordinator).get(url, {"scenario": "top:1", "as_of": "0001-01-01"})
    assert response.status_code == 400


def test_a_membership_in_year_one_is_refused_next_to_its_field(network_a, coordinator, sectors):
    from tests.conftest import make_organization

    newcomer = make_organization("Nouveau venu", sectors["community_organization"])
    url = reverse("networks:membership_add", args=[network_a.pk])
    response = client_for(coordinator).post(
        url, {"organization": newcomer.pk, "role": "member", "start_date": "0001-01-01"}
    )
    assert response.status_code in (200, 400)
    assert not network_a.memberships.filter(organization=newcomer).exists()
