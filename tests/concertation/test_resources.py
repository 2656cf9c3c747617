"""A network's resources: entered on the web by its coordinators, corrected as new versions, exported."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.utils import translation

from maillage.concertation.models import ResourceEntry, ResourceKind
from tests.conftest import client_for


@pytest.fixture(autouse=True)
def _french_afterwards():  # type: ignore[no-untyped-def]
    yield
    translation.activate("fr")


def _funding(orgs, **extra):  # type: ignore[no-untyped-def]
    return {"year": 2024, "kind": ResourceKind.FUNDING, "organization": f"{orgs[3].name_fr} [#{orgs[3].pk}]",
            "programme": "Programme de soutien", "amount": "45000", "recurring": "on", **extra}  # fmt: skip


def test_a_coordinator_enters_corrects_and_withdraws_and_the_history_stays(
    coordinator, network_a, orgs
) -> None:
    client = client_for(coordinator)
    base = f"/en/concertation/network/{network_a.pk}/resources"
    assert client.post(f"{base}/new/", _funding(orgs)).status_code == 302
    staff = {"year": 2024, "kind": ResourceKind.STAFF, "programme": "Coordination", "fte": "1.5"}
    assert client.post(f"{base}/new/", staff).status_code == 302
    first = ResourceEntry.objects.get(kind=ResourceKind.FUNDING)
    assert client.post(f"{base}/{first.pk}/correct/", _funding(orgs, amount="50000")).status_code == 302
    corrected = ResourceEntry.objects.get(replaces=first)
    first.refresh_from_db()
    assert first.amount == Decimal("45000") and corrected.amount == Decimal("50000")
    # An old version cannot be corrected again: only the line in force can.
    assert client.post(f"{base}/{first.pk}/correct/", _funding(orgs, amount="1")).status_code == 404
    page = client.get(f"{base}/").content.decode()
    assert "$50,000" in page and "$45,000" not in page and "1.50" in page
    assert client.post(f"{base}/{corrected.pk}/withdraw/").status_code == 302
    page = client.get(f"{base}/").content.decode()
    assert "$50,000" not in page
    assert "4 versions are kept" in page
    rows = list(
        csv.DictReader(
            io.StringIO(client.get(f"/en/concertation/network/{network_a.pk}/resources.csv").content.decode())
        )
    )
    assert [r["status"] for r in rows] == ["corrected", "current", "corrected", "withdrawn"]
    assert rows[2]["replaces"] == str(first.pk) and rows[0]["organization"] == orgs[3].name_fr


def test_the_page_is_in_french_with_french_money(coordinator, network_a, orgs) -> None:
    client_for(coordinator).post(f"/en/concertation/network/{network_a.pk}/resources/new/", _funding(orgs))
    page = client_for(coordinator).get(f"/concertation/network/{network_a.pk}/resources/").content.decode()
    assert "45\u00a0000\u00a0$" in page and "Ressources" in page


@pytest.mark.parametrize("role", ["coordinator", "member", "outsider", "viewer", "admin"])
def test_readers_read_coordinators_write(people, role, network_a, orgs) -> None:
    entry = ResourceEntry.objects.create(network=network_a, year=2023, kind=ResourceKind.FUNDING, amount=10)
    client = client_for(people[role])
    reads = role != "outsider"
    writes = role in ("coordinator", "admin")
    base = f"/en/concertation/network/{network_a.pk}/resources"
    assert client.get(f"{base}/").status_code == (200 if reads else 403)
    assert client.get(f"/en/concertation/network/{network_a.pk}/resources.csv").status_code == (
        200 if reads else 403
    )
    assert client.post(f"{base}/new/", _funding(orgs)).status_code == (302 if writes else 403)
    assert client.post(f"{base}/{entry.pk}/withdraw/").status_code == (302 if writes else 403)


def test_bad_input_is_refused_with_messages_and_nothing_saved(coordinator, network_a, orgs) -> None:
    client = client_for(coordinator)
    base = f"/en/concertation/network/{network_a.pk}/resources"
    for data, message in [
        (_funding(orgs, amount="-5"), "An amount cannot be negative."),
        (_funding(orgs, amount=""), "Give the amount of the funding."),
        (_funding(orgs, year="3000"), "Give a year between 1990 and 2100."),
        ({"year": 2024, "kind": ResourceKind.STAFF}, "Give the paid staff in full-time equivalents."),
        (_funding(orgs, amount="1" * 20), "digits"),
    ]:
        response = client.post(f"{base}/new/", data)
        assert response.status_code == 200 and message in response.content.decode(), message
    assert not ResourceEntry.objects.exists()


def test_a_line_of_another_network_cannot_be_corrected_through_mine(
    coordinator, network_a, network_b
) -> None:
    other = ResourceEntry.objects.create(network=network_b, year=2023, kind=ResourceKind.FUNDING, amount=10)
    response = client_for(coordinator).post(
        f"/en/concertation/network/{network_a.pk}/resources/{other.pk}/withdraw/"
    )
    assert response.status_code == 404 and not ResourceEntry.objects.filter(replaces=other).exists()


def test_formulas_are_neutralised_in_the_export(coordinator, network_a) -> None:
    ResourceEntry.objects.create(
        network=network_a, year=2023, kind=ResourceKind.IN_KIND, programme="=HYPERLINK(1)"
    )
    text = (
        client_for(coordinator).get(f"/en/concertation/network/{network_a.pk}/resources.csv").content.decode()
    )
    assert "'=HYPERLINK(1)" in text


def test_the_reports_export_has_every_version_of_the_resources(network_a) -> None:
    from maillage.networks.models import Network
    from maillage.reports.exports.tables import export_tables

    first = ResourceEntry.objects.create(network=network_a, year=2024, kind=ResourceKind.FUNDING, amount=10)
    ResourceEntry.objects.create(
        network=network_a, year=2024, kind=ResourceKind.FUNDING, amount=12, replaces=first
    )
    (table,) = [t for t in export_tables(Network.objects.filter(pk=network_a.pk)) if t.name == "resources"]
    status = table.header.index("status")
    assert [row[status] for row in table.rows] == ["corrected", "current"]
