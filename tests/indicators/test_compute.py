"""Values computed from the data elements, with hand-computed expectations."""

from __future__ import annotations

import datetime

import pytest

from maillage.indicators.models import DataValue, LegendBand
from maillage.indicators.scorecard import network_scorecard, scorecard_for_networks, territory_scorecard
from maillage.networks.models import Network
from maillage.surveys.models import Invitation, Response, Wave
from tests.indicators.helpers import indicator, only, value

pytestmark = pytest.mark.django_db


def rows_by_code(rows):
    return {row.code: row for row in rows}


def test_a_rate_is_numerator_over_denominator_times_factor(network_a):
    only("er_visit_rate")
    value(network_a, "er_visits", "2024", 30)
    value(network_a, "target_population", "2024", 120)
    row = rows_by_code(network_scorecard(network_a, 2024))["er_visit_rate"]
    assert row.value == 250.0  # 30 / 120 × 1000
    assert row.band.colour == "red" and row.band.label  # 250 ‰ falls in [250, …)
    assert row.trend == [None, None, None, None, 250.0]
    assert row.trend_years == [2020, 2021, 2022, 2023, 2024]
    assert row.rba_question and row.unit == "‰"


def test_a_missing_element_gives_no_value_with_a_reason(network_a):
    only("er_visit_rate")
    value(network_a, "er_visits", "2024", 30)
    row = network_scorecard(network_a, 2024)[0]
    # The reason names the element as people read it, never by its internal code.
    assert (
        row.value is None
        and "Personnes du groupe cible" in row.reason
        and "target_population" not in row.reason
    )


def test_a_zero_denominator_gives_no_value(network_a):
    only("er_visit_rate")
    value(network_a, "er_visits", "2024", 30)
    value(network_a, "target_population", "2024", 0)
    row = network_scorecard(network_a, 2024)[0]
    assert row.value is None and row.reason == "division par zéro"


def test_quarters_roll_into_the_year(network_a):
    only("ltc_freed")  # quarterly, summed
    for quarter, number in ((1, 2), (2, 0), (4, 5)):
        value(network_a, "ltc_places_freed", f"2024-Q{quarter}", number)
    assert network_scorecard(network_a, 2024)[0].value == 7.0


def test_targets_and_the_cache_follow_the_data(network_a):
    only("family_doctor_share")
    value(network_a, "family_doctor", "2025", 60)
    value(network_a, "target_population", "2025", 100)
    row = network_scorecard(network_a, 2025)[0]
    assert (row.value, row.target, row.band.colour) == (60.0, 80.0, "amber")
    DataValue.objects.filter(element__code="family_doctor").update(value=90)
    DataValue.objects.filter(element__code="family_doctor").first().save()  # a save bumps updated_at
    assert network_scorecard(network_a, 2025)[0].value == 90.0
    LegendBand.objects.filter(indicator__code="family_doctor_share", colour="green").update(lower=95.0)
    LegendBand.objects.get(indicator__code="family_doctor_share", colour="green").save()
    assert network_scorecard(network_a, 2025)[0].band is None  # 90 now falls between amber and green


def test_network_metrics_come_from_the_analysis_core(network_a, tie_a):
    only("tie_count", "density", "participation", "formal_share")
    rows = rows_by_code(network_scorecard(network_a, 2023))
    assert rows["tie_count"].value == 1
    # Four members (network A), one tie: 1 / (4 × 3 / 2) = 16.7 %.
    assert rows["density"].value == pytest.approx(16.7)
    assert rows["participation"].value == 50.0  # two of the four members have a tie
    # The tie was observed in May 2023: the years before have no tie data, which is not 0.
    assert rows["tie_count"].trend == [None, None, None, None, 1.0]


def test_survey_aggregates(network_a, orgs):
    only("survey_response", "impact_1")
    wave = Wave.objects.create(network=network_a, date=datetime.date(2024, 6, 1), status="closed")
    now = datetime.datetime(2024, 6, 2, tzinfo=datetime.UTC)
    for index, organization in enumerate(orgs[:4]):
        invitation = Invitation.objects.create(wave=wave, organization=organization, token=f"t{index}")
        if index < 3:
            answers = {"partnership_growth": str(index + 2)}  # 2, 3, 4
            Response.objects.create(invitation=invitation, answers=answers, submitted_at=now)
    rows = rows_by_code(network_scorecard(network_a, 2024))
    assert rows["survey_response"].value == 75.0  # 3 of 4
    assert rows["impact_1"].value == 3.0  # (2 + 3 + 4) / 3


def test_territory_roll_up_uses_each_indicators_aggregation(network_a, network_b, rls, region):
    only("er_visit_rate", "referral_count", "density")
    second = Network.objects.create(name_fr="Réseau A2", kind="rls", territory=rls)
    for network, visits, people, referrals in (
        (network_a, 30, 100, 5),
        (second, 10, 400, 7),
        (network_b, 99, 1, 100),
    ):
        value(network, "er_visits", "2024", visits)
        value(network, "target_population", "2024", people)
        value(network, "referrals", "2024", referrals)
    rows = rows_by_code(territory_scorecard(rls, 2024))
    assert rows["er_visit_rate"].value == 80.0  # (30 + 10) / (100 + 400) × 1000
    assert rows["referral_count"].value == 12.0  # 5 + 7; network B is in another region
    assert rows["density"].value is None  # two networks where no tie was ever observed: no data
    region_rows = rows_by_code(
        territory_scorecard(region, 2024, networks=Network.objects.filter(pk=network_a.pk))
    )
    assert region_rows["referral_count"].value == 5.0  # narrowed to the networks given
    assert (
        rows_by_code(scorecard_for_networks([network_a.pk, network_b.pk], 2024))["referral_count"].value
        == 105
    )


def test_an_indicator_may_use_another(network_a):
    only("referral_count")
    indicator("twice_referrals", "referral_count * 2")
    value(network_a, "referrals", "2024", 21)
    rows = rows_by_code(network_scorecard(network_a, 2024))
    assert rows["twice_referrals"].value == 42.0


def test_cached_metrics_follow_new_ties(network_a, tie_a, orgs):
    from maillage.ties.actions import ObservationData, do_create_tie

    only("tie_count")
    assert network_scorecard(network_a, 2024)[0].value == 1
    do_create_tie(
        orgs[2], orgs[3], network_a, ObservationData(observed_on=datetime.date(2024, 2, 1), level=3)
    )
    assert network_scorecard(network_a, 2024)[0].value == 2


def test_comparison_rolls_up_by_region_and_by_kind(network_a, network_b, rls):
    """Values are shown the reader's way (French by default: a decimal comma)."""
    from maillage.indicators.comparison import comparison, groups_for
    from maillage.indicators.models import Indicator

    only("referral_count", "er_visit_rate")
    same_kind = Network.objects.create(name_fr="Réseau A3", kind=network_a.kind, territory=rls)
    for network, referrals, visits, people in (
        (network_a, 5, 30, 100),
        (same_kind, 7, 10, 400),
        (network_b, 1, 5, 50),
    ):
        value(network, "referrals", "2024", referrals)
        value(network, "er_visits", "2024", visits)
        value(network, "target_population", "2024", people)
    indicators = list(Indicator.objects.filter(code__in=["referral_count", "er_visit_rate"]).order_by("code"))
    networks = Network.objects.filter(pk__in=[network_a.pk, same_kind.pk, network_b.pk])
    by_kind = {
        row.label: [c.display for c in row.cells]
        for row in comparison(groups_for("kind", networks), indicators, 2024)
    }
    assert by_kind[str(network_a.get_kind_display())] == ["80,0", "12"]  # (30+10)/(100+400)×1000; 5+7
    assert by_kind[str(network_b.get_kind_display())] == ["100,0", "1"]
    by_region = {
        row.label: [c.display for c in row.cells]
        for row in comparison(groups_for("region", networks), indicators, 2024)
    }
    assert by_region[rls.parent.parent.name] == ["80,0", "12"]  # network B sits in another region
    assert len(by_region) == 2
