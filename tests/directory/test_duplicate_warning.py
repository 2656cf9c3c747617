"""The create form warns before a second copy of an organization is made.

Replayed friction (issue 21): the directory accepted an accent-free copy of an existing organization
without a word. The same normalised name, a close spelling or a look-alike decoy now shows the candidates
with links, and nothing is created until the person confirms.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from maillage.directory.duplicates import possible_duplicates
from maillage.directory.models import Organization
from tests.conftest import client_for
from tests.directory.test_views import organization_post


@pytest.fixture(autouse=True)
def _french_after():
    yield
    translation.activate("fr")


def _create(client, sectors, **overrides):
    return client.post(reverse("directory:organization_create"), organization_post(sectors, **overrides))


@pytest.mark.parametrize(
    "name",
    [
        "CENTRE D'ENTRAIDE EOLE inc.",  # the same normalised name
        "Centre d'entriade Éole",  # a typo: a close fuzzy match
        "Entraide Éole, centre d'",  # the same words in another order
        "\u0421entre d'entraide \u00c9ole",  # a Cyrillic С
    ],
)
def test_a_copy_of_an_existing_name_is_held_back_with_the_candidate_linked(coordinator, orgs, sectors, name):
    before = Organization.objects.count()
    response = _create(client_for(coordinator), sectors, name_fr=name)
    assert response.status_code == 200
    assert Organization.objects.count() == before
    page = response.content.decode()
    original = orgs[0]
    assert "pourrait déjà être dans le répertoire" in page
    assert reverse("directory:organization_detail", kwargs={"pk": original.pk}) in page
    assert [c.organization for c in response.context["duplicates"]] == [original]
    assert ("lettres sosies" in page) == ("\u0421" in name)


def test_confirming_creates_it_and_a_changed_name_is_checked_again(coordinator, orgs, sectors):
    client = client_for(coordinator)
    first = _create(client, sectors, name_fr="Centre d'entraide Eole")
    token = first.context["confirmation"]
    # The name changed after the warning: the confirmation was for another name, ask again.
    again = _create(client, sectors, name_fr="Centre d'entraide Éole 2", confirmed=token)
    assert again.status_code == 200 and again.context["duplicates"]
    done = _create(client, sectors, name_fr="Centre d'entraide Eole", confirmed=token)
    assert done.status_code == 302
    assert Organization.objects.filter(name_fr="Centre d'entraide Eole").count() == 1


def test_a_new_name_is_created_at_once(coordinator, orgs, sectors):
    response = _create(client_for(coordinator), sectors, name_fr="Carrefour jeunesse du Nord")
    assert response.status_code == 302
    assert Organization.objects.filter(name_fr="Carrefour jeunesse du Nord").exists()


def test_the_english_name_is_checked_too_and_the_index_follows_the_directory(orgs, sectors):
    assert possible_duplicates(["", "Pharmacy of the Corner"]) == []
    assert [c.organization for c in possible_duplicates(["", "Pharmacie du coin"])] == [orgs[4]]
    orgs[4].delete()
    assert possible_duplicates(["Pharmacie du coin"]) == []


def test_the_warning_speaks_english_on_english_pages(coordinator, orgs, sectors):
    with translation.override("en"):
        url = reverse("directory:organization_create")
    response = client_for(coordinator).post(url, organization_post(sectors, name_fr="Centre d'entriade Eole"))
    page = response.content.decode()
    assert "This organization may already be in the directory" in page
    assert "Create it anyway" in page
