"""Shared fixtures: two networks and the named people of every permission test.

- `coordinator` coordinates network A; `member` is a member of A;
- `outsider` coordinates network B (and must be refused everything about A);
- `viewer` is a regional viewer of A's region; `admin` is a superuser.
"""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import translation

from maillage.accounts.models import Role, RoleKind
from maillage.directory.models import Organization, Sector, Territory, TerritoryKind
from maillage.networks.models import Membership, Network, NetworkKind
from maillage.ties.actions import ObservationData, do_create_tie

PASSWORD = "a-long-test-password-42"


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings):
    # A fast hasher: the tests create many users, and password strength is not what they check.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Each test starts with an empty cache (login throttling counts live there).
    from django.core.cache import cache

    cache.clear()
    # Each test starts in the default language and leaves none behind: a request to an /en/ page (or a
    # test that activates a language) would otherwise leak English into whichever test runs next.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def region(db) -> Territory:
    return Territory.objects.get(code="RSS06")


@pytest.fixture
def other_region(db) -> Territory:
    return Territory.objects.get(code="RSS03")


@pytest.fixture
def rls(region) -> Territory:
    cisss = Territory.objects.create(
        kind=TerritoryKind.CISSS, code="T-CISSS", name_fr="CISSS test", parent=region
    )
    return Territory.objects.create(kind=TerritoryKind.RLS, code="T-RLS", name_fr="RLS test", parent=cisss)


@pytest.fixture
def sectors(db) -> dict[str, Sector]:
    return {s.code: s for s in Sector.objects.all()}


def make_organization(name: str, sector: Sector, territory: Territory | None = None) -> Organization:
    return Organization.objects.create(name_fr=name, sector=sector, territory=territory)


@pytest.fixture
def orgs(sectors, rls) -> list[Organization]:
    names = [
        ("Centre d'entraide Éole", "community_organization"),
        ("CLSC du Parc", "clsc"),
        ("Maison de la famille Boréal", "community_organization"),
        ("Ville de Sainte-Fiction", "municipal"),
        ("Pharmacie du Coin", "pharmacy"),
    ]
    return [make_organization(name, sectors[code], rls) for name, code in names]


@pytest.fixture
def network_a(rls, orgs) -> Network:
    network = Network.objects.create(
        name_fr="Réseau A",
        name_en="Network A",
        kind=NetworkKind.COMMUNITY_PARTNERSHIP,
        territory=rls,
        lead_organization=orgs[0],
    )
    for organization in orgs[:4]:
        Membership.objects.create(
            network=network, organization=organization, start_date=datetime.date(2020, 1, 1)
        )
    return network


@pytest.fixture
def network_b(other_region, sectors) -> Network:
    network = Network.objects.create(
        name_fr="Réseau B", kind=NetworkKind.NEIGHBOURHOOD_TABLE, territory=other_region
    )
    elsewhere = make_organization("Organisme d'ailleurs", sectors["community_organization"], other_region)
    Membership.objects.create(network=network, organization=elsewhere)
    return network


@pytest.fixture
def tie_a(network_a, orgs):
    return do_create_tie(
        orgs[0], orgs[1], network_a, ObservationData(observed_on=datetime.date(2023, 5, 1), level=2)
    )


def make_user(username: str, **extra) -> User:
    return User.objects.create_user(username=username, password=PASSWORD, **extra)


@pytest.fixture
def coordinator(network_a) -> User:
    user = make_user("coordinator")
    Role.objects.create(user=user, network=network_a, kind=RoleKind.COORDINATOR)
    return user


@pytest.fixture
def member(network_a) -> User:
    user = make_user("member")
    Role.objects.create(user=user, network=network_a, kind=RoleKind.MEMBER)
    return user


@pytest.fixture
def outsider(network_b) -> User:
    user = make_user("outsider")
    Role.objects.create(user=user, network=network_b, kind=RoleKind.COORDINATOR)
    return user


@pytest.fixture
def viewer(region) -> User:
    user = make_user("viewer")
    Role.objects.create(user=user, territory=region, kind=RoleKind.REGIONAL_VIEWER)
    return user


@pytest.fixture
def admin(db) -> User:
    return User.objects.create_superuser(username="admin", password=PASSWORD, email="admin@example.org")


@pytest.fixture
def people(coordinator, member, outsider, viewer, admin) -> dict[str, User]:
    return {
        "coordinator": coordinator,
        "member": member,
        "outsider": outsider,
        "viewer": viewer,
        "admin": admin,
    }


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client
