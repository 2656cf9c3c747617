"""The importer's side of the one spreadsheet reader (`maillage.analysis.sheets`): same rules as
`maillage analyze`, with the messages in the user's language and the web's size limit.

Every row keeps its line number in the file, so the report points at the line people see in Excel.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from maillage.analysis import sheets
from maillage.analysis.sheets import Sheet, decode
from maillage.exchange import limits
from maillage.exchange.limits import ReadError

MAX_BYTES = 50_000_000
HEADER_SEARCH_ROWS = sheets.HEADER_SEARCH_ROWS

__all__ = ["MAX_BYTES", "ReadError", "Sheet", "csv_rows", "decode", "read_sheet", "xlsx_rows"]


def _translated(error: sheets.SheetError) -> ReadError:
    messages = {
        "empty": _("The file is empty."),
        "workbook": _("This file is not a readable Excel (.xlsx) workbook."),
        "wide": _("Line %(line)s has more cells than the header (check the delimiter and quotes).")
        % {"line": error.line},
    }
    if error.code in messages:
        return ReadError(messages[error.code])
    detail = str(error).split(": ", 1)[-1]
    return ReadError(_("Line %(line)s cannot be read: %(error)s") % {"line": error.line, "error": detail})


def _checked(rows: list[tuple[int, list[str]]]) -> list[tuple[int, list[str]]]:
    limits.check_rows(len(rows), max((len(cells) for _line, cells in rows), default=0))
    return rows


def csv_rows(raw: bytes) -> list[tuple[int, list[str]]]:
    try:
        return _checked(sheets.csv_rows(raw))
    except sheets.SheetError as error:
        raise _translated(error) from None


def xlsx_rows(raw: bytes) -> list[tuple[int, list[str]]]:
    limits.check_xlsx(raw)  # sizes, cells and merged areas, before openpyxl builds anything
    try:
        return _checked(sheets.xlsx_rows(raw))
    except sheets.SheetError as error:
        raise _translated(error) from None


def read_sheet(raw: bytes, score: Callable[[str], bool]) -> Sheet:
    """Rows of a CSV or XLSX file; `score(header)` says whether a header names a known field."""
    if len(raw) > MAX_BYTES:
        raise ReadError(_("The file is larger than 50 MB."))
    if raw.startswith(b"PK\x03\x04"):
        limits.check_xlsx(raw)  # sizes, cells and merged areas, before openpyxl builds anything
    try:
        sheet = sheets.read_sheet(raw, score)
    except sheets.SheetError as error:
        raise _translated(error) from None
    limits.check_rows(len(sheet.rows), len(sheet.headers))
    return sheet
