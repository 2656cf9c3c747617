from __future__ import annotations

import datetime

import pytest

from maillage.exchange.headers import known_header
from maillage.exchange.plan import parse_date
from maillage.exchange.reading import ReadError, read_sheet
from tests.exchange.files import csv_bytes, xlsx_bytes


def organizations_score(header: str) -> bool:
    return known_header("organizations", header)


def test_it_reads_french_excel_csv_with_semicolons_and_accents():
    raw = csv_bytes([["Nom", "Secteur"], ["Défi, Québec", "Municipal  "], ["", ""], ["Éole", "CLSC"]])
    sheet = read_sheet(raw, organizations_score)
    assert sheet.headers == ["Nom", "Secteur"]
    assert sheet.rows == [(2, ["Défi, Québec", "Municipal"]), (4, ["Éole", "CLSC"])]


@pytest.mark.parametrize("bom", [True, False])
def test_it_reads_utf8_with_or_without_bom_and_commas(bom):
    raw = csv_bytes(
        [["Name", "Sector"], ['"Défi, Québec"', "CLSC"]], delimiter=",", encoding="utf-8", bom=bom
    )
    sheet = read_sheet(raw, organizations_score)
    assert sheet.headers == ["Name", "Sector"]
    assert sheet.rows[0][1] == ["Défi, Québec", "CLSC"]


def test_it_skips_a_title_row_above_the_header():
    raw = csv_bytes(
        [["Liste des partenaires 2024", "", ""], ["Nom", "Secteur", "Site web"], ["A", "CLSC", ""]]
    )
    sheet = read_sheet(raw, organizations_score)
    assert sheet.headers == ["Nom", "Secteur", "Site web"]
    assert sheet.rows == [(3, ["A", "CLSC", ""])]


def test_it_reads_xlsx_with_merged_header_cells_and_empty_rows():
    raw = xlsx_bytes(
        [
            ["Partenaires", None, None],
            ["Nom", "Secteur", "Date"],
            [None, None, None],
            ["Maison Éole", "CLSC", datetime.datetime(2024, 3, 5)],
            ["  Défi  ", "Municipal", 12.0],
        ],
        merge=["A1:C1"],
    )
    sheet = read_sheet(raw, organizations_score)
    assert sheet.headers == ["Nom", "Secteur", "Date"]
    assert sheet.rows == [(4, ["Maison Éole", "CLSC", "2024-03-05"]), (5, ["Défi", "Municipal", "12"])]


def test_a_header_merged_over_two_columns_names_both():
    raw = xlsx_bytes([["Nom", None, "Secteur"], ["A", "B", "CLSC"]], merge=["A1:B1"])
    assert read_sheet(raw, organizations_score).headers == ["Nom", "Nom", "Secteur"]


def test_an_unreadable_workbook_is_a_clear_error():
    with pytest.raises(ReadError):
        read_sheet(b"PK\x03\x04 not really a zip", organizations_score)


def test_an_empty_file_is_a_clear_error():
    with pytest.raises(ReadError):
        read_sheet(b"\r\n;;\r\n", organizations_score)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-05", datetime.date(2024, 3, 5)),
        ("05/03/2024", datetime.date(2024, 3, 5)),
        ("5/3/2024", datetime.date(2024, 3, 5)),
        ("2024-03-05 00:00:00", datetime.date(2024, 3, 5)),
        ("31/02/2024", None),
        ("mars 2024", None),
    ],
)
def test_dates_are_iso_or_day_month_year(text, expected):
    assert parse_date(text) == expected
