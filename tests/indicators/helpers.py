"""Small builders for indicator tests (other modules, e.g. the permission matrix, may use them)."""

from __future__ import annotations

from maillage.indicators.models import DataElement, DataValue, Indicator


def element(code: str, source: str = "manual", **extra) -> DataElement:
    return DataElement.objects.create(code=code, name_en=code, source=source, **extra)


def indicator(code: str, numerator: str, denominator: str = "", **extra) -> Indicator:
    fields = {"name_en": code, "rba_kind": "how_much", "aggregation": "sum", "family": "other"} | extra
    made = Indicator(code=code, numerator=numerator, denominator=denominator, **fields)
    made.full_clean()
    made.save()
    return made


def value(network, code: str, period: str, number: float) -> DataValue:
    return DataValue.objects.create(
        element=DataElement.objects.get(code=code), network=network, period=period, value=number
    )


def only(*codes: str) -> None:
    """Deactivate every indicator except these, so a scorecard has just the rows a test looks at."""
    Indicator.objects.exclude(code__in=codes).update(active=False)
