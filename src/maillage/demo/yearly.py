"""The demo's yearly story for every network: survey waves (a baseline, then follow-ups) with impact answers,
quotes and lessons, the network's stages of development, coordinators' lessons and a documented project, so
that every section of every demo network's yearly report has something to show.
"""

from __future__ import annotations

import random

from django.apps import apps

from maillage.directory.mobilization import load_mobilization_model
from maillage.directory.models import MobilizationGoal, MobilizationPrinciple
from maillage.initiatives.demo_stories import build_network_stories
from maillage.initiatives.models import Initiative
from maillage.lessons.demo import build_lessons_demo
from maillage.networks.models import Network
from maillage.surveys.demo import WAVE_DATES, build_survey_demos


def build_yearly_demo(networks: list[Network], *, seed: int = 2026) -> str:
    waves = build_survey_demos(networks, seed=seed)
    stages = build_lessons_demo(networks, WAVE_DATES, seed=seed)
    stories = build_network_stories(networks)
    tag_mobilization_model(networks, seed=seed)
    return f"{waves} survey waves, {stages} stages of development, {stories} network stories"


def tag_mobilization_model(networks: list[Network], *, seed: int) -> None:
    """Every network serves one or both goals and applies two or three principles; so do its initiatives."""
    load_mobilization_model(apps)
    rng = random.Random(seed)
    goals, principles = list(MobilizationGoal.objects.all()), list(MobilizationPrinciple.objects.all())
    for network in networks:
        network.goals.set(rng.sample(goals, rng.choice([1, 2])))
        network.principles.set(rng.sample(principles, rng.choice([2, 3])))
    for initiative in Initiative.objects.filter(networks__in=networks).distinct():
        initiative.goals.set(rng.sample(goals, 1))
        initiative.principles.set(rng.sample(principles, 2))
