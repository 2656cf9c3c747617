"""Hostile files are refused before they are read, within seconds and a few MB of memory.

Attacks replayed: a 5 KB XLSX whose merged range covers A1:XFD1048576 (4 GB in 40 s) or A1:Z200000
(2.4 GB, 143 s) in the column-mapping request; an HSDS zip of 2 MB unpacking to 2 GB; GraphML with a
billion-laughs DTD or nested a hundred thousand levels deep; CSV files with too many rows or columns.
"""

from __future__ import annotations

import io
import time
import tracemalloc
import zipfile

import pytest
from django.utils import translation

from maillage.exchange import limits
from maillage.exchange.graphs import read_graph
from maillage.exchange.hsds import read_hsds
from maillage.exchange.imports import headers_of
from maillage.exchange.reading import ReadError, csv_rows, read_sheet, xlsx_rows
from tests.exchange.files import xlsx_bytes

SECONDS = 5
MEGABYTES = 60


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def refused_quickly(read, *args):  # type: ignore[no-untyped-def]
    """Run a reader on a hostile file: it must raise ReadError within SECONDS and MEGABYTES."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(ReadError) as error:
            read(*args)
    finally:
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    elapsed = time.perf_counter() - started
    assert elapsed < SECONDS, f"{elapsed:.1f} s"
    assert peak < MEGABYTES * 10**6, f"{peak / 10**6:.0f} MB"
    return str(error.value)


def merged_xlsx(reference: str) -> bytes:
    """A tiny workbook whose first sheet merges `reference` (written into the XML: openpyxl itself would
    fill the range in memory to write it)."""
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes([["Nom", "Secteur"], ["Maison X", "CLSC"]])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                merge = f'<mergeCells count="1"><mergeCell ref="{reference}"/></mergeCells>'.encode()
                data = data.replace(b"</sheetData>", b"</sheetData>" + merge)
            target.writestr(info, data)
    return out.getvalue()


@pytest.mark.parametrize("reference", ["A1:XFD1048576", "A1:Z200000"])
def test_a_tiny_workbook_with_a_huge_merged_range_is_refused(reference):
    raw = merged_xlsx(reference)
    assert len(raw) < 10_000
    message = refused_quickly(read_sheet, raw, lambda header: True)
    assert "merged cells cover more than" in message
    # The column-mapping request and the indicators' import share the reader.
    refused_quickly(headers_of, "organizations", raw)
    refused_quickly(xlsx_rows, raw)


def test_the_message_is_in_the_users_language():
    with translation.override("fr"):
        message = refused_quickly(xlsx_rows, merged_xlsx("A1:XFD1048576"))
    assert "cellules fusionnées" in message and "1 000 000" in message.replace("\xa0", " ")


def test_a_small_merged_title_still_reads():
    raw = merged_xlsx("A1:B1")
    rows = xlsx_rows(raw)
    assert rows[0][1] == ["Nom", "Nom"]


def _zip_bomb(unpacked_mb: int) -> bytes:
    out = io.BytesIO()
    block = b"0" * 1_000_000
    with (
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open("organizations.csv", "w", force_zip64=True) as member,
    ):
        member.write(b"id,name\r\n")
        for _ in range(unpacked_mb):
            member.write(block)
    return out.getvalue()


def test_an_hsds_zip_bomb_is_refused_from_its_directory():
    raw = _zip_bomb(250)
    assert len(raw) < 2_000_000
    message = refused_quickly(read_hsds, raw)
    assert "unpacks to more than 200 MB" in message


def test_a_smaller_bomb_is_caught_by_its_ratio():
    message = refused_quickly(read_hsds, _zip_bomb(20))
    assert "zip bomb" in message


def test_an_xlsx_that_unpacks_too_far_is_refused():
    raw = _zip_bomb(250)  # any zip goes through the same directory check first
    assert "unpacks to more than" in refused_quickly(xlsx_rows, raw)


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph><node id="&lol9;"/></graph></graphml>"""


@pytest.mark.parametrize("kind", ["graphml", "gexf"])
def test_billion_laughs_is_refused(kind):
    assert "not a readable" in refused_quickly(read_graph, BILLION_LAUGHS, kind)


@pytest.mark.parametrize("kind", ["graphml", "gexf"])
def test_deep_nesting_is_refused(kind):
    depth = 100_000
    raw = b'<graphml xmlns="http://graphml.graphdrawing.org/xmlns">' + b"<a>" * depth + b"</a>" * depth
    raw += b"</graphml>"
    assert "nested more than 64 levels" in refused_quickly(read_graph, raw, kind)


def test_too_many_elements_are_refused(monkeypatch):
    monkeypatch.setattr(limits, "MAX_XML_ELEMENTS", 1000)
    nodes = b"".join(b'<node id="%d"/>' % i for i in range(2000))
    raw = b'<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph>' + nodes + b"</graph></graphml>"
    assert "more than 1,000 elements" in refused_quickly(read_graph, raw, "graphml")


def test_a_csv_with_too_many_rows_or_columns_is_refused(monkeypatch):
    monkeypatch.setattr(limits, "MAX_ROWS", 1000)  # the same check as at 200,000, without the wait
    rows = b"Nom;Secteur\r\n" + b"x;y\r\n" * 100_000
    assert "more than 1,000 rows" in refused_quickly(csv_rows, rows)
    wide = b";".join(b"c%d" % i for i in range(limits.MAX_COLUMNS + 1)) + b"\r\n"
    assert "more than 500 columns" in refused_quickly(csv_rows, wide)


def test_range_area_counts_cells():
    assert limits.range_area("A1:C3") == 9
    assert limits.range_area("A1:XFD1048576") == 16384 * 1048576
    assert limits.range_area("B2") == 1
