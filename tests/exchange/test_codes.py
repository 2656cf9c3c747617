"""Partners' own identifiers: a list's own codes, NEQ, and ties files that name partners by them."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils import translation

from maillage.directory.models import Organization
from maillage.exchange.actions import do_apply_plan
from maillage.exchange.imports import prepare
from maillage.exchange.models import ExternalId
from maillage.ties.models import Tie
from tests.exchange.files import csv_bytes


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_a_numbered_partner_list_does_not_update_organizations_with_those_ids(network_a, orgs):
    # Partner numbers 1..3 are also Maillage ids of other organizations: they are the list's own codes.
    ids = [o.pk for o in orgs[:3]]
    rows = [["id", "nom", "secteur"]] + [[str(pk), f"Partenaire {pk}", "CLSC"] for pk in ids]
    plan = prepare("organizations", csv_bytes(rows), network_a)
    assert [row.status for row in plan.rows] == ["created"] * 3
    assert "The id column does not hold Maillage ids: it is read as the list's own codes." in plan.notes
    do_apply_plan(plan)
    assert Organization.objects.get(pk=ids[0]).name_fr == orgs[0].name_fr  # untouched
    codes = dict(ExternalId.objects.values_list("value", "organization__name_fr"))
    assert codes[str(ids[0])] == f"Partenaire {ids[0]}"


def test_a_maillage_id_column_still_updates_and_renames(network_a, orgs):
    rows = [["Id", "Nom"], [str(orgs[1].pk), "CLSC du Parc (renommé)"], [f"#{orgs[2].pk}", orgs[2].name_fr]]
    plan = prepare("organizations", csv_bytes(rows), network_a)
    assert not plan.notes and [row.status for row in plan.rows] == ["updated", "unchanged"]


def test_codes_and_neq_are_kept_and_name_partners_in_ties_and_memberships(network_a, orgs):
    rows = [["Code", "Nom", "NEQ", "Secteur"], ["P-001", "Maison Alpha", "1143 456 789", "CLSC"],
            ["P-002", "Maison Bêta", "", "CLSC"], ["P-003", "Maison Gamma", "12", "CLSC"]]  # fmt: skip
    plan = prepare("organizations", csv_bytes(rows), network_a)
    assert [row.status for row in plan.rows] == ["created", "created", "error"]
    assert "not a Quebec enterprise number" in plan.rows[2].message
    plan.rows.pop()  # the bad row planned nothing: apply the others
    do_apply_plan(plan)
    alpha = Organization.objects.get(name_fr="Maison Alpha")
    assert set(alpha.external_ids.values_list("scheme", "value")) == {
        (f"code:{network_a.pk}", "P-001"),
        ("neq", "1143456789"),
    }
    ties = [["De", "Vers", "Niveau", "Date"], ["P-001", "p-002", "2", "2024-01-01"],
            ["1143456789", orgs[0].name_fr, "3", "2024-01-01"]]  # fmt: skip
    plan = prepare("ties", csv_bytes(ties), network_a)
    assert [row.status for row in plan.rows] == ["created", "created"], [r.message for r in plan.rows]
    # A later list matches by code even after a rename, and renames.
    renamed = prepare(
        "organizations", csv_bytes([["Code", "Nom"], ["P-001", "Maison Alpha-Oméga"]]), network_a
    )
    assert [row.status for row in renamed.rows] == ["updated"] and renamed.changed_organizations[alpha.pk]


def test_the_french_partner_list_and_its_ties_import_after_one_round_of_matching(tmp_path, network_a, region):
    partners = tmp_path / "partenaires.csv"
    partners.write_bytes(csv_bytes([
        ["id", "nom", "secteur", "région", "municipalité"],
        ["101", "Maison des jeunes du Lac", "Santé et services sociaux", "Montréal", "Rouyn-Noranda"],
        ["102", "Cuisine collective Éole", "Organismes communautaires", "Montréal", "Val-d'Or"],
        ["103", "Fondation Boréale", "Fondation", "Montréal", "Sept-Îles"],
    ]))  # fmt: skip
    ties = tmp_path / "liens.csv"
    ties.write_bytes(csv_bytes([["Organisme 1", "Organisme 2", "Niveau", "Formel", "Date"],
                                ["101", "102", "coopération", "oui", "31/03/2024"],
                                ["102", "103", "réseautage", "non", "31/03/2024"]]))  # fmt: skip
    call_command("import", str(partners), kind="organizations", network=str(network_a.pk), apply=True,
                 accept_suggestions=True)  # fmt: skip
    call_command("import", str(ties), kind="ties", network=str(network_a.pk), apply=True)
    lac = Organization.objects.get(name_fr="Maison des jeunes du Lac")
    assert lac.sector.code == "cisss" and lac.territory_id == region.pk
    assert Tie.objects.filter(network=network_a).count() == 2
    assert Tie.objects.get(network=network_a, current_level=2).current_formality == "formal"
