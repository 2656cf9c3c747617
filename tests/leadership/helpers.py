"""Builders for the leadership tests (also used by the permission matrix)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from maillage.leadership.models import (
    ActivityKind,
    Community,
    CommunityMember,
    CommunitySession,
    Competency,
    LeaderProfile,
    LearningActivity,
    Rating,
    SelfAssessment,
)


def make_profile(user, organization, coach=None, consent: bool = False) -> LeaderProfile:  # type: ignore[no-untyped-def]
    profile, _created = LeaderProfile.objects.update_or_create(
        user=user, defaults={"organization": organization, "coach": coach, "coach_consent": consent}
    )
    return profile


def make_assessment(
    profile: LeaderProfile, day: datetime.date, levels: dict[str, int] | int
) -> SelfAssessment:
    """Rate every active competency: one level for all, or {competency code: level} for some."""
    assessment = SelfAssessment.objects.create(profile=profile, assessed_on=day)
    competencies = Competency.objects.filter(active=True)
    if isinstance(levels, dict):
        competencies = competencies.filter(code__in=levels)
    Rating.objects.bulk_create(
        Rating(
            assessment=assessment,
            competency=c,
            level=levels[c.code] if isinstance(levels, dict) else levels,
        )
        for c in competencies
    )
    return assessment


def make_activity(network=None, codes: tuple[str, ...] = ("succession",), **extra) -> LearningActivity:  # type: ignore[no-untyped-def]
    activity = LearningActivity.objects.create(
        kind=extra.pop("kind", ActivityKind.WORKSHOP),
        title_fr=extra.pop("title_fr", "Atelier test"),
        start_date=extra.pop("start_date", datetime.date(2026, 1, 15)),
        network=network,
        **extra,
    )
    activity.competencies.set(Competency.objects.filter(code__in=codes))
    return activity


def make_community(*members, facilitators=()) -> Community:  # type: ignore[no-untyped-def]
    community = Community.objects.create(name_fr="Communauté test", name_en="Test community")
    for user in members:
        CommunityMember.objects.create(community=community, user=user)
    for user in facilitators:
        CommunityMember.objects.create(community=community, user=user, facilitator=True)
    return community


def make_session(community: Community, theme: str = "Rencontre") -> CommunitySession:
    return CommunitySession.objects.create(
        community=community, theme=theme, starts_at=timezone.make_aware(datetime.datetime(2026, 5, 1, 13, 0))
    )


def url(name: str, language: str = "fr", **kwargs) -> str:  # type: ignore[no-untyped-def]
    """A URL in a given language, whatever language the previous request left active."""
    from django.urls import reverse
    from django.utils import translation

    with translation.override(language):
        return reverse(f"leadership:{name}", kwargs=kwargs or None)


def first_competency() -> Competency:
    return Competency.objects.order_by("pk").first()  # type: ignore[return-value]


def leadership_session(world: dict) -> dict[str, int]:
    """URL kwargs of a session in a community where the matrix's `member` is a member."""
    session = make_session(make_community(world["member"]))
    return {"pk": session.community_id, "session_pk": session.pk}
