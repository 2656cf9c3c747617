"""The map and dashboard in a real browser: filters, search, a click on a node, a scenario, the language."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from maillage.networks.models import Network
from tests.e2e.conftest import shot

pytestmark = pytest.mark.e2e
AXE = Path(__file__).parent / "vendor" / "axe.min.js"


def open_dashboard(page, live_server, network):
    page.goto(f"{live_server.url}/dashboards/network/{network.pk}/")
    page.wait_for_selector("#map-root[data-ready='1']", timeout=20_000)
    page.wait_for_selector("[data-chart][data-drawn='1']", timeout=20_000)


def visible(page) -> tuple[int, int]:
    values = page.eval_on_selector("#map-root", "e => [e.dataset.visibleNodes, e.dataset.visibleEdges]")
    return int(values[0]), int(values[1])


def wait_for_new_version(page, before: str) -> None:
    page.wait_for_function("v => document.querySelector('#map-root').dataset.version !== v", arg=before)


def version(page) -> str:
    return page.eval_on_selector("#map-root", "e => e.dataset.version")


def test_the_coordinator_explores_the_map(demo_world, sign_in, live_server):
    page = sign_in("coordination")
    network = Network.objects.order_by("pk").first()
    open_dashboard(page, live_server, network)
    assert page.locator(".headline").count() >= 6
    nodes, edges = visible(page)
    assert nodes > 0 and edges > 0
    shot(page, "dashboard-network")
    # Informal ties are drawn by the dashed program, formal ones by sigma's solid one.
    programs = page.evaluate(
        """() => {
          const m = document.querySelector('#map-root').maillage;
          const seen = {};
          m.graph.forEachEdge((key) => {
            const shown = m.renderer.getEdgeDisplayData(key);
            if (shown && !shown.hidden) seen[shown.type || 'line'] = (seen[shown.type || 'line'] || 0) + 1;
          });
          return seen;
        }"""
    )
    assert programs.get("dashed", 0) > 0 and programs.get("line", 0) > 0

    # A filter updates the map without reloading the page.
    marker = page.evaluate("() => (window.__sameDocument = Math.random())")
    before = version(page)
    page.select_option("#filter-level", "3")
    wait_for_new_version(page, before)
    assert visible(page)[1] < edges
    before = version(page)
    page.select_option("#filter-level", "1")
    wait_for_new_version(page, before)
    before = version(page)
    page.fill("#filter-date", "0")
    page.dispatch_event("#filter-date", "input")
    wait_for_new_version(page, before)
    assert (
        page.locator("#filter-date-label").inner_text() == "15 mai 2023"
    )  # written the French way, as the pages write it
    assert page.evaluate("() => window.__sameDocument") == marker

    # Search, accent- and case-insensitive, opens the side panel.
    label = page.evaluate(
        "() => document.querySelector('#map-root').maillage.graph.getNodeAttribute('0', 'label')"
    )
    plain = label.upper().replace("É", "E").replace("È", "E").replace("Î", "I")
    page.fill("#map-search", plain)
    page.press("#map-search", "Enter")
    page.wait_for_selector("#map-panel h3")
    assert page.locator("#map-panel h3").inner_text() == label

    # A real click on another node's position on the canvas. The search zooms in on its node: wait for that
    # camera move to end, scroll the canvas into the window, put the whole map back in view and let Sigma
    # draw it, so the positions read below are the ones the click lands on.
    page.wait_for_function(
        "() => { const c = document.querySelector('#map-root').maillage.renderer.getCamera();"
        " return c.getState().ratio < 0.5 && !c.isAnimated(); }"
    )
    page.locator("#map-root").scroll_into_view_if_needed()
    page.evaluate(
        """() => new Promise(done => {
          const camera = document.querySelector('#map-root').maillage.renderer.getCamera();
          camera.setState({x: 0.5, y: 0.5, ratio: 1, angle: 0});
          requestAnimationFrame(() => requestAnimationFrame(done));
        })"""
    )
    target = page.evaluate(
        """() => {
          const m = document.querySelector('#map-root').maillage;
          const shown = k => m.renderer.getNodeDisplayData(k) && !m.renderer.getNodeDisplayData(k).hidden;
          const box = m.renderer.getContainer().getBoundingClientRect();
          const at = k => {
            const d = m.renderer.getNodeDisplayData(k);
            return m.renderer.framedGraphToViewport({x: d.x, y: d.y});
          };
          // The node farthest from any other, inside the canvas: a click there cannot land on a neighbour.
          const keys = m.graph.nodes().filter(k => shown(k));
          const open = document.querySelector('#map-panel h3').innerText;
          const searched = m.graph.findNode((k, a) => a.label === open);
          const tied = k => m.graph.edges(k).some(e => !m.renderer.getEdgeDisplayData(e).hidden);
          let best = null, room = -1;
          for (const k of keys) {
            if (k === searched || !tied(k)) continue;
            const p = at(k);
            const inside = p.x > 20 && p.y > 20 && p.x < box.width - 20 && p.y < box.height - 20
              && box.top + p.y > 0 && box.top + p.y < window.innerHeight - 20;
            if (!inside) continue;
            let nearest = Infinity;
            for (const o of keys) if (o !== k) {
              const q = at(o);
              nearest = Math.min(nearest, Math.hypot(p.x - q.x, p.y - q.y));
            }
            if (nearest > room) { room = nearest; best = k; }
          }
          const p = at(best);
          return {x: box.left + p.x, y: box.top + p.y, label: m.graph.getNodeAttribute(best, 'label')};
        }"""
    )
    page.mouse.click(target["x"], target["y"])
    page.wait_for_function(
        "l => document.querySelector('#map-panel h3')?.innerText === l", arg=target["label"]
    )
    assert page.locator("#map-panel .tie-list li").count() >= 1
    assert re.search(r"/directory/organizations/\d+/", page.locator("#map-panel h3 a").get_attribute("href"))
    page.select_option("#reach", "1")
    shot(page, "dashboard-node-panel")

    # The "what if" scenario greys out what is removed and counts what is cut off.
    page.select_option("#scenario", "formal-ties")
    page.wait_for_selector("#scenario-summary:not([hidden])")
    assert "Scénario" in page.locator("#scenario-summary").inner_text()
    assert page.eval_on_selector("#map-root", "e => e.dataset.scenarioCutOff") is not None
    shot(page, "dashboard-scenario")

    page.click("button[value=en]")
    page.wait_for_url(re.compile(r"/en/dashboards/"))
    page.wait_for_selector("#map-root[data-ready='1']")
    assert page.locator("#map-title").inner_text() == "Map of the network"


def test_the_dashboard_has_no_serious_accessibility_violation(demo_world, sign_in, live_server):
    page = sign_in("coordination")
    open_dashboard(page, live_server, Network.objects.order_by("pk").first())
    # Evaluated through the devtools protocol: the page's CSP (rightly) refuses inline <script> tags.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [v for v in result["violations"] if v["impact"] in {"serious", "critical"}]
    assert not serious, json.dumps(
        [(v["id"], v["help"], [n["target"] for n in v["nodes"][:3]]) for v in serious],
        ensure_ascii=False,
        indent=1,
    )


def test_another_networks_coordinator_cannot_load_the_map_data(demo_world, sign_in, live_server):
    page = sign_in("autre")
    network = Network.objects.order_by("pk").first()
    response = page.request.get(f"{live_server.url}/dashboards/network/{network.pk}/map.json")
    assert response.status == 403
