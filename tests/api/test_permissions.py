"""Each endpoint family for each role: the web's per-network rules, 404 for what a caller may not read."""

from __future__ import annotations

import pytest

from maillage.initiatives.models import Visibility
from maillage.ties.models import Tie
from tests.api.conftest import ROLES
from tests.initiatives.helpers import make_initiative
from tests.surveys.helpers import make_wave

# Statuses in the order of ROLES: anonymous, member, coordinator, outsider, viewer, admin.
READ_A = [401, 200, 200, 404, 200, 200]
EVERYONE_SIGNED_IN = [401, 200, 200, 200, 200, 200]


@pytest.fixture
def world(people, network_a, network_b, orgs, tie_a):
    return {
        "network_a": network_a,
        "network_b": network_b,
        "orgs": orgs,
        "tie_a": tie_a,
        "membership": network_a.memberships.get(organization=orgs[1]),
        "wave": make_wave(network_a),
        "private": make_initiative(network_a, "Initiative privée"),
        "public": make_initiative(network_a, "Initiative publique", visibility=Visibility.PUBLIC),
    }


READS = [
    ("/organizations", EVERYONE_SIGNED_IN),
    ("/organizations/{orgs[0].pk}", EVERYONE_SIGNED_IN),
    ("/networks", EVERYONE_SIGNED_IN),
    ("/networks/{network_a.pk}", READ_A),
    ("/memberships", EVERYONE_SIGNED_IN),
    ("/memberships/{membership.pk}", READ_A),
    ("/ties", EVERYONE_SIGNED_IN),
    ("/ties/{tie_a.pk}", READ_A),
    ("/waves", EVERYONE_SIGNED_IN),
    ("/waves/{wave.pk}", READ_A),
    ("/initiatives", [200] * 6),
    ("/initiatives/{public.pk}", [200] * 6),
    # A private initiative does not exist for those who may not read its network, signed in or not.
    ("/initiatives/{private.pk}", [404, 200, 200, 404, 200, 200]),
    ("/analysis/networks/{network_a.pk}/report", READ_A),
    ("/analysis/networks/{network_a.pk}/scenario?scenario=formal-ties", READ_A),
]


@pytest.mark.parametrize(("template", "expected"), READS, ids=[row[0] for row in READS])
def test_each_role_reads_exactly_what_the_web_shows_it(world, api_for, template, expected):
    path, _, query = template.format(**world).partition("?")
    params = dict(part.split("=") for part in query.split("&")) if query else {}
    for role, status in zip(ROLES, expected, strict=True):
        got, body = api_for(role).get(path, **params)
        assert got == status, f"{role} on {path}: {got}, expected {status}: {body}"
        if status != 200:
            assert set(body) == {"detail", "code", "errors"}


def _ids(api, path):  # type: ignore[no-untyped-def]
    status, body = api.get(path)
    assert status == 200
    return sorted(item["id"] for item in body["items"])


def test_lists_hold_only_readable_networks(world, api_for):
    a, b = world["network_a"].pk, world["network_b"].pk
    expected = {"member": [a], "coordinator": [a], "outsider": [b], "viewer": [a], "admin": [a, b]}
    for role, ids in expected.items():
        api = api_for(role)
        assert _ids(api, "/networks") == ids, role
        assert {m["network"]["id"] for m in api.get("/memberships")[1]["items"]} == set(ids), role
        assert {w["network"]["id"] for w in api.get("/waves")[1]["items"]} == set(ids) & {a}, role
        assert _ids(api, "/ties") == ([world["tie_a"].pk] if a in ids else []), role
    assert _ids(api_for("outsider"), "/initiatives") == [world["public"].pk]
    assert _ids(api_for("anonymous"), "/initiatives") == [world["public"].pk]
    assert _ids(api_for("viewer"), "/initiatives") == sorted([world["public"].pk, world["private"].pk])


def test_a_tie_outside_any_network_is_for_admins_only(world, api_for, orgs):
    loose = Tie.objects.create(organization_a=orgs[2], organization_b=orgs[3], network=None)
    assert api_for("coordinator").get(f"/ties/{loose.pk}")[0] == 404
    assert api_for("admin").get(f"/ties/{loose.pk}")[0] == 200


def test_filtering_on_an_unreadable_network_is_not_found(world, api_for):
    status, body = api_for("outsider").get("/organizations", network=world["network_a"].pk)
    assert status == 404 and body["code"] == "not_found"


WRITE_A = [401, 403, 201, 404, 403, 201]


def test_creating_organizations_needs_a_coordinator_somewhere(world, api_for, sectors):
    for role, status in zip(ROLES, [401, 403, 201, 201, 403, 201], strict=True):
        got, body = api_for(role).post("/organizations", {"name_fr": f"Org {role}", "sector": "pharmacy"})
        assert got == status, f"{role}: {got} {body}"


def test_editing_an_organization_follows_its_networks(world, api_for):
    path = f"/organizations/{world['orgs'][0].pk}"
    for role, status in zip(ROLES, [401, 403, 200, 403, 403, 200], strict=True):
        got, body = api_for(role).patch(path, {"acronym": role[:10]})
        assert got == status, f"{role}: {got} {body}"


def test_adding_members_is_for_the_networks_coordinators(world, api_for, sectors):
    from tests.conftest import make_organization

    for role, status in zip(ROLES, WRITE_A, strict=True):
        newcomer = make_organization(f"Nouveau {role}", sectors["pharmacy"])
        body = {"network": world["network_a"].pk, "organization": newcomer.pk, "role": "observer"}
        got, answer = api_for(role).post("/memberships", body)
        assert got == status, f"{role}: {got} {answer}"
        assert world["network_a"].memberships.filter(organization=newcomer).exists() == (status == 201)


def test_editing_a_membership_is_for_the_networks_coordinators(world, api_for):
    path = f"/memberships/{world['membership'].pk}"
    for role, status in zip(ROLES, [401, 403, 200, 404, 403, 200], strict=True):
        got, body = api_for(role).patch(path, {"role": "observer"})
        assert got == status, f"{role}: {got} {body}"


def test_recording_ties_is_for_the_networks_coordinators(world, api_for):
    orgs = world["orgs"]
    pairs = {"member": (0, 2), "coordinator": (0, 3), "outsider": (1, 2), "viewer": (1, 3), "admin": (2, 3)}
    for role, status in zip(ROLES, WRITE_A, strict=True):
        first, second = pairs.get(role, (0, 2))
        body = {
            "network": world["network_a"].pk,
            "organization_a": orgs[first].pk,
            "organization_b": orgs[second].pk,
            "observed_on": "2024-03-01",
            "level": 3,
        }
        got, answer = api_for(role).post("/ties", body)
        assert got == status, f"{role}: {got} {answer}"
    assert Tie.objects.filter(network=world["network_a"]).count() == 3  # tie_a and the two created


def test_observing_a_tie_is_for_the_networks_coordinators(world, api_for):
    tie = world["tie_a"]
    for role, status in zip(ROLES, WRITE_A, strict=True):
        got, body = api_for(role).post(
            f"/ties/{tie.pk}/observations", {"observed_on": "2024-01-01", "level": 4}
        )
        assert got == status, f"{role}: {got} {body}"
    assert tie.observations.count() == 3  # the first one, then the coordinator's and the admin's
