"""A coordinator imports a French partner list (sectors and places as people type them, the list's own
codes), matches the unknown values once on the values screen, then imports a ties file that names the
partners by those codes."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import shot
from tests.exchange.files import csv_bytes

pytestmark = pytest.mark.e2e

PARTNERS = [
    ["Liste des partenaires 2024", "", "", "", ""],
    ["id", "nom", "secteur", "région", "municipalité"],
    [
        "P-101",
        "Maison des jeunes du Lac",
        "Santé et services sociaux",
        "Abitibi-Témiscamingue",
        "Rouyn-Noranda",
    ],
    ["P-102", "Cuisine collective Éole", "Organismes communautaires", "Abitibi-Témiscamingue", "Val-d'Or"],
    ["P-103", "Fondation Boréale du Nord", "Fondation", "Côte-Nord", "Sept-Îles"],
]
TIES = [
    ["Organisme 1", "Organisme 2", "Niveau", "Formel", "Date"],
    ["P-101", "P-102", "coopération", "oui", "31/03/2024"],
    ["P-102", "P-103", "réseautage", "non", "31/03/2024"],
]


def upload(page, live_server, network, kind: str, name: str, rows) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{live_server.url}/imports/network/{network.pk}/")
    page.select_option("select[name=kind]", kind)
    page.set_input_files(
        "input[name=file]", {"name": name, "mimeType": "text/csv", "buffer": csv_bytes(rows)}
    )
    page.click("form[enctype] button[type=submit]")


def apply(page) -> None:  # type: ignore[no-untyped-def]
    page.click("form[action$='/apply/'] button[type=submit]")
    page.wait_for_selector("p.notice")  # "Imported: every row below is in the database."


def test_a_french_partner_list_then_ties_by_its_codes(live_server, page, sign_in, demo_world):
    from maillage.directory.models import Organization, Territory
    from maillage.networks.models import Network
    from maillage.ties.models import Tie

    network = Network.objects.filter(roles__user__username="coordination").get()
    sign_in("coordination")
    upload(page, live_server, network, "organizations", "partenaires.csv", PARTNERS)
    values = page.locator("section.import-values")
    values.wait_for()
    assert page.locator("li.status-error").inner_text().startswith("3")
    health = values.get_by_label("Santé et services sociaux", exact=False)
    assert health.input_value() == "cisss"  # the proposal, preselected
    shot(page, "imports-values")
    values.locator("button[type=submit]").click()
    page.wait_for_selector("form[action$='/apply/']")
    apply(page)
    lac = Organization.objects.get(name_fr="Maison des jeunes du Lac")
    # The municipality's proposed match (the demo's RLS of Rouyn-Noranda) is more precise than the region.
    assert lac.sector.code == "cisss" and "Rouyn-Noranda" in lac.territory.name_fr
    assert lac.territory.path.startswith(Territory.objects.get(code="RSS08").path)
    upload(page, live_server, network, "ties", "liens.csv", TIES)
    page.wait_for_selector("form[action$='/apply/']")
    apply(page)
    partners = Organization.objects.filter(name_fr__in=[row[1] for row in PARTNERS[2:]])
    ties = Tie.objects.filter(network=network, organization_a__in=partners, organization_b__in=partners)
    assert sorted(ties.values_list("current_level", "current_formality")) == [(1, "informal"), (2, "formal")]
    shot(page, "imports-ties-applied")
