from __future__ import annotations

from django import template

from maillage.ties.models import Formality, Level

register = template.Library()


@register.filter
def level_label(value: int | None) -> str:
    """The collaboration-scale name of a level ordinal, in the active language."""
    if value is None or value not in Level.values:
        return "—"
    return str(Level(value).label)


@register.filter
def formality_label(value: str | None) -> str:
    if value not in Formality.values:
        return "—"
    return str(Formality(value).label)
