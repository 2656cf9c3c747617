"""Numbers and dates written in the reader's language: the one place pages, charts, reports and exports
take them from.

The rules live in `maillage.analysis.measures` (the command line shares them); here the active language of
the request is used when none is given. Templates reach the same functions through the filters of
`maillage.observatory.templatetags.readers_way` (built in: no `{% load %}` needed), and Django's own `|date`
follows the same forms through `maillage.formats` (``15 mai 2025``, ``May 15, 2025``).
"""

from __future__ import annotations

import datetime

from django.utils import translation

from maillage.analysis.measures import MONTHS, NO_DATA, Value, write_date, write_number, write_percent


def reader_language(language: str | None = None) -> str:
    code = (language or translation.get_language() or "fr")[:2]
    return code if code in ("fr", "en") else "fr"


def percent(share: Value, digits: int = 1, *, language: str | None = None) -> str:
    """``13,9 %`` in French, ``13.9%`` in English, from a share between 0 and 1."""
    return write_percent(share, digits, language=reader_language(language))


def number(value: Value, digits: int = 0, *, language: str | None = None, sign: bool = False) -> str:
    """``1 139,5`` in French, ``1,139.5`` in English (``+0,60`` with a sign)."""
    return write_number(value, digits, language=reader_language(language), sign=sign)


def day(value: datetime.date | str | None, *, language: str | None = None) -> str:
    """``15 mai 2025`` in French, ``May 15, 2025`` in English (a date, a datetime or an ISO string)."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    return write_date(value, language=reader_language(language))


__all__ = ["NO_DATA", "chart_locale", "day", "number", "percent", "reader_language"]


def chart_date_format(language: str | None = None) -> str:
    """A date in a chart's tooltip (d3-time-format), as `day` writes it: ``15 mai 2025``, ``May 15, 2025``."""
    return "%B %-d, %Y" if reader_language(language) == "en" else "%-d\u00a0%B\u00a0%Y"


FRENCH_SHORT_MONTHS = [
    *("janv.", "févr.", "mars", "avr.", "mai", "juin"),
    *("juil.", "août", "sept.", "oct.", "nov.", "déc."),
]


def chart_locale(language: str | None = None) -> dict[str, dict[str, object]]:
    """Vega's number and time locale (d3-format, d3-time-format) for the reader's language: chart axes,
    tooltips and month names written as the page is. The browser passes it to vega-embed; the PDF report
    puts it in the spec's ``config.locale`` for vl-convert."""
    code = reader_language(language)
    months = list(MONTHS[code])
    if code == "en":
        return {
            "number": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["$", ""]},
            "time": {
                "dateTime": "%a %b %e %X %Y",
                "date": "%m/%d/%Y",
                "time": "%H:%M:%S",
                "periods": ["AM", "PM"],
                "days": ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
                "shortDays": ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
                "months": months,
                "shortMonths": [month[:3] for month in months],
            },
        }
    return {
        "number": {
            "decimal": ",",
            "thousands": "\u202f",
            "grouping": [3],
            "currency": ["", "\u00a0$"],
            "percent": "\u00a0%",
        },
        "time": {
            "dateTime": "%A %e %B %Y à %X",
            "date": "%d/%m/%Y",
            "time": "%H:%M:%S",
            "periods": ["AM", "PM"],
            "days": ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"],
            "shortDays": ["dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."],
            "months": months,
            "shortMonths": FRENCH_SHORT_MONTHS,
        },
    }
