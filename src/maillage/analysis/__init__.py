"""Maillage's analysis core: network indicators from plain tables, on python-igraph.

Pure Python: nothing below this package imports Django, so the same calls work in a notebook, a view, a
report and the command line.

Examples
--------
>>> from maillage.analysis import network_report
>>> report = network_report([{"id": 1}, {"id": 2}], [{"source": 1, "target": 2, "level": "coalition"}])
>>> report.network.ties
1
"""

from __future__ import annotations

from .brokerage import brokerage, brokerage_by_group
from .centrality import betweenness, centralities, constraint, effective_size, eigenvector
from .change import ChangeResult, compare_snapshots
from .concertation import ConcertationResult, concertation_load, overlap_matrix
from .errors import AnalysisError, InputError
from .events import Event, EventResult, event_impact
from .graph import OrgGraph, build_graph
from .headlines import HeadlineFigures, headline_figures
from .inputs import Dataset, load_dataset, memberships_table, networks_table, organizations_table, ties_table
from .mix import MixResult, ei_index, intersectoral_mix, sector_matrix
from .network import (
    NetworkMetrics,
    communities,
    component_sizes,
    degree_centralization,
    density,
    modularity,
    network_metrics,
    reciprocity,
    transitivity,
)
from .overlap import OverlapResult, overlap, space_pairs
from .paths import average_path_length, closeness
from .ratings import RatingsResult, rating_graph, trust_and_value
from .report import NetworkReport, network_report, report_from_dataset
from .resilience import Scenario, ScenarioResult, fragmentation, parse_scenario, removal_curve, run_scenario
from .snapshots import Filters, Snapshot, snapshot
from .vocabulary import LEVELS, RATING_DIMENSIONS, SECTOR_FAMILIES, TRUST_DIMENSIONS, VALUE_DIMENSIONS

__all__ = [
    "LEVELS",
    "RATING_DIMENSIONS",
    "SECTOR_FAMILIES",
    "TRUST_DIMENSIONS",
    "VALUE_DIMENSIONS",
    "AnalysisError",
    "ChangeResult",
    "Dataset",
    "Filters",
    "HeadlineFigures",
    "InputError",
    "MixResult",
    "NetworkMetrics",
    "NetworkReport",
    "OrgGraph",
    "OverlapResult",
    "RatingsResult",
    "Scenario",
    "ScenarioResult",
    "Snapshot",
    "average_path_length",
    "betweenness",
    "brokerage",
    "brokerage_by_group",
    "build_graph",
    "centralities",
    "closeness",
    "communities",
    "compare_snapshots",
    "component_sizes",
    "constraint",
    "degree_centralization",
    "density",
    "effective_size",
    "ei_index",
    "eigenvector",
    "fragmentation",
    "headline_figures",
    "intersectoral_mix",
    "load_dataset",
    "memberships_table",
    "modularity",
    "network_metrics",
    "network_report",
    "networks_table",
    "organizations_table",
    "overlap",
    "space_pairs",
    "concertation_load",
    "overlap_matrix",
    "Event",
    "EventResult",
    "event_impact",
    "ConcertationResult",
    "parse_scenario",
    "rating_graph",
    "reciprocity",
    "removal_curve",
    "report_from_dataset",
    "run_scenario",
    "sector_matrix",
    "snapshot",
    "ties_table",
    "transitivity",
    "trust_and_value",
]
