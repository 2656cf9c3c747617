"""A territory's concertation page and its API: same numbers, only the networks the reader may read."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import translation

from maillage.concertation.models import SpaceProfile, Theme
from maillage.directory.models import Population
from maillage.networks.models import Membership, Network, NetworkKind
from tests.api.conftest import ApiClient
from tests.conftest import client_for


@pytest.fixture(autouse=True)
def _french_afterwards():  # type: ignore[no-untyped-def]
    # A refused request under /en/ leaves English active in the test process; later tests expect French.
    yield
    translation.activate("fr")


@pytest.fixture
def nested(network_a, rls, orgs) -> Network:
    """A thematic table of two of network A's four members: Jaccard 0.5, containment 1."""
    network = Network.objects.create(
        name_fr="Table en sécurité alimentaire", kind=NetworkKind.THEMATIC_TABLE, territory=rls
    )
    for organization in orgs[:2]:
        Membership.objects.create(network=network, organization=organization)
    profile = SpaceProfile.objects.create(network=network, meeting_hours_per_year=30)
    profile.themes.set([Theme.objects.get(code="food_security")])
    network.target_populations.set([Population.objects.get(code="families")])
    SpaceProfile.objects.create(network=network_a, meeting_hours_per_year=20)
    return network


def _page(user, territory, **params):  # type: ignore[no-untyped-def]
    return client_for(user).get(f"/en/concertation/territory/{territory.pk}/", params)


def test_the_page_and_the_api_give_the_same_numbers(admin, nested, network_a, region, orgs) -> None:
    response = _page(admin, region, jaccard="0.4", containment="0.9")
    status, body = ApiClient(admin).get(
        f"/territories/{region.pk}/concertation", jaccard=0.4, containment=0.9
    )
    assert response.status_code == 200 and status == 200
    html = response.content.decode()
    assert [s["id"] for s in body["spaces"]] == [int(pk) for pk in re.findall(r'data-space="(\d+)"', html)]
    pairs = re.findall(r'data-pair="(\d+)-(\d+)"', html)
    assert [(str(p["a"]), str(p["b"])) for p in body["pairs"]] == pairs
    (pair,) = body["pairs"]
    assert {pair["a"], pair["b"]} == {nested.pk, network_a.pk}
    assert pair["shared"] == 2 and pair["jaccard"] == 0.5 and pair["containment"] == 1.0
    assert ">100%<" in html and ">0.50<" in html
    first = body["organizations"][0]
    assert first["spaces"] == 2 and first["meeting_hours_per_year"] == 50.0
    assert f'data-organization="{first["id"]}"' in html
    figures = dict(re.findall(r'data-figure="(\w+)">([^<]*)<', html))
    assert figures == {
        "spaces": str(len(body["spaces"])),
        "organizations": str(len(body["organizations"])),
        "heavy": str(body["heavily_solicited"]),
        "pairs": str(body["pairs_total"]),
    }
    assert "food_security" not in body["uncovered_themes"] and "housing" in body["uncovered_themes"]
    assert "families" not in body["uncovered_populations"]


def test_thresholds_are_parameters_stated_on_the_page(admin, nested, region) -> None:
    html = _page(admin, region, jaccard="0.9", containment="0.95", min_spaces="2").content.decode()
    assert "Jaccard index reaches 0.90" in html and "containment reaches 95%" in html
    assert "No pair of spaces reaches the thresholds." not in html  # containment 1 still flags the pair
    strict = _page(admin, region, jaccard="1", containment="1").content.decode()
    assert "data-pair=" in strict
    _, body = ApiClient(admin).get(f"/territories/{region.pk}/concertation", jaccard=0.9, containment=0.99)
    assert body["pairs_total"] == 1


def test_spaces_ended_before_the_date_are_left_out(admin, nested, region) -> None:
    Network.objects.filter(pk=nested.pk).update(end_date=datetime.date(2020, 1, 1))
    _, body = ApiClient(admin).get(f"/territories/{region.pk}/concertation")
    assert nested.pk not in [s["id"] for s in body["spaces"]]
    _, then = ApiClient(admin).get(f"/territories/{region.pk}/concertation", as_of="2019-06-01")
    assert nested.pk in [s["id"] for s in then["spaces"]]


@pytest.mark.parametrize(
    ("role", "visible"),
    [
        ("coordinator", {"a"}),
        ("member", {"a"}),
        ("outsider", set()),
        ("viewer", {"a", "nested"}),
        ("admin", {"a", "nested"}),
    ],
)
def test_each_role_sees_only_the_networks_it_may_read(
    people, role, visible, nested, network_a, region
) -> None:
    ids = {"a": network_a.pk, "nested": nested.pk}
    user = people[role]
    status, body = ApiClient(user).get(f"/territories/{region.pk}/concertation")
    assert status == 200
    assert {s["id"] for s in body["spaces"]} == {ids[k] for k in visible}
    html = _page(user, region).content.decode()
    assert {int(pk) for pk in re.findall(r'data-space="(\d+)"', html)} == {ids[k] for k in visible}
    # An organization's count is the number of *readable* spaces it sits in: nothing to subtract.
    expected = 2 if visible == {"a", "nested"} else (1 if visible else None)
    counts = [o["spaces"] for o in body["organizations"]]
    assert (max(counts) if counts else None) == expected


def test_the_outsider_sees_its_own_network_in_its_region(outsider, network_b, other_region) -> None:
    _, body = ApiClient(outsider).get(f"/territories/{other_region.pk}/concertation")
    assert [s["id"] for s in body["spaces"]] == [network_b.pk]


def test_anonymous_is_refused_and_unknown_territories_are_404(admin, region) -> None:
    assert client_for(None).get(f"/en/concertation/territory/{region.pk}/").status_code == 302
    assert ApiClient(None).get(f"/territories/{region.pk}/concertation")[0] == 401
    assert _page(admin, region).status_code == 200
    assert client_for(admin).get("/en/concertation/territory/999999/").status_code == 404
    assert ApiClient(admin).get("/territories/999999/concertation")[0] == 404


def test_bad_parameters_are_a_clear_message_not_a_500(admin, nested, region) -> None:
    response = _page(admin, region, jaccard="abc", containment="7", as_of="yesterday")
    assert response.status_code == 200
    assert "Jaccard index reaches 0.50" in response.content.decode()  # defaults, with the errors shown
    status, body = ApiClient(admin).get(f"/territories/{region.pk}/concertation", containment=7)
    assert status == 422 and body["code"]


def test_the_page_is_in_french_too(admin, nested, region) -> None:
    html = client_for(admin).get(f"/concertation/territory/{region.pk}/").content.decode()
    assert "Concertation : Montréal" in html and "100\u00a0%" in html and "0,50" in html


def test_coordinators_edit_their_networks_themes_and_hours(people, network_a) -> None:
    theme = Theme.objects.get(code="housing")
    url = f"/en/concertation/network/{network_a.pk}/profile/"
    for role in ("member", "outsider", "viewer"):
        assert client_for(people[role]).post(url, {"themes": [theme.pk]}).status_code == 403
    response = client_for(people["coordinator"]).post(
        url, {"themes": [theme.pk], "meeting_hours_per_year": 40}
    )
    assert response.status_code == 302
    profile = SpaceProfile.objects.get(network=network_a)
    assert profile.meeting_hours_per_year == 40 and list(profile.themes.all()) == [theme]
    refused = client_for(people["admin"]).post(url, {"meeting_hours_per_year": 99999})
    assert (
        refused.status_code == 200
        and SpaceProfile.objects.get(network=network_a).meeting_hours_per_year == 40
    )
