"""One truth: a write dated D never moves a number before D, every write raises the data version, and every
page that shows a measure shows the same value for it.

The property test drives the network's history only through the write path (`ties.actions`,
`networks.actions`) with random dated writes, and reads the numbers back after each one.
"""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import DatabaseError, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maillage.analysis import headline_figures
from maillage.analysis.command import main as analyze
from maillage.dashboards.summary import dashboard_data
from maillage.directory.models import Population
from maillage.indicators.metrics import metric_values
from maillage.networks.actions import do_save_membership, do_update_network
from maillage.networks.forms import NetworkForm
from maillage.networks.history import states_as_of
from maillage.networks.models import Membership, Network
from maillage.observatory.dataset import dataset_for
from maillage.observatory.measures import measure_values as values_of
from maillage.observatory.scope import network_scope, scope_cache_key
from maillage.reports.content import build_report
from maillage.reports.exports.tables import export_tables
from maillage.reports.scope import Period
from maillage.ties.actions import ObservationData, PairObservation, do_record_observations
from maillage.ties.models import TieObservation
from tests.conftest import client_for

CHECK_DATES = [datetime.date(year, 6, 30) for year in range(2021, 2027)]
DAYS = st.dates(min_value=datetime.date(2021, 1, 1), max_value=datetime.date(2026, 12, 31))


def numbers(network: Network) -> dict[datetime.date, dict[str, object]]:
    dataset = dataset_for(Network.objects.filter(pk=network.pk))
    return {day: values_of(headline_figures(dataset, as_of=day.isoformat())) for day in CHECK_DATES}


def version(network: Network) -> int:
    return Network.objects.values_list("data_version", flat=True).get(pk=network.pk)


join = st.tuples(st.just("join"), st.integers(0, 4), DAYS)
leave = st.tuples(st.just("leave"), st.integers(0, 4), DAYS)
move_start = st.tuples(st.just("move_start"), st.integers(0, 4), DAYS)
observe = st.tuples(st.just("observe"), st.integers(0, 4), st.integers(0, 4), st.integers(0, 5), DAYS)
populations = st.tuples(st.just("populations"), st.integers(0, 3), DAYS)
writes = st.lists(st.one_of(join, leave, move_start, observe, populations), min_size=1, max_size=6)


def apply(network: Network, orgs, write) -> datetime.date | None:  # type: ignore[no-untyped-def]
    """Apply one write through the actions; return the first date it may change (None: nothing done)."""
    kind = write[0]
    if kind == "observe":
        _, i, j, level, day = write
        if i == j:
            return None
        data = ObservationData(observed_on=day, level=level)
        do_record_observations(network, [PairObservation(orgs[i].pk, orgs[j].pk, data)])
        return day
    if kind == "populations":
        _, index, day = write
        population = list(Population.objects.order_by("code"))[index]
        form = NetworkForm(instance=network)
        data = {**form.initial, "target_populations": [population.pk], "action_strategies": []}
        data = {key: value for key, value in data.items() if value is not None}
        bound = NetworkForm(data, instance=network)
        assert bound.is_valid(), bound.errors
        do_update_network(bound, day)
        return day
    _, index, day = write
    membership = Membership.objects.filter(network=network, organization=orgs[index]).first()
    if kind == "join":
        if membership is not None:
            return None
        do_save_membership(Membership(network=network, organization=orgs[index], start_date=day))
        return day
    if membership is None:
        return None
    if kind == "leave":
        if membership.start_date and day < membership.start_date:
            return None
        earliest = min(day, membership.end_date) if membership.end_date else day
        membership.end_date = day
    else:
        if membership.end_date and day > membership.end_date:
            return None
        earliest = min(day, membership.start_date) if membership.start_date else datetime.date.min
        membership.start_date = day
    do_save_membership(membership)
    return earliest


@pytest.mark.django_db(transaction=False)
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sequence=writes)
def test_a_write_never_moves_an_earlier_date_and_always_raises_the_version(network_a, orgs, sequence):
    # Each example rolls its writes back, so its data versions come again in the next example: the cache
    # starts empty, as it does for versions that no committed write ever had.
    cache.clear()
    with transaction.atomic():
        scope = network_scope(network_a)
        dashboard_data(scope, language="fr")
        for write in sequence:
            before, before_version = numbers(network_a), version(network_a)
            old_key = scope_cache_key("dashboard", network_scope(network_a), "fr", 0)
            earliest = apply(network_a, orgs, write)
            if earliest is None:
                continue
            after = numbers(network_a)
            for day in CHECK_DATES:
                if day < earliest:
                    assert after[day] == before[day], (write, day)
            assert version(network_a) > before_version, write
            fresh = network_scope(network_a)
            assert scope_cache_key("dashboard", fresh, "fr", 0) != old_key
            shown = {h.key: h.value for h in dashboard_data(fresh, language="fr").headlines}
            latest = dashboard_data(fresh, language="fr").latest
            if latest is not None:
                dataset = dataset_for(Network.objects.filter(pk=network_a.pk))
                expected = values_of(headline_figures(dataset, as_of=latest))
                assert {k: v for k, v in expected.items() if k in shown} == shown
        transaction.set_rollback(True)


def test_a_future_membership_does_not_count_today_and_a_join_today_leaves_the_past_alone(network_a, orgs):
    do_record_observations(
        network_a, [PairObservation(orgs[0].pk, orgs[1].pk, ObservationData(datetime.date(2023, 5, 1), 2))]
    )
    past = numbers(network_a)[datetime.date(2024, 6, 30)]
    do_save_membership(
        Membership(network=network_a, organization=orgs[4], start_date=datetime.date(2026, 1, 5))
    )
    assert numbers(network_a)[datetime.date(2024, 6, 30)] == past
    future = Membership.objects.get(network=network_a, organization=orgs[4])
    future.start_date = datetime.date(2099, 1, 1)
    do_save_membership(future)
    assert numbers(network_a)[datetime.date(2026, 6, 30)]["organizations"] == past["organizations"]


def test_an_observation_cannot_be_changed_once_written(tie_a):
    observation = TieObservation.objects.get(tie=tie_a)
    with pytest.raises(DatabaseError), transaction.atomic():
        TieObservation.objects.filter(pk=observation.pk).update(level=5)
    # What it says is kept; its note may still be erased (privacy) and its tie may move (a merge).
    TieObservation.objects.filter(pk=observation.pk).update(note="")
    assert TieObservation.objects.get(pk=observation.pk).level == 2


def test_network_attributes_are_read_as_they_were(network_a, orgs):
    populations = list(Population.objects.order_by("code")[:2])
    for population, day in (
        (populations[0], datetime.date(2022, 1, 1)),
        (populations[1], datetime.date(2025, 1, 1)),
    ):
        form = NetworkForm(instance=network_a)
        data = {
            k: v for k, v in {**form.initial, "target_populations": [population.pk]}.items() if v is not None
        }
        bound = NetworkForm(data, instance=network_a)
        assert bound.is_valid(), bound.errors
        do_update_network(bound, day)
    assert states_as_of([network_a.pk], "2023-06-30")[network_a.pk].populations == [populations[0].code]
    assert states_as_of([network_a.pk], "2025-06-30")[network_a.pk].populations == [populations[1].code]


def test_every_page_gives_one_value_per_measure(network_a, orgs, member, tmp_path, capsys):
    rows = [
        PairObservation(orgs[0].pk, orgs[1].pk, ObservationData(datetime.date(2023, 5, 15), 3, "formal")),
        PairObservation(orgs[1].pk, orgs[2].pk, ObservationData(datetime.date(2023, 5, 15), 2)),
        PairObservation(orgs[2].pk, orgs[3].pk, ObservationData(datetime.date(2024, 5, 15), 1)),
        PairObservation(orgs[0].pk, orgs[3].pk, ObservationData(datetime.date(2024, 5, 15), 4)),
    ]
    do_record_observations(network_a, rows)
    day = "2024-05-15"
    dashboard = {h.key: h.value for h in dashboard_data(network_scope(network_a), language="fr").headlines}
    api = client_for(member).get(
        f"/api/v1/analysis/networks/{network_a.pk}/report", {"as_of": day}, HTTP_ACCEPT="application/json"
    )
    assert api.status_code == 200, api.content
    from_api = {m["code"]: m["value"] for m in api.json()["measures"]}
    report = build_report(network_scope(network_a), Period(year=2024), language="fr")
    from_report = {h.key: h.value for h in report.headlines}
    call_command("export_analysis", network=network_a.pk, out=str(tmp_path))
    capsys.readouterr()
    args = ["--ties", str(tmp_path / "ties.csv"), "--organizations", str(tmp_path / "organizations.csv")]
    args += ["--memberships", str(tmp_path / "memberships.csv"), "--as-of", day, "--format", "json"]
    assert analyze(args) == 0
    from_cli = json.loads(capsys.readouterr().out)["measures"]
    metrics = metric_values([network_a.pk], ["2024"])[(network_a.pk, "2024")]
    from_indicators = {
        "ties": metrics["ties"],
        "density": metrics["density"] / 100,
        "cross_sector_share": metrics["intersectoral_share"] / 100,
        "formal_share": metrics["formal_share"] / 100,
    }
    measures = next(t for t in export_tables(Network.objects.filter(pk=network_a.pk)) if t.name == "measures")
    from_export = {code: value for day_, code, _label, value in measures.rows if day_ == day}
    for code, value in dashboard.items():
        assert from_export[code] == pytest.approx(value), code
        assert from_api[code] == pytest.approx(value), code
        assert from_report[code] == pytest.approx(value), code
        assert from_cli[code] == pytest.approx(value), code
        if code in from_indicators:
            assert from_indicators[code] == pytest.approx(value), code
