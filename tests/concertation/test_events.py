"""“What if” on recorded facts: a space abolished, a funder withdrawing, a reform merging institutions."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from maillage.concertation.events import dependent_spaces, reform_groups
from maillage.concertation.models import ResourceEntry, ResourceKind
from maillage.networks.models import Dynamic, Membership, Network, NetworkKind
from maillage.observatory.scope import territory_scope
from maillage.ties.actions import ObservationData, do_create_tie, do_observe
from tests.conftest import client_for, make_organization

ON = datetime.date(2024, 6, 1)


@pytest.fixture(autouse=True)
def _french_afterwards():  # type: ignore[no-untyped-def]
    yield
    translation.activate("fr")


def _tie(a, b, network, formality):  # type: ignore[no-untyped-def]
    data = ObservationData(observed_on=datetime.date(2023, 5, 1), level=3, formality=formality)
    do_create_tie(a, b, network, data)


@pytest.fixture
def world(network_a, orgs, rls, sectors):  # type: ignore[no-untyped-def]
    """Network A: a formal chain 0-1 and 1-2, an informal tie 2-3; a second table B funded by orgs[4]."""
    _tie(orgs[0], orgs[1], network_a, "formal")
    _tie(orgs[1], orgs[2], network_a, "formal")
    _tie(orgs[2], orgs[3], network_a, "informal")
    table = Network.objects.create(
        name_fr="Table B", kind=NetworkKind.THEMATIC_TABLE, territory=rls, dynamic=Dynamic.PRESCRIPTION
    )
    for organization in orgs[:2]:
        Membership.objects.create(network=table, organization=organization)
    for network, funder, amount in (
        (table, orgs[4], 30000), (table, orgs[3], 10000),
        (network_a, orgs[4], 5000), (network_a, orgs[3], 50000),
    ):  # fmt: skip
        ResourceEntry.objects.create(
            network=network, year=2024, kind=ResourceKind.FUNDING, organization=funder, amount=amount
        )
    return network_a, table


def _page(user, rls, event):  # type: ignore[no-untyped-def]
    return client_for(user).get(f"/en/concertation/territory/{rls.pk}/events/", {"event": event, "as_of": ON})


def test_abolishing_a_space_cuts_off_who_hung_on_its_formal_ties(admin, world, rls, orgs) -> None:
    network_a, _ = world
    html = _page(admin, rls, f"space:{network_a.pk}").content.decode()
    assert 'data-figure="removed">2<' in html
    # 0 and 1 lose their last path; the informal tie 2-3 holds what is left.
    cut = html[html.index('id="cut-off"') :]
    assert f"/organizations/{orgs[0].pk}/" in cut and f"/organizations/{orgs[1].pk}/" in cut
    assert 'data-figure="holding">1<' in html


def test_a_funder_withdrawing_abolishes_the_spaces_it_pays_for_mostly(admin, world, rls, orgs) -> None:
    network_a, table = world
    scope = territory_scope(rls)
    assert dependent_spaces(scope, orgs[4].pk, ON) == (2024, [table.pk])  # 75 % of B, 9 % of A
    assert dependent_spaces(scope, orgs[3].pk, ON) == (2024, [network_a.pk])
    html = _page(admin, rls, f"funder:{orgs[4].pk}").content.decode()
    assert "the 1 space it paid at least half of in 2024 is abolished" in html
    assert 'data-figure="removed">0<' in html
    html = _page(admin, rls, f"funder:{orgs[3].pk}").content.decode()
    assert 'data-figure="removed">2<' in html


def test_a_reform_merges_each_regions_institutions(admin, world, rls, orgs, sectors) -> None:
    hospital = make_organization("Hôpital fictif", sectors["hospital"], rls)
    assert reform_groups([orgs[1].pk, hospital.pk, orgs[0].pk]) == [sorted([orgs[1].pk, hospital.pk])]
    html = _page(admin, rls, "reform").content.decode()
    assert "A reform like 2015" in html and 'id="outcome"' in html


@pytest.mark.parametrize(
    ("role", "sees"),
    [("coordinator", True), ("member", True), ("outsider", False), ("viewer", True), ("admin", True)],
)
def test_readers_run_events_on_what_they_may_read_only(people, role, sees, world, rls) -> None:
    network_a, _ = world
    response = _page(people[role], rls, f"space:{network_a.pk}")
    assert response.status_code == 200
    html = response.content.decode()
    assert ('id="outcome"' in html) is sees
    assert ("No such active space in this territory." in html) is not sees


def test_unknown_events_are_a_message_not_a_500(admin, world, rls) -> None:
    for event in ("space:abc", "space:" + "9" * 30, "funder:999999", "nonsense", "space:999999"):
        response = _page(admin, rls, event)
        assert response.status_code == 200 and 'role="alert"' in response.content.decode(), event


def test_a_later_observation_is_compared_with_the_prediction(admin, world, rls, orgs) -> None:
    network_a, _ = world
    tie = network_a.ties.get(
        organization_a=min(orgs[0].pk, orgs[1].pk), organization_b=max(orgs[0].pk, orgs[1].pk)
    )
    do_observe(tie, ObservationData(observed_on=datetime.date(2025, 3, 1), level=0, formality="formal"))
    response = client_for(admin).get(
        f"/en/concertation/territory/{rls.pk}/events/",
        {"event": f"space:{network_a.pk}", "as_of": "2024-06-01"},
    )
    later = response.content.decode().split('id="later"')[1].split("</div>")[0]
    assert "2025-03-01" in later
    # Predicted: 0 and 1 cut off; by 2025 only the tie 0-1 had ended: 0 is outside, 1 is not.
    assert 'data-figure="indeed">1 / 2<' in later and 'data-figure="still">1 / 1<' in later


def test_the_api_gives_the_pages_figures(people, world, rls, orgs) -> None:
    from tests.api.conftest import ApiClient

    network_a, _ = world
    status, body = ApiClient(people["admin"]).get(
        f"/territories/{rls.pk}/events", event=f"space:{network_a.pk}", as_of="2024-06-01"
    )
    assert status == 200
    assert body["removed_ties"] == 2 and body["abolished_spaces"] == [network_a.pk]
    assert sorted(row["id"] for row in body["cut_off"]) == sorted([orgs[0].pk, orgs[1].pk])
    assert [(t["source"], t["target"]) for t in body["holding_ties"]] == [(orgs[2].pk, orgs[3].pk)]
    # The outsider may not read network A: the event is unknown to them, not a leak.
    status, body = ApiClient(people["outsider"]).get(
        f"/territories/{rls.pk}/events", event=f"space:{network_a.pk}"
    )
    assert status == 422 and "event" in body["errors"]
    assert ApiClient(None).get(f"/territories/{rls.pk}/events", event="reform")[0] == 401
