"""Territories as of a date: the 2015 correspondence read backwards and forwards."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from maillage.directory.history import do_apply_correspondence, territories_on
from maillage.directory.models import Territory, TerritoryKind, TerritorySuccession
from maillage.networks.models import Network, NetworkKind
from tests.conftest import client_for

REFORM = datetime.date(2015, 4, 1)


@pytest.fixture(autouse=True)
def _french_afterwards():  # type: ignore[no-untyped-def]
    yield
    translation.activate("fr")


@pytest.fixture
def reform(region, rls):  # type: ignore[no-untyped-def]
    cisss = rls.parent
    csss = [
        Territory.objects.create(kind=TerritoryKind.CSSS, code=f"CSSS-{i}", name_fr=f"CSSS {i}",
                                 parent=region, start_date=datetime.date(2004, 6, 1))
        for i in (1, 2)
    ]  # fmt: skip
    assert do_apply_correspondence([(c, cisss) for c in csss], REFORM) == 2
    return cisss, csss


def test_a_cisss_read_before_the_reform_is_the_csss_it_merged(reform) -> None:
    cisss, csss = reform
    cisss.refresh_from_db()
    assert cisss.start_date == REFORM
    assert territories_on(cisss, datetime.date(2010, 1, 1)) == csss
    assert territories_on(cisss, datetime.date(2020, 1, 1)) == [cisss]
    for old in csss:
        old.refresh_from_db()
        assert old.end_date == datetime.date(2015, 3, 31)
        assert territories_on(old, datetime.date(2020, 1, 1)) == [cisss]
    # Before any of them existed there is nothing to read.
    assert territories_on(cisss, datetime.date(1990, 1, 1)) == []


def test_the_correspondence_is_recorded_once_and_never_to_itself(reform) -> None:
    cisss, csss = reform
    assert do_apply_correspondence([(c, cisss) for c in csss], REFORM) == 0
    assert TerritorySuccession.objects.count() == 2
    with pytest.raises(IntegrityError), transaction.atomic():
        TerritorySuccession.objects.create(predecessor=cisss, successor=cisss, date=REFORM)


def test_a_cycle_typed_by_mistake_does_not_loop(reform) -> None:
    cisss, csss = reform
    TerritorySuccession.objects.create(predecessor=cisss, successor=csss[0], date=REFORM)
    assert territories_on(csss[0], datetime.date(2030, 1, 1)) in ([], [cisss])


def test_pages_show_the_succession_and_a_networks_territory_when_it_started(admin, reform, orgs) -> None:
    cisss, csss = reform
    network = Network.objects.create(name_fr="Réseau 2010", kind=NetworkKind.COMMUNITY_PARTNERSHIP,
                                      territory=cisss, start_date=datetime.date(2010, 9, 1))  # fmt: skip
    client = client_for(admin)
    page = client.get(f"/en/directory/territories/{cisss.pk}/").content.decode()
    assert 'id="territory-precedents"' in page and "CSSS 1" in page and "CSSS 2" in page
    old = client.get(f"/en/directory/territories/{csss[0].pk}/").content.decode()
    assert 'id="territory-successions"' in old and "until March 31, 2015" in old
    detail = client.get(f"/en/networks/{network.pk}/").content.decode()
    assert 'id="territory-then"' in detail and "CSSS 1, CSSS 2" in detail


def test_dates_out_of_order_are_refused_on_the_form(admin, region) -> None:
    response = client_for(admin).post(
        "/en/directory/territories/new/",
        {"kind": TerritoryKind.CSSS, "code": "CSSS-X", "name_fr": "CSSS X", "parent": region.pk,
         "start_date": "2015-01-01", "end_date": "2004-01-01"},
    )  # fmt: skip
    assert (
        response.status_code == 200
        and "The end date comes before the start date." in response.content.decode()
    )
    assert not Territory.objects.filter(code="CSSS-X").exists()
