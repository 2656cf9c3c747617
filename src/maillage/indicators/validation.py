"""Checks run when an indicator is saved: expressions parse, every code exists, no division by a
constant zero, and no indicator depends on itself through others."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from maillage.indicators.expressions import (
    ExpressionError,
    compile_expression,
    constant_value,
    zero_divisions,
)


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


def indicator_graph() -> dict[str, set[str]]:
    from maillage.indicators.models import Indicator

    graph: dict[str, set[str]] = {}
    for code, numerator, denominator in Indicator.objects.values_list("code", "numerator", "denominator"):
        uses: set[str] = set()
        for text in (numerator, denominator):
            try:
                uses |= compile_expression(text).codes if text.strip() else set()
            except ExpressionError:
                continue
        graph[code] = uses
    return graph


def validate_indicator(indicator) -> None:
    from maillage.indicators.models import DataElement, Indicator

    errors: dict[str, str] = {}
    if not (indicator.name_fr.strip() or indicator.name_en.strip()):
        errors["name_fr"] = _("Give a name in French or in English.")
    if indicator.code and DataElement.objects.filter(code=indicator.code).exists():
        errors["code"] = _("A data element already uses this code.")
    known = set(DataElement.objects.values_list("code", flat=True))
    known |= set(Indicator.objects.exclude(pk=indicator.pk).values_list("code", flat=True))
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
        graph = indicator_graph()
        graph[indicator.code] = uses & (set(graph) | {indicator.code})
        cycle = find_cycle(indicator.code, graph)
        if cycle:
            errors["numerator"] = _("Circular reference: %(path)s.") % {"path": " → ".join(cycle)}
    if indicator.factor == 0:
        errors["factor"] = _("A factor of zero makes every value zero.")
    if indicator.baseline_period:
        from maillage.indicators.models import normalise_period

        period = normalise_period(indicator.baseline_period)
        if period is None:
            errors["baseline_period"] = _("Write a year (2024) or a quarter (2024-Q3).")
        else:
            indicator.baseline_period = period
    if errors:
        raise ValidationError(errors)
