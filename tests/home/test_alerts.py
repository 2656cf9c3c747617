"""Each kind of home alert, and each reader sees the alerts of their own networks only."""

from __future__ import annotations

import datetime

import pytest

from maillage.home.alerts import alerts_for
from maillage.networks.models import Membership
from maillage.surveys.models import Wave, WaveStatus
from maillage.ties.actions import ObservationData, do_create_tie, do_observe
from tests.conftest import make_organization

TODAY = datetime.date(2025, 6, 1)


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def wave(network, date: str, status=WaveStatus.CLOSED, closes_on: str | None = None) -> Wave:
    return Wave.objects.create(
        network=network, date=day(date), status=status, closes_on=day(closes_on) if closes_on else None
    )


@pytest.fixture
def ties_a(network_a, orgs):
    """Three ties of A observed in 2023 at cooperation (2) and coordination (3)."""
    first = ObservationData(observed_on=day("2023-05-01"), level=3)
    return [
        do_create_tie(orgs[0], orgs[1], network_a, first),
        do_create_tie(orgs[0], orgs[2], network_a, first),
        do_create_tie(orgs[1], orgs[3], network_a, first),
    ]


def kinds(alerts) -> list[str]:
    return [alert.kind for alert in alerts]


def test_a_tie_observed_at_none_since_the_last_wave_is_lost(network_a, ties_a):
    wave(network_a, "2025-05-01")
    do_observe(ties_a[0], ObservationData(observed_on=day("2025-05-01"), level=0))
    do_observe(ties_a[1], ObservationData(observed_on=day("2025-05-01"), level=1))
    do_observe(ties_a[2], ObservationData(observed_on=day("2025-05-01"), level=4))  # stronger: no alert
    alerts = alerts_for([network_a], set(), TODAY)
    assert kinds(alerts) == ["tie_lost", "tie_weakened"]
    assert alerts[0].url == f"/ties/{ties_a[0].pk}/"
    assert alerts[0].day == day("2025-05-01")
    assert "Centre d'entraide Éole" in alerts[0].subject


def test_a_loss_before_the_last_wave_is_no_longer_news(network_a, ties_a):
    do_observe(ties_a[0], ObservationData(observed_on=day("2024-05-01"), level=0))
    wave(network_a, "2025-05-01")
    assert alerts_for([network_a], set(), TODAY) == []


def test_without_a_wave_a_year_is_looked_back(network_a, ties_a):
    do_observe(ties_a[0], ObservationData(observed_on=day("2025-01-10"), level=0))
    do_observe(ties_a[1], ObservationData(observed_on=day("2024-01-10"), level=0))
    assert [a.url for a in alerts_for([network_a], set(), TODAY)] == [f"/ties/{ties_a[0].pk}/"]


def test_a_formal_agreement_ending_within_ninety_days(network_a, orgs):
    def formal(first, second, ends: str):
        data = ObservationData(
            observed_on=day("2024-05-01"), level=3, formality="formal", agreement_ends_on=day(ends)
        )
        return do_create_tie(first, second, network_a, data)

    ending = formal(orgs[0], orgs[1], "2025-08-01")
    formal(orgs[0], orgs[2], "2025-12-01")  # too far off
    renewed = formal(orgs[1], orgs[2], "2025-07-01")
    # The latest observation says the agreement was renewed: no alert.
    do_observe(
        renewed,
        ObservationData(
            observed_on=day("2025-05-01"), level=3, formality="formal", agreement_ends_on=day("2028-01-01")
        ),
    )
    alerts = alerts_for([network_a], set(), TODAY)
    assert [(a.kind, a.url, a.day) for a in alerts] == [
        ("agreement_ending", f"/ties/{ending.pk}/", day("2025-08-01"))
    ]


def test_partners_who_left_and_memberships_ending(network_a, orgs):
    seats = {m.organization_id: m for m in Membership.objects.filter(network=network_a)}
    Membership.objects.filter(pk=seats[orgs[1].pk].pk).update(end_date=day("2025-03-01"))
    Membership.objects.filter(pk=seats[orgs[2].pk].pk).update(end_date=day("2025-08-01"))
    Membership.objects.filter(pk=seats[orgs[3].pk].pk).update(end_date=day("2026-01-01"))  # too far off
    alerts = alerts_for([network_a], set(), TODAY)
    assert [(a.kind, a.subject) for a in alerts] == [
        ("partner_left", orgs[1].name),
        ("membership_ending", orgs[2].name),
    ]
    assert alerts[0].url == f"/directory/organizations/{orgs[1].pk}/"


def test_a_network_ending_within_ninety_days(network_a):
    network_a.end_date = day("2025-07-15")
    assert kinds(alerts_for([network_a], set(), TODAY)) == ["network_ending"]
    network_a.end_date = day("2025-12-15")
    assert alerts_for([network_a], set(), TODAY) == []


def test_an_open_wave_past_its_last_day_is_for_its_coordinator_only(network_a):
    overdue = wave(network_a, "2025-04-01", WaveStatus.OPEN, "2025-05-01")
    wave(network_a, "2025-05-20", WaveStatus.OPEN, "2025-06-30")  # still running
    coordinated = alerts_for([network_a], {network_a.pk}, TODAY)
    assert [(a.kind, a.url) for a in coordinated] == [("wave_overdue", f"/surveys/{overdue.pk}/")]
    assert alerts_for([network_a], set(), TODAY) == []


def test_an_overdue_wave_comes_first(network_a, ties_a):
    wave(network_a, "2025-04-01", WaveStatus.OPEN, "2025-05-01")
    do_observe(ties_a[0], ObservationData(observed_on=day("2025-05-01"), level=0))
    assert kinds(alerts_for([network_a], {network_a.pk}, TODAY)) == ["wave_overdue", "tie_lost"]


def test_alerts_stay_within_the_networks_given(network_a, network_b, ties_a, sectors, other_region):
    other = make_organization("Autre organisme", sectors["clsc"], other_region)
    elsewhere = Membership.objects.get(network=network_b).organization
    tie_b = do_create_tie(
        other, elsewhere, network_b, ObservationData(observed_on=day("2023-05-01"), level=2)
    )
    do_observe(tie_b, ObservationData(observed_on=day("2025-05-01"), level=0))
    do_observe(ties_a[0], ObservationData(observed_on=day("2025-05-01"), level=0))
    assert {a.network.pk for a in alerts_for([network_a], set(), TODAY)} == {network_a.pk}
    assert {a.network.pk for a in alerts_for([network_b], set(), TODAY)} == {network_b.pk}
