"""``python -m bench``: time the analysis core against NetworkX on generated networks; writes results.md.

Run from the repository root with ``PYTHONPATH=src``. ``--quick`` runs only the 1,000 and 20,000 sizes.
NetworkX is run on the same graph in the same process; when the time predicted from the previous size
(scaled by the algorithm's cost) exceeds ``--nx-limit`` seconds, it is skipped and the prediction is shown
with a ``~`` and marked *estimated*.
"""

from __future__ import annotations

import argparse
import platform
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from maillage.analysis import (
    betweenness,
    brokerage,
    build_graph,
    communities,
    component_sizes,
    constraint,
    degree_centralization,
    density,
    effective_size,
    eigenvector,
    load_dataset,
    report_from_dataset,
    snapshot,
    transitivity,
)
from maillage.analysis.paths import distance_summary

from .generate import generate
from .kernel_clock import KernelClock

EXACT_MAX = 2500
SAMPLES = 64
REPEATS = 5


def _clock(function: Callable[[], Any]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def _nx_degree_centralization(graph: nx.Graph) -> float:
    degrees = [d for _, d in graph.degree()]
    n, top = len(degrees), max(degrees)
    return sum(top - d for d in degrees) / ((n - 1) * (n - 2))


def metrics(
    og: Any, ref: nx.Graph, n: int, m: int
) -> list[tuple[str, Callable[[], Any], Callable[[], Any], float]]:
    """(name, ours, networkx, cost model) for every metric both libraries compute."""
    k = None if n <= EXACT_MAX else SAMPLES
    g = og.graph
    return [
        ("density", lambda: density(g), lambda: nx.density(ref), m),
        (
            "degree centralization",
            lambda: degree_centralization(g),
            lambda: _nx_degree_centralization(ref),
            m,
        ),
        ("components", lambda: component_sizes(g), lambda: [len(c) for c in nx.connected_components(ref)], m),
        ("transitivity", lambda: transitivity(g), lambda: nx.transitivity(ref), m * m / n),
        (
            f"betweenness ({'exact' if k is None else f'{k} sources'})",
            lambda: betweenness(g, exact_max_nodes=EXACT_MAX, samples=SAMPLES),
            lambda: nx.betweenness_centrality(ref, k=k, seed=0),
            (n if k is None else k) * m,
        ),
        (
            f"closeness + path length ({'exact' if k is None else f'ours {k} sources, NetworkX exact'})",
            lambda: distance_summary(g, exact_max_nodes=EXACT_MAX, samples=SAMPLES),
            lambda: nx.closeness_centrality(ref),
            n * m,
        ),
        ("eigenvector", lambda: eigenvector(g), lambda: nx.eigenvector_centrality(ref, max_iter=1000), m),
        ("Burt constraint", lambda: constraint(g), lambda: nx.constraint(ref), m * m / n),
        ("effective size", lambda: effective_size(g), lambda: nx.effective_size(ref), m * m / n),
        (
            "communities (ours Leiden, NetworkX Louvain)",
            lambda: communities(g, seed=0),
            lambda: nx.community.louvain_communities(ref, seed=0),
            n * m,  # measured 11-21 s at 20,000 / 105,000 ties and 589 s at 100,000 / 525,000: far above m
        ),
        ("brokerage roles", lambda: brokerage(g, og.organizations["sector"]), None, m),
    ]


@dataclass
class ReportRun:
    """One timed run of the full report: validation, then the report and its JSON."""

    validation: float
    total: float  # report + JSON, without the validation
    kernel: float
    report: Any
    text: str

    @property
    def overhead(self) -> float:
        return self.total - self.kernel


def _report_run(data: dict[str, Any]) -> ReportRun:
    start = time.perf_counter()
    dataset = load_dataset(data["organizations"], data["ties"], data["memberships"], data["networks"])
    validated = time.perf_counter()
    with KernelClock() as clock:
        report = report_from_dataset(
            dataset, as_of="2024-06-01", compare_to="2023-06-01",
            scenarios=("formal-ties", "top:10", "random:0.1"),
            exact_max_nodes=EXACT_MAX, betweenness_samples=SAMPLES, path_samples=SAMPLES,
        )  # fmt: skip
    text = report.to_json()
    done = time.perf_counter()
    return ReportRun(validated - start, done - validated, clock.seconds, report, text)


def run(sizes: list[tuple[int, int]], nx_limit: float) -> str:
    rows: list[str] = []
    summary: list[str] = []
    previous: dict[
        str, tuple[float, float]
    ] = {}  # metric -> (networkx seconds, cost) at the last measured size
    for n, degree in sizes:
        data = generate(n, degree, seed=1)
        repeats = REPEATS if n <= 20_000 else 3  # a 100,000-organization report takes 15-25 s a run
        runs = sorted((_report_run(data) for _ in range(repeats)), key=lambda run: run.validation + run.total)
        median = runs[len(runs) // 2]
        report, text, kernel = median.report, median.text, median.kernel
        total = median.validation + median.total
        shares = sorted(r.overhead / r.kernel for r in runs)
        with_validation = (median.validation + median.overhead) / kernel
        m = report.network.ties
        og = build_graph(snapshot(load_dataset(data["organizations"], data["ties"]), as_of="2024-06-01"))
        build_start = time.perf_counter()
        ref = nx.Graph()
        ref.add_nodes_from(range(og.graph.vcount()))
        ref.add_edges_from(og.graph.get_edgelist())
        nx_build = time.perf_counter() - build_start
        nx_total, any_estimated = nx_build, False
        label = f"{n:,} orgs, {m:,} ties (mean degree {2 * m / n:.1f})"
        rows.append(f"| {label} | graph build | — | {nx_build:.3f} | — |")
        for name, ours, theirs, cost in metrics(og, ref, n, m):
            ours_time = _clock(ours)
            if theirs is None:
                rows.append(f"| {label} | {name} | {ours_time:.3f} | n/a (not in NetworkX) | — |")
                continue
            predicted = None
            key = name.split(" (")[0]  # the prediction must survive the label change exact -> sampled
            if key in previous:
                seconds, old_cost = previous[key]
                predicted = seconds * cost / old_cost
            if predicted is not None and predicted > nx_limit:
                nx_time, mark = predicted, "~"
                any_estimated = True
            else:
                nx_time, mark = _clock(theirs), ""
                previous[key] = (nx_time, cost)
            nx_total += nx_time
            ratio = nx_time / ours_time if ours_time > 0 else float("inf")
            shown = f"{mark}{nx_time:.3f}" + (" (estimated)" if mark else "")
            rows.append(f"| {label} | {name} | {ours_time:.3f} | {shown} | {mark}{ratio:,.0f}× |")
            print(rows[-1], flush=True)
        sections = ", ".join(f"{k} {v:.2f}" for k, v in report.timings.items())
        summary.append(
            f"| {label} | {total:.2f} | {median.validation:.2f} | {kernel:.2f} | {median.overhead:.2f} | "
            f"**{median.overhead / kernel:.0%}** ({shares[0]:.0%}–{shares[-1]:.0%}) | "
            f"{with_validation:.0%} | "
            f"{'~' if any_estimated else ''}{nx_total:.1f} | "
            f"{'~' if any_estimated else ''}{nx_total / total:,.0f}× | "
            f"{len(text) / 1e6:.1f} MB |"
        )
        summary.append(f"|  | sections (s): {sections} | | | | | | | | |")
        print(summary[-2], flush=True)
    header = (
        f"Machine: {platform.machine()}, {platform.processor() or 'cpu'}, "
        f"Python {platform.python_version()}, "
        f"NetworkX {nx.__version__}. Generated by `python -m bench` (sector-aware random networks, seed 1; "
        "tie observations at two dates; a fifth carry survey ratings)."
    )
    explanation = (
        "Validation = `load_dataset` on the generated DataFrames (done once per dataset: the web app caches "
        "the validated dataset). Report = `report_from_dataset` (snapshot at 2024-06-01, metrics 1–4, "
        "brokerage, change since 2023-06-01, three resilience scenarios, removal curve, overlap) **plus** "
        "`to_json()`; the report (s) column is both together. Kernel = time inside igraph calls, the calls "
        "alone; overhead = the rest of the report (snapshot, graph building, joins, pandas, turning igraph's "
        "lists into arrays, JSON). Each size is run "
        f"{REPEATS} times in one process (100,000 organizations: 3 times): the median run is shown, with the "
        "lowest and highest overhead "
        "share of the runs in brackets; *with validation* adds the validation to the overhead. "
        "NetworkX = graph build + the same metrics in NetworkX (betweenness sampled with the same number "
        f"of sources above {EXACT_MAX:,} organizations; closeness exact: NetworkX has no sampled closeness)."
    )
    skipped = (
        f"NetworkX runs skipped when predicted above {nx_limit:.0f} s are marked `~` (estimated from the "
        "previous size, scaled by the algorithm's cost: m, m²/n, k·m or n·m)."
    )
    table_head = (
        "| network | report (s) | validation (s) | kernel (s) | overhead (s) | overhead / kernel "
        "| with validation | NetworkX (s) | speed-up | JSON |"
    )
    lines = ["# Benchmark results", "", header, "", "## Full report", "", explanation, "", table_head]
    lines += ["|---|---|---|---|---|---|---|---|---|---|", *summary, "", "## Per metric", "", skipped, ""]
    lines += ["| network | metric | ours (s) | NetworkX (s) | ratio |", "|---|---|---|---|---|", *rows, ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--quick", action="store_true", help="only 1,000 and 20,000 organizations")
    parser.add_argument(
        "--nx-limit", type=float, default=60.0, help="skip NetworkX runs predicted longer (s)"
    )
    parser.add_argument("--output", default=str(Path(__file__).with_name("results.md")))
    args = parser.parse_args()
    sizes = [(1_000, 10), (1_000, 20), (20_000, 10), (20_000, 20)]
    if not args.quick:
        sizes += [(100_000, 10), (100_000, 20)]
    Path(args.output).write_text(run(sizes, args.nx_limit), encoding="utf-8")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
