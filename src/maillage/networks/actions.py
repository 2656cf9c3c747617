"""The one write path of networks, their dated attributes and their memberships.

Every action raises the network's data version in its transaction (`networks.versions.bump`), so every
cache keyed on it is recomputed at the next request. A network edit records a dated state
(`NetworkState`): a report or a snapshot "as of" a date reads the attributes in force on that date.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.accounts.models import Role, RoleKind
from maillage.accounts.permissions import is_admin
from maillage.directory.models import Organization
from maillage.networks.forms import NetworkForm
from maillage.networks.history import state_of
from maillage.networks.models import Membership, MembershipRole, Network, NetworkState
from maillage.networks.versions import bump

MEMBERSHIP_FIELDS = ["role", "start_date", "end_date"]


def record_states(networks: Sequence[Network], valid_from: datetime.date | None) -> None:
    """Write each network's current attributes as the state in force from `valid_from` on."""
    ids = [network.pk for network in networks]
    populations: dict[int, list[str]] = {pk: [] for pk in ids}
    strategies: dict[int, list[str]] = {pk: [] for pk in ids}
    through = Network.target_populations.through.objects.filter(network__in=ids)
    for network_id, code in through.values_list("network_id", "population__code"):
        populations[network_id].append(code)
    through = Network.action_strategies.through.objects.filter(network__in=ids)
    for network_id, code in through.values_list("network_id", "actionstrategy__code"):
        strategies[network_id].append(code)
    NetworkState.objects.bulk_create(
        [state_of(n, populations[n.pk], strategies[n.pk], valid_from) for n in networks],
        batch_size=1000,
    )
    bump(ids)


@transaction.atomic
def do_create_network(form: NetworkForm, user: User) -> Network:
    """Save a new network; its creator coordinates it, and its lead organization becomes its lead member."""
    network = form.save()
    record_states([network], None)
    if not is_admin(user):
        Role.objects.create(user=user, network=network, kind=RoleKind.COORDINATOR)
    if network.lead_organization_id:
        Membership.objects.get_or_create(
            network=network,
            organization=network.lead_organization,
            defaults={"role": MembershipRole.LEAD, "start_date": network.start_date},
        )
    return network


@transaction.atomic
def do_update_network(form: NetworkForm, valid_from: datetime.date | None = None) -> Network:
    """Save the network's form; its attributes hold from `valid_from` (today by default) on, and the
    state before that date is kept as it was."""
    network = form.save()
    record_states([network], valid_from or timezone.localdate())
    return network


def _check_dates(membership: Membership) -> None:
    if membership.start_date and membership.end_date and membership.end_date < membership.start_date:
        raise ValidationError({"end_date": _("The end date comes before the start date.")})


@transaction.atomic
def do_save_membership(membership: Membership) -> Membership:
    """Add or change one membership (its role and dates)."""
    _check_dates(membership)
    membership.save()
    bump([membership.network_id])
    return membership


@transaction.atomic
def do_remove_membership(membership: Membership) -> None:
    """Delete a membership entered by mistake (ending it, with an end date, keeps its history)."""
    network_id = membership.network_id
    membership.delete()
    bump([network_id])


@transaction.atomic
def do_record_memberships(
    network: Network, new: Sequence[Membership], changed: Sequence[Membership] = (), batch_size: int = 2000
) -> None:
    """Add and change many memberships of one network at once (imports, the demo)."""
    for membership in [*new, *changed]:
        if membership.network_id != network.pk:
            raise ValidationError(_("A membership of another network cannot be written here."))
        _check_dates(membership)
    Membership.objects.bulk_create(list(new), batch_size=batch_size)
    Membership.objects.bulk_update(list(changed), MEMBERSHIP_FIELDS, batch_size=batch_size)
    bump([network.pk])


@transaction.atomic
def do_merge_memberships(kept: Organization, merged: Organization, details: dict[str, Any]) -> None:
    """Move `merged`'s seats to `kept` (a merge of two organizations that are one)."""
    mine = {m.network_id: m for m in Membership.objects.filter(organization=kept)}
    touched = set()
    for membership in Membership.objects.filter(organization=merged):
        touched.add(membership.network_id)
        twin = mine.get(membership.network_id)
        if twin is None:
            membership.organization = kept
            membership.save(update_fields=["organization"])
            details["memberships_moved"].append(membership.network_id)
            continue
        # Both sat in the network: keep one seat covering both periods.
        starts = [d for d in (twin.start_date, membership.start_date) if d]
        twin.start_date = min(starts) if starts else None
        twin.end_date = (
            None if not (twin.end_date and membership.end_date) else max(twin.end_date, membership.end_date)
        )
        twin.save(update_fields=["start_date", "end_date"])
        membership.delete()
        details["memberships_joined"].append(membership.network_id)
    bump(touched)
