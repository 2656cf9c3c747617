from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from maillage.demo.generate import build_demo
from maillage.directory.models import Organization, SectorFamily
from maillage.networks.models import Membership, Network
from maillage.ties.models import Tie, TieObservation


def fingerprint():
    return (
        list(
            Organization.objects.order_by("pk").values_list("name_fr", "sector__code", "territory__code")[
                :200
            ]
        ),
        list(
            Tie.objects.order_by("pk").values_list(
                "organization_a__name_fr", "organization_b__name_fr", "current_level", "current_formality"
            )[:500]
        ),
    )


@pytest.mark.django_db(transaction=False)
def test_the_demo_is_realistic(django_db_blocker):
    summary = build_demo(300, seed=7)
    assert summary.organizations == Organization.objects.count() == 300
    assert summary.ties == Tie.objects.count() > 1000
    assert summary.observations == TieObservation.objects.count() > summary.ties
    assert Network.objects.filter(kind="community_partnership").count() == 19
    assert Network.objects.exclude(kind="community_partnership").count() >= 3
    # Every sector family is there, ties cross them, and the waves show progress and losses.
    assert set(Organization.objects.values_list("sector__family", flat=True)) == set(SectorFamily.values)
    assert Tie.objects.filter(current_level=0).exists()
    rising = [
        t
        for t in Tie.objects.prefetch_related("observations")[:2000]
        if len(levels := [o.level for o in t.observations.all()]) > 1 and levels[-1] > levels[0] > 0
    ]
    assert rising
    # Some organizations sit on several tables (hyperconcertation is there to be found).
    loads = {}
    for organization_id in Membership.objects.values_list("organization_id", flat=True):
        loads[organization_id] = loads.get(organization_id, 0) + 1
    assert max(loads.values()) >= 2
    # Ties stay inside their network's membership.
    members = set(Membership.objects.values_list("network_id", "organization_id"))
    for tie in Tie.objects.all()[:500]:
        assert (tie.network_id, tie.organization_a_id) in members and (
            tie.network_id,
            tie.organization_b_id,
        ) in members


def test_the_same_seed_gives_the_same_data(db):
    build_demo(120, seed=11)
    first = fingerprint()
    for model in (TieObservation, Tie, Membership, Network, Organization):
        model.objects.all().delete()
    build_demo(120, seed=11)
    assert fingerprint() == first


def test_the_command_refuses_a_database_that_has_data_and_skips_with_if_empty(db, capsys):
    call_command("demo", organizations=60)
    with pytest.raises(CommandError):
        call_command("demo", organizations=60)
    call_command("demo", organizations=60, if_empty=True)
    assert Organization.objects.count() == 60


@pytest.mark.django_db(transaction=False)
def test_the_demo_names_read_as_french_and_are_never_twins(django_db_blocker):
    import re

    from maillage.directory.models import Territory

    build_demo(1500, seed=1)
    names = list(Organization.objects.values_list("name_fr", flat=True))
    assert len(names) == len(set(names)), "two organizations share a name"
    assert not [n for n in names if re.search(r" — \d+$", n)]
    written = names + list(Network.objects.values_list("name_fr", flat=True))
    written += list(Territory.objects.values_list("name_fr", flat=True))
    # "de" before a vowel, before an article, or before a place that takes one ("de Laurentides").
    slips = [
        n for n in written if re.search(r"\bde (?:[AEIOUÉÎ]|du |des |le |les |Laurentides|Outaouais)", n)
    ]
    assert not slips, slips[:5]
