"""Indicators through the API: definitions for everyone signed in, values for readers of the network."""

from __future__ import annotations

from tests.api.conftest import ROLES
from tests.indicators.helpers import only, value


def test_indicator_values_follow_the_networks_permissions(api_for, network_a, people):
    only("er_visit_rate")
    value(network_a, "er_visits", "2024", 30)
    value(network_a, "target_population", "2024", 120)
    path = f"/networks/{network_a.pk}/indicators"
    for role, status in zip(ROLES, [401, 200, 200, 404, 200, 200], strict=True):
        got, body = api_for(role).get(path, year=2024)
        assert got == status, f"{role}: {got} {body}"
    rows = {row["code"]: row for row in api_for("member").get(path, year=2024)[1]}
    row = rows["er_visit_rate"]
    assert row["value"] == 250.0 and row["year"] == 2024 and row["band"] == "red"  # the scorecard's numbers
    assert row["trend"][-1] == {"year": 2024, "value": 250.0}
    assert api_for("member").get(path, year=1800)[0] == 422


def test_data_values_are_listed_for_readable_networks_only(api_for, network_a, network_b, people):
    value(network_a, "er_visits", "2024", 30)
    value(network_b, "er_visits", "2024", 7)
    member = api_for("member").get("/indicator-values", element="er_visits")[1]
    assert [(v["network"]["id"], v["value"]) for v in member["items"]] == [(network_a.pk, 30.0)]
    admin = api_for("admin").get("/indicator-values", period="2024")[1]
    assert {v["network"]["id"] for v in admin["items"]} == {network_a.pk, network_b.pk}
    assert api_for("anonymous").get("/indicator-values")[0] == 401


def test_the_registry_is_read_by_everyone_signed_in(api_for, people):
    for role in ROLES[1:]:
        status, body = api_for(role).get("/indicators", family="impact")
        assert status == 200 and body["count"] == 8 and all(i["family"] == "impact" for i in body["items"])
    assert api_for("anonymous").get("/indicators")[0] == 401
