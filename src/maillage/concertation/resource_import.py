"""Resources imported from a spreadsheet (CSV or XLSX, as French Excel writes it): all lines or none.

The file is read by the project's one spreadsheet reader; its columns are named in French or English
(year, kind, funder, programme, amount, recurring, FTE), and every line is checked before anything is
written. The export's own columns (`resources.csv`) are read too, so an export can be imported again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from maillage.analysis.vocabulary import match_key, parse_bool
from maillage.concertation.models import ResourceEntry, ResourceKind
from maillage.directory.models import Organization
from maillage.exchange.reading import ReadError, read_sheet
from maillage.networks.models import Network
from maillage.networks.versions import bump

MAX_LINES = 5000
HEADERS = {
    "year": ("year", "annee", "exercice", "anneefinanciere", "fiscalyear"),
    "kind": ("kind", "type", "nature", "sorte"),
    "organization": ("funder", "bailleur", "bailleurdefonds", "organization", "organisation", "organisme",
                     "contributor", "contributeur"),
    "organization_id": ("organizationid", "idorganisation", "idorganisme"),
    "status": ("status", "statut"),
    "programme": ("programme", "program", "role", "contribution", "description"),
    "amount": ("amount", "montant", "montant$", "amount$"),
    "recurring": ("recurring", "recurrent", "recurrente", "recurrence"),
    "fte": ("fte", "etp", "paidstafffte", "personnelremunereetp"),
}  # fmt: skip
FUNDING = ("funding", "financement", "subvention", "fonds")
STAFF = ("staff", "paidstaff", "personnel", "personnelremunere", "ressourcehumaine")
IN_KIND = ("inkind", "ennature", "contributionennature", "pret", "bienetservices")
KINDS = {
    **dict.fromkeys(FUNDING, ResourceKind.FUNDING),
    **dict.fromkeys(STAFF, ResourceKind.STAFF),
    **dict.fromkeys(IN_KIND, ResourceKind.IN_KIND),
}
FIELD_OF = {match_key(name): key for key, names in HEADERS.items() for name in names}
ID_CELL = re.compile(r"^#?(\d+)$")


@dataclass
class ResourceFile:
    entries: list[ResourceEntry] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _decimal(text: str) -> Decimal | None:
    cleaned = re.sub(r"[\s\u202f\u00a0$]", "", text).replace(",", ".")
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(text) from None
    if not value.is_finite() or value < 0 or value >= Decimal("1e10"):
        raise ValueError(text)
    return value


def _organizations(names: set[str]) -> dict[str, Organization | None]:
    """Each funder named in the file: by Maillage id (`#12`) or by its French or English name (case aside);
    None when no organization, or more than one, answers to it."""
    ids = {int(m.group(1)) for n in names if (m := ID_CELL.match(n))}
    by_id = Organization.objects.in_bulk(ids)
    written = sorted(n for n in names if not ID_CELL.match(n))
    by_name: dict[str, list[Organization]] = {}
    for start in range(0, len(written), 200):
        query = Q()
        for name in written[start : start + 200]:
            query |= Q(name_fr__iexact=name) | Q(name_en__iexact=name)
        for organization in Organization.objects.filter(query):
            for name in {organization.name_fr.casefold(), organization.name_en.casefold()} - {""}:
                by_name.setdefault(name, []).append(organization)
    found: dict[str, Organization | None] = {}
    for name in names:
        match = ID_CELL.match(name)
        candidates = [by_id[int(match.group(1))]] if match and int(match.group(1)) in by_id else []
        if not match:
            candidates = list({o.pk: o for o in by_name.get(name.casefold(), [])}.values())
        found[name] = candidates[0] if len(candidates) == 1 else None
    return found


def parse_resources(raw: bytes, network: Network) -> ResourceFile:
    """Read and check every line; `errors` says what is wrong, line by line, in the reader's language."""
    result = ResourceFile()
    try:
        sheet = read_sheet(raw, lambda header: match_key(header) in FIELD_OF)
    except ReadError as error:
        result.errors.append(str(error))
        return result
    columns = {FIELD_OF[match_key(h)]: i for i, h in enumerate(sheet.headers) if match_key(h) in FIELD_OF}
    missing = [name for name in ("year", "kind") if name not in columns]
    if missing:
        result.errors.append(_("Columns needed: year and kind (in French: année, type)."))
        return result
    if len(sheet.rows) > MAX_LINES:
        result.errors.append(_("At most %(n)d lines per file.") % {"n": MAX_LINES})
        return result
    rows = [(line, cells) for line, cells in sheet.rows if _in_force(cells, columns)]
    named = {_funder(cells, columns) for _, cells in rows}
    funders = _organizations(named - {""})
    for line, cells in rows:
        problem = _entry(cells, columns, funders, network, result.entries)
        if problem:
            result.errors.append(_("Line %(line)d: %(problem)s") % {"line": line, "problem": problem})
    return result


def _in_force(cells: list[str], columns: dict[str, int]) -> bool:
    """A line of an export that a later version corrected or withdrew is history, not a resource to add."""
    return "status" not in columns or match_key(cells[columns["status"]]) in (
        "",
        "current",
        "encours",
        "actuel",
    )


def _funder(cells: list[str], columns: dict[str, int]) -> str:
    if "organization_id" in columns and cells[columns["organization_id"]].strip():
        return "#" + cells[columns["organization_id"]].strip()
    return cells[columns["organization"]].strip() if "organization" in columns else ""


def _entry(
    cells: list[str],
    columns: dict[str, int],
    funders: dict[str, Organization | None],
    network: Network,
    entries: list[ResourceEntry],
) -> str:
    def cell(name: str) -> str:
        return cells[columns[name]].strip() if name in columns else ""

    year_text = cell("year")[:4]
    if not (year_text.isdigit() and 1990 <= int(year_text) <= 2100):
        return _("the year must be written like 2024 (or 2024-2025).")
    kind = KINDS.get(match_key(cell("kind")))
    if kind is None:
        return _("unknown kind “%(kind)s”: funding, paid staff or in kind.") % {"kind": cell("kind")[:60]}
    funder = None
    if named := _funder(cells, columns):
        funder = funders.get(named)
        if funder is None:
            return _("no single organization is named “%(name)s”.") % {"name": named[:100]}
    recurring = parse_bool(cell("recurring"))
    if recurring is None:
        return _("write yes or no for “recurring”.")
    try:
        amount, fte = _decimal(cell("amount")), _decimal(cell("fte"))
    except ValueError as error:
        return _("“%(value)s” is not an amount.") % {"value": str(error)[:40]}
    entries.append(
        ResourceEntry(
            network=network,
            year=int(year_text),
            kind=kind,
            organization=funder,
            programme=cell("programme")[:200],
            amount=amount,
            recurring=recurring,
            fte=fte,
        )  # fmt: skip
    )
    return ""


@transaction.atomic
def do_import_resources(network: Network, entries: list[ResourceEntry], user: User) -> int:
    """Write the checked lines, new versions beside those already there; raise the network's version."""
    for entry in entries:
        entry.recorded_by = user
    ResourceEntry.objects.bulk_create(entries)
    bump([network.pk])
    return len(entries)
