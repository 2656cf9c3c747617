"""Exports × roles: members and regional viewers get from every export what the results page gives them.

The attack replayed: a member downloads the network's CSV, XLSX or JSON export and reads one
organization's answers (free text included) in `survey_results`; or a GraphML/GEXF file or the API
report and reads the trust score of an organization rated by one partner only (that partner's answer).
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
import zipfile

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from maillage.surveys.actions import do_close_wave
from maillage.surveys.models import Question, QuestionKind, QuestionScope, Response
from tests.api.conftest import ApiClient
from tests.conftest import client_for
from tests.surveys.conftest import answer_fully, draft_wave, open_wave  # noqa: F401

MARKER = "secret-words-of-the-parc"
FORMATS = ["csv", "xlsx", "json", "graphml", "gexf"]
DETAILED = {"coordinator": True, "admin": True, "member": False, "viewer": False}
# orgs[3] is rated by three partners (1, 2, 3 on trust), orgs[0] by orgs[3] alone (trust 4).
TRUST_OF_ORG3 = (1 + 2 + 3) / 3


@pytest.fixture
def rated(open_wave, orgs):  # noqa: F811
    """A closed wave: orgs 0-2 rate orgs[3]; orgs[3] alone rates orgs[0]; orgs[1] writes free text."""
    Question.objects.create(
        wave=open_wave, code="own_words", scope=QuestionScope.RESPONDENT, kind=QuestionKind.TEXT
    )
    for i, trust in enumerate((1, 2, 3)):
        scores = dict.fromkeys(("reliability", "mission_alignment", "openness"), trust)
        answer_fully(open_wave, orgs[i], {orgs[3]: {"level": 3, **scores}})
    answer_fully(open_wave, orgs[3], {orgs[0]: {"level": 3, **dict.fromkeys(("reliability",), 4),
                                                "mission_alignment": 4, "openness": 4}})  # fmt: skip
    response = Response.objects.get(invitation__wave=open_wave, invitation__organization=orgs[1])
    response.answers["own_words"] = MARKER
    response.save()
    do_close_wave(open_wave)
    return open_wave


def _download(user, network, fmt) -> bytes:
    url = reverse("reports:export", args=["network", network.pk, fmt])
    response = client_for(user).get(url)
    assert response.status_code == 200
    return response.content


def _tables(content: bytes, fmt: str) -> dict[str, list[dict]]:
    if fmt == "csv":
        archive = zipfile.ZipFile(io.BytesIO(content))
        texts = {name[:-4]: archive.read(name).decode().lstrip("\ufeff") for name in archive.namelist()}
        # French exports are written for French Excel (";"), English ones as RFC 4180 (",").
        return {
            name: list(
                csv.DictReader(io.StringIO(text), delimiter=";" if ";" in text.split("\n")[0] else ",")
            )
            for name, text in texts.items()
        }
    if fmt == "xlsx":
        workbook = load_workbook(io.BytesIO(content), read_only=True)
        tables = {}
        for sheet in workbook.worksheets:
            rows = list(sheet.iter_rows(values_only=True))
            tables[sheet.title] = [dict(zip(rows[0], row, strict=False)) for row in rows[1:]] if rows else []
        return tables
    return json.loads(content)["tables"]


def _node_trust(content: bytes, fmt: str, org_id: int) -> str | None:
    """The trust attribute of one node of a graph file, as written (None: absent or NaN)."""
    root = ET.fromstring(content)
    if fmt == "gexf":
        ns = {"g": "http://gexf.net/1.3"}
        node = root.find(f".//g:node[@id='{org_id}']", ns)
        assert node is not None
        found = node.find("g:attvalues/g:attvalue[@for='trust']", ns)
        return None if found is None else found.get("value")
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    keys = {k.get("attr.name"): k.get("id") for k in root.findall("g:key", ns)}
    for node in root.findall(".//g:node", ns):
        if node.findtext(f"g:data[@key='{keys['org_id']}']", namespaces=ns) == str(org_id):
            value = node.findtext(f"g:data[@key='{keys['trust']}']", namespaces=ns)
            return None if value in (None, "nan", "NaN") else value
    raise AssertionError("node not found")


@pytest.mark.parametrize("role", list(DETAILED))
@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_tables_give_per_organization_answers_only_to_coordinators(rated, people, network_a, role, fmt):
    content = _download(people[role], network_a, fmt)
    tables = _tables(content, fmt)
    assert tables["survey_summary"], "everyone gets the aggregates"
    assert MARKER not in json.dumps(tables["survey_summary"], default=str)
    if DETAILED[role]:
        answers = tables["survey_results"]
        assert any(row["answer"] == MARKER for row in answers)
        assert {str(row["organization"]) for row in answers} >= {str(rated.network.lead_organization_id)}
    else:
        assert "survey_results" not in tables
        if fmt == "csv":
            assert MARKER.encode() not in b"".join(
                zipfile.ZipFile(io.BytesIO(content)).read(n)
                for n in zipfile.ZipFile(io.BytesIO(content)).namelist()
            )
        elif fmt == "json":
            assert MARKER.encode() not in content


@pytest.mark.parametrize("role", list(DETAILED))
@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_graph_files_never_give_a_single_raters_score(rated, people, network_a, orgs, role, fmt):
    content = _download(people[role], network_a, fmt)
    if fmt == "json":
        nodes = {node["id"]: node for node in json.loads(content)["graph"]["nodes"]}
        single, three = nodes[str(orgs[0].pk)]["trust"], nodes[str(orgs[3].pk)]["trust"]
    else:
        single, three = _node_trust(content, fmt, orgs[0].pk), _node_trust(content, fmt, orgs[3].pk)
    assert single is None, "one rater: the score is that rater's answer"
    if DETAILED[role]:
        assert float(three) == pytest.approx(TRUST_OF_ORG3)
    else:
        assert three is None


@pytest.mark.parametrize("role", list(DETAILED))
def test_api_report_gives_organization_ratings_by_the_same_rule(rated, people, network_a, orgs, role):
    status, body = ApiClient(people[role]).get(f"/analysis/networks/{network_a.pk}/report")
    assert status == 200
    rows = {row["id"]: row for row in body["organizations"]}
    assert all(rows[orgs[0].pk][c] is None for c in ("trust", "value", "reliability", "ratings_received"))
    if DETAILED[role]:
        assert rows[orgs[3].pk]["trust"] == pytest.approx(TRUST_OF_ORG3)
        assert rows[orgs[3].pk]["ratings_received"] == 3
    else:
        assert all(row.get("trust") is None and row.get("value") is None for row in rows.values())


def test_outsider_gets_no_export(rated, outsider, network_a):
    for fmt in FORMATS:
        url = reverse("reports:export", args=["network", network_a.pk, fmt])
        assert client_for(outsider).get(url).status_code == 403


def test_a_territory_export_gives_a_coordinator_no_other_networks_answers(rated, coordinator, viewer, region):
    # The viewer's region export covers network A: aggregates only.
    url = reverse("reports:export", args=["territory", region.pk, "json"])
    document = json.loads(client_for(viewer).get(url).content)
    assert "survey_results" not in document["tables"]
    assert MARKER not in json.dumps(document)
