"""Individual self-assessments: the person, their consenting coach, and nobody else (not even an admin)."""

from __future__ import annotations

import datetime

import pytest
from django.contrib import admin as django_admin
from django.urls import reverse

from maillage.leadership.models import LeaderProfile, Rating, SelfAssessment
from maillage.leadership.permissions import can_read_ratings
from tests.conftest import client_for, make_user
from tests.leadership.helpers import make_assessment, make_profile, url

# A level nobody else in these tests gives, so its absence from a page means something.
SECRET = {"succession": 1, "voice-of-community": 5, "policy-influence": 4}


@pytest.fixture
def rated(leader):
    make_assessment(leader, datetime.date(2025, 3, 1), SECRET)
    return leader


def detail(profile: LeaderProfile, language: str = "fr") -> str:
    return url("leader_detail", language, pk=profile.pk)


def test_the_person_reads_their_own_ratings(rated, member):
    response = client_for(member).get(detail(rated, "en"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Preparing successors" in page
    assert "1 self-assessment" in page


@pytest.mark.parametrize("role", ["coordinator", "outsider", "viewer", "admin"])
def test_nobody_else_reads_them_even_a_coordinator_or_an_admin(rated, people, role):
    assert client_for(people[role]).get(detail(rated)).status_code == 403
    assert not can_read_ratings(people[role], rated)


def test_the_programme_team_does_not_read_them(rated, team_member):
    assert client_for(team_member).get(detail(rated)).status_code == 403


def test_a_coach_reads_them_only_with_consent(rated, coordinator):
    rated.coach = coordinator
    rated.save()
    assert client_for(coordinator).get(detail(rated)).status_code == 403  # named, but no consent yet
    rated.coach_consent = True
    rated.save()
    response = client_for(coordinator).get(detail(rated, "en"))
    assert response.status_code == 200
    assert "shared with you as their coach" in response.content.decode()
    coachees = client_for(coordinator).get(url("coachees")).content.decode()
    assert detail(rated) in coachees
    rated.coach_consent = False  # withdrawn
    rated.save()
    assert client_for(coordinator).get(detail(rated)).status_code == 403
    assert detail(rated) not in client_for(coordinator).get(url("coachees")).content.decode()


def test_consent_names_one_coach_only(rated, coordinator, admin):
    make_profile(rated.user, rated.organization, coach=coordinator, consent=True)
    assert client_for(admin).get(detail(rated)).status_code == 403


def test_withdrawing_the_coach_from_the_profile_form_withdraws_consent(rated, member, coordinator):
    make_profile(member, rated.organization, coach=coordinator, consent=True)
    client_for(member).post(
        url("profile"),
        {"organization": f"x [#{rated.organization.pk}]", "coach": "", "coach_consent": "on"},
    )
    rated.refresh_from_db()
    assert rated.coach_consent is True  # the form refused: consent without a coach
    client_for(member).post(url("profile"), {"organization": f"x [#{rated.organization.pk}]", "coach": ""})
    rated.refresh_from_db()
    assert rated.coach_id is None and rated.coach_consent is False
    assert client_for(coordinator).get(detail(rated)).status_code == 403


def test_ratings_and_assessments_are_not_in_the_admin(rated, admin):
    assert not django_admin.site.is_registered(Rating)
    assert not django_admin.site.is_registered(SelfAssessment)
    client = client_for(admin)
    change = client.get(reverse("admin:leadership_leaderprofile_change", args=[rated.pk]))
    assert change.status_code == 200
    page = change.content.decode()
    assert "Préparer la relève" not in page  # a rated competency
    assert "assessments-" not in page and "ratings-" not in page  # no inline of either
    for name in ("rating", "selfassessment"):
        assert client.get(f"/admin/leadership/{name}/").status_code == 404


def test_other_pages_never_show_individual_levels(rated, coordinator, admin, orgs):
    """With fewer than 3 people, the aggregate page shows no average at all."""
    other = make_profile(make_user("second"), orgs[2])
    make_assessment(other, datetime.date(2025, 4, 1), SECRET)
    for user in (coordinator, admin):
        page = client_for(user).get(url("aggregates", "en")).content.decode()
        assert "fewer than 3" in page
        assert "n=2" not in page and "n=1" not in page
    home = client_for(coordinator).get(url("home")).content.decode()
    assert "Préparer la relève" not in home


def test_an_anonymous_visitor_is_sent_to_sign_in(rated):
    response = client_for(None).get(detail(rated))
    assert response.status_code == 302
