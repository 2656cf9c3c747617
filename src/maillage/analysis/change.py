"""Change between two snapshots: the "progress of partnerships" of the yearly report.

Every pair seen in either snapshot is classified by its level before (``from``) and after (``to``), an absent
tie having level 0 (``none``):

* gained: 0 → ≥1; lost: ≥1 → 0; strengthened / weakened: both ≥1, level up / down;
* formalized: present at both dates, informal before and formal after (counted next to the level change);
* unchanged: both ≥1, same level and same formality.

The transition matrix counts pairs by (from level, to level), ``none`` included, except pairs absent at both
dates. An organization is active at a date when it has a present tie or an active membership; it joined
when active only after, left when active only before.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .inputs import Snapshot
from .results import Result
from .vocabulary import LEVELS


@dataclass
class ChangeResult(Result):
    """Tie and membership changes from ``before`` to ``after``."""

    before: str | None
    after: str | None
    gained: int
    lost: int
    strengthened: int
    weakened: int
    formalized: int
    deformalized: int
    unchanged: int
    transitions: pd.DataFrame  # from_level then one column per to-level
    changes: pd.DataFrame  # one row per changed pair
    joined: list[Any] = field(default_factory=list)
    left: list[Any] = field(default_factory=list)


_LOW = (1 << 31) - 1


def _pairs_by_code(snap: Snapshot) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each present pair as one int64 key (dataset codes of its two ends), with its level and formality.

    Codes are positions in the dataset, the same in every snapshot, so a key names the same pair at both
    dates; matching integer keys with numpy is many times faster than merging tables of identifiers.
    """
    codes = snap.organizations["code"].to_numpy().astype(np.int64)
    pairs = snap.pairs
    keys = (codes[pairs["u"].to_numpy()] << 31) | codes[pairs["v"].to_numpy()]
    return keys, pairs["level"].to_numpy().astype(np.int64), pairs["formal"].to_numpy().astype(bool)


def _ids_by_code(*snaps: Snapshot) -> np.ndarray:
    """The organization identifier of every dataset code seen in these snapshots (object array)."""
    codes = np.concatenate([s.organizations["code"].to_numpy().astype(np.int64) for s in snaps])
    ids = np.concatenate([s.organizations["id"].to_numpy(dtype=object) for s in snaps])
    table = np.empty(int(codes.max()) + 1 if codes.size else 0, dtype=object)
    table[codes] = ids
    return table


def _sorted_unique(values: np.ndarray) -> np.ndarray:
    """Distinct values, sorted. Sorting integers is several times faster here than `np.unique`, which in
    numpy 2 hashes them."""
    values = np.sort(values)
    return values[np.concatenate(([True], values[1:] != values[:-1]))] if values.size else values


def _missing_from(values: np.ndarray, sorted_reference: np.ndarray) -> np.ndarray:
    """The elements of ``values`` absent from ``sorted_reference``."""
    at = np.searchsorted(sorted_reference, values)
    found = at < len(sorted_reference)
    found[found] = sorted_reference[at[found]] == values[found]
    return values[~found]


def _active_codes(snap: Snapshot) -> np.ndarray:
    codes = snap.organizations["code"].to_numpy().astype(np.int64)
    vertices = np.concatenate(
        [snap.ties["u"].to_numpy(), snap.ties["v"].to_numpy(), snap.memberships["vertex"].to_numpy()]
    )
    return _sorted_unique(codes[vertices.astype(np.int64)])


def _spread(keys: np.ndarray, own: np.ndarray, values: np.ndarray, dtype: type) -> np.ndarray:
    """``values`` (one per key of ``own``) placed at the positions of those keys in the sorted ``keys``."""
    out: np.ndarray = np.zeros(len(keys), dtype=dtype)
    out[np.searchsorted(keys, own)] = values
    return out


def compare_snapshots(before: Snapshot, after: Snapshot) -> ChangeResult:
    """Classify every pair's change between two snapshots (see the module docstring).

    Examples
    --------
    >>> from maillage.analysis.inputs import load_dataset, snapshot
    >>> ds = load_dataset([{"id": i} for i in range(3)], [
    ...     {"source": 0, "target": 1, "level": "networking", "date": "2020-01-01"},
    ...     {"source": 0, "target": 1, "level": "coalition", "date": "2021-01-01"},
    ...     {"source": 1, "target": 2, "level": "cooperation", "date": "2021-01-01"}])
    >>> c = compare_snapshots(snapshot(ds, as_of="2020-06-01"), snapshot(ds, as_of="2021-06-01"))
    >>> c.gained, c.strengthened, c.joined
    (1, 1, [2])
    """
    old_keys, old_levels, old_formal = _pairs_by_code(before)
    new_keys, new_levels, new_formal = _pairs_by_code(after)
    keys = _sorted_unique(np.concatenate([old_keys, new_keys]))
    level_from = _spread(keys, old_keys, old_levels, np.int64)
    level_to = _spread(keys, new_keys, new_levels, np.int64)
    was_formal = _spread(keys, old_keys, old_formal, bool)
    is_formal = _spread(keys, new_keys, new_formal, bool)
    seen = (level_from > 0) | (level_to > 0)
    both = (level_from > 0) & (level_to > 0)
    kind = np.full(len(keys), "", dtype=object)
    kind[(level_from == 0) & (level_to > 0)] = "gained"
    kind[(level_from > 0) & (level_to == 0)] = "lost"
    kind[both & (level_to > level_from)] = "strengthened"
    kind[both & (level_to < level_from)] = "weakened"
    same = both & (level_to == level_from)
    kind[same & (was_formal == is_formal)] = "unchanged"
    kind[same & (was_formal != is_formal)] = "formality"
    formalized = both & ~was_formal & is_formal
    deformalized = both & was_formal & ~is_formal

    matrix = np.zeros((len(LEVELS), len(LEVELS)), dtype=np.int64)
    np.add.at(matrix, (level_from[seen], level_to[seen]), 1)
    transitions = pd.DataFrame(matrix, columns=list(LEVELS))
    transitions.insert(0, "from_level", list(LEVELS))

    changed = seen & (kind != "unchanged")
    ids = _ids_by_code(before, after)
    changed_keys = keys[changed]
    changes = pd.DataFrame(
        {
            "source": ids[changed_keys >> 31],
            "target": ids[changed_keys & _LOW],
            "from_level": np.asarray(LEVELS, dtype=object)[level_from[changed]],
            "to_level": np.asarray(LEVELS, dtype=object)[level_to[changed]],
            "from_formal": was_formal[changed],
            "to_formal": is_formal[changed],
            "change": kind[changed],
        }
    )
    was, now = _active_codes(before), _active_codes(after)
    return ChangeResult(
        before=before.as_of.date().isoformat() if before.as_of is not None else None,
        after=after.as_of.date().isoformat() if after.as_of is not None else None,
        gained=int((kind == "gained").sum()),
        lost=int((kind == "lost").sum()),
        strengthened=int((kind == "strengthened").sum()),
        weakened=int((kind == "weakened").sum()),
        formalized=int(formalized.sum()),
        deformalized=int(deformalized.sum()),
        unchanged=int((kind == "unchanged").sum()),
        transitions=transitions,
        changes=changes,
        joined=sorted(ids[_missing_from(now, was)].tolist(), key=str),
        left=sorted(ids[_missing_from(was, now)].tolist(), key=str),
    )
