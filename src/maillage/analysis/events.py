"""Real events on a network: a space abolished, a funder withdrawing, a reform merging institutions.

Seed 003: the 2015 reform merged the institutions of each region into one CISSS, abolished concertation
structures and cut funding; what held the networks together were the informal ties between community
organizations. An :class:`Event` says which spaces lose their formal ties (an abolished space keeps the
informal ties between its members: people still call each other) and which organizations merge into one.
:func:`event_impact` says which organizations lose their last path to the rest (they were in the largest
connected group and no longer are) and which informal ties hold the network together afterwards (informal
ties that are bridges of the remaining graph: take one away and the group splits).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

import igraph as ig
import numpy as np
import pandas as pd

from .graph import OrgGraph
from .resilience import fragmentation
from .results import Result


@dataclass(frozen=True)
class Event:
    """What happens: spaces whose formal ties stop, and groups of organizations merged into one."""

    label: str
    abolished_spaces: frozenset[Hashable] = frozenset()
    merged: tuple[frozenset[Hashable], ...] = ()

    @classmethod
    def build(
        cls, label: str, abolished_spaces: Iterable[Hashable] = (), merged: Iterable[Iterable[Hashable]] = ()
    ) -> Event:
        return cls(label, frozenset(abolished_spaces), tuple(frozenset(group) for group in merged))


@dataclass
class EventResult(Result):
    """What the network keeps after an event."""

    event: str
    removed_ties: int
    merged_organizations: int  # organizations absorbed into another (a merged group counts its size - 1)
    largest_component_share_before: float
    largest_component_share_after: float
    components_after: int
    cut_off: list[Hashable] = field(default_factory=list)  # lose their last path to the rest
    holding_ties: pd.DataFrame = field(default_factory=pd.DataFrame)  # source, target, network


def _representatives(og: OrgGraph, groups: tuple[frozenset[Hashable], ...]) -> np.ndarray[Any, Any]:
    """The vertex each vertex becomes: itself, or the first vertex (in vertex order) of its merged group."""
    position = {key: i for i, key in enumerate(og.organizations["id"].tolist())}
    representative = np.arange(og.graph.vcount(), dtype=np.int64)
    for group in groups:
        members = sorted(position[key] for key in group if key in position)
        if members:
            representative[members] = members[0]
    return representative


def event_impact(og: OrgGraph, event: Event) -> EventResult:
    """Apply ``event`` to the graph and say who is cut off and which informal ties hold it together.

    Parameters
    ----------
    og : OrgGraph
        The network at a date (:func:`maillage.analysis.build_graph`); its ties need ``formal`` and
        ``network`` columns.
    event : Event
        Formal ties of ``abolished_spaces`` are removed (their informal ties stay); each ``merged`` group of
        organization identifiers becomes one organization (ties inside the group disappear).

    Examples
    --------
    >>> from maillage.analysis import build_graph, load_dataset, snapshot
    >>> ties = [{"source": "a", "target": "b", "formality": "formal", "network": "T"},
    ...         {"source": "b", "target": "c", "network": "T"},
    ...         {"source": "c", "target": "d", "network": "U"}]
    >>> og = build_graph(snapshot(load_dataset([{"id": x} for x in "abcd"], ties)))
    >>> r = event_impact(og, Event.build("the table closes", abolished_spaces=["T"]))
    >>> r.removed_ties, r.cut_off, r.holding_ties[["source", "target"]].values.tolist()
    (1, ['a'], [['b', 'c'], ['c', 'd']])
    """
    ties = og.ties
    formal = ties["formal"].to_numpy(dtype=bool) if "formal" in ties else np.zeros(len(ties), dtype=bool)
    in_abolished = (
        ties["network"].isin(event.abolished_spaces).to_numpy() if "network" in ties else formal & False
    )
    kept = np.flatnonzero(~(formal & in_abolished))
    representative = _representatives(og, event.merged)
    u = representative[ties["u"].to_numpy(dtype=np.int64)[kept]]
    v = representative[ties["v"].to_numpy(dtype=np.int64)[kept]]
    not_loop = u != v
    kept, u, v = kept[not_loop], u[not_loop], v[not_loop]
    keep = representative == np.arange(len(representative))
    after_graph = ig.Graph(n=og.graph.vcount(), edges=list(zip(u.tolist(), v.tolist(), strict=True)))
    bridges = after_graph.bridges()
    base = fragmentation(og.graph)
    after = fragmentation(after_graph, keep, n_original=og.graph.vcount())
    was_largest = _largest(base.membership)
    # A merged organization stands for its whole group: the largest group after the event is counted in
    # original organizations, so that a merger alone does not look like a loss.
    weight = np.bincount(representative, minlength=len(representative))
    now_largest = _largest(after.membership, weight)
    share_after = float(weight[now_largest].sum()) / og.graph.vcount() if og.graph.vcount() else 0.0
    ids = og.organizations["id"].to_numpy(dtype=object)
    cut = np.flatnonzero(was_largest & keep & ~now_largest)
    informal_bridges = [kept[e] for e in bridges if not formal[kept[e]] and now_largest[u[e]]]
    holding = ties.iloc[sorted(informal_bridges)][["source", "target", "network"]].reset_index(drop=True)
    return EventResult(
        event=event.label,
        removed_ties=int(len(ties) - int((~(formal & in_abolished)).sum())),
        merged_organizations=int((~keep).sum()),
        largest_component_share_before=base.largest_share,
        largest_component_share_after=share_after,
        components_after=after.components,
        cut_off=sorted(ids[cut].tolist(), key=str),
        holding_ties=holding,
    )


def _largest(
    membership: np.ndarray[Any, Any], weight: np.ndarray[Any, Any] | None = None
) -> np.ndarray[Any, np.dtype[np.bool_]]:
    """Who is in the largest component, by vertices or by their weights (the first of equal ones, as the
    resilience scenarios count it)."""
    present = membership >= 0
    if not present.any():
        return np.zeros(len(membership), dtype=bool)
    weights = None if weight is None else weight[present]
    return np.asarray(
        membership == int(np.bincount(membership[present], weights=weights).argmax()), dtype=bool
    )
