"""Read the spreadsheets people have, as French Excel writes them, into rows of text cells.

* CSV: UTF-8 with or without BOM, UTF-16 (Excel's "Unicode text"), else Windows-1252; the delimiter
  (``;``, ``,`` or tab) is sniffed; blank lines are skipped and every cell is trimmed.
* XLSX: the first sheet; merged cells are filled with their value (a header merged over two columns
  names both), empty rows are skipped, dates become ISO text.
* A title row above the header ("Liste des partenaires 2024") is common: the header is the row, among
  the first ten, whose cells name the most known fields.

Every row keeps its line number in the file, so the report points at the line people see in Excel.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from maillage.exchange import limits

MAX_BYTES = 50_000_000
HEADER_SEARCH_ROWS = 10


class ReadError(ValueError):
    """The file cannot be read at all (the message is for the user)."""


@dataclass
class Sheet:
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (line number in the file, cells aligned on headers)


def decode(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _delimiter(text: str) -> str:
    lines = [line for line in text.splitlines()[:30] if line.strip()]
    try:
        return csv.Sniffer().sniff("\n".join(lines), delimiters=";,\t").delimiter
    except csv.Error:
        # The sniffer gives up on irregular files: take the delimiter most lines agree on.
        scores = {d: sum(1 for line in lines if d in line) for d in (";", "\t", ",")}
        best = max(scores, key=lambda d: scores[d])
        return best if scores[best] else ","


def csv_rows(raw: bytes) -> list[tuple[int, list[str]]]:
    text = decode(raw)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    rows: list[tuple[int, list[str]]] = []
    line = 0
    try:
        for cells in reader:
            start, line = line + 1, reader.line_num
            rows.append((start, [cell.strip() for cell in cells]))
            limits.check_rows(len(rows), len(cells))
    except csv.Error as error:
        raise ReadError(
            _("Line %(line)s cannot be read: %(error)s") % {"line": line + 1, "error": error}
        ) from None
    return rows


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def xlsx_rows(raw: bytes) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    limits.check_xlsx(raw)  # sizes, cells and merged areas, before openpyxl builds anything
    try:
        # Not read-only: merged ranges are only known to a fully loaded sheet.
        sheet = load_workbook(io.BytesIO(raw), data_only=True).worksheets[0]
    except Exception:  # noqa: BLE001 - any unreadable workbook gets the same clear message
        raise ReadError(_("This file is not a readable Excel (.xlsx) workbook.")) from None
    fill: dict[tuple[int, int], object] = {}
    for merged in sheet.merged_cells.ranges:
        value = sheet.cell(merged.min_row, merged.min_col).value
        for row in range(merged.min_row, merged.max_row + 1):
            for col in range(merged.min_col, merged.max_col + 1):
                fill[(row, col)] = value
    rows: list[tuple[int, list[str]]] = []
    for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
        values = [fill.get((number, col), value) for col, value in enumerate(cells, start=1)]
        rows.append((number, [_cell_text(value) for value in values]))
    return rows


def read_sheet(raw: bytes, score: Callable[[str], bool]) -> Sheet:
    """Rows of a CSV or XLSX file; `score(header)` says whether a header names a known field."""
    if len(raw) > MAX_BYTES:
        raise ReadError(_("The file is larger than 50 MB."))
    rows = xlsx_rows(raw) if raw.startswith(b"PK\x03\x04") else csv_rows(raw)
    rows = [(line, cells) for line, cells in rows if any(cells)]
    if not rows:
        raise ReadError(_("The file is empty."))
    candidates = rows[:HEADER_SEARCH_ROWS]
    best = max(
        range(len(candidates)),
        key=lambda i: (sum(1 for cell in candidates[i][1] if cell and score(cell)), -i),
    )
    header_line, header = candidates[best]
    width = max(i + 1 for i, cell in enumerate(header) if cell) if any(header) else 0
    headers = header[:width]
    body: list[tuple[int, list[str]]] = []
    for line, cells in rows[best + 1 :]:
        if len(cells) > width and any(cells[width:]):
            raise ReadError(
                _("Line %(line)s has more cells than the header (check the delimiter and quotes).")
                % {"line": line}
            )
        body.append((line, (cells + [""] * width)[:width]))
    del header_line
    return Sheet(headers=headers, rows=body)
