"""The report's "Lessons about partnership" section: the networks' stages of development and their lessons.

Stages are the coordinators' dated records (`lessons.NetworkStage`): one network's report shows its path,
stage after stage, up to the end of the period; a report of several networks counts them by their latest
stage. Lessons come from the coordinators (`lessons.Lesson`) and from the partners' survey answers
(`surveys.Response.lesson`); only those cleared for publication are shown, by name or anonymously (then
only the sector is said).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from maillage.lessons.models import DevelopmentStage, Lesson, NetworkStage, Publication
from maillage.observatory import Scope
from maillage.surveys.models import ConsentChoice, Response

MAX_LESSONS = 12


@dataclass
class PublishedLesson:
    text: str
    attribution: str
    date: datetime.date


def stage_path(scope: Scope, end: datetime.date) -> dict[str, Any]:
    records = list(
        NetworkStage.objects.filter(network__in=scope.networks, reached_on__lte=end)
        .select_related("stage", "network")
        .order_by("network_id", "reached_on", "id")
    )
    stages = list(DevelopmentStage.objects.all())
    latest: dict[int, NetworkStage] = {}
    for record in records:
        latest[record.network_id] = record
    counts = [(stage, sum(1 for r in latest.values() if r.stage_id == stage.pk)) for stage in stages]
    return {
        "path": records if scope.network is not None else [],
        "current": latest.get(scope.network.pk) if scope.network is not None else None,
        "counts": [(s, n) for s, n in counts if n] if scope.network is None else [],
        "definitions": [(s.name, s.definition) for s in stages],
        "any": bool(records),
    }


def published_lessons(scope: Scope, end: datetime.date) -> list[PublishedLesson]:
    found = []
    written = (
        Lesson.objects.filter(network__in=scope.networks, noted_on__lte=end)
        .exclude(publication=Publication.NONE)
        .select_related("organization__sector", "network")
    )
    for lesson in written:
        found.append(PublishedLesson(lesson.text, _lesson_attribution(lesson), lesson.noted_on))
    answers = (
        Response.objects.filter(
            invitation__wave__network__in=scope.networks,
            invitation__wave__date__lte=end,
            submitted_at__isnull=False,
            lesson_consent__in=[ConsentChoice.NAMED, ConsentChoice.ANONYMOUS],
        )
        .exclude(lesson="")
        .select_related("invitation__organization__sector", "invitation__wave")
    )
    for response in answers:
        organization = response.invitation.organization
        named = response.lesson_consent == ConsentChoice.NAMED
        attribution = organization.name if named else _anonymous(organization)
        found.append(PublishedLesson(response.lesson, attribution, response.invitation.wave.date))
    found.sort(key=lambda lesson: (lesson.date, lesson.text), reverse=True)
    return found[:MAX_LESSONS]


def _anonymous(organization: Any) -> str:
    return _("A partner (%(sector)s)") % {"sector": organization.sector.name}


def _lesson_attribution(lesson: Lesson) -> str:
    if lesson.organization is None:
        return _("The network's coordination")
    if lesson.publication == Publication.NAMED:
        return lesson.organization.name
    return _anonymous(lesson.organization)


def lessons_section(scope: Scope, end: datetime.date) -> dict[str, Any]:
    return {"stages": stage_path(scope, end), "lessons": published_lessons(scope, end)}
