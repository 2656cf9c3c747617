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


def _pairs_by_code(snap: Snapshot) -> pd.DataFrame:
    codes = snap.organizations["code"].to_numpy()
    ids = snap.organizations["id"].to_numpy(dtype=object)
    pairs = snap.pairs
    u, v = pairs["u"].to_numpy(), pairs["v"].to_numpy()
    # One int64 key per pair: merging on a single integer column is several times faster than on two.
    return pd.DataFrame(
        {
            "pair": (codes[u].astype(np.int64) << 31) | codes[v].astype(np.int64),
            "source": ids[u],
            "target": ids[v],
            "level": pairs["level"].to_numpy().astype(np.int64),
            "formal": pairs["formal"].to_numpy().astype(bool),
        }
    )


def _active(snap: Snapshot) -> set[Any]:
    ids = snap.organizations["id"].to_numpy(dtype=object)
    vertices = np.concatenate(
        [snap.ties["u"].to_numpy(), snap.ties["v"].to_numpy(), snap.memberships["vertex"].to_numpy()]
    )
    return set(ids[np.unique(vertices.astype(np.int64))].tolist())


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
    old, new = _pairs_by_code(before), _pairs_by_code(after)
    merged = old.merge(new, on="pair", how="outer", suffixes=("_from", "_to"))
    level_from = merged["level_from"].fillna(0).to_numpy().astype(np.int64)
    level_to = merged["level_to"].fillna(0).to_numpy().astype(np.int64)
    formal_from = merged["formal_from"].astype(object).where(merged["formal_from"].notna(), False)
    formal_to = merged["formal_to"].astype(object).where(merged["formal_to"].notna(), False)
    was_formal, is_formal = formal_from.to_numpy(dtype=bool), formal_to.to_numpy(dtype=bool)
    seen = (level_from > 0) | (level_to > 0)
    both = (level_from > 0) & (level_to > 0)
    kind = np.full(len(merged), "", dtype=object)
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
    source = merged["source_to"].where(merged["source_to"].notna(), merged["source_from"])
    target = merged["target_to"].where(merged["target_to"].notna(), merged["target_from"])
    changes = pd.DataFrame(
        {
            "source": source.to_numpy()[changed],
            "target": target.to_numpy()[changed],
            "from_level": np.asarray(LEVELS, dtype=object)[level_from[changed]],
            "to_level": np.asarray(LEVELS, dtype=object)[level_to[changed]],
            "from_formal": was_formal[changed],
            "to_formal": is_formal[changed],
            "change": kind[changed],
        }
    )
    was, now = _active(before), _active(after)
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
        joined=sorted(now - was, key=str),
        left=sorted(was - now, key=str),
    )
