"""The full network report: every indicator of one snapshot in one result, serialisable in one call."""

from __future__ import annotations

import functools
import time
from collections.abc import Hashable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any, Unpack

import pandas as pd

from .brokerage import brokerage, brokerage_by_group
from .centrality import CentralityResult, centralities
from .change import ChangeResult, compare_pair_states, pair_states, pair_states_at
from .cohorts import released_ratings
from .graph import OrgGraph, build_graph
from .headlines import narrows
from .inputs import Dataset, DateLike, TableLike, load_dataset
from .mix import MixResult, intersectoral_mix
from .network import NetworkMetrics, communities, level_table, network_metrics
from .overlap import OverlapResult, overlap
from .paths import distance_summary
from .ratings import RatingsResult, rating_graph, trust_and_value
from .resilience import Scenario, ScenarioResult, fragmentation, parse_scenario, removal_curve, run_scenario
from .results import Result
from .snapshots import FilterArgs, Filters, Snapshot, snapshot

DEFAULT_SCENARIOS: tuple[str, ...] = ("formal-ties", "top:5", "random:0.1")


@dataclass
class NetworkReport(Result):
    """Everything the observatory computes about one network snapshot.

    ``organizations`` holds one row per organization: centralities, brokerage roles and, when ratings exist,
    trust and value. ``timings`` gives the seconds spent in each section (for the benchmark and the curious).
    """

    as_of: str | None
    filters: dict[str, Any]
    parameters: dict[str, Any]
    network: NetworkMetrics
    levels: pd.DataFrame
    mix: MixResult
    centrality: CentralityResult
    organizations: pd.DataFrame
    brokerage_by_sector: pd.DataFrame
    ratings: RatingsResult | None
    change: ChangeResult | None
    scenarios: list[ScenarioResult]
    removal_curve: pd.DataFrame | None
    overlap: OverlapResult | None
    timings: dict[str, float] = field(default_factory=dict)

    def json_members(self) -> list[tuple[str, Any]]:
        """Every field, but the per-organization tables of ``centrality`` and ``ratings`` are written once.

        Their columns are all in ``organizations``; repeating them would double the size of the document
        (and the time to write it) for no new number.
        """
        written = []
        for name, value in super().json_members():
            if name in ("centrality", "ratings") and value is not None:
                value = {key: member for key, member in value.json_members() if key != "table"}
            written.append((name, value))
        return written


def network_report(
    organizations: TableLike,
    ties: TableLike,
    memberships: TableLike | None = None,
    networks: TableLike | None = None,
    *,
    as_of: DateLike | None = None,
    compare_to: DateLike | None = None,
    filters: Filters | None = None,
    scenarios: Sequence[str | Scenario] = DEFAULT_SCENARIOS,
    curve: bool = True,
    seed: int = 0,
    exact_max_nodes: int = 2500,
    betweenness_samples: int = 64,
    path_samples: int = 64,
    min_spaces: int = 3,
    overlap_threshold: float = 0.5,
    all_territories: Iterable[Hashable] | None = None,
    all_populations: Iterable[Hashable] | None = None,
    **by_name: Unpack[FilterArgs],
) -> NetworkReport:
    """Compute the full report of a network from plain tables.

    Parameters
    ----------
    organizations, ties, memberships, networks : list of dicts or DataFrame
        See :mod:`maillage.analysis.inputs` for the columns.
    as_of : date, optional
        Snapshot date (latest observation per pair on or before it); default: everything.
    compare_to : date, optional
        Earlier date; the ``change`` section goes from ``compare_to`` to ``as_of``.
    filters : Filters, optional
        The part of the network in view (see :class:`~maillage.analysis.snapshots.Filters`); the same
        filters may be named as keywords instead (``network=``, ``sectors=``, ``territories=``,
        ``min_level=``, ``formality=``).
    scenarios : sequence of str or Scenario
        Resilience scenarios (``formal-ties``, ``sector:S``, ``top:K``, ``random:F``).
    curve : bool
        Whether to compute the removal curve (targeted by degree vs random).
    seed : int
        Seed of every random step (Leiden, sampled betweenness and paths, random failures).
    exact_max_nodes, betweenness_samples, path_samples
        Above ``exact_max_nodes`` organizations, betweenness and path lengths are estimated from that many
        sampled sources.
    min_spaces, overlap_threshold, all_territories, all_populations
        Hyperconcertation settings, see :func:`maillage.analysis.overlap.overlap`.

    Examples
    --------
    >>> orgs = [{"id": i, "sector": s, "sector_family": f} for i, s, f in
    ...         [(1, "clsc", "public"), (2, "community", "community"), (3, "community", "community")]]
    >>> ties = [{"source": 1, "target": 2, "level": "coordination", "formality": "formal"},
    ...         {"source": 2, "target": 3, "level": "networking"}]
    >>> report = network_report(orgs, ties, scenarios=["formal-ties"])
    >>> report.network.density, report.mix.cross_family_share, report.scenarios[0].cut_off
    (0.6666666666666666, 0.5, [1])
    >>> report.to_json()[:12]
    '{"as_of":nul'
    """
    dataset = load_dataset(organizations, ties, memberships, networks)
    return report_from_dataset(
        dataset,
        as_of=as_of,
        compare_to=compare_to,
        filters=Filters.of(filters, **by_name),
        scenarios=scenarios,
        curve=curve,
        seed=seed,
        exact_max_nodes=exact_max_nodes,
        betweenness_samples=betweenness_samples,
        path_samples=path_samples,
        min_spaces=min_spaces,
        overlap_threshold=overlap_threshold,
        all_territories=all_territories,
        all_populations=all_populations,
    )


def report_from_dataset(
    dataset: Dataset,
    *,
    as_of: DateLike | None = None,
    compare_to: DateLike | None = None,
    filters: Filters | None = None,
    scenarios: Sequence[str | Scenario] = DEFAULT_SCENARIOS,
    curve: bool = True,
    seed: int = 0,
    exact_max_nodes: int = 2500,
    betweenness_samples: int = 64,
    path_samples: int = 64,
    min_spaces: int = 3,
    overlap_threshold: float = 0.5,
    all_territories: Iterable[Hashable] | None = None,
    all_populations: Iterable[Hashable] | None = None,
    **by_name: Unpack[FilterArgs],
) -> NetworkReport:
    """:func:`network_report` on an already validated :class:`~maillage.analysis.inputs.Dataset`."""
    timings: dict[str, float] = {}
    timed = functools.partial(_timed, timings)
    parsed = [parse_scenario(s) if isinstance(s, str) else s for s in scenarios]  # fail before computing
    chosen = Filters.of(filters, **by_name)
    with timed("snapshot"):
        snap = snapshot(dataset, as_of=as_of, filters=chosen)
    with timed("graph"):
        og = build_graph(snap)
    with timed("communities"):
        membership, q = communities(og.graph, seed=seed)
    with timed("paths"):
        distances = distance_summary(
            og.graph, exact_max_nodes=exact_max_nodes, samples=path_samples, seed=seed
        )
    with timed("network"):
        ratings_graph = rating_graph(snap) if len(snap.ratings) else None
        metrics = network_metrics(
            og, rating_graph=ratings_graph, seed=seed, distances=distances, membership=membership,
            community_modularity=q,
        )  # fmt: skip
        levels = level_table(og)
    with timed("mix"):
        mix = intersectoral_mix(og)
    with timed("centrality"):
        central = centralities(
            og, exact_max_nodes=exact_max_nodes, betweenness_samples=betweenness_samples, seed=seed,
            distances=distances, community=membership,
        )  # fmt: skip
    with timed("brokerage"):
        table, by_sector = _with_brokerage(central.table, og)
    with timed("ratings"):
        table, ratings = _with_ratings(table, snap, og, dataset, chosen)
    with timed("change"):
        change = _change(dataset, snap, compare_to, chosen)
    with timed("resilience"):
        results, curve_table = _resilience(og, parsed, table, seed=seed, curve=curve)
    with timed("overlap"):
        overlap_result = _overlap(
            dataset, snap, min_spaces, overlap_threshold, all_territories, all_populations
        )
    return NetworkReport(
        as_of=snap.as_of.date().isoformat() if snap.as_of is not None else None,
        filters=chosen.as_dict(),
        parameters={
            "seed": seed, "min_spaces": min_spaces, "exact_max_nodes": exact_max_nodes,
            "betweenness_samples": betweenness_samples, "path_samples": path_samples,
            "compare_to": str(compare_to) if compare_to is not None else None,
        },
        network=metrics, levels=levels, mix=mix, centrality=central, organizations=table,
        brokerage_by_sector=by_sector, ratings=ratings, change=change, scenarios=results,
        removal_curve=curve_table, overlap=overlap_result, timings=timings,
    )  # fmt: skip


@contextmanager
def _timed(timings: dict[str, float], section: str) -> Iterator[None]:
    """Add the seconds the block takes to ``timings[section]`` (the report's ``timings``)."""
    start = time.perf_counter()
    yield
    timings[section] = timings.get(section, 0.0) + time.perf_counter() - start


def _with_brokerage(table: pd.DataFrame, og: OrgGraph) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The organization table with each organization's brokerage roles, and the roles summed by sector."""
    roles = brokerage(og.graph, og.organizations["sector"], edges=og.edge_arrays())
    by_sector = brokerage_by_group(roles, og.organizations["sector"])
    return pd.concat([table, roles.add_prefix("brokerage_")], axis=1), by_sector


def _resilience(
    og: OrgGraph, scenarios: list[Scenario], table: pd.DataFrame, *, seed: int, curve: bool
) -> tuple[list[ScenarioResult], pd.DataFrame | None]:
    """The scenarios against the intact network's fragmentation, and the removal curve if asked for."""
    baseline = fragmentation(og.graph)
    results = [run_scenario(og, s, seed=seed, centrality=table, baseline=baseline) for s in scenarios]
    return results, removal_curve(og, seed=seed, centrality=table) if curve else None


def _with_ratings(
    table: pd.DataFrame, snap: Snapshot, og: OrgGraph, dataset: Dataset, chosen: Filters
) -> tuple[pd.DataFrame, RatingsResult | None]:
    """The organization table with trust and value when the snapshot has ratings (else with the relative
    connectivity alone), and the ratings section, whose network-wide figures are a released cohort's
    (`analysis.cohorts`), never those of whoever is in view today."""
    ratings = trust_and_value(snap, og) if len(snap.ratings) else None
    if ratings is not None:
        released = released_ratings(dataset, snap.as_of, chosen.network, narrows(chosen))
        if released is not None:
            ratings = replace(
                ratings,
                network_trust_percent=released.trust_percent,
                network_value_percent=released.value_percent,
                raters=released.raters,
            )
        extra = ratings.table.drop(columns=["id", "name", "sector"])
        table = pd.concat([table, extra], axis=1)
    elif og.graph.ecount():
        table["relative_connectivity"] = trust_and_value(snap, og).table["relative_connectivity"]
    return table, ratings


def _change(
    dataset: Dataset, snap: Snapshot, compare_to: DateLike | None, filters: Filters
) -> ChangeResult | None:
    if compare_to is None:
        return None
    # Of the earlier date the change reads only pair levels and active organizations: no snapshot tables.
    return compare_pair_states(pair_states_at(dataset, as_of=compare_to, filters=filters), pair_states(snap))


def _overlap(
    dataset: Dataset,
    snap: Snapshot,
    min_spaces: int,
    threshold: float,
    all_territories: Iterable[Hashable] | None,
    all_populations: Iterable[Hashable] | None,
) -> OverlapResult | None:
    if snap.memberships.empty and dataset.networks.empty:
        return None
    ids = snap.organizations["id"].to_numpy(dtype=object)
    members = (
        snap.memberships.assign(organization=ids[snap.memberships["vertex"].to_numpy()])
        if len(snap.memberships)
        else pd.DataFrame({"organization": [], "network": []})
    )
    return overlap(
        members,
        dataset.networks if not dataset.networks.empty else None,
        min_spaces=min_spaces,
        threshold=threshold,
        territories=all_territories,
        populations=all_populations,
    )
