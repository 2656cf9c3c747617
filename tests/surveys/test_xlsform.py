"""XLSForm files for a wave's own questions, and XLSX exports of answers: every unsupported part is named."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from maillage.surveys.imports import import_responses
from maillage.surveys.models import PartnerAnswer, Question, WaveStatus
from maillage.surveys.xlsform import parse_xlsform, parse_xlsform_with_notes
from tests.conftest import client_for
from tests.surveys.conftest import en

pytestmark = pytest.mark.usefixtures("english")


def workbook(sheets: dict[str, list[list]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


SURVEY = [
    ["type", "name", "label::French (fr)", "label::English (en)", "hint::fr", "required", "parameters"],
    ["select_one yes_no", "renewed", "Renouveler l'entente ?", "Renew the agreement?", "", "yes", ""],
    ["select_multiple themes", "themes", "Thèmes", "Themes", "", "", ""],
    ["text", "ideas", "Vos idées", "", "Facultatif", "", ""],
    ["range", "climate", "Climat", "Climate", "", "", "start=1 end=7"],
]
CHOICES = [
    ["list_name", "name", "label::fr", "label::en"],
    ["yes_no", "yes", "Oui", "Yes"],
    ["yes_no", "no", "Non", "No"],
    ["themes", "housing", "Logement", "Housing"],
    ["themes", "food", "Alimentation", "Food"],
]


def test_a_valid_xlsform_gives_its_questions():
    questions, errors = parse_xlsform(
        workbook({"survey": SURVEY, "choices": CHOICES, "settings": [["form_title"]]})
    )
    assert errors == []
    by_code = {q["code"]: q for q in questions}
    assert by_code["xls-renewed"]["kind"] == "single" and by_code["xls-renewed"]["required"] is True
    assert by_code["xls-renewed"]["choices"][0] == {"code": "yes", "fr": "Oui", "en": "Yes"}
    assert by_code["xls-themes"]["kind"] == "multiple"
    assert (by_code["xls-ideas"]["kind"], by_code["xls-ideas"]["help_fr"]) == ("text", "Facultatif")
    assert (by_code["xls-climate"]["scale_min"], by_code["xls-climate"]["scale_max"]) == (1, 7)


def test_unsupported_or_misplaced_columns_types_and_sheets_are_named():
    survey = [
        ["type", "name", "label", "constraint", "list_name", "label::de"],
        ["geopoint", "where", "Où ?", "", "", ""],
        ["select_one missing", "pick", "Choisir", "", "", ""],
        ["text", "bad name!", "X", "", "", ""],
        ["text", "nolabel", "", "", "", ""],
        ["range", "wide", "Large", "", "", ""],
    ]
    _questions, errors, notes = parse_xlsform_with_notes(
        workbook({"survey": survey, "external_choices": [["a"]]})
    )
    text = "\n".join(errors)
    assert "The sheet external_choices is not supported." in text
    # Columns a real form carries (constraint, other languages) are named, never a refusal.
    assert "Sheet survey: columns not used (ignored): constraint, list_name (choices)." in notes
    assert "Sheet survey: only French and English texts are kept (ignored: label::de)." in notes
    assert "row 2: the type geopoint is not supported" in text
    assert "row 3: the choice list missing is missing" in text
    assert "row 4: the name bad name! is missing, invalid or used twice" in text
    assert "row 5: a label in French or English is needed" in text


def test_not_an_xlsform():
    assert parse_xlsform(b"type,name\ntext,a\n")[1] == ["This file is not an XLSForm (.xlsx) file."]
    assert parse_xlsform(workbook({"choices": CHOICES}))[1] == ["The survey sheet is missing."]


def test_the_coordinator_imports_an_xlsform_into_a_draft_wave(draft_wave, coordinator, member):
    url = en("surveys:question_import", pk=draft_wave.pk)
    data = workbook({"survey": SURVEY, "choices": CHOICES})
    assert client_for(member).post(url, {"file": SimpleUploadedFile("f.xlsx", data)}).status_code == 403
    response = client_for(coordinator).post(url, {"file": SimpleUploadedFile("f.xlsx", data)})
    assert response.status_code == 302
    assert Question.objects.filter(wave=draft_wave).count() == 4
    bad = workbook({"survey": [["type", "name", "label"], ["audio", "a", "A"]]})
    response = client_for(coordinator).post(url, {"file": SimpleUploadedFile("f.xlsx", bad)})
    assert response.status_code == 400 and "the type audio is not supported" in response.content.decode()
    draft_wave.status = WaveStatus.OPEN
    draft_wave.save()
    response = client_for(coordinator).post(url, {"file": SimpleUploadedFile("f.xlsx", data)})
    assert response.status_code == 400 and Question.objects.filter(wave=draft_wave).count() == 4


def test_answers_can_come_from_an_xlsx_export(open_wave, orgs):
    data = workbook(
        {"Réponses": [["Évaluateur", "Partenaire", "Niveau", "Fiabilité"], [orgs[0].pk, orgs[1].pk, 3, 4]]}
    )
    result = import_responses(open_wave, data)
    assert result.errors == []
    assert PartnerAnswer.objects.get().reliability == 4
    assert import_responses(open_wave, b"PK\x03\x04broken").errors == ["This XLSX file could not be read."]
