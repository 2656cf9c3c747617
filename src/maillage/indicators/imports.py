"""Reading a file of indicator values (CSV or XLSX) for one network: element, period, value per row.

Tolerates what spreadsheets write: a UTF-8 byte-order mark or Windows-1252, semicolons or tabs,
decimal commas, French or English column names. Every problem is reported with its line; nothing
is written unless the whole file is clean (see `actions.do_import_values`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from maillage.exchange.reading import csv_rows, xlsx_rows
from maillage.indicators.actions import ValueRow
from maillage.indicators.models import DataElement, ElementSource, normalise_period

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 20_000
COLUMNS = {
    "element": {"element", "élément", "code", "data_element"},
    "period": {"period", "période", "periode", "année", "annee", "year"},
    "value": {"value", "valeur"},
}


@dataclass
class ParsedFile:
    rows: list[ValueRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lines: int = 0


def _table(data: bytes, filename: str) -> list[list[str]]:
    """The file's rows as text cells, read like every import (encodings, delimiters, merged cells)."""
    numbered = xlsx_rows(data) if filename.lower().endswith(".xlsx") else csv_rows(data)
    return [cells for _line, cells in numbered]


def parse_number(text: str) -> float | None:
    cleaned = text.strip().replace("\u202f", "").replace("\xa0", "").replace(" ", "").replace(",", ".")
    try:
        number = float(cleaned)
    except ValueError:
        return None
    return number if number == number and abs(number) < 1e15 else None


def check_value(element: DataElement, value: float) -> str:
    if element.min_value is not None and value < element.min_value:
        return _("below the smallest allowed value (%(n)s)") % {"n": element.min_value}
    if element.max_value is not None and value > element.max_value:
        return _("above the largest allowed value (%(n)s)") % {"n": element.max_value}
    return ""


def parse_values(data: bytes, filename: str) -> ParsedFile:
    result = ParsedFile()
    if len(data) > MAX_BYTES:
        result.errors.append(_("The file is larger than 2 MB."))
        return result
    try:
        table = _table(data, filename)
    except Exception:  # noqa: BLE001 - any unreadable file gets the same clear message
        result.errors.append(_("The file could not be read: save it as CSV or XLSX."))
        return result
    table = [row for row in table if any(cell.strip() for cell in row)]
    if not table:
        result.errors.append(_("The file is empty."))
        return result
    header = [cell.strip().lower() for cell in table[0]]
    positions = {}
    for name, aliases in COLUMNS.items():
        found = [i for i, title in enumerate(header) if title in aliases]
        if not found:
            result.errors.append(_("The column “%(name)s” is missing.") % {"name": name})
        else:
            positions[name] = found[0]
    if result.errors:
        return result
    if len(table) - 1 > MAX_ROWS:
        result.errors.append(_("The file has more than %(n)s rows.") % {"n": MAX_ROWS})
        return result
    elements = {e.code.lower(): e for e in DataElement.objects.filter(source=ElementSource.MANUAL)}
    seen: dict[tuple[str, str], int] = {}
    for line, row in enumerate(table[1:], start=2):
        result.lines += 1
        cells = {name: (row[i].strip() if i < len(row) else "") for name, i in positions.items()}
        problem, parsed = _parse_row(cells, elements)
        if parsed is not None:
            key = (parsed.element.code, parsed.period)
            if key in seen:
                problem = _("the same element and period are already on line %(line)s") % {"line": seen[key]}
            seen.setdefault(key, line)
        if problem:
            result.errors.append(_("Line %(line)s: %(problem)s.") % {"line": line, "problem": problem})
        elif parsed is not None:
            result.rows.append(parsed)
    return result


def _parse_row(cells: dict[str, str], elements: dict[str, DataElement]) -> tuple[str, ValueRow | None]:
    element = elements.get(cells["element"].lower())
    if element is None:
        return _("unknown data element “%(code)s”") % {"code": cells["element"][:60]}, None
    period = normalise_period(cells["period"].removesuffix(".0"))
    if period is None:
        return _("“%(text)s” is not a year or a quarter") % {"text": cells["period"][:20]}, None
    value = parse_number(cells["value"])
    if value is None:
        return _("“%(text)s” is not a number") % {"text": cells["value"][:20]}, None
    problem = check_value(element, value)
    return problem, None if problem else ValueRow(element, period, value)
