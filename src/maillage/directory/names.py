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


BLOCK_PREFIX = 4  # a word's first letters: a typo further in still lands in the same block
RAREST_BLOCKS = 3  # a name is compared with the names sharing two of its three rarest blocks
NO_POSITIONS = np.empty(0, dtype=np.int32)


def blocks(key: str) -> set[str]:
    """The blocking keys of a normalised name: its words' first letters."""
    return {word[:BLOCK_PREFIX] for word in key.split() if word}


def sorted_words(key: str) -> str:
    """The key with its words in order: `fuzz.ratio` of two of these is `fuzz.token_sort_ratio` of the
    keys, and sorting each indexed name once (not once per comparison) is most of the check's time."""
    return " ".join(sorted(key.split()))


def length_allows(lengths: np.ndarray, length: int, threshold: float) -> np.ndarray:
    """Which lengths can still score `threshold`: the ratio is at most 100 × (1 − |a − b| / (a + b)),
    since an edit distance is never below the difference in length."""
    total = lengths + length
    return 100.0 * (total - np.abs(lengths - length)) >= threshold * total


class NameIndex:
    """Normalised names indexed by block, so that a name is compared with the few names sharing one of
    its rarer words, not with the whole directory (which made checking quadratic: 2,000 rows against
    100,000 organizations took 48 s).

    Two names whose token-sorted ratio is 90 or more share nearly all their words; requiring two of the
    query's three rarest word-prefixes in common loses a pair only when two of them are misspelt in their
    first letters (`bench/names.py` measures what is lost against the full comparison). The candidates
    of a block are then narrowed by length (exactly: no name dropped could reach the threshold) and
    scored in one call on word-sorted names.
    """

    def __init__(self, keys: Iterable[str] = ()) -> None:
        self.keys: list[str] = list(keys)
        self.sorted_keys = [sorted_words(key) for key in self.keys]
        self.lengths = np.fromiter((len(k) for k in self.sorted_keys), dtype=np.int32, count=len(self.keys))
        self.first_of: dict[str, int] = {}  # word-sorted name → its first position: an exact match at once
        positions: dict[str, list[int]] = {}
        for position, (key, ordered) in enumerate(zip(self.keys, self.sorted_keys, strict=True)):
            self.first_of.setdefault(ordered, position)
            for block in blocks(key):
                positions.setdefault(block, []).append(position)
        # Sorted arrays: two of three blocks in common is one sort of their concatenation.
        self.postings = {block: np.array(found, dtype=np.int32) for block, found in positions.items()}

    def candidates(self, key: str) -> list[int]:
        """Names sharing at least two of the key's three rarest blocks (one of them, for a key of fewer
        than three words): one misspelt rare word still finds its match."""
        return self.candidate_positions(key).tolist()

    def candidate_positions(self, key: str) -> np.ndarray:
        own = blocks(key)
        rarest = sorted((self.postings[b] for b in own if b in self.postings), key=len)[:RAREST_BLOCKS]
        if not rarest:
            return NO_POSITIONS
        if len(own) < RAREST_BLOCKS or len(rarest) < 2:
            return np.unique(np.concatenate(rarest))
        together = np.sort(np.concatenate(rarest))
        # Each block holds a position once: a position seen twice is in two of the blocks.
        return np.unique(together[1:][together[1:] == together[:-1]])

    def closest(self, key: str, threshold: float = FUZZY_THRESHOLD) -> tuple[str, float] | None:
        """The indexed name closest to `key` with a score of at least `threshold`, or None (the first
        such name in index order when several score the same)."""
        ordered = sorted_words(key)
        exact = self.first_of.get(ordered)
        # 100 is the best score, and the first name scoring it is the first with the same words.
        if ordered and exact is not None:
            return self.keys[exact], 100.0
        positions = self.candidate_positions(key)
        positions = positions[length_allows(self.lengths[positions], len(ordered), threshold)]
        if not len(positions):
            return None
        choices = [self.sorted_keys[i] for i in positions.tolist()]
        found = process.extractOne(ordered, choices, scorer=fuzz.ratio, score_cutoff=threshold)
        return (self.keys[int(positions[found[2]])], float(found[1])) if found else None

    def close(self, key: str, threshold: float = FUZZY_THRESHOLD, limit: int = 5) -> list[tuple[str, float]]:
        """The indexed names scoring at least `threshold` against `key`, best first (at most `limit`)."""
        ordered = sorted_words(key)
        positions = self.candidate_positions(key)
        positions = positions[length_allows(self.lengths[positions], len(ordered), threshold)].tolist()
        choices = [self.sorted_keys[i] for i in positions]
        found = process.extract(ordered, choices, scorer=fuzz.ratio, score_cutoff=threshold, limit=limit)
        return [(self.keys[positions[at]], float(score)) for _text, score, at in found]


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

    `names` gives (id, name) pairs; an organization with two names appears twice. Each name is compared
    with the names of its blocks only (NameIndex).
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
    index = NameIndex(keys)
    for i, key in enumerate(keys):
        # Only the names sharing one of this name's rarer words: near-linear, not all against all.
        later = index.candidate_positions(key)
        later = later[later > i]
        later = later[length_allows(index.lengths[later], len(index.sorted_keys[i]), threshold)].tolist()
        if not later:
            continue
        scores = process.cdist(
            [index.sorted_keys[i]], [index.sorted_keys[j] for j in later], scorer=fuzz.ratio,
            score_cutoff=threshold, dtype=np.uint8, workers=1,
        )[0]  # fmt: skip
        for j, score in zip(later, scores.tolist(), strict=True):
            if score and ids[i] != ids[j]:
                pair = (min(ids[i], ids[j]), max(ids[i], ids[j]))
                best[pair] = max(best.get(pair, 0.0), float(score))
    pairs = [Candidate(a, b, score, bool({a, b} & suspicious)) for (a, b), score in best.items()]
    pairs.sort(key=lambda c: (-c.score, c.first_id, c.second_id))
    return pairs[:limit]
