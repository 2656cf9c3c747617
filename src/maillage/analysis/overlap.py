"""Overlap and hyperconcertation: too many tables, the same partners everywhere, places nobody covers.

* Load of an organization: the number of distinct concertation spaces (networks) it sits on at the date;
  organizations with a load of at least ``min_spaces`` are listed.
* Overlapping networks: pairs of networks of the same territory whose member sets have a Jaccard index
  ``|A ∩ B| / |A ∪ B|`` of at least ``threshold``; the themes and populations they share are listed too.
* Containment ``|A ∩ B| / min(|A|, |B|)``: the share of the smaller space's members that also sit in the
  larger. Jaccard misses nested tables (a neighbourhood table of 18 inside a regional network of 90 has a
  Jaccard index of 0.2 but a containment of 1); :func:`space_pairs` gives both for every pair of spaces,
  whatever their territories.
* Gaps: the territories (and populations) of the reference lists given by the caller that no network covers.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .results import Result

IntArray = np.ndarray[Any, np.dtype[np.int64]]


@dataclass
class OverlapResult(Result):
    """Hyperconcertation indicators."""

    load: pd.DataFrame  # organization, spaces, networks (list), for loads >= min_spaces
    mean_load: float
    overlapping_networks: pd.DataFrame  # network_a, network_b, territory, shared, union, jaccard, ...
    uncovered_territories: list[Hashable] = field(default_factory=list)
    uncovered_populations: list[Hashable] = field(default_factory=list)


@dataclass
class _Seats:
    """Distinct (organization, network) memberships as integer codes, in order of first appearance.

    Seats are grouped and joined as integer codes; the identifiers are looked up only for the rows of the
    result.
    """

    organization: IntArray  # code of each seat's organization: an index into ``organizations``
    network: IntArray  # code of each seat's network: an index into ``networks``
    organizations: pd.Index
    networks: pd.Index


def _seats(memberships: pd.DataFrame) -> _Seats:
    organization, organizations = pd.factorize(memberships["organization"])
    network, networks = pd.factorize(memberships["network"])
    if (organization < 0).any() or (network < 0).any():
        return _seats(memberships[["organization", "network"]].dropna())  # rows missing either: left out
    keys = organization.astype(np.int64) * max(len(networks), 1) + network
    first = np.flatnonzero(~pd.Series(keys).duplicated().to_numpy())  # first seat of each pair, in order
    return _Seats(
        organization[first].astype(np.int64),
        network[first].astype(np.int64),
        # Identifiers keep the dtype a group-by would give them (integers stay integers).
        pd.Index(organizations).infer_objects(),
        pd.Index(networks).infer_objects(),
    )


def _text_rank(values: pd.Index) -> IntArray:
    """Rank of each value's text (``str``) among the others; equal texts share a rank."""
    texts = np.array([str(value) for value in values], dtype=object)
    return np.unique(texts, return_inverse=True)[1].astype(np.int64).reshape(-1)


def _heavy_load(seats: _Seats, spaces: IntArray, min_spaces: int) -> pd.DataFrame:
    """The organizations on at least ``min_spaces`` spaces, most loaded first, then by identifier text,
    with the list of their networks sorted by name (lists built only for these organizations)."""
    heavy = np.flatnonzero(spaces >= min_spaces)
    is_heavy = np.zeros(len(spaces), dtype=bool)
    is_heavy[heavy] = True
    rows = np.flatnonzero(is_heavy[seats.organization])
    organization, network = seats.organization[rows], seats.network[rows]
    # By organization, then network name; seats of equal names keep table order (the sort is stable).
    order = np.lexsort((_text_rank(seats.networks)[network], organization))
    names = seats.networks.to_numpy(dtype=object)[network[order]].tolist()
    bounds = np.concatenate(([0], np.cumsum(spaces[heavy]))).tolist()
    lists = [names[start:end] for start, end in zip(bounds[:-1], bounds[1:], strict=True)]
    ranking = np.lexsort((_text_rank(seats.organizations[heavy]), -spaces[heavy]))
    return pd.DataFrame(
        {
            "organization": seats.organizations[heavy].to_numpy()[ranking],
            "spaces": spaces[heavy][ranking],
            "networks": pd.Series(lists, dtype=object).to_numpy()[ranking],
        }
    )


def _pairs_within_runs(starts: IntArray, sizes: IntArray) -> tuple[IntArray, IntArray]:
    """Every ordered pair (i, j) of row positions that fall in the same run of consecutive rows.

    Runs are given by their first row and their size, and together cover rows 0, 1, 2, … in order. The
    plain form is a double loop over each run; this builds the same pairs, in the same order, as whole
    arrays: row ``i`` of a run of size ``k`` appears ``k`` times on the left, facing the ``k`` rows of its
    run on the right.

    >>> left, right = _pairs_within_runs(np.array([0, 2]), np.array([2, 1]))
    >>> list(zip(left.tolist(), right.tolist()))
    [(0, 0), (0, 1), (1, 0), (1, 1), (2, 2)]
    """
    per_row = np.repeat(sizes, sizes)  # the size of each row's run: how many pairs the row starts
    left = np.repeat(np.arange(int(sizes.sum())), per_row)  # each row, once per row of its run
    run_start = np.repeat(np.repeat(starts, sizes), per_row)  # the first row of the left row's run
    first_pair_of_row = np.repeat(np.cumsum(per_row) - per_row, per_row)  # where the left row's pairs begin
    right = run_start + np.arange(len(left)) - first_pair_of_row  # run start + rank among its pairs
    return left, right


def _shared_members(seats: _Seats, territory: IntArray) -> tuple[IntArray, IntArray, IntArray]:
    """Members shared by each pair of networks of one territory, ``a`` before ``b`` by name.

    ``territory`` gives each network code's territory code (-1 when unknown: such networks pair with none).
    Returns the network codes ``a`` and ``b`` and the count of organizations sitting on both.
    """
    tagged = np.flatnonzero(territory[seats.network] >= 0)
    organization, network = seats.organization[tagged], seats.network[tagged]
    place = territory[network]
    order = np.lexsort((place, organization))
    organization, network, place = organization[order], network[order], place[order]
    new_run = np.ones(len(order), dtype=bool)
    new_run[1:] = (organization[1:] != organization[:-1]) | (place[1:] != place[:-1])
    starts = np.flatnonzero(new_run)
    sizes = np.diff(np.append(starts, len(order)))
    left, right = _pairs_within_runs(starts, sizes)
    a, b = network[left], network[right]
    rank = _text_rank(seats.networks)
    keep = rank[a] < rank[b]
    keys, shared = np.unique(a[keep] * max(len(seats.networks), 1) + b[keep], return_counts=True)
    return keys // max(len(seats.networks), 1), keys % max(len(seats.networks), 1), shared


def overlap(
    memberships: pd.DataFrame,
    networks: pd.DataFrame | None = None,
    *,
    min_spaces: int = 3,
    threshold: float = 0.5,
    territories: Iterable[Hashable] | None = None,
    populations: Iterable[Hashable] | None = None,
) -> OverlapResult:
    """Membership load per organization, overlapping networks and coverage gaps.

    Parameters
    ----------
    memberships : DataFrame
        ``organization`` and ``network`` columns (e.g. :attr:`Snapshot.memberships`); rows missing either
        are ignored.
    networks : DataFrame, optional
        ``id``, ``territory``, ``themes``, ``populations`` (e.g. :attr:`Dataset.networks`).
    min_spaces : int
        Report organizations sitting on at least this many spaces.
    threshold : float
        Minimum Jaccard index for a pair of networks to be reported.
    territories, populations : iterable, optional
        Every territory (population) that should be covered; the uncovered ones are returned.

    Examples
    --------
    >>> m = pd.DataFrame({"organization": [1, 2, 1, 2, 3], "network": ["A", "A", "B", "B", "B"]})
    >>> nets = pd.DataFrame({"id": ["A", "B"], "territory": ["t1", "t1"], "themes": [[], []],
    ...                      "populations": [["seniors"], ["youth"]]})
    >>> r = overlap(m, nets, min_spaces=2, threshold=0.5, territories=["t1", "t2"],
    ...             populations=["seniors", "youth"])
    >>> r.overlapping_networks[["network_a", "network_b", "jaccard"]].values.tolist()
    [['A', 'B', 0.6666666666666666]]
    >>> r.uncovered_territories
    ['t2']
    """
    seats = _seats(memberships)
    spaces = np.bincount(seats.organization, minlength=len(seats.organizations))
    nets = (
        networks
        if networks is not None and len(networks)
        else pd.DataFrame({"id": seats.networks, "territory": None, "themes": None, "populations": None})
    )
    covered_territories = set(nets["territory"].dropna().tolist())
    covered_populations = {p for value in nets["populations"].dropna() for p in (value or [])}
    return OverlapResult(
        load=_heavy_load(seats, spaces, min_spaces),
        mean_load=float(spaces.mean()) if len(spaces) else 0.0,
        overlapping_networks=_overlapping_networks(seats, nets, threshold),
        uncovered_territories=sorted((t for t in territories or [] if t not in covered_territories), key=str),
        uncovered_populations=sorted((p for p in populations or [] if p not in covered_populations), key=str),
    )


def _overlapping_networks(seats: _Seats, nets: pd.DataFrame, threshold: float) -> pd.DataFrame:
    """Pairs of networks of one territory whose Jaccard index reaches ``threshold``, most similar first."""
    territory_of = dict(zip(nets["id"], nets["territory"], strict=True))
    territory_names = pd.Series(seats.networks.to_numpy(dtype=object), dtype=object).map(territory_of)
    territory, _ = pd.factorize(territory_names)  # unknown or empty territory: -1
    a, b, shared_count = _shared_members(seats, territory.astype(np.int64))
    size = np.bincount(seats.network, minlength=len(seats.networks))
    union = size[a] + size[b] - shared_count
    jaccard = shared_count / union
    kept = jaccard >= threshold
    a, b = a[kept], b[kept]
    shared = pd.DataFrame(
        {
            "network_a": seats.networks[a],
            "network_b": seats.networks[b],
            "territory": territory_names.to_numpy(dtype=object)[a],
            "shared": shared_count[kept].astype(np.int64),
            "union": union[kept].astype(np.int64),
            "jaccard": jaccard[kept],
            "containment": shared_count[kept] / np.minimum(size[a], size[b]),
        }
    )
    themes = dict(zip(nets["id"], nets.get("themes", pd.Series([None] * len(nets))), strict=True))
    pops = dict(zip(nets["id"], nets.get("populations", pd.Series([None] * len(nets))), strict=True))
    shared["shared_themes"] = [
        sorted(set(themes.get(a) or []) & set(themes.get(b) or []))
        for a, b in zip(shared["network_a"], shared["network_b"], strict=True)
    ]
    shared["shared_populations"] = [
        sorted(set(pops.get(a) or []) & set(pops.get(b) or []))
        for a, b in zip(shared["network_a"], shared["network_b"], strict=True)
    ]
    return shared.sort_values(
        ["jaccard", "network_a", "network_b"], ascending=[False, True, True]
    ).reset_index(drop=True)


def space_pairs(memberships: pd.DataFrame) -> pd.DataFrame:
    """Every pair of spaces that shares at least one member, with its Jaccard index and containment.

    Parameters
    ----------
    memberships : DataFrame
        ``organization`` and ``network`` columns; rows missing either are ignored, repeated rows count once.

    Returns
    -------
    DataFrame
        ``network_a``, ``network_b`` (``a`` before ``b`` by the text of their identifiers), ``size_a``,
        ``size_b``, ``shared``, ``jaccard`` = shared / union and ``containment`` = shared / the smaller
        size, most contained first. Pairs that share no member are not listed: both their indices are 0.

    Examples
    --------
    >>> m = pd.DataFrame({"organization": [1, 2, 1, 2, 3, 4, 5],
    ...                   "network": ["A", "A", "B", "B", "B", "B", "B"]})
    >>> space_pairs(m)[["network_a", "network_b", "shared", "jaccard", "containment"]].values.tolist()
    [['A', 'B', 2, 0.4, 1.0]]
    """
    seats = _seats(memberships)
    everywhere = np.zeros(len(seats.networks), dtype=np.int64)  # one territory: every pair counts
    a, b, shared = _shared_members(seats, everywhere)
    size = np.bincount(seats.network, minlength=len(seats.networks)).astype(np.int64)
    pairs = pd.DataFrame(
        {
            "network_a": seats.networks[a],
            "network_b": seats.networks[b],
            "size_a": size[a],
            "size_b": size[b],
            "shared": shared.astype(np.int64),
            "jaccard": shared / (size[a] + size[b] - shared),
            "containment": shared / np.minimum(size[a], size[b]),
        }
    )
    rank = _text_rank(seats.networks)
    order = np.lexsort((rank[b], rank[a], -pairs["jaccard"].to_numpy(), -pairs["containment"].to_numpy()))
    return pairs.iloc[order].reset_index(drop=True)
