"""The catalogue of headline measures (`maillage.analysis.measures`) as the web app shows it: labels and
definitions in the reader's language, values and changes written their language's way.
"""

from __future__ import annotations

from typing import Any

from maillage.analysis.measures import (
    HEADLINES,
    MEASURES,
    Measure,
    Value,
    figures_of,
    measure_changes,
    measure_values,
)
from maillage.formatting import reader_language

ARROWS = {"up": "▲", "down": "▼", "same": "="}


def _measure(measure: Measure | str) -> Measure:
    return MEASURES[measure] if isinstance(measure, str) else measure


def label(measure: Measure | str, language: str | None = None) -> str:
    return _measure(measure).label[reader_language(language)]


def definition(measure: Measure | str, language: str | None = None) -> str:
    return _measure(measure).definition[reader_language(language)]


def format_value(measure: Measure | str, value: Value, language: str | None = None) -> str:
    return _measure(measure).format(value, reader_language(language))


def format_change(measure: Measure | str, change: Value, language: str | None = None) -> str:
    """A change as every page writes it: percentage points for shares, a signed number for counts."""
    return _measure(measure).format_change(change, reader_language(language))


def as_plain(values: dict[str, Value], language: str | None = None) -> list[dict[str, Any]]:
    """The measures as JSON-ready rows (API, exports): code, label, value and the value written."""
    return [
        {
            "code": code,
            "label": label(code, language),
            "value": value,
            "display": format_value(code, value, language),
        }
        for code, value in values.items()
        if code in MEASURES
    ]


__all__ = [
    "ARROWS",
    "HEADLINES",
    "MEASURES",
    "as_plain",
    "definition",
    "figures_of",
    "format_change",
    "format_value",
    "label",
    "measure_changes",
    "measure_values",
]
