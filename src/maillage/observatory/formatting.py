"""Numbers written in the reader's language: the rules live in `maillage.analysis.measures`, which the
command line shares; here the active language of the request is used when none is given.
"""

from __future__ import annotations

from django.utils import translation

from maillage.analysis.measures import NO_DATA, Value, write_percent


def reader_language(language: str | None = None) -> str:
    code = (language or translation.get_language() or "fr")[:2]
    return code if code in ("fr", "en") else "fr"


def percent(share: Value, digits: int = 1, *, language: str | None = None) -> str:
    return write_percent(share, digits, language=reader_language(language))


__all__ = ["NO_DATA", "percent", "reader_language"]
