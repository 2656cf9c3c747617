"""Serialisation shared by every result dataclass.

Results hold scalars, lists, dicts, nested results and pandas DataFrames. ``to_dict`` turns them into plain
Python objects; ``to_json`` writes one JSON document, letting pandas serialise the large tables in C
(``DataFrame.to_json``) because walking a 100,000-row table in Python would dominate a report's run time.
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
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
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


def to_json_text(value: Any) -> str:
    """Write ``value`` as one JSON document; DataFrames are written by pandas' C serialiser."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        parts = [
            f"{json.dumps(f.name)}:{to_json_text(getattr(value, f.name))}" for f in dataclasses.fields(value)
        ]
        return "{" + ",".join(parts) + "}"
    if isinstance(value, pd.DataFrame):
        frame = value.copy()
        frame.columns = [str(c) for c in frame.columns]
        return frame.to_json(orient="records", double_precision=15, date_format="iso", force_ascii=False)
    if isinstance(value, dict):
        return "{" + ",".join(f"{json.dumps(str(k))}:{to_json_text(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple) and any(
        isinstance(v, pd.DataFrame) or dataclasses.is_dataclass(v) for v in value
    ):
        return "[" + ",".join(to_json_text(v) for v in value) + "]"
    return json.dumps(to_plain(value), ensure_ascii=False)


class Result:
    """Mixin for result dataclasses: ``to_dict()`` and ``to_json()`` in one call."""

    def to_dict(self) -> dict[str, Any]:
        """Return the result as plain, JSON-compatible Python objects."""
        plain = to_plain(self)
        assert isinstance(plain, dict)
        return plain

    def to_json(self) -> str:
        """Return the result as one JSON document (NaN written as ``null``)."""
        return to_json_text(self)
