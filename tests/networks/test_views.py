from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.html import escape

from maillage.accounts.models import Role
from maillage.networks.models import Membership, Network
from tests.conftest import client_for


def network_post(rls, **overrides):
    data = {
        "name_fr": "Table des aînés",
        "name_en": "",
        "kind": "thematic_table",
        "scale": "local",
        "territory": rls.pk,
        "lead_organization": "",
        "description": "",
        "dynamic": "negotiation",
        "funding": "",
        "problem_origin": "",
        "actions": "",
        "facilitators": "",
        "difficulties": "",
        "start_date": "2024-01-01",
        "end_date": "",
    }
    data.update(overrides)
    return data


def test_a_coordinator_creates_a_network_and_coordinates_it(outsider, rls, orgs):
    response = client_for(outsider).post(
        reverse("networks:create"), network_post(rls, lead_organization=f"{orgs[0].name} [#{orgs[0].pk}]")
    )
    network = Network.objects.get(name_fr="Table des aînés")
    assert response.status_code == 302
    assert Role.objects.filter(user=outsider, network=network, kind="coordinator").exists()
    assert Membership.objects.get(network=network, organization=orgs[0]).role == "lead"


def test_dates_in_the_wrong_order_are_refused(coordinator, rls):
    response = client_for(coordinator).post(
        reverse("networks:create"), network_post(rls, end_date="2023-01-01")
    )
    assert "end_date" in response.context["form"].errors
    assert "précède la date de début" in response.context["form"].errors["end_date"][0]
    assert not Network.objects.filter(name_fr="Table des aînés").exists()


def test_adding_a_member_twice_is_refused(coordinator, network_a, orgs):
    url = reverse("networks:membership_add", kwargs={"pk": network_a.pk})
    client = client_for(coordinator)
    added = client.post(url, {"organization": f"{orgs[4].name} [#{orgs[4].pk}]", "role": "member"})
    assert added.status_code == 302
    again = client.post(url, {"organization": f"{orgs[4].name} [#{orgs[4].pk}]", "role": "member"})
    assert "organization" in again.context["form"].errors
    assert network_a.memberships.filter(organization=orgs[4]).count() == 1


def test_a_member_is_picked_by_exact_name_too(coordinator, network_a, orgs):
    url = reverse("networks:membership_add", kwargs={"pk": network_a.pk})
    response = client_for(coordinator).post(url, {"organization": "pharmacie du coin", "role": "observer"})
    assert response.status_code == 302
    assert network_a.memberships.get(organization=orgs[4]).role == "observer"


def test_ending_a_membership_keeps_it_and_removing_asks_first(coordinator, network_a, orgs):
    membership = network_a.memberships.get(organization=orgs[1])
    client = client_for(coordinator)
    edit = reverse("networks:membership_edit", kwargs={"pk": network_a.pk, "membership_pk": membership.pk})
    wrong = client.post(edit, {"role": "member", "start_date": "2020-01-01", "end_date": "2019-01-01"})
    assert "end_date" in wrong.context["form"].errors
    client.post(edit, {"role": "member", "start_date": "2020-01-01", "end_date": "2024-06-30"})
    membership.refresh_from_db()
    assert membership.end_date == datetime.date(2024, 6, 30)
    delete = reverse(
        "networks:membership_delete", kwargs={"pk": network_a.pk, "membership_pk": membership.pk}
    )
    confirmation = client.get(delete)
    assert confirmation.status_code == 200 and Membership.objects.filter(pk=membership.pk).exists()
    client.post(delete)
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_network_list_is_limited_to_readable_networks(member, viewer, admin, network_a, network_b):
    assert [n.pk for n in client_for(member).get(reverse("networks:list")).context["page"].object_list] == [
        network_a.pk
    ]
    assert [n.pk for n in client_for(viewer).get(reverse("networks:list")).context["page"].object_list] == [
        network_a.pk
    ]
    assert client_for(admin).get(reverse("networks:list")).context["page"].paginator.count == 2


def test_network_page_shows_ties_as_of_a_date(member, network_a, tie_a, orgs):
    url = reverse("networks:detail", kwargs={"pk": network_a.pk})
    client = client_for(member)
    assert client.get(url).context["page"].paginator.count == 1
    assert client.get(url, {"as_of": "2022-12-31"}).context["page"].paginator.count == 0
    bad_date = client.get(url, {"as_of": "31/31/2024"})
    assert bad_date.status_code == 200
    assert "as_of" in bad_date.context["tie_form"].errors


def _fill(network, sectors, count):
    from tests.conftest import make_organization

    for i in range(count):
        organization = make_organization(f"Membre <b>{i:03d}</b>", sectors["community_organization"])
        Membership.objects.create(network=network, organization=organization, role="member")


def test_a_short_member_list_is_shown_open_on_the_network_page(coordinator, network_a, orgs):
    response = client_for(coordinator).get(reverse("networks:detail", kwargs={"pk": network_a.pk}))
    html = response.content.decode()
    assert response.context["members"] is not None
    assert "<details open>" in html and 'id="member-table"' in html
    assert escape(orgs[0].name) in html


def test_a_long_member_list_is_folded_and_read_only_when_opened(coordinator, network_a, orgs, sectors):
    from maillage.networks.views import FOLDED_MEMBERS

    _fill(network_a, sectors, FOLDED_MEMBERS)
    client = client_for(coordinator)
    detail = client.get(reverse("networks:detail", kwargs={"pk": network_a.pk}))
    html = detail.content.decode()
    total = network_a.memberships.count()
    members_url = reverse("networks:members", kwargs={"pk": network_a.pk})
    assert detail.context["members"] is None and 'id="member-table"' not in html
    assert f'hx-get="{members_url}"' in html and f"{total} adhésions" in html
    assert detail.context["member_count"] == total  # none has ended

    fragment = client.get(members_url, headers={"HX-Request": "true"}).content.decode()
    assert fragment.startswith('<table class="list" id="member-table">') and "<html" not in fragment
    assert fragment.count("<tr") == total + 1  # the header row and one row per membership
    assert "Membre &lt;b&gt;000&lt;/b&gt;" in fragment and "<b>000" not in fragment

    page = client.get(members_url).content.decode()  # without JavaScript: a page of its own
    assert "<html" in page and 'id="member-table"' in page and "Ajouter un membre" in page
