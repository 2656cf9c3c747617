"""Indicators follow each network's year: a fiscal network's year 2024 runs from April 2024 to March 2025."""

from __future__ import annotations

import datetime

from django.urls import reverse

from maillage.indicators.metrics import metric_values
from maillage.networks.models import Network
from maillage.networks.periods import ReportingPeriod
from maillage.ties.actions import ObservationData, PairObservation, do_record_observations
from tests.conftest import client_for

MARCH_31 = datetime.date(2025, 3, 31)


def test_a_tie_of_march_31_counts_in_the_fiscal_year_it_closes(network_a, orgs, rls):
    calendar = Network.objects.create(
        name_fr="Réseau civil",
        kind="thematic_table",
        territory=rls,
        reporting_period=ReportingPeriod.CALENDAR,
    )
    assert network_a.reporting_period == ReportingPeriod.FISCAL  # the default
    for network in (network_a, calendar):
        do_record_observations(
            network, [PairObservation(orgs[0].pk, orgs[1].pk, ObservationData(MARCH_31, 2))]
        )
    values = metric_values([network_a.pk, calendar.pk], ["2024", "2025"])
    assert values[(network_a.pk, "2024")]["ties"] == 1  # 2024-2025 holds March 31, 2025
    assert values[(calendar.pk, "2024")]["ties"] is None  # nothing observed by December 31, 2024
    assert values[(calendar.pk, "2025")]["ties"] == 1


def test_the_scorecard_names_fiscal_years(network_a, member):
    page = client_for(member).get(reverse("indicators:network", kwargs={"pk": network_a.pk}), {"year": 2024})
    assert page.status_code == 200
    assert "2024-2025" in page.content.decode()
