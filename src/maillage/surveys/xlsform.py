"""Import a coordinator's own questions from an XLSForm file, as KoBo, ODK and pyxform users write them.

Read: question types `text` (`string`), `select_one LIST` (`select one from LIST`), `select_multiple LIST`
(`select all that apply from LIST`), `range` (with `parameters` such as `start=1 end=5`); labels and hints in
French and English (`label`, `label::fr`, `label::French (fr)`, `label:english` …); `required`; choice lists
of any length (`list_name` or `list name`). Groups are flattened: their label becomes a heading in front of
their questions' text. Metadata (`start`, `end`, `today`, `deviceid`, `username`, `calculate`, `hidden` …)
and `note` rows hold no answer: they are skipped, and the report says so. So are columns this survey tool
has no use for (`constraint`, `relevant`, `appearance` …) and labels in other languages.

Refused, naming the row and the type: repeats (`begin repeat`, `begin loop`) and every other type (media,
GPS, numbers, dates …), a choice list that is missing, a name that is invalid or used twice, a question
without a French or English label. One error means nothing is saved.
"""

from __future__ import annotations

import io
import re
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from maillage.surveys.models import Question, QuestionKind, Wave, WaveStatus

SURVEY_COLUMNS = {"type", "name", "label", "hint", "required", "parameters"}
CHOICE_COLUMNS = {"list_name", "name", "label"}
# Rows that hold no answer a person gives: filled in by the device or computed (pyxform's types without a
# control), and notes, which only show text.
METADATA_TYPES = {
    "start", "end", "today", "deviceid", "subscriberid", "simserial", "phonenumber", "username", "email",
    "audit", "imei", "start-geopoint", "calculate", "hidden", "background-audio", "background-geopoint",
    "uri:deviceid", "uri:subscriberid", "uri:simserial", "uri:phonenumber", "uri:username", "uri:email",
    "get device id", "get subscriber id", "sim id", "get sim id", "get phone number", "get phonenumber",
    "add calculate prompt", "calculation", "xml-external", "csv-external", "note", "device id", "end time",
    "start time", "get start time", "get end time", "get today", "q calculate", "subscriber id",
}  # fmt: skip
SELECT_PREFIXES = {"select_one": "single", "select one from": "single", "select one": "single",
                   "select1": "single", "select_multiple": "multiple", "select multiple": "multiple",
                   "select all that apply from": "multiple", "select all that apply": "multiple"}  # fmt: skip
GROUP_BEGIN, GROUP_END = ("begin group", "begin_group"), ("end group", "end_group")
REPEATS = ("begin repeat", "begin_repeat", "begin loop", "begin_loop", "begin looped group")
SETTINGS_COLUMNS = {"form_title", "form_id", "version", "default_language"}
KNOWN_SHEETS = {"survey", "choices", "settings"}
MAX_QUESTIONS = 100
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]{0,40}$")


def _column(header: str) -> tuple[str, str]:
    """("label::English (en)") and ("label:english") -> ("label", "en"); ("label") -> ("label", "")."""
    text = str(header).strip()
    separator = (
        "::" if "::" in text else ":" if re.match(r"^(label|hint|media|image|audio|video):", text) else "::"
    )
    base, _sep, language = text.partition(separator)
    base = {"list name": "list_name"}.get(base.strip().lower(), base)
    language = language.strip().lower()
    match = re.search(r"\((\w\w)\)$", language)
    code = (
        match.group(1)
        if match
        else {"french": "fr", "english": "en", "français": "fr"}.get(language, language)
    )
    return base.strip().lower(), code


def _rows(sheet: Any) -> tuple[list[tuple[str, str]], list[tuple[int, list[Any]]]]:
    values = list(sheet.iter_rows(values_only=True))
    if not values:
        return [], []
    header = [_column(h) if h is not None else ("", "") for h in values[0]]
    rows = [
        (n, list(row)) for n, row in enumerate(values[1:], start=2) if any(c not in (None, "") for c in row)
    ]
    return header, rows


def _check_columns(sheet: str, header: list[tuple[str, str]], allowed: set[str], notes: list[str]) -> None:
    """Columns this survey tool does not use are named in the notes (a real form has many), never refused."""
    others = {"survey": SURVEY_COLUMNS, "choices": CHOICE_COLUMNS, "settings": SETTINGS_COLUMNS}
    ignored, languages = [], []
    for base, language in header:
        if not base:
            continue
        if base not in allowed:
            home = next((name for name, cols in others.items() if base in cols and name != sheet), None)
            ignored.append(f"{base} ({home})" if home else base)
        elif language not in ("", "fr", "en") and f"{base}::{language}" not in languages:
            languages.append(f"{base}::{language}")
    if ignored:
        notes.append(
            _("Sheet %(sheet)s: columns not used (ignored): %(columns)s.")
            % {"sheet": sheet, "columns": ", ".join(dict.fromkeys(ignored))}
        )
    if languages:
        notes.append(
            _("Sheet %(sheet)s: only French and English texts are kept (ignored: %(columns)s).")
            % {"sheet": sheet, "columns": ", ".join(languages)}
        )


def _texts(header: list[tuple[str, str]], row: list[Any], base: str) -> dict[str, str]:
    texts = {"fr": "", "en": ""}
    for (column, language), value in zip(header, row, strict=False):
        if column == base and value not in (None, "") and (language or "fr") in texts:
            texts[language or "fr"] = str(value).strip()[:500]
    return texts


def parse_xlsform(raw: bytes) -> tuple[list[dict[str, Any]], list[str]]:
    """The questions of the form as Question field values, and the errors (by sheet and row)."""
    questions, errors, _notes = parse_xlsform_with_notes(raw)
    return questions, errors


def parse_xlsform_with_notes(raw: bytes) -> tuple[list[dict[str, Any]], list[str], list[str]]:
    """The questions, the errors (nothing may be saved), and notes on what was skipped or ignored."""
    from openpyxl import load_workbook

    errors: list[str] = []
    notes: list[str] = []
    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any unreadable file gets the same clear message
        return [], [_("This file is not an XLSForm (.xlsx) file.")], []
    sheets = {name.strip().lower(): book[name] for name in book.sheetnames}
    for name in sorted(set(sheets) - KNOWN_SHEETS):
        errors.append(_("The sheet %(sheet)s is not supported.") % {"sheet": name})
    if "survey" not in sheets:
        return [], [*errors, _("The survey sheet is missing.")], notes
    header, rows = _rows(sheets["survey"])
    _check_columns("survey", header, SURVEY_COLUMNS, notes)
    choices = _choices(sheets.get("choices"), errors, notes)
    if "settings" in sheets:
        _check_columns("settings", _rows(sheets["settings"])[0], SETTINGS_COLUMNS, notes)
    questions = _survey(header, rows, choices, errors, notes)
    if len(questions) > MAX_QUESTIONS:
        errors.append(_("At most %(n)s questions.") % {"n": MAX_QUESTIONS})
    return questions[:MAX_QUESTIONS], errors, notes


def _survey(header, rows, choices, errors, notes) -> list[dict[str, Any]]:
    """The questions, groups flattened (their labels kept as headings), metadata and notes skipped."""
    questions: list[dict[str, Any]] = []
    names: set[str] = set()
    groups: list[dict[str, str]] = []  # labels of the open groups
    skipped: dict[str, int] = {}
    for number, row in rows:
        cells = {base: row[i] for i, (base, language) in enumerate(header) if not language and i < len(row)}
        kind = " ".join(str(cells.get("type") or "").split()).lower()
        where = _("Sheet survey, row %(row)s") % {"row": number}
        if kind in GROUP_BEGIN:
            groups.append(_texts(header, row, "label"))
        elif kind in GROUP_END:
            if groups:
                groups.pop()
        elif kind.startswith(REPEATS) or kind in ("end repeat", "end_repeat", "end loop", "end_loop"):
            errors.append(
                _("%(where)s: the type %(type)s is not supported (a repeated group has no place in a network "
                  "survey).") % {"where": where, "type": kind[:40]}
            )  # fmt: skip
        elif kind in METADATA_TYPES:
            skipped[kind] = skipped.get(kind, 0) + 1
        elif kind:
            question = _question(header, row, number, choices, names, errors)
            if question:
                questions.append(_with_headings(question, groups))
        elif any(c not in (None, "") for c in row):
            errors.append(_("%(where)s: the type is missing.") % {"where": where})
    if skipped:
        notes.append(
            _("Rows that hold no answer were skipped: %(types)s.")
            % {"types": ", ".join(f"{kind} ({count})" for kind, count in skipped.items())}
        )
    return questions


def _with_headings(question: dict[str, Any], groups: list[dict[str, str]]) -> dict[str, Any]:
    for language in ("fr", "en"):
        headings = [g[language] or g["fr"] or g["en"] for g in groups if g[language] or g["fr"] or g["en"]]
        text = question[f"text_{language}"]
        if headings and text:
            question[f"text_{language}"] = " › ".join([*headings, text])[:500]
    return question


def _choices(sheet: Any, errors: list[str], notes: list[str]) -> dict[str, list[dict[str, str]]]:
    lists: dict[str, list[dict[str, str]]] = {}
    if sheet is None:
        return lists
    header, rows = _rows(sheet)
    _check_columns("choices", header, CHOICE_COLUMNS, notes)
    position = {base: i for i, (base, language) in enumerate(header) if not language}
    for number, row in rows:
        list_name = _cell(row, position.get("list_name"))
        name = _cell(row, position.get("name"))
        texts = _texts(header, row, "label")
        if not list_name or not name or not (texts["fr"] or texts["en"]):
            errors.append(
                _("Sheet choices, row %(row)s: list_name, name and a label are needed.") % {"row": number}
            )
            continue
        lists.setdefault(list_name, []).append({"code": name[:40], **texts})
    return lists


def _cell(row: list[Any], index: int | None) -> str:
    if index is None or index >= len(row) or row[index] is None:
        return ""
    value = row[index]
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value).strip()


def _kind(text: str) -> tuple[str, str]:
    """("select one from yes_no") -> ("single", "yes_no"); ("string") -> ("text", "")."""
    for prefix in sorted(SELECT_PREFIXES, key=len, reverse=True):
        if text.startswith(prefix + " "):
            rest = text[len(prefix) :].split()
            if rest[1:] in ([], ["or_other"], ["or", "specify", "other"]):
                return SELECT_PREFIXES[prefix], rest[0] if rest else ""
    if text in ("text", "string"):
        return "text", ""
    return ("range", "") if text == "range" else ("", "")


def _question(header: list, row: list, number: int, choices: dict, names: set, errors: list):
    cells = {base: row[i] for i, (base, language) in enumerate(header) if not language and i < len(row)}
    kind_text = " ".join(str(cells.get("type") or "").split())
    name = str(cells.get("name") or "").strip()
    where = _("Sheet survey, row %(row)s") % {"row": number}
    texts = _texts(header, row, "label")
    kind, list_name = _kind(kind_text.lower())
    if not kind:
        errors.append(
            _("%(where)s: the type %(type)s is not supported.") % {"where": where, "type": kind_text[:40]}
        )
        return None
    if not NAME.match(name) or name in names:
        errors.append(
            _("%(where)s: the name %(name)s is missing, invalid or used twice.")
            % {"where": where, "name": name}
        )
        return None
    names.add(name)
    if not (texts["fr"] or texts["en"]):
        errors.append(_("%(where)s: a label in French or English is needed.") % {"where": where})
        return None
    hints = _texts(header, row, "hint")
    required = str(cells.get("required") or "").strip().lower() in ("yes", "true", "1", "oui", "true()")
    question: dict[str, Any] = {
        "code": f"xls-{name}", "text_fr": texts["fr"], "text_en": texts["en"], "help_fr": hints["fr"],
        "help_en": hints["en"], "choices": [], "required": required,
    }  # fmt: skip
    if kind == "text":
        question["kind"] = QuestionKind.TEXT
    elif kind in ("single", "multiple"):
        if list_name not in choices:
            errors.append(
                _("%(where)s: the choice list %(list)s is missing.") % {"where": where, "list": list_name}
            )
            return None
        question["kind"] = QuestionKind.SINGLE if kind == "single" else QuestionKind.MULTIPLE
        question["choices"] = choices[list_name]  # every choice: a long list is never cut
    else:
        found = dict(re.findall(r"(start|end)\s*=\s*(\d+)", str(cells.get("parameters") or "")))
        low, high = int(found.get("start", 1)), int(found.get("end", 5))
        if not 0 <= low < high <= 10:
            errors.append(_("%(where)s: a range goes from 0 or more up to 10 at most.") % {"where": where})
            return None
        question |= {"kind": QuestionKind.SCALE, "scale_min": low, "scale_max": high}
    return question


@transaction.atomic
def do_import_xlsform(wave: Wave, questions: list[dict[str, Any]]) -> int:
    """Add the parsed questions to a draft wave; a question of the same name is replaced."""
    if wave.status != WaveStatus.DRAFT:
        raise ValueError("only a draft wave takes new questions")
    start = 1000 + wave.custom_questions.count()
    for offset, data in enumerate(questions):
        Question.objects.update_or_create(
            wave=wave, code=data["code"], defaults={**data, "order": start + offset}
        )
    return len(questions)
