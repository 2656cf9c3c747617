"""Who imports and who merges.

Imports run into one network: its coordinators and admins may import. Merging organizations changes the
shared directory for every network they sit in, so only admins merge (coordinators see the proposed pairs
of their import reports and ask an admin).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from maillage.accounts.permissions import AnyUser, can_write_network, is_admin
from maillage.exchange.models import ImportJob


def get_job_for(user: AnyUser, pk: int) -> ImportJob:
    job = get_object_or_404(ImportJob.objects.select_related("network", "created_by"), pk=pk)
    allowed = can_write_network(user, job.network) if job.network else is_admin(user)
    if not allowed:
        raise PermissionDenied
    return job


def ensure_can_merge(user: AnyUser) -> None:
    if not is_admin(user):
        raise PermissionDenied
