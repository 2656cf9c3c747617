"""Erasure erases: after `privacy erase`, no text column of the database holds a word the person wrote.

The attack replayed: a respondent asks for erasure; their free-text answers stayed in
`Response.answers` and came out again in the coordinators' export. Here every place the person can write
gets a marker, and after erasure every character and JSON column of every table is scanned for it.
"""

from __future__ import annotations

import io
import json

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import models
from django.utils import timezone

from maillage.directory.models import Contact
from maillage.leadership.models import Post
from maillage.networks.models import Network
from maillage.reports.exports import export
from maillage.reports.exports.disclosure import server_disclosure
from maillage.surveys.models import (
    Invitation,
    PartnerAnswer,
    Question,
    QuestionKind,
    Response,
    Wave,
    WaveStatus,
)
from tests.conftest import PASSWORD
from tests.initiatives.helpers import make_initiative
from tests.leadership.helpers import make_community, make_profile
from tests.surveys.helpers import make_wave

EMAIL = "louise.gagnon@example.org"
MARK = "Zqxmarker"  # in every word Louise writes


def _marked(label: str) -> str:
    return f"{MARK}-{label}"


@pytest.fixture
def louise(network_a, orgs):
    user = User.objects.create_user(
        "lgagnon", email=EMAIL, password=PASSWORD, first_name=_marked("first"), last_name=_marked("last")
    )
    Contact.objects.create(organization=orgs[0], full_name=_marked("name"), role=_marked("role"), email=EMAIL)
    wave = make_wave(network_a)
    wave.status = WaveStatus.OPEN
    wave.save()
    text = Question.objects.create(
        wave=wave, code="own-words", kind=QuestionKind.TEXT, text_fr="Votre avis ?"
    )
    invitation = Invitation.objects.create(
        wave=wave, organization=orgs[0], token="scan-" + "s" * 30, email=EMAIL
    )
    response = Response.objects.create(
        invitation=invitation,
        quote=_marked("quote"),
        quote_consent="anonymous",
        comments={"partnership_growth": _marked("comment")},
        answers={
            "partnership_growth": "3",
            text.code: _marked("text-answer"),
            "retired-question": _marked("old-answer"),
        },
        submitted_at=timezone.now(),
    )
    PartnerAnswer.objects.create(response=response, partner=orgs[1], level=3, reliability=4)
    # The next wave's response was pre-filled from hers and sent by someone else, still holding her words.
    later_wave = Wave.objects.create(network=network_a, date=wave.date.replace(year=wave.date.year + 1))
    later = Invitation.objects.create(wave=later_wave, organization=orgs[0], token="scan2-" + "t" * 30)
    Response.objects.create(
        invitation=later,
        prefilled_from=response,
        answers={"partnership_growth": "4", "own-words": _marked("text-answer"), "mine": "Autre texte"},
        comments={"partnership_growth": _marked("comment")},
    )
    make_initiative(network_a, contact_name=_marked("initiative"), contact_email=EMAIL, contact_consent=True)
    make_profile(user, orgs[0])
    community = make_community(user)
    Post.objects.create(community=community, author=user, body=_marked("post"))
    return {"user": user, "response": response, "later": later}


def _text_columns(model: type[models.Model]) -> list[str]:
    kinds = (models.CharField, models.TextField, models.JSONField)
    return [f.attname for f in model._meta.concrete_fields if isinstance(f, kinds)]


def _rows_holding(marker: str) -> list[str]:
    found = []
    for model in apps.get_models(include_auto_created=True):
        columns = _text_columns(model)
        if not columns:
            continue
        for row in model._default_manager.values("pk", *columns):
            text = json.dumps(row, ensure_ascii=False, default=str)
            if marker.lower() in text.lower():
                found.append(f"{model._meta.label}#{row['pk']}: {text[:200]}")
    return found


def test_every_text_column_is_free_of_the_erased_persons_words(louise, network_a):
    assert len(_rows_holding(MARK)) >= 7, "the markers were written where the scan looks"
    call_command("privacy", "erase", "--email", EMAIL, "--yes", stdout=io.StringIO(), stderr=io.StringIO())
    assert _rows_holding(MARK) == []
    # What feeds the aggregates stays: choices, scale points and ratings.
    response = Response.objects.get(pk=louise["response"].pk)
    assert response.answers == {"partnership_growth": "3"}
    assert PartnerAnswer.objects.get(response=response).reliability == 4
    later = Response.objects.get(invitation=louise["later"])
    assert later.answers == {"partnership_growth": "4", "mine": "Autre texte"}


def test_the_coordinators_export_no_longer_holds_her_words(louise, network_a):
    networks = Network.objects.filter(pk=network_a.pk)
    before = export(networks, "json", title="x", disclosure=server_disclosure(networks)).content
    assert MARK.encode() in before
    call_command("privacy", "erase", "--email", EMAIL, "--yes", stdout=io.StringIO(), stderr=io.StringIO())
    after = export(networks, "json", title="x", disclosure=server_disclosure(networks)).content
    assert MARK.encode() not in after
