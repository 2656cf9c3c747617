"""The respondent's pages, opened by a token link without an account.

Four steps (partners → about each partner → the network → submit); each step saves, so the respondent can
leave and come back with the same link. Every page goes through `_open`, which resolves the token to its one
invitation or renders a clear 404/410 page, and counts requests per address.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from maillage.directory.models import Organization
from maillage.directory.search import search_terms
from maillage.surveys.actions import (
    do_choose_partners,
    do_save_network_answers,
    do_save_partner_answers,
    do_submit,
    missing_answers,
    start_response,
    survey_questions,
)
from maillage.surveys.feedback import ego_map, network_numbers, own_ties
from maillage.surveys.forms import NetworkAnswersForm, PartnerAnswerForm, PartnerPickForm
from maillage.surveys.models import FLOW_FIELDS, RATING_FIELDS, Invitation, QuestionScope, Response
from maillage.surveys.permissions import TokenProblem, invitation_for_token, rate_limit_exceeded

View = Callable[..., HttpResponse]


def token_page(*, allow_submitted: bool = False) -> Callable[[View], View]:
    """Resolve the token (or answer 404/410/429 with a page that says why), then call the view."""

    def decorate(view: View) -> View:
        @wraps(view)
        @never_cache
        def wrapper(request: HttpRequest, token: str) -> HttpResponse:
            if rate_limit_exceeded(request):
                problem = TokenProblem(429, _("Too many requests"), _("Please wait a minute and try again."))
                return _problem_page(request, problem)
            try:
                invitation = invitation_for_token(token, allow_submitted=allow_submitted)
            except TokenProblem as problem:
                return _problem_page(request, problem)
            return view(request, invitation)

        return wrapper

    return decorate


def _problem_page(request: HttpRequest, problem: TokenProblem) -> HttpResponse:
    return render(request, "surveys/respond_problem.html", {"problem": problem}, status=problem.status)


def _autosave(request: HttpRequest) -> bool:
    """A save sent by the page's script as the respondent answers: answered in JSON, without a message."""
    return request.method == "POST" and request.headers.get("X-Autosave") == "1"


def _autosaved(ok: bool) -> JsonResponse:
    return JsonResponse({"saved": ok}, status=200 if ok else 400)


def _language() -> str:
    return (get_language() or "fr")[:2]


def _candidates(invitation: Invitation) -> Any:
    """The network's current members other than the respondent: whom it may name."""
    return (
        Organization.objects.filter(
            memberships__network=invitation.wave.network, memberships__end_date__isnull=True
        )
        .exclude(pk=invitation.organization_id)
        .select_related("sector")
        .distinct()
        .order_by("name_fr", "id")
    )


@token_page()
@require_http_methods(["GET", "POST"])
def respond(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    """Step 1: pick partners from the member list (searchable)."""
    response = start_response(invitation, _language())
    candidates = _candidates(invitation)
    chosen = list(response.partners.values_list("partner_id", flat=True))
    form = PartnerPickForm(request.POST or None, candidates=candidates, initial={"partners": chosen})
    if request.method == "POST" and form.is_valid():
        do_choose_partners(response, form.cleaned_data["partners"])
        if _autosave(request):
            return _autosaved(True)
        messages.success(request, _("Your partners are saved."))
        if "continue" in request.POST:
            return redirect("surveys:respond_partners", token=invitation.token)
        return redirect("surveys:respond", token=invitation.token)
    if _autosave(request):
        return _autosaved(False)
    # Every candidate is on the page (the search box filters them in the browser); without script, `q`
    # hides the others on the server. Chosen partners always stay visible and checked.
    query = request.GET.get("q", "")[:100]
    matching = candidates
    for term in search_terms(query):
        matching = matching.filter(Q(search_text__contains=term) | Q(pk__in=chosen))
    selected = {str(pk) for pk in (request.POST.getlist("partners") if request.method == "POST" else chosen)}
    context = {"invitation": invitation, "response": response, "form": form, "q": query, "selected": selected}
    context["rows"] = _pick_rows(candidates, set(matching.values_list("pk", flat=True)) if query else None)
    return render(
        request, "surveys/respond_pick.html", context, status=400 if request.method == "POST" else 200
    )


def _pick_rows(candidates: Any, matching: set[int] | None) -> list[tuple[Organization, bool]]:
    return [(org, matching is None or org.pk in matching) for org in candidates]


def _partner_questions(invitation: Invitation) -> list:
    return [q for q in survey_questions(invitation.wave) if q.scope == QuestionScope.PARTNER]


def _initial(answer: Any) -> dict[str, Any]:
    values = {f: getattr(answer, f) for f in ("frequency", "formality")}
    values["level"] = str(answer.level) if answer.level else ""
    values |= {f: str(getattr(answer, f)) if getattr(answer, f) else "" for f in RATING_FIELDS}
    values["flows"] = [f for f in FLOW_FIELDS if getattr(answer, f)]
    return values


@token_page()
@require_http_methods(["GET", "POST"])
def respond_partners(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    """Step 2: for each chosen partner, the relational questions."""
    response = start_response(invitation, _language())
    questions = _partner_questions(invitation)
    answers = list(response.partners.select_related("partner__sector").order_by("partner__name_fr", "id"))
    forms = [
        PartnerAnswerForm(
            request.POST or None,
            questions=questions,
            partner=answer.partner,
            prefix=f"p{answer.pk}",
            initial=_initial(answer),
        )  # fmt: skip
        for answer in answers
    ]
    if request.method == "POST" and all(form.is_valid() for form in forms):
        do_save_partner_answers(
            response, {a.pk: f.answer_values() for a, f in zip(answers, forms, strict=True)}
        )
        if _autosave(request):
            return _autosaved(True)
        messages.success(request, _("Your answers about your partners are saved."))
        if "continue" in request.POST:
            return redirect("surveys:respond_network", token=invitation.token)
        return redirect("surveys:respond_partners", token=invitation.token)
    if _autosave(request):
        return _autosaved(False)
    status = 400 if request.method == "POST" else 200
    context = {"invitation": invitation, "response": response, "forms": forms}
    context["matrix"] = _matrix(questions, forms)
    return render(request, "surveys/respond_partners.html", context, status=status)


def _matrix(questions: list, forms: list[PartnerAnswerForm]) -> list[dict[str, Any]]:
    """One table per question: a row per partner, a column per choice (the page's rating scales)."""
    blocks = []
    for question in questions:
        if not forms:
            break
        columns = [label for _value, label in forms[0].fields[question.code].choices]
        rows = [{"partner": form.partner, "field": form[question.code]} for form in forms]
        # Flows are check boxes where "none" is an answer: they do not count in the progress.
        counted = question.kind != "multiple"
        blocks.append({"question": question, "columns": columns, "rows": rows, "counted": counted})
    return blocks


def _network_initial(response: Response) -> dict[str, Any]:
    initial: dict[str, Any] = {f"q_{code}": value for code, value in response.answers.items()}
    initial |= {f"c_{code}": value for code, value in response.comments.items()}
    return initial | {
        "quote": response.quote,
        "quote_consent": response.quote_consent,
        "lesson": response.lesson,
        "lesson_consent": response.lesson_consent,
    }


@token_page()
@require_http_methods(["GET", "POST"])
def respond_network(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    """Step 3: contributions, outcomes, impact, collaboration factors, the network's questions, a quote."""
    response = start_response(invitation, _language())
    questions = survey_questions(invitation.wave)
    form = NetworkAnswersForm(request.POST or None, questions=questions, initial=_network_initial(response))
    if request.method == "POST" and form.is_valid():
        answers, comments = form.answers()
        data = form.cleaned_data
        do_save_network_answers(
            response,
            answers,
            comments,
            data["quote"],
            data["quote_consent"],
            data["lesson"],
            data["lesson_consent"],
        )
        if _autosave(request):
            return _autosaved(True)
        messages.success(request, _("Your answers about the network are saved."))
        if "continue" in request.POST:
            return redirect("surveys:respond_submit", token=invitation.token)
        return redirect("surveys:respond_network", token=invitation.token)
    if _autosave(request):
        return _autosaved(False)
    status = 400 if request.method == "POST" else 200
    context = {"invitation": invitation, "response": response, "form": form}
    return render(request, "surveys/respond_network.html", context, status=status)


@token_page(allow_submitted=True)
@require_http_methods(["GET", "POST"])
def respond_submit(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    """Step 4: check what is missing, then submit once (a second submit lands on the thanks page)."""
    response = start_response(invitation, _language())
    questions = survey_questions(invitation.wave)
    if response.is_submitted:
        return _thanks(request, invitation, response)
    if request.method == "POST":
        response, problems = do_submit(invitation, _language(), questions)
        if not problems:
            return redirect("surveys:respond_submit", token=invitation.token)
    else:
        problems = missing_answers(response, questions)
    context = {"invitation": invitation, "response": response, "problems": problems}
    context["partners"] = response.partners.select_related("partner").order_by("partner__name_fr")
    return render(
        request, "surveys/respond_submit.html", context, status=400 if request.method == "POST" else 200
    )


def _thanks(request: HttpRequest, invitation: Invitation, response: Response) -> HttpResponse:
    """The partner's page once its answers are sent: only its own answers, and the network's counts."""
    ties, before = own_ties(invitation)
    context = {
        "invitation": invitation,
        "response": response,
        "ties": ties,
        "before": before,
        "named_now": sum(1 for t in ties if t.level_now),
        "map": ego_map(invitation.organization.name, ties) if ties else None,
        "numbers": network_numbers(invitation.wave),
    }
    return render(request, "surveys/respond_thanks.html", context)
