"""Who may read or write an initiative.

Public initiatives are read by everyone, signed in or not; private ones by those who may read
one of their networks. Coordinators of one of its networks (and admins) write it.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from maillage.accounts.permissions import AnyUser, can_read_network, is_admin, writable_network_ids
from maillage.initiatives.models import Initiative, Visibility


def can_read_initiative(user: AnyUser, initiative: Initiative) -> bool:
    if initiative.visibility == Visibility.PUBLIC or is_admin(user):
        return True
    return any(can_read_network(user, network) for network in initiative.networks.select_related("territory"))


def can_write_initiative(user: AnyUser, initiative: Initiative) -> bool:
    if is_admin(user):
        return True
    mine = writable_network_ids(user)
    return bool(mine) and initiative.networks.filter(pk__in=mine).exists()


def get_initiative_for(user: AnyUser, pk: int, write: bool = False) -> Initiative:
    """The initiative if the user may read it (or write it, with `write`); 404 or 403 otherwise."""
    initiative = get_object_or_404(Initiative.objects.select_related("territory"), pk=pk)
    allowed = can_write_initiative(user, initiative) if write else can_read_initiative(user, initiative)
    if not allowed:
        raise PermissionDenied
    return initiative


def get_public_initiative(pk: int) -> Initiative:
    """For the public site: a private initiative does not exist there (404, not 403: nothing to learn)."""
    initiative = Initiative.objects.select_related("territory").filter(pk=pk).first()
    if initiative is None or initiative.visibility != Visibility.PUBLIC:
        raise Http404
    return initiative
