"""The data version of a network: one counter, raised in the same transaction as every write it depends on.

Dashboards, map documents, indicators and reports are cached under the version of the networks they read,
so an edit is seen at the next request and nothing stale is ever served. The writes of the network's
history (`ties.actions`, `networks.actions`) call `bump` themselves; the other rows a network's numbers
read (organizations, survey waves and answers, entered indicator values) raise it through the signals
connected below, and bulk writes of those rows call `bump` after them.

A scope's version is the digest of its networks' counters (`version_of`), not a counter of its own: a
regional viewer or a member who sees only some networks of a territory gets a version that changes exactly
when one of the networks they see changes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.db.models import F, Q, QuerySet
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal

from maillage.networks.models import Membership, Network

# Sent after every bump with `network_ids` (a sorted list): the dashboards' worker warms them on commit.
data_changed = Signal()


def bump(network_ids: Iterable[int | None]) -> list[int]:
    """Raise the data version of these networks; returns the ids raised."""
    ids = sorted({int(pk) for pk in network_ids if pk is not None})
    if ids:
        Network.objects.filter(pk__in=ids).update(data_version=F("data_version") + 1)
        data_changed.send(sender=Network, network_ids=ids)
    return ids


def bump_all() -> None:
    """Raise every network's version: a sector or a territory was renamed, which every page may show."""
    Network.objects.update(data_version=F("data_version") + 1)
    data_changed.send(sender=Network, network_ids=[])


def networks_of_organizations(organization_ids: Iterable[int]) -> set[int]:
    """The networks whose numbers read these organizations: where they sit, and where they have a tie."""
    ids = list(organization_ids)
    seats = Membership.objects.filter(organization__in=ids).values_list("network_id", flat=True)
    # Through the ties' reverse relation (`Network.ties`): the networks app does not import the ties app.
    with_ties = Network.objects.filter(Q(ties__organization_a__in=ids) | Q(ties__organization_b__in=ids))
    return set(seats) | set(with_ties.values_list("pk", flat=True).distinct())


def bump_for_organizations(organization_ids: Iterable[int]) -> list[int]:
    return bump(networks_of_organizations(organization_ids))


def version_of(networks: QuerySet[Network] | Iterable[int]) -> str:
    """The version of what a set of networks shows: it changes whenever one of them changes."""
    queryset = networks if isinstance(networks, QuerySet) else Network.objects.filter(pk__in=list(networks))
    rows = queryset.order_by("pk").values_list("pk", "data_version")
    text = ",".join(f"{pk}.{version}" for pk, version in rows)
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def versions_by_network(network_ids: Iterable[int]) -> dict[int, int]:
    return dict(Network.objects.filter(pk__in=list(network_ids)).values_list("pk", "data_version"))


# Rows outside the network's history that its numbers read, and how each finds its network.
INDIRECT = {
    "surveys.Wave": "network_id",
    "surveys.Question": "wave.network_id",
    "surveys.Invitation": "wave.network_id",
    "surveys.Response": "invitation.wave.network_id",
    "surveys.Rating": "wave.network_id",
    "indicators.DataValue": "network_id",
    "concertation.ResourceEntry": "network_id",
    "concertation.SpaceProfile": "network_id",
    "lessons.NetworkStage": "network_id",
    "lessons.Lesson": "network_id",
}


def _resolve(instance: Any, path: str) -> int | None:
    value = instance
    try:
        for part in path.split("."):
            value = getattr(value, part)
            if value is None:
                return None
    except Exception:  # noqa: BLE001 - a cascade may have removed the parent in the same transaction
        return None
    return int(value)


def _indirect_changed(sender: type[Any], instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):  # a restore writes rows as they were, versions included
        return
    path = INDIRECT[sender._meta.label]
    bump([_resolve(instance, path)])


def _organization_changed(sender: type, instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    bump_for_organizations([instance.pk])


def _reference_changed(sender: type, instance: Any, **kwargs: Any) -> None:
    if not kwargs.get("raw"):
        bump_all()


def connect() -> None:
    for signal in (post_save, post_delete):
        for label in INDIRECT:
            model = apps.get_model(label)
            signal.connect(_indirect_changed, sender=model, dispatch_uid=f"version-{label}-{id(signal)}")
        organization = apps.get_model("directory.Organization")
        signal.connect(_organization_changed, sender=organization, dispatch_uid=f"version-org-{id(signal)}")
        for label in ("directory.Sector", "directory.Territory"):
            signal.connect(
                _reference_changed, sender=apps.get_model(label), dispatch_uid=f"version-{label}-{id(signal)}"
            )
