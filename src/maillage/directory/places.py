"""Place names in French sentences: "de" takes the place's article ("de l'Outaouais", "des Laurentides",
"du Pontiac") or elides before a vowel ("d'Argenteuil"), as a French reader expects."""

from __future__ import annotations

import re

# Places whose name takes an article in French (regions of Quebec and the demo's towns among them).
ARTICLES = {
    "Bas-Saint-Laurent": "du",
    "Saguenay–Lac-Saint-Jean": "du",
    "Capitale-Nationale": "de la",
    "Mauricie et Centre-du-Québec": "de la",
    "Mauricie": "de la",
    "Centre-du-Québec": "du",
    "Estrie": "de l'",
    "Outaouais": "de l'",
    "Abitibi-Témiscamingue": "de l'",
    "Côte-Nord": "de la",
    "Nord-du-Québec": "du",
    "Gaspésie–Îles-de-la-Madeleine": "de la",
    "Laurentides": "des",
    "Montérégie": "de la",
    "Terres-Cries-de-la-Baie-James": "des",
    "Beauce": "de la",
    "Basse-Côte-Nord": "de la",
    "Vallée-de-la-Gatineau": "de la",
    "Baie-des-Chaleurs": "de la",
    "Haut-Saint-Laurent": "du",
    "Pontiac": "du",
    "Témiscamingue": "du",
    "Îles-de-la-Madeleine": "des",
}
VOWELS = "AEIOUYÀÂÉÈÊËÎÏÔÖÙÛÜaeiouyàâéèêëîïôöùûü"
ALREADY_OF = re.compile(r"^(du |des |de la |de l'|d')")
RLS_PREFIX = re.compile(r"^RLS (de la |de l'|des |du |de |d')")


def of_place(place: str) -> str:
    """The French "of" a place: the words to write after "CISSS", "Réseau communautaire", "Table"...

    >>> [of_place(p) for p in ["Rimouski", "Outaouais", "Laurentides", "Argenteuil", "du Versant", "Pontiac"]]
    ['de Rimouski', "de l'Outaouais", 'des Laurentides', "d'Argenteuil", 'du Versant', 'du Pontiac']
    """
    article = ARTICLES.get(place)
    if article is not None:
        return f"{article}{place}" if article.endswith("'") else f"{article} {place}"
    if ALREADY_OF.match(place):
        return place
    return f"d'{place}" if place[:1] in VOWELS else f"de {place}"


def town_of_rls(name_fr: str) -> str:
    """The place an RLS is named after: "RLS de la Beauce" → "Beauce", "RLS d'Argenteuil" → "Argenteuil"."""
    return RLS_PREFIX.sub("", name_fr)
