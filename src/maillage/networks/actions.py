from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from maillage.accounts.models import Role, RoleKind
from maillage.accounts.permissions import is_admin
from maillage.networks.forms import NetworkForm
from maillage.networks.models import Membership, MembershipRole, Network


@transaction.atomic
def do_create_network(form: NetworkForm, user: User) -> Network:
    """Save a new network; its creator coordinates it, and its lead organization becomes its lead member."""
    network = form.save()
    if not is_admin(user):
        Role.objects.create(user=user, network=network, kind=RoleKind.COORDINATOR)
    if network.lead_organization_id:
        Membership.objects.get_or_create(
            network=network,
            organization=network.lead_organization,
            defaults={"role": MembershipRole.LEAD, "start_date": network.start_date},
        )
    return network
