"""The HSDS export against the official HSDS 3 JSON schema (tests/exchange/hsds_schema, see SOURCES), and
what the dry run says about a package's broken references and impossible coordinates."""

from __future__ import annotations

import io
import json
import uuid
import zipfile
from pathlib import Path

import pytest
from django.utils import translation
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from maillage.directory.models import Organization
from maillage.exchange.actions import do_apply_plan
from maillage.exchange.hsds import export_hsds
from maillage.exchange.imports import prepare
from maillage.exchange.models import Location

SCHEMA = Path(__file__).parent / "hsds_schema"
ORG_ID, LOCATION_ID, ADDRESS_ID = (str(uuid.uuid4()) for _ in range(3))
DIRECTORY = [{
    "id": ORG_ID, "name": "Centre communautaire Défi", "description": "Aide alimentaire",
    "website": "https://defi.example.org",
    "locations": [{
        "id": LOCATION_ID, "location_type": "postal", "name": "Case postale",
        "latitude": 46.8, "longitude": -71.2,
        "addresses": [{"id": ADDRESS_ID, "address_1": "C.P. 12", "city": "Québec", "state_province": "QC",
                       "postal_code": "G1A 1A1", "country": "CA", "address_type": "postal"}],
    }],
}]  # fmt: skip


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def validator() -> Draft202012Validator:
    resources = []
    for name in ("organization", "location", "address"):
        document = json.loads((SCHEMA / f"{name}.json").read_text(encoding="utf-8"))
        resources.append(
            (document["$id"], Resource.from_contents(document, default_specification=DRAFT202012))
        )
    registry = Registry().with_resources(resources)
    organization = json.loads((SCHEMA / "organization.json").read_text(encoding="utf-8"))
    return Draft202012Validator(organization, registry=registry, format_checker=FormatChecker())


def nulls(value: object) -> int:
    if isinstance(value, dict):
        return sum(nulls(v) for v in value.values()) + sum(v is None for v in value.values())
    return sum(nulls(v) for v in value) if isinstance(value, list) else 0


def test_the_export_validates_against_the_official_schema(network_a, orgs):
    do_apply_plan(prepare("hsds", json.dumps(DIRECTORY).encode(), network_a))
    Organization.objects.filter(pk=orgs[1].pk).update(website="", description="")
    exported = export_hsds(Organization.objects.order_by("pk"))
    check = validator()
    problems = [f"{item['name']}: {error.message}" for item in exported for error in check.iter_errors(item)]
    assert problems == []
    assert nulls(exported) == 0 and "email" not in exported[0] and "website" not in exported[1]


def test_the_schema_copy_does_catch_what_the_old_export_wrote():
    old = {"id": ORG_ID, "name": "X", "description": "", "email": None, "website": None,
           "locations": [{"id": LOCATION_ID, "location_type": "elsewhere"}]}  # fmt: skip
    messages = sorted(error.message for error in validator().iter_errors(old))
    assert messages == ["'elsewhere' is not one of ['physical', 'postal', 'virtual']",
                        "None is not of type 'string'", "None is not of type 'string'"]  # fmt: skip


def test_ids_and_kinds_come_back_on_a_round_trip(network_a):
    do_apply_plan(prepare("hsds", json.dumps(DIRECTORY).encode(), network_a))
    exported = export_hsds(Organization.objects.filter(name_fr="Centre communautaire Défi"))
    location = exported[0]["locations"][0]
    assert exported[0]["id"] == ORG_ID and location["id"] == LOCATION_ID
    assert (location["location_type"], location["addresses"][0]["address_type"]) == ("postal", "postal")
    assert location["addresses"][0]["id"] == ADDRESS_ID and location["organization_id"] == ORG_ID


def test_dangling_references_and_impossible_coordinates_are_reported(network_a):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("organizations.csv", "id,name,description\r\no1,Maison Éole,\r\n")
        archive.writestr(
            "locations.csv",
            "id,organization_id,name,latitude,longitude\r\nl1,o1,Siège,100,-71\r\nl2,o9,Ailleurs,46,-71\r\n",
        )
        archive.writestr("addresses.csv", "id,location_id,address_1,city\r\na1,l7,1 rue A,Québec\r\n")
    plan = prepare("hsds", buffer.getvalue(), network_a)
    assert not plan.has_errors
    assert (
        "The location “l2” points to the organization “o9”, which the package does not hold: it is left out."
        in plan.notes
    )
    assert (
        "The address “a1” points to the location “l7”, which the package does not hold: it is left out."
        in plan.notes
    )
    assert "The location “Siège” has impossible coordinates (100.0, -71.0): they are left out." in plan.notes
    do_apply_plan(plan)
    siege = Location.objects.get(name="Siège")
    assert (siege.latitude, siege.longitude) == (None, None)


def test_many_broken_references_give_a_short_report(network_a):
    buffer = io.BytesIO()
    locations = "".join(f"l{i},o9,Lieu {i}\r\n" for i in range(25))
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("organizations.csv", "id,name,description\r\no1,Maison Éole,\r\n")
        archive.writestr("locations.csv", "id,organization_id,name\r\n" + locations)
    plan = prepare("hsds", buffer.getvalue(), network_a)
    assert len(plan.notes) == 21
    assert plan.notes[-1] == "5 more rows point to rows the package does not hold: they are left out."
