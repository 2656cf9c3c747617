"""The searchable list with facets, shared by the signed-in register and the public observatory site."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _

from maillage.accounts.permissions import AnyUser
from maillage.initiatives.forms import InitiativeFilterForm
from maillage.initiatives.search import facet_counts, search_initiatives
from maillage.listing import paginate


@dataclass
class FacetValue:
    label: str
    count: int
    url: str
    active: bool


def _toggle_url(request: HttpRequest, key: str, value: str) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    if params.get(key) == value:
        params.pop(key)
    else:
        params[key] = value
    return "?" + params.urlencode()


def browse_context(request: HttpRequest, user: AnyUser | None) -> dict[str, Any]:
    """Form, page of results and facets for `user` (None: the public site, public initiatives only)."""
    form = InitiativeFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    initiatives = search_initiatives(data.get("q", ""), data, user)
    counts = facet_counts(initiatives)
    titles = {
        "region": _("Region"),
        "population": _("Population"),
        "strategy": _("Strategy"),
        "determinant": _("Determinant of health"),
        "success_factor": _("Success factor"),
        "stage": _("Stage"),
    }
    facets = []
    for key, title in titles.items():
        values = []
        for entry in counts[key]:
            value, label, count = (
                (entry[0], entry[1], entry[2])
                if key == "stage"
                else (
                    str(entry[0].pk),
                    entry[0].name,
                    entry[1],
                )
            )
            values.append(
                FacetValue(str(label), count, _toggle_url(request, key, value), request.GET.get(key) == value)
            )
        if values:
            facets.append((title, values))
    page, query = paginate(
        request,
        initiatives.select_related("territory").prefetch_related("populations", "determinants"),
    )
    return {"form": form, "page": page, "query": query, "facets": facets, "searching": bool(data.get("q"))}
