"""Resilience scenarios: what the network keeps when ties or organizations disappear.

Scenarios (from the seeds: reforms that abolish structures, institutions that withdraw, crises):

* ``formal-ties`` — every formal tie is removed ("the funding and the mandate stop");
* ``sector:S1,S2`` — the organizations of those sectors are removed;
* ``top:K[:measure]`` — the K most central organizations (``degree``, default, or ``betweenness``) leave;
* ``random:F`` — a random fraction F of the organizations fail (``seed``).

For each: the largest component's share of the **original** number of organizations n; the number of
components among the remaining organizations; the mean reachability
``sum over components of s (s - 1) / (n (n - 1))`` — the share of ordered pairs of the original organizations
that can still reach each other; and the organizations cut off: members of the original largest component,
still present, that are no longer in the largest component.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

import igraph as ig
import numpy as np
import pandas as pd

from .errors import InputError
from .graph import OrgGraph, component_labels
from .results import Result

BoolArray = np.ndarray[Any, np.dtype[np.bool_]]


@dataclass(frozen=True)
class Scenario:
    """A resilience scenario; build it from text with :func:`parse_scenario`."""

    kind: str  # "formal-ties", "sectors", "top", "random"
    sectors: tuple[str, ...] = ()
    k: int = 0
    measure: str = "degree"
    fraction: float = 0.0

    @property
    def label(self) -> str:
        """The scenario as written on the command line."""
        if self.kind == "sectors":
            return "sector:" + ",".join(self.sectors)
        if self.kind == "top":
            return f"top:{self.k}" + ("" if self.measure == "degree" else f":{self.measure}")
        if self.kind == "random":
            return f"random:{self.fraction:g}"
        return self.kind


def parse_scenario(text: str) -> Scenario:
    """Parse ``formal-ties``, ``sector:S[,S…]``, ``top:K[:degree|betweenness]`` or ``random:FRACTION``.

    >>> parse_scenario("top:5:betweenness")
    Scenario(kind='top', sectors=(), k=5, measure='betweenness', fraction=0.0)
    """
    head, _, rest = text.strip().partition(":")
    head = head.lower()
    try:
        if head in {"formal-ties", "formal", "liens-formels"}:
            return Scenario("formal-ties")
        if head in {"sector", "sectors", "secteur"} and rest:
            return Scenario("sectors", sectors=tuple(s.strip() for s in rest.split(",") if s.strip()))
        if head == "top" and rest:
            k, _, measure = rest.partition(":")
            measure = measure or "degree"
            if measure not in {"degree", "betweenness"} or int(k) < 0:
                raise ValueError(measure)
            return Scenario("top", k=int(k), measure=measure)
        if head in {"random", "aleatoire"} and rest:
            fraction = float(rest)
            if not 0.0 <= fraction <= 1.0:
                raise ValueError(rest)
            return Scenario("random", fraction=fraction)
    except ValueError:
        pass
    raise InputError(
        f"unknown scenario {text!r}: use formal-ties, sector:SECTOR, "
        "top:K[:degree|betweenness] or random:FRACTION"
    )


@dataclass
class ScenarioResult(Result):
    """What remains of the network after one scenario."""

    scenario: str
    removed_organizations: int
    removed_ties: int
    largest_component_share: float
    components: int
    mean_reachability: float
    cut_off: list[Hashable] = field(default_factory=list)
    removed: list[Hashable] = field(default_factory=list)  # organizations the scenario takes out


@dataclass
class Fragmentation:
    """Connectivity summary of a graph on a subset of the original vertices."""

    largest_share: float
    components: int
    reachability: float
    membership: np.ndarray[Any, np.dtype[np.int64]]  # component per original vertex, -1 if removed


def fragmentation(
    graph: ig.Graph, keep: BoolArray | None = None, *, n_original: int | None = None
) -> Fragmentation:
    """Components of ``graph`` restricted to vertices where ``keep`` is true, measured against ``n_original``.

    >>> f = fragmentation(ig.Graph(n=4, edges=[(0, 1), (2, 3)]))
    >>> f.largest_share, f.components, round(f.reachability, 3)
    (0.5, 2, 0.333)
    """
    n = n_original if n_original is not None else graph.vcount()
    membership = np.full(graph.vcount(), -1, dtype=np.int64)
    kept = np.arange(graph.vcount()) if keep is None else np.flatnonzero(keep)
    component = component_labels(graph, keep)
    membership[kept] = component
    sizes = np.bincount(component) if len(kept) else np.zeros(0, np.int64)
    pairs = float((sizes * (sizes - 1)).sum())
    return Fragmentation(
        largest_share=float(sizes.max()) / n if sizes.size and n else 0.0,
        components=int(sizes.size),
        reachability=pairs / (n * (n - 1)) if n > 1 else 0.0,
        membership=membership,
    )


def largest_share(graph: ig.Graph, keep: BoolArray, n: int) -> float:
    """Share of the ``n`` organizations in the largest component of ``graph`` restricted to ``keep``.

    :func:`fragmentation`'s first figure alone, for the removal curve's many points: no membership array.
    """
    labels = component_labels(graph, keep)
    return float(np.bincount(labels).max()) / n if labels.size and n else 0.0


def _largest_members(membership: np.ndarray[Any, np.dtype[np.int64]]) -> BoolArray:
    present = membership[membership >= 0]
    if present.size == 0:
        return np.zeros(len(membership), dtype=bool)
    return np.asarray(membership == np.bincount(present).argmax())


def _ranking(
    og: OrgGraph, measure: str, centrality: pd.DataFrame | None
) -> np.ndarray[Any, np.dtype[np.int64]]:
    if centrality is not None and measure in centrality.columns:
        values = centrality[measure].to_numpy(dtype=np.float64)
    elif measure == "betweenness":
        from .centrality import betweenness

        values = betweenness(og.graph).normalized
    else:
        values = np.asarray(og.graph.degree(), dtype=np.float64)
    # Highest first; ties broken by vertex order so the scenario is reproducible.
    return np.lexsort((np.arange(len(values)), -values)).astype(np.int64)


def run_scenario(
    og: OrgGraph,
    scenario: Scenario | str,
    *,
    seed: int = 0,
    centrality: pd.DataFrame | None = None,
    baseline: Fragmentation | None = None,
) -> ScenarioResult:
    """Apply a scenario and measure what is left (see the module docstring).

    Examples
    --------
    >>> from maillage.analysis import load_dataset, snapshot
    >>> from maillage.analysis.graph import build_graph
    >>> ties = [{"source": 0, "target": 1, "formality": "formal"}, {"source": 1, "target": 2}]
    >>> og = build_graph(snapshot(load_dataset([{"id": i} for i in range(3)], ties)))
    >>> r = run_scenario(og, "formal-ties")
    >>> r.removed_ties, r.largest_component_share, r.cut_off
    (1, 0.6666666666666666, [0])
    """
    spec = parse_scenario(scenario) if isinstance(scenario, str) else scenario
    graph, n = og.graph, og.graph.vcount()
    base = baseline if baseline is not None else fragmentation(graph)
    keep = np.ones(n, dtype=bool)
    removed_ties = 0
    if spec.kind == "formal-ties":
        formal = np.flatnonzero(og.ties["formal"].to_numpy())
        removed_ties = int(formal.size)
        edges = formal.tolist()
        reduced = graph.copy()
        reduced.delete_edges(edges)
        after = fragmentation(reduced)
    else:
        if spec.kind == "sectors":
            keep &= ~og.organizations["sector"].astype(str).isin(spec.sectors).to_numpy()
        elif spec.kind == "top":
            keep[_ranking(og, spec.measure, centrality)[: spec.k]] = False
        elif spec.kind == "random":
            rng = np.random.default_rng(seed)
            keep[rng.choice(n, size=int(round(spec.fraction * n)), replace=False)] = False
        u, v = og.ties["u"].to_numpy(), og.ties["v"].to_numpy()
        removed_ties = int((~(keep[u] & keep[v])).sum())
        after = fragmentation(graph, keep, n_original=n)
    cut = _largest_members(base.membership) & keep & ~_largest_members(after.membership)
    ids = og.organizations["id"].to_numpy(dtype=object)
    return ScenarioResult(
        scenario=spec.label,
        removed_organizations=int((~keep).sum()),
        removed_ties=removed_ties,
        largest_component_share=after.largest_share,
        components=after.components,
        mean_reachability=after.reachability,
        cut_off=sorted(ids[cut].tolist(), key=str),
        removed=sorted(ids[~keep].tolist(), key=str),
    )


def removal_curve(
    og: OrgGraph,
    *,
    fractions: Sequence[float] = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5),
    measure: str = "degree",
    repeats: int = 3,
    seed: int = 0,
    centrality: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Largest-component share as organizations are removed, targeted (most central first) vs at random.

    The targeted order is computed once on the intact network; the random curve is the mean over ``repeats``
    seeded draws (``seed``, ``seed + 1``, …), with its standard deviation.

    Examples
    --------
    >>> from maillage.analysis import load_dataset, snapshot
    >>> from maillage.analysis.graph import build_graph
    >>> ties = [{"source": 0, "target": i} for i in range(1, 10)]
    >>> og = build_graph(snapshot(load_dataset([{"id": i} for i in range(10)], ties)))
    >>> removal_curve(og, fractions=(0.0, 0.1), repeats=1)["targeted"].tolist()
    [1.0, 0.1]
    """
    graph, n = og.graph, og.graph.vcount()
    order = _ranking(og, measure, centrality)
    random_orders = [np.random.default_rng(seed + r).permutation(n) for r in range(repeats)]
    rows = []
    for fraction in fractions:
        count = int(round(fraction * n))
        keep = np.ones(n, dtype=bool)
        keep[order[:count]] = False
        targeted = largest_share(graph, keep, n)
        shares = []
        for permutation in random_orders:
            keep = np.ones(n, dtype=bool)
            keep[permutation[:count]] = False
            shares.append(largest_share(graph, keep, n))
        rows.append(
            {
                "fraction_removed": float(fraction),
                "targeted": targeted,
                "random": float(np.mean(shares)) if shares else float("nan"),
                "random_std": float(np.std(shares)) if shares else float("nan"),
            }
        )
    return pd.DataFrame(rows)
