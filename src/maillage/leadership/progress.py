"""One leader's own progress: their latest levels, averages per pillar over time, and what to learn next.

Every function here takes a profile that the caller has already checked may be read
(permissions.get_profile_ratings_for): nothing here checks permissions again.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch, Q

from maillage.leadership.models import Competency, LeaderProfile, LearningActivity, Rating, SelfAssessment

WEAKEST_COUNT = 3
SUGGESTIONS_PER_COMPETENCY = 3


def assessments_of(profile: LeaderProfile) -> list[SelfAssessment]:
    ratings = Rating.objects.select_related("competency__pillar").order_by(
        "competency__pillar__order", "competency__order", "competency__code"
    )
    return list(
        profile.assessments.prefetch_related(Prefetch("ratings", queryset=ratings)).order_by("assessed_on")
    )


def pillar_points(assessments: list[SelfAssessment]) -> list[tuple[str, str, float]]:
    """(ISO date, pillar name, average level) for each assessment and pillar."""
    points = []
    for assessment in assessments:
        per_pillar: dict[str, list[int]] = defaultdict(list)
        for rating in assessment.ratings.all():
            per_pillar[rating.competency.pillar.name].append(rating.level)
        for name, levels in per_pillar.items():
            points.append((assessment.assessed_on.isoformat(), name, sum(levels) / len(levels)))
    return points


def weakest(assessment: SelfAssessment | None, count: int = WEAKEST_COUNT) -> list[tuple[Competency, int]]:
    """The lowest-rated active competencies of an assessment, lowest first (framework order breaks ties)."""
    if assessment is None:
        return []
    rated = [(r.competency, r.level) for r in assessment.ratings.all() if r.competency.active]
    return sorted(rated, key=lambda pair: pair[1])[:count] if rated else []


@dataclass
class Suggestion:
    competency: Competency
    level: int
    activities: list[LearningActivity]


def suggestions(weak: list[tuple[Competency, int]], today: datetime.date | None = None) -> list[Suggestion]:
    """Activities still to come (or under way) that address each weak competency; one query in all."""
    today = today or datetime.date.today()
    ids = [competency.pk for competency, _level in weak]
    upcoming = (
        LearningActivity.objects.filter(competencies__in=ids)
        .filter(Q(end_date__gte=today) | Q(end_date__isnull=True, start_date__gte=today))
        .prefetch_related("competencies")
        .distinct()
        .order_by("start_date", "id")
    )
    by_competency: dict[int, list[LearningActivity]] = defaultdict(list)
    for activity in upcoming:
        for competency in activity.competencies.all():
            if competency.pk in ids and len(by_competency[competency.pk]) < SUGGESTIONS_PER_COMPETENCY:
                by_competency[competency.pk].append(activity)
    return [Suggestion(competency, level, by_competency.get(competency.pk, [])) for competency, level in weak]


def comparison_rows(assessments: list[SelfAssessment]) -> list[tuple[Competency, int | None, int | None]]:
    """Each competency with the first and the latest level the person gave it."""
    if not assessments:
        return []
    first = {r.competency_id: r.level for r in assessments[0].ratings.all()}
    competencies: dict[int, Competency] = {}
    latest: dict[int, int] = {}
    for assessment in assessments:
        for rating in assessment.ratings.all():
            competencies[rating.competency_id] = rating.competency
            latest[rating.competency_id] = rating.level
    ordered = sorted(competencies.values(), key=lambda c: (c.pillar.order, c.order, c.code))
    return [(c, first.get(c.pk), latest.get(c.pk)) for c in ordered]
