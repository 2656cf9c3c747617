"""The few headline figures of a snapshot, without the cost of a full report.

Dashboards show the change of each headline since the previous wave; computing a whole
:func:`~maillage.analysis.report.report_from_dataset` (centralities, communities, resilience) for the
earlier date only to read six numbers would double their cost. The figures are computed by the same
functions the report uses, so they are equal to the report's.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Unpack

from .cohorts import ReleasedRatings, narrowed, released_ratings
from .graph import OrgGraph, build_graph
from .inputs import Dataset, DateLike
from .mix import cross_shares
from .network import degree_centralization, density
from .ratings import trust_and_value
from .results import Result
from .snapshots import FilterArgs, Filters, Snapshot, snapshot


@dataclass
class HeadlineFigures(Result):
    """Size, density, centralization, intersectoral and formal shares, trust and value of one snapshot."""

    organizations: int
    ties: int
    density: float
    degree_centralization: float
    cross_family_share: float | None
    cross_sector_share: float | None
    formal_share: float
    trust_percent: float | None
    value_percent: float | None
    raters: int = 0  # distinct organizations whose ratings make trust and value


def headline_figures(
    dataset: Dataset,
    *,
    as_of: DateLike | None = None,
    filters: Filters | None = None,
    **by_name: Unpack[FilterArgs],
) -> HeadlineFigures:
    """The headline figures of the snapshot of ``dataset`` at ``as_of`` (filters as in the report).

    Examples
    --------
    >>> from maillage.analysis.inputs import load_dataset
    >>> families = ["public", "community", "community"]
    >>> ds = load_dataset([{"id": i, "sector_family": f} for i, f in enumerate(families)],
    ...                   [{"source": 0, "target": 1, "formality": "formal"}, {"source": 1, "target": 2}])
    >>> f = headline_figures(ds)
    >>> f.ties, f.density, f.cross_family_share, f.formal_share
    (2, 0.6666666666666666, 0.5, 0.5)
    """
    chosen = Filters.of(filters, **by_name)
    snap = snapshot(dataset, as_of=as_of, filters=chosen)
    og = build_graph(snap)
    graph = og.graph
    m = graph.ecount()
    ratings = network_ratings(dataset, snap, og, chosen.network, narrows(chosen))
    cross_family, cross_sector = cross_shares(og)
    return HeadlineFigures(
        organizations=graph.vcount(),
        ties=m,
        density=density(graph),
        degree_centralization=degree_centralization(graph),
        cross_family_share=cross_family,
        cross_sector_share=cross_sector,
        formal_share=float(og.ties["formal"].mean()) if m else 0.0,
        trust_percent=ratings.trust_percent,
        value_percent=ratings.value_percent,
        raters=ratings.raters,
    )


def narrows(chosen: Filters) -> bool:
    """Whether the filters narrow the network to a part of it (whose ratings a difference would give)."""
    return narrowed(chosen.sectors, chosen.territories, chosen.min_level, chosen.formality)


def network_ratings(
    dataset: Dataset, snap: Snapshot, og: OrgGraph, network: Hashable | None, narrow: bool
) -> ReleasedRatings:
    """The network's trust and value: the released cohort's when the dataset has releases (see
    `analysis.cohorts`), else those of the snapshot's ratings."""
    released = released_ratings(dataset, snap.as_of, network, narrow)
    if released is not None:
        return released
    if not len(snap.ratings):
        return ReleasedRatings(None, None, 0)
    computed = trust_and_value(snap, og)
    return ReleasedRatings(computed.network_trust_percent, computed.network_value_percent, computed.raters)
