"""Reporting periods: fiscal years (April–March, "2024-2025") by default, calendar years by choice."""

from __future__ import annotations

import datetime

import pytest

from maillage.networks.periods import ReportingPeriod, period_bounds, period_label, period_of
from maillage.observatory.scope import network_scope
from maillage.reports.content import build_report
from maillage.reports.forms import ReportOptionsForm
from maillage.reports.scope import Period
from maillage.surveys.models import Wave, WaveKind, WaveStatus
from maillage.ties.actions import ObservationData, do_create_tie, do_observe


def test_a_tie_observed_on_march_31_belongs_to_the_fiscal_year_before():
    assert period_of(datetime.date(2025, 3, 31)) == 2024
    assert period_label(period_of(datetime.date(2025, 3, 31))) == "2024-2025"
    assert period_of(datetime.date(2025, 4, 1)) == 2025
    assert period_bounds(2024) == (datetime.date(2024, 4, 1), datetime.date(2025, 3, 31))
    assert period_of(datetime.date(2025, 3, 31), ReportingPeriod.CALENDAR) == 2025
    assert period_label(2025, ReportingPeriod.CALENDAR) == "2025"


@pytest.fixture
def march_tie(network_a, orgs):
    tie = do_create_tie(
        orgs[0], orgs[1], network_a, ObservationData(observed_on=datetime.date(2024, 5, 1), level=2)
    )
    do_observe(tie, ObservationData(observed_on=datetime.date(2025, 3, 31), level=3))
    do_create_tie(
        orgs[1], orgs[2], network_a, ObservationData(observed_on=datetime.date(2025, 4, 1), level=1)
    )
    return tie


def test_the_report_of_a_fiscal_year_opens_on_its_latest_data(network_a, march_tie):
    data = build_report(network_scope(network_a), Period(year=2024), language="fr")
    assert data.period.label == "2024-2025"
    assert (data.as_of, data.compare_to) == ("2025-03-31", "2024-05-01")
    assert "2024-2025" in data.subtitle


def test_without_a_year_the_report_shows_the_latest_period_with_data(network_a, march_tie):
    data = build_report(network_scope(network_a), Period(), language="en")
    assert data.period.label == "2025-2026" and data.as_of == "2025-04-01"


def test_a_network_may_report_by_calendar_year(network_a, march_tie):
    network_a.reporting_period = ReportingPeriod.CALENDAR
    network_a.save()
    data = build_report(network_scope(network_a), Period(year=2024), language="en")
    assert data.period.label == "2024" and data.as_of == "2024-05-01"


def test_the_title_says_baseline_for_the_first_wave_and_follow_up_after(network_a, march_tie):
    for date, kind in (
        (datetime.date(2024, 5, 1), WaveKind.BASELINE),
        (datetime.date(2025, 3, 31), WaveKind.FOLLOW_UP),
    ):
        Wave.objects.create(network=network_a, date=date, kind=kind, status=WaveStatus.CLOSED)
    first = build_report(
        network_scope(network_a), Period(year=2023, until=datetime.date(2024, 6, 1)), language="fr"
    )
    assert first.subtitle.startswith("Rapport des données de départ")
    later = build_report(network_scope(network_a), Period(year=2024), language="fr")
    assert later.subtitle == "Rapport de suivi 2024-2025"
    assert build_report(network_scope(network_a), Period(year=2024), language="en").subtitle == (
        "Follow-up report 2024-2025"
    )


@pytest.mark.parametrize(
    ("text", "year"), [("2024-2025", 2024), ("2024", 2024), (" 2024 – 2025 ", 2024), ("", None)]
)
def test_the_form_reads_a_fiscal_year_as_written(text, year):
    form = ReportOptionsForm({"year": text, "lang": "fr"})
    assert form.is_valid(), form.errors
    assert form.period().year == year


@pytest.mark.parametrize("text", ["2024-2026", "24-25", "1200", "abcd"])
def test_the_form_refuses_other_years(text):
    form = ReportOptionsForm({"year": text, "lang": "en"})
    assert not form.is_valid() and "year" in form.errors
