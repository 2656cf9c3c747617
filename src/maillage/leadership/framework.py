"""The leadership development framework as data: four pillars, each with its competencies.

The four pillars are CHSSN's (seed 000, developed with Concordia University); the seed names
them but not their competencies, so the competencies and all descriptions here are our own
wording, a starting point that the programme's team edits in the app or the admin.
Loaded by a data migration, and again by the demo (a transactional test empties every table);
`load_framework` only creates what is missing, so it never overwrites the team's edits.
"""

from __future__ import annotations

from typing import Any

# (code, French name, English name, French description, English description)
Row = tuple[str, str, str, str, str]

PILLARS: list[tuple[Row, list[Row]]] = [
    (
        (
            "english-speaking-community",
            "Être leader dans une communauté d'expression anglaise",
            "Being a leader in an English-speaking community",
            "Connaître sa communauté, porter sa voix, préserver son identité et favoriser l'inclusion.",
            "Knowing one's community, carrying its voice, keeping its identity and fostering inclusion.",
        ),
        [
            (
                "know-community-needs",
                "Connaître les besoins et les ressources de la communauté",
                "Knowing the community's needs and resources",
                "Rassembler et lire les données, témoignages et portraits qui décrivent la communauté.",
                "Gathering and reading the data, stories and profiles that describe the community.",
            ),
            (
                "voice-of-community",
                "Porter la voix de la communauté",
                "Carrying the community's voice",
                "Représenter les membres de la communauté auprès des partenaires, avec leurs mots.",
                "Speaking for community members to partners, in their own words.",
            ),
            (
                "identity-and-inclusion",
                "Préserver l'identité et favoriser l'inclusion",
                "Preserving identity and fostering inclusion",
                "Faire vivre la culture de la communauté en accueillant les personnes isolées ou nouvelles.",
                "Keeping the community's culture alive while welcoming isolated or newcomer members.",
            ),
            (
                "citizen-engagement",
                "Mobiliser les citoyennes et citoyens",
                "Engaging citizens",
                "Donner aux membres de la communauté une place réelle dans les décisions qui les concernent.",
                "Giving community members a real say in the decisions that affect them.",
            ),
        ],
    ),
    (
        (
            "networks-of-leaders",
            "Les réseaux de leaders",
            "Networks of leaders",
            "Tisser et entretenir des liens entre leaders pour apprendre et agir ensemble.",
            "Weaving and keeping up ties between leaders so as to learn and act together.",
        ),
        [
            (
                "build-relationships",
                "Créer et entretenir des relations de confiance",
                "Building and keeping trusting relationships",
                "Établir des liens durables avec d'autres leaders et les faire vivre entre les projets.",
                "Forming lasting ties with other leaders and keeping them alive between projects.",
            ),
            (
                "share-knowledge",
                "Partager savoirs et pratiques",
                "Sharing knowledge and practice",
                "Mettre ses réussites et ses difficultés en commun pour que d'autres en profitent.",
                "Pooling one's successes and difficulties so that others can learn from them.",
            ),
            (
                "facilitate-groups",
                "Animer un groupe et faciliter la concertation",
                "Facilitating groups and joint planning",
                "Préparer et animer des rencontres où chaque partenaire peut contribuer.",
                "Preparing and running meetings where every partner can contribute.",
            ),
            (
                "mutual-support",
                "Soutenir ses pairs",
                "Supporting peers",
                "Offrir et demander de l'aide, notamment en période de crise ou d'épuisement.",
                "Offering and asking for help, in a crisis or when people are worn out.",
            ),
        ],
    ),
    (
        (
            "wider-community",
            "Être leader dans la communauté élargie",
            "Being a leader in the wider community",
            "Agir avec les établissements publics, les municipalités et les autres secteurs.",
            "Acting with public institutions, municipalities and other sectors.",
        ),
        [
            (
                "intersectoral-partnerships",
                "Bâtir des partenariats intersectoriels",
                "Building intersectoral partnerships",
                "Trouver des intérêts communs avec d'autres secteurs et formaliser les collaborations.",
                "Finding common ground with other sectors and formalising the useful collaborations.",
            ),
            (
                "navigate-public-system",
                "S'orienter dans le réseau public",
                "Finding one's way in the public system",
                "Comprendre les structures de santé et de services sociaux et savoir à qui s'adresser.",
                "Understanding the health and social services structures and knowing whom to approach.",
            ),
            (
                "policy-influence",
                "Influencer les politiques",
                "Influencing policy",
                "Faire valoir les besoins de la communauté dans la planification régionale et provinciale.",
                "Making the community's needs count in regional and provincial planning.",
            ),
            (
                "communicate-results",
                "Communiquer les résultats",
                "Communicating results",
                "Rendre compte de l'effet des actions, chiffres et récits à l'appui.",
                "Reporting the effect of one's work, with figures and stories.",
            ),
        ],
    ),
    (
        (
            "leader-for-the-future",
            "Être leader pour l'avenir",
            "Being a leader for the future",
            "Préparer la relève, diversifier les ressources et faire grandir l'organisation.",
            "Preparing the next generation, diversifying resources and growing the organization.",
        ),
        [
            (
                "succession",
                "Préparer la relève",
                "Preparing successors",
                "Repérer, accompagner et confier des responsabilités aux leaders de demain.",
                "Spotting, mentoring and giving responsibilities to tomorrow's leaders.",
            ),
            (
                "sustainable-funding",
                "Diversifier le financement",
                "Diversifying funding",
                "Chercher plusieurs sources de financement pour stabiliser les actions.",
                "Seeking several sources of funding to keep the work stable.",
            ),
            (
                "innovation-and-adaptation",
                "Innover et s'adapter",
                "Innovating and adapting",
                "Oser essayer de nouvelles façons de faire et ajuster l'action au terrain.",
                "Daring to try new ways of working and adjusting them to the field.",
            ),
            (
                "evaluation-and-learning",
                "Évaluer et apprendre",
                "Evaluating and learning",
                "Mesurer ses progrès et en tirer des leçons avec les partenaires.",
                "Measuring progress and drawing lessons from it with partners.",
            ),
        ],
    ),
]


def load_framework(apps: Any) -> None:
    """Create the pillars and competencies that do not exist yet; `apps` is a migration registry or apps."""
    pillar_model = apps.get_model("leadership", "Pillar")
    competency_model = apps.get_model("leadership", "Competency")
    for order, (pillar_row, competencies) in enumerate(PILLARS):
        code, name_fr, name_en, description_fr, description_en = pillar_row
        pillar, _ = pillar_model.objects.get_or_create(
            code=code,
            defaults={
                "name_fr": name_fr,
                "name_en": name_en,
                "description_fr": description_fr,
                "description_en": description_en,
                "order": order,
            },
        )
        for position, (c_code, c_fr, c_en, c_description_fr, c_description_en) in enumerate(competencies):
            competency_model.objects.get_or_create(
                code=c_code,
                defaults={
                    "pillar": pillar,
                    "name_fr": c_fr,
                    "name_en": c_en,
                    "description_fr": c_description_fr,
                    "description_en": c_description_en,
                    "order": position,
                },
            )
