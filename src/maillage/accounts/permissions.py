"""The one place that says which networks a user may read or write.

Each app has its own `get_*_for(user, pk, write=False)` helper built on these functions,
so every view asks the same question the same way.
"""

from __future__ import annotations

from typing import TypeAlias

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q

from maillage.accounts.models import Role, RoleKind

AnyUser: TypeAlias = AbstractBaseUser | AnonymousUser


def is_admin(user: AnyUser) -> bool:
    return bool(user.is_authenticated and getattr(user, "is_superuser", False))


def roles_of(user: AnyUser) -> list[Role]:
    """The user's roles, read once per request (cached on the user object)."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_maillage_roles", None)
    if cached is None:
        cached = list(Role.objects.filter(user=user).select_related("territory"))
        user._maillage_roles = cached
    return cached


def readable_network_filter(user: AnyUser, prefix: str = "") -> Q:
    """A Q over networks (or over a relation to them, with `prefix`) that the user may read."""
    if is_admin(user):
        return Q()
    condition = Q(pk__in=[]) if not prefix else Q(**{f"{prefix}pk__in": []})
    for role in roles_of(user):
        if role.kind == RoleKind.REGIONAL_VIEWER and role.territory is not None:
            condition |= Q(**{f"{prefix}territory__path__startswith": role.territory.path})
        elif role.network_id:
            condition |= Q(**{f"{prefix}pk": role.network_id})
    return condition


def writable_network_ids(user: AnyUser) -> set[int]:
    return {
        role.network_id for role in roles_of(user) if role.kind == RoleKind.COORDINATOR and role.network_id
    }


def can_read_network(user: AnyUser, network) -> bool:
    if not user.is_authenticated:
        return False
    if is_admin(user) or network.pk in {role.network_id for role in roles_of(user)}:
        return True
    return any(
        role.kind == RoleKind.REGIONAL_VIEWER
        and role.territory is not None
        and network.territory.path.startswith(role.territory.path)
        for role in roles_of(user)
    )


def can_write_network(user: AnyUser, network) -> bool:
    return is_admin(user) or network.pk in writable_network_ids(user)


def is_coordinator_somewhere(user: AnyUser) -> bool:
    return is_admin(user) or bool(writable_network_ids(user))
