from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from maillage.accounts.permissions import (
    is_admin,
    is_coordinator_somewhere,
    readable_network_filter,
    writable_network_ids,
)
from maillage.directory.actions import do_confirm_stewardship
from maillage.directory.duplicates import confirmation_token, possible_duplicates
from maillage.directory.fields import suggestion_labels
from maillage.directory.forms import (
    OrganizationFilterForm,
    OrganizationForm,
    TerritoryFilterForm,
    TerritoryForm,
)
from maillage.directory.models import Organization, Territory
from maillage.directory.permissions import (
    can_edit_organization,
    ensure_can_create_organization,
    get_organization_for,
    get_territory_for,
    pending_networks,
)
from maillage.directory.search import search_terms
from maillage.listing import paginate
from maillage.networks.models import Membership, Network
from maillage.networks.permissions import readable_networks
from maillage.ties.models import Tie


def filtered_organizations(form: OrganizationFilterForm):
    organizations = Organization.objects.select_related("sector", "territory")
    data = form.cleaned_data if form.is_valid() else {}
    for term in search_terms(data.get("q", "")):
        organizations = organizations.filter(search_text__contains=term)
    if data.get("sector"):
        organizations = organizations.filter(sector=data["sector"])
    if data.get("territory"):
        organizations = organizations.filter(territory__path__startswith=data["territory"].path)
    status = data.get("active", "")
    if status == "":
        organizations = organizations.filter(active=True)
    elif status == "inactive":
        organizations = organizations.filter(active=False)
    return organizations


@login_required
def organization_list(request: HttpRequest) -> HttpResponse:
    form = OrganizationFilterForm(request.GET or None)
    page, query = paginate(request, filtered_organizations(form))
    template = (
        "directory/_organization_rows.html"
        if request.headers.get("HX-Request")
        else ("directory/organization_list.html")
    )
    return render(
        request,
        template,
        {"form": form, "page": page, "query": query, "can_create": is_coordinator_somewhere(request.user)},
    )


@login_required
def organization_suggest(request: HttpRequest) -> HttpResponse:
    """Suggestions for the organization picker: at most 20 names matching what was typed."""
    organizations = Organization.objects.filter(active=True)
    terms = search_terms(request.GET.get("q", "") or next(iter(request.GET.values()), ""))
    if not terms:
        return render(request, "widgets/organization_suggestions.html", {"labels": []})
    for term in terms:
        organizations = organizations.filter(search_text__contains=term)
    labels = suggestion_labels(organizations.select_related("territory")[:20])
    return render(request, "widgets/organization_suggestions.html", {"labels": labels})


@login_required
def organization_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organization = get_organization_for(request.user, pk)
    memberships = (
        Membership.objects.filter(organization=organization)
        .filter(readable_network_filter(request.user, prefix="network__"))
        .select_related("network__territory")
        .order_by("end_date", "network__name_fr")
    )
    ties = (
        Tie.objects.involving(organization)
        .filter(readable_network_filter(request.user, prefix="network__"))
        .select_related("organization_a__sector", "organization_b__sector", "network")
        .order_by("-current_level", "id")
    )
    page, query = paginate(request, ties)
    can_edit = can_edit_organization(request.user, organization)
    pending = Network.objects.filter(pk__in=pending_networks(request.user, organization)).order_by("name_fr")
    # The networks the reader coordinates that it does not sit in yet: one link each to add it there.
    joinable = (
        Network.objects.filter(pk__in=writable_network_ids(request.user))
        .exclude(memberships__organization=organization)
        .order_by("name_fr")
    )
    return render(
        request,
        "directory/organization_detail.html",
        {
            "organization": organization,
            "memberships": memberships,
            "page": page,
            "query": query,
            "populations": organization.populations.all(),
            "contacts": organization.contacts.all() if can_edit else None,
            "can_edit": can_edit,
            "pending_networks": pending,
            "joinable_networks": joinable,
        },
    )


@login_required
@require_POST
def stewardship_confirm(request: HttpRequest, pk: int, network_pk: int) -> HttpResponse:
    """Someone who may edit the organization lets the coordinators of another of its networks do so."""
    organization = get_organization_for(request.user, pk)
    if network_pk not in pending_networks(request.user, organization):
        raise PermissionDenied
    do_confirm_stewardship(organization, network_pk, request.user)
    messages.success(request, _("The coordinators of that network may now edit this organization."))
    return redirect("directory:organization_detail", pk=organization.pk)


@login_required
@require_http_methods(["GET", "POST"])
def organization_create(request: HttpRequest) -> HttpResponse:
    ensure_can_create_organization(request.user)
    form = OrganizationForm(request.POST or None)
    context: dict[str, object] = {"form": form}
    if request.method == "POST" and form.is_valid():
        names = [form.cleaned_data.get("name_fr") or "", form.cleaned_data.get("name_en") or ""]
        token = confirmation_token(names)
        duplicates = [] if request.POST.get("confirmed") == token else possible_duplicates(names)
        if not duplicates:
            organization = form.save()
            messages.success(request, _("Organization created."))
            return redirect("directory:organization_detail", pk=organization.pk)
        # Seen once, confirmed by the same names sent again: nothing is created until then.
        context.update(duplicates=duplicates, confirmation=token)
    return render(request, "directory/organization_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def organization_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organization = get_organization_for(request.user, pk, write=True)
    form = OrganizationForm(request.POST or None, instance=organization)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Changes saved."))
        return redirect("directory:organization_detail", pk=organization.pk)
    return render(request, "directory/organization_form.html", {"form": form, "organization": organization})


@login_required
def territory_list(request: HttpRequest) -> HttpResponse:
    form = TerritoryFilterForm(request.GET or None)
    territories = Territory.objects.select_related("parent").annotate(
        organization_count=Count("organization", distinct=True)
    )
    data = form.cleaned_data if form.is_valid() else {}
    for term in (data.get("q") or "").split():
        territories = territories.filter(
            Q(name_fr__icontains=term) | Q(name_en__icontains=term) | Q(code__icontains=term)
        )
    if data.get("kind"):
        territories = territories.filter(kind=data["kind"])
    page, query = paginate(request, territories.order_by("path"))
    return render(
        request,
        "directory/territory_list.html",
        {"form": form, "page": page, "query": query, "can_create": is_admin(request.user)},
    )


@login_required
def territory_detail(request: HttpRequest, pk: int) -> HttpResponse:
    territory = get_territory_for(request.user, pk)

    networks = readable_networks(request.user).filter(territory__path__startswith=territory.path)
    return render(
        request,
        "directory/territory_detail.html",
        {
            "territory": territory,
            "ancestors": territory.ancestors(),
            "children": territory.children.all(),
            "successions": territory.successions.select_related("successor"),
            "precedents": territory.precedents.select_related("predecessor"),
            "networks": networks.select_related("territory")[:100],
            "organization_count": Organization.objects.filter(
                territory__path__startswith=territory.path
            ).count(),
            "can_edit": is_admin(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def territory_create(request: HttpRequest) -> HttpResponse:
    if not is_admin(request.user):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    form = TerritoryForm(request.POST or None, initial={"parent": request.GET.get("parent")})
    if request.method == "POST" and form.is_valid():
        territory = form.save()
        messages.success(request, _("Territory created."))
        return redirect("directory:territory_detail", pk=territory.pk)
    return render(request, "directory/territory_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def territory_edit(request: HttpRequest, pk: int) -> HttpResponse:
    territory = get_territory_for(request.user, pk, write=True)
    form = TerritoryForm(request.POST or None, instance=territory)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Changes saved."))
        return redirect("directory:territory_detail", pk=territory.pk)
    return render(request, "directory/territory_form.html", {"form": form, "territory": territory})
