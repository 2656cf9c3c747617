"""The coordinator's invitations page: who was sent what, the links to copy, the CSV and the letters."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from maillage.surveys.actions import do_send_invitations
from maillage.surveys.delivery import (
    NOT_SENT,
    delivery_of,
    failure_warning,
    links_csv,
    partner_language,
    summarise,
    summary_sentence,
)
from maillage.surveys.models import Invitation, Wave, WaveStatus
from maillage.surveys.permissions import get_wave_for
from maillage.surveys.views import link_builder


def _invitations(wave: Wave) -> list[Invitation]:
    return list(
        Invitation.objects.filter(wave=wave)
        .select_related("organization__sector", "wave__network", "response")
        .order_by("organization__name_fr", "id")
    )


@login_required
def wave_invitations(request: HttpRequest, pk: int) -> HttpResponse:
    """Every invitation with its delivery status; for those without an address, the link to copy."""
    wave = get_wave_for(request.user, pk, write=True)
    invitations = _invitations(wave)
    link_for = link_builder(request)
    rows = []
    for invitation in invitations:
        language = partner_language(invitation.organization)
        rows.append(
            {
                "invitation": invitation,
                "delivery": delivery_of(invitation),
                "language": language,
                "link": link_for(invitation.token, language),
            }
        )
    summary = summarise(invitations)
    unsent = sum(1 for row in rows if row["invitation"].email and row["delivery"].code == NOT_SENT)
    context = {"wave": wave, "rows": rows, "summary": summary, "sentence": summary_sentence(summary)}
    context |= {"unsent": unsent + summary.failed, "links_usable": wave.status == WaveStatus.OPEN}
    return render(request, "surveys/wave_invitations.html", context)


@login_required
@require_POST
def wave_send(request: HttpRequest, pk: int) -> HttpResponse:
    """Send the e-mails not sent yet (after adding addresses, or when the server failed)."""
    wave = get_wave_for(request.user, pk, write=True)
    try:
        summary = do_send_invitations(wave, link_builder(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, summary_sentence(summary))
        if summary.failed:
            messages.warning(request, failure_warning(summary.failed))
    return redirect("surveys:wave_invitations", pk=wave.pk)


@login_required
def wave_links_csv(request: HttpRequest, pk: int) -> HttpResponse:
    wave = get_wave_for(request.user, pk, write=True)
    body = links_csv(_invitations(wave), link_builder(request))
    response = HttpResponse("\ufeff" + body, content_type="text/csv; charset=utf-8")  # BOM: Excel reads UTF-8
    name = slugify(f"{wave.network.name}-{wave.date}-links")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


@login_required
def wave_letters(request: HttpRequest, pk: int) -> HttpResponse:
    """One printable letter per page, each in its organization's language (HTML, or PDF with ?format=pdf).

    By default only the organizations without an address that have not answered; `?all=1` prints every one.
    """
    wave = get_wave_for(request.user, pk, write=True)
    link_for = link_builder(request)
    everyone = request.GET.get("all") == "1"
    letters = [
        {
            "invitation": invitation,
            "language": partner_language(invitation.organization),
            "link": link_for(invitation.token, partner_language(invitation.organization)),
        }
        for invitation in _invitations(wave)
        if everyone or (not invitation.email and delivery_of(invitation).code == NOT_SENT)
    ]
    context = {"wave": wave, "letters": letters}
    if request.GET.get("format") == "pdf":
        from weasyprint import HTML

        pdf = HTML(string=render_to_string("surveys/letters.html", context | {"pdf": True})).write_pdf()
        response = HttpResponse(pdf, content_type="application/pdf")
        name = slugify(f"{wave.network.name}-{wave.date}-letters")
        response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
        return response
    return render(request, "surveys/letters.html", context)
