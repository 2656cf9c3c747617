"""Accent- and case-insensitive search, the same on SQLite and PostgreSQL."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Lower-case `text` and strip its accents: "Société Saint-Éloi" -> "societe saint-eloi"."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def search_terms(query: str) -> list[str]:
    """Split a search box entry into folded words; every word must match."""
    return [word for word in fold(query).split() if word][:8]
