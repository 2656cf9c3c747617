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
from typing import Any, Unpack

import numpy as np
import pandas as pd

from .inputs import Dataset, DateLike
from .results import Result
from .snapshots import FilterArgs, Filters, Snapshot, snapshot_rows
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


_LOW = (1 << 31) - 1  # the low 31 bits of a pair key: the second organization's code


def pair_keys(u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """One int64 per pair of dataset codes, ``u << 31 | v``: sorting the keys sorts the pairs by (u, v),
    and equal keys are the same pair at any date. Codes must be below 2**31; :func:`pair_ends` inverts it.

    >>> pair_ends(pair_keys(np.array([0, 3]), np.array([5, 4])))
    (array([0, 3]), array([5, 4]))
    """
    keys: np.ndarray = (u.astype(np.int64) << 31) | v.astype(np.int64)
    return keys


def pair_ends(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The dataset codes ``(u, v)`` of pair keys made by :func:`pair_keys`."""
    return keys >> 31, keys & _LOW


# Change kinds as small integer codes while classifying; the names are written only for the changed pairs.
_KINDS: tuple[str, ...] = ("", "gained", "lost", "strengthened", "weakened", "unchanged", "formality")
_GAINED, _LOST, _STRENGTHENED, _WEAKENED, _UNCHANGED, _FORMALITY = range(1, len(_KINDS))


@dataclass
class PairStates:
    """What the change analysis reads of a network at one date.

    Every pair in view (absent ones included) as one int64 key (:func:`pair_keys`) of the
    dataset codes of its ends (the same in every snapshot, so a key names the same pair at both dates), its
    level and formality; the organizations in view and the active ones: the two dates are matched on
    integer keys, not by merging tables of identifiers. Build it from a snapshot (:func:`pair_states`) or
    straight from a dataset (:func:`pair_states_at`, which copies no table).
    """

    as_of: pd.Timestamp | None
    keys: np.ndarray  # int64, sorted
    level: np.ndarray  # int8
    formal: np.ndarray  # bool
    codes: np.ndarray  # dataset codes of the organizations in view
    ids: np.ndarray  # their identifiers (object)
    active: np.ndarray  # dataset codes of the organizations with a present tie or an active membership


def pair_states(snap: Snapshot) -> PairStates:
    """The :class:`PairStates` of a snapshot."""
    codes = snap.organizations["code"].to_numpy().astype(np.int64)
    pairs = snap.pairs
    u, v = _dataset_codes(codes, pairs["u"].to_numpy()), _dataset_codes(codes, pairs["v"].to_numpy())
    active = [_dataset_codes(codes, column.to_numpy()) for column in (snap.ties["u"], snap.ties["v"])]
    active.append(_dataset_codes(codes, snap.memberships["vertex"].to_numpy()))
    return PairStates(
        as_of=snap.as_of,
        keys=pair_keys(u, v),
        level=pairs["level"].to_numpy().astype(np.int8),
        formal=pairs["formal"].to_numpy().astype(bool),
        codes=codes,
        ids=snap.organizations["id"].to_numpy(dtype=object),
        active=np.concatenate(active),
    )


def pair_states_at(
    dataset: Dataset,
    *,
    as_of: DateLike | None = None,
    filters: Filters | None = None,
    **by_name: Unpack[FilterArgs],
) -> PairStates:
    """``pair_states(snapshot(dataset, ...))`` (same arguments), without copying the snapshot's tables.

    The report compares its snapshot with an earlier date; of that date it reads only these arrays.
    """
    rows = snapshot_rows(dataset, as_of=as_of, filters=Filters.of(filters, **by_name))
    ties = dataset.ties
    u, v = ties["u"].to_numpy()[rows.latest], ties["v"].to_numpy()[rows.latest]
    present = rows.level > 0
    codes = np.flatnonzero(rows.keep)  # dataset codes are row positions of the organizations
    return PairStates(
        as_of=rows.as_of,
        keys=pair_keys(u, v),
        level=rows.level.astype(np.int8),
        formal=rows.formal.astype(bool),
        codes=codes,
        ids=dataset.organizations["id"].to_numpy(dtype=object)[codes],
        active=np.concatenate([u[present], v[present], rows.memberships["code"].to_numpy()]).astype(np.int64),
    )


def _dataset_codes(codes: np.ndarray, vertices: np.ndarray) -> np.ndarray:
    """The dataset code of each vertex of a snapshot whose organizations have ``codes`` (int64)."""
    vertices = vertices.astype(np.int64)
    # Codes increase with vertex ids, so when the last vertex has the last code every organization is in
    # view and a vertex id is its code: no lookup needed.
    if not len(codes) or codes[-1] == len(codes) - 1:
        return vertices
    mapped: np.ndarray = codes[vertices]
    return mapped


def _ids_by_code(*states: PairStates) -> np.ndarray:
    """The organization identifier of every dataset code seen at these dates (object array)."""
    codes = np.concatenate([s.codes for s in states])
    table = np.empty(int(codes.max()) + 1 if codes.size else 0, dtype=object)
    for state in states:
        table[state.codes] = state.ids
    return table


def _active(states: PairStates, size: int) -> np.ndarray:
    """Whether each dataset code is active at that date."""
    active = np.zeros(size, dtype=bool)
    active[states.active] = True
    return active


def _union(old_keys: np.ndarray, new_keys: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The sorted distinct keys of both snapshots, and the position of each snapshot's keys among them.

    A snapshot lists its pairs in key order, so the concatenation is two sorted runs that one stable sort
    merges; the positions come out of the same pass (the plain form: ``np.unique`` and ``np.searchsorted``).
    """
    keys = np.concatenate([old_keys, new_keys])
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    first = np.ones(len(ordered), dtype=bool)
    first[1:] = ordered[1:] != ordered[:-1]
    position = np.empty(len(keys), dtype=np.int64)
    position[order] = np.cumsum(first) - 1
    return ordered[first], position[: len(old_keys)], position[len(old_keys) :]


def _spread(size: int, positions: np.ndarray, values: np.ndarray, dtype: type) -> np.ndarray:
    """An array of ``size`` zeros with ``values`` placed at ``positions``."""
    out: np.ndarray = np.zeros(size, dtype=dtype)
    out[positions] = values
    return out


def _change_kind(present_before: bool, present_after: bool, direction: int, formality_changed: bool) -> int:
    """The change kind code of one pair, by the module docstring's rules (``direction``: -1, 0 or 1 for a
    level that went down, stayed or went up)."""
    if not present_before:
        return _GAINED if present_after else 0
    if not present_after:
        return _LOST
    if direction:
        return _STRENGTHENED if direction > 0 else _WEAKENED
    return _FORMALITY if formality_changed else _UNCHANGED


# The kind of each of the 24 combinations, numbered as :func:`_combination` numbers them.
_KIND_OF_COMBINATION = np.array(
    [
        _change_kind(bool(before), bool(after), direction - 1, bool(changed))
        for before in (0, 1)
        for after in (0, 1)
        for direction in (0, 1, 2)
        for changed in (0, 1)
    ],
    dtype=np.int8,
)


def _combination(
    level_from: np.ndarray, level_to: np.ndarray, was_formal: np.ndarray, is_formal: np.ndarray
) -> np.ndarray:
    """The number (0..23) of each pair's combination of (present before, present after, level direction,
    formality changed), in the order of the nested loops that build ``_KIND_OF_COMBINATION``."""
    before, after = (level_from > 0).view(np.int8), (level_to > 0).view(np.int8)
    direction = np.sign(level_to - level_from) + 1  # 0 down, 1 same, 2 up (int8)
    changed = (was_formal != is_formal).view(np.int8)
    number: np.ndarray = ((before * 2 + after) * 3 + direction) * 2 + changed
    return number


def _classify(
    level_from: np.ndarray, level_to: np.ndarray, was_formal: np.ndarray, is_formal: np.ndarray
) -> np.ndarray:
    """The change kind code (an index into ``_KINDS``) of every pair; 0 for pairs absent at both dates.

    :func:`_change_kind` applied to every pair, by one lookup of each pair's combination in a table of the
    24 answers (bench/README.md: masked assignments, one per kind, take several times longer).
    """
    kind: np.ndarray = _KIND_OF_COMBINATION[_combination(level_from, level_to, was_formal, is_formal)]
    return kind


def _transitions(level_from: np.ndarray, level_to: np.ndarray) -> pd.DataFrame:
    """Pairs counted by (from level, to level): one row per from-level, one column per to-level."""
    k = len(LEVELS)
    matrix = np.bincount(level_from * k + level_to, minlength=k * k).reshape(k, k)
    transitions = pd.DataFrame(matrix.astype(np.int64), columns=list(LEVELS))
    transitions.insert(0, "from_level", list(LEVELS))
    return transitions


def compare_snapshots(before: Snapshot, after: Snapshot) -> ChangeResult:
    """Classify every pair's change between two snapshots (see the module docstring).

    Examples
    --------
    >>> from maillage.analysis import load_dataset, snapshot
    >>> ds = load_dataset([{"id": i} for i in range(3)], [
    ...     {"source": 0, "target": 1, "level": "networking", "date": "2020-01-01"},
    ...     {"source": 0, "target": 1, "level": "coalition", "date": "2021-01-01"},
    ...     {"source": 1, "target": 2, "level": "cooperation", "date": "2021-01-01"}])
    >>> c = compare_snapshots(snapshot(ds, as_of="2020-06-01"), snapshot(ds, as_of="2021-06-01"))
    >>> c.gained, c.strengthened, c.joined
    (1, 1, [2])
    """
    return compare_pair_states(pair_states(before), pair_states(after))


def compare_pair_states(before: PairStates, after: PairStates) -> ChangeResult:
    """:func:`compare_snapshots` on the :class:`PairStates` of the two dates."""
    keys, at_old, at_new = _union(before.keys, after.keys)
    level_from = _spread(len(keys), at_old, before.level, np.int8)
    level_to = _spread(len(keys), at_new, after.level, np.int8)
    was_formal = _spread(len(keys), at_old, before.formal, bool)
    is_formal = _spread(len(keys), at_new, after.formal, bool)
    seen = (level_from > 0) | (level_to > 0)
    both = (level_from > 0) & (level_to > 0)
    kind = _classify(level_from, level_to, was_formal, is_formal)
    counts = np.bincount(kind, minlength=len(_KINDS))

    changed = seen & (kind != _UNCHANGED)
    ids = _ids_by_code(before, after)
    sources, targets = pair_ends(keys[changed])
    changes = pd.DataFrame(
        {
            "source": ids[sources],
            "target": ids[targets],
            "from_level": np.asarray(LEVELS, dtype=object)[level_from[changed]],
            "to_level": np.asarray(LEVELS, dtype=object)[level_to[changed]],
            "from_formal": was_formal[changed],
            "to_formal": is_formal[changed],
            "change": np.asarray(_KINDS, dtype=object)[kind[changed]],
        }
    )
    was, now = _active(before, len(ids)), _active(after, len(ids))
    return ChangeResult(
        before=before.as_of.date().isoformat() if before.as_of is not None else None,
        after=after.as_of.date().isoformat() if after.as_of is not None else None,
        gained=int(counts[_GAINED]),
        lost=int(counts[_LOST]),
        strengthened=int(counts[_STRENGTHENED]),
        weakened=int(counts[_WEAKENED]),
        formalized=int((both & ~was_formal & is_formal).sum()),
        deformalized=int((both & was_formal & ~is_formal).sum()),
        unchanged=int(counts[_UNCHANGED]),
        transitions=_transitions(level_from[seen], level_to[seen]),
        changes=changes,
        joined=sorted(ids[np.flatnonzero(now & ~was)].tolist(), key=str),
        left=sorted(ids[np.flatnonzero(was & ~now)].tolist(), key=str),
    )
