"""Import a coordinator's own questions from an XLSForm file (the `survey` / `choices` / `settings` sheets).

Supported: question types `text`, `select_one LIST`, `select_multiple LIST`, `range` (with
`parameters` such as `start=1 end=5`) and `note`-free forms; columns `type`, `name`, `label`,
`label::fr` / `label::French (fr)`, `label::en` / `label::English (en)`, `hint` (same languages), `required`,
`parameters`; on `choices`: `list_name`, `name`, `label` (same languages); on `settings`: `form_title`,
`form_id`, `version`, `default_language`. Every other column, type or sheet is reported with its place —
never silently ignored — and one error means nothing is saved.
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
SETTINGS_COLUMNS = {"form_title", "form_id", "version", "default_language"}
KNOWN_SHEETS = {"survey", "choices", "settings"}
MAX_QUESTIONS = 100
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]{0,40}$")


def _column(header: str) -> tuple[str, str]:
    """("label::English (en)") -> ("label", "en"); ("label") -> ("label", "")."""
    base, _sep, language = str(header).strip().partition("::")
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


def _check_columns(sheet: str, header: list[tuple[str, str]], allowed: set[str], errors: list[str]) -> None:
    others = {"survey": SURVEY_COLUMNS, "choices": CHOICE_COLUMNS, "settings": SETTINGS_COLUMNS}
    for base, language in header:
        if not base:
            continue
        if base not in allowed:
            home = next((name for name, cols in others.items() if base in cols), None)
            if home:
                errors.append(
                    _("Sheet %(sheet)s: the column %(column)s belongs on the %(home)s sheet.")
                    % {"sheet": sheet, "column": base, "home": home}
                )
            else:
                errors.append(
                    _("Sheet %(sheet)s: the column %(column)s is not supported.")
                    % {"sheet": sheet, "column": base}
                )
        elif language not in ("", "fr", "en"):
            errors.append(
                _("Sheet %(sheet)s: only French and English labels are supported (%(column)s).")
                % {"sheet": sheet, "column": f"{base}::{language}"}
            )


def _texts(header: list[tuple[str, str]], row: list[Any], base: str) -> dict[str, str]:
    texts = {"fr": "", "en": ""}
    for (column, language), value in zip(header, row, strict=False):
        if column == base and value not in (None, ""):
            texts[language or "fr"] = str(value).strip()[:500]
    return texts


def parse_xlsform(raw: bytes) -> tuple[list[dict[str, Any]], list[str]]:
    """The questions of the form as Question field values, and the errors (by sheet and row)."""
    from openpyxl import load_workbook

    errors: list[str] = []
    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any unreadable file gets the same clear message
        return [], [_("This file is not an XLSForm (.xlsx) file.")]
    sheets = {name.strip().lower(): book[name] for name in book.sheetnames}
    for name in sorted(set(sheets) - KNOWN_SHEETS):
        errors.append(_("The sheet %(sheet)s is not supported.") % {"sheet": name})
    if "survey" not in sheets:
        return [], [*errors, _("The survey sheet is missing.")]
    header, rows = _rows(sheets["survey"])
    _check_columns("survey", header, SURVEY_COLUMNS, errors)
    choices = _choices(sheets.get("choices"), errors)
    if "settings" in sheets:
        _check_columns("settings", _rows(sheets["settings"])[0], SETTINGS_COLUMNS, errors)
    questions: list[dict[str, Any]] = []
    names: set[str] = set()
    for number, row in rows[:MAX_QUESTIONS]:
        question = _question(header, row, number, choices, names, errors)
        if question:
            questions.append(question)
    if len(rows) > MAX_QUESTIONS:
        errors.append(_("At most %(n)s questions.") % {"n": MAX_QUESTIONS})
    return questions, errors


def _choices(sheet: Any, errors: list[str]) -> dict[str, list[dict[str, str]]]:
    lists: dict[str, list[dict[str, str]]] = {}
    if sheet is None:
        return lists
    header, rows = _rows(sheet)
    _check_columns("choices", header, CHOICE_COLUMNS, errors)
    position = {base: i for i, (base, language) in enumerate(header) if not language}
    for number, row in rows:
        list_name = str(row[position["list_name"]] or "").strip() if "list_name" in position else ""
        name = str(row[position["name"]] or "").strip() if "name" in position else ""
        texts = _texts(header, row, "label")
        if not list_name or not name or not (texts["fr"] or texts["en"]):
            errors.append(
                _("Sheet choices, row %(row)s: list_name, name and a label are needed.") % {"row": number}
            )
            continue
        lists.setdefault(list_name, []).append({"code": name[:40], **texts})
    return lists


def _question(header: list, row: list, number: int, choices: dict, names: set, errors: list):  # type: ignore[no-untyped-def, type-arg]
    cells = {base: row[i] for i, (base, language) in enumerate(header) if not language and i < len(row)}
    kind_text = str(cells.get("type") or "").strip()
    name = str(cells.get("name") or "").strip()
    where = _("Sheet survey, row %(row)s") % {"row": number}
    texts = _texts(header, row, "label")
    parts = kind_text.split()
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
    required = str(cells.get("required") or "").strip().lower() in ("yes", "true", "1", "oui")
    question: dict[str, Any] = {
        "code": f"xls-{name}",
        "text_fr": texts["fr"],
        "text_en": texts["en"],
        "help_fr": hints["fr"],
        "help_en": hints["en"],
        "choices": [],
        "required": required,
    }
    if parts[:1] == ["text"] and len(parts) == 1:
        question["kind"] = QuestionKind.TEXT
    elif parts[:1] in (["select_one"], ["select_multiple"]) and len(parts) == 2:
        if parts[1] not in choices:
            errors.append(
                _("%(where)s: the choice list %(list)s is missing.") % {"where": where, "list": parts[1]}
            )
            return None
        question["kind"] = QuestionKind.SINGLE if parts[0] == "select_one" else QuestionKind.MULTIPLE
        question["choices"] = choices[parts[1]][:30]
    elif parts[:1] == ["range"] and len(parts) == 1:
        found = dict(re.findall(r"(start|end)\s*=\s*(\d+)", str(cells.get("parameters") or "")))
        low, high = int(found.get("start", 1)), int(found.get("end", 5))
        if not 0 <= low < high <= 10:
            errors.append(_("%(where)s: a range goes from 0 or more up to 10 at most.") % {"where": where})
            return None
        question |= {"kind": QuestionKind.SCALE, "scale_min": low, "scale_max": high}
    else:
        errors.append(
            _("%(where)s: the type %(type)s is not supported.") % {"where": where, "type": kind_text[:40]}
        )
        return None
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
