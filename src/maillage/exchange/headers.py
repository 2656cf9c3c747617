"""Which column means which field: French and English synonyms, and the mappings a network remembers.

Headers are compared folded (case, accents, spaces and punctuation ignored), so "Date d'observation",
"date_observation" and "DATE D OBSERVATION" are the same header.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from maillage.analysis.headers import canonical_field
from maillage.analysis.vocabulary import match_key
from maillage.exchange.models import HeaderMapping, ImportKind

# The fields the importer reads, with the label the mapping screen shows. Their French and English headers
# are the one vocabulary `maillage analyze` uses too (maillage.analysis.headers).
ORGANIZATION_FIELDS: dict[str, object] = {
    "id": _("Maillage id"), "code": _("The list's own code"), "neq": _("Quebec enterprise number (NEQ)"),
    "hsds_id": _("HSDS id"), "name": _("Name"), "name_fr": _("Name (French)"),
    "name_en": _("Name (English)"), "acronym": _("Acronym"), "sector": _("Sector"),
    "territory": _("Territory"), "region": _("Region"), "rls": _("Local service network (RLS)"),
    "municipality": _("Municipality"), "website": _("Website"), "description": _("Description"),
}  # fmt: skip
MEMBERSHIP_FIELDS: dict[str, object] = {
    "organization": _("Organization"), "role": _("Role"), "start": _("Start date"), "end": _("End date"),
}  # fmt: skip
TIE_FIELDS: dict[str, object] = {
    "source": _("First organization"), "target": _("Second organization"), "level": _("Level"),
    "formality": _("Formality"), "date": _("Observed on"), "agreement_kind": _("Kind of agreement"),
    "agreement_ends_on": _("Agreement ends on"), "referrals": _("Referrals"), "information": _("Information"),
    "resources": _("Shared resources"), "joint_projects": _("Joint projects"), "note": _("Note"),
}  # fmt: skip

FIELDS_BY_KIND: dict[str, dict[str, object]] = {
    ImportKind.ORGANIZATIONS: ORGANIZATION_FIELDS,
    ImportKind.MEMBERSHIPS: MEMBERSHIP_FIELDS,
    ImportKind.TIES: TIE_FIELDS,
}
# Each kind needs these, or it cannot identify a row.
REQUIRED: dict[str, list[tuple[str, ...]]] = {
    ImportKind.ORGANIZATIONS: [("name", "name_fr", "name_en", "id")],
    ImportKind.MEMBERSHIPS: [("organization",)],
    ImportKind.TIES: [("source",), ("target",), ("level",), ("date",)],
}


def _field(kind: str, header: str) -> str | None:
    """The importer's field a header names (None: a header this kind of import does not use)."""
    name = canonical_field(kind, header)
    return name if name in FIELDS_BY_KIND.get(kind, {}) else None


def known_header(kind: str, header: str) -> bool:
    return _field(kind, header) is not None


def remembered(kind: str, network_id: int | None) -> dict[str, str]:
    rows = HeaderMapping.objects.filter(kind=kind, network_id=network_id).values_list("header", "field")
    return dict(rows)


def map_headers(
    kind: str, headers: list[str], chosen: dict[str, str] | None = None, network_id: int | None = None
) -> tuple[dict[int, str], list[str]]:
    """Column index -> field, and the headers nobody knows yet.

    `chosen` holds answers from the mapping screen (folded header -> field, "" to ignore); they win over
    what the network remembered, which wins over the synonym table.
    """
    answers = remembered(kind, network_id) | (chosen or {})
    columns: dict[int, str] = {}
    unknown: list[str] = []
    for index, header in enumerate(headers):
        key = match_key(header)
        if not key:
            continue
        field = answers[key] if key in answers else _field(kind, header)
        if field is None:
            unknown.append(header)
        elif field and field not in columns.values():
            columns[index] = field
    return columns, unknown


def missing_fields(kind: str, columns: dict[int, str]) -> list[str]:
    present = set(columns.values())
    labels = FIELDS_BY_KIND[kind]
    return [str(labels[group[0]]) for group in REQUIRED[kind] if not any(name in present for name in group)]


def remember(kind: str, network_id: int | None, chosen: dict[str, str]) -> None:
    for header, field in chosen.items():
        HeaderMapping.objects.update_or_create(
            network_id=network_id, kind=kind, header=header, defaults={"field": field}
        )


def field_choices(kind: str) -> list[tuple[str, str]]:
    return [("", str(_("(ignore this column)")))] + [
        (name, str(label)) for name, label in FIELDS_BY_KIND[kind].items()
    ]
