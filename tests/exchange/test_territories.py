"""`maillage import FILE --kind territories`: an official list (one row per municipality) becomes the
territory tree, and partner lists then find their municipality's territory. The rows below follow the
lists' layout; their codes and names are for the test, not a copy of the official list."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from maillage.directory.models import Territory, TerritoryKind
from maillage.exchange.imports import prepare
from tests.exchange.files import csv_bytes

CISSS, VALLEE = "CISSS de l'Abitibi-Témiscamingue", "RLS de la Vallée-de-l'Or"
LIST = [
    ["Liste des municipalités par RLS", "", "", "", "", "", "", ""],
    ["RSS", "Nom RSS", "RTS", "Nom RTS", "RLS", "Nom RLS", "Code géographique", "Municipalité"],
    ["8", "Abitibi-Témiscamingue", "0811", CISSS, "0811", "RLS de Rouyn-Noranda", "86042", "Rouyn-Noranda"],
    ["08", "Abitibi-Témiscamingue", "0811", CISSS, "0814", VALLEE, "89008", "Val-d'Or"],
    ["08", "Abitibi-Témiscamingue", "0811", CISSS, "0814", VALLEE, "89015", "Malartic"],
]  # fmt: skip


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_the_list_builds_the_tree_then_partner_lists_find_municipalities(tmp_path, network_a, capsys):
    path = tmp_path / "territoires.csv"
    path.write_bytes(csv_bytes(LIST))
    call_command("import", str(path), kind="territories")
    assert "7 territories in the file." in capsys.readouterr().out and not Territory.objects.filter(
        code="MUN89008"
    )
    call_command("import", str(path), kind="territories", apply=True)
    val_dor = Territory.objects.get(code="MUN89008")
    assert (val_dor.kind, val_dor.name_fr) == (TerritoryKind.COMMUNITY, "Val-d'Or")
    assert [t.code for t in val_dor.ancestors()] == ["QC", "RSS08", "RTS0811", "RLS0814"]
    assert Territory.objects.get(code="RSS08").name_fr == "Abitibi-Témiscamingue"  # kept, not duplicated
    call_command("import", str(path), kind="territories", apply=True)
    assert "0 created, 0 updated, 7 unchanged" in capsys.readouterr().out
    partners = csv_bytes([["Nom", "Secteur", "Municipalité"], ["Maison du Nord", "CLSC", "Val-d'Or"],
                          ["Café Centre", "CLSC", "rouyn noranda"]])  # fmt: skip
    plan = prepare("organizations", partners, network_a)
    assert [o.territory.code for o in plan.new_organizations] == ["MUN89008", "MUN86042"]


def test_contradictions_are_refused_and_nothing_is_written(tmp_path, db):
    bad = [*LIST, ["08", "Abitibi-Témiscamingue", "0811", "CISSS", "0811", "RLS de Rouyn-Noranda", "89008",
                   "Val-d'Or"]]  # fmt: skip
    path = tmp_path / "territoires.csv"
    path.write_bytes(csv_bytes(bad))
    with pytest.raises(CommandError, match="1 rows have errors"):
        call_command("import", str(path), kind="territories", apply=True)
    assert not Territory.objects.filter(code__startswith="MUN").exists()
    path.write_bytes(csv_bytes([["Nom", "Municipalité"], ["x", "y"]]))
    with pytest.raises(CommandError, match="no region"):
        call_command("import", str(path), kind="territories")
