from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, transaction

from maillage.ties.actions import ObservationData, do_create_tie, do_observe, find_tie
from maillage.ties.models import Formality, Level, Tie

D = datetime.date


def test_a_pair_is_stored_once_in_order_whichever_way_it_is_given(network_a, orgs):
    tie = do_create_tie(orgs[3], orgs[1], network_a, ObservationData(observed_on=D(2023, 1, 1), level=1))
    assert (tie.organization_a_id, tie.organization_b_id) == (orgs[1].pk, orgs[3].pk)
    assert find_tie(orgs[1], orgs[3], network_a) == tie
    with pytest.raises(ValidationError):
        do_create_tie(orgs[1], orgs[3], network_a, ObservationData(observed_on=D(2023, 1, 1), level=1))
    assert Tie.objects.count() == 1


def test_the_same_pair_may_have_a_tie_in_another_network(network_a, network_b, orgs):
    do_create_tie(orgs[0], orgs[1], network_a, ObservationData(observed_on=D(2023, 1, 1), level=1))
    do_create_tie(orgs[0], orgs[1], network_b, ObservationData(observed_on=D(2023, 1, 1), level=3))
    assert Tie.objects.count() == 2


def test_an_organization_cannot_tie_to_itself(network_a, orgs):
    with pytest.raises(ValidationError) as error:
        do_create_tie(orgs[0], orgs[0], network_a, ObservationData(observed_on=D(2023, 1, 1), level=1))
    assert "organization_b" in error.value.message_dict
    assert Tie.objects.count() == 0


def test_the_database_itself_refuses_an_unordered_or_duplicate_pair(network_a, orgs):
    low, high = sorted([orgs[0], orgs[1]], key=lambda o: o.pk)
    with pytest.raises(IntegrityError), transaction.atomic():
        Tie.objects.create(organization_a=high, organization_b=low, network=network_a)
    Tie.objects.create(organization_a=low, organization_b=high, network=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        Tie.objects.create(organization_a=low, organization_b=high, network=None)


def test_observations_are_kept_and_the_current_state_follows_the_latest(tie_a):
    do_observe(
        tie_a,
        ObservationData(observed_on=D(2024, 5, 1), level=4, formality=Formality.FORMAL, agreement_kind="mou"),
    )
    # An observation recorded late, for an earlier date, does not replace the newer state.
    do_observe(tie_a, ObservationData(observed_on=D(2023, 11, 1), level=3))
    tie_a.refresh_from_db()
    assert tie_a.observations.count() == 3
    assert (tie_a.current_level, tie_a.current_formality) == (4, "formal")
    assert tie_a.current_observed_on == D(2024, 5, 1)


def test_state_as_of_a_date(tie_a, network_a, orgs):
    do_observe(tie_a, ObservationData(observed_on=D(2024, 5, 1), level=4, formality=Formality.FORMAL))
    do_observe(tie_a, ObservationData(observed_on=D(2025, 5, 1), level=Level.NONE))
    later = do_create_tie(orgs[2], orgs[3], network_a, ObservationData(observed_on=D(2024, 9, 1), level=1))

    def state(date):
        return {t.pk: (t.level_then, t.formality_then) for t in Tie.objects.as_of(date)}

    assert state(D(2022, 1, 1)) == {}
    assert state(D(2023, 5, 1)) == {tie_a.pk: (2, "informal")}
    assert state(D(2024, 12, 31)) == {tie_a.pk: (4, "formal"), later.pk: (1, "informal")}
    assert state(D(2025, 6, 1)) == {tie_a.pk: (0, "informal"), later.pk: (1, "informal")}
    assert list(Tie.objects.active()) == [later]


def test_a_kind_of_agreement_needs_a_formal_tie(tie_a):
    with pytest.raises(ValidationError):
        do_observe(tie_a, ObservationData(observed_on=D(2024, 1, 1), level=2, agreement_kind="contract"))
    assert tie_a.observations.count() == 1


def test_a_level_off_the_scale_is_refused(tie_a):
    with pytest.raises(ValidationError):
        do_observe(tie_a, ObservationData(observed_on=D(2024, 1, 1), level=9))
    assert tie_a.observations.count() == 1


def test_when_an_agreement_ends_is_as_immutable_as_the_rest_of_an_observation(network_a, orgs):
    data = ObservationData(
        observed_on=D(2024, 5, 1), level=3, formality="formal", agreement_ends_on=D(2026, 3, 31)
    )
    tie = do_create_tie(orgs[0], orgs[1], network_a, data)
    with pytest.raises(DatabaseError), transaction.atomic():
        tie.observations.update(agreement_ends_on=D(2030, 1, 1))
    assert tie.observations.get().agreement_ends_on == D(2026, 3, 31)
