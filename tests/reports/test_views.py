"""Report pages for each role: read a report, download its PDF and data, prepare a big one in background."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from maillage.reports import jobs
from tests.conftest import client_for


def _url(name: str, *args) -> str:  # type: ignore[no-untyped-def]
    with translation.override("fr"):
        return reverse(name, args=[str(a) for a in args])


def _en(name: str, *args) -> str:  # type: ignore[no-untyped-def]
    with translation.override("en"):
        return reverse(name, args=[str(a) for a in args])


@pytest.fixture(autouse=True)
def _jobs_in_tmp(settings, tmp_path):
    settings.VAR_DIR = tmp_path


@pytest.mark.parametrize(("role", "status"), [("coordinator", 200), ("member", 200), ("viewer", 200),
                                              ("admin", 200), ("outsider", 403)])  # fmt: skip
def test_readers_of_the_network_see_its_report(request, network_a, tie_a, role, status):
    user = request.getfixturevalue(role)
    response = client_for(user).get(_en("reports:show", "network", network_a.pk) + "?year=2025")
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert network_a.name in html and "The partnership approach" in html and 'href="?year=2025' in html


@pytest.mark.parametrize(("role", "status"), [("member", 200), ("viewer", 200), ("outsider", 403)])
def test_readers_download_the_pdf(request, network_a, tie_a, role, status):
    user = request.getfixturevalue(role)
    response = client_for(user).get(
        _url("reports:show", "network", network_a.pk), {"format": "pdf", "lang": "en"}
    )
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
        assert "attachment" in response["Content-Disposition"]


def test_anonymous_is_sent_to_sign_in(network_a):
    response = client_for(None).get(_url("reports:show", "network", network_a.pk))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("query", [{"year": "abc"}, {"year": "1200"}, {"lang": "de"},
                                   {"since": "2025-01-01", "until": "2024-01-01"}])  # fmt: skip
def test_bad_options_give_a_message_not_a_500(member, network_a, query):
    response = client_for(member).get(_en("reports:show", "network", network_a.pk), query)
    assert response.status_code == 400
    assert 'class="error"' in response.content.decode()


@pytest.mark.parametrize(("kind", "key"), [("nope", "1"), ("network", "x"), ("programme", "<script>"),
                                           ("territory", "999999")])  # fmt: skip
def test_unknown_scopes_are_not_found(admin, kind, key):
    assert client_for(admin).get(_url("reports:show", kind, key)).status_code == 404


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "graphml", "gexf", "json"])
def test_members_download_every_export_and_outsiders_none(member, outsider, network_a, tie_a, fmt):
    url = _url("reports:export", "network", network_a.pk, fmt)
    response = client_for(member).get(url)
    assert response.status_code == 200 and len(response.content) > 100
    assert "attachment" in response["Content-Disposition"]
    assert client_for(outsider).get(url).status_code == 403
    assert client_for(member).get(_url("reports:export", "network", network_a.pk, "exe")).status_code == 404


def test_a_territory_export_holds_only_readable_networks(outsider, network_a, tie_a, rls):
    response = client_for(outsider).get(_url("reports:export", "territory", rls.pk, "json"))
    assert response.status_code == 404  # the outsider reads no network of this territory


def test_the_index_sends_to_the_chosen_report(member, network_a):
    client = client_for(member)
    response = client.get(_en("reports:index"), {"network": network_a.pk, "year": 2025, "lang": "en"})
    assert response.status_code == 302 and f"/network/{network_a.pk}/" in response["Location"]
    response = client.get(_en("reports:index"), {"year": 2025, "lang": "en"})
    assert response.status_code == 200 and 'id="id_network-error"' in response.content.decode()


def test_preparing_a_programme_report_runs_a_task_and_only_its_requester_gets_it(
    coordinator, member, outsider, network_a, tie_a
):
    prepare = _url("reports:prepare", "programme", network_a.kind)
    assert client_for(None).post(prepare, {"lang": "en", "year": 2025}).status_code == 302
    assert client_for(coordinator).get(prepare).status_code == 405
    response = client_for(coordinator).post(prepare, {"lang": "en", "year": 2025})
    assert response.status_code == 302
    token = response["Location"].rstrip("/").split("/")[-1]
    job = jobs.read_job(token)
    assert job is not None and job["state"] == "done"  # the immediate backend ran the task
    page = client_for(coordinator).get(reverse("reports:job", args=[token]))
    assert (
        page.status_code == 200
        and reverse("reports:job_download", args=[token, "pdf"]) in page.content.decode()
    )
    pdf = client_for(coordinator).get(reverse("reports:job_download", args=[token, "pdf"]))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    html = client_for(coordinator).get(reverse("reports:job_download", args=[token, "html"]))
    assert html.status_code == 200
    for other in (member, outsider):
        assert client_for(other).get(reverse("reports:job", args=[token])).status_code == 404
        assert client_for(other).get(reverse("reports:job_download", args=[token, "pdf"])).status_code == 404
    assert client_for(coordinator).get(reverse("reports:job", args=["0" * 48])).status_code == 404
    assert (
        client_for(coordinator).get(reverse("reports:job_download", args=[token, "exe"])).status_code == 404
    )


def test_preparing_with_bad_options_saves_no_job(coordinator, network_a, settings):
    response = client_for(coordinator).post(_url("reports:prepare", "province", "all"), {"lang": "xx"})
    assert response.status_code == 400
    assert (
        not list((settings.VAR_DIR / "reports").glob("*.json"))
        if (settings.VAR_DIR / "reports").exists()
        else True
    )
