"""Differencing: nobody recovers one person's self-assessment by subtracting two releases of averages.

The attack replayed: a coordinator reads the averages of their network with four leaders, ends one
membership, reads again with three, and computes the fourth leader's own level on every competency
(4 × mean₄ − 3 × mean₃). Then the same as a property: any sequence of membership changes and reads.
"""

from __future__ import annotations

import datetime
import re
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maillage.leadership import releases
from maillage.leadership.differencing import Form, may_publish, reveals_someone
from maillage.leadership.models import Competency
from tests.conftest import client_for, make_user
from tests.leadership.helpers import make_assessment, make_profile, url

D = datetime.date
CELL = re.compile(r"<td>([0-9.]+) <small class=\"muted\">\(n=(\d+)\)</small></td>")


def _read(client) -> list[tuple[float, int]]:
    """What the coordinator sees: (mean, n) of each published competency cell, in table order."""
    page = client.get(url("aggregates", "en")).content.decode()
    table = page.split('class="list averages"', 1)[1]
    rows = table.split("<tr>")[2:]
    cells = []
    for row in rows:
        found = CELL.search(row)
        cells.append((float(found.group(1)), int(found.group(2))) if found else None)
    return cells


def _recovered(before, after) -> list[int]:
    """The attacker's arithmetic: a level recovered wherever a 4-person and a 3-person mean both show."""
    levels = []
    for first, second in zip(before, after, strict=True):
        if first and second and first[1] == second[1] + 1:
            levels.append(round(first[0] * first[1] - second[0] * second[1]))
    return levels


@pytest.fixture
def four_in_a(network_a, orgs):
    """Four leaders of network A's four organizations, each with their own levels on every competency."""
    competencies = list(Competency.objects.filter(active=True).order_by("pk"))
    profiles = []
    for i in range(4):
        profile = make_profile(make_user(f"leader{i}"), orgs[i])
        levels = {c.code: 1 + (i * 3 + j) % 5 for j, c in enumerate(competencies)}
        make_assessment(profile, D(2026, 1, 10), levels)
        profiles.append(profile)
    return profiles


def test_ending_a_membership_does_not_reveal_the_fourth_persons_levels(
    four_in_a, coordinator, network_a, orgs, monkeypatch
):
    client = client_for(coordinator)
    monkeypatch.setattr(releases, "today", lambda: D(2026, 2, 1))
    before = _read(client)
    assert len([c for c in before if c]) == Competency.objects.filter(active=True).count() >= 16
    assert all(cell[1] == 4 for cell in before if cell)
    network_a.memberships.filter(organization=orgs[3]).update(end_date=D(2026, 2, 1))
    same_quarter = _read(client)
    assert same_quarter == before, "the release is frozen until the next quarter"
    monkeypatch.setattr(releases, "today", lambda: D(2026, 4, 2))
    next_quarter = _read(client)
    assert _recovered(before, next_quarter) == []
    assert _recovered(before, same_quarter) == []
    page = client.get(url("aggregates", "en")).content.decode()
    assert "withheld until the next release" in page


def test_three_people_more_are_published_again(four_in_a, coordinator, network_a, orgs, monkeypatch):
    """Adding three people at once is not a difference of one: the averages come back."""
    client = client_for(coordinator)
    monkeypatch.setattr(releases, "today", lambda: D(2026, 2, 1))
    assert all(c and c[1] == 4 for c in _read(client))
    competencies = list(Competency.objects.filter(active=True))
    for i in range(3):
        organization = orgs[4] if i == 0 else network_a.memberships.first().organization
        profile = make_profile(make_user(f"newcomer{i}"), organization)
        make_assessment(profile, D(2026, 3, 1), {c.code: 1 + (i + j) % 5 for j, c in enumerate(competencies)})
    network_a.memberships.create(organization=orgs[4], start_date=D(2026, 3, 1))
    monkeypatch.setattr(releases, "today", lambda: D(2026, 4, 2))
    after = _read(client)
    assert all(c and c[1] == 7 for c in after)


# --- The property: any sequence of membership changes, read after each, reveals nobody. ---

PEOPLE = 6


def _attacker_recovers(published: list[frozenset[int]]) -> bool:
    """Exact rational elimination: is some person's indicator vector a combination of the published sets?"""
    rows = [[Fraction(int(p in group)) for p in range(PEOPLE)] for group in published]
    pivots: list[tuple[int, list[Fraction]]] = []
    for row in rows:
        for col, pivot_row in pivots:
            if row[col]:
                factor = row[col] / pivot_row[col]
                row = [a - factor * b for a, b in zip(row, pivot_row, strict=True)]
        lead = next((i for i, v in enumerate(row) if v), None)
        if lead is not None:
            pivots = [
                (c, [a - (r[lead] / row[lead]) * b for a, b in zip(r, row, strict=True)]) for c, r in pivots
            ]
            pivots.append((lead, row))
    return any(sum(1 for v in r if v) == 1 for _c, r in pivots)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    start=st.sets(st.integers(0, PEOPLE - 1), min_size=0, max_size=PEOPLE),
    changes=st.lists(st.tuples(st.booleans(), st.integers(0, PEOPLE - 1)), max_size=12),
)
def test_no_sequence_of_membership_changes_recovers_a_value(start, changes):
    """The group changes one person at a time (add or end); a release follows each change."""
    published: list[Form] = []
    seen: list[frozenset[int]] = []
    group = set(start)
    for add, person in [(True, -1), *changes]:
        if person >= 0:
            (group.add if add else group.discard)(person)
        form = Form(tuple((f"v{p}",) for p in sorted(group)))
        if may_publish(form, published, 3):
            published.append(form)
            seen.append(frozenset(group))
        assert not _attacker_recovers(seen)
        assert all(len(s) >= 3 for s in seen)


def test_the_audit_catches_the_textbook_differences():
    four = Form((("a",), ("b",), ("c",), ("d",)))
    three = Form((("a",), ("b",), ("c",)))
    assert may_publish(four, [], 3)
    assert not may_publish(three, [four], 3)
    # Three leave at once: the difference is a sum over three people, not anyone's value.
    six = Form((("a",), ("b",), ("c",), ("d",), ("e",), ("f",)))
    assert may_publish(three, [six], 3)
    # A pillar average mixes one person's competencies: d rated only one of the two.
    pillar = Form((("a1", "a2"), ("b1", "b2"), ("c1", "c2"), ("d1",)))
    c1 = Form((("a1",), ("b1",), ("c1",), ("d1",)))
    c2 = Form((("a2",), ("b2",), ("c2",)))
    assert reveals_someone([c1, c2, pillar])
    assert not reveals_someone([c1, c2])
