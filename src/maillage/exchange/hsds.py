"""Open Referral HSDS 3.0: organizations and their locations in, organizations out.

In: a JSON file (a list of organization objects, or an object with an `organizations` list), or a tabular
data package — `datapackage.json` with `organizations.csv`, `locations.csv` and optionally
`addresses.csv`, zipped. An organization is matched by its HSDS id (remembered from an earlier import, or
the id Maillage gave it on export), else by normalised name. `name` becomes the French name,
`alternate_name` the English one (as the export writes them). A location's city is matched to a
territory of the same name when there is exactly one.

Out: the organizations as HSDS JSON objects with their locations and addresses.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
import zipfile
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from maillage.analysis.vocabulary import match_key
from maillage.directory.models import Organization
from maillage.exchange import limits
from maillage.exchange.checks import check_organizations
from maillage.exchange.models import ExternalId, Location
from maillage.exchange.plan import CREATED, UNCHANGED, UPDATED, Context, Plan
from maillage.exchange.reading import MAX_BYTES, ReadError, decode

SCHEME = "hsds"
DANGLING = "__dangling__"  # references to rows the package lacks, carried to the report
KINDS = ("physical", "postal", "virtual")
MAX_NOTES = 20  # the report names the first broken references, then counts the others
_WORDS = {"location": lambda: _("location"), "organization": lambda: _("organization"),
          "address": lambda: _("address")}  # fmt: skip
NAMESPACE = uuid.UUID("0b7c6c1e-5d0e-4f6b-9a53-6d61696c6c61")  # fixed: export ids must not change


def hsds_id(organization_pk: int) -> str:
    return str(uuid.uuid5(NAMESPACE, f"organization/{organization_pk}"))


def _table(files: dict[str, bytes], name: str) -> list[dict[str, str]]:
    if name not in files:
        return []
    reader = csv.DictReader(io.StringIO(decode(files[name]), newline=""))
    rows = []
    for row in reader:
        rows.append({k.strip(): (v or "").strip() for k, v in row.items() if k})
        limits.check_rows(len(rows), len(row))
    return rows


def _from_package(raw: bytes) -> list[dict[str, Any]]:
    archive = limits.check_zip(raw)  # what it unpacks to, not only its size, is limited
    try:
        files = {
            info.filename.rsplit("/", 1)[-1]: archive.read(info)
            for info in archive.infolist()
            if info.filename.endswith((".csv", ".json")) and info.file_size < MAX_BYTES
        }
    except (zipfile.BadZipFile, OSError):
        raise ReadError(_("This file is not a readable zip archive.")) from None
    if "organizations.csv" not in files:
        if any(name.endswith(".json") and name != "datapackage.json" for name in files):
            name = next(n for n in files if n.endswith(".json") and n != "datapackage.json")
            return _from_json(files[name])
        raise ReadError(_("The data package has no organizations.csv."))
    addresses: dict[str, list[dict[str, str]]] = {}
    for address in _table(files, "addresses.csv"):
        addresses.setdefault(address.get("location_id", ""), []).append(address)
    locations: dict[str, list[dict[str, Any]]] = {}
    location_rows = _table(files, "locations.csv")
    for location in location_rows:
        entry: dict[str, Any] = {**location, "addresses": addresses.get(location.get("id", ""), [])}
        locations.setdefault(location.get("organization_id", ""), []).append(entry)
    organizations = _table(files, "organizations.csv")
    known_organizations = {o.get("id", "") for o in organizations}
    known_locations = {location.get("id", "") for location in location_rows}
    dangling = [
        *(("location", key, "organization", parent) for parent, entries in locations.items()
          if parent not in known_organizations for key in (e.get("id", "") for e in entries)),
        *(("address", a.get("id", ""), "location", parent) for parent, found in addresses.items()
          if parent not in known_locations for a in found),
    ]  # fmt: skip
    items = [{**o, "locations": locations.get(o.get("id", ""), [])} for o in organizations]
    if dangling and items:
        items[0] = {**items[0], DANGLING: dangling}
    return items


def _from_json(raw: bytes) -> list[dict[str, Any]]:
    try:
        data = json.loads(decode(raw))
    except ValueError:
        raise ReadError(_("This file is not valid JSON.")) from None
    if isinstance(data, dict):
        data = data.get("organizations") or data.get("items") or data.get("contents") or [data]
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise ReadError(_("The JSON file holds no list of HSDS organizations."))
    return data


def read_hsds(raw: bytes) -> list[dict[str, Any]]:
    if len(raw) > MAX_BYTES:
        raise ReadError(_("The file is larger than 50 MB."))
    return _from_package(raw) if raw.startswith(b"PK\x03\x04") else _from_json(raw)


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _float(value: object) -> float | None:
    try:
        return float(str(value)) if _text(value) else None
    except ValueError:
        return None


def check_hsds(plan: Plan, context: Context, raw: bytes) -> None:
    items = read_hsds(raw)
    known = dict(ExternalId.objects.filter(scheme=SCHEME).values_list("value", "organization_id"))
    known |= {hsds_id(pk): pk for pk in context.organizations}
    records = []
    for line, item in enumerate(items, start=1):
        record = {
            "name_fr": _text(item.get("name")),
            "name_en": _text(item.get("alternate_name")),
            "description": _text(item.get("description")),
            "website": _text(item.get("website") or item.get("url")),
        }
        record["name"] = record["name_fr"]
        external = _text(item.get("id"))
        if external in known:
            record["id"] = str(known[external])
        records.append((line, {k: v for k, v in record.items() if v}))
    dangling = items[0].get(DANGLING, []) if items else []
    for kind, key, target, parent in dangling[:MAX_NOTES]:
        plan.notes.append(
            _("The %(kind)s “%(key)s” points to the %(target)s “%(parent)s”, which the package does not "
              "hold: it is left out.")
            % {"kind": _WORDS[kind](), "key": key[:60], "target": _WORDS[target](), "parent": parent[:60]}
        )  # fmt: skip
    if len(dangling) > MAX_NOTES:
        plan.notes.append(
            _("%(count)s more rows point to rows the package does not hold: they are left out.")
            % {"count": len(dangling) - MAX_NOTES}
        )
    by_line = check_organizations(plan, context, records)
    places = set(
        Location.objects.values_list("organization_id", "address_1", "city").iterator()
    )  # what is already known, to not add a location twice
    places = {(pk, match_key(address), match_key(city)) for pk, address, city in places}
    rows = {row.line: row for row in plan.rows}
    for line, organization in by_line.items():
        item = items[line - 1]
        external = _text(item.get("id"))
        if external and external not in known:
            known[external] = 0  # once per file, even if the id is repeated
            plan.external_ids.append(
                ExternalId(organization=organization, scheme=SCHEME, value=external[:100])
            )
        added = _plan_locations(plan, context, organization, item.get("locations") or [], places)
        row = rows[line]
        if added and row.status == UNCHANGED:
            row.status, row.message = UPDATED, _("New location.")
        elif added and row.status == CREATED:
            row.message = f"{row.message} {_('%(count)s locations.') % {'count': added}}".strip()


def _kind(value: object) -> str:
    text = _text(value).lower()
    return text if text in KINDS else "physical"


def _coordinates(plan: Plan, location: dict[str, Any]) -> tuple[float | None, float | None]:
    """Latitude and longitude, or none when they cannot be on Earth (the report says so)."""
    latitude, longitude = _float(location.get("latitude")), _float(location.get("longitude"))
    if latitude is None or longitude is None:
        return latitude, longitude
    if -90 <= latitude <= 90 and -180 <= longitude <= 180:
        return latitude, longitude
    if len(plan.notes) < 200:  # a hostile package cannot grow the report without end
        plan.notes.append(
            _("The location “%(location)s” has impossible coordinates (%(latitude)s, %(longitude)s): they "
              "are left out.") % {"location": _text(location.get("name") or location.get("id"))[:80],
                                  "latitude": latitude, "longitude": longitude}
        )  # fmt: skip
    return None, None


def _plan_locations(
    plan: Plan, context: Context, organization: Organization, locations: Iterable, places: set
) -> int:
    added = 0
    for location in locations:
        if not isinstance(location, dict):
            continue
        addresses = location.get("addresses") or location.get("addresss") or [{}]
        address = addresses[0] if isinstance(addresses[0], dict) else {}
        address_1, city = _text(address.get("address_1"))[:200], _text(address.get("city"))[:100]
        key = (organization.pk or id(organization), match_key(address_1), match_key(city))
        if organization.pk and key in places:
            continue
        places.add(key)
        territory, _problem = context.territory(city) if city else (None, "")
        latitude, longitude = _coordinates(plan, location)
        plan.locations.append(
            Location(
                organization=organization,
                external_id=_text(location.get("id"))[:100],
                name=_text(location.get("name"))[:200],
                address_1=address_1,
                city=city,
                state_province=_text(address.get("state_province"))[:100],
                postal_code=_text(address.get("postal_code"))[:20],
                country=_text(address.get("country"))[:2],
                latitude=latitude,
                longitude=longitude,
                territory=territory,
                location_type=_kind(location.get("location_type")),
                address_type=_kind(address.get("address_type")),
                address_external_id=_text(address.get("id"))[:100],
            )
        )
        added += 1
    return added


def export_hsds(organizations: Iterable[Organization]) -> list[dict[str, Any]]:
    """HSDS 3 organization objects (with locations and their addresses); a field without value is absent."""
    organizations = list(organizations)
    ids = {o.pk: hsds_id(o.pk) for o in organizations}
    for organization_id, value in ExternalId.objects.filter(scheme=SCHEME).values_list(
        "organization_id", "value"
    ):
        if organization_id in ids:
            ids[organization_id] = value
    located: dict[int, list[Location]] = {}
    for location in Location.objects.filter(organization__in=organizations):
        located.setdefault(location.organization_id, []).append(location)
    result = []
    for organization in organizations:
        first, second = (
            (organization.name_fr, organization.name_en)
            if organization.name_fr
            else (organization.name_en, "")
        )
        item = {
            "id": ids[organization.pk], "name": first, "alternate_name": second,
            "description": organization.description or "", "website": organization.website,
            "locations": [_location(ids[organization.pk], p) for p in located.get(organization.pk, [])],
        }  # fmt: skip
        result.append(_present(item, keep=("description", "locations")))
    return result


def _present(item: dict[str, Any], keep: tuple[str, ...] = ()) -> dict[str, Any]:
    """HSDS wants a missing value absent, not null (nor an empty string where a URI or an email is due)."""
    return {key: value for key, value in item.items() if key in keep or value not in (None, "")}


def _location(organization_id: str, location: Location) -> dict[str, Any]:
    location_id = location.external_id or str(uuid.uuid5(NAMESPACE, f"location/{location.pk}"))
    address = {
        "id": location.address_external_id or str(uuid.uuid5(NAMESPACE, f"address/{location.pk}")),
        "location_id": location_id, "address_1": location.address_1, "city": location.city,
        "state_province": location.state_province, "postal_code": location.postal_code,
        "country": location.country, "address_type": location.address_type or "physical",
    }  # fmt: skip
    item = {
        "id": location_id, "organization_id": organization_id,
        "location_type": location.location_type or "physical", "name": location.name,
        "latitude": location.latitude, "longitude": location.longitude,
        # The address's required fields are written even when empty: HSDS requires them all.
        "addresses": [address] if (location.address_1 or location.city or location.postal_code) else [],
    }  # fmt: skip
    return _present(item, keep=("addresses",))
