"""CSV files as French Excel writes them, and the ``maillage analyze`` command."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from maillage.analysis import InputError
from maillage.analysis.command import main
from maillage.analysis.csvio import read_table

ORGS_FR = (
    "Identifiant;Nom;Secteur;Famille;Territoire\n"
    "1;CLSC Lac-Mégantic;clsc;public;RLS 1\n"
    "2;Centre d'entraide;communautaire;communautaire;RLS 1\n"
    "3;École Sainte-Thérèse;école;public;RLS 1\n"
)
TIES_FR = (
    "Source;Cible;Niveau;Formalité;Réseau;Date\n"
    "1;2;Coopération;formel;table;01/02/2023\n"
    "2;3;réseautage;informel;table;2023-03-01\n"
    "1;3;Collaboration;Formelle;;15/03/2024\n"
)


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_french_excel_files_are_read(tmp_path: Path, encoding: str) -> None:
    frame = read_table(write(tmp_path, "liens.csv", TIES_FR, encoding), "ties")
    assert list(frame.columns) == ["source", "target", "level", "formality", "network", "date"]
    assert frame.loc[2, "level"] == "Coopération" and frame.index.tolist() == [2, 3, 4]
    orgs = read_table(write(tmp_path, "orgs.csv", ORGS_FR, encoding), "organizations")
    assert orgs.loc[2, "name"] == "CLSC Lac-Mégantic" and "sector_family" in orgs.columns


def test_comma_files_with_english_headers_and_quotes(tmp_path: Path) -> None:
    text = 'source,target,level\n1,2,cooperation\n"2","3","networking"\n\n'
    frame = read_table(write(tmp_path, "ties.csv", text), "ties")
    assert frame.values.tolist() == [["1", "2", "cooperation"], ["2", "3", "networking"]]


def test_a_row_with_too_many_cells_is_named_by_line(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="ties, line 3: 4 cells"):
        read_table(
            write(tmp_path, "ties.csv", "source;target;level\n1;2;coalition\n1;3;coalition;x\n"), "ties"
        )


def test_analyze_prints_a_french_table(tmp_path: Path) -> None:
    orgs = write(tmp_path, "orgs.csv", ORGS_FR, "cp1252")
    ties = write(tmp_path, "liens.csv", TIES_FR, "utf-8-sig")
    code, out, err = run("--ties", str(ties), "--organizations", str(orgs), "--as-of", "31/12/2024",
                         "--compare-to", "2023-12-31", "--scenario", "formal-ties")  # fmt: skip
    assert code == 0, err
    assert "Rapport de réseau — en date du 2024-12-31" in out
    assert "Densité" in out and "Évolution des partenariats" in out and "formal-ties" in out
    code, out, _ = run("--ties", str(ties), "--organizations", str(orgs), "--lang", "en", "--no-curve")
    assert code == 0 and "Network report" in out


def test_analyze_json_is_one_document_with_the_same_numbers_as_python(tmp_path: Path) -> None:
    from maillage.analysis import network_report

    orgs = write(tmp_path, "orgs.csv", ORGS_FR)
    ties = write(tmp_path, "liens.csv", TIES_FR)
    code, out, _ = run(
        "--ties", str(ties), "--organizations", str(orgs), "--format", "json", "--as-of", "2023-12-31"
    )
    assert code == 0
    document = json.loads(out)
    assert document["network"]["ties"] == 2 and document["network"]["organizations"] == 3
    python = network_report(read_table(orgs, "organizations"), read_table(ties, "ties"), as_of="2023-12-31")
    assert document["network"]["density"] == python.network.density
    assert document["mix"]["cross_family_share"] == python.mix.cross_family_share


def test_a_bad_row_stops_everything_with_its_line_number(tmp_path: Path) -> None:
    orgs = write(tmp_path, "orgs.csv", ORGS_FR)
    ties = write(tmp_path, "liens.csv", TIES_FR + "2;1;beaucoup;formel;;2024-01-01\n")
    code, out, err = run("--ties", str(ties), "--organizations", str(orgs))
    assert code == 2 and out == ""
    assert "ties, line 5, column 'level': unknown level 'beaucoup'" in err


def test_an_unknown_organization_and_a_bad_date_are_named(tmp_path: Path) -> None:
    orgs = write(tmp_path, "orgs.csv", ORGS_FR)
    ties = write(tmp_path, "liens.csv", "source;cible;date\n1;2;2024-01-01\n1;9;2024-01-01\n")
    code, _, err = run("--ties", str(ties), "--organizations", str(orgs))
    assert code == 2 and "ties, line 3, column 'target': unknown organization '9'" in err
    ties = write(tmp_path, "liens.csv", "source;cible;date\n1;2;32/01/2024\n")
    code, _, err = run("--ties", str(ties), "--organizations", str(orgs))
    assert code == 2 and "line 2, column 'date': unreadable date '32/01/2024'" in err


def test_bad_arguments_exit_2(tmp_path: Path) -> None:
    orgs = write(tmp_path, "orgs.csv", ORGS_FR)
    code, _, err = run("--ties", str(orgs), "--organizations", str(orgs), "--scenario", "meteor")
    assert code == 2 and "unknown scenario 'meteor'" in err
    assert run("--format", "xml")[0] == 2
