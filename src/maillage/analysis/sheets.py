"""Read the spreadsheets people have, as French Excel writes them: the one reader of every import.

Both ``maillage analyze`` (no Django) and the web/CLI importer read files through here, so a file that one
accepts the other accepts too.

* CSV: UTF-8 with or without BOM, UTF-16 (Excel's "Unicode text"), else Windows-1252; the delimiter
  (``;``, ``,`` or tab) is sniffed; blank lines are skipped and every cell is trimmed.
* XLSX: the first sheet; merged cells are filled with their value (a header merged over two columns
  names both), empty rows are skipped, dates become ISO text.
* A title row above the header ("Liste des partenaires 2024") is common: the header is the row, among
  the first ten, whose cells name the most known fields.
* Dates: ISO, or day/month/year with ``/``, ``-`` or ``.``; booleans as people write them (see
  :func:`maillage.analysis.vocabulary.parse_bool`).

Every row keeps its line number in the file, so a report points at the line people see in Excel. Errors
are :class:`SheetError` with a ``code``, so each caller words them in its own language.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass

from .headers import canonical_field

HEADER_SEARCH_ROWS = 10
Rows = list[tuple[int, list[str]]]


class SheetError(ValueError):
    """The file cannot be read as a table.

    ``code`` is ``"empty"``, ``"workbook"``, ``"line"`` (a CSV line that cannot be parsed) or ``"wide"`` (a
    row with more cells than the header); ``line``, ``cells`` and ``width`` say where and how.
    """

    def __init__(self, code: str, message: str, *, line: int = 0, cells: int = 0, width: int = 0) -> None:
        super().__init__(message)
        self.code, self.line, self.cells, self.width = code, line, cells, width


@dataclass
class Sheet:
    headers: list[str]
    rows: Rows  # (line number in the file, cells aligned on headers)
    header_line: int = 1


def decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252 (what French Excel writes)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def sniff_delimiter(text: str) -> str:
    lines = [line for line in text.splitlines()[:30] if line.strip()]
    try:
        return csv.Sniffer().sniff("\n".join(lines), delimiters=";,\t").delimiter
    except csv.Error:
        # The sniffer gives up on irregular files: take the delimiter most lines agree on.
        scores = {d: sum(1 for line in lines if d in line) for d in (";", "\t", ",")}
        best = max(scores, key=lambda d: scores[d])
        return best if scores[best] else ","


def csv_rows(raw: bytes) -> Rows:
    text = decode(raw)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    rows: Rows = []
    line = 0
    try:
        for cells in reader:
            start, line = line + 1, reader.line_num
            rows.append((start, [cell.strip() for cell in cells]))
    except csv.Error as error:
        raise SheetError("line", f"line {line + 1} cannot be read: {error}", line=line + 1) from None
    return rows


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def xlsx_rows(raw: bytes) -> Rows:
    from openpyxl import load_workbook

    try:
        # Not read-only: merged ranges are only known to a fully loaded sheet.
        sheet = load_workbook(io.BytesIO(raw), data_only=True).worksheets[0]
    except Exception:  # noqa: BLE001 - any unreadable workbook gets the same clear message
        raise SheetError("workbook", "this file is not a readable Excel (.xlsx) workbook") from None
    fill: dict[tuple[int, int], object] = {}
    for merged in sheet.merged_cells.ranges:
        value = sheet.cell(merged.min_row, merged.min_col).value
        for row in range(merged.min_row, merged.max_row + 1):
            for col in range(merged.min_col, merged.max_col + 1):
                fill[(row, col)] = value
    rows: Rows = []
    for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
        values = [fill.get((number, col), value) for col, value in enumerate(cells, start=1)]
        rows.append((number, [cell_text(value) for value in values]))
    return rows


def table_rows(raw: bytes) -> Rows:
    """The non-blank rows of a CSV or XLSX file (told apart by the zip signature of .xlsx)."""
    rows = xlsx_rows(raw) if raw.startswith(b"PK\x03\x04") else csv_rows(raw)
    return [(line, cells) for line, cells in rows if any(cells)]


def read_sheet(raw: bytes, score: Callable[[str], bool]) -> Sheet:
    """Header and body of a CSV or XLSX file; `score(header)` says whether a header names a known field."""
    rows = table_rows(raw)
    if not rows:
        raise SheetError("empty", "the file is empty")
    candidates = rows[:HEADER_SEARCH_ROWS]
    best = max(
        range(len(candidates)),
        key=lambda i: (sum(1 for cell in candidates[i][1] if cell and score(cell)), -i),
    )
    header_line, header = candidates[best]
    width = max(i + 1 for i, cell in enumerate(header) if cell) if any(header) else 0
    body: Rows = []
    for line, cells in rows[best + 1 :]:
        if len(cells) > width and any(cells[width:]):
            raise SheetError(
                "wide",
                f"{len(cells)} cells but the header has {width} (check the delimiter and quotes)",
                line=line, cells=len(cells), width=width,
            )  # fmt: skip
        body.append((line, (cells + [""] * width)[:width]))
    return Sheet(headers=header[:width], rows=body, header_line=header_line)


def read_table_sheet(raw: bytes, table: str) -> Sheet:
    """:func:`read_sheet` with the header vocabulary of ``table`` choosing the header row."""
    return read_sheet(raw, lambda header: canonical_field(table, header) is not None)


DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d", "%d/%m/%y")
_DATES: dict[str, datetime.date | None] = {}


def parse_date(text: str) -> datetime.date | None:
    """ISO or day/month/year (as French Excel writes it); None if it is neither.

    >>> parse_date("05/03/2024"), parse_date("2024-03-05 00:00:00"), parse_date("5.3.2024")
    (datetime.date(2024, 3, 5), datetime.date(2024, 3, 5), datetime.date(2024, 3, 5))
    """
    text = text.strip().split(" ")[0].split("T")[0]
    if text not in _DATES:
        if len(_DATES) > 100_000:  # distinct dates are few; a hostile file must not grow this forever
            _DATES.clear()
        _DATES[text] = _parse_date(text)
    return _DATES[text]


def _parse_date(text: str) -> datetime.date | None:
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
    return None
