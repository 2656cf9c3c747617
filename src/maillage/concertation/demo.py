"""Demo data for the concertation page: one local territory with too many tables (seed 001's complaint).

Seven spaces on the busiest Montreal RLS, nested in one another, the same community organization in all
seven, themes and meeting hours on them and on every other demo network. Called by the `demo` command
after the main demo; deterministic (seeded).
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count

from maillage.concertation.models import (
    DocumentKind,
    ResourceEntry,
    ResourceKind,
    SpaceProfile,
    TerritoryDocument,
    Theme,
)
from maillage.directory.history import do_apply_correspondence
from maillage.directory.models import Organization, Population, Territory, TerritoryKind
from maillage.directory.places import town_of_rls
from maillage.networks.actions import do_record_memberships, record_states
from maillage.networks.models import Dynamic, Membership, MembershipRole, Network, NetworkKind, Scale

START = datetime.date(2016, 9, 1)
CSSS_START, REFORM_2015 = datetime.date(2004, 6, 1), datetime.date(2015, 4, 1)

# (French name, English name, kind, dynamic, themes, populations, meeting hours a year, members drawn from)
# "members drawn from" names an earlier table (nested inside it) or None (the RLS's organizations).
TABLES: list[tuple[str, str, str, str, list[str], list[str], int, str | None, int]] = [
    ("Table de quartier {town}", "{town} neighbourhood table", NetworkKind.NEIGHBOURHOOD_TABLE,
     Dynamic.NEGOTIATION, ["social_development", "housing", "food_security"], ["families", "low_income"], 40,
     None, 26),
    ("Comité sécurité alimentaire {town}", "{town} food security committee", NetworkKind.THEMATIC_TABLE,
     Dynamic.NEGOTIATION, ["food_security"], ["families", "low_income"], 30, "Table de quartier {town}", 9),
    ("Table petite enfance {town}", "{town} early childhood table", NetworkKind.THEMATIC_TABLE,
     Dynamic.PRESCRIPTION, ["early_childhood", "school_perseverance"], ["children", "families"], 36,
     "Table de quartier {town}", 12),
    ("Table jeunesse {town}", "{town} youth table", NetworkKind.THEMATIC_TABLE, Dynamic.MIXED,
     ["school_perseverance", "employment"], ["youth"], 30, None, 14),
    ("Table des aînés {town}", "{town} seniors' table", NetworkKind.THEMATIC_TABLE, Dynamic.NEGOTIATION,
     ["social_isolation", "healthy_ageing"], ["seniors", "caregivers"], 24, None, 13),
    ("Comité logement {town}", "{town} housing committee", NetworkKind.THEMATIC_TABLE, Dynamic.NEGOTIATION,
     ["housing"], ["low_income"], 20, "Table de quartier {town}", 8),
    ("Cellule de crise {town}", "{town} crisis cell", NetworkKind.CRISIS_CELL, Dynamic.PRESCRIPTION,
     ["food_security", "access_to_services", "social_isolation"], ["seniors", "low_income"], 50,
     "Table de quartier {town}", 10),
]  # fmt: skip


@dataclass
class ConcertationDemo:
    territory: Territory
    spaces: list[Network]
    hub: Organization


def _busiest_rls() -> Territory:
    return (
        Territory.objects.filter(kind=TerritoryKind.RLS, code__startswith="RLS06")
        .annotate(n=Count("organization"))
        .order_by("-n", "code")
        .first()
        or Territory.objects.filter(kind=TerritoryKind.RLS)
        .annotate(n=Count("organization"))
        .order_by("-n")
        .first()
    )


@transaction.atomic
def build_concertation_demo(seed: int = 2026) -> ConcertationDemo | None:
    """Add the hyperconcertation territory's seven tables and give every demo network themes and hours."""
    rng = random.Random(seed)
    rls = _busiest_rls()
    if rls is None:
        return None
    local = list(Organization.objects.filter(territory=rls).order_by("pk").values_list("pk", flat=True))
    if len(local) < 10:
        return None
    hub = (
        Organization.objects.filter(pk__in=local, sector__code="community_organization")
        .order_by("pk")
        .first()
    )
    hub_id = hub.pk if hub else local[0]
    town = town_of_rls(rls.name_fr)
    themes = {theme.code: theme for theme in Theme.objects.all()}
    populations = {population.code: population for population in Population.objects.all()}
    chosen: dict[str, list[int]] = {}
    spaces, rows = [], []
    for name_fr, name_en, kind, dynamic, theme_codes, population_codes, hours, inside, size in TABLES:
        pool = chosen[inside.format(town=town)] if inside else local
        others = [pk for pk in pool if pk != hub_id]
        members = [hub_id, *rng.sample(others, min(len(others), size - 1))]
        chosen[name_fr.format(town=town)] = members
        network = Network.objects.create(
            name_fr=name_fr.format(town=town),
            name_en=name_en.format(town=rls.name_en.removesuffix(" RLS")),
            kind=kind,
            scale=Scale.LOCAL,
            territory=rls,
            dynamic=dynamic,
            lead_organization_id=members[0],
            start_date=START,
            description="Réseau fictif — données de démonstration. / Fictional network — demo data.",
        )
        network.target_populations.set([populations[c] for c in population_codes if c in populations])
        profile = SpaceProfile.objects.create(network=network, meeting_hours_per_year=hours)
        profile.themes.set([themes[c] for c in theme_codes])
        spaces.append(network)
        rows += [
            Membership(
                network=network,
                organization_id=pk,
                role=MembershipRole.LEAD if position == 0 else MembershipRole.MEMBER,
                start_date=START,
            )
            for position, pk in enumerate(members)
        ]
    for space in spaces:
        do_record_memberships(space, [row for row in rows if row.network_id == space.pk])
    record_states(spaces, None)
    _profile_the_other_networks(rng, themes, exclude={n.pk for n in spaces})
    _portraits_done_twice(rls, spaces, populations)
    return ConcertationDemo(rls, spaces, Organization.objects.get(pk=hub_id))


def _portraits_done_twice(rls: Territory, spaces: list[Network], populations: dict[str, Population]) -> None:
    """Seed 001: two portraits of the same neighbourhood for the same years, and one action plan."""
    town = town_of_rls(rls.name_fr)
    lead = spaces[0].lead_organization_id
    region = rls.parent.name_fr if rls.parent else town
    documents = [
        (rls, DocumentKind.PORTRAIT, f"Portrait de quartier {town} 2022", lead,
         datetime.date(2022, 6, 1), 2021, 2023, "Logement abordable; sécurité alimentaire",
         "Isolement des aînés allophones", ["families", "low_income", "seniors"]),
        (rls.parent, DocumentKind.PORTRAIT, f"Portrait de la population — {region}",
         None, datetime.date(2022, 11, 15), 2022, 2024, "Accès aux services de première ligne",
         "Besoins des proches aidants", ["seniors", "caregivers"]),
        (rls, DocumentKind.ACTION_PLAN, f"Plan d'action concerté {town} 2023-2026", lead,
         datetime.date(2023, 3, 1), 2023, 2026, "Sécurité alimentaire; logement", "",
         ["families", "low_income"]),
    ]  # fmt: skip
    for territory, kind, title, author, date, first, last, expressed, unexpressed, codes in documents:
        document = TerritoryDocument.objects.create(
            territory=territory or rls,
            kind=kind,
            title=title,
            published_on=date,
            author_organization_id=author,
            period_start=first,
            period_end=last,
            needs_expressed=expressed,
            needs_not_expressed=unexpressed,
        )
        document.populations.set([populations[c] for c in codes if c in populations])


def _profile_the_other_networks(rng: random.Random, themes: dict[str, Theme], exclude: set[int]) -> None:
    """Themes on every other demo network, and meeting hours on two in three (the rest unknown)."""
    codes = sorted(themes)
    for network in Network.objects.exclude(pk__in=exclude).exclude(concertation_profile__isnull=False):
        hours = rng.choice([12, 20, 24, 30, 40]) if rng.random() < 0.67 else None
        profile = SpaceProfile.objects.create(network=network, meeting_hours_per_year=hours)
        profile.themes.set([themes[c] for c in rng.sample(codes, rng.randint(1, 3))])


def build_reform_demo() -> int:
    """The 2015 reform on the demo territories: one CSSS (2004-2015) per demo RLS, each replaced by its
    CISSS on 1 April 2015 through the correspondence. Returns the number of successions recorded."""
    pairs = []
    for cisss in Territory.objects.filter(kind=TerritoryKind.CISSS, code__startswith="CISSS").order_by(
        "code"
    ):
        for rls in cisss.children.filter(kind=TerritoryKind.RLS).order_by("code"):
            town = town_of_rls(rls.name_fr)
            csss, _ = Territory.objects.get_or_create(
                code=rls.code.replace("RLS", "CSSS", 1),
                defaults={
                    "kind": TerritoryKind.CSSS,
                    "parent": cisss.parent,
                    "name_fr": f"CSSS de {town}",
                    "name_en": f"{rls.name_en.removesuffix(' RLS')} CSSS",
                    "start_date": CSSS_START,
                },
            )
            pairs.append((csss, cisss))
    return do_apply_correspondence(pairs, REFORM_2015, note="Loi 10 (2015)")


PROGRAMMES = [
    ("Programme de soutien aux organismes communautaires", True),
    ("Initiative de développement des communautés", False),
    ("Fonds de la santé publique", True),
    ("Projet ponctuel", False),
]


def build_resources_demo(seed: int = 2026) -> int:
    """Funding, paid staff and in-kind contributions for every demo network, 2023 to 2025: a few funders
    (the demo's foundations and CISSS) fund many networks, so "this funder withdraws" matters."""
    rng = random.Random(seed)
    funders = list(
        Organization.objects.filter(sector__code__in=["foundation", "cisss"])
        .order_by("pk")
        .values_list("pk", flat=True)
    )[:6]
    rows = []
    for network in Network.objects.order_by("pk"):
        members = list(network.memberships.values_list("organization_id", flat=True)[:5])
        for year in (2023, 2024, 2025):
            for funder in rng.sample(funders, min(len(funders), rng.randint(1, 2))):
                programme, recurring = rng.choice(PROGRAMMES)
                amount = rng.choice([15000, 25000, 40000, 60000, 90000])
                rows.append(ResourceEntry(network=network, year=year, kind=ResourceKind.FUNDING,
                                          organization_id=funder, programme=programme, amount=amount,
                                          recurring=recurring))  # fmt: skip
            fte = rng.choice(["0.5", "1.0", "1.5"])
            rows.append(ResourceEntry(network=network, year=year, kind=ResourceKind.STAFF,
                                      programme="Coordination", fte=fte))  # fmt: skip
            if members:
                rows.append(ResourceEntry(network=network, year=year, kind=ResourceKind.IN_KIND,
                                          organization_id=rng.choice(members), programme="Locaux et salles",
                                          amount=rng.choice([2000, 5000, 8000])))  # fmt: skip
    ResourceEntry.objects.bulk_create(rows, batch_size=2000)
    return len(rows)
