"""Numbers written the reader's way (the rules live in `maillage.analysis.measures`, which the command
line shares): `13,9 %`, `1 139`, `+0,2 pt` in French; `13.9%`, `1,139` in English. Without a language,
the active language of the request is used.
"""

from __future__ import annotations

from django.utils import translation

from maillage.analysis.measures import NO_DATA, Value, write_number, write_percent, write_points


def reader_language(language: str | None = None) -> str:
    code = (language or translation.get_language() or "fr")[:2]
    return code if code in ("fr", "en") else "fr"


def number(value: Value, digits: int = 0, *, language: str | None = None, sign: bool = False) -> str:
    return write_number(value, digits, language=reader_language(language), sign=sign)


def percent(share: Value, digits: int = 1, *, language: str | None = None) -> str:
    return write_percent(share, digits, language=reader_language(language))


def points(change: Value, digits: int = 1, *, language: str | None = None) -> str:
    return write_points(change, digits, language=reader_language(language))


__all__ = ["NO_DATA", "number", "percent", "points", "reader_language"]
