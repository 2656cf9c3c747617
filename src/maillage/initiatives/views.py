"""The register of initiatives for signed-in people: browse, write, attach files, find similar ones."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from maillage.accounts.permissions import AnyUser, is_admin, is_coordinator_somewhere, writable_network_ids
from maillage.directory.models import Territory
from maillage.initiatives.actions import do_add_attachment, do_delete_attachment, do_save_initiative
from maillage.initiatives.browse import browse_context
from maillage.initiatives.forms import AttachmentForm, InitiativeForm, PartnerFormSet, partner_initial
from maillage.initiatives.models import Attachment, Initiative
from maillage.initiatives.permissions import can_write_initiative, get_initiative_for
from maillage.initiatives.similarity import similar_initiatives
from maillage.networks.models import Network


def _writable_networks(user: AnyUser) -> QuerySet[Network]:
    return (
        Network.objects.all() if is_admin(user) else Network.objects.filter(pk__in=writable_network_ids(user))
    )


def record_context(initiative: Initiative) -> dict:
    """What a detail page or a printable page shows, read in a fixed number of queries."""
    return {
        "initiative": initiative,
        "partners": initiative.partners.select_related("organization"),
        "populations": initiative.populations.all(),
        "strategies": initiative.strategies.all(),
        "determinants": initiative.determinants.all(),
        "success_factors": initiative.success_factors.all(),
        "attachments": initiative.attachments.all(),
    }


@login_required
def initiative_list(request: HttpRequest) -> HttpResponse:
    context = browse_context(request, request.user)
    context.update(detail_url="initiatives:detail", can_create=is_coordinator_somewhere(request.user))
    return render(request, "initiatives/initiative_list.html", context)


@login_required
def initiative_detail(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = get_initiative_for(request.user, pk)
    context = record_context(initiative)
    context.update(
        networks=initiative.networks.all(),
        can_edit=can_write_initiative(request.user, initiative),
        attachment_form=AttachmentForm(),
    )
    return render(request, "initiatives/initiative_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def initiative_create(request: HttpRequest) -> HttpResponse:
    if not is_coordinator_somewhere(request.user):
        raise PermissionDenied
    form = InitiativeForm(request.POST or None, writable_networks=_writable_networks(request.user))
    partners = PartnerFormSet(request.POST or None, prefix="partners")
    if request.method == "POST" and all([form.is_valid(), partners.is_valid()]):
        initiative = do_save_initiative(form, partners, request.user)
        messages.success(request, _("Initiative saved."))
        return redirect("initiatives:detail", pk=initiative.pk)
    return render(request, "initiatives/initiative_form.html", {"form": form, "partners": partners})


@login_required
@require_http_methods(["GET", "POST"])
def initiative_edit(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = get_initiative_for(request.user, pk, write=True)
    form = InitiativeForm(
        request.POST or None,
        instance=initiative,
        initial={"outcomes": initiative.outcomes},
        writable_networks=_writable_networks(request.user),
    )
    partners = PartnerFormSet(request.POST or None, prefix="partners", initial=partner_initial(initiative))
    if request.method == "POST" and all([form.is_valid(), partners.is_valid()]):
        do_save_initiative(form, partners, request.user)
        messages.success(request, _("Changes saved."))
        return redirect("initiatives:detail", pk=initiative.pk)
    context = {"form": form, "partners": partners, "initiative": initiative}
    return render(request, "initiatives/initiative_form.html", context)


@login_required
@require_GET
def initiative_similar(request: HttpRequest) -> HttpResponse:
    """The htmx panel of the form: readable initiatives near the chosen territory that read alike."""
    if not is_coordinator_somewhere(request.user):
        raise PermissionDenied
    text = " ".join(
        request.GET.get(f, "")[:2000] for f in ("title_fr", "title_en", "summary_fr", "summary_en")
    )
    territory_id = request.GET.get("territory", "")
    territory = Territory.objects.filter(pk=int(territory_id)).first() if territory_id.isdigit() else None
    exclude = request.GET.get("initiative", "")
    similar = similar_initiatives(
        text, territory, request.user, exclude_pk=int(exclude) if exclude.isdigit() else None
    )
    return render(request, "initiatives/_similar.html", {"similar": similar, "territory": territory})


@login_required
def initiative_glance(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = get_initiative_for(request.user, pk)
    return render(request, "initiatives/glance.html", record_context(initiative))


@login_required
@require_http_methods(["GET", "POST"])
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = get_initiative_for(request.user, pk, write=True)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        do_add_attachment(form, initiative)
        messages.success(request, _("File attached."))
        return redirect("initiatives:detail", pk=initiative.pk)
    return render(request, "initiatives/attachment_form.html", {"form": form, "initiative": initiative})


@login_required
def attachment_file(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    initiative = get_initiative_for(request.user, pk)
    return serve_attachment(get_object_or_404(Attachment, pk=attachment_pk, initiative=initiative))


@login_required
@require_POST
def attachment_delete(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    initiative = get_initiative_for(request.user, pk, write=True)
    do_delete_attachment(get_object_or_404(Attachment, pk=attachment_pk, initiative=initiative))
    messages.success(request, _("File removed."))
    return redirect("initiatives:detail", pk=initiative.pk)


def serve_attachment(attachment: Attachment) -> FileResponse:
    """Always a download with the type its bytes were checked to be, never rendered as a page of ours."""
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    filename = (
        f"{attachment.title[:80] or 'document'}.{'jpg' if attachment.kind == 'jpeg' else attachment.kind}"
    )
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=attachment.content_type)
