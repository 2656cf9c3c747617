"""Coordinators record the network's stages and lessons; readers see the path and the published lessons."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from maillage.lessons.models import DevelopmentStage, Lesson, NetworkStage
from tests.conftest import client_for


def _url(name: str, network, **kwargs) -> str:  # type: ignore[no-untyped-def]
    return reverse(f"lessons:{name}", kwargs={"network_pk": network.pk, **kwargs})


def test_the_five_stages_are_loaded_with_their_definitions(db):
    stages = list(DevelopmentStage.objects.all())
    assert [s.code for s in stages] == ["emerging", "forming", "consolidating", "mature", "renewing"]
    assert all(s.name_fr and s.name_en and s.definition_fr and s.definition_en for s in stages)


def test_a_coordinator_records_a_stage_and_a_lesson(coordinator, network_a, orgs):
    client = client_for(coordinator)
    stage = DevelopmentStage.objects.get(code="forming")
    response = client.post(_url("stage_add", network_a), {"stage": stage.pk, "reached_on": "2024-05-01"})
    assert response.status_code == 302
    response = client.post(
        _url("lesson_add", network_a),
        {"noted_on": "2024-06-01", "text": " Se parler tôt évite les doublons. ", "organization": orgs[1].pk,
         "publication": "named"},
    )  # fmt: skip
    assert response.status_code == 302
    recorded = NetworkStage.objects.get(network=network_a)
    assert recorded.stage == stage and recorded.recorded_by == coordinator
    lesson = Lesson.objects.get(network=network_a)
    assert lesson.text == "Se parler tôt évite les doublons." and lesson.organization == orgs[1]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"noted_on": "2024-06-01", "text": "   ", "publication": ""}, "text"),
        ({"noted_on": "2024-06-01", "text": "Oui", "publication": "named"}, "organization"),
        ({"noted_on": "pas une date", "text": "Oui", "publication": ""}, "noted_on"),
        ({"noted_on": "2024-06-01", "text": "x" * 2001, "publication": ""}, "text"),
    ],
)
def test_a_bad_lesson_is_refused_with_a_message_and_nothing_saved(coordinator, network_a, data, field):
    response = client_for(coordinator).post(_url("lesson_add", network_a), data)
    assert response.status_code == 400 and field in response.context["lesson_form"].errors
    assert not Lesson.objects.exists()


def test_a_lesson_cannot_name_an_organization_outside_the_network(coordinator, network_a, network_b):
    stranger = network_b.memberships.get().organization
    data = {"noted_on": "2024-06-01", "text": "Oui", "organization": stranger.pk, "publication": "named"}
    response = client_for(coordinator).post(_url("lesson_add", network_a), data)
    assert response.status_code == 400 and not Lesson.objects.exists()


def test_two_stages_on_one_date_are_refused(coordinator, network_a):
    stage = DevelopmentStage.objects.first()
    NetworkStage.objects.create(network=network_a, stage=stage, reached_on=datetime.date(2024, 5, 1))
    response = client_for(coordinator).post(
        _url("stage_add", network_a), {"stage": stage.pk, "reached_on": "2024-05-01"}
    )
    assert response.status_code == 400 and NetworkStage.objects.count() == 1


def test_members_see_only_published_lessons_coordinators_see_all(coordinator, member, network_a):
    day = datetime.date(2024, 6, 1)
    Lesson.objects.create(network=network_a, noted_on=day, text="Leçon publique", publication="anonymous")
    Lesson.objects.create(network=network_a, noted_on=day, text="Leçon gardée pour nous", publication="")
    member_page = client_for(member).get(_url("network", network_a)).content.decode()
    coordinator_page = client_for(coordinator).get(_url("network", network_a)).content.decode()
    assert "Leçon publique" in member_page and "Leçon gardée pour nous" not in member_page
    assert "Leçon gardée pour nous" in coordinator_page


def test_an_outsider_cannot_delete_another_networks_lesson(outsider, coordinator, network_a, network_b):
    lesson = Lesson.objects.create(network=network_a, noted_on=datetime.date(2024, 6, 1), text="À garder")
    url = _url("delete", network_a, kind="lesson", pk=lesson.pk)
    assert client_for(outsider).post(url).status_code == 403
    # Nor through its own network's address: the entry must belong to the network in the address.
    own = _url("delete", network_b, kind="lesson", pk=lesson.pk)
    assert client_for(outsider).post(own).status_code == 404
    assert Lesson.objects.filter(pk=lesson.pk).exists()
    assert client_for(coordinator).post(url).status_code == 302
    assert not Lesson.objects.filter(pk=lesson.pk).exists()
