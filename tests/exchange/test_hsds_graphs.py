"""HSDS in and out (round trip), GraphML and GEXF networks, and the CLI."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from maillage.directory.models import Organization, Territory, TerritoryKind
from maillage.exchange.actions import do_apply_plan
from maillage.exchange.hsds import export_hsds
from maillage.exchange.imports import prepare
from maillage.exchange.models import ExternalId, Location
from maillage.exchange.reading import ReadError
from maillage.networks.models import Membership
from maillage.ties.models import Tie


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


HSDS = [
    {
        "id": "4e3a6b2c-0000-4000-8000-000000000001",
        "name": "Centre communautaire Défi",
        "alternate_name": "Defi Community Centre",
        "description": "Aide alimentaire",
        "website": "https://defi.example.org",
        "locations": [
            {"id": "loc-1", "name": "Siège", "latitude": 46.8, "longitude": -71.2,
             "addresses": [{"address_1": "12 rue Principale", "city": "Ville Test", "state_province": "QC",
                            "postal_code": "G1A 1A1", "country": "CA"}]}
        ],
    },
    {"id": "4e3a6b2c-0000-4000-8000-000000000002", "name": "CLSC du Parc", "locations": []},
]  # fmt: skip


@pytest.fixture
def town(rls):
    return Territory.objects.create(
        kind=TerritoryKind.COMMUNITY, code="T-VT", name_fr="Ville Test", parent=rls
    )


def test_hsds_json_creates_organizations_with_locations_matched_to_territories(network_a, orgs, town):
    plan = prepare("hsds", json.dumps(HSDS).encode(), network_a)
    assert [(r.line, r.status) for r in plan.rows] == [(1, "created"), (2, "unchanged")]
    do_apply_plan(plan)
    defi = Organization.objects.get(name_fr="Centre communautaire Défi")
    assert defi.name_en == "Defi Community Centre"
    location = Location.objects.get(organization=defi)
    assert (location.city, location.territory, location.latitude) == ("Ville Test", town, 46.8)
    assert ExternalId.objects.get(organization=defi).value == HSDS[0]["id"]
    # A second import of the same file changes nothing.
    again = prepare("hsds", json.dumps(HSDS).encode(), network_a)
    assert {r.status for r in again.rows} == {"unchanged"}


def test_hsds_tabular_package_zipped(network_a, orgs):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hsds/datapackage.json", json.dumps({"name": "test", "resources": []}))
        archive.writestr(
            "hsds/organizations.csv", "id,name,description\r\no1,Maison Éole,\r\no2,Table Nord,x\r\n"
        )
        archive.writestr("hsds/locations.csv", "id,organization_id,name\r\nl1,o1,Point de service\r\n")
        archive.writestr("hsds/addresses.csv", "id,location_id,address_1,city\r\na1,l1,1 rue A,Québec\r\n")
    plan = prepare("hsds", buffer.getvalue(), network_a)
    assert [r.status for r in plan.rows] == ["created", "created"]
    do_apply_plan(plan)
    assert Location.objects.get(organization__name_fr="Maison Éole").address_1 == "1 rue A"


def test_hsds_round_trip_gives_the_same_directory(network_a, orgs, town):
    do_apply_plan(prepare("hsds", json.dumps(HSDS).encode(), network_a))
    exported = export_hsds(Organization.objects.order_by("pk"))
    assert exported[-1]["locations"][0]["addresses"][0]["city"] == "Ville Test"
    before = sorted(Organization.objects.values_list("name_fr", "name_en", "description", "website"))
    plan = prepare("hsds", json.dumps(exported).encode(), network_a)
    changes = [(r.label, r.message) for r in plan.rows if r.status != "unchanged"]
    assert changes == [("Pharmacie du Coin", "Joins the network.")]  # the only one not yet in network A
    # Into an empty directory: the same organizations and locations come back.
    Location.objects.all().delete()
    ExternalId.objects.all().delete()
    Tie.objects.all().delete()
    Organization.objects.update(parent=None)
    network_a.lead_organization = None
    network_a.save()
    Organization.objects.all().delete()
    do_apply_plan(prepare("hsds", json.dumps(exported).encode(), network_a))
    after = sorted(Organization.objects.values_list("name_fr", "name_en", "description", "website"))
    assert after == before
    assert Location.objects.get().city == "Ville Test"


def test_hsds_bad_json_is_a_clear_error(network_a):
    with pytest.raises(ReadError):
        prepare("hsds", b"{not json", network_a)
    with pytest.raises(ReadError):
        prepare("hsds", b'"a string"', network_a)


GRAPHML = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="d0" for="node" attr.name="Nom" attr.type="string"/>
  <key id="d1" for="node" attr.name="Secteur" attr.type="string"/>
  <key id="d2" for="edge" attr.name="Niveau" attr.type="double"/>
  <graph edgedefault="undirected">
    <node id="n0"><data key="d0">CLSC du Parc</data><data key="d1">CLSC</data></node>
    <node id="n1"><data key="d0">Nouvel organisme &lt;script&gt;</data>
      <data key="d1">Organisme communautaire</data></node>
    <node id="n2"><data key="d0">Autre</data><data key="d1">Secteur inconnu</data></node>
    <edge source="n0" target="n1"><data key="d2">3.0</data></edge>
    <edge source="n0" target="n2"><data key="d2">2</data></edge>
  </graph>
</graphml>"""

GEXF = """<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" version="1.3">
  <graph defaultedgetype="undirected">
    <attributes class="node"><attribute id="0" title="sector" type="string"/></attributes>
    <attributes class="edge"><attribute id="0" title="formal" type="string"/></attributes>
    <nodes>
      <node id="a" label="Pharmacie du Coin"><attvalues><attvalue for="0" value="Pharmacy"/></attvalues></node>
      <node id="b" label="Cuisine collective"><attvalues><attvalue for="0" value="community_organization"/></attvalues></node>
    </nodes>
    <edges><edge id="0" source="a" target="b" weight="4.0"><attvalues><attvalue for="0" value="formel"/></attvalues></edge></edges>
  </graph>
</gexf>"""  # noqa: E501


def test_graphml_with_attribute_mapping(network_a, orgs):
    chosen = {
        "node:name": "Nom",
        "node:sector": "Secteur",
        "edge:level": "Niveau",
        "default_date": "2024-06-01",
    }
    plan = prepare("graphml", GRAPHML.encode(), network_a, options=_options(chosen))
    assert [r.status for r in plan.rows] == ["unchanged", "created", "error", "created", "error"]
    assert "Unknown sector" in plan.rows[2].message
    assert "not imported" in plan.rows[4].message
    plan.rows = [r for r in plan.rows if r.status != "error"]
    plan.new_organizations = [o for o in plan.new_organizations if o.name_fr != "Autre"]
    do_apply_plan(plan)
    new = Organization.objects.get(name_fr="Nouvel organisme <script>")
    tie = Tie.objects.get(network=network_a, organization_b=new)
    assert tie.current_level == 3
    assert Membership.objects.filter(network=network_a, organization=new).exists()


def test_gexf_guesses_the_usual_attributes(network_a, orgs):
    plan = prepare("gexf", GEXF.encode(), network_a, options=_options({"default_date": "2024-01-01"}))
    assert [r.status for r in plan.rows] == ["updated", "created", "created"]  # the pharmacy joins network A
    do_apply_plan(plan)
    tie = Tie.objects.get(network=network_a, organization_a=orgs[4])
    assert (tie.current_level, tie.current_formality) == (4, "formal")


def test_xml_bombs_and_dtds_are_refused(network_a):
    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><graphml><node id="&a;"/></graphml>'
    with pytest.raises(ReadError):
        prepare("graphml", bomb, network_a)


def _options(chosen):
    from maillage.exchange.imports import Options

    return Options(chosen=chosen)


def test_cli_dry_run_then_apply(tmp_path, network_a, orgs, capsys):
    path = tmp_path / "ties.csv"
    text = (
        f"Organisme 1;Organisme 2;Niveau;Date\r\n{orgs[0].name_fr};{orgs[3].name_fr};coalition;01/02/2024\r\n"
    )
    path.write_bytes(text.encode("cp1252"))
    call_command("import", str(path), kind="ties", network=str(network_a.pk))
    assert not Tie.objects.filter(organization_b=orgs[3]).exists()
    assert "1 created" in capsys.readouterr().out
    bar = io.StringIO()
    call_command("import", str(path), kind="ties", network="Réseau A", apply=True, stderr=bar)
    assert Tie.objects.get(organization_b=orgs[3]).current_level == 4
    assert bar.getvalue().rstrip().endswith("] 2/2")  # the tie and its observation


def test_cli_refuses_a_file_with_errors(tmp_path, network_a, orgs):
    path = tmp_path / "orgs.csv"
    path.write_text("Nom,Secteur\nX,Nulle part\n", encoding="utf-8")
    with pytest.raises(CommandError, match="1 rows have errors"):
        call_command("import", str(path), kind="organizations", apply=True)
    assert not Organization.objects.filter(name_fr="X").exists()


def test_cli_unknown_columns_are_ignored_with_a_note_or_refused_when_strict(tmp_path, network_a, capsys):
    path = tmp_path / "orgs.csv"
    path.write_text("Nom,Couleur\nX,bleu\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Couleur"):
        call_command("import", str(path), kind="organizations", strict_headers=True)
    call_command("import", str(path), kind="organizations", apply=True)
    assert "note: Columns not used (ignored): Couleur." in capsys.readouterr().out
    assert Organization.objects.filter(name_fr="X").exists()


def test_cli_export_hsds(tmp_path, orgs):
    out = tmp_path / "hsds.json"
    call_command("export-hsds", out=str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {item["name"] for item in data} >= {o.name_fr for o in orgs}


def test_cli_reads_an_unzipped_hsds_data_package(tmp_path, network_a, orgs):
    (tmp_path / "datapackage.json").write_text('{"name": "annuaire"}', encoding="utf-8")
    (tmp_path / "organizations.csv").write_text("id,name\r\no1,Maison du Nord\r\n", encoding="utf-8")
    (tmp_path / "locations.csv").write_text("id,organization_id,name\r\nl1,o1,Point\r\n", encoding="utf-8")
    call_command("import", str(tmp_path / "datapackage.json"), kind="hsds", apply=True)
    assert Location.objects.get(organization__name_fr="Maison du Nord").name == "Point"
