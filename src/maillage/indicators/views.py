from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from maillage.accounts.permissions import can_write_network, is_admin
from maillage.directory.models import Territory
from maillage.indicators.actions import do_delete_value, do_import_values, do_set_value
from maillage.indicators.charts import time_series
from maillage.indicators.comparison import comparison, groups_for
from maillage.indicators.compute import Registry
from maillage.indicators.expressions import readable_formula
from maillage.indicators.forms import CompareForm, ImportForm, ValueForm, YearForm
from maillage.indicators.imports import parse_values
from maillage.indicators.models import DataElement, DataValue, Family, Indicator, LegendBand, ValueChange
from maillage.indicators.scorecard import (
    TREND_YEARS,
    ScorecardRow,
    network_scorecard,
    rolled_cells,
    scorecard_for_networks,
    target_for,
    territory_scorecard,
)
from maillage.listing import paginate
from maillage.networks.periods import network_period_kind, period_label
from maillage.networks.permissions import get_network_for, readable_networks

SERIES_YEARS = 10


def by_question(rows: list[ScorecardRow]) -> list[tuple[str, list[ScorecardRow]]]:
    groups: dict[str, list[ScorecardRow]] = {}
    for row in rows:
        groups.setdefault(row.rba_question, []).append(row)
    return list(groups.items())


def _scorecard_page(
    request: HttpRequest, rows: list[ScorecardRow], year: int, kind: str, **context: object
) -> HttpResponse:
    """`kind`: the networks' year (fiscal or calendar), which names the periods on the page."""
    context |= {
        "groups": by_question(rows),
        "year": year,
        "year_label": period_label(year, kind),
        "first_label": period_label(year - TREND_YEARS + 1, kind),
        "form": YearForm(request.GET or None),
    }
    return render(request, "indicators/scorecard.html", context)


@login_required
def registry(request: HttpRequest) -> HttpResponse:
    indicators = Indicator.objects.prefetch_related(
        Prefetch("bands", queryset=LegendBand.objects.order_by("lower"))
    )
    elements = list(DataElement.objects.order_by("source", "code"))
    names = {element.code: element.name for element in elements}
    for indicator in indicators:
        indicator.readable_formula = readable_formula(indicator, names)
    families = [(label, [i for i in indicators if i.family == code]) for code, label in Family.choices]
    return render(
        request,
        "indicators/registry.html",
        {
            "families": [f for f in families if f[1]],
            "elements": elements,
            "show_codes": is_admin(request.user),
        },
    )


@login_required
def network_view(request: HttpRequest, pk: int) -> HttpResponse:
    network = get_network_for(request.user, pk)
    year = YearForm(request.GET or None).year_or_default(network.reporting_period)
    return _scorecard_page(
        request, network_scorecard(network, year), year, network.reporting_period,
        title=network.name, network=network, can_edit=can_write_network(request.user, network),
    )  # fmt: skip


@login_required
def territory_view(request: HttpRequest, pk: int) -> HttpResponse:
    territory = get_object_or_404(Territory, pk=pk)
    year = YearForm(request.GET or None).year_or_default()
    visible = readable_networks(request.user)
    rows = territory_scorecard(territory, year, networks=visible)
    inside = visible.filter(territory__path__startswith=territory.path)
    return _scorecard_page(
        request, rows, year, network_period_kind(inside), title=territory.name, territory=territory,
        network_count=inside.count(),
    )  # fmt: skip


@login_required
def province_view(request: HttpRequest) -> HttpResponse:
    year = YearForm(request.GET or None).year_or_default()
    visible = readable_networks(request.user)
    ids = list(visible.values_list("pk", flat=True))
    rows = scorecard_for_networks(ids, year)
    return _scorecard_page(
        request, rows, year, network_period_kind(visible), title=_("All the networks you can see"),
        network_count=len(ids),
    )  # fmt: skip


@login_required
def compare(request: HttpRequest) -> HttpResponse:
    form = CompareForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    year, by, family = (
        form.year_or_default(),
        data.get("by") or "network",
        data.get("family") or Family.PROCESS,
    )
    indicators = list(Indicator.objects.filter(active=True, family=family).order_by("order", "code"))
    networks = readable_networks(request.user).select_related("territory").order_by("name_fr", "id")
    page, query = None, ""
    if by == "network":
        page, query = paginate(request, networks)
        named = {str(n.pk): n for n in page.object_list}
        rows = comparison({key: [n.pk] for key, n in named.items()}, indicators, year, named)
    else:
        rows = comparison(groups_for(by, networks), indicators, year)
    context = {
        "form": form,
        "rows": rows,
        "indicators": indicators,
        "year": year,
        "page": page,
        "query": query,
    }
    return render(request, "indicators/compare.html", context)


@login_required
def series(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    network = get_network_for(request.user, pk)
    registry = Registry.load()
    indicator = registry.by_code.get(code)
    if indicator is None:
        return render(request, "404.html", status=404)
    last = YearForm(request.GET or None).year_or_default()
    years = list(range(last - SERIES_YEARS + 1, last + 1))
    cells = rolled_cells(registry, {"network": [network.pk]}, years)["network"]
    points = [(str(y), _rounded(cells.get((code, y)), indicator.decimals)) for y in years]
    targets = [(str(y), t) for y in years if (t := target_for(indicator, y)) is not None]
    chart = time_series(indicator.name, indicator.unit, points, targets)
    return render(
        request, "indicators/series.html", {"network": network, "indicator": indicator, "chart": chart}
    )


def _rounded(cell, decimals: int) -> float | None:
    return None if cell is None or cell.value is None else round(cell.value, decimals)


@login_required
@require_http_methods(["GET", "POST"])
def values(request: HttpRequest, pk: int) -> HttpResponse:
    network = get_network_for(request.user, pk, write=request.method == "POST")
    can_edit = can_write_network(request.user, network)
    form = ValueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        changed = do_set_value(request.user, network, form.row())
        messages.success(request, _("Value saved.") if changed else _("The value was already that."))
        return redirect("indicators:values", pk=network.pk)
    entered = DataValue.objects.filter(network=network).select_related("element", "updated_by")
    page, query = paginate(request, entered.order_by("-period", "element__code"))
    history = ValueChange.objects.filter(network=network).select_related("element", "user")[:30]
    context = {"network": network, "form": form, "page": page, "query": query, "history": history}
    return render(request, "indicators/values.html", context | {"can_edit": can_edit})


@login_required
@require_POST
def value_delete(request: HttpRequest, pk: int, value_pk: int) -> HttpResponse:
    network = get_network_for(request.user, pk, write=True)
    value = get_object_or_404(
        DataValue.objects.select_related("element", "network"), pk=value_pk, network=network
    )
    do_delete_value(request.user, value)
    messages.success(request, _("Value deleted."))
    return redirect("indicators:values", pk=network.pk)


@login_required
@require_http_methods(["GET", "POST"])
def values_import(request: HttpRequest, pk: int) -> HttpResponse:
    network = get_network_for(request.user, pk, write=True)
    form = ImportForm(request.POST or None, request.FILES or None)
    parsed = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        parsed = parse_values(upload.read(), upload.name)
        if form.cleaned_data["apply"] and not parsed.errors:
            changed = do_import_values(request.user, network, parsed.rows)
            messages.success(request, _("%(n)s values saved.") % {"n": changed})
            return redirect("indicators:values", pk=network.pk)
    return render(request, "indicators/import.html", {"network": network, "form": form, "parsed": parsed})
