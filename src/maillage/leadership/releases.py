"""The programme's averages, released on fixed dates and audited against differencing.

Averages of self-assessments are not computed afresh at each read: on the first read of a quarter
(1 January, 1 April, 1 July, 1 October) the averages of the group being read (the whole programme, one
network, or the networks a coordinator coordinates) are computed over the people in it then, audited,
and frozen until the next quarter. Ending or adding a membership changes nothing before the next release,
and a release whose averages could be subtracted from any earlier release of any group (see
differencing.py) withholds those cells. Published averages are remembered as keyed hashes of the values
they add up, never the values. The method is described in docs/privacy.md.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from maillage.leadership.aggregates import MIN_GROUP, Cell, RatingRow, latest_per_year
from maillage.leadership.differencing import Form, may_publish
from maillage.leadership.models import AggregateRelease

RELEASE_MONTHS = 3
LOCK = ("", datetime.date(1970, 1, 1))  # a row every release locks, so that two are never audited at once


def today() -> datetime.date:
    return timezone.localdate()


def release_date(day: datetime.date) -> datetime.date:
    """The start of the release period holding `day` (a quarter)."""
    return datetime.date(day.year, (day.month - 1) // RELEASE_MONTHS * RELEASE_MONTHS + 1, 1)


def variable(profile_id: int, competency_id: int, year: int, level: int) -> str:
    """A value's identity for the audit: who, which competency, which year, which level (keyed hash)."""
    message = f"{profile_id}:{competency_id}:{year}:{level}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[:24]


@dataclass
class Candidate:
    key: str  # "c:<competency>:<year>" or "p:<pillar>:<year>"
    block: str  # "<year>:<pillar>": the variables an average may share with others
    values: list[float]
    form: Form


def candidates(rows: Iterable[RatingRow], pillar_of: dict[int, int]) -> list[Candidate]:
    """Every average the rows could give, with its form over the people's values."""
    found: dict[str, Candidate] = {}

    def add(key: str, block: str, value: float, part: tuple[str, ...]) -> None:
        candidate = found.setdefault(key, Candidate(key, block, [], Form(())))
        candidate.values.append(value)
        candidate.form = Form((*candidate.form.people, part))

    for (profile_id, year), levels in sorted(latest_per_year(rows).items()):
        per_pillar: dict[int, list[tuple[str, int]]] = defaultdict(list)
        for competency_id, level in sorted(levels.items()):
            pillar_id = pillar_of[competency_id]
            name = variable(profile_id, competency_id, year, level)
            add(f"c:{competency_id}:{year}", f"{year}:{pillar_id}", level, (name,))
            per_pillar[pillar_id].append((name, level))
        for pillar_id, own in per_pillar.items():
            mean = sum(level for _name, level in own) / len(own)
            add(f"p:{pillar_id}:{year}", f"{year}:{pillar_id}", mean, tuple(name for name, _level in own))
    return sorted(found.values(), key=lambda c: c.key)


def decide(
    found: list[Candidate], published: dict[str, list[Form]], min_group: int = MIN_GROUP
) -> tuple[dict[str, list], dict[str, list[Form]]]:
    """({key: [n, mean or None, withheld]}, {block: forms accepted now}) given what was published before."""
    cells: dict[str, list] = {}
    accepted: dict[str, list[Form]] = defaultdict(list)
    for candidate in found:
        n = len(candidate.values)
        history = [*published.get(candidate.block, []), *accepted[candidate.block]]
        if may_publish(candidate.form, history, min_group):
            cells[candidate.key] = [n, round(sum(candidate.values) / n, 2), False]
            accepted[candidate.block].append(candidate.form)
        else:
            cells[candidate.key] = [n, None, n >= min_group]
    return cells, dict(accepted)


def _published_forms() -> dict[str, list[Form]]:
    forms: dict[str, list[Form]] = defaultdict(list)
    for stored in AggregateRelease.objects.exclude(group=LOCK[0]).values_list("forms", flat=True):
        for block, items in stored.items():
            forms[block] += [Form(tuple(tuple(part) for part in people)) for people in items]
    return forms


def release_for(group: str, rows: Iterable[RatingRow], pillar_of: dict[int, int]) -> AggregateRelease:
    """This period's release of the group: the stored one, or one made now from `rows`."""
    released_on = release_date(today())
    existing = AggregateRelease.objects.filter(group=group, released_on=released_on).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        lock, _created = AggregateRelease.objects.get_or_create(group=LOCK[0], released_on=LOCK[1])
        AggregateRelease.objects.select_for_update().filter(pk=lock.pk).first()
        existing = AggregateRelease.objects.filter(group=group, released_on=released_on).first()
        if existing is not None:
            return existing
        cells, accepted = decide(candidates(rows, pillar_of), _published_forms())
        forms = {
            block: [[list(part) for part in form.people] for form in items]
            for block, items in accepted.items()
        }
        return AggregateRelease.objects.create(group=group, released_on=released_on, cells=cells, forms=forms)


def released_cells(
    release: AggregateRelease,
) -> tuple[dict[tuple[int, int], Cell], dict[tuple[int, int], Cell]]:
    """({(competency, year): Cell}, {(pillar, year): Cell}) of a release."""
    competencies: dict[tuple[int, int], Cell] = {}
    pillars: dict[tuple[int, int], Cell] = {}
    for key, (n, mean, withheld) in release.cells.items():
        kind, pk, year = key.split(":")
        target = competencies if kind == "c" else pillars
        target[(int(pk), int(year))] = Cell(n, mean, withheld)
    return competencies, pillars
