"""What one reader may take away from a network's data: the rule every export and the API report apply.

The results page is the yardstick. Members of a network and regional viewers see aggregates there
(counts, distributions, means, the network's trust and value); they never see one organization's answers
or the ratings an organization received. An export must not give them more, whatever its format, so:

- per-organization survey answers (`survey_results`) go only to the coordinators of the wave's network
  and to administrators; everyone else gets `survey_summary` (counts per question and answer, no text);
- the ratings an organization received (trust, value and their six dimensions) are published for one
  network at a time, to its coordinators and administrators only, and only as the mean over the raters of
  one closed wave (a cohort frozen when the wave closed) with at least MIN_RATERS raters. A single rater's
  score is that rater's own answer; a mean over a set of raters that keeps changing could be subtracted
  from another one (see docs/privacy.md).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from maillage.accounts.permissions import AnyUser, can_write_network, is_admin
from maillage.networks.models import Network
from maillage.surveys.models import RATING_FIELDS, Wave, WaveStatus
from maillage.surveys.releases import release_for

# The columns of the analysis core's organization table that come from ratings received.
RATING_COLUMNS = ("ratings_received", *RATING_FIELDS, "trust", "value")


@dataclass(frozen=True)
class Disclosure:
    """`detailed`: ids of the networks whose per-organization answers the reader may have.
    `organization_ratings`: whether per-organization rating means (cohort rule) may be published."""

    detailed: frozenset[int]
    organization_ratings: bool

    def is_detailed(self, network_id: int) -> bool:
        return network_id in self.detailed


AGGREGATES_ONLY = Disclosure(frozenset(), False)


def disclosure_for(user: AnyUser, networks: QuerySet[Network]) -> Disclosure:
    """The coordinators of a network (and administrators) get its details; the rest, aggregates."""
    listed = list(networks)
    detailed = frozenset(n.pk for n in listed if is_admin(user) or can_write_network(user, n))
    return Disclosure(detailed, len(listed) == 1 and listed[0].pk in detailed)


def server_disclosure(networks: QuerySet[Network]) -> Disclosure:
    """The command line runs with the server's own rights: an administrator's view."""
    ids = frozenset(networks.values_list("pk", flat=True))
    return Disclosure(ids, len(ids) == 1)


@dataclass(frozen=True)
class CohortRatings:
    """Per rated organization: (raters, trust mean, value mean, {dimension: mean}) over one closed wave."""

    wave_id: int | None
    wave_date: datetime.date | None
    by_organization: dict[int, dict[str, Any]]


def cohort_ratings(network_id: int, as_of: str | None) -> CohortRatings:
    """The ratings of the latest closed wave of the network on or before `as_of`, each organization's
    means given only when at least MIN_RATERS organizations rated it in that wave."""
    waves = Wave.objects.filter(network_id=network_id, status=WaveStatus.CLOSED, ratings__isnull=False)
    if as_of:
        waves = waves.filter(date__lte=as_of[:10])
    wave = waves.order_by("-date", "-pk").first()
    if wave is None:
        return CohortRatings(None, None, {})
    # Frozen when the wave closed: a rater deleted since cannot be subtracted out of a mean.
    release = release_for(wave)
    frozen = release.by_organization if release is not None else {}
    return CohortRatings(wave.pk, wave.date, {int(rated): columns for rated, columns in frozen.items()})


def organization_ratings(
    disclosure: Disclosure, networks: QuerySet[Network], as_of: str | None
) -> dict[int, dict[str, Any]]:
    """{organization id: rating columns} this reader may see (empty: none)."""
    if not disclosure.organization_ratings:
        return {}
    only = networks.values_list("pk", flat=True).first()
    return cohort_ratings(only, as_of).by_organization if only is not None else {}


def restrict_rows(rows: list[dict[str, Any]], allowed: dict[int, dict[str, Any]], key: str = "id") -> None:
    """Replace, in place, the rating columns of each organization row by what the reader may see."""
    for row in rows:
        published = allowed.get(_as_int(row.get(key)))
        for column in RATING_COLUMNS:
            if column in row:
                row[column] = published.get(column) if published else None


def _as_int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1
