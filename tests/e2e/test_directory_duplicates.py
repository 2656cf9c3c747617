"""A coordinator types the name of an organization already in the directory (without its accents, in
capitals, with "inc."): the form holds it back, lists the existing one with a link, and creates it only
once confirmed."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import shot

pytestmark = pytest.mark.e2e


@pytest.fixture
def coordinator_world(transactional_db):
    from django.apps import apps

    from maillage.accounts.models import Role, RoleKind
    from maillage.directory.models import Organization, Sector, Territory
    from maillage.directory.reference import load_reference_data
    from maillage.networks.models import Network, NetworkKind
    from tests.conftest import make_user

    load_reference_data(apps)  # a transactional test empties every table afterwards
    clsc = Sector.objects.get(code="clsc")
    original = Organization.objects.create(name_fr="Centre d'entraide Éole", sector=clsc)
    network = Network.objects.create(
        name_fr="Réseau A",
        name_en="Network A",
        kind=NetworkKind.COMMUNITY_PARTNERSHIP,
        territory=Territory.objects.get(code="RSS06"),
        lead_organization=original,
    )
    user = make_user("coordinatrice")
    Role.objects.create(user=user, network=network, kind=RoleKind.COORDINATOR)
    return original


def test_the_create_form_warns_about_a_duplicate_and_creates_it_once_confirmed(
    live_server, page, coordinator_world
):
    from maillage.directory.models import Organization
    from tests.conftest import PASSWORD

    original = coordinator_world
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "coordinatrice")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/directory/organizations/new/")
    page.fill("input[name=name_fr]", "CENTRE D'ENTRAIDE EOLE inc.")
    page.select_option("select[name=sector]", label="CLSC")
    page.click("form.form button[type=submit].primary")

    warning = page.locator("#possible-duplicates")
    warning.wait_for()
    assert "pourrait déjà être dans le répertoire" in warning.inner_text()
    link = warning.locator("a", has_text="Centre d'entraide Éole")
    assert link.get_attribute("href").endswith(f"/{original.pk}/")
    shot(page, "directory-duplicate-warning")
    assert Organization.objects.count() == 1  # nothing created yet

    page.click("form.form button[type=submit].primary", timeout=10_000)  # « Le créer quand même »
    page.wait_for_selector("text=Organisme créé")
    assert Organization.objects.filter(name_fr="CENTRE D'ENTRAIDE EOLE inc.").count() == 1
