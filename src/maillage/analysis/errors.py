"""Exceptions raised by :mod:`maillage.analysis`.

Callers (the web app, the CLI, a notebook) catch :class:`AnalysisError` to show a clear message; an
:class:`InputError` also says which table, row (or CSV line) and column were at fault, so the message can
point the user at the exact cell to fix.
"""

from __future__ import annotations

from collections.abc import Hashable


class AnalysisError(Exception):
    """Base class for every error raised by the analysis core."""


class InputError(AnalysisError, ValueError):
    """Input data that cannot be analysed as given.

    Parameters
    ----------
    message : str
        What is wrong, in plain words.
    table : str, optional
        ``"organizations"``, ``"ties"``, ``"memberships"`` or ``"networks"``.
    row : hashable, optional
        The row label: 1-based row number for lists and data frames, the file line number for CSV.
    column : str, optional
        The column at fault.
    row_kind : str
        ``"row"`` or ``"line"``; how ``row`` is worded in the message.

    Examples
    --------
    >>> str(InputError("unknown level 'high'", table="ties", row=7, column="level", row_kind="line"))
    "ties, line 7, column 'level': unknown level 'high'"
    """

    def __init__(
        self,
        message: str,
        *,
        table: str | None = None,
        row: Hashable | None = None,
        column: str | None = None,
        row_kind: str = "row",
    ) -> None:
        self.message = message
        self.table = table
        self.row = row
        self.column = column
        self.row_kind = row_kind
        super().__init__(self._render())

    def _render(self) -> str:
        where = []
        if self.table:
            where.append(self.table)
        if self.row is not None:
            where.append(f"{self.row_kind} {self.row}")
        if self.column:
            where.append(f"column {self.column!r}")
        return f"{', '.join(where)}: {self.message}" if where else self.message
