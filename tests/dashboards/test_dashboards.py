"""The dashboards show what the analysis core computes from the same data, whichever way it is reached."""

from __future__ import annotations

import datetime
import json

import pytest
from django.urls import reverse

from maillage.analysis import network_report
from maillage.dashboards.mapdata import map_payload
from maillage.networks.models import Network
from maillage.observatory.dataset import dataset_for
from maillage.observatory.scope import scope_for
from maillage.ties.actions import ObservationData, do_create_tie, do_observe
from maillage.ties.models import Formality
from tests.conftest import client_for

D = datetime.date


@pytest.fixture
def waves(network_a, orgs, tie_a):
    """Network A over two waves: a tie is formalised and rises, another appears, a third is lost."""
    second = do_create_tie(orgs[1], orgs[2], network_a, ObservationData(observed_on=D(2023, 5, 1), level=1))
    third = do_create_tie(
        orgs[2],
        orgs[3],
        network_a,
        ObservationData(observed_on=D(2023, 5, 1), level=3, formality=Formality.FORMAL),
    )
    do_observe(tie_a, ObservationData(observed_on=D(2024, 5, 1), level=4, formality=Formality.FORMAL))
    do_observe(second, ObservationData(observed_on=D(2024, 5, 1), level=0))
    do_observe(third, ObservationData(observed_on=D(2024, 5, 1), level=3, formality=Formality.FORMAL))
    do_create_tie(orgs[0], orgs[3], network_a, ObservationData(observed_on=D(2024, 5, 1), level=2))
    return network_a


def plain_tables(orgs):
    """The same network written by hand, as a researcher would in a notebook."""
    organizations = [
        {"id": o.pk, "sector": o.sector.code, "sector_family": o.sector.family} for o in orgs[:4]
    ]
    a, b, c, d = (o.pk for o in orgs[:4])
    ties = [
        {"source": a, "target": b, "level": "cooperation", "date": "2023-05-01"},
        {"source": b, "target": c, "level": "networking", "date": "2023-05-01"},
        {"source": c, "target": d, "level": "coordination", "formality": "formal", "date": "2023-05-01"},
        {"source": a, "target": b, "level": "coalition", "formality": "formal", "date": "2024-05-01"},
        {"source": b, "target": c, "level": "none", "date": "2024-05-01"},
        {"source": c, "target": d, "level": "coordination", "formality": "formal", "date": "2024-05-01"},
        {"source": a, "target": d, "level": "cooperation", "date": "2024-05-01"},
    ]
    return organizations, ties


def test_the_adapter_gives_the_analysis_the_same_tables_a_researcher_would(waves, orgs):
    organizations, ties = plain_tables(orgs)
    by_hand = network_report(organizations, ties, as_of="2024-06-01", compare_to="2023-06-01")
    from maillage.analysis import report_from_dataset

    from_db = report_from_dataset(
        dataset_for(Network.objects.filter(pk=waves.pk)), as_of="2024-06-01", compare_to="2023-06-01"
    )
    assert from_db.network.to_dict() == by_hand.network.to_dict()
    assert from_db.mix.cross_family_share == by_hand.mix.cross_family_share
    assert from_db.change.to_dict()["transitions"] == by_hand.change.to_dict()["transitions"]


def test_the_dashboard_shows_the_numbers_of_the_analysis_core_with_their_change(waves, orgs, member):
    organizations, ties = plain_tables(orgs)
    expected = network_report(organizations, ties, as_of="2024-05-01")
    before = network_report(organizations, ties, as_of="2023-05-01")
    response = client_for(member).get(reverse("dashboards:network_dashboard", kwargs={"pk": waves.pk}))
    headlines = {h.key: h for h in response.context["data"].headlines}
    assert headlines["density"].value == pytest.approx(expected.network.density)
    assert headlines["ties"].value == expected.network.ties == 3
    assert headlines["ties"].change == expected.network.ties - before.network.ties == 0
    assert headlines["formal_share"].change == pytest.approx(
        expected.network.formal_share - before.network.formal_share
    )
    page = response.content.decode()
    assert "Densité" in page  # definitions and labels in the user's language
    for key in ("sectors", "levels", "transitions", "sector_mix", "resilience"):
        assert f'id="chart-spec-{key}"' in page


def test_chart_tables_match_their_specs(waves, member):
    response = client_for(member).get(reverse("dashboards:network_dashboard", kwargs={"pk": waves.pk}))
    for chart in response.context["data"].charts:
        assert chart.spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
        assert len(chart.spec["data"]["values"]) >= len(chart.rows)
    levels = next(c for c in response.context["data"].charts if c.key == "levels")
    per_wave = {}
    for wave, _level, ties in levels.rows:
        per_wave[wave] = per_wave.get(wave, 0) + ties
    assert per_wave == {"1\u00a0mai\u00a02023": 3, "1\u00a0mai\u00a02024": 3}


def test_the_map_document_holds_every_node_tie_and_its_history(waves, orgs, admin):
    payload = map_payload(scope_for(admin, "network", waves.pk), language="fr")
    assert sorted(payload["nodes"]["id"]) == sorted(o.pk for o in orgs[:4])
    assert payload["dates"] == ["2023-05-01", "2024-05-01"]
    assert len(payload["edges"]["u"]) == 4
    ids = payload["nodes"]["id"]
    histories = {
        frozenset((ids[u], ids[v])): h
        for u, v, h in zip(
            payload["edges"]["u"], payload["edges"]["v"], payload["edges"]["history"], strict=True
        )
    }
    # (date index, level, formal) steps, oldest first: the lost tie ends at level 0.
    assert histories[frozenset((orgs[1].pk, orgs[2].pk))] == [0, 1, 0, 1, 0, 0]
    assert histories[frozenset((orgs[0].pk, orgs[1].pk))] == [0, 2, 0, 1, 4, 1]
    assert len(payload["nodes"]["x"]) == 4 and all(-1 <= x <= 1 for x in payload["nodes"]["x"])
    degree = dict(zip(ids, payload["nodes"]["degree"], strict=True))
    assert degree[orgs[0].pk] == 2 and degree[orgs[1].pk] == 1


def test_a_big_map_is_sampled_and_says_so(waves, admin):
    payload = map_payload(scope_for(admin, "network", waves.pk), language="fr", max_nodes=2)
    assert payload["sampled"] == {"shown": 2, "total": 4}
    assert len(payload["nodes"]["id"]) == 2


def test_the_map_is_served_as_compact_json_and_cached(waves, member, django_assert_max_num_queries):
    url = reverse("dashboards:network_map_data", kwargs={"pk": waves.pk})
    client = client_for(member)
    first = client.get(url)
    assert first["Content-Type"] == "application/json"
    assert b", " not in first.content[:200]
    with django_assert_max_num_queries(8):
        again = client.get(url)
    assert again.content == first.content


def test_the_scenario_endpoint_runs_the_analysis_scenarios(waves, orgs, member):
    url = reverse("dashboards:network_scenario", kwargs={"pk": waves.pk})
    client = client_for(member)
    formal = client.get(url, {"scenario": "formal-ties", "as_of": "2024-05-01"}).json()
    assert formal["removes_formal_ties"] is True and formal["removed_ties"] == 2
    top = client.get(url, {"scenario": "top:1"}).json()
    assert top["removed"] == [orgs[0].pk] or top["removed_organizations"] == 1
    bad = client.get(url, {"scenario": "nonsense"})
    assert bad.status_code == 400 and "Scénario inconnu" in bad.json()["error"]
    bad_date = client.get(url, {"scenario": "formal-ties", "as_of": "2024-13-45"})
    assert bad_date.status_code == 400


def test_an_empty_network_gets_a_clear_empty_state(network_b, outsider):
    response = client_for(outsider).get(reverse("dashboards:network_dashboard", kwargs={"pk": network_b.pk}))
    assert response.status_code == 200
    assert "Aucun lien" in response.content.decode()


def test_compare_two_waves_and_two_networks(waves, network_b, admin):
    client = client_for(admin)
    one = client.get(reverse("dashboards:compare"), {"a": waves.pk})
    columns = one.context["columns"]
    assert [c["as_of"] for c in columns] == ["2023-05-01", "2024-05-01"]
    ties_row = next(r for r in one.context["rows"] if r["left"].key == "ties")
    assert ties_row["difference"] == "=\u00a00"  # the same arrow on every page; no sign on nothing
    two = client.get(reverse("dashboards:compare"), {"a": waves.pk, "b": network_b.pk})
    assert [c["network"].pk for c in two.context["columns"]] == [waves.pk, network_b.pk]
    refused = client_for(None).get(reverse("dashboards:compare"))
    assert refused.status_code == 302


def test_compare_refuses_a_network_the_user_cannot_see(waves, network_b, outsider):
    response = client_for(outsider).get(reverse("dashboards:compare"), {"a": network_b.pk, "b": waves.pk})
    assert response.status_code == 200
    assert response.context["errors"]
    assert all(c["network"].pk != waves.pk for c in response.context["columns"])


def test_map_payload_is_plain_json(waves, admin):
    json.dumps(map_payload(scope_for(admin, "province"), language="en"))


def test_the_command_line_reproduces_the_dashboard_numbers(waves, member, tmp_path, capsys):
    from django.core.management import call_command

    from maillage.analysis.command import main as analyze

    call_command("export_analysis", network=waves.pk, out=str(tmp_path))
    capsys.readouterr()
    code = analyze(
        [
            "--ties",
            str(tmp_path / "ties.csv"),
            "--organizations",
            str(tmp_path / "organizations.csv"),
            "--memberships",
            str(tmp_path / "memberships.csv"),
            "--as-of",
            "2024-05-01",
            "--format",
            "json",
        ]
    )
    assert code == 0
    from_cli = json.loads(capsys.readouterr().out)
    response = client_for(member).get(reverse("dashboards:network_dashboard", kwargs={"pk": waves.pk}))
    headlines = {h.key: h.value for h in response.context["data"].headlines}
    assert from_cli["network"]["density"] == pytest.approx(headlines["density"], abs=1e-12)
    assert from_cli["network"]["ties"] == headlines["ties"]
    assert from_cli["mix"]["cross_family_share"] == pytest.approx(headlines["cross_family_share"], abs=1e-12)


def test_a_new_observation_is_seen_at_once_despite_the_caches(waves, orgs, coordinator):
    client = client_for(coordinator)
    url = reverse("dashboards:network_dashboard", kwargs={"pk": waves.pk})
    map_url = reverse("dashboards:network_map_data", kwargs={"pk": waves.pk})
    before = {h.key: h.value for h in client.get(url).context["data"].headlines}
    edges_before = len(client.get(map_url).json()["edges"]["u"])
    do_create_tie(orgs[1], orgs[3], waves, ObservationData(observed_on=D(2024, 5, 1), level=5))
    after = {h.key: h.value for h in client.get(url).context["data"].headlines}
    assert after["ties"] == before["ties"] + 1
    assert len(client.get(map_url).json()["edges"]["u"]) == edges_before + 1


def test_the_dashboard_body_is_cached_per_language_and_a_rename_shows_at_once(waves, member):
    url = reverse("dashboards:network_dashboard", kwargs={"pk": waves.pk})
    client = client_for(member)
    french = client.get(url).content.decode()
    english = client.get("/en" + url).content.decode()
    assert "Carte du réseau" in french and "Map of the network" in english
    waves.name_fr = "Réseau renommé <script>"
    waves.save()
    renamed = client.get(url).content.decode()
    assert "Réseau renommé &lt;script&gt;" in renamed
