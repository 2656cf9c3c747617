"""Word lists for the demo data: clearly fictional organizations placed in real Quebec regions."""

from __future__ import annotations

from maillage.directory.places import of_place

# Region code -> towns used to name local territories (RLS, communities) in the demo.
REGION_TOWNS: dict[str, list[str]] = {
    "01": ["Rimouski", "Rivière-du-Loup", "Matane", "Amqui"],
    "02": ["Chicoutimi", "Alma", "Roberval", "Jonquière"],
    "03": ["Québec-Nord", "Charlevoix", "Portneuf", "Limoilou"],
    "04": ["Trois-Rivières", "Shawinigan", "Drummondville", "Victoriaville"],
    "05": ["Sherbrooke", "Magog", "Coaticook", "Lac-Mégantic"],
    "06": ["Côte-des-Neiges", "Notre-Dame-de-Grâce", "Pointe-Saint-Charles", "Verdun", "Lachine"],
    "07": ["Gatineau", "Pontiac", "Papineau", "Vallée-de-la-Gatineau"],
    "08": ["Rouyn-Noranda", "Val-d'Or", "Témiscamingue"],
    "09": ["Baie-Comeau", "Sept-Îles", "Basse-Côte-Nord"],
    "11": ["Gaspé", "Îles-de-la-Madeleine", "Baie-des-Chaleurs"],
    "12": ["Lévis", "Thetford Mines", "Beauce"],
    "13": ["Laval-Est", "Laval-Ouest"],
    "14": ["Joliette", "Terrebonne"],
    "15": ["Saint-Jérôme", "Mont-Tremblant", "Argenteuil"],
    "16": ["Longueuil", "Châteauguay", "Granby", "Haut-Saint-Laurent"],
}

# (sector code, French pattern, English pattern); {place} and {word} are filled in, and in French
# {of_place} / {of_word}: "de" with the place's article (`directory.places.of_place`).
ORGANIZATION_PATTERNS: list[tuple[str, str, str]] = [
    ("cisss", "CISSS fictif {of_place}", "Fictional CISSS of {place}"),
    ("clsc", "CLSC {word} {of_place}", "{word} CLSC of {place}"),
    ("hospital", "Hôpital {word} {of_place}", "{word} Hospital of {place}"),
    ("chsld", "CHSLD {word}", "{word} long-term care centre"),
    ("public_health", "Direction de santé publique — antenne {word}", "Public health — {word} office"),
    ("community_organization", "Centre d'entraide {word}", "{word} Mutual Aid Centre"),
    ("community_organization", "Maison de la famille {word}", "{word} Family House"),
    ("community_organization", "Popote roulante {word}", "{word} Meals on Wheels"),
    ("community_organization", "Association des aînés {word}", "{word} Seniors' Association"),
    ("community_organization", "Carrefour jeunesse {word}", "{word} Youth Hub"),
    ("community_organization", "Réseau des proches aidants {word}", "{word} Caregivers' Network"),
    ("community_organization", "Société communautaire {word}", "{word} Community Society"),
    ("citizens_group", "Comité citoyen {word}", "{word} Citizens' Committee"),
    ("municipal", "Ville fictive {of_word}", "Fictional Town of {word}"),
    ("school_service_centre", "Centre de services scolaire {word}", "{word} School Service Centre"),
    ("college", "Collège {word}", "{word} College"),
    ("university", "Université {word} (fictive)", "{word} University (fictional)"),
    ("employment", "Carrefour emploi {word}", "{word} Employment Centre"),
    ("housing_office", "Office d'habitation {word}", "{word} Housing Office"),
    ("public_security", "Service de police {word}", "{word} Police Service"),
    ("pharmacy", "Pharmacie {word}", "{word} Pharmacy"),
    ("private_business", "Coopérative {word}", "{word} Co-operative"),
    ("foundation", "Fondation {word}", "{word} Foundation"),
    ("other_government", "Bureau régional {word}", "{word} Regional Office"),
    ("other", "Groupe de travail {word}", "{word} Working Group"),
]

# How often each pattern is drawn: community organizations dominate, as in the CHSSN networks.
PATTERN_WEIGHTS: dict[str, float] = {
    "cisss": 0.3,
    "clsc": 1.5,
    "hospital": 1.0,
    "chsld": 1.0,
    "public_health": 0.6,
    "community_organization": 6.0,
    "citizens_group": 2.0,
    "municipal": 1.5,
    "school_service_centre": 1.5,
    "college": 0.6,
    "university": 0.4,
    "employment": 1.2,
    "housing_office": 1.0,
    "public_security": 0.6,
    "pharmacy": 1.2,
    "private_business": 1.2,
    "foundation": 0.8,
    "other_government": 0.6,
    "other": 0.3,
}

# Invented place-like words for organization names (none is a real organization).
WORDS: list[str] = [
    "des Trois-Rives",
    "du Ruisseau-Doré",
    "Belle-Anse",
    "des Érables",
    "Boréal",
    "du Havre",
    "Horizon",
    "des Cèdres",
    "Lumière",
    "du Vieux-Quai",
    "Ensemble",
    "des Battures",
    "du Littoral",
    "Passerelle",
    "des Collines",
    "du Phare",
    "Solidaire",
    "des Pionniers",
    "du Versant",
    "Rivage",
    "des Tisserands",
    "du Carrefour",
    "Alliance",
    "des Monts-Bleus",
    "du Moulin",
    "Tremplin",
    "des Saules",
    "du Rocher",
    "Entraide-Plus",
    "des Quatre-Vents",
    "du Bocage",
    "Cap-Ouest",
    "des Trembles",
    "Harmonie",
    "du Rivage-Est",
    "des Lilas",
    "Éveil",
    "du Grand-Pré",
    "Racines",
    "des Hirondelles",
    "du Sentier",
    "Point-Rencontre",
]

NETWORK_NAMES_FR = "Réseau communautaire {of_place}"
NETWORK_NAMES_EN = "{place} Community Network"


def french_name(pattern: str, *, word: str, place: str) -> str:
    """A French pattern filled in, "de" taking the place's article (`directory.places.of_place`)."""
    return pattern.format(word=word, place=place, of_place=of_place(place), of_word=of_place(word))
