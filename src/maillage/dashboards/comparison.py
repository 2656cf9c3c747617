"""Side by side: two networks at their latest wave, or one network at two waves."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, QueryDict
from django.utils.translation import gettext as _

from maillage.accounts.permissions import AnyUser
from maillage.analysis import report_from_dataset
from maillage.networks.models import Network
from maillage.observatory import (
    ARROWS,
    MEASURES,
    Headline,
    dataset_for,
    format_change,
    headlines,
    observation_dates,
    scope_for,
)


def _network(user: AnyUser, value: str | None) -> Network | None:
    if not value or not value.isdigit():
        return None
    try:
        return scope_for(user, "network", int(value)).network
    except (Http404, PermissionDenied):
        return None


def _column(network: Network, as_of: str | None, language: str) -> dict[str, Any]:
    dataset = dataset_for(Network.objects.filter(pk=network.pk), language)
    dates = observation_dates(dataset)
    if dataset.ties.empty:
        return {"network": network, "as_of": None, "dates": dates, "headlines": []}
    date = as_of if as_of in dates else (dates[-1] if dates else None)
    report = report_from_dataset(dataset, as_of=date, scenarios=[], curve=False)
    return {"network": network, "as_of": date, "dates": dates, "headlines": headlines(report, None)}


def comparison_for(
    user: AnyUser, params: QueryDict, visible: QuerySet[Network], *, language: str
) -> dict[str, Any]:
    first, second = _network(user, params.get("a")), _network(user, params.get("b"))
    errors = []
    if params.get("a") and first is None:
        errors.append(_("The first network does not exist or you cannot see it."))
    if params.get("b") and second is None:
        errors.append(_("The second network does not exist or you cannot see it."))
    if first is None:
        return {"errors": errors, "columns": [], "rows": [], "params": params}
    columns = [
        _column(first, params.get("a_date"), language),
        _column(second or first, params.get("b_date"), language),
    ]
    if second is None and columns[0]["dates"] and not params.get("b_date"):
        # One network alone: compare its first and latest waves.
        columns[1] = _column(first, columns[0]["dates"][-1], language)
        columns[0] = _column(first, params.get("a_date") or columns[0]["dates"][0], language)
    rows = []
    by_key = [{h.key: h for h in column["headlines"]} for column in columns]
    for item in columns[0]["headlines"] or columns[1]["headlines"]:
        left: Headline | None = by_key[0].get(item.key)
        right: Headline | None = by_key[1].get(item.key)
        difference = ""
        if left is not None and right is not None and left.value is not None and right.value is not None:
            change = float(right.value) - float(left.value)
            measure = MEASURES[item.key]
            difference = f"{ARROWS[measure.direction(change)]}\u00a0{format_change(measure, change)}"
        rows.append(
            {
                "label": item.label,
                "definition": item.definition,
                "left": left,
                "right": right,
                "difference": difference,
            }
        )
    return {"errors": errors, "columns": columns, "rows": rows, "params": params}
