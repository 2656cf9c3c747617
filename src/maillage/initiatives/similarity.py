""" "Similar initiatives already exist here": nearby territories and a similar description.

The seeds ask partners to inventory existing projects so they do not duplicate them. While
someone writes an initiative we compare its title and summary with the initiatives they may
read in the same territory, its parent, its children and its siblings, using the cosine of
TF-IDF vectors over folded, stemmed words without stop words. Pure Python: the candidates
are the few dozen initiatives of a neighbourhood, not the whole register.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from django.db.models import Q

from maillage.accounts.permissions import AnyUser
from maillage.directory.models import Territory
from maillage.initiatives.models import Initiative
from maillage.initiatives.search import stem, visible_initiatives, words

MAX_CANDIDATES = 300
THRESHOLD = 0.12

# Folded and stemmed like the text they are removed from.
STOP_WORDS = frozenset(
    stem(word)
    for word in [
        "a",
        "au",
        "aux",
        "avec",
        "ce",
        "ces",
        "cet",
        "cette",
        "dans",
        "de",
        "des",
        "du",
        "elle",
        "elles",
        "en",
        "entre",
        "et",
        "eux",
        "il",
        "ils",
        "je",
        "la",
        "le",
        "les",
        "leur",
        "leurs",
        "lui",
        "mais",
        "me",
        "meme",
        "mes",
        "moi",
        "mon",
        "ne",
        "nos",
        "notre",
        "nous",
        "on",
        "ou",
        "par",
        "pas",
        "plus",
        "pour",
        "qu",
        "que",
        "qui",
        "sa",
        "se",
        "ses",
        "son",
        "sur",
        "ta",
        "te",
        "tes",
        "toi",
        "ton",
        "tu",
        "un",
        "une",
        "vos",
        "votre",
        "vous",
        "ete",
        "etre",
        "est",
        "sont",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "have",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "that",
        "the",
        "their",
        "this",
        "to",
        "was",
        "were",
        "with",
    ]
)


@dataclass
class Similar:
    initiative: Initiative
    score: float


def _bag(text: str) -> Counter[str]:
    return Counter(w for w in words(text) if w not in STOP_WORDS and len(w) > 1)


def _text(initiative: Initiative) -> str:
    return " ".join([initiative.title_fr, initiative.title_en, initiative.summary_fr, initiative.summary_en])


def neighbourhood(territory: Territory) -> Q:
    """The territory, its parent, its children and its siblings (its parent's other children)."""
    condition = Q(pk=territory.pk) | Q(parent_id=territory.pk)
    if territory.parent_id:
        condition |= Q(pk=territory.parent_id) | Q(parent_id=territory.parent_id)
    return condition


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    dot = sum(weight * b.get(word, 0.0) for word, weight in a.items())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def similar_initiatives(
    text: str,
    territory: Territory | None,
    user: AnyUser,
    *,
    exclude_pk: int | None = None,
    limit: int = 5,
) -> list[Similar]:
    """Initiatives `user` may read near `territory` whose title and summary resemble `text`, closest first."""
    query = _bag(text)
    if not query or territory is None:
        return []
    nearby = Territory.objects.filter(neighbourhood(territory)).values("pk")
    candidates = list(
        visible_initiatives(user)
        .filter(territory__in=nearby)
        .exclude(pk=exclude_pk or 0)
        .select_related("territory")
        .order_by("-updated_at", "-id")[:MAX_CANDIDATES]
    )
    bags = [_bag(_text(candidate)) for candidate in candidates]
    documents = len(bags) + 1
    frequency: Counter[str] = Counter()
    for bag in [query, *bags]:
        frequency.update(bag.keys())

    def vector(bag: Counter[str]) -> dict[str, float]:
        return {
            w: (1 + math.log(n)) * (math.log((1 + documents) / (1 + frequency[w])) + 1)
            for w, n in bag.items()
        }

    wanted = vector(query)
    scored = [Similar(c, cosine(wanted, vector(bag))) for c, bag in zip(candidates, bags, strict=True)]
    scored = [s for s in scored if s.score >= THRESHOLD]
    scored.sort(key=lambda s: (-s.score, s.initiative.pk))
    return scored[:limit]
