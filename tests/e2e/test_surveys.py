"""A partner answers by link in the browser: three partners, save, leave, come back, submit."""

from __future__ import annotations

import datetime

import pytest

from tests.e2e.conftest import shot

pytestmark = pytest.mark.e2e


@pytest.fixture
def invitation(demo_world):
    from django.apps import apps

    from maillage.networks.models import Network
    from maillage.surveys.actions import do_open_wave
    from maillage.surveys.builtin import load_instruments
    from maillage.surveys.models import Invitation, Wave, WaveKind

    load_instruments(apps)  # a transactional test empties every table, the instruments too
    network = Network.objects.filter(roles__user__username="coordination").get()
    wave = Wave.objects.create(network=network, kind=WaveKind.FOLLOW_UP, date=datetime.date(2026, 5, 1))
    do_open_wave(wave, lambda token, language: token)
    return Invitation.objects.select_related("organization").filter(wave=wave).order_by("id").first()


def test_a_partner_answers_saves_comes_back_and_submits(live_server, page, invitation):
    from maillage.surveys.models import PartnerAnswer, Response

    link = f"{live_server.url}/en/survey/{invitation.token}/"
    page.goto(link)
    boxes = page.locator("#partner-list li:not([hidden]) input[type=checkbox]")
    names = []
    for index in range(3):
        row = page.locator("#partner-list li").nth(index)
        names.append(row.inner_text().strip())
        # The search box filters the list as one types; a checked partner stays listed.
        page.fill("input[data-filter-list]", row.get_attribute("data-search")[:12])
        row.locator("input").check()
    page.fill("input[data-filter-list]", "")
    assert boxes.count() > 3
    page.click("button[name=save]")
    page.goto("about:blank")
    page.goto(link)  # come back with the same link: the choice is kept
    assert page.locator("#partner-list input:checked").count() == 3

    page.click("button[name=continue]")
    page.wait_for_url("**/partners/")
    # One table per question, a row per partner: three rows of radio buttons for the frequency.
    assert page.locator("input[name$=-frequency][value=monthly]").count() == 3
    for index in range(3):
        page.locator("input[name$=-frequency][value=monthly]").nth(index).check()
        page.locator(f"input[name$=-level][value='{index + 2}']").nth(index).check()
        page.locator("input[name$=-formality][value=informal]").nth(index).check()
        page.locator("input[name$=-flows][value=information]").nth(index).check()
        for rating in ("reliability", "mission_alignment", "openness", "power_influence", "involvement"):
            page.locator(f"input[name$=-{rating}][value='3']").nth(index).check()
    shot(page, "survey-partners")
    page.click("button[name=save]")
    page.goto("about:blank")
    page.goto(link + "partners/")
    assert page.locator("input[name$=-level]:checked").nth(2).input_value() == "4"

    page.click("button[name=continue]")
    page.wait_for_url("**/network/")
    for group in page.locator("[data-answer]:has(input[type=radio][value='4'])").all():
        group.locator("input[type=radio][value='4']").check()
    page.fill("textarea[name=quote]", "We mobilise fast because people trust us.")
    page.check("input[name=quote_consent][value=anonymous]")
    page.click("button[name=continue]")
    page.wait_for_url("**/submit/")
    page.click("button.primary")
    page.wait_for_selector("text=Thank you!")
    shot(page, "survey-thanks")

    response = Response.objects.get(invitation=invitation)
    assert response.is_submitted and response.language == "en"
    assert sorted(PartnerAnswer.objects.filter(response=response).values_list("level", flat=True)) == [
        2,
        3,
        4,
    ]
    page.goto(link)
    assert "already sent its answers" in page.content()
