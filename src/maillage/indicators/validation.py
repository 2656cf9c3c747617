"""Checks run when an indicator is saved: expressions parse, every code exists, no division by a
constant zero, and no indicator depends on itself through others."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from maillage.indicators.expressions import (
    ExpressionError,
    compile_expression,
    constant_value,
    zero_divisions,
)

PERIOD_PATTERN = re.compile(r"^(\d{4})(?:\s*-?\s*[QqTt]([1-4]))?$")


def normalise_period(text: str) -> str | None:
    """ "2024", "2024-Q3", "2024T3", "2024 q3" → "2024" / "2024-Q3"; None when it is not a period."""
    match = PERIOD_PATTERN.match((text or "").strip())
    if not match or not 1900 <= int(match.group(1)) <= 2100:
        return None
    return f"{match.group(1)}-Q{match.group(2)}" if match.group(2) else match.group(1)


def find_cycle(start: str, graph: Mapping[str, set[str]]) -> list[str] | None:
    """A path start → … → start through `graph` (indicator code → codes it uses), or None."""
    stack: list[tuple[str, list[str]]] = [(start, [start])]
    seen: set[str] = set()
    while stack:
        code, path = stack.pop()
        for used in sorted(graph.get(code, set())):
            if used == start:
                return [*path, start]
            if used not in seen and used in graph:
                seen.add(used)
                stack.append((used, [*path, used]))
    return None


def indicator_graph(indicators: QuerySet[Any]) -> dict[str, set[str]]:
    """Which codes each indicator's formula uses."""
    graph: dict[str, set[str]] = {}
    for code, numerator, denominator in indicators.values_list("code", "numerator", "denominator"):
        uses: set[str] = set()
        for text in (numerator, denominator):
            try:
                uses |= compile_expression(text).codes if text.strip() else set()
            except ExpressionError:
                continue
        graph[code] = uses
    return graph


def validate_indicator(indicator: Any, *, elements: QuerySet[Any], indicators: QuerySet[Any]) -> None:
    """Check an indicator against the data elements and the other indicators (the model's `clean`)."""
    errors: dict[str, str] = {}
    if not (indicator.name_fr.strip() or indicator.name_en.strip()):
        errors["name_fr"] = _("Give a name in French or in English.")
    if indicator.code and elements.filter(code=indicator.code).exists():
        errors["code"] = _("A data element already uses this code.")
    known = set(elements.values_list("code", flat=True))
    known |= set(indicators.exclude(pk=indicator.pk).values_list("code", flat=True))
    uses: set[str] = set()
    for field in ("numerator", "denominator"):
        text = (getattr(indicator, field) or "").strip()
        if not text:
            if field == "numerator":
                errors[field] = _("The numerator is required.")
            continue
        try:
            expression = compile_expression(text)
        except ExpressionError as error:
            errors[field] = str(error)
            continue
        unknown = sorted(expression.codes - known - {indicator.code})
        if unknown:
            errors[field] = _("Unknown data element or indicator: %(codes)s.") % {"codes": ", ".join(unknown)}
        elif zero_divisions(expression.tree) or (
            field == "denominator" and constant_value(expression.tree) == 0
        ):
            errors[field] = _("This divides by zero whatever the data.")
        uses |= expression.codes
    if indicator.code and indicator.code in uses:
        errors["numerator"] = _("An indicator cannot use itself.")
    elif indicator.code and not errors:
        graph = indicator_graph(indicators)
        graph[indicator.code] = uses & (set(graph) | {indicator.code})
        cycle = find_cycle(indicator.code, graph)
        if cycle:
            errors["numerator"] = _("Circular reference: %(path)s.") % {"path": " → ".join(cycle)}
    if indicator.factor == 0:
        errors["factor"] = _("A factor of zero makes every value zero.")
    if indicator.baseline_period:
        period = normalise_period(indicator.baseline_period)
        if period is None:
            errors["baseline_period"] = _("Write a year (2024) or a quarter (2024-Q3).")
        else:
            indicator.baseline_period = period
    if errors:
        raise ValidationError(errors)
