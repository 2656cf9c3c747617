"""Gould & Fernandez (1989) brokerage roles.

A broker ``b`` sits on an open two-path ``a → b → c``: ``a`` sends to ``b``, ``b`` sends to ``c``, ``a`` does
not send to ``c`` (and ``a != c``). With g(x) the group (here, the sector) of x, the path makes ``b`` a

* coordinator   — g(a) = g(b) = g(c)   (brokers inside its own group)
* itinerant     — g(a) = g(c) ≠ g(b)   (an outside consultant to one group)
* representative— g(a) = g(b) ≠ g(c)   (speaks for its group to another)
* gatekeeper    — g(b) = g(c) ≠ g(a)   (lets another group in)
* liaison       — all three different.

Directed ties (survey ratings: rater → rated) are used as they are. Undirected ties (partnerships) count
both ways, so one open path a – b – c gives two directed paths (a → b → c and c → b → a): every count is
doubled, and representative and gatekeeper counts are equal for each broker.

The counts are computed without enumerating paths: for each broker, all two-paths by group come from
products of in- and out-neighbour counts per group (minus the ``a = c`` reciprocal cases), then the closed
ones (``a → c`` present), which all lie on triangles, are subtracted by enumerating triangles in C.
"""

from __future__ import annotations

from typing import Any

import igraph as ig
import numpy as np
import pandas as pd

from .graph import flat_array

ROLES: tuple[str, ...] = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")
IntArray = np.ndarray[Any, np.dtype[np.int64]]


def _directed_edges(graph: ig.Graph, edges: tuple[IntArray, IntArray] | None) -> tuple[IntArray, IntArray]:
    """The graph's distinct directed edges, loops left out; an undirected tie gives one edge each way.

    For a directed graph the edges come sorted by (source, target), which :func:`_contains` relies on.
    """
    if edges is None:
        pairs = flat_array(graph.get_edgelist(), 2, np.int64)
        edges = pairs[:, 0], pairs[:, 1]
    n = max(graph.vcount(), 1)
    a, b = edges
    if graph.is_directed():
        return _distinct_pairs(a, b, n)
    low, high = _distinct_pairs(np.minimum(a, b), np.maximum(a, b), n)
    return np.concatenate([low, high]), np.concatenate([high, low])


def _distinct_pairs(a: IntArray, b: IntArray, n: int) -> tuple[IntArray, IntArray]:
    """Distinct pairs (a, b) with a != b, sorted by (a, b)."""
    keep = a != b
    keys = a[keep] * n + b[keep]
    # A graph built from sorted ties (every OrgGraph) lists its edges in order already: sort only if not.
    if len(keys) > 1 and not bool(np.all(keys[1:] > keys[:-1])):
        # Collapse duplicates with a sort (see bench/README.md on np.unique).
        keys = np.sort(keys)
        distinct = np.ones(len(keys), dtype=bool)
        distinct[1:] = keys[1:] != keys[:-1]
        keys = keys[distinct]
    return keys // n, keys % n


def _contains(sorted_keys: IntArray, wanted: IntArray) -> np.ndarray[Any, np.dtype[np.bool_]]:
    if len(sorted_keys) == 0:
        return np.zeros(len(wanted), dtype=bool)
    position = np.clip(np.searchsorted(sorted_keys, wanted), 0, len(sorted_keys) - 1)
    return np.asarray(sorted_keys[position] == wanted)


def _labels(groups: Any) -> pd.Series:
    """The groups as text, one per vertex, in a Series numbered from 0."""
    if isinstance(groups, pd.Series) and isinstance(groups.dtype, pd.StringDtype) and not groups.hasnans:
        return groups.reset_index(drop=True)  # text already (an organizations table's sector column)
    return pd.Series(np.asarray(groups, dtype=object)).astype(str)


def _role_of(ga: IntArray, gb: IntArray, gc: IntArray) -> IntArray:
    role = np.full(len(ga), 4, dtype=np.int64)  # liaison unless a rule below applies
    role[(gb == gc) & (ga != gb)] = 3
    role[(ga == gb) & (gb != gc)] = 2
    role[(ga == gc) & (ga != gb)] = 1
    role[(ga == gb) & (gb == gc)] = 0
    return role


def brokerage(
    graph: ig.Graph, groups: Any, *, edges: tuple[IntArray, IntArray] | None = None
) -> pd.DataFrame:
    """Count each vertex's Gould–Fernandez brokerage roles: one row per vertex, a column per role, ``total``.

    Parameters
    ----------
    graph : igraph.Graph
        Directed (ties used as given) or undirected (each tie counted both ways).
    groups : sequence
        The group of each vertex (e.g. its sector), in vertex order.
    edges : pair of int arrays, optional
        The ends of the graph's edges in edge order, when the caller holds them already (an
        :class:`~maillage.analysis.graph.OrgGraph`'s :meth:`edge_arrays`); otherwise igraph is asked.

    Examples
    --------
    >>> g = ig.Graph(n=3, edges=[(0, 1), (1, 2)], directed=True)
    >>> brokerage(g, ["x", "y", "z"]).loc[1].to_dict()
    {'coordinator': 0, 'itinerant': 0, 'representative': 0, 'gatekeeper': 0, 'liaison': 1, 'total': 1}
    """
    n = graph.vcount()
    group = pd.factorize(_labels(groups))[0].astype(np.int64)
    k = int(group.max()) + 1 if n else 1
    src, dst = _directed_edges(graph, edges)
    in_count = np.bincount(dst * k + group[src], minlength=n * k).reshape(n, k)
    out_count = np.bincount(src * k + group[dst], minlength=n * k).reshape(n, k)
    keys = src * max(n, 1) + dst
    # a -> b and b -> a: the pair (a, a) is not a path, so it is removed from the in x out products.
    if graph.is_directed():
        reciprocal = _contains(keys, dst * max(n, 1) + src)  # keys come out sorted
        recip_count = np.bincount(dst[reciprocal] * k + group[src[reciprocal]], minlength=n * k).reshape(n, k)
    else:
        recip_count = in_count  # every undirected tie is reciprocal
    rows = np.arange(n)
    own_in, own_out, own_recip = in_count[rows, group], out_count[rows, group], recip_count[rows, group]
    total_in, total_out = in_count.sum(axis=1), out_count.sum(axis=1)
    same_pairs = (in_count * out_count - recip_count).sum(axis=1)
    counts = np.zeros((n, 5), dtype=np.int64)
    counts[:, 0] = own_in * own_out - own_recip
    counts[:, 1] = same_pairs - counts[:, 0]
    counts[:, 2] = own_in * (total_out - own_out)
    counts[:, 3] = (total_in - own_in) * own_out
    other_same = (in_count * out_count).sum(axis=1) - own_in * own_out
    counts[:, 4] = (total_in - own_in) * (total_out - own_out) - other_same

    closed = _closed_paths(graph, keys, n)
    if closed.size:
        a, b, c = closed[:, 0], closed[:, 1], closed[:, 2]
        role = _role_of(group[a], group[b], group[c])
        counts -= np.bincount(b * len(ROLES) + role, minlength=n * len(ROLES)).reshape(n, len(ROLES))
    frame = pd.DataFrame(counts, columns=list(ROLES))
    frame["total"] = counts.sum(axis=1)
    return frame


def _closed_paths(graph: ig.Graph, keys: IntArray, n: int) -> IntArray:
    """All (a, b, c) with a → b, b → c and a → c, found on the triangles of the underlying graph.

    ``keys`` (the sorted ``source * n + target`` keys) are only read for a directed graph: in an undirected
    one every ordering of a triangle is a closed path.
    """
    simple = graph.as_undirected(mode="collapse") if graph.is_directed() else graph
    found = simple.list_triangles()
    triangles = flat_array(found, 3, np.int64)
    if triangles.size == 0:
        return np.zeros((0, 3), dtype=np.int64)
    x, y, z = triangles[:, 0], triangles[:, 1], triangles[:, 2]
    perms = np.concatenate(
        [np.column_stack(p) for p in ((x, y, z), (x, z, y), (y, x, z), (y, z, x), (z, x, y), (z, y, x))]
    )
    if not graph.is_directed():
        return perms

    def present(p: IntArray, q: IntArray) -> np.ndarray[Any, np.dtype[np.bool_]]:
        return _contains(keys, p * max(n, 1) + q)

    a, b, c = perms[:, 0], perms[:, 1], perms[:, 2]
    closed: IntArray = perms[present(a, b) & present(b, c) & present(a, c)]
    return closed


def brokerage_by_group(table: pd.DataFrame, groups: Any, *, name: str = "sector") -> pd.DataFrame:
    """Sum the brokerage roles of a :func:`brokerage` table per group (e.g. per sector)."""
    frame = table.copy()
    frame[name] = _labels(groups).to_numpy()
    return frame.groupby(name, sort=True)[[*ROLES, "total"]].sum().reset_index()
