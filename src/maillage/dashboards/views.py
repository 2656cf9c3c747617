from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from maillage.analysis import AnalysisError, InputError
from maillage.dashboards.comparison import comparison_for
from maillage.dashboards.mapdata import map_document
from maillage.dashboards.page import dashboard_body, page_language
from maillage.networks.permissions import readable_networks
from maillage.observatory import ScenarioRequestError, scenario_payload, scope_for


@login_required
def dashboard(request: HttpRequest, kind: str, pk: int | None = None) -> HttpResponse:
    scope = scope_for(request.user, kind, pk)
    return render(request, "dashboards/dashboard.html", {"scope": scope, "body": dashboard_body(scope)})


@login_required
def map_data(request: HttpRequest, kind: str, pk: int | None = None) -> HttpResponse:
    """The whole map of a scope as one JSON document, cached until the scope's data changes."""
    scope = scope_for(request.user, kind, pk)
    response = HttpResponse(map_document(scope, language=page_language()), content_type="application/json")
    response["Cache-Control"] = "private, max-age=0"
    return response


@login_required
def scenario(request: HttpRequest, kind: str, pk: int | None = None) -> JsonResponse:
    scope = scope_for(request.user, kind, pk)
    try:
        payload = scenario_payload(
            scope,
            request.GET.get("scenario", ""),
            as_of=request.GET.get("as_of") or None,
            language=page_language(),
        )
    except (ScenarioRequestError, InputError, AnalysisError) as error:
        return JsonResponse({"error": str(error)}, status=400)
    return JsonResponse(payload)


@login_required
def compare(request: HttpRequest) -> HttpResponse:
    """Two networks, or two waves of one network, side by side."""
    visible = readable_networks(request.user).order_by("name_fr")
    context = comparison_for(request.user, request.GET, visible, language=page_language())
    context["networks"] = visible[:500]
    context["title"] = _("Compare")
    return render(request, "dashboards/compare.html", context)
