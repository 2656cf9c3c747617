"""The deterministic demo and scale data generator.

`build_demo(organizations=1500)` writes a clearly fictional data set modelled on the
source documents: community partnership networks in real Quebec regions, a few RLS and
neighbourhood tables, organizations of every sector, memberships (some organizations sit
on many tables), and ties observed over three yearly survey waves that show progress —
some ties rise in level, some are formalised, some are lost. The same seed gives the same
data. Larger `organizations` values build a synthetic province for benchmarks; everything
is written with bulk inserts so 20,000 organizations take seconds, not minutes.
"""

from __future__ import annotations

import datetime
import itertools
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction

from maillage.accounts.models import Role, RoleKind
from maillage.audit.bulk import bulk_operation
from maillage.demo.names import (
    ORGANIZATION_PATTERNS,
    PATTERN_WEIGHTS,
    REGION_TOWNS,
    WORDS,
    french_name,
)
from maillage.demo.networks import BATCH, networks_and_memberships, one_network, town_of
from maillage.demo.yearly import build_yearly_demo
from maillage.directory.models import (
    Organization,
    Population,
    Sector,
    Territory,
    TerritoryKind,
)
from maillage.directory.places import of_place
from maillage.directory.search import casefold_unaccented
from maillage.indicators.demo import build_indicator_demo
from maillage.initiatives.demo import build_example_initiatives
from maillage.leadership.demo import build_leadership_demo
from maillage.networks.models import Network
from maillage.ties.actions import ObservationData, PairObservation, do_record_observations
from maillage.ties.models import Formality, ObservationSource

WAVES = [datetime.date(2023, 5, 15), datetime.date(2024, 5, 15), datetime.date(2025, 5, 15)]
DEMO_PASSWORD = "demo-maillage-2026"  # noqa: S105 - printed on purpose: demo accounts on a local machine
MEAN_TIES_PER_ORGANIZATION = 16 / 3  # about 8,000 ties for 1,500 organizations
FICTIONAL_ORGANIZATION = (
    "Organisation fictive — données de démonstration. / Fictional organization — demo data."
)
NOW = datetime.datetime(2025, 6, 1, 12, 0, tzinfo=datetime.UTC)


@dataclass
class DemoSummary:
    organizations: int
    networks: int
    memberships: int
    ties: int
    observations: int
    users: list[tuple[str, str]]
    seconds: float


@dataclass
class _TieDraft:
    a: int
    b: int
    network: int
    observations: list[tuple[datetime.date, int, str, tuple[bool, bool, bool, bool]]]


def database_is_empty() -> bool:
    return not Organization.objects.exists()


def build_demo(
    organizations: int = 1500,
    *,
    seed: int = 2026,
    single_network: bool = False,
    progress: Callable[[str], None] | None = None,
) -> DemoSummary:
    """Write the demo data set in one transaction and return what was created.

    With `single_network`, every organization sits in one large network (a benchmark for the
    maps: one network of thousands of organizations).
    """
    if organizations < 50:
        raise ValueError("The demo needs at least 50 organizations.")
    say = progress or (lambda message: None)
    started = time.perf_counter()
    rng = random.Random(seed)
    with transaction.atomic(), bulk_operation("demo data"):  # one audit event, not one per row
        rls_list = _territories()
        say(f"{len(rls_list)} local territories")
        org_ids, org_rls, org_sector = _organizations(rng, organizations, rls_list)
        say(f"{len(org_ids)} organizations")
        if single_network:
            networks, members = one_network(org_ids)
        else:
            networks, members = networks_and_memberships(
                rng, organizations, rls_list, org_ids, org_rls, org_sector
            )
        say(f"{len(networks)} networks, {sum(len(m) for m in members.values())} memberships")
        tie_count, observation_count = _ties(rng, organizations, members, org_sector)
        say(f"{tie_count} ties, {observation_count} observations")
        users = _users(networks)
        say(f"{build_example_initiatives()} example initiatives")
        say(build_yearly_demo(networks))
        say(f"leadership: {build_leadership_demo(networks)}")
        say(f"{build_indicator_demo(networks)} indicator values")
    return DemoSummary(
        organizations=len(org_ids),
        networks=len(networks),
        memberships=sum(len(m) for m in members.values()),
        ties=tie_count,
        observations=observation_count,
        users=users,
        seconds=time.perf_counter() - started,
    )


def _territories() -> list[Territory]:
    """A CISSS under each demo region, RLS under it named after real towns, one community per RLS."""
    rls_list = []
    for code, towns in REGION_TOWNS.items():
        region = Territory.objects.get(code=f"RSS{code}")
        cisss, _ = Territory.objects.get_or_create(
            code=f"CISSS{code}",
            defaults={
                "kind": TerritoryKind.CISSS,
                "parent": region,
                "name_fr": f"CISSS — {region.name_fr}",
                "name_en": f"CISSS — {region.name_en}",
            },
        )
        for index, town in enumerate(towns, start=1):
            rls, _ = Territory.objects.get_or_create(
                code=f"RLS{code}-{index}",
                defaults={
                    "kind": TerritoryKind.RLS,
                    "parent": cisss,
                    "name_fr": f"RLS {of_place(town)}",
                    "name_en": f"{town} RLS",
                },
            )
            Territory.objects.get_or_create(
                code=f"COM{code}-{index}",
                defaults={
                    "kind": TerritoryKind.COMMUNITY,
                    "parent": rls,
                    "name_fr": f"Quartier centre {of_place(town)}",
                    "name_en": f"{town} centre",
                },
            )
            rls_list.append(rls)
    return rls_list


def _names(pattern_fr: str, pattern_en: str, word: str, place: str) -> tuple[str, str]:
    """An organization's French and English names from its patterns, its place named where the pattern
    does not say it."""
    name_fr = french_name(pattern_fr, word=word, place=place)
    if "place}" not in pattern_fr:
        name_fr = f"{name_fr} ({place})"
    name_en = pattern_en.format(word=word.removeprefix("des ").removeprefix("du "), place=place)
    if "{place}" not in pattern_en:
        name_en = f"{name_en} ({place})"
    return name_fr, name_en


def _organizations(
    rng: random.Random, count: int, rls_list: list[Territory]
) -> tuple[list[int], dict[int, Territory], dict[int, str]]:
    sectors = {s.code: s for s in Sector.objects.all()}
    populations = list(Population.objects.values_list("id", flat=True))
    weights = [PATTERN_WEIGHTS[p[0]] for p in ORGANIZATION_PATTERNS]
    # Montreal and Montérégie hold more organizations, as in the province.
    rls_weights = [3.0 if r.code.startswith(("RLS06", "RLS16")) else 1.0 for r in rls_list]
    seen: set[str] = set()
    rows: list[Organization] = []
    for _ in range(count):
        sector_code, pattern_fr, pattern_en = rng.choices(ORGANIZATION_PATTERNS, weights)[0]
        rls = rng.choices(rls_list, rls_weights)[0]
        first, place = WORDS.index(rng.choice(WORDS)), town_of(rls)
        # A name already given takes the next word of the list: a directory holds no two alike.
        for step in range(len(WORDS)):
            word = WORDS[(first + step) % len(WORDS)]
            name_fr, name_en = _names(pattern_fr, pattern_en, word, place)
            if name_fr not in seen:
                break
        seen.add(name_fr)
        languages = rng.choices([["fr"], ["fr", "en"], ["en"], ["fr", "en", "other"]], [5, 4, 2, 1])[0]
        rows.append(
            Organization(
                name_fr=name_fr,
                name_en=name_en,
                sector=sectors[sector_code],
                territory=rls,
                languages=languages,
                search_text=casefold_unaccented(f"{name_fr} {name_en}"),
                description=FICTIONAL_ORGANIZATION,
                active=rng.random() > 0.02,
            )
        )
    created = Organization.objects.bulk_create(rows, batch_size=BATCH)
    through = Organization.populations.through
    links = []
    for organization in created:
        for population_id in rng.sample(populations, rng.randint(1, 3)):
            links.append(through(organization_id=organization.pk, population_id=population_id))
    through.objects.bulk_create(links, batch_size=BATCH)
    return (
        [o.pk for o in created],
        {o.pk: o.territory for o in created},
        {o.pk: o.sector.code for o in created},
    )


PUBLIC_CORE = {"cisss", "clsc", "hospital", "public_health", "municipal"}


def _ties(
    rng: random.Random,
    count: int,
    members: dict[int, list[tuple[int, str, datetime.date | None, datetime.date | None]]],
    org_sector: dict[int, str],
) -> tuple[int, int]:
    total_members = sum(len(m) for m in members.values())
    budget_per_member = MEAN_TIES_PER_ORGANIZATION * count / total_members
    drafts: list[_TieDraft] = []
    for network_id, network_members in members.items():
        ids = [m[0] for m in network_members]
        joined_late = {m[0] for m in network_members if m[2] and m[2].year >= 2024}
        left = {m[0] for m in network_members if m[3]}
        # A few hubs (often public institutions) carry many ties: heavy-tailed activity.
        activity = [rng.paretovariate(1.6) * (2.5 if org_sector[i] in PUBLIC_CORE else 1.0) for i in ids]
        target = min(round(len(ids) * budget_per_member), len(ids) * (len(ids) - 1) // 4)
        cumulative = list(itertools.accumulate(activity))
        pairs: set[tuple[int, int]] = set()
        attempts = 0
        while len(pairs) < target and attempts < target * 20:
            attempts += 1
            a, b = rng.choices(ids, cum_weights=cumulative, k=2)
            if a != b:
                pairs.add((a, b) if a < b else (b, a))
        for a, b in sorted(pairs):
            drafts.append(_TieDraft(a, b, network_id, _history(rng, a, b, joined_late, left, org_sector)))

    by_network: dict[int, list[PairObservation]] = {}
    for draft in drafts:
        by_network.setdefault(draft.network, []).extend(
            PairObservation(
                draft.a,
                draft.b,
                ObservationData(
                    observed_on,
                    level,
                    formality,
                    "agreement" if formality == Formality.FORMAL else "",
                    *flows,
                    source=ObservationSource.SURVEY.value,
                ),
            )
            for observed_on, level, formality, flows in draft.observations
        )
    networks = Network.objects.in_bulk(list(by_network))
    observation_count = 0
    for network_id, rows in by_network.items():
        observation_count += do_record_observations(networks[network_id], rows).observations
    return len(drafts), observation_count


def _history(
    rng: random.Random, a: int, b: int, joined_late: set[int], left: set[int], org_sector: dict[int, str]
) -> list[tuple[datetime.date, int, str, tuple[bool, bool, bool, bool]]]:
    """One tie's observations over the waves: it appears, then rises, is formalised, weakens or ends."""
    first_wave = rng.choices([0, 1, 2], [70, 15, 15])[0]
    if a in joined_late or b in joined_late:
        first_wave = max(first_wave, 1)
    public = org_sector[a] in PUBLIC_CORE or org_sector[b] in PUBLIC_CORE
    level = rng.choices([1, 2, 3, 4, 5], [35, 30, 20, 10, 5])[0]
    formality = Formality.FORMAL if rng.random() < (0.4 if public else 0.15) else Formality.INFORMAL
    history = []
    for wave in range(first_wave, len(WAVES)):
        if wave > first_wave:
            draw = rng.random()
            if (a in left or b in left) and wave == 2 or draw < 0.06:
                level = 0
            elif draw < 0.28:
                level = min(5, level + 1)
            elif draw < 0.34:
                level = max(1, level - 1)
            if level and formality == Formality.INFORMAL and rng.random() < 0.08:
                formality = Formality.FORMAL
        flows = (
            (
                rng.random() < 0.3 + 0.1 * level,
                rng.random() < 0.6 + 0.05 * level,
                rng.random() < 0.08 * level,
                rng.random() < 0.07 * level,
            )
            if level
            else (False, False, False, False)
        )
        history.append((WAVES[wave], level, str(formality), flows))
        if level == 0:
            break
    return history


DEMO_USERS = [
    # (username, first name, role, network index, superuser)
    ("admin", "Admin", None, None, True),
    ("coordination", "Camille Coordonnatrice", RoleKind.COORDINATOR, 0, False),
    ("membre", "Marc Membre", RoleKind.MEMBER, 0, False),
    ("autre", "Alex Autre-réseau", RoleKind.COORDINATOR, 1, False),
    ("region", "Rita Régionale", RoleKind.REGIONAL_VIEWER, 0, False),
]


def _users(networks: list[Network]) -> list[tuple[str, str]]:
    accounts = []
    for username, first_name, kind, network_index, superuser in DEMO_USERS:
        if User.objects.filter(username=username).exists():
            continue
        user = User(
            username=username,
            first_name=first_name,
            is_superuser=superuser,
            is_staff=superuser,
            email=f"{username}@example.org",
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        if kind == RoleKind.REGIONAL_VIEWER and network_index is not None:
            region = networks[network_index].territory.parent or networks[network_index].territory
            Role.objects.create(user=user, kind=kind, territory=region)
        elif kind is not None and network_index is not None:
            Role.objects.create(user=user, kind=kind, network=networks[network_index])
        accounts.append((username, str(kind.label) if kind else "admin"))
    return accounts
