"""The PDF: WeasyPrint's output read back with pypdf; its numbers are the analysis core's."""

from __future__ import annotations

import io
import re

from django.utils import translation
from pypdf import PdfReader

from maillage.analysis import report_from_dataset
from maillage.dashboards.adapter import dataset_for, observation_dates
from maillage.dashboards.scope import network_scope
from maillage.networks.models import Network
from maillage.reports.content import build_report, section_titles
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
    assert f"{core.network.density * 100:.1f} %" in flat
    assert f"{core.mix.cross_family_share * 100:.1f} %" in flat
    assert f"{core.network.formal_share * 100:.1f} %" in flat
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
