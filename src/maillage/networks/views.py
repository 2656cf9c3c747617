from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from maillage.accounts.permissions import can_write_network, is_coordinator_somewhere
from maillage.concertation.actions import do_create_space
from maillage.concertation.forms import ProposalForm
from maillage.listing import paginate
from maillage.networks.actions import (
    do_remove_membership,
    do_save_membership,
    do_update_network,
)
from maillage.networks.forms import MembershipForm, NetworkFilterForm, NetworkForm
from maillage.networks.models import Membership, Network
from maillage.networks.permissions import get_network_for, readable_networks
from maillage.networks.queries import current_member_count
from maillage.ties.forms import TieFilterForm
from maillage.ties.queries import network_ties

# From this many memberships, the network's page folds the list and loads it only when opened.
FOLDED_MEMBERS = 40


@login_required
def network_list(request: HttpRequest) -> HttpResponse:
    form = NetworkFilterForm(request.GET or None)
    # The lead organizations of one page are fetched by key: joined to every network before the sort and
    # the LIMIT, they made PostgreSQL scan the whole directory (11 ms at 20,000 organizations).
    networks = (
        readable_networks(request.user).select_related("territory").prefetch_related("lead_organization")
    )
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
    counts = Membership.objects.filter(network=network).aggregate(
        total=Count("id"), current=Count("id", filter=Q(end_date__isnull=True))
    )
    tie_form = TieFilterForm(request.GET or None, network=network)
    ties = network_ties(network, tie_form.cleaned_data if tie_form.is_valid() else {})
    page, query = paginate(request, ties)
    return render(
        request,
        "networks/network_detail.html",
        {
            "network": network,
            # A long list starts folded and is read only when opened (networks/_members.html).
            "members": _members(network) if counts["total"] < FOLDED_MEMBERS else None,
            "member_total": counts["total"],
            "member_count": counts["current"],
            "tie_form": tie_form,
            "page": page,
            "query": query,
            "can_edit": can_write_network(request.user, network),
            "today": datetime.date.today(),
        },
    )


@login_required
def network_members(request: HttpRequest, pk: int) -> HttpResponse:
    """Every membership of a network, current and ended: the folded list of the network's page, opened.

    The network's page asks for the table alone (htmx) when its reader unfolds it; without JavaScript
    the same address is a page of its own.
    """
    network = get_network_for(request.user, pk)
    template = (
        "networks/_members.html" if request.headers.get("HX-Request") else "networks/network_members.html"
    )
    return render(
        request,
        template,
        {
            "network": network,
            "members": _members(network),
            "can_edit": can_write_network(request.user, network),
        },
    )


def _members(network: Network) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(network=network)
        .select_related("organization__sector")
        .order_by("end_date", "organization__name_fr")
    )


@login_required
@require_http_methods(["GET", "POST"])
def network_create(request: HttpRequest) -> HttpResponse:
    if not is_coordinator_somewhere(request.user):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    form = NetworkForm(request.POST or None)
    # Themes and proposed members: compared with the spaces already there ("this table may already exist").
    proposal = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and proposal.is_valid():
        network = do_create_space(form, proposal, request.user)
        messages.success(request, _("Network created."))
        return redirect("networks:detail", pk=network.pk)
    return render(request, "networks/network_form.html", {"form": form, "proposal": proposal})


@login_required
@require_http_methods(["GET", "POST"])
def network_edit(request: HttpRequest, pk: int) -> HttpResponse:
    network = get_network_for(request.user, pk, write=True)
    form = NetworkForm(request.POST or None, instance=network)
    if request.method == "POST" and form.is_valid():
        do_update_network(form, form.cleaned_data.get("valid_from"))
        messages.success(request, _("Changes saved."))
        return redirect("networks:detail", pk=network.pk)
    return render(request, "networks/network_form.html", {"form": form, "network": network})


@login_required
@require_http_methods(["GET", "POST"])
def membership_add(request: HttpRequest, pk: int) -> HttpResponse:
    network = get_network_for(request.user, pk, write=True)
    # From an organization's page, the organization comes already picked (`?organization=<id>`).
    picked = request.GET.get("organization", "")
    initial = {"organization": picked} if picked.isdigit() else {}
    form = MembershipForm(request.POST or None, network=network, initial=initial)
    if request.method == "POST" and form.is_valid():
        membership = do_save_membership(form.save(commit=False))
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
        do_save_membership(form.save(commit=False))
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
        do_remove_membership(membership)
        messages.success(request, _("Membership removed."))
        return redirect("networks:detail", pk=network.pk)
    return render(
        request, "networks/membership_confirm_delete.html", {"network": network, "membership": membership}
    )
