"""Names without invisible or bidirectional control characters, and look-alike letters flagged.

Attacks replayed: an organization named with a zero-width space or a right-to-left override is a twin
nobody can tell from the original (or shows backwards in every list); a Cyrillic "С" makes a decoy of
"Centre …" that the duplicate check did not even see (its letters were dropped from the key).
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from maillage.directory.models import Organization
from maillage.directory.names import duplicate_candidates, normalize_name
from maillage.directory.text import has_lookalikes, strip_invisible
from maillage.exchange.actions import do_apply_plan
from maillage.exchange.imports import prepare
from tests.conftest import client_for, make_organization
from tests.directory.test_views import organization_post
from tests.exchange.files import csv_bytes

INVISIBLE = list("\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e")
INVISIBLE += list("\u2066\u2067\u2068\u2069\u061c")


@pytest.fixture(autouse=True)
def _french_after():
    """An English page leaves English active in the thread: hand the next test French again."""
    yield
    translation.activate("fr")


def _utf8(rows: list[list[str]]) -> bytes:
    return csv_bytes(rows, encoding="utf-8", bom=True)


@pytest.mark.parametrize("mark", INVISIBLE)
def test_every_invisible_or_bidi_control_is_stripped(mark):
    assert strip_invisible(f"Centre{mark} Éole{mark}") == "Centre Éole"


def test_the_form_saves_the_name_without_them(coordinator, sectors):
    name = "Maison\u200b de la famille \u202eBoréal\u202c"
    client, url = client_for(coordinator), reverse("directory:organization_create")
    # Without its invisible characters it is an existing name: the form asks first.
    held = client.post(url, organization_post(sectors, name_fr=name, acronym="M\u200dF"))
    assert held.status_code == 200 and not Organization.objects.filter(acronym="MF").exists()
    confirmed = organization_post(
        sectors, name_fr=name, acronym="M\u200dF", confirmed=held.context["confirmation"]
    )
    response = client.post(url, confirmed)
    assert response.status_code == 302
    saved = Organization.objects.get(acronym="MF")
    assert saved.name_fr == "Maison de la famille Boréal"


def test_any_save_strips_them_and_imports_too(network_a, orgs, sectors):
    twin = make_organization("CLSC\u200b du Parc", sectors["clsc"])
    assert twin.name_fr == "CLSC du Parc"
    plan = prepare(
        "organizations",
        csv_bytes([["Nom", "Secteur"], ["Nouvel\u2066 organisme\u2069", "CLSC"]], encoding="utf-8", bom=True),
        network_a,
    )
    do_apply_plan(plan)
    assert Organization.objects.filter(name_fr="Nouvel organisme").exists()


def test_lookalike_letters_are_seen_through_and_flagged():
    decoy = "\u0421entre d'entraide \u00c9ole"  # Cyrillic С
    assert has_lookalikes(decoy) and not has_lookalikes("Centre d'entraide Éole")
    assert not has_lookalikes("Москва")  # a name wholly in another script is not a decoy
    assert normalize_name(decoy) == normalize_name("Centre d'entraide Eole")
    [pair] = duplicate_candidates([(1, "Centre d'entraide Éole"), (2, decoy), (3, "Pharmacie du Coin")])
    assert (pair.first_id, pair.second_id, pair.score, pair.lookalike) == (1, 2, 100.0, True)


def test_the_duplicates_page_warns_about_the_lookalike(admin, orgs, sectors):
    make_organization("\u0421entre d'entraide \u00c9ole", sectors["community_organization"])
    with translation.override("fr"):  # the French path, under /en/
        url = "/en" + reverse("exchange:duplicates")
    page = client_for(admin).get(url).content.decode()
    assert "Look-alike letters" in page


def test_an_import_notes_a_lookalike_name(network_a, orgs):
    with translation.override("en"):
        plan = prepare(
            "organizations",
            csv_bytes([["Nom", "Secteur"], ["Ph\u0430rmacie du Bout", "CLSC"]], encoding="utf-8", bom=True),
            network_a,
        )
    assert "look-alike" in plan.rows[0].message
