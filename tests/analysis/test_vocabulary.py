"""One vocabulary: the app's choices, charts, exports and the command line read the analysis core's words."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from maillage.analysis.vocabulary import (
    FORMALITY_TERMS,
    LEVEL_TERMS,
    LEVELS,
    ROLE_TERMS,
    SECTOR_FAMILY_TERMS,
    Term,
    level_name,
    match_key,
    parse_family,
    parse_formality,
    parse_level,
    parse_role,
)
from maillage.directory.models import SectorFamily
from maillage.directory.search import casefold_unaccented
from maillage.networks.models import MembershipRole
from maillage.ties.models import LEVEL_CODES, Formality, Level

VOCABULARIES = [
    (Level, LEVEL_TERMS, lambda i, term: i),
    (Formality, FORMALITY_TERMS, lambda i, term: term.code),
    (MembershipRole, ROLE_TERMS, lambda i, term: term.code),
    (SectorFamily, SECTOR_FAMILY_TERMS, lambda i, term: term.code),
]


@pytest.mark.parametrize(("choices", "terms", "value"), VOCABULARIES)
def test_the_database_choices_are_the_vocabulary(choices: Any, terms: tuple[Term, ...], value: Any) -> None:
    assert choices.values == [value(i, term) for i, term in enumerate(terms)]
    with translation.override("en"):
        assert [str(label) for label in choices.labels] == [term.en for term in terms]


@pytest.mark.parametrize("term", [*LEVEL_TERMS, *FORMALITY_TERMS, *ROLE_TERMS, *SECTOR_FAMILY_TERMS])
def test_the_french_names_are_the_catalogues(term: Term) -> None:
    with translation.override("fr"):
        assert translation.gettext(term.en) == term.fr


def test_every_name_reads_back_as_its_code() -> None:
    assert dict(enumerate(LEVELS)) == LEVEL_CODES
    for i, term in enumerate(LEVEL_TERMS):
        assert parse_level(term.fr) == parse_level(term.en) == parse_level(term.code) == i
        assert level_name(i, "fr") == level_name(term.code, "fr") == term.fr
    for term in FORMALITY_TERMS:
        assert parse_formality(term.fr) == parse_formality(term.en) == (term.code == "formal")
    assert [parse_role(term.code) for term in ROLE_TERMS] == [term.code for term in ROLE_TERMS]
    assert [parse_family(term.code) for term in SECTOR_FAMILY_TERMS] == [t.code for t in SECTOR_FAMILY_TERMS]


def test_the_two_normalisations_say_what_they_keep() -> None:
    assert match_key(" Saint-Éloi_Nord ") == "sainteloinord"
    assert casefold_unaccented("Saint-Éloi Nord") == "saint-eloi nord"
