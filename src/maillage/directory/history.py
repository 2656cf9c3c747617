"""Territories as of a date: which institutions' territories a place belonged to before or after a reform.

A territory that did not exist on the date is read through the correspondence (`TerritorySuccession`):
backwards through its predecessors (a CISSS of 2015 read in 2010 is the CSSS it merged), forwards through
its successors (a CSSS read in 2020 is the CISSS that replaced it).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction

from maillage.directory.models import Territory, TerritorySuccession

MAX_STEPS = 20  # reforms chained in a correspondence; a cycle typed by mistake cannot loop forever


def territories_on(territory: Territory, on: datetime.date) -> list[Territory]:
    """The territories that stood for `territory` on `on` (itself when it existed then), by name."""
    if territory.exists_on(on):
        return [territory]
    backwards = territory.start_date is not None and on < territory.start_date
    found: dict[int, Territory] = {}
    frontier, seen = [territory], {territory.pk}
    for _ in range(MAX_STEPS):
        if not frontier:
            break
        ids = [t.pk for t in frontier]
        if backwards:
            links = TerritorySuccession.objects.filter(successor_id__in=ids).select_related("predecessor")
            neighbours = [link.predecessor for link in links]
        else:
            links = TerritorySuccession.objects.filter(predecessor_id__in=ids).select_related("successor")
            neighbours = [link.successor for link in links]
        frontier = []
        for neighbour in neighbours:
            if neighbour.pk in seen:
                continue
            seen.add(neighbour.pk)
            if neighbour.exists_on(on):
                found[neighbour.pk] = neighbour
            else:
                frontier.append(neighbour)
    return sorted(found.values(), key=lambda t: (t.name, t.pk))


@transaction.atomic
def do_apply_correspondence(
    correspondence: Iterable[tuple[Territory, Territory]], on: datetime.date, note: str = ""
) -> int:
    """Record a reform: each (predecessor, successor) pair becomes a succession on `on`; predecessors end
    the day before and successors start that day (dates already set are kept). Safe to run twice."""
    count = 0
    day_before = on - datetime.timedelta(days=1)
    for predecessor, successor in correspondence:
        _, created = TerritorySuccession.objects.get_or_create(
            predecessor=predecessor, successor=successor, defaults={"date": on, "note": note}
        )
        count += created
        if predecessor.end_date is None:
            predecessor.end_date = day_before
            Territory.objects.filter(pk=predecessor.pk).update(end_date=day_before)
        if successor.start_date is None:
            successor.start_date = on
            Territory.objects.filter(pk=successor.pk).update(start_date=on)
    return count
