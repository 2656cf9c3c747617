"""The coordinator's pages: waves, their invitations and progress, own questions, closing and results."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override
from django.views.decorators.http import require_http_methods, require_POST

from maillage.accounts.permissions import can_write_network, writable_network_ids
from maillage.listing import paginate
from maillage.networks.models import Network
from maillage.networks.permissions import get_network_for
from maillage.surveys import releases, results
from maillage.surveys.actions import (
    do_add_question,
    do_close_wave,
    do_create_wave,
    do_open_wave,
    do_send_reminders,
    survey_questions,
)
from maillage.surveys.delivery import (
    addresses_before_opening,
    failure_warning,
    summarise,
    summary_sentence,
)
from maillage.surveys.forms import ImportForm, QuestionForm, WaveForm, XLSFormImportForm
from maillage.surveys.imports import MAX_BYTES, import_responses
from maillage.surveys.models import Question, Rating, Wave, WaveStatus
from maillage.surveys.permissions import get_wave_for, readable_waves
from maillage.surveys.xlsform import do_import_xlsform, parse_xlsform_with_notes


def link_builder(request: HttpRequest):
    def link_for(token: str, language: str) -> str:
        with override(language):
            return request.build_absolute_uri(reverse("surveys:respond", kwargs={"token": token}))

    return link_for


@login_required
def wave_list(request: HttpRequest) -> HttpResponse:
    waves = readable_waves(request.user).select_related("network").order_by("-date", "-id")
    page, query = paginate(request, waves)
    coordinated = Network.objects.filter(pk__in=writable_network_ids(request.user)).order_by("name_fr")
    if request.user.is_superuser:
        coordinated = Network.objects.order_by("name_fr")[:200]
    return render(
        request, "surveys/wave_list.html", {"page": page, "query": query, "coordinated": coordinated}
    )


@login_required
@require_http_methods(["GET", "POST"])
def wave_create(request: HttpRequest, network_pk: int) -> HttpResponse:
    network = get_network_for(request.user, network_pk, write=True)
    form = WaveForm(request.POST or None, network=network)
    if request.method == "POST" and form.is_valid():
        wave = do_create_wave(form, request.user)
        messages.success(request, _("Wave created. Add your own questions, then open it."))
        return redirect("surveys:wave_detail", pk=wave.pk)
    context = {"form": form, "network": network, "preview": _builtin_preview()}
    return render(request, "surveys/wave_form.html", context)


def _builtin_preview() -> list[tuple[str, list[str]]]:
    """The built-in questions every wave asks, grouped by instrument: what partners will be asked."""
    groups: dict[str, list[str]] = {}
    for question in (
        Question.objects.filter(instrument__isnull=False)
        .select_related("instrument")
        .order_by("instrument__order", "order", "id")
    ):
        groups.setdefault(question.instrument.name, []).append(question.text)
    return list(groups.items())


def _coordinator_context(wave: Wave) -> dict[str, Any]:
    """What the wave page shows its network's coordinators: who is missing, own questions, the delivery."""
    context: dict[str, Any] = {"missing": results.missing_invitations(wave)}
    context["questions"] = wave.custom_questions.all()
    context["question_form"] = QuestionForm() if wave.status == WaveStatus.DRAFT else None
    context["xlsform"] = XLSFormImportForm()
    if wave.status == WaveStatus.DRAFT:
        context["members"], context["with_address"] = addresses_before_opening(wave.network_id)
    else:
        context["delivery"] = summary_sentence(summarise(wave.invitations.select_related("response")))
    return context


def _wave_page(wave: Wave, can_edit: bool, **extra: Any) -> dict[str, Any]:
    total, by_sector = results.response_rates(wave)
    context = {"wave": wave, "can_edit": can_edit, "total": total, "by_sector": by_sector}
    if can_edit:
        context |= _coordinator_context(wave)
    return context | extra


@login_required
def wave_detail(request: HttpRequest, pk: int) -> HttpResponse:
    wave = get_wave_for(request.user, pk)
    context = _wave_page(wave, can_write_network(request.user, wave.network))
    return render(request, "surveys/wave_detail.html", context)


@login_required
def wave_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The live part of the wave page (polled by htmx): rates and who is missing."""
    wave = get_wave_for(request.user, pk, write=True)
    total, by_sector = results.response_rates(wave)
    context = {"wave": wave, "can_edit": True, "total": total, "by_sector": by_sector}
    context["missing"] = results.missing_invitations(wave)
    return render(request, "surveys/_progress.html", context)


@login_required
@require_POST
def question_add(request: HttpRequest, pk: int) -> HttpResponse:
    wave = get_wave_for(request.user, pk, write=True)
    form = QuestionForm(request.POST)
    if form.is_valid() and wave.status == WaveStatus.DRAFT:
        do_add_question(wave, form)
        messages.success(request, _("Question added."))
        return redirect("surveys:wave_detail", pk=wave.pk)
    if wave.status != WaveStatus.DRAFT:
        form.add_error(None, _("Questions can only be added before the wave opens."))
    context = _wave_page(wave, True, question_form=form)
    return render(request, "surveys/wave_detail.html", context, status=400)


@login_required
@require_POST
def question_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Add questions from an XLSForm file to a draft wave; any unsupported part: reported, nothing saved."""
    wave = get_wave_for(request.user, pk, write=True)
    form = XLSFormImportForm(request.POST, request.FILES)
    errors = (
        [_("Questions can only be added before the wave opens.")] if wave.status != WaveStatus.DRAFT else []
    )
    if form.is_valid() and not errors:
        questions, errors, notes = parse_xlsform_with_notes(form.cleaned_data["file"].read(MAX_BYTES + 1))
        if not errors:
            count = do_import_xlsform(wave, questions)
            messages.success(request, _("%(n)s questions imported.") % {"n": count})
            for note in notes:  # what was skipped or ignored is said, never silent
                messages.info(request, note)
            return redirect("surveys:wave_detail", pk=wave.pk)
    question_form = QuestionForm() if wave.status == WaveStatus.DRAFT else None
    context = _wave_page(wave, True, xlsform_errors=errors, xlsform=form, question_form=question_form)
    return render(request, "surveys/wave_detail.html", context, status=400)


def _act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    wave = get_wave_for(request.user, pk, write=True)
    try:
        if action == "open":
            summary = do_open_wave(wave, link_builder(request))
            messages.success(request, _("Wave opened: %(summary)s") % {"summary": summary_sentence(summary)})
            if summary.failed:
                messages.warning(request, failure_warning(summary.failed))
            return redirect("surveys:wave_invitations", pk=wave.pk)
        if action == "remind":
            count = do_send_reminders(wave, link_builder(request))
            if count:
                messages.success(
                    request, ngettext("%(n)s reminder sent.", "%(n)s reminders sent.", count) % {"n": count}
                )
            else:
                messages.info(request, _("No reminder sent: no one with an address is left to remind today."))
            return redirect("surveys:wave_invitations", pk=wave.pk)
        else:
            count = do_close_wave(wave, request.user)
            messages.success(request, _("Wave closed: %(n)s ties observed.") % {"n": count})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("surveys:wave_detail", pk=wave.pk)


@login_required
@require_POST
def wave_open(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "open")


@login_required
@require_POST
def wave_remind(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "remind")


@login_required
@require_http_methods(["GET", "POST"])
def wave_close(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method == "POST":
        return _act(request, pk, "close")
    wave = get_wave_for(request.user, pk, write=True)
    total, _sectors = results.response_rates(wave)
    return render(request, "surveys/wave_close.html", {"wave": wave, "total": total})


@login_required
@require_http_methods(["GET", "POST"])
def wave_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Import answers from another tool's CSV export: all checked first, nothing saved on any error."""
    wave = get_wave_for(request.user, pk, write=True)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        if wave.status != WaveStatus.OPEN:
            errors = [_("Answers can be imported only while the wave is open.")]
        else:
            result = import_responses(wave, form.cleaned_data["file"].read(MAX_BYTES + 1))
            errors = result.errors
            if not errors:
                messages.success(
                    request,
                    _("%(responses)s responses and %(answers)s answers about partners imported.")
                    % {"responses": result.responses, "answers": result.answers},
                )
                return redirect("surveys:wave_detail", pk=wave.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "surveys/wave_import.html", {"wave": wave, "form": form, "errors": errors}, status=status
    )


@login_required
def wave_results(request: HttpRequest, pk: int) -> HttpResponse:
    wave = get_wave_for(request.user, pk)
    responses = results.submitted_responses(wave)
    coordinator = can_write_network(request.user, wave.network)
    # Counts read while answers come in would differ by one organization's answers between two reads: other
    # readers see them once the wave closes, when its respondents are a fixed cohort (docs/privacy.md).
    held = not coordinator and wave.status != WaveStatus.CLOSED
    summaries = [] if held else results.summarise(survey_questions(wave), responses)
    total, by_sector = results.response_rates(wave)
    trust, value = releases.trust_and_value(wave)
    ties = results.reported_ties(wave)
    context = {
        "wave": wave,
        "total": total,
        "by_sector": by_sector,
        "trust": trust,
        "value": value,
        "held": held,
    }
    # Free-text answers may identify their authors: only the network's coordinators read them.
    context |= results.by_instrument(summaries, with_text=coordinator)
    context |= {"ties": ties, "reciprocated": sum(tie.both for tie in ties)}
    context["quotes"] = results.published_quotes(responses)
    context["ratings_stored"] = Rating.objects.filter(wave=wave).count()
    return render(request, "surveys/wave_results.html", context)
