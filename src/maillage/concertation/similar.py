"""“This table may already exist”: active spaces where a proposed new one would sit.

Before a coordinator opens one more table (seed 001: too many tables, the same partners everywhere), the
form shows the active spaces of the chosen territory and of the territories above it that work on the same
themes, serve the same populations, or already seat a large share of the proposed members — so that the
coordinator can join one instead. Only the networks the coordinator may read are compared: the warning
must not reveal a space they could not otherwise see.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q

from maillage.accounts.permissions import AnyUser
from maillage.concertation.data import active_networks
from maillage.concertation.models import SpaceProfile
from maillage.directory.i18n import pick_language
from maillage.directory.models import Territory
from maillage.networks.models import Membership, Network
from maillage.networks.permissions import readable_networks

MEMBER_SHARE = 0.5  # a space seating at least this share of the proposed members is shown
MAX_CANDIDATES = 500


@dataclass
class SimilarSpace:
    network: Network
    themes: list[str] = field(default_factory=list)
    populations: list[str] = field(default_factory=list)
    members_inside: int = 0
    member_share: float = 0.0

    @property
    def score(self) -> tuple[float, int]:
        return (self.member_share, len(self.themes) + len(self.populations))


def _here_and_above(territory: Territory) -> Q:
    ids = [int(part) for part in territory.path.strip("/").split("/") if part]
    return Q(territory_id__in=ids or [territory.pk])


def similar_spaces(
    user: AnyUser,
    territory: Territory | None,
    *,
    populations: Iterable[int] = (),
    themes: Iterable[int] = (),
    members: Iterable[int] = (),
    on: datetime.date | None = None,
    limit: int = 8,
) -> list[SimilarSpace]:
    """Readable active spaces of `territory` and its ancestors sharing a theme or a population with the
    proposal, or seating at least half of its proposed members; most shared members first."""
    if territory is None:
        return []
    populations, themes, members = set(populations), set(themes), set(members)
    if not (populations or themes or members):
        return []
    on = on or datetime.date.today()
    candidates = active_networks(readable_networks(user), on).filter(_here_and_above(territory))
    networks = {n.pk: n for n in candidates.select_related("territory").order_by("pk")[:MAX_CANDIDATES]}
    found = {pk: SimilarSpace(network) for pk, network in networks.items()}
    through = Network.target_populations.through.objects.filter(
        network_id__in=networks, population_id__in=populations
    )
    for network_id, name_fr, name_en in through.values_list(
        "network_id", "population__name_fr", "population__name_en"
    ):
        found[network_id].populations.append(_pick(name_fr, name_en))
    shared_themes = SpaceProfile.themes.through.objects.filter(
        spaceprofile__network_id__in=networks, theme_id__in=themes
    )
    for network_id, name_fr, name_en in shared_themes.values_list(
        "spaceprofile__network_id", "theme__name_fr", "theme__name_en"
    ):
        found[network_id].themes.append(_pick(name_fr, name_en))
    if members:
        seated = (
            Membership.objects.filter(network_id__in=networks, organization_id__in=members)
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
            .values_list("network_id", flat=True)
        )
        for network_id in seated:
            found[network_id].members_inside += 1
        for hit in found.values():
            hit.member_share = hit.members_inside / len(members)
    hits = [h for h in found.values() if h.themes or h.populations or h.member_share >= MEMBER_SHARE]
    hits.sort(key=lambda h: (-h.score[0], -h.score[1], h.network.name, h.network.pk))
    return hits[:limit]


def _pick(french: str, english: str) -> str:

    return pick_language(french, english)
