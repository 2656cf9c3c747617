"""Dashboards computed before their first visit, by the worker, after a network's data changes.

Without this, the first visit after an import or a survey wave computes the dashboard's report, the map
document and its layout while the coordinator waits: seconds for a few thousand organizations. When tasks
run in a worker (production: `MAILLAGE_TASKS_BACKEND=database`, with the shared database cache), every
transaction that changes a network's observations or memberships queues one `warm_networks` task on
commit, and the worker fills the cache in both languages. `maillage warm` does the same by hand (after a
restore or a bulk load). With the immediate backend of development and tests nothing is queued
(`WARM_DASHBOARDS` is off): the warming would run inside the request that saved.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import translation
from django_tasks import task

from maillage.dashboards.mapdata import map_document
from maillage.dashboards.scope import network_scope
from maillage.dashboards.summary import dashboard_data
from maillage.networks.models import Membership, Network
from maillage.ties.models import TieObservation

_pending = threading.local()


def warm_network(network: Network) -> None:
    """Compute and cache a network's dashboard and map document, in every language of the interface."""
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            scope = network_scope(network)
            dashboard_data(scope, language=language)
            map_document(scope, language=language)


@task()
def warm_networks(network_ids: list[int]) -> int:
    """The worker's side: warm each network that still exists; returns how many were warmed."""
    networks = list(Network.objects.filter(pk__in=network_ids).order_by("pk"))
    for network in networks:
        warm_network(network)
    return len(networks)


def queue_warming(network_ids: Iterable[int]) -> None:
    """Warm these networks once the current transaction commits: one task per transaction, however many
    rows it wrote (at once outside a transaction)."""
    if not settings.WARM_DASHBOARDS:
        return
    ids = {int(pk) for pk in network_ids if pk is not None}
    connection = transaction.get_connection()
    # Django starts a new list of commit hooks after each commit or rollback: a pending set tied to another
    # list belongs to a transaction that is over.
    if connection.in_atomic_block and getattr(_pending, "hooks", None) is connection.run_on_commit:
        _pending.ids.update(ids)
        return
    _pending.ids, _pending.hooks = ids, connection.run_on_commit
    transaction.on_commit(partial(_send, ids))


def _send(ids: set[int]) -> None:
    if ids:
        warm_networks.enqueue(sorted(ids))


def _observation_changed(sender, instance: TieObservation, **kwargs) -> None:  # type: ignore[no-untyped-def]
    queue_warming([instance.tie.network_id])


def _membership_changed(sender, instance: Membership, **kwargs) -> None:  # type: ignore[no-untyped-def]
    queue_warming([instance.network_id])


def connect() -> None:
    for signal in (post_save, post_delete):
        signal.connect(_observation_changed, sender=TieObservation, dispatch_uid=f"warm-observation-{signal}")
        signal.connect(_membership_changed, sender=Membership, dispatch_uid=f"warm-membership-{signal}")
