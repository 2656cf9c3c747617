"""The directory's search is served by a trigram index on PostgreSQL; SQLite keeps scanning."""

from __future__ import annotations

from django.db import connection

from maillage.directory.models import Organization
from tests.conftest import make_organization


def _index_names() -> set[str]:
    with connection.cursor() as cursor:
        return {
            info_name
            for info_name, info in connection.introspection.get_constraints(
                cursor, Organization._meta.db_table
            ).items()
            if info["index"]
        }


def test_the_search_index_exists_where_the_database_can_use_it(db):
    assert ("organization_search_trigram" in _index_names()) == (connection.vendor == "postgresql")


def test_a_word_is_found_anywhere_in_the_folded_name(sectors, rls):
    make_organization("Centre d'entraide Éole", sectors["community_organization"], rls)
    make_organization("Maison de la famille", sectors["community_organization"], rls)
    found = Organization.objects.filter(search_text__contains="entraide").filter(search_text__contains="eole")
    assert [o.name_fr for o in found] == ["Centre d'entraide Éole"]
