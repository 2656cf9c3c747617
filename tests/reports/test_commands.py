"""`maillage report` and `maillage export` on the small demo."""

from __future__ import annotations

import io

import networkx as nx
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from pypdf import PdfReader

from maillage.reports.management.commands.report import progress_bar


def test_report_writes_one_networks_pdf_by_name(surveyed, tmp_path):
    out = tmp_path / "report.pdf"
    call_command("report", network=surveyed.name_fr, year=2025, lang="en", out=str(out), stdout=io.StringIO())
    reader = PdfReader(out)
    assert len(reader.pages) >= 8 and surveyed.name_fr in " ".join(reader.pages[0].extract_text().split())


def test_report_writes_html_and_refuses_unknown_networks(surveyed, tmp_path):
    out = tmp_path / "report.html"
    call_command(
        "report", network=str(surveyed.pk), format="html", lang="fr", out=str(out), stdout=io.StringIO()
    )
    assert 'data-section="method"' in out.read_text(encoding="utf-8")
    with pytest.raises(CommandError, match="No network"):
        call_command("report", network="Réseau qui n'existe pas", out=str(out))
    with pytest.raises(CommandError, match="Several networks"):
        call_command("report", network="Réseau", out=str(out))


def test_report_all_writes_one_file_per_network_and_the_summary(
    network_a, network_b, tie_a, tmp_path, capsys
):
    call_command(
        "report", all=True, jobs=1, format="html", lang="en", out=str(tmp_path / "all"), stdout=io.StringIO()
    )
    files = sorted(p.name for p in (tmp_path / "all").iterdir())
    assert len(files) == 3 and "programme-summary.html" in files
    assert "3/3" in capsys.readouterr().err


def test_progress_bar_fills_up():
    assert progress_bar(0, 4, "a").startswith("\r[" + "." * 30)
    assert "#" * 30 in progress_bar(4, 4, "")


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "graphml", "gexf", "json"])
def test_export_writes_every_format(network_a, tie_a, tmp_path, fmt):
    out = tmp_path / f"export.{fmt}"
    call_command("export", format=fmt, network=str(network_a.pk), out=str(out), stdout=io.StringIO())
    assert out.stat().st_size > 100
    if fmt == "gexf":
        assert nx.read_gexf(out, version="1.3").number_of_edges() == 1
