from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from maillage.directory.i18n import pick_language
from maillage.directory.models import Organization, Territory, TerritoryKind
from maillage.directory.search import casefold_unaccented


def test_reference_data_is_loaded(db):
    from maillage.directory.models import ActionStrategy, Population, Sector

    assert Sector.objects.filter(code="community_organization", family="community").exists()
    assert Sector.objects.filter(family="public").count() >= 10
    assert set(Population.objects.values_list("code", flat=True)) >= {
        "seniors",
        "youth",
        "children",
        "families",
        "caregivers",
    }
    assert ActionStrategy.objects.count() == 3
    assert Territory.objects.filter(kind=TerritoryKind.REGION).count() == 18


def test_territory_paths_follow_the_hierarchy_and_moves(region, other_region, rls):
    assert rls.path.startswith(region.path)
    assert list(region.subtree().filter(kind=TerritoryKind.RLS)) == [rls]
    cisss = rls.parent
    cisss.parent = other_region
    cisss.save()
    rls.refresh_from_db()
    assert rls.path.startswith(other_region.path)
    assert [t.code for t in rls.ancestors()] == ["QC", "RSS03", "T-CISSS"]


def test_territory_refuses_a_wrong_parent_kind_and_cycles(region, rls):
    with pytest.raises(ValidationError):
        Territory(kind=TerritoryKind.REGION, code="X", name_fr="x", parent=rls).full_clean()
    cisss = rls.parent
    cisss.parent = rls
    with pytest.raises(ValidationError):
        cisss.full_clean()
    with pytest.raises(ValidationError):
        Territory(kind=TerritoryKind.RLS, code="Y", name_fr="y").full_clean()


def test_an_organization_needs_a_name_in_one_language(sectors):
    with pytest.raises(ValidationError):
        Organization(sector=sectors["other"]).full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        Organization.objects.create(sector=sectors["other"])
    organization = Organization.objects.create(name_en="Only English", sector=sectors["other"])
    assert organization.name == "Only English"


def test_names_fall_back_to_the_other_language():
    assert pick_language("Table", "", "en") == "Table"
    assert pick_language("", "Table", "fr") == "Table"
    assert pick_language("Réseau", "Network", "en") == "Network"


def test_search_text_is_folded(sectors):
    organization = Organization.objects.create(name_fr="Société d'ÉCOLE Ève", sector=sectors["other"])
    assert organization.search_text == casefold_unaccented("Société d'ÉCOLE Ève") == "societe d'ecole eve"
