"""The demo's networks: regional partnerships, local tables and their members, or one large network."""

from __future__ import annotations

import datetime
import random

from maillage.demo.names import NETWORK_NAMES_EN, NETWORK_NAMES_FR
from maillage.directory.models import ActionStrategy, Population, Territory, TerritoryKind
from maillage.directory.places import of_place, town_of_rls
from maillage.networks.actions import do_record_memberships, record_states
from maillage.networks.models import Dynamic, Membership, MembershipRole, Network, NetworkKind, Scale

BATCH = 2000  # rows per bulk insert


def town_of(rls: Territory) -> str:
    return town_of_rls(rls.name_fr)


def networks_and_memberships(
    rng: random.Random,
    count: int,
    rls_list: list[Territory],
    org_ids: list[int],
    org_rls: dict[int, Territory],
    org_sector: dict[int, str],
) -> tuple[list[Network], dict[int, list[tuple[int, str, datetime.date | None, datetime.date | None]]]]:
    scale = max(1.0, count / 1500)
    by_cisss: dict[int, list[int]] = {}
    by_rls: dict[int, list[int]] = {}
    for org_id in org_ids:
        rls = org_rls[org_id]
        by_rls.setdefault(rls.pk, []).append(org_id)
        by_cisss.setdefault(rls.parent_id, []).append(org_id)
    plans = _regional_networks(rng, scale, by_cisss)
    plans += _local_networks(rng, scale, rls_list, by_rls, by_cisss, org_sector)
    return _seat_members(rng, plans)


def _regional_networks(
    rng: random.Random, scale: float, by_cisss: dict[int, list[int]]
) -> list[tuple[Network, list[int]]]:
    """Community partnership networks (as in CHSSN's NPI), regional, bottom-up; some regions get two."""
    cisss_by_id = {t.pk: t for t in Territory.objects.filter(kind=TerritoryKind.CISSS)}
    cisss_ids = sorted(by_cisss)
    plans: list[tuple[Network, list[int]]] = []
    for index in range(round(19 * scale)):
        cisss = cisss_by_id[cisss_ids[index % len(cisss_ids)]]
        place = cisss.name_fr.removeprefix("CISSS — ")
        suffix = f" {index // len(cisss_ids) + 1}" if index >= len(cisss_ids) else ""
        network = Network(
            name_fr=NETWORK_NAMES_FR.format(of_place=of_place(place)) + suffix,
            name_en=NETWORK_NAMES_EN.format(place=cisss.name_en.removeprefix("CISSS — ")) + suffix,
            kind=NetworkKind.COMMUNITY_PARTNERSHIP,
            scale=Scale.REGIONAL,
            territory=cisss,
            dynamic=rng.choice([Dynamic.NEGOTIATION, Dynamic.MIXED]),
            funding="pieced",
            problem_origin="field",
            actions="negotiated",
            start_date=datetime.date(rng.randint(2008, 2016), 4, 1),
            description="Réseau fictif — données de démonstration. / Fictional network — demo data.",
        )
        plans.append(
            (network, rng.sample(by_cisss[cisss.pk], min(len(by_cisss[cisss.pk]), rng.randint(40, 95))))
        )
    return plans


def _local_networks(
    rng: random.Random,
    scale: float,
    rls_list: list[Territory],
    by_rls: dict[int, list[int]],
    by_cisss: dict[int, list[int]],
    org_sector: dict[int, str],
) -> list[tuple[Network, list[int]]]:
    """RLS networks (top-down) and neighbourhood round tables."""
    plans: list[tuple[Network, list[int]]] = []
    # The busiest local territories host the local tables (a small demo has few organizations per RLS).
    rls_with_orgs = sorted(
        (r for r in rls_list if by_rls.get(r.pk)), key=lambda r: (-len(by_rls[r.pk]), r.code)
    )
    rls_with_orgs = rls_with_orgs[: max(5, len(rls_with_orgs) // 2)]
    for index in range(round(5 * scale)):
        rls = rls_with_orgs[(index * 7) % len(rls_with_orgs)]
        is_rls = index % 5 < 3
        local = by_rls[rls.pk]
        # An RLS table also seats the region's big institutions.
        regional_publics = [
            o for o in by_cisss[rls.parent_id] if org_sector[o] in {"cisss", "hospital", "public_health"}
        ]
        candidates = list(dict.fromkeys(local + regional_publics[:6])) if is_rls else local
        town = town_of(rls)
        network = Network(
            name_fr=(f"Table RLS {of_place(town)}" if is_rls else f"Table de quartier {of_place(town)}")
            + (f" {index // len(rls_with_orgs) + 1}" if index >= len(rls_with_orgs) else ""),
            name_en=(f"{town} RLS table" if is_rls else f"{town} neighbourhood table")
            + (f" {index // len(rls_with_orgs) + 1}" if index >= len(rls_with_orgs) else ""),
            kind=NetworkKind.RLS if is_rls else NetworkKind.NEIGHBOURHOOD_TABLE,
            scale=Scale.LOCAL,
            territory=rls,
            dynamic=Dynamic.PRESCRIPTION if is_rls else Dynamic.NEGOTIATION,
            funding="funder" if is_rls else "pieced",
            problem_origin="funder" if is_rls else "field",
            actions="in_advance" if is_rls else "negotiated",
            start_date=datetime.date(2015, 4, 1),
            description="Réseau fictif — données de démonstration. / Fictional network — demo data.",
        )
        plans.append((network, rng.sample(candidates, min(len(candidates), rng.randint(25, 70)))))
    return plans


def _seat_members(
    rng: random.Random, plans: list[tuple[Network, list[int]]]
) -> tuple[list[Network], dict[int, list[tuple[int, str, datetime.date | None, datetime.date | None]]]]:
    """Save the networks, with their members, lead, strategies and populations."""
    strategies = list(ActionStrategy.objects.all())
    populations = list(Population.objects.all())
    networks = Network.objects.bulk_create([n for n, _ in plans], batch_size=BATCH)
    members: dict[int, list[tuple[int, str, datetime.date | None, datetime.date | None]]] = {}
    rows: list[Membership] = []
    strategy_links, population_links = [], []
    for network, (_, chosen) in zip(networks, plans, strict=True):
        network_members: list[tuple[int, str, datetime.date | None, datetime.date | None]] = []
        for position, org_id in enumerate(chosen):
            role = (
                MembershipRole.LEAD
                if position == 0
                else rng.choices(
                    [MembershipRole.MEMBER, MembershipRole.COORDINATOR, MembershipRole.OBSERVER], [20, 1, 2]
                )[0]
            )
            start = network.start_date if rng.random() < 0.85 else datetime.date(2024, 1, 15)
            end = datetime.date(2024, 12, 31) if rng.random() < 0.05 and position else None
            network_members.append((org_id, role, start, end))
            rows.append(
                Membership(network=network, organization_id=org_id, role=role, start_date=start, end_date=end)
            )
        members[network.pk] = network_members
        network.lead_organization_id = chosen[0]
        for strategy in rng.sample(strategies, rng.randint(1, len(strategies))):
            strategy_links.append(
                Network.action_strategies.through(network_id=network.pk, actionstrategy_id=strategy.pk)
            )
        for population in rng.sample(populations[:6], rng.randint(2, 4)):
            population_links.append(
                Network.target_populations.through(network_id=network.pk, population_id=population.pk)
            )
    Network.objects.bulk_update(networks, ["lead_organization"], batch_size=BATCH)
    Network.action_strategies.through.objects.bulk_create(strategy_links)
    Network.target_populations.through.objects.bulk_create(population_links)
    record_states(networks, None)
    seats: dict[int, list[Membership]] = {}
    for row in rows:
        seats.setdefault(row.network_id, []).append(row)
    for network in networks:
        do_record_memberships(network, seats.get(network.pk, []), batch_size=BATCH)
    return networks, members


def one_network(
    org_ids: list[int],
) -> tuple[list[Network], dict[int, list[tuple[int, str, datetime.date | None, datetime.date | None]]]]:
    province = Territory.objects.get(kind=TerritoryKind.PROVINCE)
    start = datetime.date(2015, 4, 1)
    network = Network.objects.create(
        name_fr=f"Grand réseau fictif ({len(org_ids)} organismes)",
        name_en=f"Large fictional network ({len(org_ids)} organizations)",
        kind=NetworkKind.COMMUNITY_PARTNERSHIP,
        scale=Scale.NATIONAL,
        territory=province,
        start_date=start,
        lead_organization_id=org_ids[0],
    )
    rows: list[tuple[int, str, datetime.date | None, datetime.date | None]] = [
        (org_id, MembershipRole.MEMBER.value, start, None) for org_id in org_ids
    ]
    do_record_memberships(
        network,
        [Membership(network=network, organization_id=o, role=r, start_date=s) for o, r, s, _ in rows],
        batch_size=BATCH,
    )
    # Two small tables beside it, so that every demo account still has a network to coordinate.
    others = [
        Network.objects.create(
            name_fr=f"Petite table fictive {i}", kind=NetworkKind.THEMATIC_TABLE, territory=province
        )
        for i in (1, 2)
    ]
    record_states([network, *others], None)
    return [network, *others], {network.pk: rows}
