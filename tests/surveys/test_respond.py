"""Answering through a link: each token opens its own invitation only; bad links get a clear page."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from maillage.surveys.actions import do_close_wave
from maillage.surveys.models import PartnerAnswer, Response, Wave, WaveKind, WaveStatus
from tests.surveys.conftest import answer_fully, invitation_of

D = datetime.date


def url(name: str, token: str, english: bool = True) -> str:
    with translation.override("fr"):
        path = reverse(f"surveys:{name}", kwargs={"token": token})
    return "/en" + path if english else path


@pytest.mark.parametrize("token", ["nope", "x" * 500, "<script>alert(1)", "é" * 10, "%00"])
def test_an_unknown_token_gets_a_clear_404(db, token):
    response = Client().get(f"/en/survey/{token}/")
    assert response.status_code == 404
    assert "This survey link is not valid" in response.content.decode()
    assert "<script>alert(1)" not in response.content.decode()


def test_a_draft_wave_opens_nothing(draft_wave, orgs):
    from maillage.surveys.models import Invitation

    invitation = Invitation.objects.create(wave=draft_wave, organization=orgs[0], token="t" * 43)
    assert Client().get(url("respond", invitation.token)).status_code == 404


def test_a_closed_wave_gets_a_clear_410(open_wave, orgs):
    token = invitation_of(open_wave, orgs[0]).token
    do_close_wave(open_wave)
    response = Client().get(url("respond", token))
    assert response.status_code == 410 and "This survey is closed" in response.content.decode()


def test_an_expired_link_gets_a_clear_410(open_wave, orgs):
    Wave.objects.filter(pk=open_wave.pk).update(closes_on=D(2024, 6, 2))
    response = Client().get(url("respond_network", invitation_of(open_wave, orgs[0]).token))
    assert response.status_code == 410 and "closed" in response.content.decode()


def test_a_used_link_gets_a_clear_410_but_still_shows_its_thanks(open_wave, orgs):
    invitation = answer_fully(open_wave, orgs[0], {orgs[1]: {}})
    for name in ("respond", "respond_partners", "respond_network"):
        response = Client().get(url(name, invitation.token))
        assert response.status_code == 410, name
        assert "already sent its answers" in response.content.decode()
    assert Client().get(url("respond_submit", invitation.token)).status_code == 200


def test_the_link_opens_its_own_invitation_and_nothing_else(open_wave, orgs):
    mine, other = invitation_of(open_wave, orgs[0]), invitation_of(open_wave, orgs[1])
    page = Client().get(url("respond", mine.token)).content.decode()
    assert escape(f"Answers of {orgs[0].name}") in page
    assert escape(f"Answers of {orgs[1].name}") not in page
    Client().post(url("respond", mine.token), {"partners": [orgs[2].pk]})
    assert Response.objects.get(invitation=mine).partners.count() == 1
    assert not Response.objects.filter(invitation=other).exists()


def test_one_cannot_name_oneself_or_an_outsider(open_wave, orgs, network_b):
    token = invitation_of(open_wave, orgs[0]).token
    outsider_org = network_b.memberships.get().organization
    for partner in (orgs[0], outsider_org, orgs[4]):
        response = Client().post(url("respond", token), {"partners": [partner.pk]})
        assert response.status_code == 400
    assert not PartnerAnswer.objects.exists()


def test_partner_answers_cannot_be_posted_for_another_response(open_wave, orgs):
    """Fields are keyed by the response's own answers; foreign ids in the POST are ignored."""
    mine, other = invitation_of(open_wave, orgs[0]), invitation_of(open_wave, orgs[1])
    Client().post(url("respond", other.token), {"partners": [orgs[2].pk]})
    foreign = PartnerAnswer.objects.get()
    Client().post(url("respond_partners", mine.token), {f"p{foreign.pk}-level": "5"})
    foreign.refresh_from_db()
    assert foreign.level is None


def test_the_whole_path_by_link_in_english(open_wave, orgs):
    token = invitation_of(open_wave, orgs[0]).token
    client = Client()
    page = client.get(url("respond", token)).content.decode()
    assert escape(orgs[1].name) in page and escape(orgs[4].name) not in page  # members only
    response = client.post(url("respond", token), {"partners": [orgs[1].pk, orgs[2].pk], "continue": "1"})
    assert response.status_code == 302 and response["Location"].endswith("/partners/")
    page = client.get(url("respond_partners", token)).content.decode()
    assert "How often are you in contact?" in page and "Don&#x27;t know" in page
    answers = list(PartnerAnswer.objects.order_by("partner__name_fr"))
    data = {}
    for answer in answers:
        data |= {
            f"p{answer.pk}-frequency": "weekly",
            f"p{answer.pk}-level": "4",
            f"p{answer.pk}-formality": "formal",
        }
        data |= {f"p{answer.pk}-flows": ["referrals", "joint_projects"], f"p{answer.pk}-reliability": "4"}
    assert client.post(url("respond_partners", token), data).status_code == 302
    bad = client.post(url("respond_partners", token), {**data, f"p{answers[0].pk}-openness": "9"})
    assert bad.status_code == 400 and "Select a valid choice" in bad.content.decode()
    assert PartnerAnswer.objects.get(pk=answers[0].pk).openness is None  # nothing saved from a bad page
    missing = client.post(url("respond_submit", token))
    assert missing.status_code == 400 and "Answer:" in missing.content.decode()
    network = {f"q_{code}": "4" for code in ("partnership_growth", "needs_awareness", "information_access",
               "provider_competence", "contact_frequency", "community_inclusion", "service_innovation",
               "community_vitality", "shared_vision", "management_support", "experimentation",
               "partnership_mechanisms", "continuous_adjustment", "shared_power", "clear_leadership",
               "formal_roles")}  # fmt: skip
    network |= {"quote": "We all gain <b>together</b>", "quote_consent": "anonymous"}
    assert client.post(url("respond_network", token), network).status_code == 302
    assert client.post(url("respond_submit", token)).status_code == 302
    assert client.post(url("respond_submit", token)).status_code == 200  # a double click: thanks again
    response = Response.objects.get()
    assert response.is_submitted and response.language == "en" and response.quote_consent == "anonymous"
    assert Response.objects.count() == 1 and response.partners.count() == 2
    first = response.partners.order_by("partner__name_fr").first()
    assert (first.level, first.formality, first.referrals, first.information) == (4, "formal", True, False)


def test_a_follow_up_is_prefilled_from_the_previous_wave(open_wave, orgs, network_a):
    answer_fully(open_wave, orgs[0], {orgs[1]: {"level": 5}, orgs[2]: {"level": 2}})
    do_close_wave(open_wave)
    network_a.memberships.filter(organization=orgs[2]).update(end_date=D(2024, 12, 31))
    follow_up = Wave.objects.create(
        network=network_a, kind=WaveKind.FOLLOW_UP, date=D(2025, 6, 1), previous=open_wave
    )
    from maillage.surveys.actions import do_open_wave

    do_open_wave(follow_up, lambda token, language: token)
    token = invitation_of(follow_up, orgs[0]).token
    page = Client().get(url("respond_partners", token)).content.decode()
    assert "Your answers from the previous wave are filled in" in page
    response = Response.objects.get(invitation__token=token)
    assert list(response.partners.values_list("partner_id", "level")) == [(orgs[1].pk, 5)]  # left: not copied
    assert response.answers["partnership_growth"] == "3"


def test_token_pages_are_rate_limited(open_wave, orgs, monkeypatch):
    monkeypatch.setenv("MAILLAGE_SURVEY_RATE_LIMIT", "3")
    token = invitation_of(open_wave, orgs[0]).token
    statuses = [Client().get(url("respond", token)).status_code for _ in range(5)]
    assert statuses[:3] == [200, 200, 200] and statuses[3:] == [429, 429]


def test_french_is_the_default(open_wave, orgs):
    token = invitation_of(open_wave, orgs[0]).token
    Client().post(url("respond", token, english=False), {"partners": [orgs[1].pk]})
    page = Client().get(url("respond_partners", token, english=False)).content.decode()
    assert "À quelle fréquence êtes-vous en contact?" in page


def test_submitting_twice_at_the_action_level_changes_nothing(open_wave, orgs):
    from maillage.surveys.actions import do_submit, survey_questions

    invitation = answer_fully(open_wave, orgs[0], {orgs[1]: {}})
    first = Response.objects.get(invitation=invitation).submitted_at
    response, problems = do_submit(invitation, "en", survey_questions(open_wave))
    assert problems == [] and response.submitted_at == first and response.language == "fr"


def test_a_wave_closed_while_answering_refuses_the_next_save(open_wave, orgs):
    token = invitation_of(open_wave, orgs[0]).token
    Client().get(url("respond", token))
    Wave.objects.filter(pk=open_wave.pk).update(status=WaveStatus.CLOSED)
    assert Client().post(url("respond", token), {"partners": [orgs[1].pk]}).status_code == 410
    assert not PartnerAnswer.objects.exists()
