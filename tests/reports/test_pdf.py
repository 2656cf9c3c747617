"""The PDF: WeasyPrint's output read back with pypdf; its numbers are the analysis core's."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

from django.utils import translation
from django.utils.translation import gettext as _
from pypdf import PdfReader

from maillage.analysis import report_from_dataset
from maillage.networks.models import Network
from maillage.observatory.dataset import dataset_for, observation_dates
from maillage.observatory.scope import network_scope
from maillage.reports.content import build_report, no_data_message, section_titles
from maillage.reports.render import render_pdf
from maillage.reports.scope import Period


def _text(pdf: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def test_the_pdfs_numbers_are_the_analysis_cores(surveyed):
    dataset = dataset_for(Network.objects.filter(pk=surveyed.pk), "en")
    dates = observation_dates(dataset)
    core = report_from_dataset(dataset, as_of=dates[-1], compare_to=dates[-2], scenarios=["formal-ties"])
    data = build_report(network_scope(surveyed), Period(year=2025), language="en")
    pdf = render_pdf(data)
    assert pdf.startswith(b"%PDF")
    reader, text = _text(pdf)
    flat = re.sub(r"\s+", " ", text)
    assert len(reader.pages) >= 8
    # The English PDF writes shares the English way ("31.9%"), from the catalogue of measures.
    assert f"{core.network.density * 100:.1f}%" in flat
    assert f"{core.mix.cross_family_share * 100:.1f}%" in flat
    assert f"{core.network.formal_share * 100:.1f}%" in flat
    assert re.search(rf"\b{core.network.ties}\b", flat) and re.search(
        rf"\b{core.network.organizations}\b", flat
    )
    # The progress matrix's counts: ties gained and strengthened between the two waves.
    assert re.search(rf"\b{core.change.gained}\b New ties", flat) or f"{core.change.gained}" in flat
    with translation.override("en"):
        titles = list(section_titles().values())
    assert all(title in flat for title in titles)
    # Page numbers in the footer, "n / total".
    assert f"2 / {len(reader.pages)}" in flat
    assert "Je préfère que ces mots restent entre nous." not in flat


def test_the_french_pdf_renders_with_the_same_numbers(surveyed):
    english = build_report(network_scope(surveyed), Period(year=2025), language="en")
    french = build_report(network_scope(surveyed), Period(year=2025), language="fr")
    assert [h.value for h in french.headlines] == [h.value for h in english.headlines]
    # The same numbers, each written its language's way: "46,7 %" and "46.7%".
    density = french.headline("density")
    assert density.display == f"{density.value * 100:.1f}\u00a0%".replace(".", ",")
    assert english.headline("density").display == f"{density.value * 100:.1f}%"
    _reader, text = _text(render_pdf(french))
    flat = re.sub(r"\s+", " ", text)
    assert re.sub(r"\s+", " ", french.headline("density").display) in flat
    assert french.title in flat


def _pdftotext(pdf: bytes, tmp_path) -> str:  # type: ignore[no-untyped-def]
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return re.sub(r"\s+", " ", result.stdout.decode("utf-8")).casefold()


def test_the_largest_demo_networks_pdf_has_every_section_of_chssns_report_and_none_empty(surveyed, tmp_path):
    seed = (Path(__file__).parents[1] / "data" / "chssn-baseline-2012-2013.md").read_text(encoding="utf-8")
    titles = [line[2:] for line in seed.split("## Section titles", 1)[1].split("##", 1)[0].splitlines()]
    titles = [t for t in titles if t]
    assert len(titles) == 10
    data = build_report(network_scope(surveyed), Period(), language="fr")
    assert data.subtitle.startswith("Rapport de suivi")  # the latest period, after the baseline
    text = _pdftotext(render_pdf(data), tmp_path)
    for title in titles:
        wanted = re.sub(r"\s+", " ", title).casefold()
        assert wanted in text or wanted.replace("répercussions", "retombées") in text, title
    with translation.override("fr"):
        empty = [
            no_data_message(),
            _("No indicator data exists for this period."),
            _("No data for this chart."),
        ]
    assert not [message for message in empty if re.sub(r"\s+", " ", message).casefold() in text]
