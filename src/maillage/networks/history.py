"""A network's dated attributes read back "as of" a date (see `NetworkState`)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Q

from maillage.networks.models import Network, NetworkState


def state_of(
    network: Network, populations: list[str], strategies: list[str], valid_from: datetime.date | None = None
) -> NetworkState:
    """The network's current attributes as a state (not saved): what an edit records, and what a network
    with no recorded history is read as."""
    return NetworkState(
        network=network,
        valid_from=valid_from,
        territory_id=network.territory_id,
        lead_organization_id=network.lead_organization_id,
        dynamic=network.dynamic,
        funding=network.funding,
        problem_origin=network.problem_origin,
        actions=network.actions,
        facilitators=network.facilitators,
        difficulties=network.difficulties,
        populations=sorted(populations),
        strategies=sorted(strategies),
    )


def states_as_of(network_ids: Iterable[int], date: datetime.date | str | None) -> dict[int, NetworkState]:
    """The state in force on `date` (the latest one without a date) of each network that has one.

    A network with no state recorded before `date` gets its first state: what it was when its history
    started is the best knowledge of it before then.
    """
    ids = list(network_ids)
    if isinstance(date, str):
        date = datetime.date.fromisoformat(date)
    states = (
        NetworkState.objects.filter(network__in=ids)
        .select_related("territory", "lead_organization")
        .order_by("network_id", "valid_from", "id")
    )
    in_force: dict[int, NetworkState] = {}
    first: dict[int, NetworkState] = {}
    for state in states.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=date) if date else Q()):
        in_force[state.network_id] = state
    for state in states.exclude(network__in=list(in_force)):
        first.setdefault(state.network_id, state)
    return {**first, **in_force}
