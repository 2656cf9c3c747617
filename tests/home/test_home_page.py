"""The home page for each role: their networks' numbers, the survey in progress, alerts and the next step."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from maillage.accounts.models import Role, RoleKind
from maillage.analysis import headline_figures
from maillage.home.figures import figures_for
from maillage.networks.models import Membership, Network, NetworkKind
from maillage.observatory import dataset_for
from maillage.surveys.models import Invitation, Response, Wave, WaveStatus
from maillage.ties.actions import ObservationData, do_create_tie, do_observe
from tests.conftest import client_for, make_user

D1, D2 = datetime.date(2023, 5, 1), datetime.date(2024, 5, 1)


@pytest.fixture
def history(network_a, orgs):
    """Two observation dates in A: three ties, then one lost and one new."""
    ties = [
        do_create_tie(orgs[0], orgs[1], network_a, ObservationData(observed_on=D1, level=2)),
        do_create_tie(orgs[0], orgs[2], network_a, ObservationData(observed_on=D1, level=3)),
        do_create_tie(orgs[1], orgs[2], network_a, ObservationData(observed_on=D1, level=1)),
    ]
    do_observe(ties[2], ObservationData(observed_on=D2, level=0))
    do_create_tie(orgs[2], orgs[3], network_a, ObservationData(observed_on=D2, level=2))
    network_a.refresh_from_db()
    return ties


def test_the_home_figures_are_the_dashboards(network_a, history):
    figures = figures_for([network_a])[network_a.pk]
    alone = dataset_for(Network.objects.filter(pk=network_a.pk))
    assert (figures.latest, figures.previous) == ("2024-05-01", "2023-05-01")
    assert figures.now == headline_figures(alone, as_of="2024-05-01")
    assert figures.before == headline_figures(alone, as_of="2023-05-01")
    ties = next(h for h in figures.headlines() if h.key == "ties")
    assert (ties.display, ties.change_display) == ("3", "0")


def test_coordinator_sees_numbers_alert_and_next_step(coordinator, network_a, history):
    Wave.objects.create(network=network_a, date=D2, status=WaveStatus.CLOSED)
    page = client_for(coordinator).get(reverse("home")).content.decode()
    assert 'data-alert="tie_lost"' in page and "Ce qui demande votre attention" in page
    assert f'href="/ties/{history[2].pk}/"' in page
    assert 'data-key="density"' in page
    assert "Évolution depuis le 1 mai 2023." in page
    # The latest wave is more than a year old: the next step is the survey of this year.
    assert f'href="/surveys/network/{network_a.pk}/new/" data-next-step' in page


def test_a_coordinator_is_asked_to_close_an_overdue_wave(coordinator, network_a):
    wave = Wave.objects.create(
        network=network_a, date=D1, closes_on=D2, status=WaveStatus.OPEN, opened_at=None
    )
    page = client_for(coordinator).get(reverse("home")).content.decode()
    assert 'data-alert="wave_overdue"' in page
    assert f'href="/surveys/{wave.pk}/" data-next-step' in page


def test_the_response_rate_of_the_wave_in_progress(member, network_a, orgs):
    wave = Wave.objects.create(network=network_a, date=D2, status=WaveStatus.OPEN)
    invitations = [
        Invitation.objects.create(wave=wave, organization=o, token=f"token-{o.pk}xx") for o in orgs[:3]
    ]
    Response.objects.create(
        invitation=invitations[0], submitted_at=datetime.datetime(2024, 5, 2, tzinfo=datetime.UTC)
    )
    Response.objects.create(invitation=invitations[1])  # started, not submitted
    page = client_for(member).get(reverse("home")).content.decode()
    assert "33,3\u00a0% ont répondu (1 sur 3)" in page


def test_a_member_gets_no_wave_to_close_and_is_sent_to_the_map(member, network_a):
    Wave.objects.create(network=network_a, date=D1, closes_on=D2, status=WaveStatus.OPEN)
    page = client_for(member).get(reverse("home")).content.decode()
    assert "wave_overdue" not in page
    assert "Changements récents dans vos réseaux" in page and "Rien à signaler" in page
    assert f'href="/dashboards/network/{network_a.pk}/" data-next-step' in page


def test_outsider_sees_nothing_of_network_a(outsider, network_a, network_b, history):
    page = client_for(outsider).get(reverse("home")).content.decode()
    assert "Réseau A" not in page and "tie_lost" not in page
    assert "Réseau B" in page


def test_regional_viewer_is_sent_to_the_territory(viewer, network_a, region, history):
    Wave.objects.create(network=network_a, date=D2, status=WaveStatus.CLOSED)
    page = client_for(viewer).get(reverse("home")).content.decode()
    assert "Réseau A" in page and 'data-alert="tie_lost"' in page
    assert f'href="/dashboards/territory/{region.pk}/" data-next-step' in page


def test_admin_is_sent_to_the_province(admin, network_a, network_b):
    page = client_for(admin).get(reverse("home")).content.decode()
    assert 'href="/dashboards/province/" data-next-step' in page


def test_a_partner_without_network_is_shown_the_way(db):
    page = client_for(make_user("partner")).get(reverse("home")).content.decode()
    assert "You have no network yet" in page or "Vous n" in page
    assert 'href="/directory/organizations/" data-next-step' in page


def test_english_home(coordinator, network_a, history):
    Wave.objects.create(network=network_a, date=D2, status=WaveStatus.CLOSED)
    page = client_for(coordinator).get("/en/").content.decode()
    assert "What needs you now" in page and "Tie lost" in page


def _coordinate(user, rls, orgs, count: int) -> None:
    for index in range(count):
        network = Network.objects.create(
            name_fr=f"Réseau {index}", kind=NetworkKind.THEMATIC_TABLE, territory=rls
        )
        Role.objects.create(user=user, network=network, kind=RoleKind.COORDINATOR)
        for organization in orgs[:3]:
            Membership.objects.create(network=network, organization=organization)
        tie = do_create_tie(orgs[0], orgs[1], network, ObservationData(observed_on=D1, level=2))
        do_observe(tie, ObservationData(observed_on=D2, level=0))
        Wave.objects.create(network=network, date=D1, closes_on=D1, status=WaveStatus.OPEN)
        Membership.objects.filter(network=network, organization=orgs[2]).update(end_date=D2)


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(reverse("home")).status_code == 200
    return len(context.captured_queries)


def test_the_home_costs_the_same_queries_for_two_networks_and_for_eight(coordinator, rls, orgs, settings):
    client = client_for(coordinator)
    _coordinate(coordinator, rls, orgs, 2)
    few = _queries(client)
    _coordinate(coordinator, rls, orgs, 6)
    many = _queries(client)
    assert few == many, f"{few} queries for 3 networks, {many} for 9"
    # Pinned: session and user, roles, networks, their count, the directory's total, waves, each network's
    # last wave date, five kinds of alert, and the figures' dataset with its released ratings (read once for
    # the networks not cached).
    assert many == 22, many
    assert _queries(client) < many  # the figures come from the cache now
