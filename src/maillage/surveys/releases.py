"""Network-wide trust and value released on fixed dated cohorts: one closed wave, frozen once.

A mean over a group of raters that changes between two reads gives, by difference, the answers of the
raters who came or went. A wave's ratings are published only once the wave is closed, and the first
publication freezes them (`RatingRelease`): the results page, the dashboards, the reports, the exports
and the API all read the frozen figures of the latest closed wave, never a mean recomputed over whoever
is in the network today. Figures of different waves never share a rating, so no two of them subtract to
one rater's answers; under fewer than MIN_RATERS raters a wave's figures are withheld for good.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from django.db import IntegrityError, transaction

from maillage.surveys.models import RATING_FIELDS, TRUST_FIELDS, Rating, RatingRelease, Wave, WaveStatus
from maillage.surveys.results import MIN_RATERS, wave_ratings


def release_for(wave: Wave) -> RatingRelease | None:
    """The wave's released figures (made now if this is their first reading); None while it is open."""
    if wave.status != WaveStatus.CLOSED:
        return None
    found = RatingRelease.objects.filter(wave=wave).first()
    if found is not None:
        return found
    figures = wave_ratings(wave)
    published = figures.raters >= MIN_RATERS
    try:
        with transaction.atomic():
            return RatingRelease.objects.create(
                wave=wave,
                raters=figures.raters,
                ratings=figures.ratings if published else 0,
                trust_percent=figures.trust_percent if published else None,
                value_percent=figures.value_percent if published else None,
                by_organization=organization_means(wave),
            )
    except IntegrityError:  # released by a concurrent reader: theirs is the one
        return RatingRelease.objects.get(wave=wave)


def network_releases(network_ids: list[int]) -> list[tuple[int, datetime.date, RatingRelease]]:
    """(network, wave date, release) of every closed wave of these networks, oldest first."""
    waves = Wave.objects.filter(network_id__in=network_ids, status=WaveStatus.CLOSED).order_by("date", "pk")
    made = {r.wave_id: r for r in RatingRelease.objects.filter(wave__in=waves).defer("by_organization")}
    found = []
    for wave in waves:
        release = made.get(wave.pk) or release_for(wave)  # one query for all; a missing one made now
        if release is not None:
            found.append((wave.network_id, wave.date, release))
    return found


def trust_and_value(wave: Wave) -> tuple[float | None, float | None]:
    """The wave's own trust and value as published (see `release_for`): none before the wave's release."""
    release = release_for(wave)
    return (release.trust_percent, release.value_percent) if release is not None else (None, None)


def organization_means(wave: Wave) -> dict[str, dict[str, Any]]:
    """Per organization rated by at least MIN_RATERS raters of the wave: the mean of each rating column,
    of trust and of value, and how many rated it (keys are ids as text: the figures are stored as JSON)."""
    scores: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for rated, *values in Rating.objects.filter(wave=wave).values_list("rated_id", *RATING_FIELDS):
        scores[rated].append(tuple(values))
    published = {}
    for rated, rows in scores.items():
        if len(rows) < MIN_RATERS:
            continue
        columns = {field: _mean([row[i] for row in rows]) for i, field in enumerate(RATING_FIELDS)}
        trust = [_mean(row[: len(TRUST_FIELDS)]) for row in rows]
        value = [_mean(row[len(TRUST_FIELDS) :]) for row in rows]
        published[str(rated)] = {
            "ratings_received": len(rows),
            **columns,
            "trust": _mean(trust),
            "value": _mean(value),
        }
    return published


def _mean(values: Any) -> float | None:
    given = [float(v) for v in values if v is not None]
    return sum(given) / len(given) if given else None
