"""Normalise plain tables (lists of dicts or DataFrames) into validated, indexed analysis tables.

Every public entry point of the analysis core goes through :func:`load_dataset`, then :func:`snapshot`.
Validation is vectorised (one pass per column, never a Python loop per row) because the web app and the
benchmark feed a million tie observations; when a value is bad, the first offending row is named.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
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
    order = observation_order(tie_frame, len(orgs))
    return Dataset(orgs, tie_frame, members, nets, order, row_kind)


def observation_order(ties: pd.DataFrame, organizations: int) -> np.ndarray[Any, np.dtype[np.int64]]:
    """The tie observations' row order by pair (``u``, ``v``), then date (undated first), level, formality.

    The same order as ``np.lexsort((formal, level, date, v, u))``, with two integers packed into one each
    (``u * organizations + v`` and ``level * 2 + formal``) so the sort has three keys instead of five.

    >>> ties = pd.DataFrame({"u": [1, 0, 0], "v": [2, 1, 1], "level": [1, 3, 3],
    ...                      "formal": [False, True, False],
    ...                      "date": pd.to_datetime(["2020-01-01", None, None])})
    >>> observation_order(ties, 3).tolist()
    [2, 1, 0]
    """
    dates = ties["date"].to_numpy().view(np.int64)  # NaT is the smallest int64: "always" sorts first
    pair = ties["u"].to_numpy() * max(organizations, 1) + ties["v"].to_numpy()
    strength = ties["level"].to_numpy().astype(np.int64) * 2 + ties["formal"].to_numpy()
    return np.lexsort((strength, dates, pair)).astype(np.int64)


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


__all__ = [
    "Dataset",
    "DateLike",
    "TableLike",
    "load_dataset",
    "memberships_table",
    "networks_table",
    "organizations_table",
    "parse_dates",
    "ties_table",
    "to_timestamp",
    "MAX_LEVEL",
]
