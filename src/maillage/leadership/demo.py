"""Demo content of the leadership programme: leaders, two years of self-assessments, activities, communities.

Deterministic (its own seeded random generator), fictional, and written straight to the models:
no e-mail goes out for the demo sessions.
"""

from __future__ import annotations

import datetime
import random

from django.apps import apps
from django.contrib.auth.models import User
from django.utils import timezone

from maillage.directory.models import Organization
from maillage.leadership.framework import load_framework
from maillage.leadership.models import (
    ActivityKind,
    Community,
    CommunityMember,
    CommunitySession,
    Competency,
    LeaderProfile,
    LearningActivity,
    Participation,
    Post,
    Rating,
    SelfAssessment,
    SessionResource,
)
from maillage.networks.models import Membership, Network

LEADERS = [
    ("leader-ana", "Ana", "Fictive"),
    ("leader-ben", "Ben", "Exemple"),
    ("leader-chloe", "Chloé", "Démo"),
    ("leader-dev", "Dev", "Essai"),
    ("leader-eli", "Éli", "Modèle"),
    ("leader-fay", "Fay", "Prototype"),
    ("leader-gus", "Gus", "Maquette"),
]
ASSESSMENT_DATES = [datetime.date(2024, 10, 15), datetime.date(2025, 6, 10), datetime.date(2026, 9, 21)]

# (kind, French title, English title, start, end, competency codes, network index or None)
ACTIVITIES = [
    (ActivityKind.TRAINING, "Lire le portrait de sa communauté", "Reading a community profile",
     (2025, 2, 12), (2025, 2, 13), ["know-community-needs", "communicate-results"], 0),
    (ActivityKind.WORKSHOP, "Animer une table de concertation", "Facilitating a round table",
     (2025, 5, 7), None, ["facilitate-groups", "build-relationships"], None),
    (ActivityKind.COACHING, "Accompagnement : préparer la relève", "Coaching: preparing successors",
     (2025, 10, 1), (2026, 3, 31), ["succession"], 1),
    (ActivityKind.TRAINING, "S'orienter dans le réseau public", "Finding one's way in the public system",
     (2026, 4, 22), None, ["navigate-public-system", "intersectoral-partnerships"], None),
    (ActivityKind.WORKSHOP, "Porter la voix de la communauté", "Carrying the community's voice",
     (2027, 2, 10), None, ["voice-of-community", "citizen-engagement", "policy-influence"], None),
    (ActivityKind.TRAINING, "Diversifier son financement", "Diversifying funding",
     (2027, 3, 17), (2027, 3, 18), ["sustainable-funding", "innovation-and-adaptation"], 0),
]  # fmt: skip

COMMUNITIES = [
    (
        "Communauté de pratique — Aînés et proches aidants",
        "Community of practice — Seniors and caregivers",
        "Des leaders de plusieurs réseaux échangent sur le soutien aux aînés et à leurs proches.",
        ["Rejoindre les aînés isolés", "Soutenir les proches aidants épuisés"],
    ),
    (
        "Communauté de pratique — Jeunes et familles",
        "Community of practice — Youth and families",
        "Échanges sur l'engagement des jeunes et des familles d'expression anglaise.",
        ["Mobiliser les jeunes", "Partenariats avec les écoles"],
    ),
]
POSTS = [
    "Bonjour à toutes et à tous! Qui a essayé les appels d'amitié téléphoniques cet automne?",
    "Nous avons un guide d'accueil bilingue à partager, écrivez-moi.",
    "Prochaine rencontre : apportez un exemple de partenariat qui a bien marché.",
]
REPLIES = ["Oui, chez nous : 40 bénévoles et une belle réponse.", "Merci, très utile!"]


def _leader(username: str, first: str, last: str, organization_id: int) -> LeaderProfile:
    user, _created = User.objects.get_or_create(
        username=username,
        defaults={"first_name": first, "last_name": last, "email": f"{username}@example.org"},
    )
    if _created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return LeaderProfile.objects.create(user=user, organization_id=organization_id)


def _assess(rng: random.Random, profile: LeaderProfile, competencies: list[Competency]) -> None:
    base = {c.pk: rng.randint(1, 3) for c in competencies}
    for step, day in enumerate(ASSESSMENT_DATES):
        assessment = SelfAssessment.objects.create(profile=profile, assessed_on=day)
        Rating.objects.bulk_create(
            Rating(assessment=assessment, competency=c, level=min(5, base[c.pk] + rng.randint(0, step)))
            for c in competencies
        )


def build_leadership_demo(networks: list[Network], seed: int = 2026) -> str:
    """Leaders from the first two networks, their assessments, activities and two communities."""
    load_framework(apps)
    if LeaderProfile.objects.exists():
        return "already there"
    rng = random.Random(seed)
    competencies = list(Competency.objects.filter(active=True))
    by_code = {c.code: c for c in competencies}
    member_orgs = [
        list(
            Membership.objects.filter(network=n, end_date__isnull=True).values_list(
                "organization_id", flat=True
            )
        )
        for n in networks[:2]
    ]
    pools = [orgs for orgs in member_orgs if orgs] or [[Organization.objects.values_list("pk", flat=True)[0]]]
    profiles = [
        _leader(username, first, last, pools[i % len(pools)][i % len(pools[i % len(pools)])])
        for i, (username, first, last) in enumerate(LEADERS)
    ]
    membre = User.objects.filter(username="membre").first()
    coach = User.objects.filter(username="coordination").first()
    if membre is not None:
        profiles.append(
            LeaderProfile.objects.create(
                user=membre, organization_id=pools[0][0], coach=coach, coach_consent=coach is not None
            )
        )
    for profile in profiles:
        _assess(rng, profile, competencies)
    _activities(rng, networks, profiles, by_code)
    _communities(rng, profiles, coach)
    return f"{len(profiles)} leaders, {len(ACTIVITIES)} activities, {len(COMMUNITIES)} communities"


def _activities(
    rng: random.Random, networks: list[Network], profiles: list[LeaderProfile], by_code: dict[str, Competency]
) -> None:
    """The learning activities, with who took part in the past ones."""
    for kind, title_fr, title_en, start, end, codes, network_index in ACTIVITIES:
        activity = LearningActivity.objects.create(
            kind=kind,
            title_fr=title_fr,
            title_en=title_en,
            start_date=datetime.date(*start),
            end_date=datetime.date(*end) if end else None,
            network=networks[network_index] if network_index is not None else None,
        )
        activity.competencies.set([by_code[code] for code in codes])
        past = activity.start_date < datetime.date(2026, 11, 1)
        for profile in rng.sample(profiles, 4):
            Participation.objects.create(
                activity=activity, profile=profile, attended=past and rng.random() < 0.8
            )


def _communities(rng: random.Random, profiles: list[LeaderProfile], coach: User | None) -> None:
    """Two communities of practice, with their members, sessions and a few posts."""
    for index, (name_fr, name_en, description, themes) in enumerate(COMMUNITIES):
        community = Community.objects.create(name_fr=name_fr, name_en=name_en, description_fr=description)
        members = profiles[index::2] + [profiles[-1]]
        CommunityMember.objects.bulk_create(
            CommunityMember(community=community, user=p.user) for p in dict.fromkeys(members)
        )
        if coach is not None:
            CommunityMember.objects.get_or_create(
                community=community, user=coach, defaults={"facilitator": True}
            )
        for month, theme in enumerate(themes):
            session = CommunitySession.objects.create(
                community=community,
                theme=theme,
                starts_at=timezone.make_aware(datetime.datetime(2026, 3 + 3 * month, 12, 13, 30)),
                notes="Tour de table, puis un exemple présenté par un membre.",
                created_by=coach,
            )
            SessionResource.objects.create(
                session=session, title="Fiche-synthèse", url="https://example.org/fiche"
            )
        for text in POSTS:
            post = Post.objects.create(community=community, author=rng.choice(members).user, body=text)
            for reply in REPLIES[: rng.randint(0, 2)]:
                Post.objects.create(
                    community=community, parent=post, author=rng.choice(members).user, body=reply
                )
