"""The words of the data model and their French/English spellings.

Levels follow the collaboration scale of Frey et al. (2006); their ordinal (0..5) is the tie weight used by
weighted degree and relative connectivity. ``none`` (0) records that a tie known in the history is absent at
that date, so it never becomes an edge.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


def gettext_noop(text: str) -> str:
    """Return ``text`` unchanged; marks an English name for the translation catalogue (Django's
    ``makemessages`` collects the strings given to a function of this name), so the web app's labels and
    this module's French names come from the same words."""
    return text


@dataclass(frozen=True)
class Term:
    """One word of the vocabulary: the code stored in data and files, and its names in English and French."""

    code: str
    en: str
    fr: str

    def name(self, lang: str) -> str:
        """The name in ``lang`` (``fr`` or ``en``; anything else gives English)."""
        return self.fr if lang == "fr" else self.en


LEVEL_TERMS: tuple[Term, ...] = (
    Term("none", gettext_noop("None"), "Aucun"),
    Term("networking", gettext_noop("Networking"), "Réseautage"),
    Term("cooperation", gettext_noop("Cooperation"), "Coopération"),
    Term("coordination", gettext_noop("Coordination"), "Coordination"),
    Term("coalition", gettext_noop("Coalition"), "Coalition"),
    Term("collaboration", gettext_noop("Collaboration"), "Collaboration"),
)
FORMALITY_TERMS: tuple[Term, ...] = (
    Term("formal", gettext_noop("Formal"), "Formel"),
    Term("informal", gettext_noop("Informal"), "Informel"),
)
ROLE_TERMS: tuple[Term, ...] = (
    Term("lead", gettext_noop("Lead"), "Organisme porteur"),
    Term("coordinator", gettext_noop("Coordinator"), "Coordination"),
    Term("member", gettext_noop("Member"), "Membre"),
    Term("observer", gettext_noop("Observer"), "Observateur"),
)
SECTOR_FAMILY_TERMS: tuple[Term, ...] = (
    Term("public", gettext_noop("Public institution"), "Établissement public"),
    Term("community", gettext_noop("Community and civil society"), "Communautaire et société civile"),
    Term("private", gettext_noop("Private"), "Privé"),
    Term("other", gettext_noop("Other"), "Autre"),
)

LEVELS: tuple[str, ...] = tuple(term.code for term in LEVEL_TERMS)
LEVEL_ORDINAL: dict[str, int] = {name: i for i, name in enumerate(LEVELS)}
MAX_LEVEL = len(LEVELS) - 1
FORMALITIES: tuple[str, ...] = tuple(term.code for term in FORMALITY_TERMS)
ROLES: tuple[str, ...] = tuple(term.code for term in ROLE_TERMS)
SECTOR_FAMILIES: tuple[str, ...] = tuple(term.code for term in SECTOR_FAMILY_TERMS)


def level_name(level: int | str, lang: str) -> str:
    """The name of a level (its ordinal or its code) in ``lang``: ``level_name(2, "fr") == "Coopération"``."""
    ordinal = level if isinstance(level, int) else LEVEL_ORDINAL[level]
    return LEVEL_TERMS[ordinal].name(lang)


TRUST_DIMENSIONS: tuple[str, ...] = ("reliability", "mission_alignment", "openness")
VALUE_DIMENSIONS: tuple[str, ...] = ("power_influence", "involvement", "resource_contribution")
RATING_DIMENSIONS: tuple[str, ...] = TRUST_DIMENSIONS + VALUE_DIMENSIONS
RATING_MIN, RATING_MAX = 1.0, 4.0


def match_key(text: str) -> str:
    """Lower-case ``text`` and strip accents, spaces, dashes and underscores, for lenient matching.

    >>> match_key("  Coopération ") == match_key("cooperation") == "cooperation"
    True
    """
    decomposed = unicodedata.normalize("NFKD", str(text))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return "".join(ch for ch in bare.lower() if ch.isalnum())


_LEVEL_ALIASES: dict[str, int] = {
    match_key(name): i for i, term in enumerate(LEVEL_TERMS) for name in (term.code, term.en, term.fr)
} | {"aucune": 0, "absent": 0, "absente": 0}

_FORMALITY_ALIASES: dict[str, bool] = {
    "formal": True,
    "formel": True,
    "formelle": True,
    "informal": False,
    "informel": False,
    "informelle": False,
}

_FAMILY_ALIASES: dict[str, str] = {match_key(name): name for name in SECTOR_FAMILIES} | {
    "communautaire": "community",
    "prive": "private",
    "autre": "other",
}

_ROLE_ALIASES: dict[str, str] = {match_key(name): name for name in ROLES} | {
    "responsable": "lead",
    "porteur": "lead",
    "coordonnateur": "coordinator",
    "coordonnatrice": "coordinator",
    "coordination": "coordinator",
    "membre": "member",
    "observateur": "observer",
    "observatrice": "observer",
}


def parse_level(value: object) -> int | None:
    """Return the ordinal of a level given as a name (English or French) or an integer 0..5, else ``None``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) and float(value).is_integer() and 0 <= value <= MAX_LEVEL:
        return int(value)
    if isinstance(value, str):
        key = match_key(value)
        if key.isdigit() and 0 <= int(key) <= MAX_LEVEL:
            return int(key)
        return _LEVEL_ALIASES.get(key)
    return None


# Booleans as people write them in spreadsheets; an empty cell is "no".
_YES = frozenset({"oui", "yes", "x", "1", "true", "vrai", "o", "y", "1.0"})
_NO = frozenset({"", "non", "no", "0", "false", "faux", "n", "0.0"})


def parse_bool(value: object) -> bool | None:
    """Return ``True``/``False`` for oui/non, yes/no, vrai/faux, true/false, x/empty, 1/0, else ``None``.

    >>> [parse_bool(v) for v in ("Oui", "non", "X", "", "VRAI", "0", "peut-être")]
    [True, False, True, False, True, False, None]
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    if not isinstance(value, str):
        return None
    key = match_key(value) if value.strip() not in ("1.0", "0.0") else value.strip()
    return True if key in _YES else False if key in _NO else None


def parse_formality(value: object) -> bool | None:
    """Return ``True`` for formal, ``False`` for informal, else ``None``.

    Formality is written as a word (formel, informal …) or, in a column called "formel" or "formal", as a
    yes/no answer (oui/non, yes/no, x, 1/0 …).

    >>> [parse_formality(v) for v in ("Formelle", "informal", "oui", "no", "x", "souvent")]
    [True, False, True, False, True, None]
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        word = _FORMALITY_ALIASES.get(match_key(value))
        return word if word is not None else parse_bool(value)
    return parse_bool(value)


def parse_family(value: object) -> str | None:
    """Return the canonical sector family for an English or French spelling, else ``None``."""
    return _FAMILY_ALIASES.get(match_key(value)) if isinstance(value, str) else None


def parse_role(value: object) -> str | None:
    """Return the canonical membership role for an English or French spelling, else ``None``."""
    return _ROLE_ALIASES.get(match_key(value)) if isinstance(value, str) else None
