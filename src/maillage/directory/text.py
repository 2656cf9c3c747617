"""Names as people can read them: no invisible characters, and a warning for look-alike letters.

A zero-width space makes "Centre Éole" and "Centre\u200bÉole" two organizations that look the same; a
right-to-left override shows a name backwards in every list; a Cyrillic "С" makes a twin that a person
cannot tell from the original. Invisible and bidirectional control characters (Unicode's "format"
category, plus other controls) are removed from names wherever they are saved (forms, the API,
imports); look-alike letters are kept (they may be someone's real name) but are mapped to their Latin
twin for the duplicate check, which flags the pair.
"""

from __future__ import annotations

import re
import unicodedata

# Letters of other scripts drawn like Latin ones (Unicode's confusables, the ones seen in practice).
LOOKALIKES = str.maketrans(
    {
        # Cyrillic
        "а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c",
        "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ј": "j", "ԁ": "d", "ԛ": "q", "ԝ": "w",
        "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
        "Т": "T", "У": "Y", "Х": "X", "Ѕ": "S", "І": "I", "Ј": "J",
        # Greek
        "α": "a", "ο": "o", "ρ": "p", "ν": "v", "ι": "i", "κ": "k", "τ": "t", "υ": "u", "χ": "x",
        "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
        "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    }
)  # fmt: skip
SPACES = re.compile(r"\s+")


def strip_invisible(text: str) -> str:
    """Without format characters (zero-width, bidi controls, soft hyphen) and control characters;
    composed (NFC) and with runs of spaces made one."""
    if not text:
        return text
    kept = "".join(
        ch for ch in unicodedata.normalize("NFC", text) if unicodedata.category(ch) not in ("Cf", "Cc", "Co")
    )
    return SPACES.sub(" ", kept).strip()


def skeleton(text: str) -> str:
    """The name with look-alike letters of other scripts replaced by their Latin twins."""
    return (text or "").translate(LOOKALIKES)


def has_lookalikes(text: str) -> bool:
    """Whether the name mixes Latin letters with letters of another script drawn the same."""
    text = text or ""
    return skeleton(text) != text and any("a" <= ch.casefold() <= "z" for ch in text)
