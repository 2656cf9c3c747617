"""Learning activities: who runs them, participants and attendance, and the framework's coverage."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from maillage.leadership.models import Competency, LearningActivity, Participation
from tests.conftest import client_for, make_user
from tests.leadership.helpers import make_activity, make_profile, url


def activity_data(network=None, **change) -> dict:  # type: ignore[no-untyped-def]
    codes = change.pop("codes", ["succession", "policy-influence"])
    data = {
        "kind": "workshop",
        "title_fr": "Atelier",
        "title_en": "",
        "description": "",
        "start_date": "2026-03-01",
        "end_date": "",
        "network": network.pk if network else "",
        "competencies": [
            str(pk) for pk in Competency.objects.filter(code__in=codes).values_list("pk", flat=True)
        ],
    }
    return data | change


def test_a_coordinator_creates_an_activity_for_their_network(coordinator, network_a):
    response = client_for(coordinator).post(url("activity_create"), activity_data(network_a))
    assert response.status_code == 302
    activity = LearningActivity.objects.get()
    assert activity.network == network_a and activity.created_by == coordinator
    assert set(activity.competencies.values_list("code", flat=True)) == {"succession", "policy-influence"}


def test_a_coordinator_cannot_create_one_for_another_network_or_none(coordinator, network_b):
    client = client_for(coordinator)
    response = client.post(url("activity_create"), activity_data(network_b))
    assert "network" in response.context["form"].errors
    response = client.post(url("activity_create"), activity_data(None))
    assert "network" in response.context["form"].errors
    assert not LearningActivity.objects.exists()


def test_the_team_creates_programme_wide_activities(team_member):
    assert client_for(team_member).post(url("activity_create"), activity_data(None)).status_code == 302
    assert LearningActivity.objects.get().network is None


def test_a_member_cannot_create_or_edit(member, network_a):
    activity = make_activity(network_a)
    assert client_for(member).post(url("activity_create"), activity_data(network_a)).status_code == 403
    assert (
        client_for(member).post(url("activity_edit", pk=activity.pk), activity_data(network_a)).status_code
        == 403
    )


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title_fr": "", "title_en": ""}, "title_fr"),
        ({"start_date": "2026-03-01", "end_date": "2026-02-01"}, "end_date"),
        ({"start_date": ""}, "start_date"),
        ({"kind": "party"}, "kind"),
        ({"codes": []}, "competencies"),
        ({"title_fr": "x" * 201}, "title_fr"),
    ],
)
def test_bad_activities_are_refused_next_to_the_field(team_member, change, field):
    response = client_for(team_member).post(url("activity_create"), activity_data(None, **change))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not LearningActivity.objects.exists()


def test_hostile_titles_are_escaped(team_member, member):
    client_for(team_member).post(
        url("activity_create"), activity_data(None, title_fr="<script>alert(1)</script>")
    )
    activity = LearningActivity.objects.get()
    for page in (url("activity_list"), url("activity_detail", pk=activity.pk)):
        html = client_for(member).get(page).content.decode()
        assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html


def test_participants_and_attendance(coordinator, network_a, member, orgs):
    activity = make_activity(network_a)
    make_profile(member, orgs[1])
    client = client_for(coordinator)
    assert client.post(url("participant_add", pk=activity.pk), {"username": "member"}).status_code == 302
    client.post(url("participant_add", pk=activity.pk), {"username": "member"})  # twice: still one
    participation = Participation.objects.get()
    client.post(url("participant_add", pk=activity.pk), {"username": "coordinator"})  # no leader profile
    assert Participation.objects.count() == 1
    other = make_activity(network_a, title_fr="Autre")
    elsewhere = Participation.objects.create(activity=other, profile=participation.profile)
    client.post(
        url("attendance", pk=activity.pk), {"attended": [str(participation.pk), str(elsewhere.pk), "x"]}
    )
    participation.refresh_from_db()
    elsewhere.refresh_from_db()
    assert participation.attended and not elsewhere.attended  # another activity's row is left alone
    client.post(url("attendance", pk=activity.pk), {})
    participation.refresh_from_db()
    assert not participation.attended


def test_participant_names_are_for_organizers_only(coordinator, member, outsider, network_a, orgs):
    activity = make_activity(network_a)
    Participation.objects.create(
        activity=activity, profile=make_profile(make_user("zoe", first_name="Zoé"), orgs[0])
    )
    assert "Zoé" in client_for(coordinator).get(url("activity_detail", pk=activity.pk)).content.decode()
    for user in (member, outsider):
        assert "Zoé" not in client_for(user).get(url("activity_detail", pk=activity.pk)).content.decode()
    assert client_for(outsider).post(url("attendance", pk=activity.pk), {}).status_code == 403


def test_coverage_lists_the_competencies_no_activity_addresses(team_member, network_a, network_b):
    make_activity(network_a, codes=("succession", "policy-influence"))
    make_activity(network_b, codes=("sustainable-funding",), start_date=datetime.date(2024, 1, 1))
    response = client_for(team_member).get(url("coverage"))
    uncovered = {c.code for c in response.context["uncovered"]}
    assert "succession" not in uncovered and "sustainable-funding" not in uncovered
    assert "voice-of-community" in uncovered
    assert len(uncovered) == Competency.objects.filter(active=True).count() - 3
    since = client_for(team_member).get(url("coverage"), {"since": "2025-01-01"})
    assert "sustainable-funding" in {c.code for c in since.context["uncovered"]}
    by_network = client_for(team_member).get(url("coverage"), {"network": network_b.pk})
    assert {c.code for c in by_network.context["competencies"] if c.activity_count} == {"sustainable-funding"}


def test_a_coordinator_sees_the_coverage_of_their_own_networks(coordinator, network_a, network_b):
    make_activity(network_b, codes=("sustainable-funding",))
    uncovered = {c.code for c in client_for(coordinator).get(url("coverage")).context["uncovered"]}
    assert "sustainable-funding" in uncovered


def test_the_activity_list_costs_the_same_for_more_rows(member, network_a):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client_for(member).get(url("activity_list")).status_code == 200
        return len(queries)

    make_activity(network_a)
    few = count()
    for n in range(8):
        make_activity(network_a, codes=("succession", "policy-influence"), title_fr=f"A{n}")
    assert count() == few
