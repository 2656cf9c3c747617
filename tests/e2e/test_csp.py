"""The Content-Security-Policy in a real browser: the map, the charts and htmx work, and nothing is refused.

Chromium reports every blocked script, style, eval or connection as a `securitypolicyviolation` event
and a console error; both are collected from the first byte of each page.
"""

from __future__ import annotations

import datetime

import pytest

from maillage.networks.models import Network
from maillage.surveys.models import Invitation, Wave, WaveStatus
from tests.e2e.conftest import shot

pytestmark = pytest.mark.e2e

LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


@pytest.fixture
def watched(page):
    messages: list[str] = []
    page.add_init_script(LISTEN)
    page.on("console", lambda m: messages.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: messages.append(f"page error: {error}"))
    return page, messages


def violations(page, messages: list[str]) -> list[str]:
    seen = page.evaluate("() => window.__violations || []")
    refused = [m for m in messages if "Content Security Policy" in m or "Refused to" in m or "eval" in m]
    return seen + refused


def test_map_charts_and_htmx_work_under_the_policy(demo_world, sign_in, live_server, watched):
    page, messages = watched
    sign_in("coordination")
    assert violations(page, messages) == []

    network = Network.objects.order_by("pk").first()
    response = page.goto(f"{live_server.url}/dashboards/network/{network.pk}/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_selector("#map-root[data-ready='1']", timeout=20_000)
    page.wait_for_selector("[data-chart][data-drawn='1']", timeout=20_000)
    assert page.locator("[data-chart][data-drawn='error']").count() == 0
    assert page.locator("[data-chart] svg").count() >= 1
    # A chart filter (an expression Vega evaluates) still works without eval: vega-interpreter runs it.
    assert page.evaluate("() => typeof vega.expressionInterpreter") == "object"
    shot(page, "csp-dashboard")
    assert violations(page, messages) == []

    page.goto(f"{live_server.url}/dashboards/province/")
    page.wait_for_selector("[data-chart][data-drawn='1']", timeout=20_000)
    assert violations(page, messages) == []

    # htmx: the organization search swaps the results in place.
    page.goto(f"{live_server.url}/directory/organizations/")
    marker = page.evaluate("() => (window.__same = Math.random())")
    with page.expect_response(lambda r: "/directory/organizations/" in r.url and "q=" in r.url):
        page.fill("input[name=q]", "centre")
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.__same") == marker
    assert violations(page, messages) == []


def test_a_survey_link_works_under_the_policy(demo_world, live_server, watched):
    page, messages = watched
    network = Network.objects.order_by("pk").first()
    wave = Wave.objects.create(network=network, date=datetime.date(2025, 6, 1), status=WaveStatus.OPEN)
    organization = network.memberships.first().organization
    invitation = Invitation.objects.create(wave=wave, organization=organization, token="csp-" + "t" * 30)
    page.goto(f"{live_server.url}/en/survey/{invitation.token}/")
    page.wait_for_selector("input[type=checkbox]")
    assert violations(page, messages) == []


def test_the_api_documentation_and_other_apps_pages_work_under_the_policy(
    demo_world, sign_in, live_server, watched
):
    page, messages = watched
    sign_in("coordination")
    page.goto(f"{live_server.url}/api/v1/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=20_000)
    assert violations(page, messages) == []
    for path in ["/leadership/", "/reports/", "/indicators/", "/imports/", "/initiatives/"]:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
        assert violations(page, messages) == [], path
