"""“What if” on the recorded facts of a territory: a space abolished, a funder withdrawing, a reform."""

from __future__ import annotations

import datetime

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from maillage.analysis import AnalysisError
from maillage.concertation.data import active_networks
from maillage.concertation.events import EventRequestError, funders, run_event
from maillage.observatory import scope_for

SPACES_LISTED = 500


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text) if text else datetime.date.today()
    except ValueError:
        return datetime.date.today()


@login_required
def territory_events(request: HttpRequest, pk: int) -> HttpResponse:
    scope = scope_for(request.user, "territory", pk)
    on = _date(request.GET.get("as_of", "")[:10])
    chosen = request.GET.get("event", "")[:40]
    outcome, error = None, None
    if chosen:
        try:
            outcome = run_event(scope, chosen, on, (get_language() or "fr")[:2])
        except (EventRequestError, AnalysisError) as problem:
            error = str(problem)
    spaces = active_networks(scope.networks, on).order_by("name_fr", "id")[:SPACES_LISTED]
    context = {
        "territory": scope.territory,
        "on": on,
        "chosen": chosen,
        "spaces": [(f"space:{space.pk}", space.name) for space in spaces],
        "funders": [(f"funder:{pk}", name) for pk, name in funders(scope)],
        "outcome": outcome,
        "error": error,
    }
    return render(request, "concertation/events.html", context)
