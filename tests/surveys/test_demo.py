"""The demo's closed baseline wave: answers drawn from its 2023 ties, ratings the dashboard uses."""

from __future__ import annotations

from maillage.dashboards.adapter import ties_frame
from maillage.demo.generate import build_demo
from maillage.networks.models import Network
from maillage.surveys.models import Rating, Response, Wave, WaveStatus


def test_the_demo_has_a_closed_baseline_wave_whose_ratings_reach_the_analysis(db):
    build_demo(120, seed=3)
    wave = Wave.objects.get()
    assert wave.status == WaveStatus.CLOSED and wave.date.year == 2023
    assert Response.objects.filter(submitted_at__isnull=False).exists()
    ratings = Rating.objects.select_related("observation__tie")
    assert ratings.exists() and all(r.observation.observed_on == wave.date for r in ratings)
    for rating in ratings:
        tie = rating.observation.tie
        assert {rating.rater_id, rating.rated_id} == {tie.organization_a_id, tie.organization_b_id}
    frame = ties_frame(Network.objects.filter(pk=wave.network_id))
    assert frame["reliability"].notna().sum() == ratings.exclude(reliability=None).count()
