"""The blocked name index finds what the full comparison finds, comparing each name with a few only."""

from __future__ import annotations

import random

from bench.names import directory, respell
from rapidfuzz import fuzz, process

from maillage.exchange.names import FUZZY_THRESHOLD, NameIndex, normalize_name


def test_the_index_finds_respelt_names_and_new_names_find_nothing_far():
    index = NameIndex([normalize_name(n) for n in ["Centre d'entraide Éole", "Maison de la famille Boréal"]])
    assert index.closest(normalize_name("CENTRE D'ENTRAIDE EOLE inc."))[1] == 100.0
    assert index.closest(normalize_name("Centre d'entriade Eole")) is not None  # one typo
    assert index.closest(normalize_name("Pharmacie du Coin")) is None


def test_blocking_agrees_with_the_full_comparison_on_a_generated_directory():
    names = directory(3000)
    keys = list(dict.fromkeys(normalize_name(n) for n in names))
    index = NameIndex(keys)
    rng = random.Random(1)
    compared = []
    for name in rng.sample(names, 200):
        key = normalize_name(respell(name, rng))
        full = process.extractOne(key, keys, scorer=fuzz.token_sort_ratio, score_cutoff=FUZZY_THRESHOLD)
        blocked = index.closest(key)
        assert (blocked is None) == (full is None) and (full is None or blocked[1] == full[1])
        compared.append(len(index.candidates(key)))
    assert max(compared) < len(keys) / 5  # a few names each, not the whole directory
