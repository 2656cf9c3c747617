"""Organization editing follows current membership, and adding an organization grants no rights over it.

The attacks replayed: a coordinator adds another network's organization to their own network and
then reads its contacts and edits it; a coordinator whose network's membership ended keeps both.
"""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from maillage.directory.models import Contact, Organization, Stewardship
from maillage.directory.permissions import can_edit_organization, editable_organization_ids
from maillage.exchange.plan import Context
from maillage.networks.models import Membership
from tests.conftest import client_for, make_organization

SECRET_CONTACT = "Hélène Secrète"


@pytest.fixture
def taken(network_a, network_b, orgs):
    """orgs[0] sits in A (its first network) with a contact; B's coordinator adds it to B."""
    Contact.objects.create(organization=orgs[0], full_name=SECRET_CONTACT, email="helene@example.org")
    Membership.objects.create(network=network_b, organization=orgs[0])
    return orgs[0]


def _page(user, organization) -> str:
    return (
        client_for(user)
        .get(reverse("directory:organization_detail", args=[organization.pk]))
        .content.decode()
    )


def test_adding_an_organization_to_ones_network_grants_nothing_over_it(taken, outsider):
    assert not can_edit_organization(outsider, taken)
    assert SECRET_CONTACT not in _page(outsider, taken)
    edit = reverse("directory:organization_edit", args=[taken.pk])
    assert client_for(outsider).get(edit).status_code == 403
    response = client_for(outsider).post(edit, {"name_fr": "Pris", "sector": taken.sector_id})
    assert response.status_code == 403
    assert Organization.objects.get(pk=taken.pk).name_fr == taken.name_fr


def test_an_ended_membership_grants_nothing(taken, coordinator, network_a):
    assert can_edit_organization(coordinator, taken)
    Membership.objects.filter(network=network_a, organization=taken).update(
        end_date=datetime.date.today() - datetime.timedelta(days=1)
    )
    assert not can_edit_organization(coordinator, taken)
    assert SECRET_CONTACT not in _page(coordinator, taken)


def test_a_membership_ending_later_still_counts(taken, coordinator, network_a):
    Membership.objects.filter(network=network_a, organization=taken).update(
        end_date=datetime.date.today() + datetime.timedelta(days=30)
    )
    assert can_edit_organization(coordinator, taken)


def test_a_coordinator_who_may_edit_confirms_the_other_network(taken, coordinator, outsider, network_b):
    page = _page(coordinator, taken)
    assert network_b.name in page and "stewards" in page
    url = reverse("directory:stewardship_confirm", args=[taken.pk, network_b.pk])
    response = client_for(coordinator).post(url)
    assert response.status_code == 302
    assert Stewardship.objects.filter(organization=taken, network=network_b).exists()
    assert can_edit_organization(outsider, taken)
    assert SECRET_CONTACT in _page(outsider, taken)


@pytest.mark.parametrize("role", ["member", "viewer", "outsider"])
def test_nobody_else_confirms(taken, people, network_b, role):
    url = reverse("directory:stewardship_confirm", args=[taken.pk, network_b.pk])
    assert client_for(people[role]).post(url).status_code == 403
    assert client_for(people[role]).get(url).status_code == 405
    assert not Stewardship.objects.exists()
    assert not can_edit_organization(people["outsider"], taken)


def test_an_administrator_confirms_and_anonymous_is_sent_to_sign_in(taken, admin, network_b):
    url = reverse("directory:stewardship_confirm", args=[taken.pk, network_b.pk])
    assert client_for(None).post(url).status_code == 302
    assert not Stewardship.objects.exists()
    assert client_for(admin).post(url).status_code == 302
    assert Stewardship.objects.filter(network=network_b, confirmed_by=admin).exists()


def test_a_network_that_is_not_pending_cannot_be_confirmed(taken, coordinator, network_a):
    url = reverse("directory:stewardship_confirm", args=[taken.pk, network_a.pk])
    assert client_for(coordinator).post(url).status_code == 403


def test_an_organization_in_no_network_is_completed_by_any_coordinator(outsider, sectors, network_a):
    fresh = make_organization("Nouvel organisme", sectors["community_organization"])
    assert can_edit_organization(outsider, fresh)
    Membership.objects.create(network=network_a, organization=fresh)
    assert not can_edit_organization(outsider, fresh)


def test_imports_ask_the_same_rule(taken, outsider, coordinator, orgs, network_b):
    context = Context(network_b, outsider)
    assert not context.may_edit(taken)
    assert context.editable == editable_organization_ids(outsider, context.organizations)
    assert Context(network_b, coordinator).may_edit(taken)
