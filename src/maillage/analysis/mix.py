"""Intersectoral mix: who works with whom across sectors.

* Sector × sector matrix: entry (a, b) = number of ties between an organization of sector a and one of
  sector b (symmetric; the diagonal counts ties within a sector).
* Cross-family share: share of ties whose two ends belong to different sector families
  (public, community, private, other).
* Krackhardt & Stern's E-I index ``(E - I) / (E + I)``: for the network, E = ties between different groups,
  I = ties within a group; for a group g, E = ties with exactly one end in g, I = ties with both ends in g.
  It runs from -1 (all ties inside) to +1 (all ties outside); ``None`` when the group has no tie.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .graph import OrgGraph
from .results import Result

IntArray = np.ndarray[Any, np.dtype[np.int64]]


@dataclass
class MixResult(Result):
    """Intersectoral mix of one snapshot."""

    sector_matrix: pd.DataFrame  # one row per sector: "sector" then one column per sector
    cross_family_share: float | None
    cross_sector_share: float | None
    ei_index: float | None
    ei_by_sector: pd.DataFrame  # sector, organizations, internal, external, ei_index


def _ei(external: float, internal: float) -> float | None:
    total = external + internal
    return (external - internal) / total if total else None


@dataclass
class _TieGroups:
    """The groups (column ``by``, as text) of the organizations and of both ends of every tie, as codes
    into the sorted list of group names, computed once for all the report's mix indicators."""

    names: list[str]
    organizations: IntArray
    first: IntArray  # group of each tie's first end (u)
    second: IntArray  # group of each tie's second end (v)


def _tie_groups(og: OrgGraph, by: str) -> _TieGroups:
    column = og.organizations[by]
    if column.isna().any():
        column = column.astype(object).map(str)  # a missing group is named "None" / "nan", not dropped
    codes, names = pd.factorize(column.astype(str), sort=True)
    codes = codes.astype(np.int64)
    u, v = og.ties["u"].to_numpy().astype(np.int64), og.ties["v"].to_numpy().astype(np.int64)
    return _TieGroups([str(name) for name in names], codes, codes[u], codes[v])


def ei_index(og: OrgGraph, *, by: str = "sector") -> tuple[float | None, pd.DataFrame]:
    """Krackhardt E-I index for the network and per group of column ``by``.

    Examples
    --------
    >>> from maillage.analysis import load_dataset, snapshot
    >>> from maillage.analysis.graph import build_graph
    >>> orgs = [{"id": 1, "sector": "a"}, {"id": 2, "sector": "a"}, {"id": 3, "sector": "b"}]
    >>> ties = [{"source": 1, "target": 2}, {"source": 2, "target": 3}]
    >>> og = build_graph(snapshot(load_dataset(orgs, ties)))
    >>> ei_index(og)[0]
    0.0
    """
    return _ei_index(_tie_groups(og, by), by)


def _ei_index(groups: _TieGroups, by: str) -> tuple[float | None, pd.DataFrame]:
    gu, gv = groups.first, groups.second
    same = gu == gv
    network_value = _ei(float((~same).sum()), float(same.sum()))
    k = len(groups.names)
    table = pd.DataFrame(
        {
            by: groups.names,
            "organizations": np.bincount(groups.organizations, minlength=k),
            "internal": np.bincount(gu[same], minlength=k),
            "external": np.bincount(gu[~same], minlength=k) + np.bincount(gv[~same], minlength=k),
        }
    )
    table["ei_index"] = [
        _ei(float(e), float(i)) for e, i in zip(table["external"], table["internal"], strict=True)
    ]
    return network_value, table


def sector_matrix(og: OrgGraph, *, by: str = "sector") -> pd.DataFrame:
    """Symmetric tie-count matrix between groups; a ``sector`` column then one column per group."""
    return _sector_matrix(_tie_groups(og, by), by)


def _sector_matrix(groups: _TieGroups, by: str) -> pd.DataFrame:
    k = len(groups.names)
    # Ties counted from the first end's group to the second's, then mirrored (the diagonal only once).
    directed = np.bincount(groups.first * k + groups.second, minlength=k * k).reshape(k, k)
    matrix = (directed + directed.T - np.diag(np.diag(directed))).astype(np.int64)
    frame = pd.DataFrame(matrix, columns=groups.names)
    frame.insert(0, by, groups.names)
    return frame


def cross_shares(og: OrgGraph) -> tuple[float | None, float | None]:
    """Shares of ties across sector families and across sectors (``None`` without ties)."""
    return _cross_shares(_tie_groups(og, "sector_family"), _tie_groups(og, "sector"))


def _cross_shares(families: _TieGroups, sectors: _TieGroups) -> tuple[float | None, float | None]:
    if not len(sectors.first):
        return None, None
    return (
        float((families.first != families.second).mean()),
        float((sectors.first != sectors.second).mean()),
    )


def intersectoral_mix(og: OrgGraph) -> MixResult:
    """Sector matrix, cross-family and cross-sector shares, and E-I indices by sector."""
    sectors = _tie_groups(og, "sector")
    network_ei, by_sector = _ei_index(sectors, "sector")
    cross_family, cross_sector = _cross_shares(_tie_groups(og, "sector_family"), sectors)
    return MixResult(
        sector_matrix=_sector_matrix(sectors, "sector"),
        cross_family_share=cross_family,
        cross_sector_share=cross_sector,
        ei_index=network_ei,
        ei_by_sector=by_sector,
    )
