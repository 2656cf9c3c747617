"""The snapshot filters travel as one frozen value; the keyword form stays for callers that prefer it."""

from __future__ import annotations

import dataclasses

import pytest

from maillage.analysis import (
    Filters,
    InputError,
    headline_figures,
    load_dataset,
    report_from_dataset,
    snapshot,
)
from maillage.analysis.change import pair_states_at

from .test_inputs_and_change import HISTORY, ORGS, pairs

CASES = [
    {"network": "N"},
    {"min_level": "coordination"},
    {"formality": "informal"},
    {"territories": "t2"},
    {"sectors": ["community"]},
    {"sectors": ("community", "clsc"), "min_level": 2},
]


@pytest.mark.parametrize("named", CASES)
def test_a_filters_value_gives_what_the_keywords_give(named: dict[str, object]) -> None:
    ds = load_dataset(ORGS, HISTORY)
    chosen = Filters(**named)
    assert pairs(snapshot(ds, filters=chosen)) == pairs(snapshot(ds, **named))
    direct, by_name = pair_states_at(ds, filters=chosen), pair_states_at(ds, **named)
    assert direct.keys.tolist() == by_name.keys.tolist()
    assert headline_figures(ds, filters=chosen) == headline_figures(ds, **named)
    report = report_from_dataset(ds, filters=chosen, scenarios=[], curve=False)
    assert report.filters == chosen.as_dict()


def test_filters_are_frozen_hashable_and_refuse_bad_values_at_once() -> None:
    chosen = Filters(sectors=["b", "a"])
    assert chosen.sectors == frozenset({"a", "b"}) and hash(chosen) == hash(Filters(sectors=("a", "b")))
    with pytest.raises(dataclasses.FrozenInstanceError):
        chosen.network = "N"
    with pytest.raises(InputError, match="unknown level 'huge'"):
        Filters(min_level="huge")
    with pytest.raises(InputError, match="unknown formality"):
        Filters.of(formality="sometimes")


def test_keywords_set_on_top_of_a_filters_value() -> None:
    base = Filters(network="N", min_level=2)
    assert Filters.of(base, min_level=None) == Filters(network="N")
    assert Filters.of(base) is base and Filters.of() == Filters()
    assert Filters(sectors="clsc").as_dict() == {"sectors": "clsc"}
