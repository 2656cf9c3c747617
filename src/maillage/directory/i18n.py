"""Bilingual content typed by people: `name_fr` / `name_en` pairs that fall back to each other."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language


def pick_language(french: str, english: str, language: str | None = None) -> str:
    """Return the text in the active language, or the other one when it was typed in one language only."""
    language = (language or get_language() or "fr")[:2]
    first, second = (english, french) if language == "en" else (french, english)
    return first or second


class BilingualNameMixin(models.Model):
    """Adds `name_fr`, `name_en` and a `name` property in the active language."""

    name_fr = models.CharField("nom (français)", max_length=200, blank=True)
    name_en = models.CharField("name (English)", max_length=200, blank=True)

    class Meta:
        abstract = True

    @property
    def name(self) -> str:
        return pick_language(self.name_fr, self.name_en)

    def __str__(self) -> str:
        return self.name
