"""Shares and indices written the reader's way: `78 %` and `0,40` in French, `78%` and `0.40` in English."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format
from django.utils.translation import get_language

register = template.Library()


@register.filter
def share(value: float | None) -> str:
    if value is None:
        return "—"
    text = number_format(round(float(value) * 100), 0, use_l10n=True)
    return f"{text}\u00a0%" if (get_language() or "fr").startswith("fr") else f"{text}%"


@register.filter
def index(value: float | None) -> str:
    return "—" if value is None else number_format(float(value), 2, use_l10n=True)


@register.filter
def whole(value: float | None) -> str:
    return "—" if value is None else number_format(round(float(value)), 0, use_l10n=True, force_grouping=True)


@register.filter
def cell_shade(value: float) -> str:
    """A class from the containment's tenth (for the matrix's background), 0 to 10."""
    return f"shade-{min(10, max(0, int(float(value) * 10)))}"


@register.filter
def money(value: float | None) -> str:
    """Whole dollars: `12 000 $` in French, `$12,000` in English."""
    if value is None:
        return "—"
    text = whole(value)
    return f"{text}\u00a0$" if (get_language() or "fr").startswith("fr") else f"${text}"
