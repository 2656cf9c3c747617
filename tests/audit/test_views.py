"""The audit pages: a network's coordinators and the administrators read its events; nobody else."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from maillage.audit.context import acting_as
from maillage.audit.models import Action, AuditEvent
from maillage.directory.models import Contact
from maillage.networks.models import Membership
from tests.conftest import client_for

OK, DENIED = 200, 403


@pytest.fixture
def history(network_a, network_b, orgs, coordinator, outsider):
    """One change in each network, and one to an organization of A that belongs to no network."""
    with acting_as(coordinator):
        membership = network_a.memberships.get(organization=orgs[1])
        membership.role = "observer"
        membership.save()
        Contact.objects.create(organization=orgs[2], full_name="Jeanne Doe")
    with acting_as(outsider):
        network_b.name_fr = "Réseau B renommé"
        network_b.save()
    return membership


@pytest.mark.parametrize(
    ("role", "status"),
    [("coordinator", OK), ("member", DENIED), ("outsider", DENIED), ("viewer", DENIED), ("admin", OK)],
)
def test_a_networks_trail_is_for_its_coordinators_and_admins(people, network_a, history, role, status):
    response = client_for(people[role]).get(reverse("audit:network", kwargs={"pk": network_a.pk}))
    assert response.status_code == status


def test_anonymous_is_sent_to_sign_in(network_a):
    response = client_for(None).get(reverse("audit:network", kwargs={"pk": network_a.pk}))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_the_networks_trail_shows_its_events_and_not_others(coordinator, network_a, history):
    page = client_for(coordinator).get(reverse("audit:network", kwargs={"pk": network_a.pk})).content.decode()
    assert "Réseau B renommé" not in page
    assert "coordinator" in page and "observer" in page
    # The contact of a member organization shows, without the person's name.
    assert "Jeanne Doe" not in page and "[hidden]" in page


def test_the_full_trail_is_everything_for_admins_and_own_networks_for_coordinators(people, history):
    url = reverse("audit:index")
    admin_page = client_for(people["admin"]).get(url).content.decode()
    assert "Réseau B renommé" in admin_page and "observer" in admin_page
    outsider_page = client_for(people["outsider"]).get(url).content.decode()
    assert "Réseau B renommé" in outsider_page and "observer" not in outsider_page
    for role in ("member", "viewer"):
        assert client_for(people[role]).get(url).status_code == DENIED


def test_filters_narrow_the_list(admin, history, network_a):
    url = reverse("audit:network", kwargs={"pk": network_a.pk})
    client = client_for(admin)
    created_only = client.get(url, {"action": Action.CREATED}).context["page"].object_list
    assert {e.action for e in created_only} == {Action.CREATED}
    memberships = client.get(url, {"model": "networks.Membership"}).context["page"].object_list
    assert {e.model for e in memberships} == {"networks.Membership"}
    assert client.get(url, {"q": "nobody-acts-like-this"}).context["page"].paginator.count == 0


def test_bad_filters_get_a_message_not_a_500(admin, network_a):
    with translation.override("en"):
        url = reverse("audit:network", kwargs={"pk": network_a.pk})
    response = client_for(admin).get(url, {"since": "2024-05-01", "until": "2024-01-01"})
    assert response.status_code == 400
    assert "The end date comes before the start date." in response.content.decode()
    assert client_for(admin).get(url, {"since": "not a date", "action": "nope"}).status_code == 400


def test_the_list_is_paginated_with_a_fixed_number_of_queries(admin, network_a, orgs, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("audit:network", kwargs={"pk": network_a.pk})
    client = client_for(admin)

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == OK
        return len(context.captured_queries)

    first = queries()
    for index in range(40):
        Membership.objects.filter(network=network_a, organization=orgs[0]).update(role="member")
        membership = network_a.memberships.get(organization=orgs[0])
        membership.role = "observer" if index % 2 else "coordinator"
        membership.save()
    assert queries() == first
    assert client.get(url).context["page"].paginator.num_pages == 2


def test_an_event_survives_the_deletion_of_its_network(admin, network_b):
    pk = network_b.pk
    network_b.delete()
    event = AuditEvent.objects.get(model="networks.Network", object_id=str(pk), action=Action.DELETED)
    assert event.network_id == pk
    assert client_for(admin).get(reverse("audit:index")).status_code == OK


def test_the_network_page_links_to_its_trail_for_coordinators_only(people, network_a):
    url = reverse("networks:detail", kwargs={"pk": network_a.pk})
    trail = reverse("audit:network", kwargs={"pk": network_a.pk})
    assert trail in client_for(people["coordinator"]).get(url).content.decode()
    assert trail not in client_for(people["member"]).get(url).content.decode()


def test_a_change_through_the_api_names_the_tokens_user(coordinator, orgs, people):
    from tests.api.conftest import ApiClient

    status, _body = ApiClient(coordinator).patch(f"/organizations/{orgs[0].pk}", {"acronym": "CEE"})
    assert status == 200
    event = AuditEvent.objects.filter(model="directory.Organization", action=Action.CHANGED).latest("id")
    assert (event.user, event.actor) == (coordinator, "coordinator")
    assert event.changes == {"acronym": ["", "CEE"]} or event.changes == {"acronym": [None, "CEE"]}
