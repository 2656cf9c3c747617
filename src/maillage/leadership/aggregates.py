"""Aggregates of the programme for its team: participation counts and competency progress by group.

Privacy rule: a competency or pillar average is shown only over at least MIN_GROUP distinct
people (3). With fewer, the cell says "fewer than 3" and gives no value, so that nobody's own
rating can be read off an average of one or two. Participation counts (how many leaders took part
in activities) are not ratings and are shown as they are.

The arithmetic works on plain rows so that it can be checked by hand:
- each person counts once per year, with their latest self-assessment of that year;
- a competency's average for a year is the mean of those people's levels on it;
- a pillar's average for a year is the mean, over people, of each person's own average across the
  pillar's competencies (so a person who rated more competencies does not weigh more).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet

from maillage.directory.models import Territory, TerritoryKind
from maillage.leadership.models import LeaderProfile, Participation, Rating, SelfAssessment
from maillage.networks.models import Membership, Network

MIN_GROUP = 3

# (profile id, date of the assessment, competency id, level)
RatingRow = tuple[int, datetime.date, int, int]


@dataclass(frozen=True)
class Cell:
    """An average over `n` people, or no value when the group is too small to be shown."""

    n: int
    mean: float | None
    # Large enough, but held back: it could be subtracted from an earlier release (see releases.py).
    withheld: bool = False

    @property
    def suppressed(self) -> bool:
        return self.mean is None


def _cell(values: list[float], min_group: int) -> Cell:
    if len(values) < min_group:
        return Cell(len(values), None)
    return Cell(len(values), round(sum(values) / len(values), 2))


def latest_per_year(rows: Iterable[RatingRow]) -> dict[tuple[int, int], dict[int, int]]:
    """{(profile, year): {competency: level}} from each person's latest assessment of each year."""
    latest: dict[tuple[int, int], datetime.date] = {}
    materialised = list(rows)
    for profile_id, day, _competency, _level in materialised:
        key = (profile_id, day.year)
        if key not in latest or day > latest[key]:
            latest[key] = day
    kept: dict[tuple[int, int], dict[int, int]] = defaultdict(dict)
    for profile_id, day, competency_id, level in materialised:
        if latest[(profile_id, day.year)] == day:
            kept[(profile_id, day.year)][competency_id] = level
    return kept


def competency_averages(rows: Iterable[RatingRow], min_group: int = MIN_GROUP) -> dict[tuple[int, int], Cell]:
    """{(competency, year): Cell}."""
    values: dict[tuple[int, int], list[float]] = defaultdict(list)
    for (_profile, year), levels in latest_per_year(rows).items():
        for competency_id, level in levels.items():
            values[(competency_id, year)].append(level)
    return {key: _cell(levels, min_group) for key, levels in values.items()}


def pillar_averages(
    rows: Iterable[RatingRow], pillar_of: dict[int, int], min_group: int = MIN_GROUP
) -> dict[tuple[int, int], Cell]:
    """{(pillar, year): Cell}; `pillar_of` maps each competency to its pillar."""
    values: dict[tuple[int, int], list[float]] = defaultdict(list)
    for (_profile, year), levels in latest_per_year(rows).items():
        per_pillar: dict[int, list[int]] = defaultdict(list)
        for competency_id, level in levels.items():
            per_pillar[pillar_of[competency_id]].append(level)
        for pillar_id, own in per_pillar.items():
            values[(pillar_id, year)].append(sum(own) / len(own))
    return {key: _cell(levels, min_group) for key, levels in values.items()}


def rating_rows(profiles: QuerySet[LeaderProfile]) -> list[RatingRow]:
    """The rows behind the aggregates; never shown one by one."""
    return [
        (row["assessment__profile_id"], row["assessment__assessed_on"], row["competency_id"], row["level"])
        for row in Rating.objects.filter(assessment__profile__in=profiles).values(
            "assessment__profile_id", "assessment__assessed_on", "competency_id", "level"
        )
    ]


@dataclass
class ParticipationRow:
    label: str
    leaders: int = 0
    assessed: int = 0
    took_part: int = 0
    attendances: int = 0


def _region_of(path: str, regions: dict[int, str]) -> str | None:
    for part in path.strip("/").split("/"):
        if part and int(part) in regions:
            return regions[int(part)]
    return None


def participation(profiles: QuerySet[LeaderProfile], networks: QuerySet[Network]) -> dict[str, list]:
    """Leaders, leaders with a self-assessment, leaders who took part, attendances: per network and region.

    A leader belongs to every network their organization currently sits in, and to the region
    holding their organization's territory. A fixed number of queries, whatever the sizes.
    """
    people = list(profiles.values("id", "organization_id", "organization__territory__path"))
    assessed = set(SelfAssessment.objects.filter(profile__in=profiles).values_list("profile_id", flat=True))
    took_part: set[int] = set()
    attendances: dict[int, int] = defaultdict(int)
    for profile_id, attended in Participation.objects.filter(profile__in=profiles).values_list(
        "profile_id", "attended"
    ):
        took_part.add(profile_id)
        attendances[profile_id] += int(attended)
    names = {network.pk: network.name for network in networks}
    by_org: dict[int, list[int]] = defaultdict(list)
    for network_id, organization_id in Membership.objects.filter(
        network__in=networks, end_date__isnull=True
    ).values_list("network_id", "organization_id"):
        by_org[organization_id].append(network_id)
    regions = {t.pk: t.name for t in Territory.objects.filter(kind=TerritoryKind.REGION)}
    per_network: dict[int, ParticipationRow] = {pk: ParticipationRow(name) for pk, name in names.items()}
    per_region: dict[str, ParticipationRow] = {}
    for person in people:
        groups = [per_network[n] for n in by_org.get(person["organization_id"], [])]
        region = _region_of(person["organization__territory__path"] or "", regions)
        if region is not None:
            groups.append(per_region.setdefault(region, ParticipationRow(region)))
        for row in groups:
            row.leaders += 1
            row.assessed += int(person["id"] in assessed)
            row.took_part += int(person["id"] in took_part)
            row.attendances += attendances.get(person["id"], 0)
    return {
        "networks": sorted((r for r in per_network.values() if r.leaders), key=lambda r: r.label),
        "regions": sorted(per_region.values(), key=lambda r: r.label),
    }


def profiles_in(networks: QuerySet[Network] | None) -> QuerySet[LeaderProfile]:
    """All leaders (networks=None), or those whose organization sits now in one of `networks`."""
    if networks is None:
        return LeaderProfile.objects.all()
    return LeaderProfile.objects.filter(
        organization__memberships__network__in=networks, organization__memberships__end_date__isnull=True
    ).distinct()
