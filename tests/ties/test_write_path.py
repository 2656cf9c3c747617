"""The write path's two readings of "the observation in force" agree: the state written with a tie created
in bulk (`latest_in_batch`) is the state the SQL rule (`refresh_current`) gives afterwards."""

from __future__ import annotations

import datetime
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maillage.ties.actions import EDIT_ROWS, ObservationData, PairObservation, do_record_observations
from maillage.ties.bulk import refresh_current
from maillage.ties.models import Tie

DAYS = [datetime.date(2023, 5, 15), datetime.date(2024, 5, 15), datetime.date(2024, 5, 15)]


def states(network):  # type: ignore[no-untyped-def]
    return sorted(
        Tie.objects.filter(network=network).values_list(
            "organization_a_id",
            "organization_b_id",
            "current_level",
            "current_formality",
            "current_observed_on",
        )
    )


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000))
def test_the_state_written_with_new_ties_is_the_sql_rules(network_a, orgs, seed):
    rng = random.Random(seed)
    ids = [o.pk for o in orgs]
    rows = []
    for _ in range(EDIT_ROWS + 20):  # above EDIT_ROWS: the bulk path
        a, b = rng.sample(ids, 2)
        data = ObservationData(rng.choice(DAYS), rng.randint(0, 5), rng.choice(["formal", "informal"]))
        rows.append(PairObservation(a, b, data))
    Tie.objects.filter(network=network_a).delete()
    do_record_observations(network_a, rows)
    written = states(network_a)
    refresh_current(list(Tie.objects.filter(network=network_a).values_list("pk", flat=True)))
    assert states(network_a) == written
