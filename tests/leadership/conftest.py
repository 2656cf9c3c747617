from __future__ import annotations

import pytest

from maillage.leadership.models import Competency
from tests.leadership.helpers import make_profile


@pytest.fixture
def competencies(db) -> list[Competency]:
    return list(Competency.objects.filter(active=True).select_related("pillar"))


@pytest.fixture
def leader(member, orgs):
    """The `member` of network A as a leader of its second organization."""
    return make_profile(member, orgs[1])


@pytest.fixture
def team_member(db):
    from tests.conftest import make_user

    return make_user("team", is_staff=True)
