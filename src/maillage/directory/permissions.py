"""The directory is shared: every signed-in user reads it.

Who edits an organization depends on the networks it sits in.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from maillage.accounts.permissions import AnyUser, is_admin, is_coordinator_somewhere, writable_network_ids
from maillage.directory.models import Organization, Territory


def can_edit_organization(user: AnyUser, organization: Organization) -> bool:
    """Admins, and coordinators of a network the organization sits in; an organization in no network yet
    may be completed by any coordinator (it was probably just created by one)."""
    if is_admin(user):
        return True
    mine = writable_network_ids(user)
    if not mine:
        return False
    networks = set(organization.memberships.values_list("network_id", flat=True))
    return bool(networks & mine) or not networks


def get_organization_for(user: AnyUser, pk: int, write: bool = False) -> Organization:
    organization = get_object_or_404(
        Organization.objects.select_related("sector", "territory", "parent"), pk=pk
    )
    if not user.is_authenticated or (write and not can_edit_organization(user, organization)):
        raise PermissionDenied
    return organization


def ensure_can_create_organization(user: AnyUser) -> None:
    if not is_coordinator_somewhere(user):
        raise PermissionDenied


def get_territory_for(user: AnyUser, pk: int, write: bool = False) -> Territory:
    territory = get_object_or_404(Territory.objects.select_related("parent"), pk=pk)
    if not user.is_authenticated or (write and not is_admin(user)):
        raise PermissionDenied
    return territory
