"""A small demo (120 organizations, 24 networks) for the report tests, and helpers."""

from __future__ import annotations

import pytest

from maillage.demo.generate import build_demo
from maillage.networks.models import Network


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    build_demo(120, seed=3)
    return list(Network.objects.order_by("pk"))


@pytest.fixture
def surveyed(demo):
    """The largest demo network: a closed baseline and two follow-ups (answers, ratings, quotes, lessons)."""
    return max(demo, key=lambda network: (network.memberships.count(), -network.pk))
