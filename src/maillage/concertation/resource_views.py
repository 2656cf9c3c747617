"""A network's resources: read by its readers, entered and corrected by its coordinators, exported."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from maillage.accounts.permissions import can_write_network
from maillage.concertation.actions import do_record_resource, do_withdraw_resource
from maillage.concertation.forms import ResourceEntryForm
from maillage.concertation.models import ResourceEntry
from maillage.concertation.resource_import import do_import_resources, parse_resources
from maillage.concertation.resources import current_resources, resources_csv, totals_by_year
from maillage.networks.models import Network
from maillage.networks.permissions import get_network_for


def _current_entry(network: Network, entry_pk: int) -> ResourceEntry:
    """A line in force of this network (a corrected or withdrawn version cannot be corrected again)."""
    return get_object_or_404(current_resources([network.pk]), pk=entry_pk, network=network)


@login_required
def resources_page(request: HttpRequest, pk: int) -> HttpResponse:
    network = get_network_for(request.user, pk)
    entries = list(current_resources([network.pk]))
    context = {
        "network": network,
        "years": totals_by_year(entries),
        "versions": ResourceEntry.objects.filter(network=network).count(),
        "can_edit": can_write_network(request.user, network),
    }
    return render(request, "concertation/resources.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def resource_edit(request: HttpRequest, pk: int, entry_pk: int | None = None) -> HttpResponse:
    """A new line, or (with `entry_pk`) a correction recorded as a new version of the line."""
    network = get_network_for(request.user, pk, write=True)
    earlier = _current_entry(network, entry_pk) if entry_pk else None
    # The form edits a copy: the earlier version itself is never changed.
    draft = ResourceEntry.objects.get(pk=earlier.pk) if earlier else None
    form = ResourceEntryForm(request.POST or None, instance=draft)
    if request.method == "POST" and form.is_valid():
        try:
            do_record_resource(form, network, request.user, replaces=earlier)
        except IntegrityError:
            messages.error(request, _("This line was corrected meanwhile; here is its latest version."))
            return redirect("concertation:resources", pk=network.pk)
        messages.success(request, _("Resource recorded; earlier versions are kept."))
        return redirect("concertation:resources", pk=network.pk)
    context = {"form": form, "network": network, "earlier": earlier}
    return render(request, "concertation/resource_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def resource_withdraw(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    network = get_network_for(request.user, pk, write=True)
    entry = _current_entry(network, entry_pk)
    if request.method == "POST":
        try:
            do_withdraw_resource(entry, request.user)
        except IntegrityError:
            messages.error(request, _("This line was corrected meanwhile; here is its latest version."))
            return redirect("concertation:resources", pk=network.pk)
        messages.success(request, _("Resource withdrawn; it stays in the history."))
        return redirect("concertation:resources", pk=network.pk)
    return render(request, "concertation/resource_withdraw.html", {"network": network, "entry": entry})


@login_required
def resources_export(request: HttpRequest, pk: int) -> HttpResponse:
    network = get_network_for(request.user, pk)
    response = HttpResponse(resources_csv(network), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="resources-network-{network.pk}.csv"'
    return response


MAX_UPLOAD = 5 * 1024 * 1024


@login_required
@require_http_methods(["GET", "POST"])
def resources_import(request: HttpRequest, pk: int) -> HttpResponse:
    """A CSV or XLSX file of resources: every line checked first; all of them are added, or none."""
    network = get_network_for(request.user, pk, write=True)
    errors: list[str] = []
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            errors = [_("Choose a CSV or XLSX file.")]
        elif upload.size > MAX_UPLOAD:
            errors = [_("The file is larger than 5 MB.")]
        else:
            checked = parse_resources(upload.read(), network)
            errors = checked.errors
            if not errors and not checked.entries:
                errors = [_("The file has no resource line.")]
            if not errors:
                count = do_import_resources(network, checked.entries, request.user)
                messages.success(request, _("%(count)d resource lines imported.") % {"count": count})
                return redirect("concertation:resources", pk=network.pk)
    context = {"network": network, "errors": errors[:50], "more": max(0, len(errors) - 50)}
    return render(request, "concertation/resource_import.html", context)
