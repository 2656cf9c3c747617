"""Demo content: each demo network's survey waves, a baseline and two follow-ups, answers drawn from its ties.

The demo's observations on each wave date stand for what that wave found: respondents name the partners
those observations give them, at the same level and formality, and the wave's ratings point at those
observations (as `do_close_wave` would have made them) instead of repeating them. Ratings and impact answers
are drawn at random (seeded), the impact answers drifting up from wave to wave as partnerships mature; a few
quotes (the partners' words of CHSSN's baseline report) and lessons come with consent, one without.
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
    Question,
    QuestionKind,
    QuestionScope,
    Rating,
    Response,
    Wave,
    WaveKind,
    WaveStatus,
)
from maillage.ties.models import TieObservation

WAVE_DATES = [datetime.date(2023, 5, 15), datetime.date(2024, 5, 15), datetime.date(2025, 5, 15)]
BASELINE = WAVE_DATES[0]
QUOTES = [
    "Notre partenariat sert désormais de modèle pour les autres.",
    "Nos partenaires plaident en notre faveur.",
    "On mobilise rapidement car on nous fait confiance.",
    "Nous comprenons que nous travaillons mieux ensemble.",
    "Tout le monde y gagne au travail d'équipe... chacun a ses points forts.",
    "J'ai le privilège d'avoir des relations avec les partenaires que j'ai.",
    "Nous sommes tous du même côté.",
    "Nous avons dorénavant une vision globale.",
]
PRIVATE_QUOTE = "Je préfère que ces mots restent entre nous."
LESSONS = [
    "Prendre le temps de se connaître avant de planifier : la confiance vient avant les projets.",
    "Un corridor de services écrit survit aux changements de personnel; une entente verbale, non.",
    "Inviter le CLSC dès le départ évite de refaire deux fois le même portrait des besoins.",
    "Les petits organismes ont besoin qu'on adapte l'horaire des rencontres pour pouvoir y participer.",
    "Parler la langue des gens, c'est déjà leur ouvrir la porte des services.",
    "Une rencontre par mois suffit si chacun sait ce qu'il apporte à la table.",
]
PRIVATE_LESSON = "Certains partenaires ne tiennent pas leurs engagements."


MAX_MEMBERS = 400  # a province-size benchmark network gets no demo survey: it would only slow the build


def build_survey_demos(networks: list[Network], *, seed: int = 2026) -> int:
    """A baseline and two follow-up waves for every demo network; returns how many waves were written."""
    return sum(len(build_survey_demo(network, seed=seed + index)) for index, network in enumerate(networks))


@transaction.atomic
def build_survey_demo(network: Network, *, seed: int = 2026, response_rate: float = 0.7) -> list[Wave]:
    """The network's three closed waves (a baseline, then follow-ups), oldest first."""
    from django.apps import apps

    load_instruments(apps)  # after a flush (browser tests) the instruments must be put back first
    if network.memberships.count() > MAX_MEMBERS:
        return []
    rng = random.Random(seed)
    waves: list[Wave] = []
    for index, date in enumerate(WAVE_DATES):
        previous = waves[-1] if waves else None
        waves.append(_closed_wave(network, date, index, previous, rng, response_rate))
    return waves


def _members_on(network: Network, date: datetime.date) -> list[int]:
    started = Q(start_date__isnull=True) | Q(start_date__lte=date)
    running = Q(end_date__isnull=True) | Q(end_date__gte=date)
    rows = Membership.objects.filter(started & running, network=network).values_list(
        "organization_id", flat=True
    )
    return sorted(set(rows))


def _closed_wave(
    network: Network,
    date: datetime.date,
    index: int,
    previous: Wave | None,
    rng: random.Random,
    response_rate: float,
) -> Wave:
    kind = WaveKind.BASELINE if previous is None else WaveKind.FOLLOW_UP
    wave = Wave.objects.create(
        network=network, kind=kind, date=date, previous=previous, status=WaveStatus.OPEN
    )
    Invitation.objects.bulk_create(
        Invitation(wave=wave, organization_id=pk, token=f"demo-{wave.pk}-{pk}-{rng.getrandbits(64):x}")
        for pk in _members_on(network, date)
    )
    invitations = list(Invitation.objects.filter(wave=wave).order_by("organization_id"))
    answering = [i for i in invitations if rng.random() < response_rate] or invitations[:1]
    questions = [q for q in survey_questions(wave) if q.scope == QuestionScope.RESPONDENT]
    responses = Response.objects.bulk_create(
        _response(invitation, questions, rng, position, index)
        for position, invitation in enumerate(answering)
    )
    _partner_answers(
        wave, responses, _observed_ties(network, {i.organization_id for i in answering}, date), rng
    )
    Wave.objects.filter(pk=wave.pk).update(status=WaveStatus.CLOSED)
    wave.refresh_from_db()
    return wave


def _partner_answers(wave: Wave, responses: list[Response], observed: dict, rng: random.Random) -> None:
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


def _response(
    invitation: Invitation, questions: list[Question], rng: random.Random, position: int, wave_index: int
) -> Response:
    answers: dict[str, object] = {}
    for question in questions:
        if question.kind != QuestionKind.SCALE:
            continue
        drift = 0.55 * wave_index if question.instrument.kind == "impact" else 0.2 * wave_index
        value = round(rng.gauss(2.7 + drift, 0.8))
        answers[question.code] = str(min(question.scale_max, max(question.scale_min, value)))
    answers["contributions"] = rng.sample(["expertise", "volunteers", "information", "community_links"], 2)
    quote, consent = _words(position, wave_index, QUOTES, PRIVATE_QUOTE, every=3)
    lesson, lesson_consent = _words(position, wave_index, LESSONS, PRIVATE_LESSON, every=2)
    submitted = datetime.datetime.combine(invitation.wave.date, datetime.time(12), tzinfo=datetime.UTC)
    return Response(
        invitation=invitation,
        answers=answers,
        quote=quote,
        quote_consent=consent,
        lesson=lesson,
        lesson_consent=lesson_consent,
        language="fr",
        submitted_at=submitted - datetime.timedelta(days=5),
    )


def _words(position: int, wave_index: int, texts: list[str], private: str, *, every: int) -> tuple[str, str]:
    """The first respondents of a wave give words: `every` of them published, then one kept private."""
    if position < every:
        consent = "named" if (position + wave_index) % 2 == 0 else "anonymous"
        return texts[(wave_index * every + position) % len(texts)], consent
    if position == every:
        return private, ""
    return "", ""


def _observed_ties(
    network: Network, respondents: set[int], date: datetime.date
) -> dict[int, list[tuple[int, int, str, int]]]:
    """Each respondent's partners as the demo observed them on the wave's date."""
    rows = TieObservation.objects.filter(
        Q(tie__organization_a_id__in=respondents) | Q(tie__organization_b_id__in=respondents),
        tie__network=network,
        observed_on=date,
        level__gt=0,
    ).values_list("tie__organization_a_id", "tie__organization_b_id", "level", "formality", "id")
    partners: dict[int, list[tuple[int, int, str, int]]] = {}
    for a, b, level, formality, observation in rows:
        for rater, rated in ((a, b), (b, a)):
            if rater in respondents:
                partners.setdefault(rater, []).append((rated, level, formality, observation))
    return partners
