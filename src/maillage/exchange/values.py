"""Values matched, not only headers: sectors, territories, levels and roles as people type them.

When a cell's value is not a known code or name, the dry run groups the distinct unknown values and
proposes a match: the same words without accents, case or plural, a synonym people use ("Santé et services
sociaux" is the CISSS, "Habitation" the housing office), or a close spelling (rapidfuzz). The coordinator
accepts or corrects each proposal once (web: the values screen; command line: ``--map-value`` and
``--accept-suggestions``), and the answers are remembered for the network like the column mapping.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process

from maillage.analysis.headers import TERRITORY_FIELDS, canonical_field
from maillage.analysis.vocabulary import match_key
from maillage.directory.models import Sector
from maillage.exchange.models import ValueMapping

MATCHED_FIELDS = ("sector", "territory", "level", "role")
FUZZY_CUTOFF = 85
# A file may hold 100,000 distinct made-up values: only this many get a proposal and a line in the report
# (each proposal compares the value with every known name), the others are errors as they are.
MAX_DISTINCT = 500

# Words people write for a sector, folded, with the sector's code.
SECTOR_SYNONYMS: dict[str, str] = {
    match_key(word): code
    for code, words in {
        "cisss": ("Santé et services sociaux", "Réseau de la santé", "Santé", "Services sociaux", "CIUSSS",
                  "CSSS", "Réseau public de santé", "Health and social services"),
        "school_service_centre": ("Éducation", "Education", "École", "Écoles", "Scolaire", "CSS", "School",
                                  "Commission scolaire", "Centre de services scolaire"),
        "housing_office": ("Habitation", "Logement", "Office municipal d'habitation", "OMH", "OH", "Housing"),
        "foundation": ("Fondation", "Philanthropie", "Bailleur de fonds", "Foundation", "Philanthropy"),
        "community_organization": ("Communautaire", "OBNL", "OSBL", "Organisme à but non lucratif",
                                   "Milieu communautaire", "Community", "Nonprofit", "Non-profit"),
        "municipal": ("Municipalité", "Ville", "MRC", "Municipal", "City", "Municipality"),
        "college": ("Cégep", "Collège", "College"),
        "university": ("Université", "University"),
        "employment": ("Emploi", "Services Québec", "Carrefour jeunesse-emploi", "CJE", "Employment"),
        "public_security": ("Police", "Sécurité publique", "SPVM", "Sûreté du Québec", "SQ", "Policing"),
        "private_business": ("Entreprise", "Privé", "Commerce", "Entreprise privée", "Business", "Private"),
        "hospital": ("Hôpital", "Centre hospitalier", "CH", "Hospital"),
        "public_health": ("Santé publique", "DSP", "DRSP", "Direction de santé publique", "Public health"),
        "pharmacy": ("Pharmacie", "Pharmacy"),
        "other_government": ("Ministère", "Gouvernement", "Gouvernement du Québec", "Government", "Ministry"),
    }.items()
    for word in words
}  # fmt: skip

ROLE_SYNONYMS: dict[str, str] = {
    match_key(word): code
    for code, words in {
        "lead": ("Président", "Présidente", "Présidence", "Porte-parole", "Fiduciaire", "Chair", "Leader"),
        "coordinator": ("Coordination", "Coordonnateur", "Coordinatrice", "Coordo"),
        "member": ("Partenaire", "Membre actif", "Membre régulier", "Partner", "Participant"),
        "observer": ("Invité", "Invitée", "Observateur", "Guest"),
    }.items()
    for word in words
}  # fmt: skip

SYNONYMS: dict[str, dict[str, str]] = {"sector": SECTOR_SYNONYMS, "role": ROLE_SYNONYMS}


def _singular(key: str) -> str:
    return key[:-1] if len(key) > 3 and key[-1] in "sx" else key


def suggest(field: str, value: str, candidates: Mapping[str, Any]) -> str | None:
    """The folded key among ``candidates`` that ``value`` most likely means, or None.

    >>> suggest("sector", "Habitation", {"housingoffice": 1, "housing_office": 1, "clsc": 2})
    'housing_office'
    >>> suggest("sector", "CLSCs", {"clsc": 2}), suggest("sector", "zzz", {"clsc": 2})
    ('clsc', None)
    """
    key = match_key(value)
    if not key or not candidates:
        return None
    singular = _singular(key)
    for candidate in candidates:
        if _singular(candidate) == singular:
            return candidate
    synonym = SYNONYMS.get(field, {}).get(key) or SYNONYMS.get(field, {}).get(singular)
    if synonym and match_key(synonym) in candidates:
        return match_key(synonym)
    if synonym and synonym in candidates:
        return synonym
    best = process.extractOne(key, list(candidates), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    return best[0] if best else None


@dataclass
class Unknown:
    field: str
    value: str
    rows: int = 0
    suggestion: str = ""  # the code proposed ("" when nothing is close)
    suggestion_label: str = ""
    accepted: bool = False

    def as_dict(self) -> dict[str, object]:
        return {"field": self.field, "value": self.value, "rows": self.rows, "suggestion": self.suggestion,
                "suggestion_label": self.suggestion_label, "accepted": self.accepted}  # fmt: skip


class ValueMatcher:
    """Answers given for unknown values, and the unknown values met while checking a file."""

    def __init__(self, answers: Mapping[str, Mapping[str, str]] | None = None, accept: bool = False) -> None:
        self.answers = {
            field: {match_key(v): code for v, code in values.items()}
            for field, values in (answers or {}).items()
        }
        self.accept = accept
        self.unknown: dict[tuple[str, str], Unknown] = {}

    def match(
        self, field: str, text: str, candidates: Mapping[str, Any], describe: Callable[[Any], tuple[str, str]]
    ) -> Any:
        """The candidate an unknown ``text`` is taken for (an answer, or an accepted proposal), else None.

        ``candidates`` are keyed by folded code or name; ``describe(candidate)`` gives its (code, label).
        """
        key = match_key(text)
        answer = self.answers.get(field, {}).get(key)
        if answer is not None:
            return candidates.get(match_key(answer)) if answer else None
        unknown = self.unknown.get((field, key))
        if unknown is None:
            if len(self.unknown) >= MAX_DISTINCT:
                return None
            proposed = suggest(field, text, candidates)
            unknown = Unknown(field, text.strip()[:100])
            if proposed is not None:
                unknown.suggestion, unknown.suggestion_label = describe(candidates[proposed])
                unknown.accepted = self.accept
            self.unknown[(field, key)] = unknown
        unknown.rows += 1
        if unknown.accepted:
            return candidates.get(match_key(unknown.suggestion))
        return None

    def proposal(self, field: str, text: str) -> str:
        unknown = self.unknown.get((field, match_key(text)))
        return unknown.suggestion_label if unknown and not unknown.accepted else ""

    def report(self) -> list[dict[str, object]]:
        return [u.as_dict() for u in sorted(self.unknown.values(), key=lambda u: (u.field, -u.rows, u.value))]


def field_of(text: str) -> str | None:
    """The matched field a word names ("secteur", "Région", "niveau", "role" …), or None.

    >>> field_of("secteur"), field_of("Municipalité"), field_of("Niveau"), field_of("couleur")
    ('sector', 'territory', 'level', None)
    """

    for table in ("organizations", "ties", "memberships"):
        name = canonical_field(table, text)
        if name in TERRITORY_FIELDS:
            return "territory"
        if name in MATCHED_FIELDS:
            return name
    return None


def remembered_values(network_id: int | None) -> dict[str, dict[str, str]]:

    answers: dict[str, dict[str, str]] = {}
    for field, value, target in ValueMapping.objects.filter(network_id=network_id).values_list(
        "field", "value", "target"
    ):
        answers.setdefault(field, {})[value] = target
    return answers


def remember_values(network_id: int | None, answers: Mapping[str, Mapping[str, str]]) -> None:

    for field, values in answers.items():
        for value, target in values.items():
            ValueMapping.objects.update_or_create(
                network_id=network_id,
                field=field,
                value=match_key(value)[:200],
                defaults={"target": target[:60]},
            )


def do_add_sectors(answers: Mapping[str, str]) -> dict[str, str]:
    """Create the sectors an administrator chose to add ("__new__" answers), returning the answers with
    their codes. Sectors are shared by every network: only administrators reach this."""
    from django.db import transaction
    from django.utils.text import slugify

    resolved = dict(answers)
    with transaction.atomic():
        for value, target in answers.items():
            if target != "__new__":
                continue
            name = " ".join(value.split())[:100]
            base = slugify(name)[:34] or "sector"
            code, suffix = base, 2
            while Sector.objects.filter(code=code).exists():
                code, suffix = f"{base}-{suffix}", suffix + 1
            order = (Sector.objects.order_by("-order").values_list("order", flat=True).first() or 0) + 1
            Sector.objects.create(code=code, name_fr=name, name_en=name, family="other", order=order)
            resolved[value] = code
    return resolved
