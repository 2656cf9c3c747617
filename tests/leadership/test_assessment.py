"""The framework as data, the leader profile, and recording a self-assessment."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from maillage.leadership.models import Competency, LeaderProfile, Pillar, Rating, SelfAssessment
from tests.conftest import client_for
from tests.leadership.helpers import make_activity, make_assessment, make_profile, url


def test_the_framework_has_four_pillars_with_competencies_in_both_languages(competencies):
    pillars = list(Pillar.objects.all())
    assert [p.code for p in pillars] == [
        "english-speaking-community",
        "networks-of-leaders",
        "wider-community",
        "leader-for-the-future",
    ]
    assert all(p.competencies.count() >= 3 for p in pillars)
    assert all(c.name_fr and c.name_en and c.description_fr and c.description_en for c in competencies)


def test_the_team_edits_a_competency_and_others_cannot(team_member, coordinator, competencies):
    competency = competencies[0]
    data = {
        "pillar": competency.pillar_id,
        "code": competency.code,
        "name_fr": "Nouveau nom",
        "name_en": "New name",
        "description_fr": "",
        "description_en": "",
        "order": 0,
        "active": "on",
    }
    assert client_for(coordinator).post(url("competency_edit", pk=competency.pk), data).status_code == 403
    response = client_for(team_member).post(url("competency_edit", pk=competency.pk), data)
    assert response.status_code == 302
    competency.refresh_from_db()
    assert competency.name_fr == "Nouveau nom"


def test_the_team_can_use_the_admin_for_the_framework(team_member, competencies):
    client = client_for(team_member)
    assert client.get("/admin/leadership/pillar/").status_code == 200
    assert client.get(f"/admin/leadership/competency/{competencies[0].pk}/change/").status_code == 200


def test_a_leader_without_profile_is_asked_for_one(member):
    response = client_for(member).get(url("assess"))
    assert response.status_code == 302 and response["Location"].endswith(url("profile"))


def test_creating_a_profile(member, orgs, coordinator):
    response = client_for(member).post(
        url("profile"), {"organization": f"x [#{orgs[1].pk}]", "coach": "COORDINATOR", "coach_consent": "on"}
    )
    assert response.status_code == 302
    profile = LeaderProfile.objects.get(user=member)
    assert profile.organization == orgs[1] and profile.coach == coordinator and profile.coach_consent


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"organization": "", "coach": ""}, "organization"),
        ({"organization": "Nobody at all", "coach": ""}, "organization"),
        ({"organization": "ORG", "coach": "nobody-like-this"}, "coach"),
        ({"organization": "ORG", "coach": "member"}, "coach"),  # oneself
        ({"organization": "ORG", "coach": "", "coach_consent": "on"}, "coach_consent"),
    ],
)
def test_bad_profiles_are_refused_next_to_the_field(member, orgs, data, field):
    data = {k: (f"x [#{orgs[1].pk}]" if v == "ORG" else v) for k, v in data.items()}
    response = client_for(member).post(url("profile"), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not LeaderProfile.objects.exists()


def answers(competencies, level: int = 3, day: datetime.date | None = None) -> dict[str, str]:
    data = {f"c{c.pk}": str(level) for c in competencies}
    data["assessed_on"] = (day or timezone.localdate()).isoformat()
    return data


def test_recording_a_self_assessment(leader, member, competencies):
    response = client_for(member).post(url("assess"), answers(competencies, 4, datetime.date(2026, 1, 5)))
    assert response.status_code == 302
    assessment = SelfAssessment.objects.get(profile=leader)
    assert assessment.assessed_on == datetime.date(2026, 1, 5)
    assert assessment.ratings.count() == len(competencies)
    assert set(assessment.ratings.values_list("level", flat=True)) == {4}


def test_the_same_day_replaces_the_earlier_answers(leader, member, competencies):
    day = datetime.date(2026, 1, 5)
    client_for(member).post(url("assess"), answers(competencies, 2, day))
    client_for(member).post(url("assess"), answers(competencies, 5, day))
    assert SelfAssessment.objects.count() == 1
    assert set(Rating.objects.values_list("level", flat=True)) == {5}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"assessed_on": "2999-01-01"}, "assessed_on"),
        ({"assessed_on": "1990-01-01"}, "assessed_on"),
        ({"assessed_on": "pas une date"}, "assessed_on"),
        ({"level": "0"}, "c"),
        ({"level": "6"}, "c"),
        ({"level": "<script>"}, "c"),
        ({"level": ""}, "c"),
    ],
)
def test_bad_answers_save_nothing_and_say_where(leader, member, competencies, change, field):
    data = answers(competencies)
    if "level" in change:
        data[f"c{competencies[0].pk}"] = change["level"]
        field = f"c{competencies[0].pk}"
    else:
        data.update(change)
    response = client_for(member).post(url("assess", "en"), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not SelfAssessment.objects.exists() and not Rating.objects.exists()


def test_a_retired_competency_is_not_asked_any_more(leader, member, competencies):
    Competency.objects.filter(pk=competencies[0].pk).update(active=False)
    page = client_for(member).get(url("assess")).content.decode()
    assert f'name="c{competencies[0].pk}"' not in page
    assert f'name="c{competencies[1].pk}"' in page


def test_progress_chart_table_and_suggestions(leader, member, competencies):
    make_assessment(leader, datetime.date(2025, 1, 10), 3)
    levels = {c.code: 4 for c in competencies} | {"succession": 1, "sustainable-funding": 2}
    make_assessment(leader, datetime.date(2026, 1, 10), levels)
    upcoming = make_activity(
        codes=("succession",), title_fr="Relève à venir", start_date=datetime.date(2099, 1, 1)
    )
    make_activity(codes=("succession",), title_fr="Relève passée", start_date=datetime.date(2020, 1, 1))
    response = client_for(member).get(url("home", "en"))
    page = response.content.decode()
    assert response.context["chart"].rows  # the table alternative holds the chart's numbers
    assert 'id="chart-spec-personal"' in page
    suggestions = response.context["suggestions"]
    assert [s.competency.code for s in suggestions][:2] == ["succession", "sustainable-funding"]
    assert suggestions[0].activities == [upcoming]
    assert "Relève à venir" in page and "Relève passée" not in page


def test_the_personal_chart_averages_each_pillar(leader, member, competencies):
    pillar = competencies[0].pillar
    codes = [c.code for c in competencies if c.pillar_id == pillar.pk]
    make_assessment(leader, datetime.date(2025, 1, 10), {codes[0]: 1, codes[1]: 4})
    rows = client_for(member).get(url("home")).context["chart"].rows
    assert rows == [["10\u00a0janvier\u00a02025", pillar.name, 2.5]]


def test_profile_helper_is_idempotent(member, orgs):
    assert make_profile(member, orgs[0]).pk == make_profile(member, orgs[1]).pk
