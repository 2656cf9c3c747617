"""What a wave's pages show: response rate (overall and per sector), who is missing, and the aggregates.

Aggregates are computed from submitted responses only; quotes appear only with the respondent's consent.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from maillage.directory.i18n import pick_language
from maillage.surveys.models import (
    RATING_FIELDS,
    ConsentChoice,
    Invitation,
    PartnerAnswer,
    Question,
    QuestionKind,
    QuestionScope,
    Response,
    Wave,
)


@dataclass
class Rate:
    label: str
    invited: int
    submitted: int

    @property
    def percent(self) -> float:
        return 100.0 * self.submitted / self.invited if self.invited else 0.0


def response_rates(wave: Wave) -> tuple[Rate, list[Rate]]:
    """The overall rate and one per sector, in two queries."""
    submitted = Q(response__submitted_at__isnull=False)
    rows = (
        Invitation.objects.filter(wave=wave)
        .values(
            "organization__sector__name_fr", "organization__sector__name_en", "organization__sector__order"
        )
        .annotate(invited=Count("id"), submitted=Count("id", filter=submitted))
        .order_by("organization__sector__order", "organization__sector__name_fr")
    )
    sectors = [
        Rate(
            pick_language(r["organization__sector__name_fr"], r["organization__sector__name_en"]),
            r["invited"],
            r["submitted"],
        )  # fmt: skip
        for r in rows
    ]
    total = Rate(_("All partners"), sum(r.invited for r in sectors), sum(r.submitted for r in sectors))
    return total, sectors


def missing_invitations(wave: Wave) -> QuerySet[Invitation]:
    return (
        Invitation.objects.filter(wave=wave)
        .exclude(response__submitted_at__isnull=False)
        .select_related("organization__sector", "response")
        .order_by("organization__name_fr", "id")
    )


@dataclass
class Point:
    value: str
    label: str
    count: int
    percent: float


@dataclass
class QuestionSummary:
    question: Question
    answered: int
    mean: float | None
    points: list[Point]
    comments: list[str] = field(default_factory=list)


def submitted_responses(wave: Wave) -> list[Response]:
    return list(
        Response.objects.filter(invitation__wave=wave, submitted_at__isnull=False).select_related(
            "invitation__organization__sector"
        )
    )


def summarise(questions: list[Question], responses: list[Response]) -> list[QuestionSummary]:
    """Mean and distribution of scale questions, counts of choice questions; comments and text answers
    kept as written."""
    summaries = []
    for question in questions:
        if question.scope != QuestionScope.RESPONDENT:
            continue
        values = [r.answers[question.code] for r in responses if question.code in r.answers]
        if question.kind == QuestionKind.TEXT:
            summaries.append(QuestionSummary(question, len(values), None, [], [str(v) for v in values]))
            continue
        flat = [v for value in values for v in (value if isinstance(value, list) else [value])]
        points_source = (
            question.scale_points() if question.kind == QuestionKind.SCALE else question.choice_pairs()
        )
        points = [
            Point(code, label, flat.count(code), 100.0 * flat.count(code) / len(values) if values else 0.0)
            for code, label in points_source
        ]
        mean = None
        if question.kind == QuestionKind.SCALE and values:
            numbers = [int(v) for v in values if str(v).isdigit()]
            mean = sum(numbers) / len(numbers) if numbers else None
        comments = [r.comments[question.code] for r in responses if r.comments.get(question.code)]
        summaries.append(QuestionSummary(question, len(values), mean, points, comments))
    return summaries


def by_instrument(summaries: list[QuestionSummary], *, with_text: bool) -> dict[str, list[QuestionSummary]]:
    """Impact, factors, and the rest (relational extras and the network's own questions)."""
    groups: dict[str, list[QuestionSummary]] = {"impact": [], "factors": [], "others": []}
    for summary in summaries:
        question = summary.question
        if question.kind == QuestionKind.TEXT and not with_text:
            continue
        if not with_text and summary.comments:
            # Comments are free text too, and may identify their authors: partners see only the aggregates.
            summary = replace(summary, comments=[])
        kind = question.instrument.kind if question.instrument_id else "others"
        groups[kind if kind in ("impact", "factors") else "others"].append(summary)
    return groups


@dataclass
class Quote:
    text: str
    attribution: str


def published_quotes(responses: list[Response]) -> list[Quote]:
    """Only the words their authors agreed to publish, by name or anonymously (then only the sector shows)."""
    quotes = []
    for response in responses:
        if not response.quote or response.quote_consent not in (ConsentChoice.NAMED, ConsentChoice.ANONYMOUS):
            continue
        organization = response.invitation.organization
        if response.quote_consent == ConsentChoice.NAMED:
            attribution = organization.name
        else:
            attribution = _("A partner (%(sector)s)") % {"sector": organization.sector.name}
        quotes.append(Quote(response.quote, attribution))
    return quotes


@dataclass
class ReportedTie:
    first: str
    second: str
    both: bool
    levels: list[int]


def reported_ties(wave: Wave) -> list[ReportedTie]:
    """Each pair named in submitted answers, and whether both sides named it (reciprocity)."""
    answers = (
        PartnerAnswer.objects.filter(response__invitation__wave=wave, response__submitted_at__isnull=False)
        .select_related("response__invitation__organization", "partner")
        .order_by("id")
    )
    pairs: dict[tuple[int, int], ReportedTie] = {}
    for answer in answers:
        rater = answer.response.invitation.organization
        key = (min(rater.pk, answer.partner_id), max(rater.pk, answer.partner_id))
        if key in pairs:
            pairs[key].both = True
            pairs[key].levels.append(answer.level or 0)
        else:
            pairs[key] = ReportedTie(rater.name, answer.partner.name, False, [answer.level or 0])
    return sorted(pairs.values(), key=lambda t: (not t.both, t.first, t.second))


MIN_RATERS = 3


@dataclass(frozen=True)
class WaveRatings:
    raters: int
    ratings: int
    trust_percent: float | None
    value_percent: float | None


def wave_ratings(wave: Wave) -> WaveRatings:
    """The wave's trust and value over its submitted answers, as a share of the maximum 4 (see
    docs/metrics.md), with the raters and rated partners they cover; computed, not yet published."""
    submitted = PartnerAnswer.objects.filter(
        response__invitation__wave=wave, response__submitted_at__isnull=False
    )
    raters = (
        submitted.exclude(**{f"{field}__isnull": True for field in RATING_FIELDS})
        .values("response_id")
        .distinct()
        .count()
    )
    trust: list[float] = []
    value: list[float] = []
    for row in submitted.values_list(*RATING_FIELDS):
        for scores, part in ((trust, row[:3]), (value, row[3:])):
            given = [v for v in part if v is not None]
            if given:
                scores.append(sum(given) / len(given))
    return WaveRatings(
        raters,
        max(len(trust), len(value)),
        100.0 * sum(trust) / len(trust) / 4 if trust else None,
        100.0 * sum(value) / len(value) / 4 if value else None,
    )
