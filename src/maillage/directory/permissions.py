"""The directory is shared: every signed-in user reads it.

Who edits an organization (and reads its contacts) is one rule, `editable_organization_ids`, used by
the directory's pages and by imports alike:

- administrators edit every organization;
- the coordinators of a network where the organization is a *current* member (an ended membership
  grants nothing), if that network is the first one the organization joined, or was confirmed by
  someone who could already edit it (`Stewardship`): adding an organization to one's network takes no
  rights over it, and grants none until then;
- an organization in no network at all (never a member anywhere) may be completed by any coordinator:
  it was probably just created by one.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from maillage.accounts.permissions import AnyUser, is_admin, is_coordinator_somewhere, writable_network_ids
from maillage.directory.models import Organization, Stewardship, Territory


def current_membership(today: datetime.date | None = None, prefix: str = "") -> Q:
    """Memberships not ended: no end date, or one still to come."""
    today = today or timezone.localdate()
    return Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": today})


def steward_networks(organization_ids: Iterable[int] | None = None) -> dict[int, set[int]]:
    """{organization: networks whose coordinators may edit it now} (first network or confirmed, current)."""
    # Memberships are read through their reverse relation (`Organization.memberships`): the directory
    # sits below the networks app and does not import it.
    members = Organization.objects.filter(memberships__isnull=False)
    confirmed = Stewardship.objects.all()
    if organization_ids is not None:
        ids = list(organization_ids)
        members = members.filter(pk__in=ids)
        confirmed = confirmed.filter(organization_id__in=ids)
    today = timezone.localdate()
    first: dict[int, tuple[int, int]] = {}
    current: dict[int, set[int]] = defaultdict(set)
    rows = members.values_list("memberships__pk", "pk", "memberships__network_id", "memberships__end_date")
    for pk, organization_id, network_id, end_date in rows:
        if organization_id not in first or pk < first[organization_id][0]:
            first[organization_id] = (pk, network_id)
        if end_date is None or end_date >= today:
            current[organization_id].add(network_id)
    allowed = {(o, n) for o, n in confirmed.values_list("organization_id", "network_id")}
    result: dict[int, set[int]] = {}
    for organization_id, (_pk, first_network) in first.items():
        result[organization_id] = {
            n for n in current[organization_id] if n == first_network or (organization_id, n) in allowed
        }
    return result


def editable_organization_ids(user: AnyUser, organization_ids: Iterable[int]) -> set[int]:
    """The ones among `organization_ids` that `user` may edit (the one rule; see the module's doc)."""
    ids = set(organization_ids)
    if is_admin(user):
        return ids
    mine = writable_network_ids(user)
    if not mine:
        return set()
    stewards = steward_networks(ids)
    return {pk for pk in ids if pk not in stewards or stewards[pk] & mine}


def can_edit_organization(user: AnyUser, organization: Organization) -> bool:
    return organization.pk in editable_organization_ids(user, [organization.pk])


def pending_networks(user: AnyUser, organization: Organization) -> list[int]:
    """Current networks of the organization whose coordinators may not edit it yet, that `user` may
    confirm (they may edit it themselves)."""
    if not can_edit_organization(user, organization):
        return []
    current = set(organization.memberships.filter(current_membership()).values_list("network_id", flat=True))
    return sorted(current - steward_networks([organization.pk]).get(organization.pk, set()))


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
