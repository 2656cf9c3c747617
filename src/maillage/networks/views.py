from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from maillage.accounts.permissions import can_write_network, is_coordinator_somewhere, readable_networks
from maillage.listing import paginate
from maillage.networks.actions import do_create_network
from maillage.networks.forms import MembershipForm, NetworkFilterForm, NetworkForm
from maillage.networks.models import Membership
from maillage.networks.permissions import get_network_for
from maillage.networks.queries import current_member_count
from maillage.ties.forms import TieFilterForm
from maillage.ties.queries import network_ties


@login_required
def network_list(request: HttpRequest) -> HttpResponse:
    form = NetworkFilterForm(request.GET or None)
    networks = readable_networks(request.user).select_related("territory", "lead_organization")
    data = form.cleaned_data if form.is_valid() else {}
    for term in (data.get("q") or "").split():
        networks = networks.filter(Q(name_fr__icontains=term) | Q(name_en__icontains=term))
    if data.get("kind"):
        networks = networks.filter(kind=data["kind"])
    if data.get("territory"):
        networks = networks.filter(territory__path__startswith=data["territory"].path)
    networks = networks.annotate(member_count=current_member_count()).order_by("name_fr", "id")
    page, query = paginate(request, networks)
    return render(
        request,
        "networks/network_list.html",
        {"form": form, "page": page, "query": query, "can_create": is_coordinator_somewhere(request.user)},
    )


@login_required
def network_detail(request: HttpRequest, pk: int) -> HttpResponse:
    network = get_network_for(request.user, pk)
    members = (
        Membership.objects.filter(network=network)
        .select_related("organization__sector", "organization__territory")
        .order_by("end_date", "organization__name_fr")
    )
    tie_form = TieFilterForm(request.GET or None, network=network)
    ties = network_ties(network, tie_form.cleaned_data if tie_form.is_valid() else {})
    page, query = paginate(request, ties)
    return render(
        request,
        "networks/network_detail.html",
        {
            "network": network,
            "members": members,
            "member_count": members.filter(end_date__isnull=True).count(),
            "tie_form": tie_form,
            "page": page,
            "query": query,
            "can_edit": can_write_network(request.user, network),
            "membership_form": MembershipForm(network=network),
            "today": datetime.date.today(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def network_create(request: HttpRequest) -> HttpResponse:
    if not is_coordinator_somewhere(request.user):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    form = NetworkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        network = do_create_network(form, request.user)
        messages.success(request, _("Network created."))
        return redirect("networks:detail", pk=network.pk)
    return render(request, "networks/network_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def network_edit(request: HttpRequest, pk: int) -> HttpResponse:
    network = get_network_for(request.user, pk, write=True)
    form = NetworkForm(request.POST or None, instance=network)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Changes saved."))
        return redirect("networks:detail", pk=network.pk)
    return render(request, "networks/network_form.html", {"form": form, "network": network})


@login_required
@require_http_methods(["GET", "POST"])
def membership_add(request: HttpRequest, pk: int) -> HttpResponse:
    network = get_network_for(request.user, pk, write=True)
    form = MembershipForm(request.POST or None, network=network)
    if request.method == "POST" and form.is_valid():
        membership = form.save()
        messages.success(
            request, _("%(organization)s joined the network.") % {"organization": membership.organization}
        )
        return redirect("networks:detail", pk=network.pk)
    return render(request, "networks/membership_form.html", {"form": form, "network": network})


@login_required
@require_http_methods(["GET", "POST"])
def membership_edit(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    network = get_network_for(request.user, pk, write=True)
    membership = get_object_or_404(
        Membership.objects.select_related("organization"), pk=membership_pk, network=network
    )
    form = MembershipForm(request.POST or None, instance=membership, network=network)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Changes saved."))
        return redirect("networks:detail", pk=network.pk)
    return render(
        request, "networks/membership_form.html", {"form": form, "network": network, "membership": membership}
    )


@login_required
@require_http_methods(["GET", "POST"])
def membership_delete(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    """Asks for confirmation first.

    Ending a membership (an end date) keeps its history and is usually the better choice.
    """
    network = get_network_for(request.user, pk, write=True)
    membership = get_object_or_404(
        Membership.objects.select_related("organization"), pk=membership_pk, network=network
    )
    if request.method == "POST":
        membership.delete()
        messages.success(request, _("Membership removed."))
        return redirect("networks:detail", pk=network.pk)
    return render(
        request, "networks/membership_confirm_delete.html", {"network": network, "membership": membership}
    )
