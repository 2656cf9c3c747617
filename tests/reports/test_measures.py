"""The eight measures in the report: baseline, follow-ups, the change between them, and who answered."""

from __future__ import annotations

import datetime

from maillage.observatory.scope import network_scope
from maillage.reports.content import build_report
from maillage.reports.render import render_html
from maillage.reports.scope import Period
from maillage.surveys.impact import IMPACT_MEASURES
from maillage.surveys.models import Invitation, Response, Wave, WaveKind, WaveStatus


def answered_wave(network, orgs, date, kind, scores, *, quote=""):
    """A closed wave where organization i answered scores[i] to every impact measure."""
    wave = Wave.objects.create(network=network, date=date, kind=kind, status=WaveStatus.CLOSED)
    for index, score in enumerate(scores):
        invitation = Invitation.objects.create(wave=wave, organization=orgs[index], token=f"t-{date}-{index}")
        Response.objects.create(
            invitation=invitation,
            answers={m.code: str(score) for m in IMPACT_MEASURES},
            quote=quote if index == 0 else "",
            quote_consent="named" if quote and index == 0 else "",
            submitted_at=datetime.datetime(date.year, date.month, date.day, tzinfo=datetime.UTC),
        )
    return wave


def test_a_follow_up_report_shows_each_measures_change_since_the_baseline(network_a, orgs, tie_a):
    answered_wave(network_a, orgs, datetime.date(2023, 5, 1), WaveKind.BASELINE, [2, 2, 3])
    answered_wave(network_a, orgs, datetime.date(2025, 2, 1), WaveKind.FOLLOW_UP, [4, 5, 4, 5])
    data = build_report(network_scope(network_a), Period(year=2025), language="en")
    impact = data.sections["impact"]
    assert [c.label for c in impact["columns"]] == ["Baseline May 1, 2023", "Follow-up February 1, 2025"]
    assert [r.measure.code for r in impact["rows"]] == [m.code for m in IMPACT_MEASURES]
    row = impact["rows"][0]
    assert [c.answered for c in row.cells] == [3, 4]
    assert [round(s) for s in row.cells[0].shares] == [0, 67, 33, 0, 0]  # the distribution, not only a mean
    assert [round(s) for s in row.cells[1].shares] == [0, 0, 0, 50, 50]
    assert row.change == "+2.2"  # 2.33 → 4.5
    assert row.high_change == "+100 pts"
    html = render_html(data)
    assert IMPACT_MEASURES[7].en in html and "Change since the baseline" in html and "+2.2" in html


def test_the_baseline_report_has_one_column_and_no_change(network_a, orgs, tie_a):
    answered_wave(network_a, orgs, datetime.date(2023, 5, 1), WaveKind.BASELINE, [2, 3])
    answered_wave(network_a, orgs, datetime.date(2025, 2, 1), WaveKind.FOLLOW_UP, [4, 5])
    data = build_report(network_scope(network_a), Period(year=2023), language="fr")
    impact = data.sections["impact"]
    assert len(impact["columns"]) == 1 and not impact["compared"]
    assert impact["rows"][0].change == "—" and impact["responses"] == 2
    assert IMPACT_MEASURES[4].fr in render_html(data)
