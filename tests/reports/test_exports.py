"""Exports: GraphML and GEXF round-trip through NetworkX and igraph; CSV and XLSX describe their columns."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import igraph as ig
import networkx as nx
from openpyxl import load_workbook

from maillage.analysis import report_from_dataset
from maillage.networks.models import Network
from maillage.observatory.dataset import dataset_for, observation_dates
from maillage.reports.exports import export
from maillage.reports.exports.disclosure import server_disclosure
from maillage.reports.exports.graphs import network_graph, to_gexf, to_graphml

TABLES = ["organizations", "networks", "memberships", "ties", "measures", "survey_summary", "survey_results"]


def _core(network: Network):  # type: ignore[no-untyped-def]
    dataset = dataset_for(Network.objects.filter(pk=network.pk), "fr")
    return report_from_dataset(dataset, as_of=observation_dates(dataset)[-1], scenarios=[], curve=False)


def test_graphml_round_trips_through_networkx_and_igraph(surveyed, tmp_path):
    core = _core(surveyed)
    content = to_graphml(network_graph(surveyed))
    path = tmp_path / "n.graphml"
    path.write_bytes(content)
    graph = nx.read_graphml(path)
    assert graph.number_of_nodes() == core.network.organizations
    assert graph.number_of_edges() == core.network.ties
    degrees = {data["org_id"]: data["degree"] for _node, data in graph.nodes(data=True)}
    expected = dict(zip(core.organizations["id"].astype(str), core.organizations["degree"], strict=True))
    assert degrees == {k: float(v) for k, v in expected.items()}
    levels = {data["level_name"] for _a, _b, data in graph.edges(data=True)}
    assert levels <= {"networking", "cooperation", "coordination", "coalition", "collaboration"}
    loaded = ig.Graph.Read_GraphML(str(path))
    assert (loaded.vcount(), loaded.ecount()) == (core.network.organizations, core.network.ties)
    assert abs(loaded.density() - core.network.density) < 1e-12
    assert set(loaded.vs.attributes()) >= {"label", "sector", "betweenness", "trust", "org_id"}


def test_gexf_round_trips_through_networkx_with_every_attribute(surveyed, tmp_path):
    core = _core(surveyed)
    path = tmp_path / "n.gexf"
    path.write_bytes(to_gexf(network_graph(surveyed)))
    graph = nx.read_gexf(path, version="1.3")
    assert graph.number_of_nodes() == core.network.organizations
    assert graph.number_of_edges() == core.network.ties
    node, data = next(iter(graph.nodes(data=True)))
    assert {"label", "sector", "sector_family", "degree", "betweenness", "viz"} <= set(data)
    row = core.organizations.set_index(core.organizations["id"].astype(str)).loc[node]
    assert data["degree"] == row["degree"]
    assert abs(data["betweenness"] - row["betweenness"]) < 1e-9
    _a, _b, edge = next(iter(graph.edges(data=True)))
    assert edge["formality"] in ("formal", "informal") and 1 <= edge["level"] <= 5


def test_hostile_names_survive_both_graph_formats(network_a, tie_a, orgs, tmp_path):
    orgs[0].name_fr = '<script>alert("x")</script> & Cie «ö»'
    orgs[0].save()
    graph = network_graph(network_a)
    for name, content in (("g.graphml", to_graphml(graph)), ("g.gexf", to_gexf(graph))):
        (tmp_path / name).write_bytes(content)
    labels = {d["label"] for _n, d in nx.read_gexf(tmp_path / "g.gexf", version="1.3").nodes(data=True)}
    assert orgs[0].name_fr in labels
    labels = {d["label"] for _n, d in nx.read_graphml(tmp_path / "g.graphml").nodes(data=True)}
    assert orgs[0].name_fr in labels


def test_csv_zip_has_a_readme_and_one_table_each_with_formulas_defused(network_a, tie_a, orgs):
    orgs[1].name_fr = "=HYPERLINK(1)"
    orgs[1].save()
    networks = Network.objects.filter(pk=network_a.pk)
    result = export(networks, "csv", title=network_a.name, disclosure=server_disclosure(networks))
    archive = zipfile.ZipFile(io.BytesIO(result.content))
    names = set(archive.namelist())
    assert {"README.csv", *(f"{t}.csv" for t in TABLES)} <= names
    text = archive.read("organizations.csv").decode("utf-8")
    assert text.startswith("\ufeff")  # French by default: French Excel's dialect
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert len(rows) == 4 and any(r["name_fr"].startswith("'=HYPERLINK") for r in rows)
    ties_text = archive.read("ties.csv").decode("utf-8").lstrip("\ufeff")
    ties = list(csv.DictReader(io.StringIO(ties_text), delimiter=";"))
    assert len(ties) == 1 and ties[0]["level_name"]
    readme = archive.read("README.csv").decode("utf-8")
    assert "level_name" in readme and "organization_a" in readme


def test_xlsx_has_a_readme_sheet_and_one_sheet_per_table(surveyed):
    networks = Network.objects.filter(pk=surveyed.pk)
    result = export(networks, "xlsx", title=surveyed.name, disclosure=server_disclosure(networks))
    workbook = load_workbook(io.BytesIO(result.content), read_only=True)
    assert workbook.sheetnames[0] == "README"
    assert set(TABLES) <= set(workbook.sheetnames)
    described = {(row[0], row[1]) for row in workbook["README"].iter_rows(values_only=True)}
    header = next(workbook["ties"].iter_rows(values_only=True))
    assert all(("ties", column) in described for column in header)
    answers = list(workbook["survey_results"].iter_rows(values_only=True))
    assert len(answers) > 1


def test_json_export_holds_tables_and_the_graph(surveyed):
    networks = Network.objects.filter(pk=surveyed.pk)
    document = json.loads(export(networks, "json", title="x", disclosure=server_disclosure(networks)).content)
    assert set(TABLES) <= set(document["tables"])
    assert len(document["graph"]["edges"]) == _core(surveyed).network.ties
    assert "columns" in document["readme"]["ties"]


def test_csv_dialects_for_french_excel_and_for_everything_else(network_a, tie_a, orgs):
    from maillage.reports.exports.tables import Table, csv_zip

    table = Table("t", "test", [("name", ""), ("share", "")], [["Défi; Québec", 0.25], ["B", 3]])
    french = zipfile.ZipFile(io.BytesIO(csv_zip([table], "excel-fr"))).read("t.csv").decode("utf-8")
    assert french == '\ufeffname;share\r\n"Défi; Québec";0,25\r\nB;3\r\n'
    standard = zipfile.ZipFile(io.BytesIO(csv_zip([table], "rfc4180"))).read("t.csv").decode("utf-8")
    assert standard == "name,share\r\nDéfi; Québec,0.25\r\nB,3\r\n"
    english = export(Network.objects.filter(pk=network_a.pk), "csv", title="x", language="en")
    assert not zipfile.ZipFile(io.BytesIO(english.content)).read("ties.csv").startswith(b"\xef\xbb\xbf")


def test_cli_and_web_offer_both_csv_dialects(network_a, tie_a, orgs, coordinator, tmp_path):
    from django.core.management import call_command
    from django.urls import reverse
    from django.utils import translation

    from tests.conftest import client_for

    out = tmp_path / "export.zip"
    call_command("export", format="csv", network=str(network_a.pk), out=str(out), dialect="rfc4180")
    assert zipfile.ZipFile(out).read("ties.csv").decode("utf-8").startswith("tie,network,organization_a,")
    client = client_for(coordinator)
    with translation.override("fr"):
        show = reverse("reports:show", args=["network", str(network_a.pk)])
        csv_url = reverse("reports:export", args=["network", str(network_a.pk), "csv"])
    page = client.get(show).content.decode()
    assert f"{csv_url}?dialect=excel-fr" in page and f"{csv_url}?dialect=rfc4180" in page
    response = client.get(f"{csv_url}?dialect=rfc4180")
    ties = zipfile.ZipFile(io.BytesIO(response.content)).read("ties.csv")
    assert ties.startswith(b"tie,network,organization_a,")


def test_graph_files_carry_territory_codes_and_names_not_ids(network_a, tie_a, orgs, rls, tmp_path):
    graph = network_graph(network_a)
    (tmp_path / "g.gexf").write_bytes(to_gexf(graph))
    (tmp_path / "g.graphml").write_bytes(to_graphml(graph))
    for read in (lambda: nx.read_gexf(tmp_path / "g.gexf", version="1.3"),
                 lambda: nx.read_graphml(tmp_path / "g.graphml")):  # fmt: skip
        nodes = [data for _n, data in read().nodes(data=True)]
        assert {(d["territory"], d["territory_name"]) for d in nodes} == {(rls.code, rls.name_fr)}
