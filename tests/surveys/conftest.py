"""Survey fixtures: a draft wave of network A, the same wave opened, and a way to answer it fully."""

from __future__ import annotations

import datetime

import pytest

from maillage.directory.models import Contact
from maillage.surveys.actions import do_open_wave, start_response, survey_questions
from maillage.surveys.models import Invitation, PartnerAnswer, QuestionScope, Wave, WaveKind

D = datetime.date


def link_for(token: str, language: str) -> str:
    return f"http://testserver/{'en/' if language == 'en' else ''}survey/{token}/"


@pytest.fixture
def english():
    """For tests that read messages of imports in English (the French ones are checked elsewhere)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def draft_wave(network_a, coordinator) -> Wave:
    return Wave.objects.create(
        network=network_a, kind=WaveKind.BASELINE, date=D(2024, 6, 1), created_by=coordinator
    )


@pytest.fixture
def open_wave(draft_wave, orgs) -> Wave:
    Contact.objects.create(organization=orgs[0], full_name="Éole", email="eole@example.org")
    Contact.objects.create(organization=orgs[1], full_name="Parc", email="parc@example.org")
    do_open_wave(draft_wave, link_for)
    draft_wave.refresh_from_db()
    return draft_wave


def invitation_of(wave: Wave, organization) -> Invitation:
    return Invitation.objects.select_related("wave__network", "organization").get(
        wave=wave, organization=organization
    )


RATINGS = {
    "reliability": 4,
    "mission_alignment": 3,
    "openness": 2,
    "power_influence": 1,
    "involvement": 2,
    "resource_contribution": 3,
}


def answer_fully(wave: Wave, organization, partners: dict, *, submit: bool = True):
    """Give complete answers for `organization`: `partners` maps a partner to PartnerAnswer field values."""
    from maillage.surveys.actions import do_submit

    invitation = invitation_of(wave, organization)
    response = start_response(invitation, "fr")
    for partner, values in partners.items():
        fields = {"frequency": "monthly", "level": 3, "formality": "informal", **RATINGS, **values}
        PartnerAnswer.objects.update_or_create(response=response, partner=partner, defaults=fields)
    questions = survey_questions(wave)
    response.answers = {
        q.code: "3" for q in questions if q.scope == QuestionScope.RESPONDENT and q.kind == "scale"
    }
    response.save()
    if submit:
        _response, problems = do_submit(invitation, "fr", questions)
        assert problems == []
    return invitation


def en(name: str, **kwargs) -> str:
    """The English URL of a page (reversed in French: an earlier request may have left English active)."""
    from django.urls import reverse
    from django.utils import translation

    with translation.override("fr"):
        return "/en" + reverse(name, kwargs=kwargs)
