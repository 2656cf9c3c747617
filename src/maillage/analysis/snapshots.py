"""A network as it stands at one date, through one set of filters: the rows of a dataset in view.

:func:`snapshot` gives the tables every analysis reads; :func:`snapshot_rows` the same selection as arrays of
row numbers, for the change analysis that reads an earlier date without copying its tables. The filters
travel as one :class:`Filters` value.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, fields, replace
from typing import Any, TypedDict, Unpack

import numpy as np
import pandas as pd

from .errors import InputError
from .inputs import Dataset, DateLike, to_timestamp
from .vocabulary import RATING_DIMENSIONS, parse_formality, parse_level


class FilterArgs(TypedDict, total=False):
    """The filters as keyword arguments, for callers that name them one by one (see :class:`Filters`)."""

    network: Hashable | None
    sectors: Hashable | Iterable[Hashable] | None
    territories: Hashable | Iterable[Hashable] | None
    min_level: int | str | None
    formality: str | None


@dataclass(frozen=True)
class Filters:
    """Which part of the network a snapshot shows; the default shows everything.

    ``network`` keeps that network's ties and its members (active at the date) plus the ends of its ties;
    ``sectors`` / ``territories`` (one value or several) keep the organizations of those sectors /
    territories; ``min_level`` (a level name or 0..5) and ``formality`` (``formal`` / ``informal``, in
    English or French) drop ties, which then count as absent. Several values are kept as a frozenset, so a
    ``Filters`` is hashable; a bad level or formality is refused when the value is made.

    >>> Filters.of(sectors=["clsc", "cisss"], min_level="coopération").as_dict()
    {'sectors': ['cisss', 'clsc'], 'min_level': 'coopération'}
    """

    network: Hashable | None = None
    sectors: Hashable | Iterable[Hashable] | None = None
    territories: Hashable | Iterable[Hashable] | None = None
    min_level: int | str | None = None
    formality: str | None = None

    def __post_init__(self) -> None:
        for name in ("sectors", "territories"):
            value = getattr(self, name)
            if isinstance(value, Iterable) and not isinstance(value, str | frozenset):
                object.__setattr__(self, name, frozenset(value))
        if self.min_level is not None and parse_level(self.min_level) is None:
            raise InputError(f"unknown level {self.min_level!r}")
        if self.formality is not None and parse_formality(self.formality) is None:
            raise InputError(f"unknown formality {self.formality!r}")

    @classmethod
    def of(cls, filters: Filters | None = None, /, **by_name: Unpack[FilterArgs]) -> Filters:
        """``filters`` (default: none) with the filters named as keywords set on top of it."""
        base = filters if filters is not None else cls()
        return replace(base, **by_name) if by_name else base

    def as_dict(self) -> dict[str, Any]:
        """The filters that are set, as plain values (several values as a sorted list), for a report."""
        plain: dict[str, Any] = {}
        for field in fields(self):
            value = getattr(self, field.name)
            if value is not None:
                plain[field.name] = sorted(value, key=str) if isinstance(value, frozenset) else value
        return plain


def _as_set(value: Hashable | Iterable[Hashable] | None) -> set[Hashable] | None:
    if value is None:
        return None
    if isinstance(value, str) or not isinstance(value, Iterable):
        return {value}
    return set(value)


@dataclass
class Snapshot:
    """The network as it stands at one date, through one filter.

    Attributes
    ----------
    organizations : DataFrame
        The organizations in view; row position is the vertex id in the graph.
    ties : DataFrame
        One row per present tie (level ≥ 1 after filters): ``u``/``v`` vertex ids (``u < v``), ``source``,
        ``target``, ``level``, ``formal``, ``network``, ``date`` (ratings are in ``ratings``).
    pairs : DataFrame
        Latest observation of every pair in view, absent ones included (``level`` 0), for change analysis:
        ``u``/``v`` vertex ids, ``level`` and ``formal`` only (the only columns it reads).
    ratings : DataFrame
        Latest rated observation per directed pair (rater ``src`` → rated ``dst``, vertex ids), with ratings.
    memberships : DataFrame
        Memberships active at the date, of organizations in view.
    as_of : Timestamp or None
    """

    organizations: pd.DataFrame
    ties: pd.DataFrame
    pairs: pd.DataFrame
    ratings: pd.DataFrame
    memberships: pd.DataFrame
    as_of: pd.Timestamp | None


def _last_of_runs(keys: np.ndarray[Any, Any]) -> np.ndarray[Any, np.dtype[np.bool_]]:
    last = np.ones(len(keys), dtype=bool)
    if len(keys) > 1:
        last[:-1] = keys[1:] != keys[:-1]
    return last


@dataclass
class SnapshotRows:
    """Which rows of a dataset's tables a snapshot holds, worked out with numpy before any table is copied.

    :func:`snapshot` turns them into tables; the change analysis reads an earlier date straight from them
    (:func:`maillage.analysis.change.pair_states_at`), without copying tables it would not read.
    """

    as_of: pd.Timestamp | None
    observations: np.ndarray[Any, np.dtype[np.int64]]  # tie observations in view of the date, in ``order``
    latest: np.ndarray[Any, np.dtype[np.int64]]  # latest observation of each pair in view, by pair
    level: np.ndarray[Any, Any]  # level of each ``latest`` observation once min_level/formality applied
    formal: np.ndarray[Any, Any]  # formality of each ``latest`` observation
    keep: np.ndarray[Any, np.dtype[np.bool_]]  # which organizations (dataset codes) are in view
    memberships: pd.DataFrame  # memberships active at the date, of organizations in view


def snapshot(
    dataset: Dataset,
    *,
    as_of: DateLike | None = None,
    filters: Filters | None = None,
    **by_name: Unpack[FilterArgs],
) -> Snapshot:
    """Return the network "as of" a date: the latest observation per pair on or before the date.

    Observations without a date hold "always"; on the same date the highest level, then formal, wins, so that
    the result never depends on row order. ``filters`` (a :class:`Filters`), or the same filters named as
    keywords, choose the part of the network in view.

    Examples
    --------
    >>> from maillage.analysis.inputs import load_dataset
    >>> ds = load_dataset([{"id": 1}, {"id": 2}], [
    ...     {"source": 1, "target": 2, "level": "cooperation", "date": "2020-01-01"},
    ...     {"source": 2, "target": 1, "level": "none", "date": "2022-01-01"}])
    >>> len(snapshot(ds, as_of="2021-06-30").ties), len(snapshot(ds).ties)
    (1, 0)
    >>> len(snapshot(ds, as_of="2021-06-30", filters=Filters(min_level="coordination")).ties)
    0
    """
    rows = snapshot_rows(dataset, as_of=as_of, filters=Filters.of(filters, **by_name))
    return _snapshot_tables(dataset, rows)


def snapshot_rows(
    dataset: Dataset,
    *,
    as_of: DateLike | None = None,
    filters: Filters | None = None,
    **by_name: Unpack[FilterArgs],
) -> SnapshotRows:
    """The rows :func:`snapshot` keeps (same arguments, same rules), as arrays of row numbers."""
    chosen = Filters.of(filters, **by_name)
    stamp = to_timestamp(as_of)
    orgs = dataset.organizations
    ties = dataset.ties
    order = dataset.order
    network = chosen.network
    if stamp is not None:
        dates = ties["date"].to_numpy()[order]
        order = order[np.isnat(dates) | (dates <= stamp.to_datetime64())]
    if network is not None:
        order = order[(ties["network"].to_numpy(dtype=object)[order] == network)]
    u_all, v_all = ties["u"].to_numpy(), ties["v"].to_numpy()
    n_total = len(orgs)
    pair_keys = u_all[order] * n_total + v_all[order]
    latest = order[_last_of_runs(pair_keys)]
    members = _active_memberships(dataset.memberships, stamp, network)

    keep = np.ones(n_total, dtype=bool)
    # On a date, an organization is in view when it has a tie or an active membership then: one that
    # joins later, or whose only ties come later, is not counted yet (history never moves). Without
    # memberships, or without a date, every organization of the tables is in view.
    dated = stamp is not None and not dataset.memberships.empty
    if network is not None or dated:
        keep[:] = False
        present = latest[ties["level"].to_numpy()[latest] > 0]
        keep[u_all[present]] = True
        keep[v_all[present]] = True
        keep[members["code"].to_numpy()] = True
        if network is None:
            keep |= _never_placed(dataset)
    wanted_sectors, wanted_territories = _as_set(chosen.sectors), _as_set(chosen.territories)
    if wanted_sectors is not None:
        keep &= orgs["sector"].isin(wanted_sectors).to_numpy()
    if wanted_territories is not None:
        keep &= orgs["territory"].isin(wanted_territories).to_numpy()
    if not keep.all():
        latest = latest[keep[u_all[latest]] & keep[v_all[latest]]]
        members = members[keep[members["code"].to_numpy()]] if not members.empty else members
    formal = ties["formal"].to_numpy()[latest]
    level = _levels_after_filters(ties["level"].to_numpy()[latest], formal, chosen)
    return SnapshotRows(stamp, order, latest, level, formal, keep, members)


def _active_memberships(
    members: pd.DataFrame, stamp: pd.Timestamp | None, network: Hashable | None
) -> pd.DataFrame:
    """The memberships active at ``stamp`` (all without a date), of ``network`` when one is given."""
    if members.empty:
        return members
    active = np.ones(len(members), dtype=bool)
    if stamp is not None:
        start, end = members["start"].to_numpy(), members["end"].to_numpy()
        active &= (np.isnat(start) | (start <= stamp.to_datetime64())) & (
            np.isnat(end) | (end >= stamp.to_datetime64())
        )
    if network is not None:
        active &= members["network"].to_numpy(dtype=object) == network
    return members[active]


def _never_placed(dataset: Dataset) -> np.ndarray[Any, np.dtype[np.bool_]]:
    """Organizations that no membership and no tie places in time: they hold on every date."""
    placed = np.zeros(len(dataset.organizations), dtype=bool)
    placed[dataset.memberships["code"].to_numpy()] = True
    placed[dataset.ties["u"].to_numpy()] = True
    placed[dataset.ties["v"].to_numpy()] = True
    return ~placed


def _snapshot_tables(dataset: Dataset, rows: SnapshotRows) -> Snapshot:
    """Copy the rows a snapshot holds into its tables, each row once."""
    ties = dataset.ties
    vertex = _vertex_ids(rows.keep)
    latest, level = rows.latest, rows.level
    present = level > 0
    pairs = pd.DataFrame(
        {
            "u": _as_vertices(ties["u"].to_numpy()[latest], vertex),
            "v": _as_vertices(ties["v"].to_numpy()[latest], vertex),
            "level": level,
            "formal": rows.formal,
        }
    )
    present_ties = _rows_in_view(ties, latest[present], vertex, level[present], ratings=False)
    ratings = _latest_ratings(ties, rows.observations, rows.keep, vertex, len(dataset.organizations))
    members = rows.memberships
    members = (
        members.assign(vertex=_as_vertices(members["code"].to_numpy(), vertex))
        if not members.empty
        else members.assign(vertex=np.array([], dtype=np.int64))
    )
    in_view = dataset.organizations[rows.keep].reset_index(drop=True)
    return Snapshot(in_view, present_ties, pairs, ratings, members.reset_index(drop=True), rows.as_of)


def _vertex_ids(keep: np.ndarray[Any, Any]) -> np.ndarray[Any, Any] | None:
    """The vertex id of each dataset code (-1 when out of view), or ``None`` when every organization is in
    view: a vertex id is then the code itself, and the many lookups below are skipped."""
    if keep.all():
        return None
    vertex = np.full(len(keep), -1, dtype=np.int64)
    vertex[keep] = np.arange(int(keep.sum()))
    return vertex


def _as_vertices(codes: np.ndarray[Any, Any], vertex: np.ndarray[Any, Any] | None) -> np.ndarray[Any, Any]:
    """Vertex ids of dataset codes (see :func:`_vertex_ids`)."""
    return codes if vertex is None else vertex[codes]


def _levels_after_filters(
    level: np.ndarray[Any, Any], formal: np.ndarray[Any, Any], filters: Filters
) -> np.ndarray[Any, Any]:
    """Tie levels with the ties that the level or formality filter drops set to 0 (absent)."""
    # Both values were checked when the filters were made: a value that is set parses.
    threshold = parse_level(filters.min_level) if filters.min_level is not None else None
    if threshold is not None:
        level = np.where(level >= threshold, level, 0).astype(np.int8)
    wanted = parse_formality(filters.formality) if filters.formality is not None else None
    if wanted is not None:
        level = np.where(formal == wanted, level, 0).astype(np.int8)
    return level


_VERTEX_COLUMNS: tuple[str, ...] = ("u", "v", "src", "dst")


def _rows_in_view(
    ties: pd.DataFrame,
    rows: np.ndarray[Any, Any],
    vertex: np.ndarray[Any, Any] | None,
    level: np.ndarray[Any, Any] | None = None,
    *,
    ratings: bool = True,
) -> pd.DataFrame:
    """The tie observations ``rows``, numbered from 0, with organization codes turned into vertex ids.

    ``level`` replaces the level column; ``ratings=False`` leaves the rating columns out. Each column is
    gathered once, straight into the new frame (no intermediate copy of the table).
    """
    columns: dict[str, Any] = {}
    for name in ties.columns:
        if name in RATING_DIMENSIONS and not ratings:
            continue
        if name in _VERTEX_COLUMNS:
            columns[name] = _as_vertices(ties[name].to_numpy()[rows], vertex)
        elif name == "level" and level is not None:
            columns[name] = level
        else:
            column = ties[name]  # a Series of the same dtype: object columns must stay object
            columns[name] = pd.Series(column.array.take(rows), dtype=column.dtype, copy=False)
    return pd.DataFrame(columns, copy=False)


def _latest_ratings(
    ties: pd.DataFrame,
    order: np.ndarray[Any, Any],
    keep: np.ndarray[Any, Any],
    vertex: np.ndarray[Any, Any] | None,
    n_total: int,
) -> pd.DataFrame:
    rated_mask = np.zeros(len(ties), dtype=bool)
    for column in RATING_DIMENSIONS:  # column by column: no 2-D copy of the rating columns
        rated_mask |= ~np.isnan(ties[column].to_numpy(dtype=np.float64))
    rated = order[rated_mask[order]]
    src, dst = ties["src"].to_numpy()[rated], ties["dst"].to_numpy()[rated]
    # Directed key; a stable sort keeps the date order that ``order`` already gives within a pair.
    keys = src * n_total + dst
    by_pair = np.argsort(keys, kind="stable")
    rated, keys = rated[by_pair], keys[by_pair]
    latest = rated[_last_of_runs(keys)]
    if vertex is not None:
        latest = latest[keep[ties["src"].to_numpy()[latest]] & keep[ties["dst"].to_numpy()[latest]]]
    return _rows_in_view(ties, latest, vertex)


__all__ = ["FilterArgs", "Filters", "Snapshot", "SnapshotRows", "snapshot", "snapshot_rows"]
