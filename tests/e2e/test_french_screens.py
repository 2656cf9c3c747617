"""The dashboard and the yearly report in French, on screen and in the PDF, written the French way.

Screenshots (and the PDF's pages as images) are saved under tests/e2e/artifacts/ to be looked at.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from maillage.networks.models import Network
from tests.e2e.conftest import ARTIFACTS, shot

pytestmark = pytest.mark.e2e
# A decimal point between digits, an ISO date, an English month: none belongs on a French page.
NOT_FRENCH = re.compile(
    r"(?<![\d.v])\d+\.\d+(?![\d.])|\b\d{4}-\d{2}-\d{2}\b|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b"
)


def chart_text(page) -> str:
    """The words Vega drew: axis labels, legends."""
    return " ".join(page.eval_on_selector_all("[data-chart] svg text", "all => all.map(e => e.textContent)"))


def test_the_french_dashboard_and_report_read_the_french_way(demo_world, sign_in, live_server):
    page = sign_in("coordination")
    network = Network.objects.order_by("pk").first()
    page.goto(f"{live_server.url}/dashboards/network/{network.pk}/")
    page.wait_for_selector("#map-root[data-ready='1']", timeout=20_000)
    page.wait_for_selector("[data-chart][data-drawn='1']", timeout=20_000)
    drawn = chart_text(page)
    assert drawn and not NOT_FRENCH.search(drawn), NOT_FRENCH.findall(drawn)
    assert re.search(r"\b\d{1,2}\s(mai|juin|avril|mars)", drawn)
    shot(page, "dashboard-network-fr")

    page.goto(f"{live_server.url}/reports/network/{network.pk}/?year=2025", timeout=90_000)
    page.wait_for_selector("main h1")
    text = page.locator("main").inner_text()
    assert not NOT_FRENCH.search(text), NOT_FRENCH.findall(text)[:10]
    shot(page, "report-network-fr")

    pdf = page.request.get(
        f"{live_server.url}/reports/network/{network.pk}/?year=2025&format=pdf&lang=fr", timeout=120_000
    )
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF")
    path = ARTIFACTS / "report-network-fr.pdf"
    path.write_bytes(pdf.body())
    if shutil.which("pdftotext"):
        words = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True).stdout.decode()
        assert not NOT_FRENCH.search(words), NOT_FRENCH.findall(words)[:10]
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(path), str(ARTIFACTS / "report-network-fr-page")])
