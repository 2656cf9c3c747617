"""A coordinator opens the network's scorecard and an indicator's chart in the browser."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import shot

pytestmark = pytest.mark.e2e


@pytest.fixture
def network_with_values(demo_world):
    from django.apps import apps

    from maillage.indicators.demo import build_indicator_demo
    from maillage.indicators.preload import load_registry
    from maillage.networks.models import Network

    load_registry(apps)  # a transactional test empties every table, the preloaded registry too
    network = Network.objects.filter(roles__user__username="coordination").get()
    build_indicator_demo([network])
    return network


def test_the_scorecard_and_a_chart(live_server, page, sign_in, network_with_values):
    sign_in("coordination")
    page.goto(f"{live_server.url}/en/indicators/network/{network_with_values.pk}/?year=2025")
    row = page.locator('tr[data-code="family_doctor_share"]')
    assert row.locator(".band").inner_text().strip() in {
        "Low",
        "Medium",
        "High",
    }  # the label is text, not only colour
    assert row.locator("svg.sparkline").count() == 1
    shot(page, "indicators-scorecard")
    row.locator("a").click()
    page.wait_for_selector('[data-chart][data-drawn="1"]', timeout=15_000)
    assert page.locator("table.list tbody tr").count() == 5  # 2021–2025: the years with values
    shot(page, "indicators-series")
