"""The home page and the health check; each domain's pages live in its own app."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from maillage.accounts.permissions import roles_of
from maillage.directory.models import Organization
from maillage.networks.permissions import readable_networks
from maillage.networks.queries import current_member_count
from maillage.ties.models import Tie


@require_POST
def switch_language(request: HttpRequest) -> HttpResponse:
    """Remember the chosen language and show the same page in it.

    French pages have no prefix and English ones live under /en/, so the page's address
    is rewritten here rather than resolved (Django's resolver only knows the active language).
    """
    language = request.POST.get("language", "")
    next_url = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = "/"
    if language not in dict(settings.LANGUAGES):
        return redirect(next_url)
    path = next_url.removeprefix("/en/") if next_url.startswith("/en/") else next_url.lstrip("/")
    path = "/" + path if language == settings.LANGUAGE_CODE else "/en/" + path
    response = redirect(path)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


def health(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@login_required
def home(request: HttpRequest) -> HttpResponse:
    networks = (
        readable_networks(request.user)
        .select_related("territory")
        .annotate(
            member_count=current_member_count(),
        )
        .order_by("name_fr")
    )
    network_list = list(networks[:50])
    tie_counts = dict(
        Tie.objects.active()
        .filter(network__in=[n.pk for n in network_list])
        .values_list("network")
        # COUNT(*) rather than COUNT(id): the (network, current_level) index alone answers it.
        .annotate(n=Count("*"))
        .values_list("network", "n")
    )
    for network in network_list:
        network.tie_count = tie_counts.get(network.pk, 0)
    return render(
        request,
        "home.html",
        {
            "networks": network_list,
            "network_total": networks.count(),
            "roles": roles_of(request.user),
            "organization_total": Organization.objects.filter(active=True).count(),
        },
    )
