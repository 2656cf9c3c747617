"""A coordinator's first visit, in a real browser: sign in, browse, search, switch language, record a tie."""

from __future__ import annotations

import re

import pytest

from maillage.directory.models import Organization
from maillage.networks.models import Membership, Network
from maillage.networks.views import FOLDED_MEMBERS
from maillage.ties.models import Tie
from tests.e2e.conftest import shot

pytestmark = pytest.mark.e2e


def test_coordinator_browses_the_network_and_records_a_tie(demo_world, sign_in, live_server):
    page = sign_in("coordination")
    assert page.locator("h1").inner_text() == "Vos réseaux"
    shot(page, "home-fr")
    network = Network.objects.order_by("pk").first()
    # Enough members for the list to be folded, and read only when opened.
    newcomers = Organization.objects.exclude(memberships__network=network)[:FOLDED_MEMBERS]
    Membership.objects.bulk_create(Membership(network=network, organization=o) for o in newcomers)
    page.click(f"a[href='/networks/{network.pk}/']")
    page.wait_for_selector("#members")
    assert network.name_fr in page.locator("h1").inner_text()
    assert page.locator("#member-table").count() == 0
    page.click("#members summary")
    page.wait_for_selector("#member-table")
    assert page.locator("#member-table tbody tr").count() == network.memberships.count()
    shot(page, "network-detail")

    page.click("text=Consigner un lien")
    first_value = page.locator("select[name=organization_a] option").nth(1).get_attribute("value")
    page.select_option("select[name=organization_a]", first_value)
    page.select_option("select[name=organization_b]", first_value)
    page.click("button.primary")
    assert "ne peut pas avoir de lien avec lui-même" in page.locator(".error").first.inner_text()
    shot(page, "tie-form-error")
    before = Tie.objects.filter(network=network).count()
    # Pick two members that have no tie yet.
    members = sorted(network.memberships.values_list("organization_id", flat=True))
    tied = set(Tie.objects.filter(network=network).values_list("organization_a_id", "organization_b_id"))
    a, b = next((x, y) for x in members for y in members if x < y and (x, y) not in tied)
    page.select_option("select[name=organization_a]", str(a))
    page.select_option("select[name=organization_b]", str(b))
    page.select_option("select[name=level]", "3")
    page.click("button.primary")
    page.wait_for_url(re.compile(r"/ties/\d+/$"))
    assert Tie.objects.filter(network=network).count() == before + 1
    assert "Lien consigné" in page.locator(".messages").inner_text()
    shot(page, "tie-detail")


def test_search_as_you_type_and_language_switch(demo_world, sign_in, live_server):
    page = sign_in("membre")
    page.goto(f"{live_server.url}/directory/organizations/")
    total = page.locator(".pagination span").first.inner_text()
    page.fill("input[name=q]", "ENTRAIDE")
    page.wait_for_function("(t) => document.querySelector('.pagination span')?.innerText !== t", arg=total)
    rows = page.locator("table.list tbody tr")
    assert rows.count() > 0
    assert all("entraide" in rows.nth(i).inner_text().lower() for i in range(rows.count()))
    assert "q=ENTRAIDE" in page.url  # the filtered list can be bookmarked
    shot(page, "organizations-search")

    page.click("button[value=en]")
    page.wait_for_url(re.compile(r"/en/"))
    assert page.locator("h1").inner_text() == "Organizations"
    assert page.locator("html").get_attribute("lang") == "en"
    shot(page, "organizations-en")
    page.click("button[value=fr]")
    page.wait_for_function("document.documentElement.lang === 'fr'")
    assert page.locator("h1").inner_text() == "Organismes"


def test_outsider_is_refused_another_networks_page(demo_world, sign_in, live_server):
    page = sign_in("autre")
    network = Network.objects.order_by("pk").first()
    response = page.goto(f"{live_server.url}/networks/{network.pk}/")
    assert response.status == 403
    assert "Accès refusé" in page.locator("h1").inner_text()
