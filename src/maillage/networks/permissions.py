from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from maillage.accounts.permissions import (
    AnyUser,
    can_read_network,
    can_write_network,
    readable_network_filter,
)
from maillage.networks.models import Network


def get_network_for(user: AnyUser, pk: int, write: bool = False) -> Network:
    """The network if the user may read it (or write it, with `write`); 404 or 403 otherwise."""
    network = get_object_or_404(Network.objects.select_related("territory", "lead_organization"), pk=pk)
    allowed = can_write_network(user, network) if write else can_read_network(user, network)
    if not allowed:
        raise PermissionDenied
    return network


def readable_networks(user: AnyUser) -> QuerySet[Network]:
    """The networks the user may read (see `accounts.permissions.readable_network_filter`)."""
    if not user.is_authenticated:
        return Network.objects.none()
    return Network.objects.filter(readable_network_filter(user))
