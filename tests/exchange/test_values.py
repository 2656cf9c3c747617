"""Unknown sector, territory, level and role values: grouped, matched, accepted once, remembered."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from maillage.directory.models import Organization
from maillage.exchange.imports import Options, prepare
from maillage.exchange.models import ValueMapping
from maillage.exchange.values import suggest
from tests.exchange.files import csv_bytes

PARTNERS = [
    ["Liste des partenaires", "", "", "", ""],
    ["id", "nom", "secteur", "région", "municipalité"],
    ["P-001", "Maison des jeunes du Lac", "Santé et services sociaux", "Montréal", ""],
    ["P-002", "Cuisine Éole", "Éducation", "Montréal", ""],
    ["P-003", "OMH du Nord", "Habitation", "Montréal", ""],
    ["P-004", "Fonds Boréal", "Fondation", "montreal", ""],
    ["P-005", "Centre Sainte-Thérèse", "Santé et services sociaux", "Montréal", ""],
    ["P-006", "Café Pivot", "Organismes communautaires", "Montréal", ""],
]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    ("value", "expected"),
    [("Santé et services sociaux", "cisss"), ("Éducation", "school_service_centre"),
     ("Habitation", "housing_office"), ("Fondation", "foundation"),
     ("Organismes communautaires", "community_organization"), ("CLSCs", "clsc"),
     ("Pharmacie ", "pharmacy"), ("Pharmacei", "pharmacy"), ("Astrologie", None)],
)  # fmt: skip
def test_sector_values_get_proposals(value, expected, sectors):
    from maillage.analysis.vocabulary import match_key

    candidates = {}
    for sector in sectors.values():
        for text in (sector.code, sector.name_fr, sector.name_en):
            candidates.setdefault(match_key(text), sector.code)
    key = suggest("sector", value, candidates)
    assert (candidates[key] if key else None) == expected


def test_unknown_values_are_grouped_with_proposals_then_accepted(network_a, region):
    raw = csv_bytes(PARTNERS)
    plan = prepare("organizations", raw, network_a)
    # Nothing is taken on a guess: each unknown value waits for its answer.
    assert [row.status for row in plan.rows] == ["error"] * 6
    assert "Proposed: CISSS / CIUSSS." in plan.rows[0].message
    grouped = {(u["field"], u["value"]): (u["rows"], u["suggestion"]) for u in plan.unknown_values}
    assert grouped[("sector", "Santé et services sociaux")] == (2, "cisss")
    assert grouped[("sector", "Habitation")] == (1, "housing_office")
    assert grouped[("sector", "Organismes communautaires")] == (1, "community_organization")
    accepted = prepare("organizations", raw, network_a, options=Options(accept_suggestions=True))
    assert not accepted.has_errors
    sectors = {o.name_fr: o.sector.code for o in accepted.new_organizations}
    assert sectors["OMH du Nord"] == "housing_office" and sectors["Fonds Boréal"] == "foundation"
    assert {o.territory_id for o in accepted.new_organizations} == {region.pk}


def test_an_answer_corrects_a_proposal_and_beats_it(network_a):
    raw = csv_bytes(PARTNERS)
    answers = {"sector": {"Santé et services sociaux": "clsc"}}
    plan = prepare("organizations", raw, network_a, options=Options(values=answers, accept_suggestions=True))
    sectors = {o.name_fr: o.sector.code for o in plan.new_organizations}
    assert sectors["Maison des jeunes du Lac"] == "clsc" == sectors["Centre Sainte-Thérèse"]


def test_levels_and_roles_are_matched_too(network_a, orgs):
    ties = csv_bytes([["Organisme 1", "Organisme 2", "Niveau", "Date"],
                      [orgs[0].name_fr, orgs[1].name_fr, "Coopérations", "2024-01-01"],
                      [orgs[1].name_fr, orgs[2].name_fr, "Colaboration", "2024-01-01"]])  # fmt: skip
    plan = prepare("ties", ties, network_a)
    assert [row.status for row in plan.rows] == ["error", "error"]
    assert "Proposed: Cooperation." in plan.rows[0].message
    assert "Proposed: Collaboration." in plan.rows[1].message
    assert not prepare("ties", ties, network_a, options=Options(accept_suggestions=True)).has_errors
    members = csv_bytes([["Organisme", "Rôle"], [orgs[0].name_fr, "Présidente"]])
    plan = prepare("memberships", members, network_a, options=Options(accept_suggestions=True))
    assert plan.changed_memberships[0].role == "lead"  # already a member of network A: now its lead


def test_cli_map_value_and_accept_suggestions_are_remembered(tmp_path, network_a, capsys):
    path = tmp_path / "partenaires.csv"
    path.write_bytes(csv_bytes(PARTNERS))
    with pytest.raises(CommandError, match="6 rows have errors"):
        call_command("import", str(path), kind="organizations", network=str(network_a.pk))
    out = capsys.readouterr().out
    assert "sector “Santé et services sociaux” (2 rows) -> cisss (CISSS / CIUSSS)" in out
    call_command("import", str(path), kind="organizations", network=str(network_a.pk), apply=True,
                 accept_suggestions=True, map_value=["secteur:Éducation=community_organization"])  # fmt: skip
    assert Organization.objects.get(name_fr="Cuisine Éole").sector.code == "community_organization"
    assert Organization.objects.get(name_fr="OMH du Nord").sector.code == "housing_office"
    remembered = dict(ValueMapping.objects.filter(network=network_a).values_list("value", "target"))
    assert (
        remembered["santeetservicessociaux"] == "cisss"
        and remembered["education"] == "community_organization"
    )
    # The next file of the network needs no answer.
    path.write_bytes(csv_bytes([["Nom", "Secteur"], ["Nouvelle maison", "Santé et services sociaux"]]))
    call_command("import", str(path), kind="organizations", network=str(network_a.pk), apply=True)
    assert Organization.objects.get(name_fr="Nouvelle maison").sector.code == "cisss"
    with pytest.raises(CommandError, match="FIELD:VALUE=CODE"):
        call_command("import", str(path), kind="organizations", map_value=["couleur:bleu=1"])


def _checked_job(network, rows):  # type: ignore[no-untyped-def]
    from django.core.files.base import ContentFile

    from maillage.exchange.jobs import execute
    from maillage.exchange.models import ImportJob

    job = ImportJob(network=network, kind="organizations", filename="partenaires.csv", language="en")
    job.file.save("partenaires.csv", ContentFile(csv_bytes(rows)), save=True)
    return execute(job, apply=False)


@pytest.fixture
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.usefixtures("_media")
def test_the_web_values_screen_matches_remembers_and_checks_again(coordinator, network_a, region):
    from tests.conftest import client_for

    job = _checked_job(network_a, PARTNERS)
    assert job.counts["error"] == 6 and len(job.unknown_values) == 5
    client = client_for(coordinator)
    page = client.get(f"/en/imports/{job.pk}/").content.decode()
    assert "Values to match" in page and "Santé et services sociaux" in page
    assert 'value="cisss" selected' in page  # the proposal is preselected
    assert "new sector" not in page  # coordinators do not add sectors
    answers = {f"value_{i}": item["suggestion"] for i, item in enumerate(job.unknown_values)}
    response = client.post(f"/en/imports/{job.pk}/values/", answers)
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.state == "checked" and job.counts["error"] == 0 and job.unknown_values == []
    assert ValueMapping.objects.filter(network=network_a, target="housing_office").exists()


@pytest.mark.usefixtures("_media")
def test_only_administrators_add_a_sector_and_others_cannot_answer(people, network_a, admin):
    from maillage.directory.models import Sector
    from tests.conftest import client_for

    job = _checked_job(network_a, [["Nom", "Secteur"], ["Maison X", "Astrologie appliquée"]])
    forged = {"value_0": "__new__"}
    # The coordinator may answer, but the "new sector" choice is not one of theirs: refused, nothing added.
    assert client_for(people["coordinator"]).post(f"/en/imports/{job.pk}/values/", forged).status_code == 302
    for role in ("member", "outsider", "viewer"):
        assert client_for(people[role]).post(f"/en/imports/{job.pk}/values/", forged).status_code == 403
    assert client_for(None).post(f"/en/imports/{job.pk}/values/", forged).status_code == 302  # to sign in
    assert client_for(people["coordinator"]).get(f"/en/imports/{job.pk}/values/").status_code == 405
    assert not Sector.objects.filter(name_fr__startswith="Astro").exists()
    page = client_for(admin).get(f"/en/imports/{job.pk}/").content.decode()
    assert "new sector “Astrologie appliquée”" in page
    client_for(admin).post(f"/en/imports/{job.pk}/values/", forged)
    job.refresh_from_db()
    sector = Sector.objects.get(name_fr="Astrologie appliquée")
    assert job.counts["error"] == 0 and sector.code == "astrologie-appliquee"


def test_only_the_first_five_hundred_made_up_values_get_a_proposal(network_a):
    # Each proposal compares a value with every known name: a hostile file must not ask for 100,000.
    rows = [["Nom", "Secteur"]] + [[f"Maison {i}", f"Secteur inventé numéro {i}"] for i in range(3000)]
    plan = prepare("organizations", csv_bytes(rows), network_a)
    assert len(plan.unknown_values) == 500 and plan.counts["error"] == 3000
