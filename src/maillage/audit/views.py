"""The audit trail pages: one per network for its coordinators, and all events for the administrators."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from maillage.audit.forms import EventFilterForm
from maillage.audit.queries import events_for
from maillage.listing import paginate
from maillage.networks.models import Network


def _render_events(request: HttpRequest, events, network: Network | None) -> HttpResponse:
    form = EventFilterForm(request.GET or None)
    events = form.apply(events).select_related("user", "network").order_by("-at", "-id")
    page, query = paginate(request, events)
    context = {"form": form, "page": page, "query": query, "network": network}
    return render(request, "audit/event_list.html", context, status=400 if form.errors else 200)


@login_required
def network_log(request: HttpRequest, pk: int) -> HttpResponse:
    network = get_object_or_404(Network.objects.select_related("territory"), pk=pk)
    return _render_events(request, events_for(request.user, network), network)


@login_required
def full_log(request: HttpRequest) -> HttpResponse:
    """Every event for an administrator; for a coordinator, the events of the networks they coordinate."""
    return _render_events(request, events_for(request.user), None)
