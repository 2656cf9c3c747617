"""Accent- and case-insensitive search, the same on SQLite and PostgreSQL."""

from __future__ import annotations

import unicodedata


def casefold_unaccented(text: str) -> str:
    """Case-fold `text` and strip its accents, keeping spaces and punctuation for word search:
    "Société Saint-Éloi" -> "societe saint-eloi". (`maillage.analysis.vocabulary.match_key` also drops
    spaces and punctuation, for matching codes and headers.)"""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def search_terms(query: str) -> list[str]:
    """Split a search box entry into folded words; every word must match."""
    return [word for word in casefold_unaccented(query).split() if word][:8]
