"""Roll-up arithmetic, computed by hand."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from maillage.indicators.rollup import Cell, roll_up, roll_up_columns

# Three networks: ER visits / target population × 1000.
# A: 30 / 100 → 300 ‰; B: 10 / 400 → 25 ‰; C: no data.
A = Cell(300.0, 30.0, 100.0)
B = Cell(25.0, 10.0, 400.0)
C = Cell(None, reason="no value for er_visits")


def test_sum_adds_the_values():
    assert roll_up([Cell(3.0), Cell(4.5), C], "sum").value == 7.5


def test_mean_is_the_plain_mean():
    assert roll_up([A, B, C], "mean").value == pytest.approx((300 + 25) / 2)  # 162.5


def test_weighted_mean_weighs_by_the_denominator():
    # (300 × 100 + 25 × 400) / 500 = 40000 / 500 = 80
    assert roll_up([A, B], "weighted_mean").value == pytest.approx(80.0)


def test_ratio_recomputes_from_the_sums():
    # (30 + 10) / (100 + 400) × 1000 = 80 ‰ — the same as the weighted mean, as it must be.
    cell = roll_up([A, B, C], "ratio", factor=1000)
    assert cell.value == pytest.approx(80.0)
    assert (cell.numerator, cell.denominator) == (40.0, 500.0)


def test_ratio_differs_from_the_mean_of_rates():
    assert roll_up([A, B], "ratio", factor=1000).value != roll_up([A, B], "mean").value


def test_ratio_without_denominators_sums_the_numerators():
    assert roll_up([Cell(2.0, 2.0), Cell(3.0, 3.0)], "ratio", factor=1.0).value == 5.0


def test_nothing_to_roll_up_keeps_the_reason():
    assert roll_up([C], "sum") == Cell(None, reason="no value for er_visits")
    assert roll_up([], "mean").value is None


def test_zero_weights_and_zero_denominators_give_no_value():
    assert roll_up([Cell(5.0, 0.0, 0.0)], "weighted_mean").value is None
    assert roll_up([Cell(5.0, 1.0, 0.0)], "ratio").reason == "division by zero"


def test_weighted_mean_cells_without_denominator_weigh_one():
    # (10 × 1 + 40 × 3) / 4 = 32.5
    assert roll_up([Cell(10.0), Cell(40.0, 120.0, 3.0)], "weighted_mean").value == pytest.approx(32.5)


def as_columns(cells):
    def column(attribute):
        return np.array([[np.nan if getattr(c, attribute) is None else getattr(c, attribute)] for c in cells])

    return (
        column("value").reshape(len(cells), 1),
        column("numerator").reshape(len(cells), 1),
        column("denominator").reshape(len(cells), 1),
    )


numbers = st.one_of(st.none(), st.floats(min_value=-1000, max_value=1000, allow_nan=False))


@st.composite
def cell_lists(draw):
    with_denominator = draw(st.booleans())
    cells = []
    for _ in range(draw(st.integers(min_value=0, max_value=6))):
        numerator = draw(numbers)
        denominator = (
            # Zero or a real denominator (a count, a population): one near 1e-308 makes ratios overflow to
            # ±inf, whose sum is NaN in both roll-ups alike and tells nothing about either.
            draw(st.one_of(st.just(0.0), st.floats(min_value=0.01, max_value=500)))
            if with_denominator
            else None
        )
        if numerator is None or (denominator == 0):
            cells.append(Cell(None, numerator, denominator))
        else:
            cells.append(
                Cell(numerator / denominator if with_denominator else numerator, numerator, denominator)
            )
    return cells


@settings(max_examples=300, deadline=None)
@given(cell_lists(), st.sampled_from(["sum", "mean", "weighted_mean", "ratio"]))
def test_the_column_roll_up_matches_the_scalar_one(cells, aggregation):
    expected = roll_up(cells, aggregation, factor=10.0).value
    got = roll_up_columns(*as_columns(cells), aggregation, 10.0)[0][0] if cells else np.nan
    if expected is None:
        assert np.isnan(got)
    else:
        assert got == pytest.approx(expected, rel=1e-9, abs=1e-9)
