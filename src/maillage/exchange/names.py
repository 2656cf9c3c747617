"""Normalised organization names, and the fuzzy search for organizations that may be duplicates.

"Centre d'entraide Éole inc." and "CENTRE D'ENTRAIDE EOLE" are the same key; "Centre d'entraide Eole de
Québec" is only close, and is proposed as a possible duplicate for a person to confirm — never merged
on its own.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from maillage.directory.text import has_lookalikes, skeleton, strip_invisible

# Legal forms and filler that say nothing about which organization it is.
LEGAL_WORDS = {
    "inc", "incorporee", "incorporated", "ltee", "ltd", "limitee", "limited", "obnl", "osbl", "enr", "senc",
    "corp", "corporation", "cie", "co", "llc", "the", "le", "la", "les", "l", "du", "de", "des", "d",
}  # fmt: skip
FUZZY_THRESHOLD = 90
BLOCK = 1000


def normalize_name(name: str) -> str:
    """The key two spellings of one organization share.

    >>> normalize_name("Centre d'entraide Éole, Inc.") == normalize_name("CENTRE D ENTRAIDE EOLE")
    True
    """
    # Look-alike letters of other scripts count as their Latin twins: "Сentre" (Cyrillic С) is "Centre".
    decomposed = unicodedata.normalize("NFKD", skeleton(strip_invisible(name or "")))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    words = re.sub(r"[^0-9a-z]+", " ", bare).split()
    kept = [word for word in words if word not in LEGAL_WORDS]
    return " ".join(kept or words)


@dataclass(frozen=True)
class Candidate:
    first_id: int
    second_id: int
    score: float
    # One of the two names mixes Latin letters with look-alikes from another script: maybe a decoy.
    lookalike: bool = False


def duplicate_candidates(
    names: Iterable[tuple[int, str]], threshold: float = FUZZY_THRESHOLD, limit: int = 500
) -> list[Candidate]:
    """Pairs of organizations whose normalised names are equal or close, best first.

    `names` gives (id, name) pairs; an organization with two names appears twice. rapidfuzz's C matrix
    keeps this quick for a few thousand organizations.
    """
    ids: list[int] = []
    keys: list[str] = []
    suspicious: set[int] = set()
    for pk, name in names:
        key = normalize_name(name)
        if has_lookalikes(name):
            suspicious.add(pk)
        if key:
            ids.append(pk)
            keys.append(key)
    if not keys:
        return []
    best: dict[tuple[int, int], float] = {}
    # Row blocks keep memory at BLOCK x n bytes (a full matrix of 40,000 names would need gigabytes).
    for start in range(0, len(keys), BLOCK):
        matrix = process.cdist(
            keys[start : start + BLOCK], keys, scorer=fuzz.token_sort_ratio, score_cutoff=threshold,
            dtype=np.uint8, workers=1,
        )  # fmt: skip
        rows, cols = matrix.nonzero()
        for i, j in zip((rows + start).tolist(), cols.tolist(), strict=True):
            if ids[i] >= ids[j]:
                continue
            pair = (ids[i], ids[j])
            best[pair] = max(best.get(pair, 0.0), float(matrix[i - start, j]))
    pairs = [Candidate(a, b, score, bool({a, b} & suspicious)) for (a, b), score in best.items()]
    pairs.sort(key=lambda c: (-c.score, c.first_id, c.second_id))
    return pairs[:limit]
