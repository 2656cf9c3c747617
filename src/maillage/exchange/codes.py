"""The partners' own identifiers: a list's own code column, the Quebec enterprise number (NEQ), HSDS ids.

An organization keeps the codes its sources give it (`ExternalId`), so a second file matches it by code even
after a rename, and ties and memberships files may name organizations by those codes as well as by Maillage
id or name. A list's own codes are scoped to the network it is imported into ("P-001" of one network's
list is not "P-001" of another's); NEQ and HSDS ids are the same everywhere.

A column called "id" is read as Maillage ids only when it looks like them: every value is the id of an
existing organization and, where the row has a name, mostly that organization's name. Otherwise it is the
list's own code (a partner list numbered 1 to 253 must not update organizations 1 to 253).
"""

from __future__ import annotations

import re

from maillage.directory.names import normalize_name
from maillage.exchange.models import ExternalId

NEQ = "neq"
HSDS = "hsds"
CODE_FIELDS = ("code", "neq", "hsds_id")


def code_scheme(network_id: int | None) -> str:
    return f"code:{network_id}" if network_id else "code"


def scheme_of(field: str, network_id: int | None) -> str:
    return {"neq": NEQ, "hsds_id": HSDS}.get(field) or code_scheme(network_id)


def code_key(text: str) -> str:
    return " ".join(text.split()).casefold()


def load_codes(network_id: int | None) -> dict[tuple[str, str], int]:
    """(scheme, code) -> organization id, for the codes a file of this network may use."""
    schemes = [code_scheme(network_id), NEQ, HSDS]
    rows = ExternalId.objects.filter(scheme__in=schemes).values_list("scheme", "value", "organization_id")
    return {(scheme, code_key(value)): pk for scheme, value, pk in rows}


def valid_neq(text: str) -> bool:
    """A Quebec enterprise number has ten digits (written with or without spaces)."""
    return re.fullmatch(r"\d{10}", re.sub(r"[\s-]", "", text)) is not None


def ids_are_maillage(records: list[tuple[int, dict[str, str]]], organizations: dict) -> bool:
    """Whether an "id" column holds Maillage ids (see the module's docstring)."""
    named = agree = 0
    for _line, record in records:
        text = record.get("id", "").strip()
        if not text:
            continue
        if not re.fullmatch(r"#?\d+", text):
            return False
        organization = organizations.get(int(text.lstrip("#")))
        if organization is None:
            return False
        name = record.get("name") or record.get("name_fr") or record.get("name_en")
        if name:
            named += 1
            keys = {normalize_name(organization.name_fr), normalize_name(organization.name_en)}
            agree += normalize_name(name) in keys
    return named == 0 or agree * 2 >= named


def reinterpret_ids(
    records: list[tuple[int, dict[str, str]]], context, plan
) -> list[tuple[int, dict[str, str]]]:
    """An "id" column that does not hold Maillage ids becomes the list's own code, with a note."""
    from django.utils.translation import gettext as _

    if not any(record.get("id") for _line, record in records):
        return records
    if ids_are_maillage(records, context.organizations):
        return records
    plan.notes.append(_("The id column does not hold Maillage ids: it is read as the list's own codes."))
    moved = []
    for line, record in records:
        record = dict(record)
        code = record.pop("id", "")
        if code and not record.get("code"):
            record["code"] = code
        moved.append((line, record))
    return moved


def find_by_codes(context, record: dict[str, str]):
    """The organization one of the row's codes (own code, NEQ, HSDS id) already belongs to."""
    for field in CODE_FIELDS:
        if record.get(field):
            found = context.code_owner(scheme_of(field, context.network_id), record[field])
            if found is not None:
                return found
    return None


def code_problems(context, record: dict[str, str], found) -> list[str]:
    from django.utils.translation import gettext as _

    problems = []
    if record.get("neq") and not valid_neq(record["neq"]):
        problems.append(
            _("“%(value)s” is not a Quebec enterprise number (ten digits).") % {"value": record["neq"][:20]}
        )
    for field in CODE_FIELDS:
        if not record.get(field):
            continue
        owner = context.code_owner(scheme_of(field, context.network_id), record[field])
        if owner is not None and found is not None and owner is not found:
            problems.append(
                _("The code “%(code)s” already belongs to “%(name)s”.")
                % {"code": record[field][:40], "name": context.label(owner)}
            )
    return problems


def plan_codes(plan, context, organization, record: dict[str, str]) -> None:
    """Remember the row's codes for its organization (once: a code already known is not written again)."""
    for field in CODE_FIELDS:
        value = " ".join(record.get(field, "").split())
        if not value:
            continue
        if field == "neq":
            value = re.sub(r"[\s-]", "", value)
        scheme = scheme_of(field, context.network_id)
        if context.code_owner(scheme, value) is None:
            context.add_code(scheme, value, organization)
            plan.external_ids.append(ExternalId(organization=organization, scheme=scheme, value=value[:100]))
