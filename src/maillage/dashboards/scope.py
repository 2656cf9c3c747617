"""What a dashboard or a map is about: one network, every network of a territory, or the province.

A scope resolves to the networks the user may read inside it; the permission rules are the
networks' own (`get_network_for`, `readable_networks`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from maillage.accounts.permissions import AnyUser, readable_networks
from maillage.directory.models import Territory
from maillage.networks.models import Network
from maillage.networks.permissions import get_network_for

KINDS = ("network", "territory", "province")


@dataclass
class Scope:
    kind: str
    pk: int | None
    title: str
    networks: QuerySet[Network]
    network: Network | None = None
    territory: Territory | None = None

    @property
    def key(self) -> str:
        return f"{self.kind}-{self.pk or 0}"

    def url(self, name: str) -> str:
        """The URL of one of the scope's pages ("dashboard", "map_data", "scenario")."""
        if self.kind == "province":
            return reverse(f"dashboards:province_{name}")
        return reverse(f"dashboards:{self.kind}_{name}", kwargs={"pk": self.pk})


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
