"""Text written into a file a spreadsheet will open (CSV, XLSX): never run as a formula.

Spreadsheets run formulas in cells that start with one of `FORMULA_START`; every export prefixes such a
cell with an apostrophe, which spreadsheets show as plain text.
"""

from __future__ import annotations

from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def inert(value: Any) -> Any:
    """`value` as a spreadsheet cell that cannot run: formula-looking text gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
