"""A coordinator documents an initiative in a browser, sees the similarity warning, and finds it again."""

from __future__ import annotations

import re

import pytest

from maillage.initiatives.models import Initiative
from maillage.networks.models import Network
from tests.e2e.conftest import shot

pytestmark = pytest.mark.e2e


def test_coordinator_documents_an_initiative_and_finds_it(demo_world, sign_in, live_server):
    assert Initiative.objects.filter(is_example=True).count() == 6
    page = sign_in("coordination")
    network = Network.objects.order_by("pk").first()
    example = Initiative.objects.get(title_fr__startswith="Memphrémagog")
    example.networks.add(network)  # so the coordinator's similar panel has an initiative to show

    page.goto(f"{live_server.url}/initiatives/new/")
    page.fill("input[name=title_fr]", "Soutien aux travailleurs après des pertes d'emploi")
    page.select_option("select[name=territory]", str(example.territory_id))
    page.fill(
        "textarea[name=summary_fr]",
        "Soutien psychosocial aux ex-travailleurs licenciés et mobilisation des partenaires.",
    )
    page.wait_for_selector("#similar .similar")
    assert "Memphrémagog" in page.locator("#similar").inner_text()
    shot(page, "initiative-similar-warning")

    page.check(f"input[name=networks][value='{network.pk}']")
    page.select_option("select[name=visibility]", "public")
    page.fill("input[name='partners-0-name']", "Comptoir d'emploi fictif")
    page.fill("input[name='partners-0-role']", "Accueil des personnes")
    page.click("button.primary")
    page.wait_for_url(re.compile(r"/initiatives/\d+/$"))
    created = Initiative.objects.get(title_fr__startswith="Soutien aux travailleurs")
    assert "Comptoir d'emploi fictif" in page.locator("main").inner_text()
    shot(page, "initiative-detail")

    # Found on the public site, without signing in, with accents and case that differ.
    anonymous = page.context.browser.new_context(locale="fr-CA").new_page()
    anonymous.goto(f"{live_server.url}/observatoire/?q=TRAVAILLEUR+licencie")
    results = anonymous.locator(".initiative-list li")
    assert results.count() >= 1
    assert "Soutien aux travailleurs" in results.first.inner_text()
    shot(anonymous, "observatory-search")
    anonymous.click(f"a[href='/observatoire/{created.pk}/']")
    anonymous.click(f"a[href='/observatoire/{created.pk}/coup-doeil/']")
    anonymous.wait_for_selector(".glance-sheet")
    shot(anonymous, "initiative-glance")
    anonymous.context.close()
