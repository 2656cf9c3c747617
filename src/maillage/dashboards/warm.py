"""Dashboards computed before their first visit, by the worker, after a network's data changes.

Without this, the first visit after an import or a survey wave computes the dashboard's report, the map
document and its layout while the coordinator waits: seconds for a few thousand organizations. When tasks
run in a worker (production: `MAILLAGE_TASKS_BACKEND=database`, with the shared database cache), every
transaction that raises a network's data version (`networks.versions.data_changed`) queues one
`warm_networks` task on commit, and the worker fills the cache in both languages: the network's dashboard
and map, then those of the territories above it and of the province, whose data changed with it.
`maillage warm` does the same
by hand (after a restore or a bulk load). With the immediate backend of development and tests nothing is
queued (`WARM_DASHBOARDS` is off): the warming would run inside the request that saved.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django_tasks import task

from maillage.dashboards.mapdata import map_document
from maillage.dashboards.page import dashboard_body
from maillage.directory.models import Territory
from maillage.networks.models import Network
from maillage.networks.versions import data_changed
from maillage.observatory import Scope, network_scope, province_scope, territory_scope

_pending = threading.local()


def warm_network(network: Network) -> None:
    """Compute and cache a network's dashboard and map document, in every language of the interface."""
    _warm(lambda: network_scope(network))


def warm_surroundings(networks: Iterable[Network]) -> int:
    """Warm what holds these networks: the territories above them and the province; returns how many.

    Each is warmed as a reader who sees all its networks sees it (a regional viewer, an administrator):
    a reader who sees fewer has a scope of their own, computed at their first visit.
    """
    ids = {int(pk) for network in networks for pk in network.territory.path.strip("/").split("/") if pk}
    territories = list(Territory.objects.filter(pk__in=ids).order_by("path"))
    for territory in territories:
        _warm(partial(territory_scope, territory))
    _warm(province_scope)
    return len(territories) + 1


def _warm(make_scope: Callable[[], Scope]) -> None:
    # The scope is made under each language: a province's title, a territory's name are translated.
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            scope = make_scope()
            dashboard_body(scope)
            map_document(scope, language=language)


@task()
def warm_networks(network_ids: list[int]) -> int:
    """The worker's side: warm each network that still exists, then the territories and the province
    that hold them; returns how many networks were warmed.

    A scope whose data did not change since it was last warmed is found in the cache and skipped, so a
    burst of tasks after a burst of edits costs little more than the last one.
    """
    networks = list(Network.objects.filter(pk__in=network_ids).select_related("territory").order_by("pk"))
    for network in networks:
        warm_network(network)
    if networks:
        warm_surroundings(networks)
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


def _data_changed(sender, network_ids: list[int], **kwargs) -> None:
    queue_warming(network_ids)


def connect() -> None:
    data_changed.connect(_data_changed, dispatch_uid="warm-on-data-version")
