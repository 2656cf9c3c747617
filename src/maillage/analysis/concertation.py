"""Concertation load of a territory: its spaces, how they overlap, who sits everywhere, what nobody covers.

A CISSS planner deciding whether to open one more table asks four questions, answered from plain tables:

* which pairs of spaces overlap: by Jaccard index (the same table twice) or by containment (a table nested
  in a larger one), each with its own threshold (:func:`maillage.analysis.overlap.space_pairs`);
* how many spaces each organization sits in and, where the spaces' yearly meeting hours are known, how many
  hours a year that represents;
* which organizations and which themes are the most solicited;
* which themes and populations of the reference lists no space covers (gaps).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .overlap import space_pairs
from .results import Result


@dataclass
class ConcertationResult(Result):
    """The concertation load of a set of spaces."""

    spaces: pd.DataFrame  # id, members, hours (NaN when unknown)
    pairs: pd.DataFrame  # every pair sharing a member: network_a, network_b, size_a, size_b, shared, ...
    flagged: pd.DataFrame  # the pairs reaching either threshold, most contained first
    load: pd.DataFrame  # organization, spaces, hours, hours_unknown: every organization, most loaded first
    mean_load: float
    heavy_count: int  # organizations in at least min_spaces spaces
    themes: list[tuple[Hashable, int]] = field(default_factory=list)  # (theme, spaces), most used first
    uncovered_themes: list[Hashable] = field(default_factory=list)
    uncovered_populations: list[Hashable] = field(default_factory=list)


def _hours_by_space(spaces: pd.DataFrame) -> dict[Hashable, float]:
    if "hours" not in spaces:
        return {}
    return {
        key: float(value)
        for key, value in zip(spaces["id"], spaces["hours"], strict=True)
        if value is not None and not (isinstance(value, float) and math.isnan(value))
    }


def _load(seats: pd.DataFrame, hours: dict[Hashable, float]) -> pd.DataFrame:
    """Spaces and known meeting hours per organization, most spaces first, then most hours, then by id."""
    known = seats["network"].map(hours)
    frame = pd.DataFrame(
        {
            "organization": seats["organization"],
            "hours": known.fillna(0.0),
            "unknown": known.isna().astype(np.int64),
        }
    )
    grouped = frame.groupby("organization", sort=False).agg(
        spaces=("hours", "size"), hours=("hours", "sum"), hours_unknown=("unknown", "sum")
    )
    grouped = grouped.reset_index()
    grouped["text"] = grouped["organization"].astype(str)
    grouped = grouped.sort_values(["spaces", "hours", "text"], ascending=[False, False, True])
    return grouped.drop(columns="text").reset_index(drop=True)


def concertation_load(
    memberships: pd.DataFrame,
    spaces: pd.DataFrame,
    *,
    min_spaces: int = 3,
    jaccard_threshold: float = 0.5,
    containment_threshold: float = 0.75,
    themes: Iterable[Hashable] | None = None,
    populations: Iterable[Hashable] | None = None,
) -> ConcertationResult:
    """Overlap of every pair of spaces, load per organization, most used themes and gaps.

    Parameters
    ----------
    memberships : DataFrame
        ``organization`` and ``network`` columns: who sits in which space (repeated rows count once;
        memberships of spaces not in ``spaces`` are ignored).
    spaces : DataFrame
        ``id``, optional ``themes`` and ``populations`` (lists) and ``hours`` (meeting hours a year of one
        seat, NaN when unknown).
    min_spaces : int
        Organizations sitting in at least this many spaces are counted as heavily solicited.
    jaccard_threshold, containment_threshold : float
        A pair is flagged when its Jaccard index or its containment reaches its threshold.
    themes, populations : iterable, optional
        The reference lists; those no space covers are returned.

    Examples
    --------
    >>> m = pd.DataFrame({"organization": [1, 2, 1, 2, 3, 4], "network": ["A", "A", "B", "B", "B", "B"]})
    >>> s = pd.DataFrame({"id": ["A", "B"], "themes": [["food"], ["food", "housing"]],
    ...                   "populations": [["youth"], []], "hours": [20.0, float("nan")]})
    >>> r = concertation_load(m, s, min_spaces=2, themes=["food", "housing", "transport"],
    ...                       populations=["youth", "seniors"])
    >>> r.flagged[["network_a", "network_b", "jaccard", "containment"]].values.tolist()
    [['A', 'B', 0.5, 1.0]]
    >>> r.load.to_dict(orient="records")[0]
    {'organization': 1, 'spaces': 2, 'hours': 20.0, 'hours_unknown': 1}
    >>> r.heavy_count, r.uncovered_themes, r.uncovered_populations
    (2, ['transport'], ['seniors'])
    """
    ids = set(spaces["id"].tolist())
    seats = memberships[["organization", "network"]].dropna()
    seats = seats[seats["network"].isin(ids)].drop_duplicates()
    pairs = space_pairs(seats)
    flagged = pairs[
        (pairs["jaccard"] >= jaccard_threshold) | (pairs["containment"] >= containment_threshold)
    ].reset_index(drop=True)
    load = _load(seats, _hours_by_space(spaces))
    sizes = seats["network"].value_counts()
    table = pd.DataFrame(
        {
            "id": spaces["id"],
            "members": spaces["id"].map(sizes).fillna(0).astype(np.int64),
            "hours": spaces.get("hours", np.nan),
        }
    )
    theme_counts: Counter[Hashable] = Counter(
        t for value in spaces.get("themes", pd.Series(dtype=object)) for t in set(value or [])
    )
    covered_populations = {p for value in spaces.get("populations", []) for p in (value or [])}
    return ConcertationResult(
        spaces=table,
        pairs=pairs,
        flagged=flagged,
        load=load,
        mean_load=float(load["spaces"].mean()) if len(load) else 0.0,
        heavy_count=int((load["spaces"] >= min_spaces).sum()),
        themes=sorted(theme_counts.items(), key=lambda item: (-item[1], str(item[0]))),
        uncovered_themes=sorted((t for t in themes or [] if t not in theme_counts), key=str),
        uncovered_populations=sorted((p for p in populations or [] if p not in covered_populations), key=str),
    )


def overlap_matrix(
    pairs: pd.DataFrame, ids: list[Hashable], column: str = "containment"
) -> list[list[float]]:
    """The square matrix of ``column`` over ``ids`` (1 on the diagonal, 0 for pairs sharing nobody)."""
    position = {key: i for i, key in enumerate(ids)}
    matrix = [[1.0 if i == j else 0.0 for j in range(len(ids))] for i in range(len(ids))]
    wanted = pairs[pairs["network_a"].isin(position) & pairs["network_b"].isin(position)]
    for a, b, value in zip(wanted["network_a"], wanted["network_b"], wanted[column], strict=True):
        matrix[position[a]][position[b]] = matrix[position[b]][position[a]] = float(value)
    return matrix
