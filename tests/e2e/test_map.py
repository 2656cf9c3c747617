"""The map read by people: keyboard navigation, image exports, group names, screenshots in both languages."""

from __future__ import annotations

import re

import pytest
from django.db.models import Count

from maillage.networks.models import Network
from tests.e2e.conftest import ARTIFACTS

pytestmark = pytest.mark.e2e
HANDLE = "document.querySelector('#map-root').maillage"


def open_map(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("#map-root[data-ready='1']", timeout=30_000)


def selected(page):
    return page.evaluate(f"() => {HANDLE}.selected()")


def map_shot(page, name: str) -> None:
    """The map section only, where the reader looks."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("#map-section").screenshot(path=str(ARTIFACTS / f"{name}.png"))


def test_the_map_is_walked_with_the_keyboard(demo_world, sign_in, live_server):
    page = sign_in("coordination")
    network = Network.objects.order_by("pk").first()
    open_map(page, f"{live_server.url}/dashboards/network/{network.pk}/")
    canvas = page.locator("#map-canvas")
    canvas.focus()
    assert page.evaluate("() => document.activeElement.id") == "map-canvas"

    # The first arrow picks the most connected organization and says so.
    page.keyboard.press("ArrowRight")
    page.wait_for_function(f"() => {HANDLE}.selected() !== null")
    first = selected(page)
    name = page.evaluate(f"i => {HANDLE}.data.nodes.label[i]", first)
    page.wait_for_function("n => document.querySelector('#map-announce').textContent.startsWith(n)", arg=name)
    assert page.locator("#map-panel h3").inner_text() == name

    # Each further arrow moves to one of the current organization's partners.
    current = first
    for key in ["ArrowRight", "ArrowDown", "ArrowLeft", "ArrowUp"]:
        page.keyboard.press(key)
        page.wait_for_function(f"c => {HANDLE}.selected() !== c", arg=current)
        following = selected(page)
        assert page.evaluate(
            f"([a, b]) => {HANDLE}.graph.areNeighbors(String(a), String(b))", [current, following]
        )
        current = following

    # Escape clears the selection; Enter on an organization opens its page.
    page.keyboard.press("Escape")
    page.wait_for_function(f"() => {HANDLE}.selected() === null")
    page.keyboard.press("ArrowUp")
    page.wait_for_function(f"() => {HANDLE}.selected() !== null")
    organization = page.evaluate(f"() => {HANDLE}.data.nodes.id[{HANDLE}.selected()]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/directory/organizations/{organization}/"))


def largest_network() -> Network:
    return Network.objects.annotate(n=Count("memberships")).order_by("-n", "pk").first()


def test_the_map_is_exported_as_png_and_svg(demo_world, sign_in, live_server):
    page = sign_in("admin")
    network = largest_network()
    open_map(page, f"{live_server.url}/dashboards/network/{network.pk}/")
    with page.expect_download() as png:
        page.click("#map-png")
    path = png.value.path()
    ARTIFACTS.mkdir(exist_ok=True)
    png.value.save_as(ARTIFACTS / "map-export.png")
    assert png.value.suggested_filename.endswith(".png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert path.stat().st_size > 10_000

    with page.expect_download() as svg:
        page.click("#map-svg")
    text = svg.value.path().read_text()
    (ARTIFACTS / "map-export.svg").write_text(text)
    assert svg.value.suggested_filename.endswith(".svg")
    assert text.startswith("<svg") and text.count("<circle") >= 10
    # The group names and the largest organizations are written on the image.
    island = page.evaluate(f"() => {HANDLE}.data.islands[0].label")
    assert island.replace("'", "&apos;").replace("&", "&amp;")[:12] in text or island[:12] in text


def test_the_maps_read_in_both_languages(demo_world, sign_in, live_server):
    page = sign_in("admin")
    network = largest_network()
    for language, prefix in [("fr", ""), ("en", "/en")]:
        open_map(page, f"{live_server.url}{prefix}/dashboards/network/{network.pk}/")
        # Group names are drawn over the map, and the side panel writes numbers the reader's way.
        page.wait_for_selector(".map-islands span:not([hidden])")
        largest = page.evaluate(
            f"() => {{ const g = {HANDLE}.data.nodes.degree; return g.indexOf(Math.max(...g)); }}"
        )
        page.evaluate(f"i => {HANDLE}.select(i)", largest)
        page.wait_for_selector("#map-panel h3")
        panel = page.locator("#map-panel").inner_text()
        if language == "fr":
            assert "relie des groupes qui ne se parlent pas" in panel.lower()
            assert re.search(r"\b0,\d\d\b", panel) and not re.search(r"\b0\.\d\d\b", panel)
        else:
            assert "links groups that do not talk to each other" in panel.lower()
            assert re.search(r"\b0\.\d\d\b", panel)
        map_shot(page, f"map-network-{language}")

        open_map(page, f"{live_server.url}{prefix}/dashboards/province/")
        height = page.evaluate("() => document.querySelector('#map-canvas').getBoundingClientRect().height")
        assert height >= 600
        page.wait_for_selector(".map-islands span:not([hidden])")
        map_shot(page, f"map-province-{language}")
