"""Surveys that reach partners: the links copied by the coordinator, the rating scales answered on a phone."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import shot

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}
AXE = Path(__file__).parent / "vendor" / "axe.min.js"


def assert_no_serious_axe_violation(page) -> None:
    # Evaluated through the devtools protocol: the page's CSP (rightly) refuses inline <script> tags.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    # Flash messages belong to the site's layout, checked with it: here, the survey pages' own content.
    result = page.evaluate(
        "async () => await axe.run({exclude: [['.messages']]}, {resultTypes: ['violations']})"
    )
    serious = [v for v in result["violations"] if v["impact"] in {"serious", "critical"}]
    assert not serious, json.dumps(
        [(v["id"], v["help"], [n["target"] for n in v["nodes"][:3]]) for v in serious], ensure_ascii=False
    )


@pytest.fixture
def wave(demo_world):
    from django.apps import apps

    from maillage.networks.models import Network
    from maillage.surveys.actions import do_open_wave
    from maillage.surveys.builtin import load_instruments
    from maillage.surveys.models import Wave, WaveKind

    load_instruments(apps)  # a transactional test empties every table, the instruments too
    network = Network.objects.filter(roles__user__username="coordination").get()
    wave = Wave.objects.create(network=network, kind=WaveKind.FOLLOW_UP, date=datetime.date(2026, 5, 1))
    do_open_wave(wave, lambda token, language: token)
    return wave


@pytest.fixture
def phone(browser):
    contexts = []

    def open_phone(locale: str = "fr-CA"):
        context = browser.new_context(viewport=PHONE, locale=locale, is_mobile=True, has_touch=True)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield open_phone
    for context in contexts:
        context.close()


def _first_invitation(wave):
    from maillage.surveys.models import Invitation

    return Invitation.objects.select_related("organization").filter(wave=wave).order_by("id").first()


def test_the_coordinator_copies_a_personal_link(live_server, page, sign_in, wave):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    sign_in("coordination")
    page.goto(f"{live_server.url}/surveys/{wave.pk}/invitations/")
    summary = page.locator("#invitation-summary").inner_text()
    assert "liens personnels créés" in summary and "sans adresse" in summary and "invité" not in summary
    button = page.locator("button.copy").first
    link = page.locator("code.link-text").first.inner_text().strip()
    button.click()
    expect(page.locator("button.copy").first).to_have_class("copy copied")
    expect(page.locator(".copy-state").first).to_have_text("Copié")
    assert page.evaluate("navigator.clipboard.readText()") == link
    shot(page, "survey-invitations-desktop-fr")
    page.goto(f"{live_server.url}/en/surveys/{wave.pk}/invitations/")
    page.locator("button.copy").nth(1).click()
    expect(page.locator(".copy-state").nth(1)).to_have_text("Copied")
    assert (
        page.evaluate("navigator.clipboard.readText()") == page.locator("code.link-text").nth(1).inner_text()
    )
    shot(page, "survey-invitations-desktop-en")
    assert_no_serious_axe_violation(page)
    page.goto(f"{live_server.url}/surveys/{wave.pk}/invitations/letters/")
    assert page.locator("section.letter").count() == 5
    shot(page, "survey-letters")
    page.goto(f"{live_server.url}/surveys/network/{wave.network_id}/new/")
    assert page.locator("select[name=kind]").input_value() == "follow_up"
    assert page.locator("input[name=date]").input_value() != ""
    shot(page, "survey-new-wave")


def test_the_invitations_page_on_a_phone(live_server, phone, wave):
    from maillage.demo.generate import DEMO_PASSWORD

    page = phone()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "coordination")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/surveys/{wave.pk}/invitations/")
    page.wait_for_selector("button.copy")
    # The links and their copy buttons fit the phone: no sideways scrolling inside the list.
    table = page.locator("table.invitations")
    assert table.evaluate("t => t.scrollWidth <= t.parentElement.clientWidth")
    assert page.locator("button.copy").first.is_visible()
    shot(page, "survey-invitations-phone-fr")
    page.goto(f"{live_server.url}/en/surveys/{wave.pk}/invitations/")
    page.wait_for_selector("button.copy")
    shot(page, "survey-invitations-phone-en")


def _choose_two_partners(page, link: str) -> None:
    page.goto(link)
    for index in range(2):
        page.locator("#partner-list li input[type=checkbox]").nth(index).check()
    page.click("button[name=continue]")
    page.wait_for_url("**/partners/")


def test_a_partner_rates_on_a_phone_reloads_and_finds_the_answers(live_server, phone, wave):
    from maillage.surveys.models import PartnerAnswer, Response

    invitation = _first_invitation(wave)
    page = phone("fr-CA")
    link = f"{live_server.url}/survey/{invitation.token}/"
    _choose_two_partners(page, link)
    assert page.locator("text=Se connecter").count() == 0
    # On a phone each row stacks its choices with their words visible and fits the screen.
    second_choice = page.locator("input[name$=-reliability][value='2']").first
    label = page.locator(f"label[for='{second_choice.get_attribute('id')}']")
    assert label.locator(".choice-label").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    total = int(page.locator("[data-total]").inner_text())
    label.click()  # tap the words, not the tiny circle
    page.locator("input[name$=-frequency][value=monthly]").nth(1).check()
    page.wait_for_selector("[data-autosave-status][data-state=saved]")
    assert page.locator("[data-answered]").inner_text() == "2"
    assert int(page.locator("[data-total]").inner_text()) == total > 10
    shot(page, "survey-partner-form-phone-fr")

    page.reload()  # nothing pressed: the answers were saved as they were given
    assert page.locator("input[name$=-reliability][value='2']").first.is_checked()
    assert page.locator("input[name$=-frequency][value=monthly]").nth(1).is_checked()
    assert page.locator("[data-answered]").inner_text() == "2"

    for index in range(2):  # finish the required answers, then send
        page.locator("input[name$=-frequency][value=monthly]").nth(index).check()
        page.locator("input[name$=-level][value='3']").nth(index).check()
        page.locator("input[name$=-formality][value=informal]").nth(index).check()
    page.click("button[name=continue]")
    page.wait_for_url("**/network/")
    for group in page.locator("[data-answer]:has(input[type=radio][value='4'])").all():
        group.locator("input[type=radio][value='4']").check()
    page.click("button[name=continue]")
    page.wait_for_url("**/submit/")
    page.click("button.primary")
    page.wait_for_selector("h1:has-text('Merci')")
    response = Response.objects.get(invitation=invitation)
    assert response.is_submitted
    ratings = PartnerAnswer.objects.filter(response=response).order_by("partner__name_fr")
    assert [a.reliability for a in ratings][0] == 2


def test_the_partner_form_in_english_on_desktop_and_phone(live_server, page, phone, wave):
    invitation = _first_invitation(wave)
    link = f"{live_server.url}/en/survey/{invitation.token}/"
    _choose_two_partners(page, link)
    assert page.locator("text=Sign in").count() == 0
    page.locator("input[name$=-openness][value=dk]").first.check()
    page.wait_for_selector("[data-autosave-status][data-state=saved]")
    shot(page, "survey-partner-form-desktop-en")
    assert_no_serious_axe_violation(page)
    mobile = phone("en-CA")
    mobile.goto(link + "partners/")
    mobile.wait_for_selector("table.scale-matrix")
    shot(mobile, "survey-partner-form-phone-en")
    french = phone("fr-CA")
    french.goto(f"{live_server.url}/survey/{invitation.token}/partners/")
    french.set_viewport_size({"width": 1280, "height": 900})
    french.wait_for_selector("table.scale-matrix")
    shot(french, "survey-partner-form-desktop-fr")
