"""Resources imported from a spreadsheet as French Excel writes it: all the lines, or none."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from maillage.concertation.models import ResourceEntry
from maillage.networks.models import Network
from tests.conftest import client_for

FRENCH = (
    "Année;Type;Bailleur;Programme;Montant;Récurrent;ETP\r\n"
    "2024;Financement;CLSC du Parc;Soutien à la mission;12 500,50;oui;\r\n"
    "2024;Personnel rémunéré;;Coordination;;non;1,5\r\n"
    "2023-2024;En nature;Ville de Sainte-Fiction;Local prêté;3000;non;\r\n"
).encode("cp1252")


def post(user, network, raw: bytes, name: str = "ressources.csv"):  # type: ignore[no-untyped-def]
    url = reverse("concertation:resources_import", kwargs={"pk": network.pk})
    return client_for(user).post(url, {"file": SimpleUploadedFile(name, raw)})


def test_a_french_excel_file_is_imported_whole(coordinator, network_a, orgs):
    version = Network.objects.get(pk=network_a.pk).data_version
    response = post(coordinator, network_a, FRENCH)
    assert response.status_code == 302
    lines = list(ResourceEntry.objects.filter(network=network_a).order_by("id"))
    assert [(e.year, e.kind, e.recurring) for e in lines] == [
        (2024, "funding", True), (2024, "staff", False), (2023, "in_kind", False),
    ]  # fmt: skip
    assert lines[0].organization == orgs[1] and str(lines[0].amount) == "12500.50"
    assert str(lines[1].fte) == "1.50" and lines[2].organization == orgs[3]
    assert Network.objects.get(pk=network_a.pk).data_version > version


def test_one_bad_line_imports_nothing_and_says_which(coordinator, network_a, orgs):
    raw = FRENCH + "2024;Financement;Organisme inconnu;X;10;oui;\r\n2024;Cadeau;;;1;non;\r\n".encode("cp1252")
    response = post(coordinator, network_a, raw)
    page = response.content.decode()
    assert response.status_code == 200 and not ResourceEntry.objects.exists()
    assert "Ligne 5" in page and "Organisme inconnu" in page and "Ligne 6" in page and "Cadeau" in page


def test_an_export_imports_again_with_its_current_lines_only(coordinator, network_a, orgs):
    post(coordinator, network_a, FRENCH)
    first = ResourceEntry.objects.filter(network=network_a).first()
    ResourceEntry.objects.create(network=network_a, year=2024, kind="funding", amount=1, replaces=first)
    exported = client_for(coordinator).get(
        reverse("concertation:resources_export", kwargs={"pk": network_a.pk})
    )
    before = ResourceEntry.objects.count()
    assert post(coordinator, network_a, exported.content, "resources.csv").status_code == 302
    assert ResourceEntry.objects.count() == before + 3  # the corrected version is history, not re-added


def test_only_the_networks_coordinators_import(member, outsider, network_a, orgs):
    assert post(member, network_a, FRENCH).status_code == 403
    assert post(outsider, network_a, FRENCH).status_code == 403
    assert not ResourceEntry.objects.exists()


def test_a_file_of_too_many_lines_is_refused(coordinator, network_a):
    raw = ("année;type\n" + "2024;financement\n" * 5001).encode()
    response = post(coordinator, network_a, raw)
    assert response.status_code == 200 and not ResourceEntry.objects.exists()
    assert "5" in response.content.decode()
