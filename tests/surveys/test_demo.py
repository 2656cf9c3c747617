"""The demo's closed waves: a baseline and follow-ups per network, answers drawn from that day's ties."""

from __future__ import annotations

from maillage.demo.generate import build_demo
from maillage.networks.models import Network
from maillage.observatory.dataset import ties_frame
from maillage.surveys.models import Rating, Response, Wave, WaveStatus


def test_every_demo_network_has_a_baseline_and_follow_ups_whose_ratings_reach_the_analysis(db):
    build_demo(120, seed=3)
    for network in Network.objects.all():
        kinds = list(Wave.objects.filter(network=network).order_by("date").values_list("kind", "status"))
        assert kinds == [("baseline", "closed"), ("follow_up", "closed"), ("follow_up", "closed")]
    wave = Wave.objects.filter(kind="baseline").order_by("pk").first()
    assert wave.status == WaveStatus.CLOSED and wave.date.year == 2023
    assert Response.objects.filter(submitted_at__isnull=False).exists()
    ratings = Rating.objects.filter(wave__network=wave.network_id).select_related("observation__tie", "wave")
    assert ratings.filter(wave=wave).exists() and all(
        r.observation.observed_on == r.wave.date for r in ratings
    )
    for rating in ratings:
        tie = rating.observation.tie
        assert {rating.rater_id, rating.rated_id} == {tie.organization_a_id, tie.organization_b_id}
    frame = ties_frame(Network.objects.filter(pk=wave.network_id))
    assert frame["reliability"].notna().sum() == ratings.exclude(reliability=None).count()
