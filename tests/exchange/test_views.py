"""The import pages for each role, the whole web flow, hostile names, duplicates and merges."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from maillage.directory.models import Organization
from maillage.exchange.merge import do_merge_organizations
from maillage.exchange.models import HeaderMapping, ImportJob, JobState, MergeRecord
from maillage.networks.models import Membership
from maillage.ties.actions import ObservationData, do_create_tie
from maillage.ties.models import Tie, TieObservation
from tests.conftest import client_for
from tests.exchange.files import csv_bytes
from tests.exchange.helpers import make_job


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(client, network, rows, kind="organizations", name="partenaires.csv", **csv):  # type: ignore[no-untyped-def]
    data = {"kind": kind, "file": SimpleUploadedFile(name, csv_bytes(rows, **csv))}
    return client.post(reverse("exchange:start", kwargs={"pk": network.pk}), data)


def test_the_whole_flow_upload_map_check_apply(coordinator, network_a, orgs):
    client = client_for(coordinator)
    rows = [["Dénomination", "Secteur", "Couleur"], ["Défi, Québec", "Organisme communautaire", "bleu"]]
    response = upload(client, network_a, rows)
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("exchange:mapping", kwargs={"pk": job.pk})
    page = client.get(f"/en/imports/{job.pk}/mapping/")
    assert page.status_code == 200 and "Dénomination" in page.content.decode()
    response = client.post(
        reverse("exchange:mapping", kwargs={"pk": job.pk}), {"column_0": "name", "column_1": "sector"}
    )
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.state == JobState.CHECKED and job.counts["created"] == 1
    assert not Organization.objects.filter(name_fr="Défi, Québec").exists()  # a dry run writes nothing
    assert HeaderMapping.objects.get(network=network_a, header="denomination").field == "name"
    report = client.get(f"/en/imports/{job.pk}/").content.decode()
    assert "Apply the import" in report and "Défi, Québec" in report
    client.post(reverse("exchange:apply", kwargs={"pk": job.pk}))
    job.refresh_from_db()
    assert job.state == JobState.APPLIED
    created = Organization.objects.get(name_fr="Défi, Québec")
    assert Membership.objects.filter(network=network_a, organization=created).exists()
    # The next file with the same headers needs no mapping: remembered for the network.
    response = upload(client, network_a, rows[:1] + [["Autre", "CLSC", ""]])
    assert client.get(response["Location"])["Location"].endswith(f"/imports/{ImportJob.objects.first().pk}/")
    assert ImportJob.objects.first().state == JobState.CHECKED


def test_a_file_with_errors_cannot_be_applied(coordinator, network_a, orgs):
    client = client_for(coordinator)
    client.get(
        upload(client, network_a, [["Nom", "Secteur"], ["A", "Nulle part"], ["B", "CLSC"]])["Location"]
    )
    job = ImportJob.objects.get()
    # The file was checked in French (the language of the upload): its row messages are French.
    page = client.get(f"/imports/{job.pk}/").content.decode()
    assert "Secteur inconnu" in page and "Appliquer l'importation" not in page
    client.post(reverse("exchange:apply", kwargs={"pk": job.pk}))
    job.refresh_from_db()
    assert job.state == JobState.CHECKED
    assert not Organization.objects.filter(name_fr="B").exists()


def test_apply_checks_again_and_writes_nothing_if_the_directory_changed(coordinator, network_a, orgs):
    client = client_for(coordinator)
    rows = [["Organisme", "Rôle"], ["Pharmacie du Coin", "membre"]]
    client.get(upload(client, network_a, rows, kind="memberships")["Location"])
    job = ImportJob.objects.get()
    assert job.counts["created"] == 1
    orgs[4].delete()  # gone between the dry run and the apply
    client.post(reverse("exchange:apply", kwargs={"pk": job.pk}))
    job.refresh_from_db()
    assert job.state == JobState.CHECKED and job.counts["error"] == 1
    assert "rien n'a été importé" in job.message  # in the language of the coordinator who applied it


def test_script_names_are_escaped_on_the_report(coordinator, network_a, orgs):
    client = client_for(coordinator)
    response = upload(
        client, network_a, [["Name", "Sector"], ["<script>alert(1)</script>", "CLSC"]], encoding="utf-8"
    )
    client.get(response["Location"])
    job = ImportJob.objects.get()
    page = client.get(f"/en/imports/{job.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_report_is_paginated_and_filtered(coordinator, network_a):
    report = [
        {"line": i, "status": "error" if i % 2 else "created", "label": f"Org {i}", "message": ""}
        for i in range(2, 302)
    ]
    job = make_job(network_a, report=report, counts={"created": 150, "error": 150})
    client = client_for(coordinator)
    page = client.get(f"/en/imports/{job.pk}/").content.decode()
    assert "Org 101" in page and "Org 102" not in page and "Page 1 of 3" in page
    errors = client.get(f"/en/imports/{job.pk}/", {"status": "error"}).content.decode()
    assert "Org 3<" in errors and "Org 4<" not in errors


def test_wrong_file_type_is_refused_next_to_the_field(coordinator, network_a):
    response = upload(client_for(coordinator), network_a, [["a"]], kind="graphml", name="x.csv")
    assert response.status_code == 400
    assert response.context["form"].errors["file"]
    assert not ImportJob.objects.exists()


def test_unreadable_workbook_fails_with_a_message(coordinator, network_a):
    client = client_for(coordinator)
    data = {"kind": "organizations", "file": SimpleUploadedFile("x.xlsx", b"PK\x03\x04garbage")}
    client.post(reverse("exchange:start", kwargs={"pk": network_a.pk}), data)
    job = ImportJob.objects.get()
    client.get(reverse("exchange:mapping", kwargs={"pk": job.pk}))
    job.refresh_from_db()
    assert job.state == JobState.FAILED and job.message


@pytest.mark.parametrize("role", ["member", "outsider", "viewer"])
def test_others_cannot_upload_or_apply(people, network_a, role):
    client = client_for(people[role])
    assert upload(client, network_a, [["Nom", "Secteur"], ["X", "CLSC"]]).status_code == 403
    job = make_job(network_a)
    assert client.post(reverse("exchange:apply", kwargs={"pk": job.pk})).status_code == 403
    assert client.get(reverse("exchange:mapping", kwargs={"pk": job.pk})).status_code == 403
    job.refresh_from_db()
    assert job.state == JobState.CHECKED


def test_anonymous_visitors_are_sent_to_sign_in(network_a):
    job = make_job(network_a)
    for url in (
        reverse("exchange:mapping", kwargs={"pk": job.pk}),
        reverse("exchange:apply", kwargs={"pk": job.pk}),
    ):
        response = client_for(None).post(url)
        assert response.status_code == 302 and "login" in response["Location"]


def test_status_polls_while_running_and_reloads_when_done(coordinator, network_a):
    job = make_job(network_a, state=JobState.APPLYING, total=200, done=50)
    client = client_for(coordinator)
    running = client.get(reverse("exchange:status", kwargs={"pk": job.pk}), headers={"HX-Request": "true"})
    assert 'hx-trigger="every 1s"' in running.content.decode() and 'value="50"' in running.content.decode()
    job.state = JobState.APPLIED
    job.save()
    done = client.get(reverse("exchange:status", kwargs={"pk": job.pk}), headers={"HX-Request": "true"})
    assert done["HX-Refresh"] == "true"


def test_duplicates_page_lists_close_names(admin, orgs, sectors):
    Organization.objects.create(name_fr="CLSC DU PARC inc.", sector=sectors["clsc"])
    page = client_for(admin).get("/en/imports/duplicates/").content.decode()
    assert "CLSC DU PARC inc." in page and "Compare and merge" in page


def test_merge_moves_memberships_and_ties_and_keeps_history(admin, network_a, orgs, tie_a, sectors):
    twin = Organization.objects.create(
        name_fr="Centre d'entraide Eole Inc.", sector=sectors["community_organization"]
    )
    Membership.objects.create(network=network_a, organization=twin)
    # twin—CLSC duplicates tie_a (Éole—CLSC); twin—Éole would become a tie with itself; twin—Ville moves.
    do_create_tie(twin, orgs[1], network_a, ObservationData(observed_on=datetime.date(2024, 5, 1), level=4))
    do_create_tie(twin, orgs[0], network_a, ObservationData(observed_on=datetime.date(2024, 5, 1), level=1))
    do_create_tie(twin, orgs[3], network_a, ObservationData(observed_on=datetime.date(2024, 5, 1), level=2))
    response = client_for(admin).post(reverse("exchange:merge", kwargs={"keep": orgs[0].pk, "drop": twin.pk}))
    assert response.status_code == 302
    assert not Organization.objects.filter(pk=twin.pk).exists()
    tie_a.refresh_from_db()
    assert tie_a.observations.count() == 2 and tie_a.current_level == 4
    assert Tie.objects.filter(organization_a=orgs[0], organization_b=orgs[3]).exists()
    assert not Tie.objects.filter(organization_a=orgs[0], organization_b=orgs[0]).exists()
    assert Membership.objects.filter(network=network_a, organization=orgs[0]).count() == 1
    record = MergeRecord.objects.get()
    assert record.kept == orgs[0] and record.merged_name == "Centre d'entraide Eole Inc."
    assert record.details["ties_with_itself_removed"][0]["observations"][0]["level"] == 1
    assert TieObservation.objects.filter(tie__organization_a=orgs[0]).count() == 3


def test_merge_asks_for_confirmation_and_refuses_non_admins(people, orgs):
    url = reverse("exchange:merge", kwargs={"keep": orgs[3].pk, "drop": orgs[4].pk})
    page = client_for(people["admin"]).get(f"/en/imports/merge/{orgs[3].pk}/{orgs[4].pk}/").content.decode()
    assert "Merge two organizations" in page and Organization.objects.filter(pk=orgs[4].pk).exists()
    for role in ("coordinator", "member", "outsider", "viewer"):
        assert client_for(people[role]).post(url).status_code == 403
    assert Organization.objects.filter(pk=orgs[4].pk).exists()


def test_an_organization_cannot_be_merged_with_itself(orgs):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        do_merge_organizations(orgs[0], orgs[0])


def test_a_graphml_file_goes_through_the_attribute_mapping(coordinator, network_a, orgs):
    from tests.exchange.test_hsds_graphs import GRAPHML

    client = client_for(coordinator)
    data = {"kind": "graphml", "file": SimpleUploadedFile("reseau.graphml", GRAPHML.encode())}
    response = client.post(reverse("exchange:start", kwargs={"pk": network_a.pk}), data)
    job = ImportJob.objects.get()
    form = client.get(f"/en/imports/{job.pk}/mapping/")
    assert form.status_code == 200 and form.context["form"].initial["sector"] == "Secteur"
    missing_date = client.post(response["Location"], {"name": "Nom", "sector": "Secteur", "level": "Niveau"})
    assert missing_date.status_code == 400 and missing_date.context["form"].errors["default_date"]
    client.post(
        response["Location"],
        {"name": "Nom", "sector": "Secteur", "level": "Niveau", "default_date": "2024-06-01"},
    )
    job.refresh_from_db()
    assert job.state == JobState.CHECKED
    assert job.counts == {"created": 2, "updated": 0, "unchanged": 1, "error": 2}


def test_an_hsds_file_is_checked_without_mapping(coordinator, network_a, orgs):
    import json

    from tests.exchange.test_hsds_graphs import HSDS

    client = client_for(coordinator)
    data = {"kind": "hsds", "file": SimpleUploadedFile("annuaire.json", json.dumps(HSDS).encode())}
    response = client.post(reverse("exchange:start", kwargs={"pk": network_a.pk}), data)
    client.get(response["Location"])
    job = ImportJob.objects.get()
    assert job.state == JobState.CHECKED and job.counts["created"] == 1
    client.post(reverse("exchange:apply", kwargs={"pk": job.pk}))
    assert Organization.objects.filter(name_fr="Centre communautaire Défi").exists()


def test_a_missing_required_column_is_said_on_the_mapping_screen(coordinator, network_a, orgs):
    client = client_for(coordinator)
    upload(client, network_a, [["Organisme 1", "Organisme 2", "Niveau"], ["A", "B", "2"]], kind="ties")
    url = f"/en/imports/{ImportJob.objects.get().pk}/mapping/"
    page = client.get(url)
    assert page.status_code == 200
    posted = client.post(url, {"column_0": "source", "column_1": "target", "column_2": "level"})
    assert posted.status_code == 400
    assert "Observed on" in str(posted.context["form"].non_field_errors())


def test_the_columns_are_read_by_the_worker_and_the_page_waits_for_them(
    coordinator, network_a, orgs, settings
):
    rows = [["Dénomination", "Secteur", "Couleur"], ["Défi, Québec", "Organisme communautaire", "bleu"]]
    client = client_for(coordinator)
    upload(client, network_a, rows)
    job = ImportJob.objects.get()
    # What the worker stored: the headers; the mapping page offers them without reading the file again.
    assert job.state == JobState.UPLOADED and job.columns == {
        "headers": ["Dénomination", "Secteur", "Couleur"]
    }
    job.file.delete(save=False)
    assert "Dénomination" in client.get(f"/en/imports/{job.pk}/mapping/").content.decode()
    # While the worker has not read it yet, the page says so and polls the job's status.
    ImportJob.objects.filter(pk=job.pk).update(state=JobState.READING)
    waiting = client.get(f"/en/imports/{job.pk}/mapping/").content.decode()
    assert "being read in the background" in waiting and f"/imports/{job.pk}/status/" in waiting


def test_an_unreadable_file_fails_in_the_worker_with_its_reason(coordinator, network_a):
    client = client_for(coordinator)
    data = {"kind": "organizations", "file": SimpleUploadedFile("liste.xlsx", b"PK\x03\x04 not a workbook")}
    client.post(reverse("exchange:start", kwargs={"pk": network_a.pk}), data)
    job = ImportJob.objects.get()
    assert job.state == JobState.FAILED and job.message
