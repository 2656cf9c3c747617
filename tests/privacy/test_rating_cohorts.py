"""Network-wide trust and value cannot be differenced between two reads (issue 22).

Attack replayed: trust and value were the mean of the latest rating of each pair across waves, over the
organizations in view on the reader's date and filters. A reader who reads them, ends a membership (or
deletes an organization, or filters on a sector, or waits for a wave answered by one partner) and reads
again gets, by difference, the answers of the organization that came or went. Now every reader reads
the figures of a closed wave, frozen when it closed (`surveys.releases`, `analysis.cohorts`).
"""

from __future__ import annotations

import datetime
from fractions import Fraction

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maillage.analysis import headline_figures
from maillage.directory.models import Organization
from maillage.indicators.batch import BatchMetrics
from maillage.networks.models import Membership, Network
from maillage.observatory import dataset_for, observation_dates
from maillage.surveys.actions import do_close_wave
from maillage.surveys.models import Invitation, PartnerAnswer, Response, Wave, WaveStatus
from maillage.surveys.releases import trust_and_value
from tests.conftest import make_organization

RATERS = 6
TRUST = ("reliability", "mission_alignment", "openness")


def _secret(rater: int, wave: int) -> tuple[int, int, int]:
    """A rater's own trust answers in a wave: what no reader may recover."""
    return (1 + (rater + wave) % 4, 1 + (3 * rater + wave) % 4, 1 + (rater * rater + 2 * wave) % 4)


def _secret_percent(rater: int, wave: int) -> Fraction:
    return Fraction(sum(_secret(rater, wave)), 3) / 4 * 100


@pytest.fixture
def raters(network_a, sectors, orgs) -> list[Organization]:
    found = []
    for i in range(RATERS):
        organization = make_organization(f"Partenaire {i}", sectors["clsc" if i % 2 else "pharmacy"])
        Membership.objects.create(
            network=network_a, organization=organization, start_date=datetime.date(2020, 1, 1)
        )
        found.append(organization)
    return found


def _close_wave(network: Network, raters: list[Organization], who: set[int], number: int, rated) -> Wave:
    wave = Wave.objects.create(
        network=network, date=datetime.date(2021 + number, 5, 1), status=WaveStatus.OPEN
    )
    for i in sorted(who):
        invitation = Invitation.objects.create(
            wave=wave, organization=raters[i], token=f"c{number}-{i}-" + "x" * 30
        )
        response = Response.objects.create(invitation=invitation, submitted_at=timezone.now())
        PartnerAnswer.objects.create(
            response=response, partner=rated, level=3, **dict(zip(TRUST, _secret(i, number), strict=True))
        )
    do_close_wave(wave)
    wave.refresh_from_db()
    return wave


def _published_trust(network: Network) -> list[float]:
    """Every network-wide trust figure a reader can get: each date, with and without a sector filter,
    the indicators' batch, and each wave's results page."""
    networks = Network.objects.filter(pk=network.pk)
    dataset = dataset_for(networks)
    figures = []
    for day in [None, *observation_dates(dataset)]:
        for sectors in (None, "clsc"):
            figures.append(headline_figures(dataset, as_of=day, sectors=sectors).trust_percent)
        if day is not None:
            batch = BatchMetrics(dataset, [network.pk]).at(datetime.date.fromisoformat(day))
            figures.append(batch[network.pk]["trust"])
    figures += [trust_and_value(wave)[0] for wave in Wave.objects.filter(network=network)]
    return [figure for figure in figures if figure is not None]


def _cohort_mean(cohort: dict[int, int]) -> Fraction:
    """The mean trust over one wave's raters as they were when it closed ({rater: wave})."""
    return sum((_secret_percent(r, w) for r, w in cohort.items()), Fraction(0)) / len(cohort)


def test_ending_a_membership_or_deleting_a_rater_changes_no_published_figure(network_a, raters, orgs):
    _close_wave(network_a, raters, {0, 1, 2, 3}, 0, orgs[0])
    before = _published_trust(network_a)
    assert before and all(abs(f - float(_cohort_mean(dict.fromkeys(range(4), 0)))) < 1e-9 for f in before)
    Membership.objects.filter(organization=raters[3]).update(end_date=datetime.date(2021, 1, 1))
    raters[2].delete()
    after = _published_trust(network_a)
    assert set(after) == set(before)  # 4 × mean₄ − 3 × mean₃ would be raters[3]'s answers: no mean₃


def test_a_wave_answered_by_one_partner_publishes_nothing_new(network_a, raters, orgs):
    _close_wave(network_a, raters, {0, 1, 2}, 0, orgs[0])
    _close_wave(network_a, raters, {4}, 1, orgs[1])
    published = _published_trust(network_a)
    assert published and published == [pytest.approx(float(_cohort_mean(dict.fromkeys(range(3), 0))))] * len(
        published
    )


def _forms_recover_someone(forms: list[frozenset[tuple[int, int]]]) -> bool:
    """Exact elimination over the (rater, wave) answers: does a combination of the published sums give
    one answer alone?"""
    variables = sorted({v for form in forms for v in form})
    pivots: list[tuple[int, list[Fraction]]] = []
    for form in forms:
        row = [Fraction(int(v in form)) for v in variables]
        for col, pivot in pivots:
            if row[col]:
                row = [a - row[col] / pivot[col] * b for a, b in zip(row, pivot, strict=True)]
        lead = next((i for i, v in enumerate(row) if v), None)
        if lead is not None:
            pivots = [
                (c, [a - r[lead] / row[lead] * b for a, b in zip(r, row, strict=True)]) for c, r in pivots
            ]
            pivots.append((lead, row))
    return any(sum(1 for v in r if v) == 1 for _c, r in pivots)


STEPS = st.lists(
    st.one_of(
        st.tuples(st.just("wave"), st.sets(st.integers(0, RATERS - 1), max_size=RATERS)),
        st.tuples(st.sampled_from(["end", "rejoin", "delete"]), st.integers(0, RATERS - 1)),
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=STEPS)
def test_no_sequence_of_changes_lets_a_reader_recover_one_raters_answer(network_a, raters, orgs, steps):
    """Waves answered by any raters, memberships ended and resumed, organizations deleted, in any order,
    read after each step in every way a reader can: each figure is the mean over a whole closed wave's
    raters as they were when it closed, at least three of them, and no combination of the figures gives
    one rater's answers."""
    with transaction.atomic():
        cohorts: list[dict[int, int]] = []  # each closed wave's raters when it closed
        alive = set(range(RATERS))
        forms: set[frozenset[tuple[int, int]]] = set()
        for number, (kind, what) in enumerate(steps):
            if kind == "wave":
                who = {i for i in what if i in alive}
                _close_wave(network_a, raters, who, number, orgs[number % 4])
                cohorts.append(dict.fromkeys(who, number))
            elif what in alive and kind == "delete":
                Organization.objects.filter(pk=raters[what].pk).delete()
                alive.discard(what)
            elif what in alive:
                end = datetime.date(2021, 1, 1) if kind == "end" else None
                Membership.objects.filter(organization=raters[what]).update(end_date=end)
            for figure in _published_trust(network_a):
                matching = [c for c in cohorts if len(c) >= 3 and abs(float(_cohort_mean(c)) - figure) < 1e-9]
                assert matching, f"{figure} is the mean of no whole closed wave of three raters or more"
                forms.add(frozenset(matching[0].items()))
            assert not _forms_recover_someone(sorted(forms, key=sorted))
        transaction.set_rollback(True)


def test_a_rated_organizations_means_stay_those_of_the_closed_wave(network_a, raters, orgs):
    """The coordinators' per-organization means (exports, API) are frozen too: a rater deleted after the
    close is not subtracted out of them."""
    from maillage.reports.exports.disclosure import cohort_ratings

    _close_wave(network_a, raters, {0, 1, 2, 3}, 0, orgs[0])
    before = cohort_ratings(network_a.pk, None).by_organization
    assert before[orgs[0].pk]["ratings_received"] == 4
    raters[3].delete()
    assert cohort_ratings(network_a.pk, None).by_organization == before
