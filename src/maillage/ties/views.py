from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from maillage.accounts.permissions import can_write_network
from maillage.networks.permissions import get_network_for
from maillage.ties.actions import do_create_tie, do_observe
from maillage.ties.forms import ObservationForm, TieCreateForm
from maillage.ties.permissions import get_tie_for


@login_required
@require_http_methods(["GET", "POST"])
def tie_create(request: HttpRequest, network_pk: int) -> HttpResponse:
    network = get_network_for(request.user, network_pk, write=True)
    form = TieCreateForm(request.POST or None, network=network)
    if request.method == "POST" and form.is_valid():
        try:
            tie = do_create_tie(
                form.cleaned_data["organization_a"],
                form.cleaned_data["organization_b"],
                network,
                form.observation_data(),
                request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)  # a dict of field errors lands next to its fields
        else:
            messages.success(request, _("Tie recorded."))
            return redirect("ties:detail", pk=tie.pk)
    return render(request, "ties/tie_form.html", {"form": form, "network": network})


@login_required
@require_http_methods(["GET", "POST"])
def tie_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The tie's history, oldest first, and — for its coordinators — a form to record a new observation."""
    tie = get_tie_for(request.user, pk)
    can_edit = tie.network is not None and can_write_network(request.user, tie.network)
    form = None
    if can_edit:
        latest = tie.observations.order_by("-observed_on", "-id").first()
        initial = {"level": tie.current_level, "formality": tie.current_formality}
        if latest:
            initial.update(
                {f: getattr(latest, f) for f in ("referrals", "information", "resources", "joint_projects")}
            )
        form = ObservationForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            do_observe(tie, form.observation_data(), request.user)
            messages.success(request, _("Observation recorded; the earlier ones are kept."))
            return redirect("ties:detail", pk=tie.pk)
    elif request.method == "POST":
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    observations = tie.observations.select_related("recorded_by").order_by("observed_on", "id")
    return render(
        request,
        "ties/tie_detail.html",
        {"tie": tie, "observations": observations, "form": form, "can_edit": can_edit},
    )
