"""`maillage analyze` reads spreadsheets with the importer's reader and vocabulary."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from maillage.analysis.command import main
from maillage.analysis.csvio import read_table
from maillage.analysis.headers import canonical_field
from maillage.analysis.sheets import parse_date
from maillage.analysis.vocabulary import parse_bool, parse_formality

IMPORTER_TIES = (
    "Organisme 1;Organisme 2;Niveau;Formel;Date d'observation;Couleur\r\n"
    "Centre Éole;CLSC du Parc;coopération;oui;31/03/2024;bleu\r\n"
    "CLSC du Parc;Maison Boréal;2;non;31.03.2024;\r\n"
    "Maison Boréal;Centre Éole;collaboration;x;2024-03-31;\r\n"
)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), stdout=out, stderr=err), out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    ("text", "expected"),
    [("oui", True), ("Non", False), ("YES", True), ("no", False), ("vrai", True), ("Faux", False),
     ("true", True), ("FALSE", False), ("x", True), ("", False), ("1", True), ("0", False),
     ("peut-être", None)],
)  # fmt: skip
def test_booleans_as_people_write_them(text, expected):
    assert parse_bool(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("formel", True), ("Informelle", False), ("formal", True), ("oui", True), ("non", False),
     ("yes", True), ("no", False), ("X", True), ("1", True), ("0", False), ("parfois", None)],
)  # fmt: skip
def test_formality_is_a_word_or_a_yes_no_answer(text, expected):
    assert parse_formality(text) is expected


def test_dates_with_dots_and_dashes_are_read():
    assert {parse_date(t) for t in ("31/03/2024", "31-03-2024", "31.03.2024", "2024-03-31")} == {
        parse_date("2024-03-31")
    }


def test_a_bare_edge_list_with_the_importers_headers_is_analysed(tmp_path: Path):
    ties = tmp_path / "liens.csv"
    ties.write_bytes(IMPORTER_TIES.encode("cp1252"))
    code, out, err = run("--ties", str(ties), "--format", "json", "--no-curve")
    assert code == 0, err
    document = json.loads(out)
    assert document["network"]["organizations"] == 3 and document["network"]["ties"] == 3
    assert document["network"]["formal_share"] == pytest.approx(2 / 3)
    assert "column 'Couleur' is not used" in err


def test_importer_organizations_without_ids_are_named_by_ties(tmp_path: Path):
    orgs = tmp_path / "partenaires.csv"
    orgs.write_bytes(
        "Liste des partenaires 2024;;;\r\nNom;Secteur;Région;Municipalité\r\n"
        "Centre Éole;communautaire;Montréal;Verdun\r\nCLSC du Parc;clsc;Montréal;\r\n"
        "Maison Boréal;communautaire;Laval;Laval\r\n".encode("cp1252")
    )
    ties = tmp_path / "liens.csv"
    ties.write_bytes(IMPORTER_TIES.replace("Centre Éole", "CENTRE EOLE").encode("cp1252"))
    code, out, err = run("--ties", str(ties), "--organizations", str(orgs), "--format", "json")
    assert code == 0, err
    assert json.loads(out)["network"]["ties"] == 3
    table = read_table(orgs, "organizations")
    # The most precise territory given wins: the municipality, else the region.
    assert table["territory"].tolist() == ["Verdun", "Montréal", "Laval"]


def test_excel_files_are_read_too(tmp_path: Path):
    from openpyxl import Workbook

    book = Workbook()
    for row in (["Source", "Cible", "Formalité"], ["a", "b", "formelle"], ["b", "c", "non"]):
        book.active.append(row)
    path = tmp_path / "liens.xlsx"
    book.save(path)
    code, out, err = run("--ties", str(path), "--format", "json", "--no-curve")
    assert code == 0, err
    assert json.loads(out)["network"]["formal_share"] == pytest.approx(0.5)


def test_the_importer_and_the_analysis_read_headers_alike():
    from maillage.exchange.headers import FIELDS_BY_KIND  # noqa: PLC0415 - Django side, imported late

    for kind, fields in FIELDS_BY_KIND.items():
        for header in ("Organisme 1", "Organisme 2", "Niveau", "Formalité", "Date", "Rôle", "Début", "Nom",
                       "Secteur", "Région", "Municipalité", "RLS", "Site web", "Organisme"):  # fmt: skip
            field = canonical_field(kind, header)
            if field in fields:
                assert fields[field] is not None
