"""Full-text search of initiatives: SQLite FTS5 or PostgreSQL full-text, behind one function.

Both backends index the same thing: the words of an initiative, folded (lower case, no
accents) and lightly stemmed by `words()` below, stored in `search_title` / `search_body`.
Because the text is already reduced to plain `[a-z0-9]+` words separated by spaces, FTS5's
`unicode61` tokenizer and PostgreSQL's `simple` configuration cut it into the same tokens,
and a query (reduced the same way, every word required) finds the same initiatives on both.
Titles weigh more than the body in the ranking on both (bm25 weights / setweight A and B).
"""

from __future__ import annotations

import re
from typing import Any

from django.db import connection
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from maillage.accounts.permissions import AnyUser, is_admin, readable_network_filter
from maillage.directory.models import ActionStrategy, Population, Territory, TerritoryKind
from maillage.directory.search import casefold_unaccented
from maillage.initiatives.models import Determinant, Initiative, Stage, SuccessFactor, Visibility
from maillage.networks.models import Network

FTS_TABLE = "initiatives_initiative_fts"
WORD = re.compile(r"[a-z0-9]+")
MAX_QUERY_WORDS = 12


def stem(word: str) -> str:
    """A light plural folding for French and English: drop one final s or x from words of 4+ letters.

    "aînés" -> "aine", "services" -> "service", "jeux" -> "jeu"; short words ("bus", "mas") stay.
    """
    if len(word) > 3 and word[-1] in "sx":
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """Folded, stemmed words; ligatures are spelled out ("Jocoœur" -> "jocoeur"), other scripts dropped."""
    folded = casefold_unaccented(text).replace("œ", "oe").replace("æ", "ae")
    return [stem(w) for w in WORD.findall(folded)]


def index_text(initiative: Initiative) -> tuple[str, str]:
    """The (title, body) words the search indexes for an initiative."""
    partners = " ".join(
        f"{p.display_name} {p.role}" for p in initiative.partners.select_related("organization")
    )
    body = " ".join(
        [
            initiative.summary_fr,
            initiative.summary_en,
            initiative.story_fr,
            initiative.story_en,
            initiative.results,
            initiative.challenges,
            initiative.other_success_factors,
            initiative.territory.name_fr,
            initiative.territory.name_en,
            partners,
        ]
    )
    title = f"{initiative.title_fr} {initiative.title_en}"
    return " ".join(words(title)), " ".join(words(body))


def reindex(initiative: Initiative) -> None:
    """Recompute the stored words, and on SQLite the FTS5 row, of one initiative."""
    title, body = index_text(initiative)
    Initiative.objects.filter(pk=initiative.pk).update(search_title=title, search_body=body)
    initiative.search_title, initiative.search_body = title, body
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [initiative.pk])  # noqa: S608
            cursor.execute(
                f"INSERT INTO {FTS_TABLE} (rowid, title, body) VALUES (%s, %s, %s)",  # noqa: S608
                [initiative.pk, title, body],
            )


def unindex(pk: int) -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [pk])  # noqa: S608


def visible_initiatives(user: AnyUser | None) -> QuerySet[Initiative]:
    """Public initiatives for everyone (the public site: `user=None`); private ones for their networks."""
    public = Q(visibility=Visibility.PUBLIC)
    if user is None or not user.is_authenticated:
        return Initiative.objects.filter(public)
    if is_admin(user):
        return Initiative.objects.all()
    mine = Initiative.objects.filter(networks__in=_readable_network_ids(user)).values("pk")
    return Initiative.objects.filter(public | Q(pk__in=mine))


def _readable_network_ids(user: AnyUser) -> QuerySet:

    return Network.objects.filter(readable_network_filter(user)).values("pk")


def _ranked_ids(terms: list[str]) -> list[int]:
    """Initiative ids matching every term, best first."""
    if connection.vendor == "sqlite":
        match = " ".join(f'"{term}"' for term in terms)  # terms are [a-z0-9]+: nothing to escape
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "  # noqa: S608
                f"ORDER BY bm25({FTS_TABLE}, 10.0, 1.0), rowid",
                [match],
            )
            return [row[0] for row in cursor.fetchall()]
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    vector = SearchVector("search_title", config="simple", weight="A") + SearchVector(
        "search_body", config="simple", weight="B"
    )
    query = SearchQuery(" & ".join(terms), config="simple", search_type="raw")
    return list(
        Initiative.objects.annotate(document=vector, rank=SearchRank(vector, query))
        .filter(document=query)
        .order_by("-rank", "pk")
        .values_list("pk", flat=True)
    )


def search_initiatives(
    query: str, filters: dict[str, Any] | None, user: AnyUser | None
) -> QuerySet[Initiative]:
    """The initiatives `user` may read (None: the public site) matching `query` and `filters`, best first.

    `filters` keys: region (Territory), population, strategy, determinant, success_factor
    (model instances) and stage (a code); missing or empty keys do not filter.
    """
    initiatives = apply_filters(visible_initiatives(user), filters or {})
    terms = list(dict.fromkeys(words(query or "")))[:MAX_QUERY_WORDS]
    if not terms:
        return initiatives.order_by("-updated_at", "-id")
    ids = _ranked_ids(terms)
    if not ids:
        return initiatives.none()
    order = Case(
        *[When(pk=pk, then=Value(position)) for position, pk in enumerate(ids)], output_field=IntegerField()
    )
    return initiatives.filter(pk__in=ids).annotate(search_order=order).order_by("search_order")


def apply_filters(initiatives: QuerySet[Initiative], filters: dict[str, Any]) -> QuerySet[Initiative]:
    if filters.get("region"):
        initiatives = initiatives.filter(territory__path__startswith=filters["region"].path)
    for key, relation in FACET_RELATIONS.items():
        if filters.get(key):
            initiatives = initiatives.filter(**{relation: filters[key]})
    if filters.get("stage"):
        initiatives = initiatives.filter(stage=filters["stage"])
    return initiatives


FACET_RELATIONS = {
    "population": "populations",
    "strategy": "strategies",
    "determinant": "determinants",
    "success_factor": "success_factors",
}


def facet_counts(initiatives: QuerySet[Initiative]) -> dict[str, list[tuple[Any, ...]]]:
    """For each facet, its values and how many of `initiatives` carry each (a fixed number of queries)."""

    ids = initiatives.order_by().values("pk")
    facets: dict[str, list[tuple[Any, ...]]] = {}
    for key, model in (
        ("population", Population),
        ("strategy", ActionStrategy),
        ("determinant", Determinant),
        ("success_factor", SuccessFactor),
    ):
        rows = (
            model.objects.filter(initiative__in=ids)
            .annotate(n=Count("initiative", distinct=True))
            .order_by("order", "id")
        )
        facets[key] = [(row, row.n) for row in rows]
    paths = list(initiatives.order_by().values_list("territory__path", flat=True))
    per_region: dict[int, int] = {}
    for path in paths:
        parts = [int(p) for p in path.strip("/").split("/") if p]
        if len(parts) >= 2:
            per_region[parts[1]] = per_region.get(parts[1], 0) + 1
    regions = Territory.objects.filter(kind=TerritoryKind.REGION, pk__in=per_region).order_by("code")
    facets["region"] = [(region, per_region[region.pk]) for region in regions]
    stages = dict(initiatives.order_by().values_list("stage").annotate(n=Count("pk")))
    facets["stage"] = [(code, label, stages[code]) for code, label in Stage.choices if code in stages]
    return facets
