"""Every demo network's report, in both languages: the eight sections, and the analysis core's numbers."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from maillage.analysis import report_from_dataset
from maillage.dashboards.summary import headlines
from maillage.observatory.dataset import dataset_for, observation_dates
from maillage.observatory.scope import network_scope
from maillage.reports.content import SECTIONS, build_report, no_data_message
from maillage.reports.render import render_html
from maillage.reports.scope import Period, all_networks_scope


def test_each_demo_network_gets_eight_sections_with_the_cores_numbers_in_both_languages(demo):
    rendered = 0
    for network in demo:
        dataset = dataset_for(type(network).objects.filter(pk=network.pk), "en")
        dates = observation_dates(dataset)
        expected = report_from_dataset(dataset, as_of=dates[-1], scenarios=[], curve=False) if dates else None
        for language in ("fr", "en"):
            data = build_report(network_scope(network), Period(year=2025), language=language)
            assert set(data.sections) == {key for key, _number in SECTIONS}
            if expected is None:
                assert data.report is None
                continue
            assert data.as_of == dates[-1]
            assert data.report.network.organizations == expected.network.organizations
            assert data.report.network.ties == expected.network.ties
            assert abs(data.report.network.density - expected.network.density) < 1e-12
            shown = {h.key: h.display for h in data.headlines}
            with translation.override(language):
                assert shown == {h.key: h.display for h in headlines(expected, None)}
            if rendered < 4:  # drawing every chart of 48 reports would only repeat the same checks slowly
                rendered += 1
                html = render_html(data)
                assert all(f'data-section="{key}"' in html for key, _number in SECTIONS)
                assert shown["density"] in html and str(expected.network.ties) in html


def test_the_year_picks_the_latest_wave_of_that_year_and_the_one_before():
    dates = ["2023-05-15", "2024-05-15", "2025-05-15"]
    assert Period(year=2024).pick(dates) == ("2024-05-15", "2023-05-15")
    assert Period(year=2030).pick(dates) == ("2025-05-15", "2024-05-15")
    assert Period(year=2022).pick(dates) == (None, None)
    between = Period(since=datetime.date(2023, 5, 15), until=datetime.date(2025, 6, 1))
    assert between.pick(dates) == ("2025-05-15", "2023-05-15")
    assert Period(year=2023).pick(dates) == ("2023-05-15", None)


def test_the_surveyed_network_shows_impact_measures_and_only_consented_quotes(surveyed):
    data = build_report(network_scope(surveyed), Period(year=2025), language="en")
    impact = data.sections["impact"]
    assert impact["responses"] > 0 and len(impact["rows"]) == 8
    assert all(1 <= c.mean <= 5 for row in impact["rows"] for c in row.cells if c.mean is not None)
    assert "impact" in data.charts
    quotes = [q.text for q in data.sections["words"]["quotes"]]
    assert quotes and "Je préfère que ces mots restent entre nous." not in quotes
    html = render_html(data)
    assert "Je préfère que ces mots restent entre nous." not in html
    assert data.sections["method"]["rates"][-1]["submitted"] == impact["responses"]  # the latest wave


def test_a_network_without_ties_says_plainly_that_no_data_exists(network_b):
    data = build_report(network_scope(network_b), Period(year=2025), language="en")
    html = render_html(data)
    assert data.report is None
    with translation.override("en"):
        assert html.count(no_data_message()) >= 5


def test_the_programme_summary_lists_every_network(demo):
    data = build_report(all_networks_scope(), Period(year=2025), language="en")
    rows = data.sections["approach"]["networks"]
    assert len(rows) == len(demo)
    with_ties = [r for r in rows if r.get("ties")]
    assert with_ties and sum(r["organizations"] for r in with_ties) >= data.report.network.organizations


@pytest.mark.parametrize("language", ["fr", "en"])
def test_names_typed_in_one_language_fall_back_to_it(network_a, tie_a, language):
    network_a.name_fr, network_a.name_en = "Réseau seulement en français", ""
    network_a.save()
    data = build_report(network_scope(network_a), Period(year=None), language=language)
    assert data.title == "Réseau seulement en français"
    assert "Réseau seulement en français" in render_html(data)
