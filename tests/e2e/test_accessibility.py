"""axe-core over the main pages, in French and in English: no serious or critical violation.

Charts and the map are drawn before axe reads the page (their SVG is part of what a screen reader meets);
a flash message is on screen for one of the pages (its list once failed axe's `listitem` rule); the API's
documentation page is read too (its colours once failed the contrast rule).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from maillage.networks.models import Network
from maillage.surveys.models import Wave
from tests.e2e.conftest import shot

pytestmark = pytest.mark.e2e
AXE = Path(__file__).parent / "vendor" / "axe.min.js"


def serious_violations(page) -> list[tuple[str, str, list]]:
    # Evaluated through the devtools protocol: the page's CSP (rightly) refuses inline <script> tags.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        (v["id"], v["help"], [n["target"] for n in v["nodes"][:3]])
        for v in result["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def settle(page) -> None:
    """Wait for what scripts draw: the map, the charts, the API's operations."""
    if page.locator("#map-root").count():
        page.wait_for_selector("#map-root[data-ready='1']", timeout=20_000)
    if page.locator("[data-chart]").count():
        page.wait_for_selector("[data-chart][data-drawn='1']", timeout=20_000)
    if page.locator("#swagger-ui").count():
        page.wait_for_selector(".opblock-tag", timeout=20_000)


def violations_on(page, base: str, urls: list[str]) -> dict[str, list]:
    """The serious and critical violations of each page, drawn first; every page must answer 200."""
    found = {}
    for url in urls:
        # A report draws its charts on the server (vl-convert): slower than the other pages.
        response = page.goto(f"{base}{url}", timeout=90_000)
        assert response is not None and response.status == 200, url
        settle(page)
        if violations := serious_violations(page):
            found[url] = violations
    return found


def main_pages() -> list[str]:
    network = Network.objects.order_by("pk").first()
    wave = Wave.objects.filter(network=network).order_by("-date").first()
    pages = [
        "/",
        f"/networks/{network.pk}/",
        f"/dashboards/network/{network.pk}/",
        "/dashboards/province/",
        f"/indicators/network/{network.pk}/",
        f"/reports/network/{network.pk}/?year=2025",
        f"/lessons/network/{network.pk}/",
        "/directory/organizations/",
        "/leadership/",
        "/initiatives/",
        "/accounts/tokens/",
        "/api/v1/docs",
    ]
    if wave is not None:
        pages.append(f"/surveys/{wave.pk}/")
    return pages


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_main_pages_have_no_serious_axe_violation(demo_world, sign_in, live_server, language):
    page = sign_in("coordination")
    prefix = "" if language == "fr" else "/en"
    urls = [path if path.startswith("/api/") else prefix + path for path in main_pages()]
    found = violations_on(page, live_server.url, urls)
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)


def test_a_flash_message_is_a_list_screen_readers_announce(demo_world, sign_in, live_server):
    page = sign_in("coordination")
    page.goto(f"{live_server.url}/accounts/tokens/")
    page.fill("input[name=name]", "Carnet")
    page.click("main button.primary")
    page.wait_for_selector("[role=status] .messages li")
    shot(page, "flash-message-fr")
    assert serious_violations(page) == []


@pytest.mark.parametrize(
    ("username", "language"), [("coordination", "fr"), ("coordination", "en"), ("admin", "fr")]
)
def test_every_kind_of_page_has_no_serious_axe_violation(
    demo_world, sign_in, live_server, username, language
):
    """One page of each kind the account reaches by following links from its home page (the crawl of
    `tests/observatory/test_no_internal_codes.py`), read by axe in the browser."""
    from django.contrib.auth.models import User
    from django.test import Client
    from django.utils import translation

    from tests.observatory.test_no_internal_codes import crawl

    client = Client()
    client.force_login(User.objects.get(username=username))
    client.cookies["django_language"] = language
    with translation.override(language):  # English addresses resolve under the English prefix
        reached = crawl(client, "/" if language == "fr" else "/en/", per_kind=1)
    pages = [url for url, text in reached.items() if text]
    assert len(pages) > 20, pages
    page = sign_in(username)
    found = violations_on(page, live_server.url, pages)
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)
