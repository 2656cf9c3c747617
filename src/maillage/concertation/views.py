from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from maillage.concertation.charts import overlap_heatmap
from maillage.concertation.data import MATRIX_MAX, concertation_for
from maillage.concertation.forms import SpaceProfileForm, ThresholdsForm
from maillage.concertation.models import SpaceProfile
from maillage.dashboards.scope import scope_for
from maillage.networks.permissions import get_network_for

PAIRS_SHOWN = 100


@login_required
def territory_concertation(request: HttpRequest, pk: int) -> HttpResponse:
    """A territory's concertation spaces that the reader may read, how they overlap, who sits everywhere."""
    scope = scope_for(request.user, "territory", pk)
    form = ThresholdsForm(request.GET or None)
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
