"""Checking and applying organizations, memberships and ties: the report, and all or nothing."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from maillage.directory.models import Organization
from maillage.exchange.actions import ImportRefused, do_apply_plan
from maillage.exchange.headers import remember
from maillage.exchange.imports import NeedsMapping, prepare
from maillage.exchange.plan import NewTie
from maillage.networks.models import Membership
from maillage.ties.models import ObservationSource, Tie, TieObservation
from tests.exchange.files import csv_bytes, xlsx_bytes


def statuses(plan):
    return [(row.line, row.status) for row in plan.rows]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_a_cp1252_partner_list_is_checked_row_by_row(network_a, orgs):
    raw = csv_bytes(
        [
            ["Nom ", "Secteur", "Site web"],
            ["Défi, Québec", "Organisme communautaire", "defi.example.org"],
            ["", "", ""],
            ["CLSC du Parc Inc.", "CLSC", ""],
            ["Pharmacie du Coin", "Hôpital", ""],
            ["Nouvelle table", "Secteur inventé", ""],
            ["Défi, Québec", "Organisme communautaire", "defi.example.org"],
        ]
    )
    plan = prepare("organizations", raw, network_a)
    assert statuses(plan) == [
        (2, "created"),
        (4, "unchanged"),
        (5, "updated"),
        (6, "error"),
        (7, "unchanged"),
    ]
    assert "Unknown sector “Secteur inventé”" in plan.rows[3].message
    assert "Same as line 2" in plan.rows[4].message
    assert plan.new_organizations[0].website == "https://defi.example.org"
    assert plan.has_errors


def test_updates_say_what_changed_and_new_organizations_join_the_network(network_a, orgs, sectors):
    raw = csv_bytes(
        [["Name", "Sector"], ["Pharmacie du Coin", "Hospital"], ["Brand new", "CLSC"]], delimiter=","
    )
    plan = prepare("organizations", raw, network_a)
    assert statuses(plan) == [(2, "updated"), (3, "created")]
    assert plan.rows[0].message == "Changed: sector."
    do_apply_plan(plan)
    assert Organization.objects.get(name_fr="Pharmacie du Coin").sector == sectors["hospital"]
    new = Organization.objects.get(name_fr="Brand new")
    assert new.search_text == "brand new"
    assert Membership.objects.filter(network=network_a, organization=new).exists()
    assert Membership.objects.filter(network=network_a, organization=orgs[4]).exists()


def test_a_coordinator_cannot_change_an_organization_of_another_network(network_a, network_b, coordinator):
    raw = csv_bytes([["Nom", "Secteur"], ["Organisme d'ailleurs", "CLSC"]])
    plan = prepare("organizations", raw, network_a, coordinator)
    assert plan.rows[0].status == "updated"
    assert "kept as is" in plan.rows[0].message and "Joins the network" in plan.rows[0].message
    assert not plan.changed_organizations


def test_a_very_long_name_is_an_error_row(network_a, orgs):
    raw = csv_bytes([["Nom", "Secteur"], ["x" * 300, "CLSC"]])
    plan = prepare("organizations", raw, network_a)
    assert plan.rows[0].status == "error"
    assert "longer than 200" in plan.rows[0].message


def test_unknown_headers_ask_for_a_mapping_then_are_remembered(network_a, orgs):
    raw = csv_bytes([["Libellé", "Secteur"], ["Maison X", "CLSC"]])
    with pytest.raises(NeedsMapping) as asked:
        prepare("organizations", raw, network_a)
    assert asked.value.unknown == ["Libellé"]
    remember("organizations", network_a.pk, {"libelle": "name"})
    assert statuses(prepare("organizations", raw, network_a)) == [(2, "created")]


def test_memberships_with_french_roles_and_dates(network_a, orgs):
    raw = csv_bytes(
        [["Organisme", "Rôle", "Début", "Fin"], ["Pharmacie du Coin", "Observateur", "05/03/2024", ""],
         ["CLSC du Parc", "membre", "2020-01-01", "31/12/2019"], ["Inconnu", "", "", ""]]
    )  # fmt: skip
    plan = prepare("memberships", raw, network_a)
    assert statuses(plan) == [(2, "created"), (3, "error"), (4, "error")]
    assert "end date comes before" in plan.rows[1].message
    assert "Unknown organization" in plan.rows[2].message


def test_ties_create_observe_and_report_unchanged(network_a, orgs, tie_a):
    raw = csv_bytes(
        [
            ["Organisme 1", "Organisme 2", "Niveau", "Formalité", "Date d'observation", "Type d'entente"],
            [orgs[0].name_fr, orgs[1].name_fr, "coopération", "informel", "01/05/2023", ""],
            [orgs[0].name_fr, orgs[1].name_fr, "coordination", "formel", "2024-05-01", "Contrat"],
            [orgs[2].name_fr, orgs[3].name_fr, "2", "", "2024-05-01", ""],
            [orgs[2].name_fr, orgs[2].name_fr, "2", "", "2024-05-01", ""],
        ],
        encoding="utf-8",
        bom=True,
    )
    plan = prepare("ties", raw, network_a)
    assert statuses(plan)[:3] == [(2, "unchanged"), (3, "updated"), (4, "created")]
    assert plan.rows[3].status == "error"
    plan.rows.pop()
    do_apply_plan(plan)
    tie_a.refresh_from_db()
    assert (tie_a.current_level, tie_a.current_formality) == (3, "formal")
    assert tie_a.observations.count() == 2
    assert tie_a.observations.last().agreement_kind == "contract"
    new = Tie.objects.get(organization_a=orgs[2], organization_b=orgs[3], network=network_a)
    assert new.current_level == 2 and new.current_observed_on == datetime.date(2024, 5, 1)
    assert new.observations.get().source == ObservationSource.IMPORT


def test_a_formal_agreement_s_end_is_read_in_french_and_refused_on_an_informal_tie(network_a, orgs):
    raw = csv_bytes(
        [
            [
                "Organisme 1",
                "Organisme 2",
                "Niveau",
                "Formalité",
                "Date",
                "Type d'entente",
                "Fin de l'entente",
            ],
            [orgs[0].name_fr, orgs[1].name_fr, "3", "formel", "2024-05-01", "contrat", "31/03/2027"],
            [orgs[1].name_fr, orgs[2].name_fr, "2", "informel", "2024-05-01", "", "2027-03-31"],
            [orgs[2].name_fr, orgs[3].name_fr, "2", "formel", "2024-05-01", "", "bientôt"],
        ]
    )
    plan = prepare("ties", raw, network_a)
    assert [row.status for row in plan.rows] == ["created", "error", "error"]
    assert "formal tie" in plan.rows[1].message or "formel" in plan.rows[1].message
    plan.rows[1:] = []
    do_apply_plan(plan)
    tie = Tie.objects.get(organization_a=orgs[0], organization_b=orgs[1], network=network_a)
    assert tie.observations.get().agreement_ends_on == datetime.date(2027, 3, 31)


def test_an_older_observation_keeps_the_current_state(network_a, orgs, tie_a):
    raw = csv_bytes(
        [["source", "target", "level", "date"], [orgs[0].name_fr, orgs[1].name_fr, "5", "2020-01-01"]]
    )
    do_apply_plan(prepare("ties", raw, network_a))
    tie_a.refresh_from_db()
    assert tie_a.current_level == 2
    assert tie_a.observations.count() == 2


def test_a_bad_row_at_line_9000_leaves_the_database_unchanged(network_a, orgs, sectors):
    rows = (
        [["Nom", "Secteur"]]
        + [[f"Organisme {i}", "CLSC"] for i in range(2, 9000)]
        + [["Dernier", "Nulle part"]]
    )
    plan = prepare("organizations", csv_bytes(rows), network_a)
    assert plan.rows[-1].line == 9000 and plan.rows[-1].status == "error"
    before = (Organization.objects.count(), Membership.objects.count())
    with pytest.raises(ImportRefused):
        do_apply_plan(plan)
    assert (Organization.objects.count(), Membership.objects.count()) == before


def test_a_failure_while_writing_rolls_everything_back(network_a, orgs, monkeypatch):
    rows = [["source", "target", "level", "date"]] + [[orgs[0].name_fr, orgs[2].name_fr, "1", "2024-01-01"]]
    organizations = csv_bytes([["Nom", "Secteur"], ["Tout neuf", "CLSC"]])
    plan = prepare("organizations", organizations, network_a)
    plan.observations.extend(prepare("ties", csv_bytes(rows), network_a).observations)
    plan.new_ties.update({(1, 2): NewTie(orgs[0], orgs[0])})
    plan.observations.append((plan.new_ties[(1, 2)], plan.observations[0][1]))
    count = Organization.objects.count()
    with pytest.raises(Exception):  # noqa: B017 - the database refuses the self-tie, whatever its class
        do_apply_plan(plan)
    assert Organization.objects.count() == count
    assert not TieObservation.objects.filter(observed_on=datetime.date(2024, 1, 1)).exists()


def test_xlsx_ties_with_merged_title_and_real_dates(network_a, orgs):
    raw = xlsx_bytes(
        [
            ["Liens 2024", None, None, None],
            ["De", "Vers", "Niveau", "Date"],
            [orgs[0].name_fr, orgs[3].name_fr, "Collaboration", datetime.datetime(2024, 6, 1)],
            [None, None, None, None],
            [f"#{orgs[1].pk}", orgs[3].name_fr.upper(), 1, "2024-06-01"],
        ],
        merge=["A1:D1"],
    )
    plan = prepare("ties", raw, network_a)
    assert statuses(plan) == [(3, "created"), (5, "created")]
