"""The importer reads spreadsheets with the analysis' reader: territories in several columns, booleans as
people write them, unknown columns ignored with a note."""

from __future__ import annotations

import pytest
from django.utils import translation

from maillage.directory.models import Territory, TerritoryKind
from maillage.exchange.actions import do_apply_plan
from maillage.exchange.imports import prepare
from maillage.ties.models import Formality, TieObservation
from tests.exchange.files import csv_bytes


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def town(rls):
    return Territory.objects.create(
        kind=TerritoryKind.COMMUNITY, code="T-VT", name_fr="Ville Test", parent=rls
    )


def test_a_region_column_is_a_territory_and_the_most_precise_known_one_wins(network_a, town, region):
    raw = csv_bytes(
        [["Nom", "Secteur", "Région", "Municipalité", "Couleur"],
         ["Maison A", "CLSC", "Montréal", "Ville Test", "bleu"],
         ["Maison B", "CLSC", "Montréal", "Village inconnu", ""],
         ["Maison C", "CLSC", "", "", ""],
         ["Maison D", "CLSC", "Nulle part", "", ""]]
    )  # fmt: skip
    plan = prepare("organizations", raw, network_a)
    assert [row.status for row in plan.rows] == ["created", "created", "created", "error"]
    territories = [o.territory_id for o in plan.new_organizations]
    assert territories == [town.pk, region.pk, None]
    assert "Unknown territory “Nulle part”" in plan.rows[3].message
    assert plan.notes == ["Columns not used (ignored): Couleur."]


def test_a_formal_column_holding_yes_or_no_gives_the_formality(network_a, orgs):
    raw = csv_bytes(
        [["Organisme 1", "Organisme 2", "Niveau", "Formel", "Date", "Références"],
         [orgs[0].name_fr, orgs[1].name_fr, "coopération", "oui", "31.03.2024", "X"],
         [orgs[1].name_fr, orgs[2].name_fr, "2", "non", "31-03-2024", ""],
         [orgs[2].name_fr, orgs[3].name_fr, "2", "vrai", "2024-03-31", "faux"]]
    )  # fmt: skip
    plan = prepare("ties", raw, network_a)
    assert [row.status for row in plan.rows] == ["created"] * 3, [r.message for r in plan.rows]
    do_apply_plan(plan)
    observations = TieObservation.objects.order_by("pk")
    assert [o.formality for o in observations] == [Formality.FORMAL, Formality.INFORMAL, Formality.FORMAL]
    assert [o.referrals for o in observations] == [True, False, False]


def test_the_job_page_shows_the_notes(client, coordinator, network_a, orgs):
    from tests.exchange.helpers import make_job

    job = make_job(network_a, notes=["Columns not used (ignored): Couleur."])
    client.force_login(coordinator)
    assert "Columns not used (ignored): Couleur." in client.get(f"/imports/{job.pk}/").content.decode()
