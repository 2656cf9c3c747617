"""Portraits and action plans of a territory: list, record (with the “already exists” panel), read."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from maillage.accounts.permissions import is_coordinator_somewhere
from maillage.concertation.actions import do_record_document
from maillage.concertation.documents import similar_documents, territory_documents
from maillage.concertation.forms import TerritoryDocumentForm
from maillage.concertation.models import DocumentKind, TerritoryDocument
from maillage.directory.models import Territory
from maillage.directory.permissions import get_territory_for
from maillage.listing import paginate


def _ids(values: list[str], limit: int = 50) -> list[int]:
    return [int(v) for v in values[:limit] if v.isdigit() and len(v) <= 18]


@login_required
def document_list(request: HttpRequest, pk: int) -> HttpResponse:
    territory = get_territory_for(request.user, pk)
    page, query = paginate(request, territory_documents(territory))
    context = {
        "territory": territory,
        "page": page,
        "query": query,
        "can_create": is_coordinator_somewhere(request.user),
    }
    return render(request, "concertation/document_list.html", context)


@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(
        TerritoryDocument.objects.select_related("territory", "author_organization"), pk=pk
    )
    return render(request, "concertation/document_detail.html", {"document": document})


@login_required
@require_http_methods(["GET", "POST"])
def document_create(request: HttpRequest, pk: int) -> HttpResponse:
    territory = get_territory_for(request.user, pk)
    if not is_coordinator_somewhere(request.user):
        raise PermissionDenied
    form = TerritoryDocumentForm(request.POST or None, initial={"territory": territory.pk})
    if request.method == "POST" and form.is_valid():
        document = do_record_document(form, request.user)
        messages.success(request, _("Document recorded."))
        return redirect("concertation:document_detail", pk=document.pk)
    return render(request, "concertation/document_form.html", {"form": form, "territory": territory})


@login_required
@require_GET
def document_similar(request: HttpRequest) -> HttpResponse:
    """The htmx panel of the document form: the same kind of document here, above or below, same years."""
    if not is_coordinator_somewhere(request.user):
        raise PermissionDenied

    territory_ids = _ids(request.GET.getlist("territory"), limit=1)
    territory = Territory.objects.filter(pk=territory_ids[0]).first() if territory_ids else None
    years = _ids([request.GET.get("period_start", ""), request.GET.get("period_end", "")])
    years = [y for y in years if 1950 <= y <= 2100]
    kind = request.GET.get("kind", "")
    hits = similar_documents(
        territory,
        kind if kind in DocumentKind.values else "",
        years[0] if len(years) == 2 else None,
        years[1] if len(years) == 2 else None,
        _ids(request.GET.getlist("populations")),
    )
    return render(request, "concertation/_similar_documents.html", {"hits": hits, "territory": territory})
