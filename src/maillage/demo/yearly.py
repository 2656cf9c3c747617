"""The demo's yearly story for every network: survey waves (a baseline, then follow-ups) with impact answers,
quotes and lessons, the network's stages of development, coordinators' lessons and a documented project, so
that every section of every demo network's yearly report has something to show.
"""

from __future__ import annotations

from maillage.initiatives.demo_stories import build_network_stories
from maillage.lessons.demo import build_lessons_demo
from maillage.networks.models import Network
from maillage.surveys.demo import WAVE_DATES, build_survey_demos


def build_yearly_demo(networks: list[Network], *, seed: int = 2026) -> str:
    waves = build_survey_demos(networks, seed=seed)
    stages = build_lessons_demo(networks, WAVE_DATES, seed=seed)
    stories = build_network_stories(networks)
    return f"{waves} survey waves, {stages} stages of development, {stories} network stories"
