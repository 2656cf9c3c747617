"""Who reads which events: a network's coordinators read its events, the administrators read them all.

A network's events are those filed under it, plus those about its current member organizations (and
their contacts) that belong to no network: a coordinator may edit those organizations, so they see who
else did.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from maillage.accounts.permissions import AnyUser, can_write_network, is_admin, writable_network_ids
from maillage.audit.models import AuditEvent
from maillage.networks.models import Membership


def network_events(network_ids: list[int] | set[int]) -> QuerySet[AuditEvent]:

    members = Membership.objects.filter(network_id__in=network_ids, end_date__isnull=True).values(
        "organization_id"
    )
    scope = Q(network_id__in=network_ids) | Q(network__isnull=True, organization_id__in=members)
    return AuditEvent.objects.filter(scope)


def events_for(user: AnyUser, network=None) -> QuerySet[AuditEvent]:
    """The events `user` may read, of one network or of all it may read; PermissionDenied if none."""
    if network is not None:
        if not can_write_network(user, network):
            raise PermissionDenied
        return network_events([network.pk])
    if is_admin(user):
        return AuditEvent.objects.all()
    ids = writable_network_ids(user)
    if not ids:
        raise PermissionDenied
    return network_events(ids)
