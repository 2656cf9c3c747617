"""Template filters for numbers and dates in the reader's language (built in through settings.TEMPLATES).

``{{ share|percent }}`` → ``13,9 %``; ``{{ value|number:1 }}`` → ``3,7``; ``{{ count|number }}`` → ``1 139``;
``{{ wave.date|day }}`` → ``15 mai 2025``. Each calls `maillage.formatting`.
"""

from __future__ import annotations

import datetime

from django import template
from django.utils.html import json_script
from django.utils.safestring import SafeString

from maillage import formatting

register = template.Library()


@register.filter
def number(value: float | int | str | None, digits: int = 0) -> str:
    if value is None or value == "":
        return formatting.NO_DATA
    try:
        return formatting.number(float(value), int(digits))
    except ValueError:  # not a number: shown as it is
        return str(value)


@register.filter
def percent(share: float | None, digits: int = 1) -> str:
    return formatting.percent(share, int(digits))


@register.filter
def day(value: datetime.date | str | None) -> str:
    try:
        return formatting.day(value)
    except (ValueError, TypeError):  # not a date: shown as it is rather than breaking the page
        return str(value)


@register.simple_tag
def chart_locale() -> SafeString:
    """The page's chart locale as a JSON data block (``#chart-locale``), read by ``charts.js``."""
    return json_script(formatting.chart_locale(), "chart-locale")


@register.filter
def percentage(value: float | None, digits: int = 0) -> str:
    """A percentage already out of 100 (62.5) written as `percent` writes a share: ``62,5 %``, ``62.5%``."""
    return formatting.percent(None if value is None else float(value) / 100, int(digits))
