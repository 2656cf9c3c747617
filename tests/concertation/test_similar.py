"""“This table may already exist”: the new network form shows the active spaces it would duplicate."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from maillage.concertation.models import SpaceProfile, Theme
from maillage.concertation.similar import similar_spaces
from maillage.directory.models import Population
from maillage.networks.models import Network, NetworkKind
from tests.conftest import client_for


@pytest.fixture(autouse=True)
def _french_afterwards():  # type: ignore[no-untyped-def]
    yield
    translation.activate("fr")


@pytest.fixture
def food_table(network_a) -> Network:
    """Network A (in the RLS) works on food security and serves families."""
    profile = SpaceProfile.objects.create(network=network_a)
    profile.themes.set([Theme.objects.get(code="food_security")])
    network_a.target_populations.set([Population.objects.get(code="families")])
    return network_a


def _theme(code: str) -> int:
    return Theme.objects.get(code=code).pk


def test_a_space_with_the_same_theme_in_the_territory_or_above_is_shown(coordinator, food_table, rls) -> None:
    cisss = rls.parent
    for territory in (rls, rls.children.create(kind="community", code="C1", name_fr="Quartier")):
        (hit,) = similar_spaces(coordinator, territory, themes=[_theme("food_security")])
        assert hit.network == food_table and hit.themes == ["Sécurité alimentaire"]
    # A space below the chosen territory is not "here or above": the CISSS-level proposal sees nothing.
    assert similar_spaces(coordinator, cisss, themes=[_theme("food_security")]) == []
    assert similar_spaces(coordinator, rls, themes=[_theme("housing")]) == []


def test_a_large_share_of_the_proposed_members_is_enough(coordinator, food_table, rls, orgs) -> None:
    (hit,) = similar_spaces(coordinator, rls, members=[orgs[0].pk, orgs[1].pk, orgs[4].pk])
    assert hit.members_inside == 2 and hit.member_share == pytest.approx(2 / 3)
    assert similar_spaces(coordinator, rls, members=[orgs[0].pk, orgs[4].pk, 999999]) == []


def test_ended_and_unreadable_spaces_are_not_shown(outsider, coordinator, food_table, rls) -> None:
    families = [Population.objects.get(code="families").pk]
    assert similar_spaces(outsider, rls, populations=families) == []  # may not read network A
    Network.objects.filter(pk=food_table.pk).update(end_date=datetime.date(2020, 1, 1))
    assert similar_spaces(coordinator, rls, populations=families) == []


def test_the_panel_answers_coordinators_only(people, food_table, rls) -> None:
    params = {"territory": rls.pk, "themes": [_theme("food_security")]}
    for role, status in [
        ("coordinator", 200),
        ("member", 403),
        ("viewer", 403),
        ("outsider", 200),
        ("admin", 200),
    ]:
        response = client_for(people[role]).get("/en/concertation/similar/", params)
        assert response.status_code == status, role
    html = client_for(people["coordinator"]).get("/en/concertation/similar/", params).content.decode()
    assert "This table may already exist" in html and f'data-space="{food_table.pk}"' in html
    # The outsider coordinates elsewhere and may not read network A: nothing is revealed.
    other = client_for(people["outsider"]).get("/en/concertation/similar/", params).content.decode()
    assert "data-space" not in other


def test_the_panel_shrugs_off_bad_input(coordinator, food_table, rls) -> None:
    client = client_for(coordinator)
    for params in (
        {"territory": "9" * 40, "target_populations": ["x", "9" * 40]},
        {"territory": rls.pk, "themes": ["abc"], "proposed_members": "Nobody by that name"},
    ):
        assert client.get("/en/concertation/similar/", params).status_code == 200
    html = client.get(
        "/en/concertation/similar/", {"territory": rls.pk, "proposed_members": "Nobody by that name"}
    ).content.decode()
    assert "No organization matches" in html


def test_creating_a_network_keeps_its_themes(coordinator, rls, orgs) -> None:
    response = client_for(coordinator).post(
        "/en/networks/new/",
        {
            "name_fr": "Table alimentaire",
            "kind": NetworkKind.THEMATIC_TABLE,
            "scale": "local",
            "territory": rls.pk,
            "themes": [_theme("food_security"), _theme("housing")],
            "proposed_members": f"{orgs[0].name_fr}\n",
        },
    )
    assert response.status_code == 302
    network = Network.objects.get(name_fr="Table alimentaire")
    assert {t.code for t in network.concertation_profile.themes.all()} == {"food_security", "housing"}


def test_an_unknown_proposed_member_stops_the_creation_with_a_message(coordinator, rls) -> None:
    response = client_for(coordinator).post(
        "/en/networks/new/",
        {"name_fr": "Table X", "kind": NetworkKind.THEMATIC_TABLE, "scale": "local", "territory": rls.pk,
         "proposed_members": "Nobody by that name"},
    )  # fmt: skip
    assert response.status_code == 200 and "No organization matches" in response.content.decode()
    assert not Network.objects.filter(name_fr="Table X").exists()


def test_too_many_proposed_members_are_refused(coordinator, rls) -> None:
    lines = "\n".join(f"Organisation {i}" for i in range(51))
    html = client_for(coordinator).get(
        "/en/concertation/similar/", {"territory": rls.pk, "proposed_members": lines}
    )
    assert "At most 50 proposed members." in html.content.decode()
