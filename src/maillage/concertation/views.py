from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from maillage.accounts.permissions import is_coordinator_somewhere
from maillage.concertation.charts import overlap_heatmap
from maillage.concertation.data import MATRIX_MAX, Thresholds, concertation_for
from maillage.concertation.forms import ProposalForm, SpaceProfileForm, ThresholdsForm
from maillage.concertation.models import SpaceProfile
from maillage.concertation.similar import MEMBER_SHARE, similar_spaces
from maillage.directory.models import Territory
from maillage.networks.permissions import get_network_for
from maillage.observatory import scope_for

PAIRS_SHOWN = 100
SPACES_SHOWN = 300  # a province's 2,000 rows would be most of the page's time; the API lists them all
# What an unbound form shows: the defaults the page applies.
DEFAULTS = {
    "min_spaces": Thresholds.min_spaces,
    "jaccard": Thresholds.jaccard,
    "containment": Thresholds.containment,
}


@login_required
def territory_concertation(request: HttpRequest, pk: int) -> HttpResponse:
    """A territory's concertation spaces that the reader may read, how they overlap, who sits everywhere."""
    scope = scope_for(request.user, "territory", pk)
    form = ThresholdsForm(request.GET or None, initial=DEFAULTS)
    data = concertation_for(scope, form.thresholds(), language=(get_language() or "fr")[:2])
    names = {space["id"]: space["name"] for space in data.spaces}
    matrix_rows = [
        {"name": names[pk], "cells": cells} for pk, cells in zip(data.matrix_ids, data.matrix, strict=True)
    ]
    return render(
        request,
        "concertation/territory.html",
        {
            "scope": scope,
            "territory": scope.territory,
            "form": form,
            "data": data,
            "pairs_shown": data.pairs[:PAIRS_SHOWN],
            "spaces_shown": data.spaces[:SPACES_SHOWN],
            "matrix_names": [names[pk] for pk in data.matrix_ids],
            "matrix_rows": matrix_rows,
            "matrix_max": MATRIX_MAX,
            "chart": overlap_heatmap(data) if len(data.matrix_ids) > 1 else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def space_profile_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """A network's themes and meeting hours, edited by its coordinators."""
    network = get_network_for(request.user, pk, write=True)
    profile = SpaceProfile.objects.filter(network=network).first() or SpaceProfile(network=network)
    form = SpaceProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Changes saved."))
        return redirect("networks:detail", pk=network.pk)
    return render(request, "concertation/profile_form.html", {"form": form, "network": network})


def _ids(values: list[str], limit: int = 50) -> list[int]:
    # Digits only and short enough for a 64-bit key: anything else is ignored, never a database error.
    return [int(v) for v in values[:limit] if v.isdigit() and len(v) <= 18]


@login_required
@require_GET
def similar_panel(request: HttpRequest) -> HttpResponse:
    """The htmx panel of the new network form: active spaces here and above with the same themes,
    populations or members."""
    if not is_coordinator_somewhere(request.user):
        raise PermissionDenied
    form = ProposalForm(request.GET)
    form.is_valid()
    territory_ids = _ids(request.GET.getlist("territory"), limit=1)
    territory = Territory.objects.filter(pk=territory_ids[0]).first() if territory_ids else None
    members = form.cleaned_data.get("proposed_members") or []
    hits = similar_spaces(
        request.user,
        territory,
        populations=_ids(request.GET.getlist("target_populations")),
        themes=[theme.pk for theme in form.cleaned_data.get("themes") or []],
        members=[organization.pk for organization in members],
    )
    context = {
        "hits": hits,
        "proposed": len(members),
        "member_errors": form.errors.get("proposed_members"),
        "member_share": MEMBER_SHARE,
        "territory": territory,
    }
    return render(request, "concertation/_similar.html", context)
