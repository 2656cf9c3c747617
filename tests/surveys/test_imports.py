"""Importing answers from another tool's CSV: French Excel files, every error by line, all or nothing."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from maillage.surveys.imports import import_responses
from maillage.surveys.models import PartnerAnswer, Response
from tests.conftest import client_for
from tests.surveys.conftest import answer_fully, en

pytestmark = pytest.mark.usefixtures("english")


def test_a_french_excel_export_is_imported(open_wave, orgs):
    text = (
        "Évaluateur;Partenaire;Niveau;Formalité;Fréquence;Flux;Fiabilité;Ouverture;partnership_growth\r\n"
        f"{orgs[0].name_fr};{orgs[1].name_fr.upper()};coopération;formelle;weekly;referrals|information;4;;5\r\n"
        f"{orgs[0].pk};{orgs[2].pk};3;informel;;;2;3;\r\n"
        f"{orgs[3].name_fr};{orgs[0].name_fr};collaboration;;;;;;\r\n"
    )
    result = import_responses(open_wave, text.encode("cp1252"))  # what French Excel writes
    assert result.errors == [], result.errors
    assert (result.responses, result.answers) == (2, 3)
    first = PartnerAnswer.objects.get(response__invitation__organization=orgs[0], partner=orgs[1])
    assert (first.level, first.formality, first.frequency) == (2, "formal", "weekly")
    assert (first.referrals, first.information, first.reliability, first.openness) == (True, True, 4, None)
    response = Response.objects.get(invitation__organization=orgs[0])
    assert response.is_submitted and response.answers == {"partnership_growth": "5"}


def test_a_utf8_file_with_bom_and_commas(open_wave, orgs):
    text = f"source,target,level\n{orgs[1].pk},{orgs[2].pk},4\n"
    assert import_responses(open_wave, b"\xef\xbb\xbf" + text.encode()).errors == []
    assert PartnerAnswer.objects.get().level == 4


def test_every_bad_row_is_reported_and_nothing_saved(open_wave, orgs, network_b):
    outsider = network_b.memberships.get().organization
    text = (
        "source;target;level;reliability;flows;shared_vision\n"
        f"{orgs[0].pk};{orgs[1].pk};3;5;;\n"  # rating out of 1–4
        f"{orgs[0].pk};{orgs[0].pk};3;;;\n"  # itself
        f"{orgs[0].pk};{outsider.pk};3;;;\n"  # not a member
        f"<script>alert(1)</script>;{orgs[1].pk};3;;;\n"  # unknown respondent
        f"{orgs[1].pk};{orgs[2].pk};none;;;\n"  # level none
        f"{orgs[1].pk};{orgs[3].pk};2;;money;\n"  # unknown flow
        f"{orgs[2].pk};{orgs[3].pk};2;;;9\n"  # factor out of 1–5
        f"{orgs[3].pk};{orgs[2].pk};2;;;\n"  # fine
    )
    result = import_responses(open_wave, text.encode())
    lines = [error.split(":")[0] for error in result.errors]
    assert lines == [f"Line {n}" for n in range(2, 9)]
    assert not PartnerAnswer.objects.exists() and not Response.objects.exists()


def test_unknown_or_missing_columns_are_errors(open_wave, orgs):
    assert "Unknown columns: colour." in import_responses(open_wave, b"source;target;colour\n1;2;x\n").errors
    assert any("target" in e for e in import_responses(open_wave, b"source;level\n1;2\n").errors)
    assert import_responses(open_wave, b"").errors
    assert import_responses(open_wave, b"a;b\n1;2;3;4\n").errors  # more cells than the header
    assert import_responses(open_wave, b"x" * 2_000_001).errors == ["The file is larger than 2 MB."]


def test_a_respondent_who_already_answered_is_not_overwritten(open_wave, orgs):
    answer_fully(open_wave, orgs[0], {orgs[1]: {"level": 5}})
    result = import_responses(open_wave, f"source;target;level\n{orgs[0].pk};{orgs[2].pk};2\n".encode())
    assert result.errors and "already answered" in result.errors[0]
    assert list(PartnerAnswer.objects.values_list("level", flat=True)) == [5]


def test_the_import_page(open_wave, orgs, coordinator, member):
    url = en("surveys:wave_import", pk=open_wave.pk)
    assert client_for(member).get(url).status_code == 403
    upload = SimpleUploadedFile("a.csv", f"source;target;level\n{orgs[0].pk};{orgs[1].pk};9\n".encode())
    response = client_for(coordinator).post(url, {"file": upload})
    assert response.status_code == 400 and "Line 2" in response.content.decode()
    upload = SimpleUploadedFile("a.csv", f"source;target;level\n{orgs[0].pk};{orgs[1].pk};3\n".encode())
    assert client_for(coordinator).post(url, {"file": upload}).status_code == 302
    assert PartnerAnswer.objects.get().level == 3
