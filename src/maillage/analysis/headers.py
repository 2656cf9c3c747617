"""The one header vocabulary: which column of a spreadsheet means which field, in French or English.

``maillage analyze`` and the importer both look headers up here. Headers are compared folded (case,
accents, spaces and punctuation ignored), so "Date d'observation", "date_observation" and
"DATE D OBSERVATION" are the same header. A word whose meaning depends on the table ("Organisme" is the
name in a list of organizations, the member in a list of memberships) is listed under each table.

Territories may come in several columns (région, RLS, municipalité): each is its own field, and the most
precise known one is kept (see :data:`TERRITORY_FIELDS`).
"""

from __future__ import annotations

from .vocabulary import match_key

# From the most precise to the least: the first known value of these columns is the territory.
TERRITORY_FIELDS: tuple[str, ...] = ("municipality", "rls", "territory", "region")

_RATINGS: dict[str, tuple[str, ...]] = {
    "reliability": ("fiabilite",),
    "mission_alignment": ("alignement mission", "alignement de mission"),
    "openness": ("ouverture",),
    "power_influence": ("power influence", "pouvoir influence", "pouvoir et influence"),
    "involvement": ("implication", "engagement"),
    "resource_contribution": ("resource contribution", "contribution en ressources",
                              "contribution ressources"),
}  # fmt: skip

VOCABULARY: dict[str, dict[str, tuple[str, ...]]] = {
    "organizations": {
        "id": ("identifiant", "id maillage", "maillage id", "organization id", "id organisation"),
        "code": (
            "code",
            "no",
            "numero",
            "code organisme",
            "no organisme",
            "numero organisme",
            "id source",
            "source id",
            "reference",
            "ref",
            "matricule",
            "code partenaire",
            "partner code",
        ),
        "neq": (
            "neq",
            "numero d'entreprise du quebec",
            "numero entreprise quebec",
            "quebec enterprise number",
        ),
        "hsds_id": ("hsds id", "id hsds", "open referral id"),
        "name": (
            "nom",
            "organisme",
            "organisation",
            "organization",
            "organization name",
            "nom de l'organisme",
            "nom de l'organisation",
            "partenaire",
            "partner",
            "raison sociale",
            "denomination",
            "nom du partenaire",
        ),
        "name_fr": ("nom francais", "nom fr", "name fr", "french name"),
        "name_en": ("nom anglais", "nom en", "name en", "english name"),
        "acronym": ("sigle", "acronyme", "abbreviation"),
        "sector": ("secteur", "secteur d'activite", "type d'organisme", "type", "categorie", "category"),
        "sector_family": ("family", "famille", "famille de secteur", "famille secteur"),
        "territory": ("territoire", "territoire desservi"),
        "region": ("region", "region administrative", "region sociosanitaire", "rss"),
        "rls": ("reseau local de services", "quartier", "clsc", "territoire de clsc"),
        "municipality": ("municipalite", "ville", "city", "localite", "town"),
        "website": ("site web", "site internet", "web", "url", "site"),
        "description": ("mission", "notes"),
    },
    "memberships": {
        "organization": (
            "organisme",
            "organisation",
            "organization",
            "membre",
            "member",
            "nom",
            "name",
            "partenaire",
            "partner",
            "id organisme",
            "organization id",
        ),
        "network": ("reseau", "espace", "espace de concertation", "table"),
        "role": ("fonction", "statut", "role"),
        "start": ("debut", "date de debut", "start date", "depuis", "since", "date d'adhesion"),
        "end": ("fin", "date de fin", "end date", "jusqu'a", "until"),
    },
    "ties": {
        "source": (
            "de",
            "from",
            "organisme 1",
            "organisation 1",
            "organization 1",
            "partenaire 1",
            "partner 1",
            "evaluateur",
            "rater",
            "origine",
            "source id",
        ),
        "target": (
            "cible",
            "to",
            "vers",
            "a",
            "destination",
            "organisme 2",
            "organisation 2",
            "organization 2",
            "partenaire 2",
            "partner 2",
            "partenaire",
            "partner",
            "target id",
        ),
        "level": ("niveau", "niveau de collaboration", "collaboration level", "intensite", "weight", "poids"),
        "formality": ("formalite", "formel", "formal", "formelle", "type de lien", "lien formel"),
        "network": ("reseau", "espace", "espace de concertation"),
        "date": ("observe le", "observed on", "observed", "date d'observation", "observation date", "annee"),
        "agreement_kind": ("type d'entente", "entente", "agreement", "kind of agreement"),
        "agreement_ends_on": (
            "fin de l'entente",
            "echeance de l'entente",
            "entente jusqu'au",
            "agreement ends",
            "agreement end",
            "end of agreement",
        ),
        "referrals": ("references", "referencement"),
        "information": ("echange d'information", "information sharing"),
        "resources": ("ressources", "ressources partagees", "shared resources"),
        "joint_projects": ("projets communs", "projets conjoints"),
        "note": ("commentaire", "comment", "remarque"),
        **_RATINGS,
    },
    "networks": {
        "id": ("identifiant", "code"),
        "name": ("nom",),
        "territory": ("territoire",),
        "themes": ("theme", "thematiques"),
        "populations": ("population", "population cible", "populations cibles"),
    },
}

_LOOKUP: dict[str, dict[str, str]] = {
    table: {match_key(alias): name for name, aliases in fields.items() for alias in (name, *aliases)}
    for table, fields in VOCABULARY.items()
}


def canonical_field(table: str, header: str) -> str | None:
    """The field a header names in ``table``, or ``None`` when it means nothing to Maillage.

    >>> canonical_field("ties", "Organisme 1"), canonical_field("ties", "Formalité")
    ('source', 'formality')
    >>> canonical_field("organizations", "Région"), canonical_field("organizations", "couleur") is None
    ('region', True)
    """
    return _LOOKUP.get(table, {}).get(match_key(header))


def known_header(table: str, header: str) -> bool:
    return canonical_field(table, header) is not None
