"""The words of the data model and their French/English spellings.

Levels follow the collaboration scale of Frey et al. (2006); their ordinal (0..5) is the tie weight used by
weighted degree and relative connectivity. ``none`` (0) records that a tie known in the history is absent at
that date, so it never becomes an edge.
"""

from __future__ import annotations

import unicodedata

LEVELS: tuple[str, ...] = ("none", "networking", "cooperation", "coordination", "coalition", "collaboration")
LEVEL_ORDINAL: dict[str, int] = {name: i for i, name in enumerate(LEVELS)}
MAX_LEVEL = len(LEVELS) - 1

SECTOR_FAMILIES: tuple[str, ...] = ("public", "community", "private", "other")
FORMALITIES: tuple[str, ...] = ("formal", "informal")
ROLES: tuple[str, ...] = ("lead", "coordinator", "member", "observer")

TRUST_DIMENSIONS: tuple[str, ...] = ("reliability", "mission_alignment", "openness")
VALUE_DIMENSIONS: tuple[str, ...] = ("power_influence", "involvement", "resource_contribution")
RATING_DIMENSIONS: tuple[str, ...] = TRUST_DIMENSIONS + VALUE_DIMENSIONS
RATING_MIN, RATING_MAX = 1.0, 4.0


def fold(text: str) -> str:
    """Lower-case ``text`` and strip accents, spaces, dashes and underscores, for lenient matching.

    >>> fold("  Coopération ") == fold("cooperation")
    True
    """
    decomposed = unicodedata.normalize("NFKD", str(text))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return "".join(ch for ch in bare.lower() if ch.isalnum())


_LEVEL_ALIASES: dict[str, int] = (
    {fold(name): i for i, name in enumerate(LEVELS)}
    | {
        fold(fr): i
        for i, fr in enumerate(
            ("aucun", "réseautage", "coopération", "coordination", "coalition", "collaboration")
        )
    }
    | {"aucune": 0, "absent": 0, "absente": 0}
)

_FORMALITY_ALIASES: dict[str, bool] = {
    "formal": True,
    "formel": True,
    "formelle": True,
    "informal": False,
    "informel": False,
    "informelle": False,
}

_FAMILY_ALIASES: dict[str, str] = {fold(name): name for name in SECTOR_FAMILIES} | {
    "communautaire": "community",
    "prive": "private",
    "autre": "other",
}

_ROLE_ALIASES: dict[str, str] = {fold(name): name for name in ROLES} | {
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
        key = fold(value)
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
    key = fold(value) if value.strip() not in ("1.0", "0.0") else value.strip()
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
        word = _FORMALITY_ALIASES.get(fold(value))
        return word if word is not None else parse_bool(value)
    return parse_bool(value)


def parse_family(value: object) -> str | None:
    """Return the canonical sector family for an English or French spelling, else ``None``."""
    return _FAMILY_ALIASES.get(fold(value)) if isinstance(value, str) else None


def parse_role(value: object) -> str | None:
    """Return the canonical membership role for an English or French spelling, else ``None``."""
    return _ROLE_ALIASES.get(fold(value)) if isinstance(value, str) else None
