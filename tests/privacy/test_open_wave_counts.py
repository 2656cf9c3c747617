"""While a wave is open, its answer counts change one organization at a time: two reads of the results page
around one submission would give that organization's answers. Others read them once the wave is closed."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from maillage.surveys.models import Invitation, Response, WaveStatus
from tests.conftest import client_for
from tests.surveys.helpers import make_wave


def _answer(wave, organization, value: str) -> None:
    invitation = Invitation.objects.create(
        wave=wave, organization=organization, token=f"open-{organization.pk}-" + "o" * 30
    )
    Response.objects.create(
        invitation=invitation, answers={"partnership_growth": value}, submitted_at=timezone.now()
    )


def _growth(user, wave):
    context = client_for(user).get(reverse("surveys:wave_results", kwargs={"pk": wave.pk})).context
    found = [s for s in context["impact"] if s.question.code == "partnership_growth"]
    return found[0].answered if found else None, context["held"]


@pytest.fixture
def open_wave(network_a, orgs):
    wave = make_wave(network_a)
    wave.status = WaveStatus.OPEN
    wave.save()
    _answer(wave, orgs[0], "3")
    _answer(wave, orgs[1], "4")
    return wave


@pytest.mark.parametrize("role", ["member", "viewer"])
def test_two_reads_around_a_submission_tell_others_nothing(people, open_wave, orgs, role):
    before = client_for(people[role]).get(reverse("surveys:wave_results", kwargs={"pk": open_wave.pk}))
    _answer(open_wave, orgs[2], "5")
    after = client_for(people[role]).get(reverse("surveys:wave_results", kwargs={"pk": open_wave.pk}))
    assert before.context["impact"] == after.context["impact"] == []
    assert before.context["held"] and after.context["held"]


def test_the_coordinators_follow_the_answers_as_they_come(people, open_wave):
    assert _growth(people["coordinator"], open_wave) == (2, False)


@pytest.mark.parametrize("role", ["member", "viewer"])
def test_others_read_the_answers_once_the_wave_is_closed(people, open_wave, role):
    open_wave.status = WaveStatus.CLOSED
    open_wave.save()
    assert _growth(people[role], open_wave) == (2, False)
