"""Helpers other test modules (the permission matrix) use to get a survey wave."""

from __future__ import annotations

import datetime

from maillage.surveys.models import Wave


def make_wave(network) -> Wave:
    return Wave.objects.create(network=network, date=datetime.date(2024, 6, 1))
