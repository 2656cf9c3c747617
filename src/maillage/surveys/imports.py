"""Import the relational answers of a wave from another survey tool's CSV export, with the same validation.

One row per (respondent, partner): `source` (or `évaluateur`, `rater`) and `target` (`partenaire`, `partner`)
name organizations by id or by name (French or English, accents and case ignored); then `level` (1–5 or a
name of the scale), `formality`, `frequency`, `flows` (codes separated by `|` or `,`), and the six 1–4
ratings. Respondent-level built-in questions may be given as columns named by their code (the impact and
factor items: `partnership_growth`, `shared_vision` …) on any row of that respondent. Any other column is an
error, never silently ignored. Files: UTF-8 with or without BOM, or Windows-1252; `;`, `,` or tab.
Everything is checked first; one error and nothing is saved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.analysis import InputError
from maillage.analysis.csvio import read_table
from maillage.analysis.vocabulary import parse_formality, parse_level
from maillage.directory.search import casefold_unaccented
from maillage.surveys.actions import survey_questions
from maillage.surveys.builtin import FLOWS, FREQUENCIES
from maillage.surveys.models import (
    FLOW_FIELDS,
    RATING_FIELDS,
    Invitation,
    PartnerAnswer,
    QuestionKind,
    QuestionScope,
    Response,
    Wave,
)

MAX_BYTES = 2_000_000
RELATIONAL = {"source", "target", "level", "formality", "frequency", "flows", *RATING_FIELDS}
ALIASES = {"frequence": "frequency", "frequency": "frequency", "flux": "flows", "flows": "flows"}
MAX_ERRORS = 30


@dataclass
class ImportResult:
    errors: list[str] = field(default_factory=list)
    responses: int = 0
    answers: int = 0


def import_responses(wave: Wave, raw: bytes) -> ImportResult:
    """Validate the whole file, then save it in one transaction; `errors` says what is wrong, by line."""
    result = ImportResult()
    if len(raw) > MAX_BYTES:
        result.errors.append(_("The file is larger than 2 MB."))
        return result
    if raw.startswith(b"PK\x03\x04"):  # an .xlsx file is a zip archive
        raw = _xlsx_as_csv(raw, result.errors)
        if result.errors:
            return result
    try:
        table = read_table(raw, "ties")
    except InputError as error:
        result.errors.append(str(error))
        return result
    table.columns = [ALIASES.get(casefold_unaccented(str(c)), c) for c in table.columns]
    scale_questions = {
        q.code: q
        for q in survey_questions(wave)
        if q.scope == QuestionScope.RESPONDENT and q.kind == QuestionKind.SCALE
    }
    unknown = [c for c in table.columns if c not in RELATIONAL and c not in scale_questions]
    if unknown:
        result.errors.append(_("Unknown columns: %(columns)s.") % {"columns": ", ".join(map(str, unknown))})
    for required in ("source", "target"):
        if required not in table.columns:
            result.errors.append(_("The column %(column)s is missing.") % {"column": required})
    if result.errors:
        return result
    invitations = {
        i.organization_id: i for i in Invitation.objects.filter(wave=wave).select_related("organization")
    }
    by_name = _names(i.organization for i in invitations.values())
    rows: dict[int, dict[int, dict[str, Any]]] = {}
    answers: dict[int, dict[str, str]] = {}
    for line, row in table.iterrows():
        # The table keeps read_csv's default index: its labels are the row numbers.
        values = _row(row, line, invitations, by_name, scale_questions, result.errors)  # type: ignore[arg-type]
        if values is None:
            continue
        source, target, fields, scales = values
        if target in rows.setdefault(source, {}):
            result.errors.append(_("Line %(line)s: this pair appears twice.") % {"line": line})
        rows[source][target] = fields
        answers.setdefault(source, {}).update(scales)
        if len(result.errors) >= MAX_ERRORS:
            break
    submitted = set(
        Response.objects.filter(invitation__wave=wave, submitted_at__isnull=False).values_list(
            "invitation__organization_id", flat=True
        )
    )
    for source in set(rows) & submitted:
        result.errors.append(
            _("%(name)s has already answered this wave.") % {"name": invitations[source].organization.name}
        )
    if not result.errors:
        _save(wave, invitations, rows, answers, result)
    return result


def _xlsx_as_csv(raw: bytes, errors: list[str]) -> bytes:
    """The first sheet of an XLSX file as CSV text, so both formats go through the same checks."""
    import csv
    import io

    from openpyxl import load_workbook

    try:
        sheet = load_workbook(io.BytesIO(raw), read_only=True, data_only=True).worksheets[0]
    except Exception:  # noqa: BLE001 - any unreadable file gets the same clear message
        errors.append(_("This XLSX file could not be read."))
        return b""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    for row in sheet.iter_rows(values_only=True):
        writer.writerow(["" if cell is None else cell for cell in row])
    return out.getvalue().encode()


def _names(organizations: Any) -> dict[str, int | None]:
    names: dict[str, int | None] = {}
    for organization in organizations:
        for name in {casefold_unaccented(organization.name_fr), casefold_unaccented(organization.name_en)} - {
            ""
        }:
            # The same name twice: ambiguous, the file must use the id.
            names[name] = None if name in names and names[name] != organization.pk else organization.pk
    return names


def _cell(row: Any, column: str) -> str:
    """A cell as text; empty cells (None or NaN from pandas) are ""."""
    value = row.get(column)
    return "" if value is None or value != value else str(value).strip()


def _organization(
    value: Any, invitations: dict[int, Invitation], by_name: dict[str, int | None]
) -> int | None:
    text = str(value)
    if text.isdigit() and int(text) in invitations:
        return int(text)
    return by_name.get(casefold_unaccented(text))


def _row(row: Any, line: int, invitations: dict, by_name: dict, scale_questions: dict, errors: list[str]):
    problems: list[str] = []
    source = _organization(_cell(row, "source"), invitations, by_name)
    target = _organization(_cell(row, "target"), invitations, by_name)
    if source is None:
        problems.append(_("unknown respondent %(value)s") % {"value": _cell(row, "source")[:80]})
    if target is None:
        problems.append(_("unknown partner %(value)s") % {"value": _cell(row, "target")[:80]})
    if source is not None and source == target:
        problems.append(_("an organization cannot name itself"))
    fields: dict[str, Any] = {}
    level = parse_level(_cell(row, "level"))
    if level is None or level == 0:
        problems.append(_("level must be 1 to 5 or a level of the scale"))
    fields["level"] = level
    formal = parse_formality(_cell(row, "formality") or "informal")
    if formal is None:
        problems.append(_("formality must be formal or informal"))
    fields["formality"] = "formal" if formal else "informal"
    frequency = casefold_unaccented(_cell(row, "frequency"))
    if frequency and frequency not in {code for code, _fr, _en in FREQUENCIES}:
        problems.append(_("unknown frequency %(value)s") % {"value": frequency[:40]})
    fields["frequency"] = frequency or "monthly"
    flows = {part.strip() for part in _cell(row, "flows").replace("|", ",").split(",") if part.strip()}
    if flows - {code for code, _fr, _en in FLOWS}:
        problems.append(_("unknown flows: %(value)s") % {"value": ", ".join(sorted(flows))[:80]})
    fields |= {flow: flow in flows for flow in FLOW_FIELDS}
    for rating in RATING_FIELDS:
        fields[rating] = _number(_cell(row, rating), 1, 4, rating, problems)
    scales = {}
    for code, question in scale_questions.items():
        value = _number(_cell(row, code), question.scale_min, question.scale_max, code, problems)
        if value is not None:
            scales[code] = str(value)
    if problems:
        errors.append(_("Line %(line)s: %(problems)s.") % {"line": line, "problems": "; ".join(problems)})
        return None
    return source, target, fields, scales


def _number(value: Any, low: int, high: int, name: str, problems: list[str]) -> int | None:
    text = str(value)
    if not text:
        return None
    if not text.isdigit() or not low <= int(text) <= high:
        problems.append(_("%(name)s must be %(low)s to %(high)s") % {"name": name, "low": low, "high": high})
        return None
    return int(text)


@transaction.atomic
def _save(wave: Wave, invitations: dict, rows: dict, answers: dict, result: ImportResult) -> None:
    now = timezone.now()
    for source, partners in rows.items():
        response, _created = Response.objects.update_or_create(
            invitation=invitations[source],
            defaults={"submitted_at": now, "answers": answers.get(source, {})},
        )
        response.partners.all().delete()
        PartnerAnswer.objects.bulk_create(
            PartnerAnswer(response=response, partner_id=target, **fields)
            for target, fields in partners.items()
        )
        result.responses += 1
        result.answers += len(partners)
