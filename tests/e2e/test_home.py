"""The home page in a real browser: a coordinator sees what needs them and follows an alert to the tie."""

from __future__ import annotations

import datetime

import pytest

from maillage.networks.models import Network
from maillage.ties.actions import ObservationData, do_observe
from maillage.ties.models import Tie
from tests.e2e.conftest import shot

pytestmark = pytest.mark.e2e


def _lose_a_tie(network: Network) -> Tie:
    """A tie of the network observed today at "none": lost since the last wave."""
    tie = Tie.objects.filter(network=network, current_level__gt=0).order_by("pk").first()
    assert tie is not None
    do_observe(tie, ObservationData(observed_on=datetime.date.today(), level=0))
    return tie


def test_coordinator_follows_the_alert_of_a_lost_tie(demo_world, sign_in, live_server):
    network = Network.objects.order_by("pk").first()
    tie = _lose_a_tie(network)
    page = sign_in("coordination")
    alert = page.locator(f"[data-alert=tie_lost] a[href='/ties/{tie.pk}/']")
    alert.wait_for()
    assert "Lien perdu" in alert.inner_text() and tie.organization_a.name in alert.inner_text()
    assert page.locator(f"[data-network='{network.pk}'] [data-key=ties]").count() == 1
    assert page.locator("[data-next-step]").count() == 1
    shot(page, "home-coordinator-fr")
    alert.click()
    page.wait_for_url(f"{live_server.url}/ties/{tie.pk}/")
    assert tie.organization_b.name in page.locator("h1").inner_text()

    page.goto(f"{live_server.url}/en/")
    page.locator(f"[data-alert=tie_lost] a[href='/en/ties/{tie.pk}/']").wait_for()
    assert page.locator("h1").inner_text() == "Your networks"
    assert "Tie lost" in page.locator("[data-alert=tie_lost]").first.inner_text()
    shot(page, "home-coordinator-en")


def test_member_home_in_both_languages_and_on_a_phone(demo_world, sign_in, live_server, browser):
    page = sign_in("membre")
    page.locator("[data-next-step]").wait_for()
    assert page.locator("[data-alert=wave_overdue]").count() == 0
    assert "/dashboards/network/" in page.locator("[data-next-step]").get_attribute("href")
    shot(page, "home-member-fr")
    page.goto(f"{live_server.url}/en/")
    page.locator("[data-next-step]").wait_for()
    shot(page, "home-member-en")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/")
    page.locator("[data-next-step]").wait_for()
    # Nothing wider than the phone: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "home-member-phone")


def test_admin_home_uses_a_wide_screen(demo_world, sign_in, live_server):
    page = sign_in("admin")
    page.set_viewport_size({"width": 1600, "height": 1000})
    page.locator("[data-next-step]").wait_for()
    assert page.locator(".home-cards .card").count() == 12
    # The column is wider than the former 1,200 px: four cards side by side.
    assert page.evaluate("document.querySelector('main').getBoundingClientRect().width") > 1500
    shot(page, "home-admin-wide")
