"""Partners see survey answers only in aggregate; quotes appear only with their authors' recorded consent."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from maillage.audit.models import AuditEvent
from maillage.surveys.models import Invitation, PartnerAnswer, Question, QuestionKind, Response, WaveStatus
from tests.conftest import client_for
from tests.surveys.helpers import make_wave

WORDS = {
    "named": "Le réseau nous a ouvert des portes.",
    "anonymous": "Nous avons enfin été entendus.",
    "": "Ceci ne doit jamais être publié.",
}
COMMENT = "Notre directrice Mme Roy a quitté la table en mars."
OWN_TEXT = "Réponse libre de la Pharmacie, identifiable."


@pytest.fixture
def answered(network_a, orgs):
    wave = make_wave(network_a)
    wave.status = WaveStatus.OPEN
    wave.save()
    own = Question.objects.create(wave=wave, code="own-text", kind=QuestionKind.TEXT, text_fr="Votre avis ?")
    for index, consent in enumerate(WORDS):
        invitation = Invitation.objects.create(
            wave=wave, organization=orgs[index], token=f"agg-{index}-" + "w" * 30
        )
        response = Response.objects.create(
            invitation=invitation,
            quote=WORDS[consent],
            quote_consent=consent,
            answers={"partnership_growth": str(index + 2), own.code: OWN_TEXT},
            comments={"partnership_growth": COMMENT} if index == 0 else {},
            submitted_at=timezone.now(),
        )
        PartnerAnswer.objects.create(
            response=response, partner=orgs[(index + 1) % 3], level=3, reliability=index + 1
        )
    return wave


def results_page(user, wave) -> str:
    response = client_for(user).get(reverse("surveys:wave_results", kwargs={"pk": wave.pk}))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("role", ["coordinator", "member", "viewer", "admin"])
def test_only_consented_quotes_are_published(people, answered, orgs, role):
    page = results_page(people[role], answered)
    assert WORDS["named"] in page and WORDS["anonymous"] in page
    assert WORDS[""] not in page
    named_at = page.index(WORDS["named"])
    assert orgs[0].name.replace("'", "&#x27;") in page[named_at : named_at + 300]
    anonymous_at = page.index(WORDS["anonymous"])
    assert orgs[1].name not in page[anonymous_at : anonymous_at + 300]


@pytest.mark.parametrize("role", ["member", "viewer"])
def test_other_partners_see_aggregates_not_individual_answers(people, answered, role):
    answered.status = WaveStatus.CLOSED  # others read the answers once the wave is closed
    answered.save()
    page = results_page(people[role], answered)
    assert COMMENT not in page and OWN_TEXT not in page
    # The distribution is there: 3 answers to the first impact measure, and no comment.
    summaries = (
        client_for(people[role]).get(reverse("surveys:wave_results", kwargs={"pk": answered.pk})).context
    )
    impact = summaries["impact"]
    growth = next(s for s in impact if s.question.code == "partnership_growth")
    assert growth.answered == 3 and growth.comments == []


def test_respondents_addresses_stay_with_the_coordinators(people, answered):
    Invitation.objects.filter(wave=answered).update(email="repondante@example.org")
    Response.objects.filter(invitation__wave=answered).first().delete()  # one partner has not answered yet
    for role in ["member", "viewer"]:
        assert "repondante@example.org" not in results_page(people[role], answered)
    progress = reverse("surveys:wave_progress", kwargs={"pk": answered.pk})
    assert client_for(people["member"]).get(progress).status_code == 403
    assert "repondante@example.org" in client_for(people["coordinator"]).get(progress).content.decode()


def test_the_coordinator_reads_free_text_of_their_own_network(coordinator, answered):
    page = results_page(coordinator, answered)
    assert COMMENT in page and OWN_TEXT in page


def test_individual_ratings_never_reach_the_results_page(people, answered):
    # While the wave is open, each new response would move the means by its own ratings: nothing shows.
    page = client_for(people["member"]).get(reverse("surveys:wave_results", kwargs={"pk": answered.pk}))
    assert (page.context["trust"], page.context["value"]) == (None, None)
    answered.status = WaveStatus.CLOSED
    answered.save()
    context = (
        client_for(people["member"]).get(reverse("surveys:wave_results", kwargs={"pk": answered.pk})).context
    )
    # Trust is one mean over everyone, as a share of the maximum; nobody's own rating is in the page.
    assert context["trust"] == pytest.approx(100.0 * (1 + 2 + 3) / 3 / 4)


def test_a_wave_rated_by_fewer_than_three_shows_no_trust(people, answered):
    """Two raters: the mean and one's own answers give the other's; nothing is shown."""
    answered.status = WaveStatus.CLOSED
    answered.save()
    PartnerAnswer.objects.filter(response__invitation__wave=answered, reliability=3).update(reliability=None)
    context = (
        client_for(people["coordinator"])
        .get(reverse("surveys:wave_results", kwargs={"pk": answered.pk}))
        .context
    )
    assert (context["trust"], context["value"]) == (None, None)


def test_the_outsider_sees_nothing_of_the_wave(outsider, answered):
    response = client_for(outsider).get(reverse("surveys:wave_results", kwargs={"pk": answered.pk}))
    assert response.status_code == 403


def test_consent_is_recorded_in_the_audit_trail(network_a, orgs):
    wave = make_wave(network_a)
    wave.status = WaveStatus.OPEN
    wave.save()
    invitation = Invitation.objects.create(wave=wave, organization=orgs[0], token="consent-" + "c" * 30)
    url = reverse("surveys:respond_network", kwargs={"token": invitation.token})
    response = client_for(None).post(url, {"quote": WORDS["named"], "quote_consent": "named"})
    assert response.status_code == 302
    event = AuditEvent.objects.filter(model="surveys.Response").latest("id")
    assert event.changes["quote_consent"] == ["", "named"] and event.actor == "survey respondent"
    assert WORDS["named"] not in str(event.changes)
    assert event.network_id == network_a.pk and event.organization_id == orgs[0].pk


def test_a_quote_without_words_carries_no_consent(network_a, orgs):
    wave = make_wave(network_a)
    wave.status = WaveStatus.OPEN
    wave.save()
    invitation = Invitation.objects.create(wave=wave, organization=orgs[0], token="noword-" + "c" * 30)
    url = reverse("surveys:respond_network", kwargs={"token": invitation.token})
    client_for(None).post(url, {"quote": "   ", "quote_consent": "named"})
    assert Response.objects.get(invitation=invitation).quote_consent == ""
