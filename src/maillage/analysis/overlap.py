"""Overlap and hyperconcertation: too many tables, the same partners everywhere, places nobody covers.

* Load of an organization: the number of distinct concertation spaces (networks) it sits on at the date;
  organizations with a load of at least ``min_spaces`` are listed.
* Overlapping networks: pairs of networks of the same territory whose member sets have a Jaccard index
  ``|A ∩ B| / |A ∪ B|`` of at least ``threshold``; the themes and populations they share are listed too.
* Gaps: the territories (and populations) of the reference lists given by the caller that no network covers.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .results import Result


@dataclass
class OverlapResult(Result):
    """Hyperconcertation indicators."""

    load: pd.DataFrame  # organization, spaces, networks (list), for loads >= min_spaces
    mean_load: float
    overlapping_networks: pd.DataFrame  # network_a, network_b, territory, shared, union, jaccard, ...
    uncovered_territories: list[Hashable] = field(default_factory=list)
    uncovered_populations: list[Hashable] = field(default_factory=list)


def _network_lists(pairs: pd.DataFrame) -> pd.Series:
    """Each organization's networks as a list sorted by name, built with one sort instead of a Python
    function per organization (thousands of organizations sit on three or more spaces in a province)."""
    ordered = pairs.assign(name=pairs["network"].map(str)).sort_values(
        ["organization", "name"], kind="stable"
    )
    organizations = ordered["organization"].to_numpy(dtype=object)
    networks = ordered["network"].to_numpy(dtype=object)
    if not len(organizations):
        return pd.Series([], dtype=object)
    starts = np.flatnonzero(np.r_[True, organizations[1:] != organizations[:-1]])
    chunks = np.split(networks, starts[1:])
    return pd.Series([chunk.tolist() for chunk in chunks], index=organizations[starts], dtype=object)


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
        ``organization`` and ``network`` columns (e.g. :attr:`Snapshot.memberships`).
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
    pairs = memberships[["organization", "network"]].drop_duplicates()
    spaces = pairs.groupby("organization", sort=False).size()
    mean_load = float(spaces.mean()) if len(spaces) else 0.0
    # Lists of networks are built only for the heavy organizations: a handful, not the whole province.
    heavy_ids = spaces[spaces >= min_spaces]
    heavy_pairs = pairs[pairs["organization"].isin(heavy_ids.index)]
    lists = _network_lists(heavy_pairs)
    heavy = pd.DataFrame(
        {
            "organization": heavy_ids.index.to_numpy(),
            "spaces": heavy_ids.to_numpy(),
            "networks": lists.reindex(heavy_ids.index).to_numpy(),
        }
    )
    heavy = heavy.sort_values(["spaces", "organization"], ascending=[False, True], key=_str_key).reset_index(
        drop=True
    )

    nets = (
        networks
        if networks is not None and len(networks)
        else pd.DataFrame(
            {"id": pd.unique(pairs["network"]), "territory": None, "themes": None, "populations": None}
        )
    )
    territory_of = dict(zip(nets["id"], nets["territory"], strict=True))
    size = pairs.groupby("network").size()
    tagged = pairs.assign(territory=pairs["network"].map(territory_of))
    tagged = tagged[tagged["territory"].notna()]
    joined = tagged.merge(tagged, on=["organization", "territory"], suffixes=("_a", "_b"))
    joined = joined[joined["network_a"].map(str) < joined["network_b"].map(str)]
    shared = joined.groupby(["network_a", "network_b", "territory"]).size().rename("shared").reset_index()
    shared["union"] = (
        shared["network_a"].map(size).to_numpy() + shared["network_b"].map(size).to_numpy() - shared["shared"]
    )
    shared["jaccard"] = shared["shared"] / shared["union"]
    shared = shared[shared["jaccard"] >= threshold]
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
    shared = shared.sort_values(
        ["jaccard", "network_a", "network_b"], ascending=[False, True, True]
    ).reset_index(drop=True)

    covered_territories = set(nets["territory"].dropna().tolist())
    covered_populations = {p for value in nets["populations"].dropna() for p in (value or [])}
    return OverlapResult(
        load=heavy,
        mean_load=mean_load,
        overlapping_networks=shared,
        uncovered_territories=sorted((t for t in territories or [] if t not in covered_territories), key=str),
        uncovered_populations=sorted((p for p in populations or [] if p not in covered_populations), key=str),
    )


def _str_key(column: pd.Series) -> pd.Series:
    return column if column.name == "spaces" else column.map(str)
