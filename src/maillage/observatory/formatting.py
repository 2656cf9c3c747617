"""Numbers written the reader's way: `13,9 %`, `1 139`, `+0,2 pt` in French; `13.9%`, `1,139` in English.

The one place that turns a value of the catalogue into text; templates, charts' tables and PDFs call it.
"""

from __future__ import annotations

import math

from django.utils import translation

NO_DATA = "—"
# French separates thousands with a narrow no-break space and puts a no-break space before "%".
THIN = "\u202f"
NBSP = "\u00a0"


def _french(language: str | None) -> bool:
    return (language or translation.get_language() or "fr").startswith("fr")


def _missing(value: float | int | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def number(
    value: float | int | None, digits: int = 0, *, language: str | None = None, sign: bool = False
) -> str:
    """A plain number with thousands separated, `digits` decimals, and a sign if asked."""
    if _missing(value):
        return NO_DATA
    assert value is not None
    text = f"{value:{'+' if sign else ''},.{digits}f}"
    if _french(language):
        return text.replace(",", THIN).replace(".", ",")
    return text


def percent(share: float | None, digits: int = 1, *, language: str | None = None) -> str:
    """A share (0 to 1) as a percentage."""
    if _missing(share):
        return NO_DATA
    assert share is not None
    text = number(share * 100, digits, language=language)
    return f"{text}{NBSP}%" if _french(language) else f"{text}%"


def points(change: float | None, digits: int = 1, *, language: str | None = None) -> str:
    """A change of a share, in percentage points."""
    if _missing(change):
        return NO_DATA
    assert change is not None
    return f"{number(change * 100, digits, language=language, sign=True)}{NBSP}pt"
