"""Messy files as people make them, built in the tests (no fixtures on disk)."""

from __future__ import annotations

import io


def csv_bytes(
    rows: list[list[str]], delimiter: str = ";", encoding: str = "cp1252", bom: bool = False
) -> bytes:
    text = "\r\n".join(delimiter.join(cells) for cells in rows) + "\r\n"
    raw = text.encode(encoding)
    return (b"\xef\xbb\xbf" + raw) if bom else raw


def xlsx_bytes(rows: list[list[object]], merge: list[str] | None = None) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for cells in merge or []:
        sheet.merge_cells(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
