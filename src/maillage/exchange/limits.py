"""What an imported file may hold, checked before it is read.

A 5 KB XLSX whose merged range covers A1:XFD1048576 made the reader fill 17 billion cells (gigabytes,
minutes); an HSDS zip of 2 MB expanded to 2 GB; an XML file nested a million levels deep. The upload
limit (50 MB) says nothing about what a file unpacks to. Each reader's entry point asks this module
first; every check reads only what it must (a zip's directory, the worksheet's XML streamed and
dropped as it goes) and refuses with a message in the user's language, before anything is built.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from typing import IO, NoReturn
from xml.etree.ElementTree import Element  # noqa: S405 - the type only; parsing goes through defusedxml

from defusedxml import ElementTree as SafeTree
from django.utils.translation import gettext as _

MAX_UNCOMPRESSED = 200_000_000  # what a zip (an XLSX or an HSDS package) may unpack to, in bytes
MAX_ZIP_ENTRIES = 2_000
MAX_RATIO = 200  # an entry unpacking to more than 200 times its packed size is a bomb, not a table
MAX_ROWS = 200_000
MAX_COLUMNS = 500
MAX_CELLS = 5_000_000
MAX_MERGED_CELLS = 1_000_000  # cells covered by merged ranges (each is filled with its value)
MAX_XML_DEPTH = 64
MAX_XML_ELEMENTS = 5_000_000
MIN_RATIO_SIZE = 1_000_000  # small entries may compress well (a sheet of blanks): the ratio applies above

CELL = re.compile(r"^\$?([A-Z]{1,3})\$?(\d{1,7})$")


class ReadError(ValueError):
    """The file cannot be read at all (the message is for the user); the readers (`reading`) raise it too."""


def _refuse(message: str) -> NoReturn:
    raise ReadError(message)


def _number(value: int) -> str:
    from django.utils.formats import number_format

    return number_format(value, force_grouping=True)


def check_rows(rows: int, columns: int) -> None:
    """A table's size so far: call as rows come, so that a huge file stops early."""
    if rows > MAX_ROWS:
        _refuse(_("The file has more than %(limit)s rows.") % {"limit": _number(MAX_ROWS)})
    if columns > MAX_COLUMNS:
        _refuse(_("The file has more than %(limit)s columns.") % {"limit": _number(MAX_COLUMNS)})


def check_zip(raw: bytes) -> zipfile.ZipFile:
    """The archive, once its directory says it is neither too big unpacked nor a bomb."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, OSError, ValueError):
        _refuse(_("This file is not a readable zip archive."))
    entries = archive.infolist()
    if len(entries) > MAX_ZIP_ENTRIES:
        _refuse(_("The archive holds more than %(limit)s files.") % {"limit": _number(MAX_ZIP_ENTRIES)})
    total = sum(info.file_size for info in entries)
    if total > MAX_UNCOMPRESSED:
        _refuse(
            _("The archive unpacks to more than %(limit)s MB.")
            % {"limit": _number(MAX_UNCOMPRESSED // 10**6)}
        )
    for info in entries:
        if info.file_size > MIN_RATIO_SIZE and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            _refuse(_("The archive holds a file that unpacks to far more than its size (a zip bomb)."))
    return archive


def _cell(reference: str) -> tuple[int, int] | None:
    match = CELL.match(reference.strip().upper())
    if match is None:
        return None
    letters, row = match.groups()
    column = 0
    for letter in letters:
        column = column * 26 + ord(letter) - 64
    return int(row), column


def range_area(reference: str) -> int:
    """Cells covered by "A1:C3" (9); an unreadable range counts as one cell."""
    first, _sep, last = reference.partition(":")
    start, end = _cell(first), _cell(last or first)
    if start is None or end is None:
        return 1
    return (abs(end[0] - start[0]) + 1) * (abs(end[1] - start[1]) + 1)


def _first_sheet(archive: zipfile.ZipFile) -> str | None:
    """The part of the workbook's first sheet (what openpyxl's `worksheets[0]` reads)."""
    names = set(archive.namelist())
    try:
        workbook = SafeTree.fromstring(archive.read("xl/workbook.xml"), forbid_dtd=True)
        relations = SafeTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"), forbid_dtd=True)
    except Exception:  # noqa: BLE001 - openpyxl will say the workbook is unreadable
        return None
    sheet = next((e for e in workbook.iter() if e.tag.endswith("}sheet")), None)
    if sheet is None:
        return None
    wanted = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), None)
    for relation in relations:
        if relation.get("Id") == wanted:
            target = relation.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
            return path if path in names else None
    return None


def check_xlsx(raw: bytes) -> None:
    """Refuse a workbook whose first sheet is too large, counting rows, cells and merged areas as the
    sheet's XML streams by (nothing of it is kept)."""
    archive = check_zip(raw)
    part = _first_sheet(archive)
    if part is None:
        return  # not a workbook we can look into: openpyxl refuses it with its own message
    rows = cells = merged = 0
    with archive.open(part) as stream:
        for _event, element in _iterparse(stream):
            tag = element.tag.rsplit("}", 1)[-1]
            if tag == "c":
                cells += 1
                if cells > MAX_CELLS:
                    _refuse(_("The sheet has more than %(limit)s cells.") % {"limit": _number(MAX_CELLS)})
            elif tag == "row":
                rows += 1
                check_rows(rows, 0)
                element.clear()
            elif tag == "mergeCell":
                merged += range_area(element.get("ref", ""))
                if merged > MAX_MERGED_CELLS:
                    _refuse(
                        _("The sheet's merged cells cover more than %(limit)s cells.")
                        % {"limit": _number(MAX_MERGED_CELLS)}
                    )
            elif tag == "dimension":
                _check_dimension(element.get("ref", ""))


def _check_dimension(reference: str) -> None:
    first, _sep, last = reference.partition(":")
    start, end = _cell(first), _cell(last or first)
    if start is not None and end is not None and abs(end[1] - start[1]) + 1 > MAX_COLUMNS:
        _refuse(_("The file has more than %(limit)s columns.") % {"limit": _number(MAX_COLUMNS)})


def _iterparse(stream: IO[bytes]):
    try:
        yield from SafeTree.iterparse(stream, events=("end",), forbid_dtd=True)
    except Exception as error:  # noqa: BLE001 - our own refusals pass; any parse failure is one message
        if isinstance(error, ReadError):
            raise
        _refuse(_("This file is not a readable Excel (.xlsx) workbook."))


def check_xml(raw: bytes, kind: str) -> None:
    """Refuse XML nested deeper than MAX_XML_DEPTH or with more than MAX_XML_ELEMENTS elements, and any
    DTD or entity (billion laughs), streaming without building the tree."""
    elements = 0
    open_elements: list[Element] = []
    try:
        for event, element in SafeTree.iterparse(
            io.BytesIO(raw), events=("start", "end"), forbid_dtd=True, forbid_entities=True
        ):
            if event == "start":
                open_elements.append(element)
                elements += 1
                if len(open_elements) > MAX_XML_DEPTH:
                    _refuse(
                        _("The %(kind)s file is nested more than %(limit)s levels deep.")
                        % {"kind": kind.upper(), "limit": MAX_XML_DEPTH}
                    )
                if elements > MAX_XML_ELEMENTS:
                    _refuse(
                        _("The %(kind)s file has more than %(limit)s elements.")
                        % {"kind": kind.upper(), "limit": _number(MAX_XML_ELEMENTS)}
                    )
            else:
                # The element just closed is its parent's last child: drop it, so memory stays flat.
                open_elements.pop()
                if open_elements:
                    del open_elements[-1][-1]
    except Exception as error:  # noqa: BLE001 - DTDs, entities, malformed XML: one clear message
        if isinstance(error, ReadError):
            raise
        _refuse(_("This file is not a readable %(kind)s file.") % {"kind": kind.upper()})
