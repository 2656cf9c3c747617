"""XLSForms as pyxform, KoBo and ODK users write them (tests/surveys/samples, see SOURCES), read as pyxform
reads them: the same questions, metadata skipped, groups flattened, the rest refused by row and type."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import Workbook
from pyxform.question_type_dictionary import QUESTION_TYPE_DICT
from pyxform.xls2json_backends import csv_to_dict, md_table_to_workbook
from pyxform.xls2xform import convert

from maillage.surveys.xlsform import parse_xlsform_with_notes

SAMPLES = Path(__file__).parent / "samples"
ANSWERED = {"string": "text", "text": "text", "select one": "single", "select all that apply": "multiple"}

pytestmark = pytest.mark.usefixtures("english")


def xlsx(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def workbook_of(path: Path) -> bytes:
    """The sample as an .xlsx workbook, made by pyxform's own readers."""
    if path.suffix == ".md":
        return xlsx(md_table_to_workbook(path.read_text(encoding="utf-8")))
    book = Workbook()
    book.remove(book.active)
    for name, rows in csv_to_dict(str(path)).items():
        rows = [row for row in rows if isinstance(row, dict)] if isinstance(rows, list) else []
        if not rows or name.endswith("_header"):  # pyxform's own bookkeeping of the headers
            continue
        sheet = book.create_sheet(name)
        header = list(dict.fromkeys(key for row in rows for key in row))
        sheet.append(header)
        for row in rows:
            sheet.append([row.get(key) for key in header])
    return xlsx(book)


def pyxform_questions(path: Path) -> list[tuple[str, str, int]]:
    """(name, kind, number of choices) of the questions pyxform finds that a network survey can hold."""
    found = []

    def walk(node: dict) -> None:  # type: ignore[type-arg]
        for child in node.get("children", []):
            if child.get("type") == "group" and child.get("name") != "meta":
                walk(child)
            elif child.get("type") in ANSWERED:
                found.append((child["name"], ANSWERED[child["type"]], len(child.get("choices") or [])))

    walk(convert(xlsform=str(path))._pyxform)
    return found


def ours(questions: list[dict]) -> list[tuple[str, str, int]]:  # type: ignore[type-arg]
    return [(q["code"].removeprefix("xls-"), str(q["kind"]), len(q["choices"])) for q in questions]


def test_a_select_one_from_form_reads_as_pyxform_reads_it():
    path = SAMPLES / "pyxform-yes_or_no_question.md"
    questions, errors, _notes = parse_xlsform_with_notes(workbook_of(path))
    assert errors == []
    assert ours(questions) == pyxform_questions(path) == [("good_day", "single", 2)]
    assert questions[0]["text_en"] == "have you had a good day today?"  # label:english


def test_widgets_the_answerable_questions_are_pyxforms_and_each_other_type_is_named():
    path = SAMPLES / "pyxform-widgets.csv"
    questions, errors, notes = parse_xlsform_with_notes(workbook_of(path))
    assert ours(questions) == pyxform_questions(path)
    refused = {e.split(": the type ")[1].split(" is not")[0] for e in errors}
    assert refused == {"int", "decimal", "date", "time", "trigger", "geopoint", "barcode", "image", "audio",
                       "video", "dateTime"}  # fmt: skip
    assert "Sheet survey, row 3: the type int is not supported." in errors
    assert any("bind:constraint" in note and "control:appearance" in note for note in notes)


def test_groups_are_flattened_and_their_rows_are_not_questions():
    path = SAMPLES / "pyxform-group.md"
    _questions, errors, _notes = parse_xlsform_with_notes(workbook_of(path))
    # "begin group" and "end group" (which has no name) are not errors; the two number types are.
    assert errors == ["Sheet survey, row 4: the type phone number is not supported.",
                      "Sheet survey, row 5: the type integer is not supported."]  # fmt: skip


def test_a_loop_is_refused_by_row_and_type_and_or_specify_other_is_a_select():
    questions, errors, _notes = parse_xlsform_with_notes(workbook_of(SAMPLES / "pyxform-loop.md"))
    assert errors[0].startswith("Sheet survey, row 3: the type begin loop over toilet_type is not supported")
    assert ("available_toilet_types", "multiple", 3) in ours(questions)


def test_every_type_pyxform_fills_in_without_asking_is_skipped_with_a_note():
    metadata = sorted(name for name, spec in QUESTION_TYPE_DICT.items() if "control" not in spec)
    book = Workbook()
    survey = book.active
    survey.title = "survey"
    survey.append(["type", "name", "label::French (fr)", "label::English (en)"])
    for number, kind in enumerate([*metadata, "note"]):
        survey.append([kind, f"m{number}", None, None])
    survey.append(["begin_group", "g", "Partenariat", "Partnership"])
    survey.append(["text", "why", "Pourquoi ?", "Why?"])
    survey.append(["end_group", None, None, None])
    questions, errors, notes = parse_xlsform_with_notes(xlsx(book))
    assert errors == [] and [q["code"] for q in questions] == ["xls-why"]
    assert (questions[0]["text_fr"], questions[0]["text_en"]) == (
        "Partenariat › Pourquoi ?",
        "Partnership › Why?",
    )
    skipped = notes[-1]
    assert skipped.startswith("Rows that hold no answer were skipped:")
    assert all(f"{kind} (1)" in skipped for kind in [*metadata, "note"])


def test_a_long_choice_list_is_kept_whole():
    book = Workbook()
    survey = book.active
    survey.title = "survey"
    survey.append(["type", "name", "label"])
    survey.append(["select_one partners", "partner", "Partenaire principal"])
    choices = book.create_sheet("choices")
    choices.append(["list_name", "name", "label"])
    for number in range(1, 36):
        choices.append(["partners", f"p{number}", f"Partenaire {number}"])
    questions, errors, _notes = parse_xlsform_with_notes(xlsx(book))
    assert errors == [] and len(questions[0]["choices"]) == 35
