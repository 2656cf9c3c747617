"""Rolling indicator values up: networks into a territory or a kind of network, quarters into a year.

Pure functions over `Cell`s, so the arithmetic is tested by hand-computed cases without a database.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Cell:
    """One computed value with the numerator and denominator it came from (both before the factor)."""

    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    reason: str = ""


EMPTY = Cell(None, reason="no data")


def _present(numbers: Iterable[float | None]) -> list[float]:
    """The numbers that are there: callers filter their cells first, this says so to the type checker."""
    return [number for number in numbers if number is not None]


def roll_up(cells: Iterable[Cell], aggregation: str, factor: float = 1.0) -> Cell:
    """Combine cells with the indicator's aggregation; cells without a value are left out.

    - sum: the sum of the values;
    - mean: their plain mean;
    - weighted_mean: the mean weighted by each cell's denominator (a cell without one weighs 1);
    - ratio: sum of numerators / sum of denominators × factor (a rate recomputed, not averaged).
    """
    given = list(cells)
    cells = [cell for cell in given if cell.value is not None]
    if not cells:
        # Keep the reason when every cell gives the same one ("no value for er_visits").
        reasons = {cell.reason for cell in given}
        return Cell(None, reason=reasons.pop()) if len(reasons) == 1 else EMPTY
    if aggregation == "sum":
        return Cell(sum(_present(c.value for c in cells)))
    if aggregation == "weighted_mean":
        weights = [c.denominator if c.denominator is not None else 1.0 for c in cells]
        total = sum(weights)
        if total == 0:
            return Cell(None, reason="the weights sum to zero")
        values = _present(c.value for c in cells)
        return Cell(sum(v * w for v, w in zip(values, weights, strict=True)) / total)
    if aggregation == "ratio":
        usable = [c for c in cells if c.numerator is not None]
        numerator = sum(_present(c.numerator for c in usable))
        if all(c.denominator is None for c in usable):
            return Cell(numerator * factor, numerator, None)
        with_denominator = [c for c in usable if c.denominator is not None]
        numerator = sum(_present(c.numerator for c in with_denominator))
        denominator = sum(_present(c.denominator for c in with_denominator))
        if denominator == 0:
            return Cell(None, numerator, denominator, "division by zero")
        return Cell(numerator / denominator * factor, numerator, denominator)
    return Cell(sum(_present(c.value for c in cells)) / len(cells))


def roll_up_columns(
    values: np.ndarray,
    numerators: np.ndarray,
    denominators: np.ndarray,
    aggregation: str,
    factor: float = 1.0,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`roll_up` down the first axis of 2-D arrays (members × columns), NaN for "no value".

    Gives, column by column, what `roll_up` gives for the same cells (tests check it); used when
    thousands of networks are rolled up at once.
    """
    has = ~np.isnan(values)
    count = has.sum(axis=0)
    empty = count == 0
    nothing = np.full(values.shape[1:], np.nan)
    with np.errstate(all="ignore"):
        if aggregation == "sum":
            result = np.where(empty, np.nan, np.nansum(np.where(has, values, 0.0), axis=0))
            return result, nothing, nothing.copy()
        if aggregation == "weighted_mean":
            weights = np.where(has, np.where(np.isnan(denominators), 1.0, denominators), 0.0)
            total = weights.sum(axis=0)
            result = (np.where(has, values, 0.0) * weights).sum(axis=0) / total
            return np.where(empty | (total == 0), np.nan, result), nothing, nothing.copy()
        if aggregation == "ratio":
            usable = has & ~np.isnan(numerators)
            with_den = usable & ~np.isnan(denominators)
            no_den = ~with_den.any(axis=0)
            all_num = np.where(usable, numerators, 0.0).sum(axis=0)
            num = np.where(with_den, numerators, 0.0).sum(axis=0)
            den = np.where(with_den, denominators, 0.0).sum(axis=0)
            result = np.where(no_den, all_num * factor, num / den * factor)
            result = np.where(empty | (~no_den & (den == 0)), np.nan, result)
            return result, np.where(no_den, all_num, num), np.where(no_den, np.nan, den)
        result = np.where(has, values, 0.0).sum(axis=0) / count
        return np.where(empty, np.nan, result), nothing, nothing.copy()
