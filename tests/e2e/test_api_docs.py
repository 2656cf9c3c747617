"""The API in a browser: a token made on the account page works, and the docs page draws under the CSP."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import shot
from tests.e2e.test_csp import violations, watched  # noqa: F401 - the fixture is used by name

pytestmark = pytest.mark.e2e


def test_a_token_from_the_account_page_opens_the_api_and_the_docs_draw(
    demo_world,
    sign_in,
    live_server,
    watched,  # noqa: F811
):
    page, messages = watched
    sign_in("coordination")
    page.click("a[href='/accounts/tokens/']")
    page.fill("input[name=name]", "Carnet R")
    page.click("main button.primary")
    secret = page.inner_text("#new-token")
    shot(page, "api-tokens")

    answer = page.request.get(
        f"{live_server.url}/api/v1/networks", headers={"Authorization": f"Bearer {secret}"}
    )
    assert answer.status == 200 and answer.json()["count"] >= 1

    page.goto(f"{live_server.url}/api/v1/docs")
    page.wait_for_selector(".opblock-tag", timeout=20_000)
    assert page.locator(".opblock").count() >= 15
    shot(page, "api-docs")
    assert violations(page, messages) == []

    page.goto(f"{live_server.url}/accounts/tokens/")
    page.click("form[action$='/revoke/'] button")
    refused = page.request.get(
        f"{live_server.url}/api/v1/networks", headers={"Authorization": f"Bearer {secret}"}
    )
    assert refused.status == 401
