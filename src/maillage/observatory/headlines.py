"""The headline measures of a report as a page shows them: label, value, definition and change since a
previous wave, each written in the reader's language. The dashboard, the comparison page and the report
read them from here.
"""

from __future__ import annotations

from dataclasses import dataclass

from maillage.analysis import HeadlineFigures, NetworkReport
from maillage.observatory.measures import (
    ARROWS,
    HEADLINES,
    MEASURES,
    definition,
    format_change,
    format_value,
    label,
    measure_changes,
    measure_values,
)


@dataclass
class Headline:
    key: str
    label: str
    value: float | int | None
    display: str
    definition: str
    change: float | None = None
    change_display: str = ""
    higher_is: str = "neutral"  # "better", "worse" or "neutral": how to colour the change
    direction: str = "same"  # "up", "down" or "same"
    tone: str = "neutral"  # the change read with `higher_is`: "better", "worse" or "neutral"

    @property
    def arrow(self) -> str:
        return ARROWS[self.direction] if self.change_display else ""


def headlines(
    report: HeadlineFigures | NetworkReport, previous: HeadlineFigures | NetworkReport | None
) -> list[Headline]:
    """The headline measures of the catalogue with their change since `previous`, in the reader's language."""
    now = measure_values(report)
    change = measure_changes(now, measure_values(previous) if previous is not None else None)
    items = []
    for code in HEADLINES:
        measure, value = MEASURES[code], now[code]
        if code in ("trust", "value") and value is None:
            continue  # no survey ratings: the two rating measures are not shown at all
        items.append(
            Headline(
                code,
                label(measure),
                value,
                format_value(measure, value),
                definition(measure),
                change[code],
                format_change(measure, change[code]) if change[code] is not None else "",
                measure.higher_is,
                measure.direction(change[code]),
                measure.tone(change[code]),
            )
        )
    return items
