"""Serialisation shared by every result dataclass.

Results hold scalars, lists, dicts, nested results and pandas DataFrames. ``to_dict`` turns them into plain
Python objects; ``to_json`` writes one JSON document, letting pandas serialise the large tables in C
(``DataFrame.to_json``) rather than walking them row by row in Python.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
from typing import Any

import numpy as np
import pandas as pd


def to_plain(value: Any) -> Any:
    """Convert a result value into JSON-compatible Python objects (NaN becomes ``None``)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {name: to_plain(member) for name, member in members(value)}
    if isinstance(value, pd.DataFrame):
        frame = value.astype(object).where(value.notna(), None)
        return [{str(k): to_plain(v) for k, v in row.items()} for row in frame.to_dict(orient="records")]
    if isinstance(value, pd.Series):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return [to_plain(v) for v in items]
    if isinstance(value, np.ndarray):
        return [to_plain(v) for v in value.tolist()]
    if isinstance(value, np.generic):
        return to_plain(value.item())
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    if isinstance(value, dt.date | pd.Timestamp):
        return value.isoformat()
    if value is None or isinstance(value, str | int | bool):
        return value
    if value is pd.NaT or value is pd.NA:
        return None
    return str(value)


def members(value: Any) -> list[tuple[str, Any]]:
    """The (name, value) pairs a result dataclass serialises: its fields, unless it says otherwise."""
    if isinstance(value, Result):
        return value.json_members()
    return [(f.name, getattr(value, f.name)) for f in dataclasses.fields(value)]


def to_json_text(value: Any) -> str:
    """Write ``value`` as one JSON document; DataFrames are written by pandas' C serialiser."""
    parts: list[str] = []
    _write_json(value, parts)
    # One join at the end: joining at every level of nesting would copy the tables' text once per level.
    return "".join(parts)


def _write_json(value: Any, parts: list[str]) -> None:
    """Append the JSON text of ``value`` to ``parts``, piece by piece."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        _write_members(members(value), parts)
    elif isinstance(value, pd.DataFrame):
        frame = value
        if not all(isinstance(c, str) for c in frame.columns):
            frame = frame.set_axis([str(c) for c in frame.columns], axis=1)
        parts.append(
            frame.to_json(orient="records", double_precision=15, date_format="iso", force_ascii=False)
        )
    elif isinstance(value, dict):
        _write_members([(str(k), v) for k, v in value.items()], parts)
    elif isinstance(value, list | tuple) and any(
        isinstance(v, pd.DataFrame) or dataclasses.is_dataclass(v) for v in value
    ):
        parts.append("[")
        for i, item in enumerate(value):
            if i:
                parts.append(",")
            _write_json(item, parts)
        parts.append("]")
    else:
        parts.append(json.dumps(to_plain(value), ensure_ascii=False))


def _write_members(members: list[tuple[str, Any]], parts: list[str]) -> None:
    parts.append("{")
    for i, (name, member) in enumerate(members):
        parts.append(("," if i else "") + json.dumps(name) + ":")
        _write_json(member, parts)
    parts.append("}")


class Result:
    """Mixin for result dataclasses: ``to_dict()`` and ``to_json()`` in one call."""

    def json_members(self) -> list[tuple[str, Any]]:
        """The (name, value) pairs written by :meth:`to_dict` and :meth:`to_json`; by default every field."""
        assert dataclasses.is_dataclass(self)
        return [(f.name, getattr(self, f.name)) for f in dataclasses.fields(self)]

    def to_dict(self) -> dict[str, Any]:
        """Return the result as plain, JSON-compatible Python objects."""
        plain = to_plain(self)
        assert isinstance(plain, dict)
        return plain

    def to_json(self) -> str:
        """Return the result as one JSON document (NaN written as ``null``)."""
        return to_json_text(self)
