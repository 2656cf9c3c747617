"""Dashboards computed ahead: after a change, the next visit finds its dashboard and map in the cache."""

from __future__ import annotations

import datetime
import hashlib

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from maillage.observatory.scope import data_version, network_scope
from maillage.ties.actions import ObservationData, do_create_tie, do_observe

D = datetime.date


def cached(network, language: str = "fr") -> tuple[bool, bool]:
    """Whether the network's dashboard and map document are in the cache, for its current data."""
    version = data_version(network_scope(network))
    dashboard = "dashboard:" + hashlib.sha256(f"{version}:{language}:0".encode()).hexdigest()
    document = "map-data:" + hashlib.sha256(f"{version}:{language}".encode()).hexdigest()
    return cache.get(dashboard) is not None, cache.get(document) is not None


@pytest.fixture
def warming(settings):
    settings.WARM_DASHBOARDS = True
    cache.clear()


def test_a_change_warms_the_network_once_its_transaction_commits(
    network_a, orgs, tie_a, warming, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks, transaction.atomic():
        tie = do_create_tie(orgs[1], orgs[2], network_a, ObservationData(observed_on=D(2024, 5, 1), level=2))
        do_observe(tie, ObservationData(observed_on=D(2025, 5, 1), level=3))
        do_observe(tie_a, ObservationData(observed_on=D(2025, 5, 1), level=4))
    # Three observations written in one transaction: one task, queued on commit.
    assert len(callbacks) == 1
    assert cached(network_a) == (False, False)
    callbacks[0]()  # the immediate task backend runs the task here, as the worker would
    assert cached(network_a) == (True, True)
    assert cached(network_a, "en") == (True, True)


def test_the_next_visit_reads_the_warmed_dashboard_from_the_cache(
    network_a, orgs, tie_a, admin_client, warming, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        do_observe(tie_a, ObservationData(observed_on=D(2025, 5, 1), level=4))
    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(f"/dashboards/network/{network_a.pk}/map.json")
    assert response.status_code == 200
    # Only the session, the permission check and the data version: no observation is read again.
    assert not any(
        "ties_tieobservation" in q["sql"] and "SELECT" in q["sql"] and "COUNT" not in q["sql"]
        for q in queries.captured_queries
    )


def test_a_rolled_back_change_queues_nothing(network_a, tie_a, warming, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            do_observe(tie_a, ObservationData(observed_on=D(2025, 5, 1), level=4))
            raise RuntimeError
        with transaction.atomic():
            do_observe(tie_a, ObservationData(observed_on=D(2026, 5, 1), level=3))
    assert len(callbacks) == 1


def test_nothing_is_queued_where_tasks_run_in_the_request(
    settings, network_a, tie_a, django_capture_on_commit_callbacks
):
    settings.WARM_DASHBOARDS = False
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        do_observe(tie_a, ObservationData(observed_on=D(2025, 5, 1), level=4))
    assert callbacks == []


def test_the_warm_command_fills_the_cache_and_refuses_an_unknown_network(network_a, tie_a, capsys):
    cache.clear()
    call_command("warm", "--network", str(network_a.pk))
    assert cached(network_a) == (True, True)
    above = len(network_a.territory.path.strip("/").split("/"))  # its territory and every one above it
    expected = f"1 network(s) and {above + 1} territory and province dashboard(s) warmed"
    assert expected in capsys.readouterr().out
    with pytest.raises(CommandError, match="No network with id 999999"):
        call_command("warm", "--network", "999999")


def _reads_observations(client, url: str) -> bool:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return any(
        "ties_tieobservation" in q["sql"] and "SELECT" in q["sql"] and "COUNT" not in q["sql"]
        for q in queries.captured_queries
    )


def test_the_territories_above_a_changed_network_and_the_province_are_warmed_too(
    network_a, network_b, tie_a, region, rls, viewer, admin, warming, django_capture_on_commit_callbacks
):
    from tests.conftest import client_for

    with django_capture_on_commit_callbacks(execute=True):
        do_observe(tie_a, ObservationData(observed_on=D(2025, 5, 1), level=4))
    # The region's viewer sees the warmed region and RLS; the administrator the warmed province. The
    # region of network B, unchanged, was not warmed: its first visit computes it.
    for client, url in [
        (client_for(viewer), f"/en/dashboards/territory/{region.pk}/"),
        (client_for(viewer), f"/dashboards/territory/{rls.pk}/"),
        (client_for(admin), "/dashboards/province/"),
    ]:
        assert not _reads_observations(client, url), url
    assert _reads_observations(client_for(admin), f"/dashboards/territory/{network_b.territory_id}/")
