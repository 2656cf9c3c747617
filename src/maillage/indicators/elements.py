"""The values of data elements per (network, period): entered values, survey aggregates, network metrics.

Each source is read in a fixed number of queries for any number of networks; `data_versions` says
when any of them changed, so cached results can be keyed on it.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence

import numpy as np
from django.db.models import Count, Max, Q

from maillage.indicators.metrics import metric_values, period_end
from maillage.indicators.models import (
    DataElement,
    DataValue,
    ElementSource,
    Indicator,
    IndicatorTarget,
    LegendBand,
)
from maillage.networks.periods import period_of
from maillage.networks.versions import version_of
from maillage.surveys.models import Invitation, Response, Wave

Env = dict[str, float | None]


def registry_version() -> str:
    parts = [
        model.objects.aggregate(n=Count("id"), u=Max("updated_at"))
        for model in (Indicator, DataElement, IndicatorTarget, LegendBand)
    ]
    return ";".join(f"{part['n']}:{part['u']}" for part in parts)


def data_versions(network_ids: list[int]) -> str:
    """A digest that changes whenever the registry or one of the networks' data changes (every write to
    a network's ties, members, surveys or entered values raises its data version)."""
    ids = sorted(network_ids)
    text = f"{ids}|{registry_version()}|{version_of(ids)}"
    return hashlib.sha256(text.encode()).hexdigest()


def manual_columns(network_ids: list[int], periods: list[str]) -> dict[str, np.ndarray]:
    """Entered values as code → array (networks × periods): no join, no model instances, one scatter per
    element (a province holds some 100,000 values)."""
    codes = dict(DataElement.objects.values_list("pk", "code"))
    rows = list(
        DataValue.objects.filter(network__in=network_ids, period__in=periods).values_list(
            "network_id", "period", "element_id", "value"
        )
    )
    shape = (len(network_ids), len(periods))
    if not rows:
        return {}
    row_of = {pk: i for i, pk in enumerate(network_ids)}
    column_of = {period: j for j, period in enumerate(periods)}
    networks, period_list, elements, values = zip(*rows, strict=True)
    i = np.fromiter((row_of[pk] for pk in networks), dtype=np.int64, count=len(rows))
    j = np.fromiter((column_of[p] for p in period_list), dtype=np.int64, count=len(rows))
    element = np.asarray(elements, dtype=np.int64)
    value = np.asarray(values, dtype=np.float64)
    columns = {}
    for element_id in np.unique(element):
        mask = element == element_id
        column = np.full(shape, np.nan)
        column[i[mask], j[mask]] = value[mask]
        columns[codes[int(element_id)]] = column
    return columns


def _period_of(date, periods: set[str], kind: str) -> list[str]:
    """The network's year holding `date` (fiscal or calendar), and its calendar quarter."""
    year = str(period_of(date, kind))
    quarter = f"{date.year}-Q{(date.month - 1) // 3 + 1}"
    return [period for period in (year, quarter) if period in periods]


def survey_values(
    network_ids: list[int], periods: list[str], elements: list[DataElement]
) -> dict[tuple[int, str], Env]:
    """Aggregates of the latest wave of each network in each period (submitted answers only)."""
    wanted = [e for e in elements if e.source not in (ElementSource.MANUAL, ElementSource.METRIC)]
    if not wanted or not periods:
        return {}
    period_set = set(periods)
    latest: dict[tuple[int, str], tuple] = {}
    waves = Wave.objects.filter(network__in=network_ids).exclude(status="draft").order_by("date", "id")
    rows = waves.values_list("id", "network_id", "date", "network__reporting_period")
    for wave_id, network_id, date, kind in rows:
        for period in _period_of(date, period_set, kind):
            latest[(network_id, period)] = (wave_id, date)
    wave_ids = {wave_id for wave_id, _ in latest.values()}
    counts = {
        row["wave"]: (row["invited"], row["submitted"])
        for row in Invitation.objects.filter(wave__in=wave_ids)
        .values("wave")
        .annotate(invited=Count("id"), submitted=Count("id", filter=Q(response__submitted_at__isnull=False)))
    }
    answers: dict[int, list[dict]] = defaultdict(list)
    responses = Response.objects.filter(invitation__wave__in=wave_ids, submitted_at__isnull=False)
    for wave_id, given in responses.values_list("invitation__wave_id", "answers"):
        answers[wave_id].append(given or {})
    found: dict[tuple[int, str], Env] = defaultdict(dict)
    for pair, (wave_id, _date) in latest.items():
        for element in wanted:
            found[pair][element.code] = _survey_value(element, answers[wave_id], counts.get(wave_id, (0, 0)))
    return found


def _numbers(answers: list[dict], code: str) -> list[float]:
    numbers = []
    for given in answers:
        try:
            numbers.append(float(given[code]))
        except (KeyError, TypeError, ValueError):
            continue
    return numbers


def _survey_value(element: DataElement, answers: list[dict], counts: tuple[int, int]) -> float | None:
    if element.source == ElementSource.RESPONSE_RATE:
        invited, submitted = counts
        return 100.0 * submitted / invited if invited else None
    numbers = _numbers(answers, element.parameter)
    if not numbers:
        return None
    if element.source == ElementSource.SURVEY_MEAN:
        return sum(numbers) / len(numbers)
    threshold = element.threshold if element.threshold is not None else 0.0
    return 100.0 * sum(1 for n in numbers if n >= threshold) / len(numbers)


def element_columns(
    network_ids: Sequence[int],
    periods: Sequence[str],
    elements: list[DataElement],
    *,
    metric_periods: Iterable[str] | None = None,
) -> dict[str, np.ndarray]:
    """code → array (networks × periods) of its values, NaN where there is none."""
    ids, wanted = list(network_ids), list(periods)
    row, column = {pk: i for i, pk in enumerate(ids)}, {p: j for j, p in enumerate(wanted)}
    shape = (len(ids), len(wanted))
    columns: dict[str, np.ndarray] = {}

    def put(code: str, pk: int, period: str, value: float | None) -> None:
        if value is not None:
            if code not in columns:
                columns[code] = np.full(shape, np.nan)
            columns[code][row[pk], column[period]] = value

    columns.update(manual_columns(ids, wanted))
    for (pk, period), env in survey_values(ids, wanted, elements).items():
        for code, value in env.items():
            put(code, pk, period, value)
    metric_elements = [e for e in elements if e.source == ElementSource.METRIC]
    if metric_elements:
        measured = wanted if metric_periods is None else sorted(set(metric_periods) & set(wanted))
        for (pk, period), values in metric_values(ids, measured).items():
            for element in metric_elements:
                put(element.code, pk, period, values.get(element.parameter))
    return columns


__all__ = ["Env", "data_versions", "element_columns", "period_end"]
