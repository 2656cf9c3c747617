"""Demo content: a closed 2023 baseline wave of the first demo network, with answers drawn from its ties.

The demo's 2023 observations stand for what that wave found: respondents name the partners those
observations give them, at the same level and formality, and the wave's ratings point at those
observations (as `do_close_wave` would have made them) instead of repeating them. Ratings and impact answers
are drawn at random (seeded); a few quotes come with consent.
"""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.db.models import Q

from maillage.networks.models import Membership, Network
from maillage.surveys.actions import survey_questions
from maillage.surveys.builtin import load_instruments
from maillage.surveys.models import (
    RATING_FIELDS,
    Invitation,
    PartnerAnswer,
    QuestionKind,
    QuestionScope,
    Rating,
    Response,
    Wave,
    WaveKind,
    WaveStatus,
)
from maillage.ties.models import TieObservation

BASELINE = datetime.date(2023, 5, 15)
QUOTES = [
    ("Nous comprenons que nous travaillons mieux ensemble.", "named"),
    ("Tout le monde y gagne au travail d'équipe : chacun a ses points forts.", "anonymous"),
    ("On mobilise rapidement car on nous fait confiance.", "anonymous"),
    ("Je préfère que ces mots restent entre nous.", ""),
]


MAX_MEMBERS = 400  # a province-size benchmark network gets no demo survey: it would only slow the build


@transaction.atomic
def build_survey_demo(network: Network, *, seed: int = 2026, response_rate: float = 0.7) -> Wave | None:
    from django.apps import apps

    load_instruments(apps)  # after a flush (browser tests) the instruments must be put back first
    if network.memberships.count() > MAX_MEMBERS:
        return None
    rng = random.Random(seed)
    wave = Wave.objects.create(network=network, kind=WaveKind.BASELINE, date=BASELINE, status=WaveStatus.OPEN)
    members = list(
        Membership.objects.filter(network=network, end_date__isnull=True)
        .values_list("organization_id", flat=True)
        .distinct()
    )
    Invitation.objects.bulk_create(
        Invitation(wave=wave, organization_id=pk, token=f"demo-{wave.pk}-{pk}-{rng.getrandbits(64):x}")
        for pk in members
    )
    invitations = list(Invitation.objects.filter(wave=wave).order_by("organization_id"))
    answering = [i for i in invitations if rng.random() < response_rate]
    questions = [q for q in survey_questions(wave) if q.scope == QuestionScope.RESPONDENT]
    responses = Response.objects.bulk_create(
        _response(invitation, questions, rng, index) for index, invitation in enumerate(answering)
    )
    observed = _observed_ties(network, {i.organization_id for i in answering})
    answers = [
        PartnerAnswer(
            response=response,
            partner_id=partner,
            frequency=rng.choice(["quarterly", "monthly", "weekly"]),
            level=level,
            formality=formality,
            information=True,
            referrals=rng.random() < 0.5,
            **{field: rng.choice([2, 3, 3, 4, 4]) for field in RATING_FIELDS},
        )
        for response in responses
        for partner, level, formality, _observation in observed.get(response.invitation.organization_id, [])
    ]
    PartnerAnswer.objects.bulk_create(answers)
    raters = {r.pk: r.invitation.organization_id for r in responses}
    pairs = {(raters[a.response_id], a.partner_id) for a in answers}
    observation_of = {(rater, p[0]): p[3] for rater, partners in observed.items() for p in partners}
    Rating.objects.bulk_create(
        Rating(
            wave=wave,
            rater_id=raters[a.response_id],
            rated_id=a.partner_id,
            observation_id=observation_of[(raters[a.response_id], a.partner_id)],
            reported_by_both=(a.partner_id, raters[a.response_id]) in pairs,
            **{field: getattr(a, field) for field in RATING_FIELDS},
        )
        for a in answers
    )
    Wave.objects.filter(pk=wave.pk).update(status=WaveStatus.CLOSED)
    wave.refresh_from_db()
    return wave


def _response(invitation: Invitation, questions: list, rng: random.Random, index: int) -> Response:  # type: ignore[type-arg]
    answers = {
        q.code: str(rng.choice(range(max(q.scale_min, 2), q.scale_max + 1)))
        for q in questions
        if q.kind == QuestionKind.SCALE
    }
    answers["contributions"] = rng.sample(["expertise", "volunteers", "information", "community_links"], 2)
    quote, consent = QUOTES[index] if index < len(QUOTES) else ("", "")
    return Response(
        invitation=invitation,
        answers=answers,
        quote=quote,
        quote_consent=consent,
        language="fr",
        submitted_at=datetime.datetime(2023, 5, 10, 12, tzinfo=datetime.UTC),
    )


def _observed_ties(network: Network, respondents: set[int]) -> dict[int, list[tuple[int, int, str, int]]]:
    """Each respondent's partners as the demo observed them on the baseline date."""
    rows = TieObservation.objects.filter(
        Q(tie__organization_a_id__in=respondents) | Q(tie__organization_b_id__in=respondents),
        tie__network=network,
        observed_on=BASELINE,
        level__gt=0,
    ).values_list("tie__organization_a_id", "tie__organization_b_id", "level", "formality", "id")
    partners: dict[int, list[tuple[int, int, str, int]]] = {}
    for a, b, level, formality, observation in rows:
        for rater, rated in ((a, b), (b, a)):
            if rater in respondents:
                partners.setdefault(rater, []).append((rated, level, formality, observation))
    return partners
