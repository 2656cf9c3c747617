"""Normalise plain tables (lists of dicts or DataFrames) into validated, indexed analysis tables.

Every public entry point of the analysis core goes through :func:`load_dataset`, then :func:`snapshot`.
Validation is vectorised (one pass per column, never a Python loop per row) because the web app and the
benchmark feed a million tie observations; when a value is bad, the first offending row is named.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .errors import InputError
from .sheets import parse_date
from .vocabulary import (
    MAX_LEVEL,
    RATING_DIMENSIONS,
    RATING_MAX,
    RATING_MIN,
    parse_family,
    parse_formality,
    parse_level,
    parse_role,
)

TableLike = pd.DataFrame | Iterable[Mapping[str, Any]]
DateLike = str | dt.date | pd.Timestamp


def _frame(data: TableLike | None, table: str) -> pd.DataFrame:
    if data is None:
        return pd.DataFrame()
    if isinstance(data, pd.DataFrame):
        # A shallow copy: validation only reads the caller's columns and replaces (never writes into) the
        # ones it normalises, so the caller's frame is left as it was without copying a million cells.
        frame = data.copy(deep=False)
    else:
        rows = list(data)
        if rows and not all(isinstance(r, Mapping) for r in rows):
            raise InputError("expected a DataFrame or a list of dicts", table=table)
        frame = pd.DataFrame.from_records(rows)
    if isinstance(frame.index, pd.RangeIndex) and frame.index.start == 0 and frame.index.step == 1:
        # Tell people "row 1" for the first row, as a spreadsheet would.
        frame.index = pd.RangeIndex(1, len(frame) + 1)
    return frame


def _fail(
    frame: pd.DataFrame, mask: Any, message: Callable[[Any], str], table: str, column: str, kind: str
) -> None:
    bad = np.flatnonzero(np.asarray(mask, dtype=bool))
    if bad.size:
        label = frame.index[bad[0]]
        value = frame[column].iloc[bad[0]] if column in frame.columns else None
        value = value.item() if isinstance(value, np.generic) else value
        raise InputError(message(value), table=table, row=label, column=column, row_kind=kind)


def _require(frame: pd.DataFrame, columns: Sequence[str], table: str, kind: str) -> None:
    for column in columns:
        if column not in frame.columns:
            raise InputError(f"missing column {column!r}", table=table)
        _fail(frame, frame[column].isna(), lambda _v: "empty value", table, column, kind)


def _map_values(
    frame: pd.DataFrame,
    column: str,
    parse: Callable[[object], Any],
    table: str,
    kind: str,
    what: str,
    *,
    missing: Any = None,
    dtype: Any = object,
) -> np.ndarray[Any, Any]:
    """Parse ``column`` into an array of ``dtype``; empty cells become ``missing``.

    Each distinct value is parsed once (a million rows hold only a handful of distinct levels), and the
    result is built by indexing the parsed values with the factorized codes, never row by row.
    """
    values: pd.Series | np.ndarray[Any, Any] = frame[column]
    if pd.api.types.is_object_dtype(values) or pd.api.types.is_string_dtype(values):
        # The plain object array: factorizing a pandas string column first copies and masks it.
        values = frame[column].to_numpy(dtype=object)
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    parsed = [parse(u) for u in uniques]
    unknown = np.array([value is None for value in parsed] + [False])  # code -1 (missing) is never unknown
    _fail(frame, unknown[codes], lambda v: f"unknown {what} {v!r}", table, column, kind)
    return np.array([*parsed, missing], dtype=dtype)[codes]  # code -1 picks the trailing ``missing``


def parse_dates(frame: pd.DataFrame, column: str, table: str, kind: str = "row") -> pd.Series:
    """Parse a date column given as ISO dates, ``dd/mm/yyyy`` strings or date objects (empty = always)."""
    values = frame[column]
    if pd.api.types.is_datetime64_any_dtype(values):
        return values.astype("datetime64[ns]")
    # Fast path: a column of ISO strings is parsed in C; only the leftovers go through Python.
    parsed = pd.to_datetime(values, format="ISO8601", errors="coerce")
    unparsed = parsed.isna()
    leftover = unparsed & values.notna() if unparsed.any() else unparsed
    if leftover.any():
        rest = values[leftover].map(lambda v: v.isoformat() if isinstance(v, dt.date) else str(v).strip())
        blank = rest == ""
        again = pd.to_datetime(rest.where(~blank, None), format="ISO8601", errors="coerce")
        # Day/month/year as French Excel writes it (/, - or .): each distinct text parsed once.
        others = rest[again.isna() & ~blank]
        french = pd.to_datetime(others.map(_day_first), errors="coerce")
        again[french.index] = french
        parsed = parsed.astype("datetime64[ns]")
        parsed[leftover] = again.astype("datetime64[ns]")
        bad = np.zeros(len(values), dtype=bool)
        bad[np.flatnonzero(leftover.to_numpy())] = (again.isna() & ~blank).to_numpy()
        _fail(
            frame, bad, lambda v: f"unreadable date {v!r} (use YYYY-MM-DD or DD/MM/YYYY)", table, column, kind
        )
    return parsed.astype("datetime64[ns]")


def _day_first(text: str) -> str | None:
    parsed = parse_date(text)
    return parsed.isoformat() if parsed else None


def to_timestamp(value: DateLike | None) -> pd.Timestamp | None:
    """Parse an ``as_of`` style argument (ISO or ``dd/mm/yyyy``); ``None`` stays ``None``."""
    if value is None:
        return None
    if isinstance(value, str):
        stamp = pd.to_datetime(value, format="ISO8601", errors="coerce")
        if not pd.isna(stamp):
            return pd.Timestamp(stamp)
        if (day := parse_date(value)) is not None:
            return pd.Timestamp(day)
        raise InputError(f"unreadable date {value!r} (use YYYY-MM-DD or DD/MM/YYYY)")
    return pd.Timestamp(value)


def organizations_table(data: TableLike, *, row_kind: str = "row") -> pd.DataFrame:
    """Validate organizations: ``id`` (unique), ``sector``, ``sector_family``, ``territory``, ``name``.

    Extra columns are kept. Missing ``sector`` becomes ``"unknown"``, missing ``sector_family`` becomes
    ``"other"``. Rows are sorted by ``str(id)`` so that the graph (and every seeded computation on it)
    does not depend on input row order.

    Examples
    --------
    >>> rows = [{"id": 2, "sector": "cisss", "sector_family": "public"}, {"id": 1}]
    >>> organizations_table(rows)["id"].tolist()
    [1, 2]
    """
    table = "organizations"
    frame = _frame(data, table)
    _require(frame, ["id"], table, row_kind)
    _fail(
        frame, frame["id"].duplicated(), lambda v: f"duplicate organization id {v!r}", table, "id", row_kind
    )
    for column, default in (
        ("sector", "unknown"),
        ("sector_family", "other"),
        ("territory", None),
        ("name", None),
    ):
        if column not in frame.columns:
            frame[column] = default
    frame["sector"] = frame["sector"].astype(object).where(frame["sector"].notna(), "unknown").astype(str)
    family = _map_values(
        frame, "sector_family", parse_family, table, row_kind, "sector family", missing="other"
    )
    frame["sector_family"] = pd.Series(family, index=frame.index)
    names = frame["name"].astype(object)
    unnamed = names.isna()
    frame["name"] = names.where(~unnamed, frame["id"].map(str)) if unnamed.any() else names
    frame["row"] = frame.index
    order = np.argsort(frame["id"].map(str).to_numpy(dtype=object), kind="stable")
    frame = frame.iloc[order].reset_index(drop=True)
    frame["code"] = np.arange(len(frame), dtype=np.int64)  # position in the dataset, stable across snapshots
    return frame


def ties_table(data: TableLike, *, row_kind: str = "row") -> pd.DataFrame:
    """Validate dated tie observations.

    Columns: ``source``, ``target`` (required), ``level`` (name in English or French, or 0..5; missing column
    or empty cell means ``networking``), ``formality`` (``formal``/``informal``; empty means informal),
    ``network``,
    ``date`` (empty means "always"), and the optional 1–4 ratings given by ``source`` about ``target``.
    The result has ``level`` as an ordinal, ``formal`` as a boolean and ``date`` as ``datetime64``.
    """
    table = "ties"
    frame = _frame(data, table)
    if frame.empty and not {"source", "target"} <= set(frame.columns):
        frame = pd.DataFrame({"source": pd.Series([], dtype=object), "target": pd.Series([], dtype=object)})
    _require(frame, ["source", "target"], table, row_kind)
    _fail(
        frame,
        frame["source"] == frame["target"],
        lambda v: f"tie from {v!r} to itself",
        table,
        "source",
        row_kind,
    )
    # Columns are gathered first and framed once: inserting them one by one into a DataFrame costs more.
    columns: dict[str, Any] = {"source": frame["source"].array, "target": frame["target"].array}
    columns["level"] = (
        _map_values(frame, "level", parse_level, table, row_kind, "level", missing=1, dtype=np.int8)
        if "level" in frame.columns
        else np.ones(len(frame), dtype=np.int8)  # no level: networking
    )
    columns["formal"] = (
        _map_values(
            frame, "formality", parse_formality, table, row_kind, "formality", missing=False, dtype=bool
        )
        if "formality" in frame.columns
        else np.zeros(len(frame), dtype=bool)  # no formality: informal
    )
    network = (
        frame["network"].astype(object).where(frame["network"].notna(), None).to_numpy()
        if ("network" in frame.columns)
        else np.full(len(frame), None, dtype=object)
    )
    columns["network"] = pd.Series(network, dtype=object)  # a Series keeps the object dtype (None, not NaN)
    columns["date"] = (
        parse_dates(frame, "date", table, row_kind).to_numpy()
        if "date" in frame.columns
        else np.full(len(frame), np.datetime64("NaT"), dtype="datetime64[ns]")
    )
    for column in RATING_DIMENSIONS:
        columns[column] = (
            _rating_values(frame, column, table, row_kind)
            if column in frame.columns
            else np.full(len(frame), np.nan)
        )
    columns["row"] = frame.index.to_numpy()
    return pd.DataFrame(columns)


def _rating_values(frame: pd.DataFrame, column: str, table: str, row_kind: str) -> np.ndarray[Any, Any]:
    """A rating column as floats (empty cells NaN), after checking every value is a number from 1 to 4."""
    raw = frame[column]
    values = raw if pd.api.types.is_numeric_dtype(raw) else pd.to_numeric(raw, errors="coerce")
    if values is not raw:
        blank = raw.isna() | (raw.astype(object).map(str).str.strip() == "")
        _fail(
            frame,
            values.isna() & ~blank,
            lambda v: f"rating {v!r} is not a number",
            table,
            column,
            row_kind,
        )
    _fail(
        frame, (values < RATING_MIN) | (values > RATING_MAX), lambda v: f"rating {v!r} outside 1–4",
        table, column, row_kind,
    )  # fmt: skip
    return values.to_numpy(dtype=np.float64)


def memberships_table(data: TableLike | None, *, row_kind: str = "row") -> pd.DataFrame:
    """Validate memberships: ``organization``, ``network``, ``role`` (default member), ``start``, ``end``."""
    table = "memberships"
    frame = _frame(data, table)
    if frame.empty:
        return pd.DataFrame(
            {
                "organization": [],
                "network": [],
                "role": [],
                "start": pd.to_datetime([]),
                "end": pd.to_datetime([]),
            }
        )
    _require(frame, ["organization", "network"], table, row_kind)
    out = pd.DataFrame(
        {"organization": frame["organization"], "network": frame["network"]}, index=frame.index
    )
    role = (
        _map_values(frame, "role", parse_role, table, row_kind, "role", missing="member")
        if "role" in frame.columns
        else np.full(len(frame), "member", dtype=object)
    )
    out["role"] = pd.Series(role, index=frame.index)
    for column in ("start", "end"):
        out[column] = (
            parse_dates(frame, column, table, row_kind)
            if column in frame.columns
            else pd.Series(pd.NaT, index=frame.index)
        ).astype("datetime64[ns]")
    out["row"] = frame.index
    return out.reset_index(drop=True)


def _as_list(value: object) -> list[str]:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.replace(";", "|").replace(",", "|").split("|") if part.strip()]
    if isinstance(value, Iterable):
        return [str(v) for v in value]
    return [str(value)]


def networks_table(data: TableLike | None, *, row_kind: str = "row") -> pd.DataFrame:
    """Validate concertation spaces: ``id``, ``territory``, optional ``themes`` and ``populations`` lists.

    List cells may be Python lists or strings separated by ``|``, ``;`` or ``,``.
    """
    table = "networks"
    frame = _frame(data, table)
    if frame.empty:
        return pd.DataFrame({"id": [], "territory": [], "themes": [], "populations": []})
    _require(frame, ["id"], table, row_kind)
    _fail(frame, frame["id"].duplicated(), lambda v: f"duplicate network id {v!r}", table, "id", row_kind)
    out = pd.DataFrame({"id": frame["id"]}, index=frame.index)
    out["territory"] = (
        frame["territory"].astype(object).where(frame["territory"].notna(), None)
        if ("territory" in frame.columns)
        else None
    )
    for column in ("themes", "populations"):
        out[column] = (
            frame[column].map(_as_list) if column in frame.columns else [[] for _ in range(len(frame))]
        )
    out["row"] = frame.index
    return out.reset_index(drop=True)


@dataclass
class Dataset:
    """Validated tables, with ties indexed by organization position (``src``/``dst``; ``u < v`` the pair).

    Build it with :func:`load_dataset`. ``order`` sorts the tie observations by (pair, date, level, formality)
    once, so that every snapshot is a mask plus a "last row of each pair" pass.
    """

    organizations: pd.DataFrame
    ties: pd.DataFrame
    memberships: pd.DataFrame
    networks: pd.DataFrame
    order: np.ndarray[Any, np.dtype[np.int64]]
    row_kind: str = "row"
    # The released trust and value of each closed wave (analysis.cohorts); None for files.
    rating_releases: pd.DataFrame | None = None


def load_dataset(
    organizations: TableLike,
    ties: TableLike,
    memberships: TableLike | None = None,
    networks: TableLike | None = None,
    *,
    row_kind: str = "row",
) -> Dataset:
    """Validate the four tables and link ties to organizations.

    Raises
    ------
    InputError
        On any bad value, naming the table, the row (or CSV line) and the column; a tie or membership that
        names an unknown organization is an error too.

    Examples
    --------
    >>> ds = load_dataset([{"id": "a"}, {"id": "b"}], [{"source": "a", "target": "b", "level": "coalition"}])
    >>> ds.ties[["u", "v", "level"]].values.tolist()
    [[0, 1, 4]]
    """
    orgs = organizations_table(organizations, row_kind=row_kind)
    tie_frame = ties_table(ties, row_kind=row_kind)
    members = memberships_table(memberships, row_kind=row_kind)
    nets = networks_table(networks, row_kind=row_kind)
    index = pd.Index(orgs["id"])
    for column in ("source", "target"):
        codes = index.get_indexer(tie_frame[column])
        _fail_unknown(tie_frame, codes, column, "ties", row_kind)
        tie_frame["src" if column == "source" else "dst"] = codes.astype(np.int64)
    tie_frame["u"] = np.minimum(tie_frame["src"], tie_frame["dst"])
    tie_frame["v"] = np.maximum(tie_frame["src"], tie_frame["dst"])
    if not members.empty:
        codes = index.get_indexer(members["organization"])
        _fail_unknown(members, codes, "organization", "memberships", row_kind)
        members["code"] = codes.astype(np.int64)
    else:
        members["code"] = np.array([], dtype=np.int64)
    dates = tie_frame["date"].to_numpy().view(np.int64)  # NaT is the smallest int64: "always" sorts first
    # Sort by pair (u, v), date, level, formality; packing (u, v) and (level, formality) into one integer
    # each keeps that order and makes the sort three keys long instead of five.
    pair = tie_frame["u"].to_numpy() * max(len(orgs), 1) + tie_frame["v"].to_numpy()
    strength = tie_frame["level"].to_numpy().astype(np.int64) * 2 + tie_frame["formal"].to_numpy()
    order = np.lexsort((strength, dates, pair)).astype(np.int64)
    return Dataset(orgs, tie_frame, members, nets, order, row_kind)


def _fail_unknown(
    frame: pd.DataFrame, codes: np.ndarray[Any, Any], column: str, table: str, kind: str
) -> None:
    bad = np.flatnonzero(codes < 0)
    if bad.size:
        raise InputError(
            f"unknown organization {frame[column].iloc[bad[0]]!r}",
            table=table,
            row=frame["row"].iloc[bad[0]],
            column=column,
            row_kind=kind,
        )


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
        ``u``/``v`` vertex ids, ``level`` and ``formal`` only (copying every column of a few hundred
        thousand observations, for one analysis that reads four, cost as much as the rest of a snapshot).
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
    network: Hashable | None = None,
    sectors: Hashable | Iterable[Hashable] | None = None,
    territories: Hashable | Iterable[Hashable] | None = None,
    min_level: int | str | None = None,
    formality: str | None = None,
) -> Snapshot:
    """Return the network "as of" a date: the latest observation per pair on or before the date.

    Observations without a date hold "always"; on the same date the highest level, then formal, wins, so that
    the result never depends on row order. Filters: ``network`` keeps that network's ties and its members
    (active at the date) plus the ends of its ties; ``sectors`` / ``territories`` keep the organizations
    of those sectors / territories; ``min_level`` and ``formality`` drop ties (they then count as absent).

    Examples
    --------
    >>> ds = load_dataset([{"id": 1}, {"id": 2}], [
    ...     {"source": 1, "target": 2, "level": "cooperation", "date": "2020-01-01"},
    ...     {"source": 2, "target": 1, "level": "none", "date": "2022-01-01"}])
    >>> len(snapshot(ds, as_of="2021-06-30").ties), len(snapshot(ds).ties)
    (1, 0)
    """
    return _snapshot_tables(
        dataset,
        snapshot_rows(
            dataset,
            as_of=as_of,
            network=network,
            sectors=sectors,
            territories=territories,
            min_level=min_level,
            formality=formality,
        ),
    )


def snapshot_rows(
    dataset: Dataset,
    *,
    as_of: DateLike | None = None,
    network: Hashable | None = None,
    sectors: Hashable | Iterable[Hashable] | None = None,
    territories: Hashable | Iterable[Hashable] | None = None,
    min_level: int | str | None = None,
    formality: str | None = None,
) -> SnapshotRows:
    """The rows :func:`snapshot` keeps (same arguments, same rules), as arrays of row numbers."""
    stamp = to_timestamp(as_of)
    orgs = dataset.organizations
    ties = dataset.ties
    order = dataset.order
    if stamp is not None:
        dates = ties["date"].to_numpy()[order]
        order = order[np.isnat(dates) | (dates <= stamp.to_datetime64())]
    if network is not None:
        order = order[(ties["network"].to_numpy(dtype=object)[order] == network)]
    u_all, v_all = ties["u"].to_numpy(), ties["v"].to_numpy()
    n_total = len(orgs)
    pair_keys = u_all[order] * n_total + v_all[order]
    latest = order[_last_of_runs(pair_keys)]

    members = dataset.memberships
    if not members.empty:
        active = np.ones(len(members), dtype=bool)
        if stamp is not None:
            start, end = members["start"].to_numpy(), members["end"].to_numpy()
            active &= (np.isnat(start) | (start <= stamp.to_datetime64())) & (
                np.isnat(end) | (end >= stamp.to_datetime64())
            )
        if network is not None:
            active &= members["network"].to_numpy(dtype=object) == network
        members = members[active]

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
    wanted_sectors, wanted_territories = _as_set(sectors), _as_set(territories)
    if wanted_sectors is not None:
        keep &= orgs["sector"].isin(wanted_sectors).to_numpy()
    if wanted_territories is not None:
        keep &= orgs["territory"].isin(wanted_territories).to_numpy()
    if not keep.all():
        latest = latest[keep[u_all[latest]] & keep[v_all[latest]]]
        members = members[keep[members["code"].to_numpy()]] if not members.empty else members
    formal = ties["formal"].to_numpy()[latest]
    level = _levels_after_filters(ties["level"].to_numpy()[latest], formal, min_level, formality)
    return SnapshotRows(stamp, order, latest, level, formal, keep, members)


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
    level: np.ndarray[Any, Any],
    formal: np.ndarray[Any, Any],
    min_level: int | str | None,
    formality: str | None,
) -> np.ndarray[Any, Any]:
    """Tie levels with the ties that ``min_level`` or ``formality`` drop set to 0 (absent)."""
    if min_level is not None:
        threshold = parse_level(min_level)
        if threshold is None:
            raise InputError(f"unknown level {min_level!r}")
        level = np.where(level >= threshold, level, 0).astype(np.int8)
    if formality is not None:
        wanted = parse_formality(formality)
        if wanted is None:
            raise InputError(f"unknown formality {formality!r}")
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


__all__ = [
    "Dataset",
    "Snapshot",
    "SnapshotRows",
    "load_dataset",
    "memberships_table",
    "networks_table",
    "organizations_table",
    "snapshot",
    "snapshot_rows",
    "ties_table",
    "to_timestamp",
    "MAX_LEVEL",
]
