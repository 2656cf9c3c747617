"""The partner's form: rating scales as radio buttons, answers saved as they go, no sign-in link."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from maillage.surveys.actions import do_choose_partners, do_close_wave, start_response
from maillage.surveys.models import PartnerAnswer
from tests.conftest import client_for
from tests.surveys.conftest import answer_fully, en, invitation_of


def url(name: str, token: str) -> str:
    with translation.override("fr"):
        return "/en" + reverse(f"surveys:{name}", kwargs={"token": token})


@pytest.fixture
def chosen(open_wave, orgs):
    """orgs[0] answers about orgs[1] and orgs[2]."""
    invitation = invitation_of(open_wave, orgs[0])
    do_choose_partners(start_response(invitation, "en"), [orgs[1], orgs[2]])
    return invitation


def test_ratings_are_radio_buttons_a_row_per_partner(chosen, orgs):
    page = Client().get(url("respond_partners", chosen.token)).content.decode()
    assert "<select" not in page
    reliability = next(block for block in page.split("<fieldset") if '-reliability"' in block)
    assert reliability.count("<tr data-answer") == 2 and "Don&#x27;t know" in reliability
    answer = PartnerAnswer.objects.get(response__invitation=chosen, partner=orgs[1])
    assert f'name="p{answer.pk}-reliability"' in page and 'type="radio"' in page


def test_an_autosave_keeps_the_answers_and_says_so_in_json(chosen, orgs):
    answer = PartnerAnswer.objects.get(response__invitation=chosen, partner=orgs[1])
    response = Client().post(
        url("respond_partners", chosen.token),
        {f"p{answer.pk}-reliability": "3", f"p{answer.pk}-level": "2"},
        headers={"X-Autosave": "1"},
    )
    assert response.status_code == 200 and response.json() == {"saved": True}
    answer.refresh_from_db()
    assert (answer.reliability, answer.level) == (3, 2)
    page = Client().get(url("respond_partners", chosen.token)).content.decode()
    checked = re.search(rf'<input[^>]*name="p{answer.pk}-reliability"[^>]*value="3"[^>]*checked', page)
    assert checked, "the saved answer is checked again on reload"


def test_dont_know_is_saved_as_no_rating(chosen, orgs):
    answer = PartnerAnswer.objects.get(response__invitation=chosen, partner=orgs[1])
    PartnerAnswer.objects.filter(pk=answer.pk).update(openness=2)
    Client().post(
        url("respond_partners", chosen.token), {f"p{answer.pk}-openness": "dk"}, headers={"X-Autosave": "1"}
    )
    answer.refresh_from_db()
    assert answer.openness is None


def test_a_bad_autosave_saves_nothing_and_says_so(chosen, orgs):
    answer = PartnerAnswer.objects.get(response__invitation=chosen, partner=orgs[1])
    response = Client().post(
        url("respond_partners", chosen.token),
        {f"p{answer.pk}-reliability": "9", f"p{answer.pk}-level": "2"},
        headers={"X-Autosave": "1"},
    )
    assert response.status_code == 400 and response.json() == {"saved": False}
    answer.refresh_from_db()
    assert answer.level is None


def test_the_network_step_autosaves_too(chosen):
    response = Client().post(
        url("respond_network", chosen.token), {"quote": "Merci"}, headers={"X-Autosave": "1"}
    )
    assert response.json() == {"saved": True}
    chosen.response.refresh_from_db()
    assert chosen.response.quote == "Merci"


def test_network_questions_are_never_drop_down_lists(chosen):
    page = Client().get(url("respond_network", chosen.token)).content.decode()
    assert "<select" not in page and page.count("data-answer") >= 8


@pytest.mark.parametrize("name", ["respond", "respond_partners", "respond_network", "respond_submit"])
def test_token_pages_have_no_sign_in_link(chosen, name):
    page = Client().get(url(name, chosen.token)).content.decode()
    assert "/accounts/login/" not in page and "Sign in" not in page


def test_a_problem_page_has_no_sign_in_link(db):
    page = Client().get("/en/survey/nope-nope-nope/").content.decode()
    assert "/accounts/login/" not in page


def test_a_closed_wave_speaks_in_the_past(open_wave, orgs, coordinator):
    answer_fully(open_wave, orgs[0], {orgs[1]: {}})
    do_close_wave(open_wave)
    page = client_for(coordinator).get(en("surveys:wave_detail", pk=open_wave.pk)).content.decode()
    assert "Who did not answer" in page and "Who has not answered yet" not in page
    assert "before opening the wave" not in page and "1 of 4 organizations answered." in page


def test_a_draft_wave_invites_own_questions(draft_wave, coordinator):
    page = client_for(coordinator).get(en("surveys:wave_detail", pk=draft_wave.pk)).content.decode()
    assert "before opening the wave" in page and "Who has not answered" not in page
    assert "the links are created when the wave opens" in page and "0 of 0" not in page


def test_closed_results_do_not_wait_for_more(draft_wave, orgs, coordinator):
    from maillage.surveys.actions import do_open_wave
    from tests.surveys.conftest import link_for

    do_open_wave(draft_wave, link_for)
    do_close_wave(draft_wave)
    page = client_for(coordinator).get(en("surveys:wave_results", pk=draft_wave.pk)).content.decode()
    assert "No tie was reported in this wave." in page and "yet" not in page
