"""Search relevance on a small French/English corpus: accents, plurals, case, ranking, facets, privacy.

The same assertions run on SQLite (FTS5) and on PostgreSQL (full-text search), see docs/initiatives.md.
"""

from __future__ import annotations

import pytest
from django.db import connection

from maillage.directory.models import Population
from maillage.initiatives.models import Determinant, Stage, Visibility
from maillage.initiatives.search import FTS_TABLE, facet_counts, search_initiatives, stem, words
from tests.initiatives.helpers import make_initiative

PUBLIC = Visibility.PUBLIC


@pytest.fixture
def corpus(network_a, network_b):
    rows = {
        "seniors": make_initiative(
            network_a,
            "Services à domicile pour les aînés",
            visibility=PUBLIC,
            summary_fr="Des intervenants visitent les personnes âgées isolées.",
            title_en="Home services for seniors",
        ),
        "suicide": make_initiative(
            network_a,
            "Prévention du suicide",
            visibility=PUBLIC,
            summary_fr="Une ligne d'écoute 24/7 et un suivi des proches endeuillés.",
            stage=Stage.DOCUMENTED,
        ),
        "jobs": make_initiative(
            network_a,
            "Santé et emploi",
            visibility=PUBLIC,
            summary_fr="Soutien psychosocial aux travailleurs après des pertes d'emplois.",
            summary_en="Support to workers after job losses; seniors are welcome too.",
        ),
        "english": make_initiative(
            network_a,
            "",
            title_en="Caregivers' Café",
            visibility=PUBLIC,
            summary_fr="",
            summary_en="A monthly café where caregivers of seniors meet and share.",
        ),
        "secret": make_initiative(
            network_b, "Hébergement d'urgence", summary_fr="Un projet privé du réseau B pour les aînés."
        ),
    }
    return rows


def ids(queryset):
    return [i.pk for i in queryset]


def test_words_fold_accents_case_plurals_and_ligatures():
    assert words("Aînés ÉCOLES cœur jeux bus") == ["aine", "ecole", "coeur", "jeu", "bus"]
    assert stem("services") == stem("service") == "service"


@pytest.mark.parametrize("query", ["aînés", "AINES", "aine", "Aîné", "ainés"])
def test_accents_case_and_plurals_find_the_same_initiatives(corpus, query):
    found = ids(search_initiatives(query, {}, None))
    assert set(found) == {corpus["seniors"].pk}  # the private one of network B also says "aînés"


def test_english_words_and_english_plurals(corpus):
    assert set(ids(search_initiatives("senior", {}, None))) == {
        corpus["seniors"].pk,
        corpus["jobs"].pk,
        corpus["english"].pk,
    }
    assert ids(search_initiatives("caregiver", {}, None)) == [corpus["english"].pk]


def test_every_word_must_match(corpus):
    assert ids(search_initiatives("emploi travailleurs", {}, None)) == [corpus["jobs"].pk]
    assert ids(search_initiatives("emploi suicide", {}, None)) == []


def test_a_title_match_ranks_before_a_body_match(corpus):
    # "seniors" is in the English title of one initiative and only in the body of two others.
    assert ids(search_initiatives("seniors", {}, None))[0] == corpus["seniors"].pk


def test_hostile_queries_are_only_words(corpus):
    for query in ['"', "NEAR(", "aînés* OR 1=1", "') ; DROP TABLE x; --", "<script>", "x" * 5000, ":*&|!"]:
        list(search_initiatives(query, {}, None))  # no error
    assert ids(search_initiatives('"aînés" OR', {}, None)) == []  # "or" is an ordinary required word


def test_private_initiatives_only_for_their_networks(corpus, member, outsider, admin):
    assert corpus["secret"].pk not in ids(search_initiatives("aînés", {}, member))
    assert corpus["secret"].pk in ids(search_initiatives("aînés", {}, outsider))
    assert corpus["secret"].pk in ids(search_initiatives("aînés", {}, admin))
    assert corpus["secret"].pk not in ids(search_initiatives("aînés", {}, None))


def test_filters_and_facets(corpus, network_a):
    seniors = Population.objects.get(code="seniors")
    lifestyle = Determinant.objects.get(code="lifestyle")
    corpus["seniors"].populations.add(seniors)
    corpus["jobs"].determinants.add(lifestyle)
    assert ids(search_initiatives("", {"population": seniors}, None)) == [corpus["seniors"].pk]
    assert ids(search_initiatives("", {"stage": Stage.DOCUMENTED}, None)) == [corpus["suicide"].pk]
    region = network_a.territory.parent.parent
    assert len(ids(search_initiatives("", {"region": region}, None))) == 4
    facets = facet_counts(search_initiatives("", {}, None))
    assert [(p.code, n) for p, n in facets["population"]] == [("seniors", 1)]
    assert [(d.code, n) for d, n in facets["determinant"]] == [("lifestyle", 1)]
    assert [(r.pk, n) for r, n in facets["region"]] == [(region.pk, 4)]
    assert {code: n for code, _, n in facets["stage"]} == {"running": 3, "documented": 1}


def test_edits_and_deletes_keep_the_index_in_step(corpus):
    corpus["suicide"].title_fr = "Écoute téléphonique"
    corpus["suicide"].summary_fr = "Une ligne d'écoute."
    corpus["suicide"].save()
    assert ids(search_initiatives("suicide", {}, None)) == []
    assert ids(search_initiatives("telephonique", {}, None)) == [corpus["suicide"].pk]
    pk = corpus["suicide"].pk
    corpus["suicide"].delete()
    assert ids(search_initiatives("ecoute", {}, None)) == []
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {FTS_TABLE} WHERE rowid = %s", [pk])  # noqa: S608
            assert cursor.fetchone()[0] == 0


def test_partner_names_are_searchable(corpus):
    corpus["jobs"].partners.create(name="Carrefour jeunesse emploi Memphrémagog", role="Soutien")
    assert ids(search_initiatives("memphremagog", {}, None)) == [corpus["jobs"].pk]
