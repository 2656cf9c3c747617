"""What a dashboard or a map is about: one network, every network of a territory, or the province.

A scope resolves to the networks the user may read inside it; the permission rules are the
networks' own (`get_network_for`, `readable_networks`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from maillage.accounts.permissions import AnyUser
from maillage.directory.models import Territory
from maillage.networks.models import Network
from maillage.networks.permissions import get_network_for, readable_networks
from maillage.networks.versions import version_of

KINDS = ("network", "territory", "province")


@dataclass
class Scope:
    kind: str
    pk: int | None
    title: str
    networks: QuerySet[Network]
    network: Network | None = None
    territory: Territory | None = None
    # A scope lives for one request: its data version is read once, however many caches it keys.
    version: str | None = field(default=None, repr=False, compare=False)

    @property
    def key(self) -> str:
        return f"{self.kind}-{self.pk or 0}"

    def url(self, name: str) -> str:
        """The URL of one of the scope's pages ("dashboard", "map_data", "scenario")."""
        if self.kind == "province":
            return reverse(f"dashboards:province_{name}")
        return reverse(f"dashboards:{self.kind}_{name}", kwargs={"pk": self.pk})


def data_version(scope: Scope) -> str:
    """The version of the scope's networks (`networks.versions.version_of`), read once per request.

    Cached computations (datasets, dashboards, map documents, layouts, reports) are keyed on it, so an
    edit is seen at once and nothing stale is ever served.
    """
    if scope.version is None:
        scope.version = f"{scope.key}:{version_of(scope.networks)}"
    return scope.version


# How long a computation keyed on a data version stays cached. The key changes with the data, so nothing
# stale is served however long it stays; the limit only frees the space of versions no longer asked for.
# An hour was too short: a network left untouched for an afternoon was computed again at its next visit,
# however warm the worker had made it.
VERSIONED_SECONDS = 7 * 24 * 3600


def scope_cache_key(prefix: str, scope: Scope, *parts: object) -> str:
    """A cache key for something computed from the scope's data: it changes with the data version."""
    text = ":".join([data_version(scope), *map(str, parts)])
    return f"{prefix}:{hashlib.sha256(text.encode()).hexdigest()}"


def network_scope(network: Network) -> Scope:
    """One network's scope, without a reader (commands, reports, the worker)."""
    return Scope("network", network.pk, network.name, Network.objects.filter(pk=network.pk), network=network)


def territory_scope(territory: Territory) -> Scope:
    """A territory's scope as a reader who may read all its networks sees it (its regional viewer, an
    administrator), without a reader: the worker warms this one."""
    networks = Network.objects.filter(territory__path__startswith=territory.path)
    return Scope("territory", territory.pk, territory.name, networks, territory=territory)


def province_scope() -> Scope:
    """Every network, as an administrator sees the province, without a reader."""
    return Scope("province", None, _("All the networks you can see"), Network.objects.all())


def scope_for(user: AnyUser, kind: str, pk: int | None = None) -> Scope:
    """Resolve a scope for this user; 404 for an unknown object, 403 for a network they may not read."""
    if kind == "network":
        assert pk is not None
        network = get_network_for(user, pk)
        return Scope(kind, pk, network.name, Network.objects.filter(pk=network.pk), network=network)
    visible = readable_networks(user)
    if kind == "territory":
        territory = get_object_or_404(Territory, pk=pk)
        return Scope(
            kind,
            pk,
            territory.name,
            visible.filter(territory__path__startswith=territory.path),
            territory=territory,
        )
    return Scope("province", None, _("All the networks you can see"), visible)
