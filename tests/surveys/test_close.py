"""Closing a wave: survey observations, directed ratings, reciprocity, and the dashboard's trust and value."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from maillage.surveys.actions import do_close_wave
from maillage.surveys.models import Rating, WaveStatus
from maillage.ties.models import ObservationSource, Tie, TieObservation
from tests.conftest import client_for
from tests.surveys.conftest import answer_fully, en

D = datetime.date


@pytest.fixture
def answered(open_wave, orgs, tie_a):
    """0 and 1 name each other (0 says formal, level 3; 1 says level 4); 2 names 3 alone; 3 never submits."""
    answer_fully(open_wave, orgs[0], {orgs[1]: {"formality": "formal", "referrals": True}})
    answer_fully(
        open_wave, orgs[1], {orgs[0]: {"level": 4, "information": True, **dict.fromkeys(
            ("reliability", "mission_alignment", "openness", "power_influence", "involvement",
             "resource_contribution"), 4)}},
    )  # fmt: skip
    answer_fully(open_wave, orgs[2], {orgs[3]: {"level": 2, "openness": None}})
    answer_fully(open_wave, orgs[3], {orgs[0]: {"level": 5}}, submit=False)
    return open_wave


def test_closing_turns_answers_into_survey_observations_without_touching_earlier_ones(answered, orgs, tie_a):
    earlier = list(tie_a.observations.values_list("id", "observed_on", "level", "source"))
    assert do_close_wave(answered) == 2
    answered.refresh_from_db()
    assert answered.status == WaveStatus.CLOSED
    tie_a.refresh_from_db()
    assert (
        list(
            tie_a.observations.filter(observed_on=D(2023, 5, 1)).values_list(
                "id", "observed_on", "level", "source"
            )
        )
        == earlier
    )
    both = tie_a.observations.get(observed_on=answered.date)
    assert (both.level, both.formality, both.source) == (4, "formal", ObservationSource.SURVEY)
    assert (both.referrals, both.information, both.resources) == (True, True, False)
    assert "deux parties" in both.note  # the note is written in the language of whoever closed the wave
    assert tie_a.current_level == 4 and tie_a.current_observed_on == answered.date
    one = Tie.objects.get(organization_a=orgs[2], organization_b=orgs[3], network=answered.network)
    assert list(one.observations.values_list("level", "source")) == [(2, ObservationSource.SURVEY)]
    assert "une seule partie" in one.observations.get().note
    # The unsubmitted answer of orgs[3] about orgs[0] made nothing.
    assert not Tie.objects.filter(organization_a=orgs[0], organization_b=orgs[3]).exists()


def test_closing_stores_directed_ratings_and_reciprocity(answered, orgs):
    do_close_wave(answered)
    ratings = {(r.rater_id, r.rated_id): r for r in Rating.objects.all()}
    assert set(ratings) == {(orgs[0].pk, orgs[1].pk), (orgs[1].pk, orgs[0].pk), (orgs[2].pk, orgs[3].pk)}
    first = ratings[(orgs[0].pk, orgs[1].pk)]
    assert (first.reliability, first.power_influence, first.reported_by_both) == (4, 1, True)
    assert ratings[(orgs[2].pk, orgs[3].pk)].reported_by_both is False
    assert ratings[(orgs[2].pk, orgs[3].pk)].openness is None
    assert all(r.observation.observed_on == answered.date for r in ratings.values())


def test_a_wave_closes_once(answered):
    from django.core.exceptions import ValidationError

    do_close_wave(answered)
    with pytest.raises(ValidationError):
        do_close_wave(answered)
    assert TieObservation.objects.filter(source=ObservationSource.SURVEY).count() == 2


def test_the_dashboard_shows_trust_and_value_from_the_closed_wave(answered, orgs, coordinator, member):
    client_for(coordinator).post(reverse("surveys:wave_close", kwargs={"pk": answered.pk}))
    # By hand: each rating's trust is the mean of its trust answers; the network's is their mean over 4.
    trust = [(4 + 3 + 2) / 3, (4 + 4 + 4) / 3, (4 + 3) / 2]
    value = [(1 + 2 + 3) / 3, (4 + 4 + 4) / 3, (1 + 2 + 3) / 3]
    response = client_for(member).get(
        reverse("dashboards:network_dashboard", kwargs={"pk": answered.network.pk})
    )
    headlines = {h.key: h for h in response.context["data"].headlines}
    assert headlines["trust"].value == pytest.approx(sum(trust) / 3 / 4)
    assert headlines["value"].value == pytest.approx(sum(value) / 3 / 4)
    # The ratings ride on copies of the survey observations: the tie count is the analysis core's own.
    assert headlines["ties"].value == 2


def test_the_results_page_shows_reciprocity_measures_and_consented_quotes_only(answered, orgs, member):
    from maillage.surveys.models import Response

    Response.objects.filter(invitation__organization=orgs[0]).update(
        quote="Named words <script>alert(1)</script>", quote_consent="named"
    )
    Response.objects.filter(invitation__organization=orgs[1]).update(quote="Secret words", quote_consent="")
    Response.objects.filter(invitation__organization=orgs[2]).update(
        quote="Shy words", quote_consent="anonymous"
    )
    answered.status = WaveStatus.CLOSED  # trust and value show once the wave's raters are a fixed cohort
    answered.save()
    response = client_for(member).get(en("surveys:wave_results", pk=answered.pk))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Named words" in page and "Shy words" in page and "Secret words" not in page
    assert "<script>alert(1)" not in page and "Named words &lt;script&gt;" in page
    assert [t.both for t in response.context["ties"]] == [True, False]
    impact = response.context["impact"]
    assert len(impact) == 8 and impact[0].mean == 3 and impact[0].answered == 3
    assert [p.count for p in impact[0].points] == [0, 0, 3, 0, 0]
    assert len(response.context["factors"]) == 8
    assert "contributions" in [s.question.code for s in response.context["others"]]
    trust, value = response.context["trust"], response.context["value"]
    assert trust == pytest.approx(100 * ((4 + 3 + 2) / 3 + 4 + 3.5) / 3 / 4)
    assert value == pytest.approx(100 * (2 + 4 + 2) / 3 / 4)
