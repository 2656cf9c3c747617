"""A coordinator starts a new table in a browser and is told that it may already exist; the territory's
concertation page draws its overlap chart."""

from __future__ import annotations

import pytest
from django.apps import apps

from maillage.concertation.demo import build_concertation_demo
from maillage.concertation.models import Theme
from maillage.concertation.reference import load_themes
from tests.e2e.conftest import shot

pytestmark = pytest.mark.e2e


@pytest.fixture
def crowded(demo_world):  # type: ignore[no-untyped-def]
    load_themes(apps)  # emptied by the previous transactional test, like the other reference data
    return build_concertation_demo(seed=5)


def test_the_new_network_form_warns_that_the_table_may_already_exist(crowded, sign_in, live_server):
    page = sign_in("admin")
    page.goto(f"{live_server.url}/networks/new/")
    page.wait_for_selector("#similar-spaces", state="attached")
    page.select_option("select[name=territory]", str(crowded.territory.pk))
    food = Theme.objects.get(code="food_security")
    page.check(f"input[name=themes][value='{food.pk}']")
    page.wait_for_selector("#similar-spaces .similar-spaces")
    panel = page.locator("#similar-spaces").inner_text()
    assert "Cette table existe peut-être déjà" in panel
    assert any(space.name_fr in panel for space in crowded.spaces if "alimentaire" in space.name_fr)

    # The proposed members alone are enough: the hub sits in all seven tables.
    page.uncheck(f"input[name=themes][value='{food.pk}']")
    page.fill("textarea[name=proposed_members]", crowded.hub.name_fr)
    page.wait_for_selector("#similar-spaces li:has-text('1 des 1 membres proposés')")
    assert page.locator("#similar-spaces li").count() >= 7
    shot(page, "network-may-already-exist")


def test_the_concertation_page_draws_its_overlap_chart(crowded, sign_in, live_server):
    page = sign_in("admin")
    page.goto(f"{live_server.url}/concertation/territory/{crowded.territory.pk}/")
    page.wait_for_selector("[data-chart='chart-spec-overlap'][data-drawn='1']")
    assert page.locator("#pairs tr[data-pair]").count() >= 1
    shot(page, "concertation-territory")
