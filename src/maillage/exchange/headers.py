"""Which column means which field: French and English synonyms, and the mappings a network remembers.

Headers are compared folded (case, accents, spaces and punctuation ignored), so "Date d'observation",
"date_observation" and "DATE D OBSERVATION" are the same header.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from maillage.analysis.vocabulary import fold
from maillage.exchange.models import HeaderMapping, ImportKind

ORGANIZATION_FIELDS: dict[str, tuple[object, tuple[str, ...]]] = {
    "id": (_("Maillage id"), ("id", "identifiant", "id maillage", "maillage id", "no", "numero")),
    "name": (_("Name"), ("nom", "name", "organisme", "organisation", "organization", "organisation name",
                         "nom de l'organisme", "nom de l'organisation", "organization name", "partenaire",
                         "partner", "raison sociale")),
    "name_fr": (_("Name (French)"), ("nom francais", "nom fr", "name fr", "name_fr", "french name")),
    "name_en": (_("Name (English)"), ("nom anglais", "nom en", "name en", "name_en", "english name")),
    "acronym": (_("Acronym"), ("sigle", "acronyme", "acronym", "abbreviation")),
    "sector": (_("Sector"), ("secteur", "sector", "secteur d'activite", "type d'organisme", "type")),
    "territory": (_("Territory"), ("territoire", "territory", "rls", "quartier", "municipalite", "ville")),
    "website": (_("Website"), ("site web", "site internet", "website", "web", "url", "site")),
    "description": (_("Description"), ("description", "mission", "notes")),
}  # fmt: skip

MEMBERSHIP_FIELDS: dict[str, tuple[object, tuple[str, ...]]] = {
    "organization": (_("Organization"), ("organisme", "organisation", "organization", "membre", "member",
                                         "nom", "name", "partenaire", "partner", "id organisme",
                                         "organization id")),
    "role": (_("Role"), ("role", "fonction", "statut")),
    "start": (_("Start date"), ("debut", "date de debut", "start", "start date", "depuis", "since",
                                "date d'adhesion")),
    "end": (_("End date"), ("fin", "date de fin", "end", "end date", "jusqu'a", "until")),
}  # fmt: skip

TIE_FIELDS: dict[str, tuple[object, tuple[str, ...]]] = {
    "source": (_("First organization"), ("source", "de", "from", "organisme 1", "organisation 1",
                                         "organization 1", "partenaire 1", "partner 1", "evaluateur")),
    "target": (_("Second organization"), ("cible", "target", "a", "to", "vers", "organisme 2",
                                          "organisation 2", "organization 2", "partenaire 2", "partner 2",
                                          "partenaire", "partner")),
    "level": (_("Level"), ("niveau", "level", "niveau de collaboration", "collaboration level", "intensite",
                           "weight", "poids")),
    "formality": (_("Formality"), ("formalite", "formality", "formel", "formal", "type de lien")),
    "date": (_("Observed on"), ("date", "observe le", "observed on", "date d'observation",
                                "observation date", "annee")),
    "agreement_kind": (_("Kind of agreement"), ("type d'entente", "entente", "agreement",
                                                "kind of agreement", "agreement kind")),
    "referrals": (_("Referrals"), ("references", "referencement", "referrals")),
    "information": (_("Information"), ("information", "echange d'information", "information sharing")),
    "resources": (_("Shared resources"), ("ressources", "ressources partagees", "shared resources",
                                          "resources")),
    "joint_projects": (_("Joint projects"), ("projets communs", "projets conjoints", "joint projects")),
    "note": (_("Note"), ("note", "commentaire", "comment", "remarque")),
}  # fmt: skip

FIELDS_BY_KIND = {
    ImportKind.ORGANIZATIONS: ORGANIZATION_FIELDS,
    ImportKind.MEMBERSHIPS: MEMBERSHIP_FIELDS,
    ImportKind.TIES: TIE_FIELDS,
}
# Each kind needs these, or it cannot identify a row.
REQUIRED = {
    ImportKind.ORGANIZATIONS: [("name", "name_fr", "name_en", "id")],
    ImportKind.MEMBERSHIPS: [("organization",)],
    ImportKind.TIES: [("source",), ("target",), ("level",), ("date",)],
}

_SYNONYMS = {
    kind: {fold(alias): name for name, (_label, aliases) in fields.items() for alias in (name, *aliases)}
    for kind, fields in FIELDS_BY_KIND.items()
}


def known_header(kind: str, header: str) -> bool:
    return fold(header) in _SYNONYMS.get(kind, {})


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
    synonyms = _SYNONYMS[kind]
    columns: dict[int, str] = {}
    unknown: list[str] = []
    for index, header in enumerate(headers):
        key = fold(header)
        if not key:
            continue
        field = answers.get(key, synonyms.get(key))
        if field is None:
            unknown.append(header)
        elif field and field not in columns.values():
            columns[index] = field
    return columns, unknown


def missing_fields(kind: str, columns: dict[int, str]) -> list[str]:
    present = set(columns.values())
    labels = FIELDS_BY_KIND[kind]
    return [
        str(labels[group[0]][0]) for group in REQUIRED[kind] if not any(name in present for name in group)
    ]


def remember(kind: str, network_id: int | None, chosen: dict[str, str]) -> None:
    for header, field in chosen.items():
        HeaderMapping.objects.update_or_create(
            network_id=network_id, kind=kind, header=header, defaults={"field": field}
        )


def field_choices(kind: str) -> list[tuple[str, str]]:
    return [("", str(_("(ignore this column)")))] + [
        (name, str(label)) for name, (label, _aliases) in FIELDS_BY_KIND[kind].items()
    ]
