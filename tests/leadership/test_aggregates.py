"""The aggregates' arithmetic, checked against numbers worked out by hand, and the group-size rule."""

from __future__ import annotations

import datetime

import pytest

from maillage.directory.models import Territory
from maillage.leadership.aggregates import (
    Cell,
    competency_averages,
    latest_per_year,
    participation,
    pillar_averages,
    profiles_in,
)
from maillage.leadership.models import LeaderProfile, Participation
from maillage.networks.models import Network
from tests.conftest import client_for, make_user
from tests.leadership.helpers import make_activity, make_assessment, make_profile, url

D = datetime.date
# (person, date, competency, level). Competencies 1 and 2 belong to pillar 10.
ROWS = [
    (1, D(2025, 3, 1), 1, 2),
    (1, D(2025, 3, 1), 2, 4),
    (1, D(2025, 9, 1), 1, 3),  # person 1's latest of 2025: replaces March
    (1, D(2025, 9, 1), 2, 5),
    (1, D(2026, 2, 1), 1, 4),
    (1, D(2026, 2, 1), 2, 4),
    (2, D(2025, 5, 1), 1, 1),
    (2, D(2025, 5, 1), 2, 3),
    (3, D(2025, 6, 1), 1, 5),  # person 3 rated only competency 1
    (4, D(2026, 1, 1), 1, 2),
    (4, D(2026, 1, 1), 2, 2),
]


def test_each_person_counts_once_a_year_with_their_latest_assessment():
    kept = latest_per_year(ROWS)
    assert kept[(1, 2025)] == {1: 3, 2: 5}
    assert kept[(1, 2026)] == {1: 4, 2: 4}
    assert len(kept) == 5


def test_competency_averages_by_hand():
    cells = competency_averages(ROWS)
    # 2025, competency 1: persons 1, 2, 3 gave 3, 1, 5 -> 9 / 3 = 3.0
    assert cells[(1, 2025)] == Cell(n=3, mean=3.0)
    # 2025, competency 2: only persons 1 and 2 -> too few to show
    assert cells[(2, 2025)] == Cell(n=2, mean=None)
    assert cells[(2, 2025)].suppressed
    # 2026: persons 1 and 4 -> hidden at 3, shown when the rule allows 2: (4 + 2) / 2 = 3.0
    assert cells[(1, 2026)].suppressed
    assert competency_averages(ROWS, min_group=2)[(1, 2026)] == Cell(n=2, mean=3.0)


def test_pillar_averages_weigh_people_not_ratings():
    cells = pillar_averages(ROWS, {1: 10, 2: 10})
    # 2025: person 1 (3 + 5) / 2 = 4, person 2 (1 + 3) / 2 = 2, person 3 5 -> (4 + 2 + 5) / 3 = 3.67
    # (averaging the five ratings instead would give 17 / 5 = 3.4)
    assert cells[(10, 2025)] == Cell(n=3, mean=3.67)
    assert cells[(10, 2026)] == Cell(n=2, mean=None)
    assert pillar_averages(ROWS, {1: 10, 2: 10}, min_group=1)[(10, 2026)] == Cell(n=2, mean=3.0)


def test_no_rows_no_cells():
    assert competency_averages([]) == {}
    assert pillar_averages([], {}) == {}


@pytest.fixture
def four_leaders(network_a, network_b, orgs):
    elsewhere = network_b.memberships.get().organization
    l1 = make_profile(make_user("l1"), orgs[0])  # in A
    l2 = make_profile(make_user("l2"), orgs[1])  # in A
    l3 = make_profile(make_user("l3"), orgs[4])  # in no network, same region as A
    l4 = make_profile(make_user("l4"), elsewhere)  # in B, another region
    make_assessment(l1, D(2025, 1, 1), 3)
    make_assessment(l1, D(2025, 6, 1), 4)  # two assessments, still one person assessed
    make_assessment(l4, D(2025, 1, 1), 2)
    first, second = make_activity(network_a), make_activity(None, title_fr="Deuxième")
    Participation.objects.create(activity=first, profile=l1, attended=True)
    Participation.objects.create(activity=second, profile=l1, attended=False)
    Participation.objects.create(activity=first, profile=l2, attended=False)
    return [l1, l2, l3, l4]


def test_participation_per_network_and_region(four_leaders, network_a, network_b, region, other_region):
    result = participation(LeaderProfile.objects.all(), Network.objects.all())
    networks = {
        row.label: (row.leaders, row.assessed, row.took_part, row.attendances) for row in result["networks"]
    }
    assert networks == {network_a.name: (2, 1, 2, 1), network_b.name: (1, 1, 0, 0)}
    regions = {
        row.label: (row.leaders, row.assessed, row.took_part, row.attendances) for row in result["regions"]
    }
    assert regions == {
        Territory.objects.get(pk=region.pk).name: (3, 1, 2, 1),
        Territory.objects.get(pk=other_region.pk).name: (1, 1, 0, 0),
    }


def test_profiles_in_a_network_are_those_of_its_current_members(four_leaders, network_a):
    assert set(profiles_in(Network.objects.filter(pk=network_a.pk))) == set(four_leaders[:2])
    network_a.memberships.filter(organization=four_leaders[0].organization).update(end_date=D(2024, 12, 31))
    assert set(profiles_in(Network.objects.filter(pk=network_a.pk))) == {four_leaders[1]}


def test_a_coordinator_sees_the_figures_of_their_network_only(four_leaders, coordinator, network_b, orgs):
    make_assessment(four_leaders[1], D(2025, 2, 1), 2)
    make_assessment(make_profile(make_user("l5"), orgs[2]), D(2025, 3, 1), 5)
    page = client_for(coordinator).get(url("aggregates", "en")).content.decode()
    assert network_b.name not in page
    # Competency averages over the three leaders of A in 2025: (4 + 2 + 5) / 3 = 3.67
    assert "3.67 <small" in page and "n=3" in page


def test_the_team_sees_all_networks(four_leaders, team_member, network_a, network_b):
    page = client_for(team_member).get(url("aggregates", "en")).content.decode()
    assert network_a.name in page and network_b.name in page


def test_members_and_viewers_get_no_aggregates(member, viewer):
    for user in (member, viewer):
        assert client_for(user).get(url("aggregates")).status_code == 403
