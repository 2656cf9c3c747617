"""Demo content: each demo network's stages of development at each wave, and a coordinator's lessons.

Seeded: a network starts emerging or forming at the baseline and usually moves one stage on at each
follow-up, so the report shows a path; two lessons per network, one published by name, one anonymously,
and one kept private (never shown in a report).
"""

from __future__ import annotations

import datetime
import random

from django.apps import apps
from django.db import transaction

from maillage.lessons.models import DevelopmentStage, Lesson, NetworkStage, Publication
from maillage.lessons.stages import load_stages
from maillage.networks.models import Network

NOTES = {
    "emerging": "Premières rencontres des partenaires autour des besoins de la communauté.",
    "forming": "Plan d'action commun adopté; premières activités conjointes.",
    "consolidating": "Rencontres régulières, rôles clarifiés, ressources mises en commun.",
    "mature": "Le réseau est invité aux tables de planification régionale.",
    "renewing": "Nouveaux partenaires et nouveaux buts; d'autres réseaux s'en inspirent.",
}
COORDINATOR_LESSONS = [
    (
        "Les liens informels entre organismes communautaires ont tenu quand les structures ont changé.",
        "named",
    ),
    ("Mesurer nos liens chaque année nous a montré les secteurs encore absents de la table.", "anonymous"),
    ("Le roulement de personnel au CISSS nous oblige à recommencer souvent.", ""),
]


@transaction.atomic
def build_lessons_demo(networks: list[Network], dates: list[datetime.date], *, seed: int = 2026) -> int:
    """Stages at each date and three coordinator lessons per network; returns the number of stage records."""
    load_stages(apps)  # after a flush (browser tests) the reference stages must be put back first
    stages = list(DevelopmentStage.objects.order_by("order"))
    rng = random.Random(seed)
    records, lessons = [], []
    for network in networks:
        position = rng.choice([0, 1])
        for index, date in enumerate(dates):
            if index and rng.random() < 0.7:
                position = min(position + 1, len(stages) - 1)
            stage = stages[position]
            records.append(
                NetworkStage(network=network, stage=stage, reached_on=date, note=NOTES.get(stage.code, ""))
            )
        lead = network.lead_organization_id
        for offset, (text, publication) in enumerate(COORDINATOR_LESSONS):
            lessons.append(
                Lesson(
                    network=network,
                    noted_on=dates[-1] + datetime.timedelta(days=30 + offset),
                    text=text,
                    publication=publication or Publication.NONE,
                    organization_id=lead if publication == "named" else None,
                )
            )
    NetworkStage.objects.bulk_create(records)
    Lesson.objects.bulk_create(lessons)
    return len(records)
