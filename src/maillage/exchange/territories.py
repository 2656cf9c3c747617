"""Quebec's health and social services territories from the official lists: `maillage import FILE --kind
territories`.

The file has one row per municipality (or per RLS, when municipalities are not listed) with its place in
the network: region (RSS), CISSS/CIUSSS or non-merged establishment (RTS), local service network (RLS) and
municipality, each with its official code and name, as the MSSS and MAMH lists give them (see
docs/territories.md for where each list comes from). Headers are French or English, read by the shared
spreadsheet reader. Codes become Maillage codes `RSS06`, `RTS0611`, `RLS0611`, `MUN66023`; a territory
already known by its code is updated (name, parent), never duplicated. Writing is all or nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from maillage.analysis.vocabulary import match_key
from maillage.directory.models import Territory, TerritoryKind
from maillage.exchange.reading import ReadError, read_sheet

LEVELS = (  # field prefix, territory kind, code prefix, accepted headers (code, name)
    ("region", TerritoryKind.REGION, "RSS",
     ("rss", "code rss", "no rss", "numero rss", "region code", "code region", "code de la region"),
     ("nom rss", "region", "nom de la region", "region sociosanitaire", "nom region", "region name")),
    ("cisss", TerritoryKind.CISSS, "RTS",
     ("rts", "code rts", "no rts", "code cisss", "code etablissement", "cisss code"),
     ("nom rts", "nom cisss", "cisss", "ciusss", "cisss ciusss", "etablissement", "nom de l'etablissement",
      "cisss name")),
    ("rls", TerritoryKind.RLS, "RLS",
     ("rls", "code rls", "no rls", "numero rls", "rls code"),
     ("nom rls", "nom du rls", "reseau local de services", "rls name")),
    ("municipality", TerritoryKind.COMMUNITY, "MUN",
     ("code municipalite", "code geographique", "code geo", "code mamh", "code_mun", "mus_co_geo",
      "municipality code", "cod_geo"),
     ("municipalite", "nom municipalite", "nom de la municipalite", "mus_nm_mun", "municipality", "ville")),
)  # fmt: skip
HEADERS = {
    match_key(alias): f"{prefix}_{part}"
    for prefix, _kind, _code, codes, names in LEVELS
    for part, aliases in (("code", codes), ("name", names))
    for alias in aliases
}


@dataclass
class TerritoryPlan:
    rows: list[tuple[int, str, str]] = field(default_factory=list)  # (line, status, message)
    wanted: dict[str, tuple[str, str, str | None]] = field(default_factory=dict)  # code -> kind, name, parent

    @property
    def errors(self) -> list[tuple[int, str, str]]:
        return [row for row in self.rows if row[1] == "error"]


WIDTH = {"RSS": 2, "RLS": 4, "MUN": 5}  # M34 codes: RSS on 2 digits, RLS on 4, municipalities on 5


def _code(prefix: str, value: str) -> str:
    """The Maillage code of an official code ("6" -> "RSS06"; Excel drops leading zeros)."""
    digits = value.strip().upper().removeprefix(prefix).strip(" -")
    if digits.isdigit() and prefix in WIDTH:
        digits = digits.zfill(WIDTH[prefix])
    return f"{prefix}{digits}"[:40]


def check_territories(raw: bytes) -> TerritoryPlan:
    sheet = read_sheet(raw, lambda header: match_key(header) in HEADERS)
    columns = {i: HEADERS[match_key(h)] for i, h in enumerate(sheet.headers) if match_key(h) in HEADERS}
    plan = TerritoryPlan()
    if "region_code" not in columns.values():
        raise ReadError(_("The file has no region (RSS) code column."))
    for line, cells in sheet.rows:
        record = {name: cells[i].strip() for i, name in columns.items() if cells[i].strip()}
        parent: str | None = None
        for prefix, kind, code_prefix, _codes, _names in LEVELS:
            code, name = record.get(f"{prefix}_code"), record.get(f"{prefix}_name")
            if not code:
                if name:
                    plan.rows.append((line, "error", _("“%(name)s” has no code.") % {"name": name[:80]}))
                continue
            full = _code(code_prefix, code)
            known = plan.wanted.get(full)
            if known and (
                known[2] != parent or (name and known[1] and match_key(known[1]) != match_key(name))
            ):
                plan.rows.append(
                    (line, "error", _("The code %(code)s is given twice with different names or places.")
                     % {"code": full})
                )  # fmt: skip
            elif not known or (name and not known[1]):
                plan.wanted[full] = (kind, (name or "")[:200], parent)
            parent = full
        if not any(row[0] == line for row in plan.rows):
            plan.rows.append((line, "checked", ""))
    return plan


@transaction.atomic
def do_import_territories(plan: TerritoryPlan) -> dict[str, int]:
    """Create or update the planned territories, parents first; nothing is written if a row has an error."""
    if plan.errors:
        raise ValueError("the file has errors")
    existing = {t.code: t for t in Territory.objects.filter(code__in=list(plan.wanted))}
    province = Territory.objects.get(code="QC")
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    saved: dict[str, Territory] = {}
    for code, (kind, name, parent_code) in plan.wanted.items():  # rows list parents before children
        parent = (saved.get(parent_code) or existing.get(parent_code)) if parent_code else province
        territory = existing.get(code)
        if territory is None:
            territory = Territory(
                code=code, kind=kind, name_fr=name or code, name_en=name or code, parent=parent
            )
            counts["created"] += 1
        elif (territory.parent_id, territory.kind) == (getattr(parent, "pk", None), kind):
            # Names already in Maillage are kept (a region's name may have been set with its accents).
            counts["unchanged"] += 1
            saved[code] = territory
            continue
        else:
            territory.parent, territory.kind = parent, kind
            counts["updated"] += 1
        territory.full_clean(exclude=["path"])
        territory.save()
        saved[code] = territory
    return counts
