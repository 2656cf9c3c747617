"""The yearly report of a territory shows its concertation load: the concertation page's numbers."""

from __future__ import annotations

import datetime

from maillage.observatory.scope import network_scope, territory_scope
from maillage.reports.content import build_report
from maillage.reports.render import render_html
from maillage.reports.scope import Period
from maillage.ties.actions import ObservationData, PairObservation, do_record_observations
from tests.api.conftest import ApiClient
from tests.concertation.test_page_and_api import nested  # noqa: F401 - the nested table of two members


def test_the_territory_report_shows_the_pages_concertation_numbers(admin, nested, network_a, region, orgs):  # noqa: F811
    day = datetime.date(2025, 5, 15)
    do_record_observations(network_a, [PairObservation(orgs[0].pk, orgs[1].pk, ObservationData(day, 2))])
    data = build_report(territory_scope(region), Period(year=2025), language="en")
    summary = data.sections["approach"]["concertation"]
    status, body = ApiClient(admin).get(f"/territories/{region.pk}/concertation", date=day.isoformat())
    assert status == 200
    assert [s["id"] for s in summary.spaces] == [s["id"] for s in body["spaces"]]
    assert summary.pairs_total == body["pairs_total"] == 1
    html = render_html(data)
    assert "Concertation load" in html and "Table en sécurité alimentaire" in html
    assert ">100%<" in html  # the nested table's containment


def test_a_network_report_has_no_concertation_block(network_a, orgs):
    data = build_report(network_scope(network_a), Period(year=2025), language="en")
    assert "concertation" not in data.sections["approach"]
