"""Every page, for every named person: who gets the page, who is refused, who is sent to sign in."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import client_for
from tests.initiatives.helpers import make_initiative
from tests.surveys.helpers import make_wave

OK, DENIED, LOGIN = 200, 403, 302
ROLES = ["coordinator", "member", "outsider", "viewer", "admin"]

# url name, kwargs builder, expected status for coordinator, member, outsider, viewer, admin
MATRIX = [
    ("home", lambda f: {}, [OK, OK, OK, OK, OK]),
    ("networks:list", lambda f: {}, [OK, OK, OK, OK, OK]),
    ("networks:create", lambda f: {}, [OK, DENIED, OK, DENIED, OK]),
    ("networks:detail", lambda f: {"pk": f["network_a"].pk}, [OK, OK, DENIED, OK, OK]),
    ("networks:edit", lambda f: {"pk": f["network_a"].pk}, [OK, DENIED, DENIED, DENIED, OK]),
    ("networks:membership_add", lambda f: {"pk": f["network_a"].pk}, [OK, DENIED, DENIED, DENIED, OK]),
    (
        "networks:membership_edit",
        lambda f: {"pk": f["network_a"].pk, "membership_pk": f["membership"].pk},
        [OK, DENIED, DENIED, DENIED, OK],
    ),
    (
        "networks:membership_delete",
        lambda f: {"pk": f["network_a"].pk, "membership_pk": f["membership"].pk},
        [OK, DENIED, DENIED, DENIED, OK],
    ),
    ("ties:create", lambda f: {"network_pk": f["network_a"].pk}, [OK, DENIED, DENIED, DENIED, OK]),
    ("ties:detail", lambda f: {"pk": f["tie_a"].pk}, [OK, OK, DENIED, OK, OK]),
    ("directory:organization_list", lambda f: {}, [OK, OK, OK, OK, OK]),
    ("directory:organization_suggest", lambda f: {}, [OK, OK, OK, OK, OK]),
    ("directory:organization_create", lambda f: {}, [OK, DENIED, OK, DENIED, OK]),
    ("directory:organization_detail", lambda f: {"pk": f["orgs"][0].pk}, [OK, OK, OK, OK, OK]),
    ("directory:organization_edit", lambda f: {"pk": f["orgs"][0].pk}, [OK, DENIED, DENIED, DENIED, OK]),
    ("directory:territory_list", lambda f: {}, [OK, OK, OK, OK, OK]),
    ("directory:territory_create", lambda f: {}, [DENIED, DENIED, DENIED, DENIED, OK]),
    ("directory:territory_detail", lambda f: {"pk": f["rls"].pk}, [OK, OK, OK, OK, OK]),
    ("directory:territory_edit", lambda f: {"pk": f["rls"].pk}, [DENIED, DENIED, DENIED, DENIED, OK]),
    ("dashboards:network_dashboard", lambda f: {"pk": f["network_a"].pk}, [OK, OK, DENIED, OK, OK]),
    ("dashboards:network_map_data", lambda f: {"pk": f["network_a"].pk}, [OK, OK, DENIED, OK, OK]),
    ("dashboards:territory_dashboard", lambda f: {"pk": f["rls"].pk}, [OK, OK, OK, OK, OK]),
    ("dashboards:territory_map_data", lambda f: {"pk": f["rls"].pk}, [OK, OK, OK, OK, OK]),
    ("dashboards:province_dashboard", lambda f: {}, [OK, OK, OK, OK, OK]),
    ("dashboards:province_map_data", lambda f: {}, [OK, OK, OK, OK, OK]),
    ("dashboards:compare", lambda f: {}, [OK, OK, OK, OK, OK]),
    ("surveys:wave_list", lambda f: {}, [OK, OK, OK, OK, OK]),
    ("surveys:wave_create", lambda f: {"network_pk": f["network_a"].pk}, [OK, DENIED, DENIED, DENIED, OK]),
    ("surveys:wave_detail", lambda f: {"pk": make_wave(f["network_a"]).pk}, [OK, OK, DENIED, OK, OK]),
    (
        "surveys:wave_progress",
        lambda f: {"pk": make_wave(f["network_a"]).pk},
        [OK, DENIED, DENIED, DENIED, OK],
    ),
    ("surveys:wave_close", lambda f: {"pk": make_wave(f["network_a"]).pk}, [OK, DENIED, DENIED, DENIED, OK]),
    ("surveys:wave_results", lambda f: {"pk": make_wave(f["network_a"]).pk}, [OK, OK, DENIED, OK, OK]),
    ("surveys:wave_import", lambda f: {"pk": make_wave(f["network_a"]).pk}, [OK, DENIED, DENIED, DENIED, OK]),
    ("initiatives:list", lambda f: {}, [OK, OK, OK, OK, OK]),
    ("initiatives:create", lambda f: {}, [OK, DENIED, OK, DENIED, OK]),
    ("initiatives:similar", lambda f: {}, [OK, DENIED, OK, DENIED, OK]),
    ("initiatives:detail", lambda f: {"pk": make_initiative(f["network_a"]).pk}, [OK, OK, DENIED, OK, OK]),
    (
        "initiatives:edit",
        lambda f: {"pk": make_initiative(f["network_a"]).pk},
        [OK, DENIED, DENIED, DENIED, OK],
    ),
    ("initiatives:glance", lambda f: {"pk": make_initiative(f["network_a"]).pk}, [OK, OK, DENIED, OK, OK]),
    (
        "initiatives:attachment_add",
        lambda f: {"pk": make_initiative(f["network_a"]).pk},
        [OK, DENIED, DENIED, DENIED, OK],
    ),
]


@pytest.fixture
def world(people, network_a, network_b, orgs, rls, tie_a):
    return {
        "network_a": network_a,
        "orgs": orgs,
        "rls": rls,
        "tie_a": tie_a,
        "membership": network_a.memberships.get(organization=orgs[1]),
        **people,
    }


@pytest.mark.parametrize(("name", "kwargs", "expected"), MATRIX, ids=[row[0] for row in MATRIX])
def test_each_role_gets_exactly_what_it_should(world, name, kwargs, expected):
    url = reverse(name, kwargs=kwargs(world))
    for role, status in zip(ROLES, expected, strict=True):
        response = client_for(world[role]).get(url)
        assert response.status_code == status, f"{role} on {url}: {response.status_code}, expected {status}"


@pytest.mark.parametrize(("name", "kwargs", "expected"), MATRIX, ids=[row[0] for row in MATRIX])
def test_anonymous_is_sent_to_sign_in(world, name, kwargs, expected):
    response = client_for(None).get(reverse(name, kwargs=kwargs(world)))
    assert response.status_code == LOGIN
    assert reverse("accounts:login") in response["Location"]


def test_scenarios_of_another_network_are_refused(world, network_a):
    url = reverse("dashboards:network_scenario", kwargs={"pk": network_a.pk})
    assert client_for(world["outsider"]).get(url, {"scenario": "formal-ties"}).status_code == DENIED
    assert client_for(world["member"]).get(url, {"scenario": "formal-ties"}).status_code == OK


def test_a_territory_map_holds_only_the_networks_the_user_may_read(world, network_a, rls):
    url = reverse("dashboards:territory_map_data", kwargs={"pk": rls.pk})
    outsider = client_for(world["outsider"]).get(url).json()
    member = client_for(world["member"]).get(url).json()
    assert outsider["nodes"]["id"] == [] and outsider["networks"] == []
    assert [n["id"] for n in member["networks"]] == [network_a.pk]


def test_outsider_cannot_post_into_another_network(world, orgs, network_a):
    before = network_a.memberships.count()
    response = client_for(world["outsider"]).post(
        reverse("networks:membership_add", kwargs={"pk": network_a.pk}),
        {"organization": f"x [#{orgs[4].pk}]", "role": "member"},
    )
    assert response.status_code == DENIED
    assert network_a.memberships.count() == before


def test_member_cannot_record_an_observation(world, tie_a):
    response = client_for(world["member"]).post(
        reverse("ties:detail", kwargs={"pk": tie_a.pk}),
        {"observed_on": "2024-05-01", "level": "3", "formality": "informal"},
    )
    assert response.status_code == DENIED
    assert tie_a.observations.count() == 1


def test_organization_page_hides_ties_of_networks_the_user_cannot_read(world, orgs, tie_a):
    url = reverse("directory:organization_detail", kwargs={"pk": orgs[0].pk})
    assert orgs[1].name in client_for(world["coordinator"]).get(url).content.decode()
    outsider_page = client_for(world["outsider"]).get(url).content.decode()
    assert orgs[1].name not in outsider_page
    assert "Réseau A" not in outsider_page
