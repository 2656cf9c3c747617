"""Each vectorised helper of the core gives what its plain, loop-by-loop form gives."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from maillage.analysis.change import _KINDS, _classify, pair_ends, pair_keys
from maillage.analysis.inputs import observation_order
from maillage.analysis.overlap import _pairs_within_runs


def _kind_by_hand(before: int, after: int, was_formal: bool, is_formal: bool) -> str:
    """The module docstring's rules, one pair at a time."""
    if not before and not after:
        return ""
    if not before:
        return "gained"
    if not after:
        return "lost"
    if after > before:
        return "strengthened"
    if after < before:
        return "weakened"
    return "unchanged" if was_formal == is_formal else "formality"


def test_classify_gives_every_combination_its_kind_by_hand() -> None:
    combos = list(itertools.product(range(6), range(6), (False, True), (False, True)))
    level_from, level_to, was_formal, is_formal = (np.array(column) for column in zip(*combos, strict=True))
    kinds = _classify(level_from.astype(np.int8), level_to.astype(np.int8), was_formal, is_formal)
    assert [_KINDS[k] for k in kinds] == [_kind_by_hand(*combo) for combo in combos]


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(1, 6), max_size=12))
def test_pairs_within_runs_are_the_double_loop(sizes: list[int]) -> None:
    size_array = np.array(sizes, dtype=np.int64)
    starts = np.concatenate(([0], np.cumsum(size_array)[:-1])).astype(np.int64) if sizes else size_array
    left, right = _pairs_within_runs(starts, size_array)
    by_hand = [
        (i, j)
        for start, size in zip(starts.tolist(), sizes, strict=True)
        for i in range(start, start + size)
        for j in range(start, start + size)
    ]
    assert list(zip(left.tolist(), right.tolist(), strict=True)) == by_hand


@settings(max_examples=50, deadline=None)
@given(st.integers(0, 10_000))
def test_observation_order_is_the_five_key_sort(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n, rows = 6, 40
    u = rng.integers(0, n - 1, rows)
    ties = pd.DataFrame(
        {
            "u": u,
            "v": u + rng.integers(1, n - u),
            "level": rng.integers(0, 6, rows).astype(np.int8),
            "formal": rng.integers(0, 2, rows).astype(bool),
            "date": pd.to_datetime(rng.choice(["2020-01-01", "2021-01-01", None], rows)),
        }
    )
    dates = ties["date"].to_numpy().view(np.int64)
    plain = np.lexsort((ties["formal"], ties["level"], dates, ties["v"], ties["u"]))
    packed = observation_order(ties, n)
    key = ["u", "v", "date", "level", "formal"]
    # Equal rows may come in either order; the sorted rows must be the same.
    assert ties.iloc[packed][key].reset_index(drop=True).equals(ties.iloc[plain][key].reset_index(drop=True))


def test_pair_keys_round_trip() -> None:
    u = np.array([0, 5, 2**31 - 1], dtype=np.int64)
    v = np.array([1, 3, 2**31 - 2], dtype=np.int64)
    keys = pair_keys(u, v)
    assert [a.tolist() for a in pair_ends(keys)] == [u.tolist(), v.tolist()]
    assert np.argsort(keys).tolist() == np.lexsort((v, u)).tolist()


def test_the_kind_table_is_the_plain_rule_for_every_combination() -> None:
    from maillage.analysis.change import _KIND_OF_COMBINATION, _change_kind, _combination

    for before, after, changed in itertools.product((0, 3), (0, 2, 3, 4), (False, True)):
        number = _combination(
            np.array([before], dtype=np.int8), np.array([after], dtype=np.int8),
            np.array([False]), np.array([changed]),
        )[0]  # fmt: skip
        direction = int(np.sign(after - before))
        assert _KIND_OF_COMBINATION[number] == _change_kind(bool(before), bool(after), direction, changed)
