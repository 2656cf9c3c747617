"""Writes of the surveys: waves and their invitations, answers, submission and closing."""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.directory.models import Contact, Organization
from maillage.formatting import day
from maillage.networks.models import Membership
from maillage.networks.versions import bump
from maillage.surveys.delivery import LinkBuilder, Summary, deliver, summarise
from maillage.surveys.forms import QuestionForm, WaveForm
from maillage.surveys.models import (
    RATING_FIELDS,
    Invitation,
    PartnerAnswer,
    Question,
    QuestionScope,
    Rating,
    Response,
    Wave,
    WaveKind,
    WaveStatus,
)
from maillage.surveys.releases import release_for
from maillage.ties.actions import ObservationData, PairObservation, do_record_observations
from maillage.ties.models import Formality, ObservationSource

# A reminder goes to an organization at most this often (and not sooner after its invitation).
REMINDER_INTERVAL = datetime.timedelta(hours=12)
PARTNER_COPY_FIELDS = ("frequency", "level", "formality", "referrals", "information", "resources",
                       "joint_projects", *RATING_FIELDS)  # fmt: skip


def _lock(model: type[Invitation] | type[Wave], pk: int) -> None:
    """Take the row's write lock as the transaction's first statement, the same way on both databases.

    A no-op UPDATE locks the row on PostgreSQL (concurrent submits of one invitation queue up) and takes
    SQLite's write lock at once, where a SELECT first would make a concurrent writer fail with "database
    is locked" instead of waiting.
    """
    field = "sent_at" if model is Invitation else "status"
    model.objects.filter(pk=pk).update(**{field: F(field)})


@transaction.atomic
def do_create_wave(form: WaveForm, user: User) -> Wave:
    """Save a new draft wave; a follow-up without a chosen previous wave follows the latest closed one."""
    wave: Wave = form.save(commit=False)
    wave.network, wave.created_by = form.network, user
    if wave.kind == WaveKind.FOLLOW_UP and wave.previous is None:
        wave.previous = (
            Wave.objects.filter(network=wave.network, status=WaveStatus.CLOSED, date__lt=wave.date)
            .order_by("-date", "-id")
            .first()
        )
    wave.save()
    return wave


@transaction.atomic
def do_add_question(wave: Wave, form: QuestionForm) -> Question:
    if wave.status != WaveStatus.DRAFT:
        raise ValidationError(_("Questions can only be added before the wave opens."))
    data = form.cleaned_data
    fields = ("kind", "text_fr", "text_en", "choices", "scale_min", "scale_max", "required")
    return Question.objects.create(
        wave=wave,
        code=f"custom-{secrets.token_hex(4)}",
        order=1000 + wave.custom_questions.count(),
        **{name: data[name] for name in fields},
    )


def _first_email(organization_ids: Iterable[int]) -> dict[int, str]:
    emails: dict[int, str] = {}
    contacts = Contact.objects.filter(organization_id__in=list(organization_ids)).exclude(email="")
    for organization_id, email in contacts.order_by("id").values_list("organization_id", "email"):
        emails.setdefault(organization_id, email)
    return emails


def do_open_wave(wave: Wave, link_for: LinkBuilder) -> Summary:
    """Give every current member organization its own link, then e-mail those that have an address."""
    with transaction.atomic():
        _lock(Wave, wave.pk)
        wave = Wave.objects.get(pk=wave.pk)
        if wave.status != WaveStatus.DRAFT:
            raise ValidationError(_("Only a draft wave can be opened."))
        member_ids = list(
            Membership.objects.filter(network=wave.network, end_date__isnull=True)
            .values_list("organization_id", flat=True)
            .distinct()
        )
        emails = _first_email(member_ids)
        Invitation.objects.bulk_create(
            Invitation(
                wave=wave, organization_id=pk, token=secrets.token_urlsafe(32), email=emails.get(pk, "")
            )
            for pk in member_ids
        )
        Wave.objects.filter(pk=wave.pk).update(status=WaveStatus.OPEN, opened_at=timezone.now())
        bump([wave.network_id])
    return do_send_invitations(wave, link_for)


def _invitations(wave: Wave) -> QuerySet[Invitation]:
    return Invitation.objects.filter(wave=wave).select_related(
        "organization__sector", "wave__network", "response"
    )


def do_send_invitations(wave: Wave, link_for: LinkBuilder) -> Summary:
    """E-mail the invitations never sent (or whose sending failed); those already sent are left alone.

    The wave's row lock makes a double click wait for the first, which then leaves nothing to send.
    """
    with transaction.atomic():
        _lock(Wave, wave.pk)
        wave = Wave.objects.get(pk=wave.pk)
        if wave.status != WaveStatus.OPEN:
            raise ValidationError(_("Invitations are sent only while the wave is open."))
        deliver(
            list(_invitations(wave).filter(sent_at__isnull=True).exclude(email="")), link_for, reminder=False
        )
    return summarise(_invitations(wave))


def do_send_reminders(wave: Wave, link_for: LinkBuilder) -> int:
    """Remind by e-mail the organizations that were sent an invitation and have not submitted yet.

    No one is reminded twice within REMINDER_INTERVAL (nor right after the invitation), so a repeated
    click sends nothing more. Returns how many reminders went out.
    """
    with transaction.atomic():
        _lock(Wave, wave.pk)
        wave = Wave.objects.get(pk=wave.pk)
        if wave.status != WaveStatus.OPEN:
            raise ValidationError(_("Reminders are sent only while the wave is open."))
        recent = timezone.now() - REMINDER_INTERVAL
        pending = (
            _invitations(wave)
            .filter(sent_at__isnull=False, sent_at__lte=recent)
            .exclude(response__submitted_at__isnull=False)
            .exclude(email="")
            .exclude(reminded_at__gt=recent)
        )
        sent, _failed = deliver(list(pending), link_for, reminder=True)
    return sent


def survey_questions(wave: Wave) -> list[Question]:
    """The built-in instruments' questions, then the wave's own."""
    return list(
        Question.objects.filter(Q(instrument__isnull=False) | Q(wave=wave))
        .select_related("instrument")
        .order_by("instrument__order", "order", "id")
    )


def start_response(invitation: Invitation, language: str) -> Response:
    """The invitation's response, created on first visit and pre-filled from the previous wave's answers."""
    existing = getattr(invitation, "response", None)
    if existing is not None:
        return existing
    try:
        # INSERT first: on SQLite a transaction that reads before it writes cannot wait for the write lock.
        with transaction.atomic():
            response = Response.objects.create(invitation=invitation, language=language)
            _prefill(response)
    except IntegrityError:
        # Two first visits at once: the other one created it.
        response = Response.objects.get(invitation=invitation)
    invitation.response = response
    return response


def _prefill(response: Response) -> None:
    wave = response.invitation.wave
    if wave.previous_id is None:
        return
    earlier = (
        Response.objects.filter(
            invitation__wave_id=wave.previous_id,
            invitation__organization_id=response.invitation.organization_id,
            submitted_at__isnull=False,
        )
        .prefetch_related("partners")
        .first()
    )
    if earlier is None:
        return
    members = set(
        Membership.objects.filter(network=wave.network, end_date__isnull=True).values_list(
            "organization_id", flat=True
        )
    )
    PartnerAnswer.objects.bulk_create(
        PartnerAnswer(
            response=response, partner_id=old.partner_id, **{f: getattr(old, f) for f in PARTNER_COPY_FIELDS}
        )
        for old in earlier.partners.all()
        if old.partner_id in members
    )
    codes = set(Question.objects.filter(instrument__isnull=False).values_list("code", flat=True))
    response.answers = {code: value for code, value in earlier.answers.items() if code in codes}
    response.comments = {code: value for code, value in earlier.comments.items() if code in codes}
    response.prefilled_from = earlier
    response.save(update_fields=["answers", "comments", "prefilled_from"])


@transaction.atomic
def do_choose_partners(response: Response, partners: Iterable[Organization]) -> None:
    """Keep the answers about partners still chosen, drop the others, add empty ones for new partners."""
    wanted = {partner.pk for partner in partners} - {response.invitation.organization_id}
    response.partners.exclude(partner_id__in=wanted).delete()
    known = set(response.partners.values_list("partner_id", flat=True))
    PartnerAnswer.objects.bulk_create(
        PartnerAnswer(response=response, partner_id=pk) for pk in wanted - known
    )
    response.save(update_fields=["updated_at"])


@transaction.atomic
def do_save_partner_answers(response: Response, values: dict[int, dict[str, Any]]) -> None:
    """`values` maps a PartnerAnswer id to its new field values (already validated by the forms)."""
    for answer_id, fields in values.items():
        PartnerAnswer.objects.filter(pk=answer_id, response=response).update(**fields)
    response.save(update_fields=["updated_at"])


@transaction.atomic
def do_save_network_answers(
    response: Response,
    answers: dict[str, Any],
    comments: dict[str, str],
    quote: str,
    consent: str,
    lesson: str = "",
    lesson_consent: str = "",
) -> None:
    response.answers, response.comments = answers, comments
    response.quote, response.quote_consent = quote.strip(), consent
    response.lesson, response.lesson_consent = lesson.strip(), lesson_consent
    fields = ["answers", "comments", "quote", "quote_consent", "lesson", "lesson_consent", "updated_at"]
    response.save(update_fields=fields)


def missing_answers(response: Response, questions: list[Question]) -> list[str]:
    """What still blocks submission, in words the respondent understands."""
    problems = []
    for answer in response.partners.select_related("partner"):
        if not (answer.frequency and answer.level and answer.formality):
            problems.append(
                _("%(partner)s: give the frequency, the level and the formality.")
                % {"partner": answer.partner.name}
            )
    for question in questions:
        required = question.required or (
            question.instrument_id and question.instrument.kind in ("impact", "factors")
        )
        if question.scope == QuestionScope.RESPONDENT and required and question.code not in response.answers:
            problems.append(_("Answer: %(question)s") % {"question": question.text})
    return problems


def do_submit(invitation: Invitation, language: str, questions: list[Question]) -> tuple[Response, list[str]]:
    """Submit once: a second submit (a double click) finds the response submitted and changes nothing."""
    with transaction.atomic():
        _lock(Invitation, invitation.pk)
        response = Response.objects.get(invitation=invitation)
        if response.is_submitted:
            return response, []
        problems = missing_answers(response, questions)
        if problems:
            return response, problems
        response.submitted_at, response.language = timezone.now(), language
        response.save(update_fields=["submitted_at", "language", "updated_at"])
    return response, []


def do_close_wave(wave: Wave, user: User | None = None) -> int:
    """Close the wave: submitted relational answers become survey observations and directed ratings.

    Each reported pair gets one new observation dated on the wave (earlier observations are kept, never
    changed). When both sides report the tie, the higher level wins (as in the analysis core, where the
    highest level of a date wins), formal wins over informal, and the flows are merged. Returns the number
    of observations made.
    """
    with transaction.atomic():
        _lock(Wave, wave.pk)
        wave = Wave.objects.select_related("network").get(pk=wave.pk)
        if wave.status != WaveStatus.OPEN:
            raise ValidationError(_("Only an open wave can be closed."))
        answers = list(
            PartnerAnswer.objects.filter(
                response__invitation__wave=wave, response__submitted_at__isnull=False
            )
            .exclude(level__isnull=True)
            .select_related("response__invitation__organization", "partner")
        )
        by_pair: dict[tuple[int, int], list[PartnerAnswer]] = {}
        for answer in answers:
            rater = answer.response.invitation.organization_id
            by_pair.setdefault((min(rater, answer.partner_id), max(rater, answer.partner_id)), []).append(
                answer
            )
        pairs = sorted(by_pair)
        recorded = do_record_observations(
            wave.network,
            [PairObservation(a, b, _pair_observation(wave, by_pair[(a, b)])) for a, b in pairs],
            user,
            want_ids=True,
        )
        ratings = [
            Rating(
                wave=wave,
                rater=answer.response.invitation.organization,
                rated=answer.partner,
                observation_id=recorded.latest[pair],
                reported_by_both=len(by_pair[pair]) == 2,
                **{field: getattr(answer, field) for field in RATING_FIELDS},
            )
            for pair in pairs
            for answer in by_pair[pair]
        ]
        Rating.objects.bulk_create(ratings)
        Wave.objects.filter(pk=wave.pk).update(status=WaveStatus.CLOSED, closed_at=timezone.now())
        wave.status = WaveStatus.CLOSED
        release_for(wave)  # the cohort is fixed now: nothing done later changes what is published
        bump([wave.network_id])
    return len(by_pair)


def _pair_observation(wave: Wave, reports: list[PartnerAnswer]) -> ObservationData:
    return ObservationData(
        observed_on=wave.date,
        level=max(int(r.level or 1) for r in reports),
        formality=Formality.FORMAL
        if any(r.formality == Formality.FORMAL for r in reports)
        else Formality.INFORMAL,
        referrals=any(r.referrals for r in reports),
        information=any(r.information for r in reports),
        resources=any(r.resources for r in reports),
        joint_projects=any(r.joint_projects for r in reports),
        source=ObservationSource.SURVEY,
        note=(
            _("Survey wave of %(date)s: reported by both sides")
            if len(reports) == 2
            else _("Survey wave of %(date)s: reported by one side")
        )  # fmt: skip
        % {"date": day(wave.date)},
    )
