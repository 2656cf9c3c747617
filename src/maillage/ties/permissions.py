from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from maillage.accounts.permissions import AnyUser, can_read_network, can_write_network, is_admin
from maillage.ties.models import Tie


def get_tie_for(user: AnyUser, pk: int, write: bool = False) -> Tie:
    """A tie is read and written through its network; a tie outside any network is the admins' alone."""
    tie = get_object_or_404(
        Tie.objects.select_related("organization_a__sector", "organization_b__sector", "network__territory"),
        pk=pk,
    )
    if tie.network is None:
        allowed = is_admin(user)
    else:
        allowed = can_write_network(user, tie.network) if write else can_read_network(user, tie.network)
    if not allowed:
        raise PermissionDenied
    return tie
