"""The three built-in instruments, worded by us in French and English, loaded by a data migration.

The impact items are the eight measures of CHSSN's baseline data report, worded in `surveys.impact`; the
factors are the five success factors of network work identified by the OQRLS (seed 002) and three
governance items. The relational items follow the PARTNER tool's ideas (trust: reliability, mission
alignment, openness; value: power/influence, involvement, resource contribution) in our own words. Codes are
stable: answers are stored by code, so wording can be corrected in a later migration without losing them.
"""

from __future__ import annotations

from typing import Any

from maillage.surveys.impact import IMPACT_MEASURES

Choice = tuple[str, str, str]  # code, French, English

RATING_SCALE: list[Choice] = [
    ("1", "Pas du tout", "Not at all"),
    ("2", "Un peu", "A little"),
    ("3", "Assez", "Fairly"),
    ("4", "Beaucoup", "A great deal"),
]
PROGRESS_SCALE: list[Choice] = [
    ("1", "Aucun progrès", "No progress"),
    ("2", "Peu de progrès", "Little progress"),
    ("3", "Progrès modéré", "Moderate progress"),
    ("4", "Progrès important", "Substantial progress"),
    ("5", "Progrès très important", "Very substantial progress"),
]
AGREEMENT_SCALE: list[Choice] = [
    ("1", "Pas du tout d'accord", "Strongly disagree"),
    ("2", "Plutôt en désaccord", "Somewhat disagree"),
    ("3", "Ni d'accord ni en désaccord", "Neither agree nor disagree"),
    ("4", "Plutôt d'accord", "Somewhat agree"),
    ("5", "Tout à fait d'accord", "Strongly agree"),
]
FREQUENCIES: list[Choice] = [
    ("yearly", "Une fois par année ou moins", "Once a year or less"),
    ("quarterly", "Quelques fois par année", "A few times a year"),
    ("monthly", "Environ une fois par mois", "About once a month"),
    ("weekly", "Chaque semaine", "Every week"),
    ("daily", "Presque tous les jours", "Almost every day"),
]
LEVELS: list[Choice] = [
    (
        "1",
        "Réseautage : on se connaît et on échange de l'information",
        "Networking: we know each other and share information",
    ),
    (
        "2",
        "Coopération : on s'entraide à l'occasion, chacun garde ses façons de faire",
        "Cooperation: we help each other now and then; each keeps its own ways",
    ),
    (
        "3",
        "Coordination : on ajuste nos activités ensemble vers des buts communs",
        "Coordination: we align our activities towards shared goals",
    ),
    (
        "4",
        "Coalition : on met des ressources en commun et on décide ensemble",
        "Coalition: we pool resources and decide together",
    ),
    (
        "5",
        "Collaboration : on agit comme une seule équipe, vision et décisions partagées",
        "Collaboration: we act as one team, with a shared vision and shared decisions",
    ),
]
FORMALITIES: list[Choice] = [
    ("informal", "Informel", "Informal"),
    (
        "formal",
        "Formel (entente, contrat, protocole, corridor de services)",
        "Formal (agreement, contract, MOU, service corridor)",
    ),
]
FLOWS: list[Choice] = [
    ("referrals", "Références de personnes", "Referrals of people"),
    ("information", "Information", "Information"),
    (
        "resources",
        "Ressources partagées (locaux, personnel, argent, matériel)",
        "Shared resources (space, staff, money, equipment)",
    ),
    ("joint_projects", "Projets communs", "Joint projects"),
]
CONTRIBUTIONS: list[Choice] = [
    ("funding", "Financement", "Funding"),
    ("in_kind", "Ressources en nature", "In-kind resources"),
    ("staff", "Personnel rémunéré", "Paid staff"),
    ("volunteers", "Bénévoles", "Volunteers"),
    ("expertise", "Expertise et connaissances", "Expertise and knowledge"),
    ("community_links", "Liens avec la communauté", "Links with the community"),
    ("information", "Information et données", "Information and data"),
    ("facilities", "Locaux et équipements", "Space and equipment"),
    ("leadership", "Leadership", "Leadership"),
]
OUTCOMES: list[Choice] = [
    ("accessibility", "Accessibilité des services", "Access to services"),
    ("continuity", "Continuité des services", "Continuity of services"),
    ("resource_optimization", "Meilleure utilisation des ressources", "Better use of resources"),
    (
        "social_determinants",
        "Action sur les déterminants sociaux de la santé",
        "Action on the social determinants of health",
    ),
    (
        "competencies",
        "Nouvelles compétences (leadership, prévention, connaissance des partenaires)",
        "New competencies (leadership, prevention, knowing the partners)",
    ),
]

RATINGS: list[tuple[str, str, str]] = [
    (
        "reliability",
        "Cet organisme est-il fiable : fait-il ce qu'il dit qu'il fera?",
        "Is this organization reliable: does it do what it says it will do?",
    ),
    (
        "mission_alignment",
        "Sa mission rejoint-elle les buts du réseau?",
        "Does its mission fit the network's goals?",
    ),
    (
        "openness",
        "Est-il ouvert à la discussion, même quand vous n'êtes pas d'accord?",
        "Is it open to discussion, even when you disagree?",
    ),
    (
        "power_influence",
        "A-t-il de l'influence pour faire avancer les buts du réseau?",
        "Does it have influence to move the network's goals forward?",
    ),
    ("involvement", "S'engage-t-il dans le travail du réseau?", "Is it involved in the network's work?"),
    (
        "resource_contribution",
        "Apporte-t-il des ressources au réseau?",
        "Does it bring resources to the network?",
    ),
]

IMPACT_HELP = (
    "Depuis la dernière vague, quel progrès le réseau a-t-il permis sur ce point? "
    "Un commentaire aide à comprendre.",
    "Since the last wave, how much progress has the network made on this? A comment helps us understand.",
)

FACTORS: list[tuple[str, str, str]] = [
    (
        "shared_vision",
        "Les partenaires partagent une vision centrée sur les besoins de la population.",
        "Partners share a vision centred on the population's needs.",
    ),
    (
        "management_support",
        "Les gestionnaires des organisations partenaires soutiennent le réseau dans la durée.",
        "The partners' managers support the network over time.",
    ),
    (
        "experimentation",
        "Le réseau ose expérimenter dans l'action.",
        "The network dares to experiment in action.",
    ),
    (
        "partnership_mechanisms",
        "Le réseau a de bons mécanismes de partenariat (rencontres, comités, outils de liaison).",
        "The network has good partnership mechanisms (meetings, committees, liaison tools).",
    ),
    (
        "continuous_adjustment",
        "Le réseau ajuste ses façons de faire au fil de ce qu'il apprend du terrain.",
        "The network adjusts how it works as it learns from the field.",
    ),
    (
        "shared_power",
        "Le pouvoir est partagé : petits organismes et grandes institutions influencent les décisions.",
        "Power is shared: small groups and large institutions both influence decisions.",
    ),
    ("clear_leadership", "Chaque projet a un leadership clair.", "Each project has clear leadership."),
    (
        "formal_roles",
        "Les rôles et responsabilités de chacun sont formalisés.",
        "Everyone's roles and responsibilities are formalised.",
    ),
]


def _choices(items: list[Choice]) -> list[dict[str, str]]:
    return [{"code": code, "fr": fr, "en": en} for code, fr, en in items]


def instruments() -> list[dict[str, Any]]:
    """The built-in instruments as plain data: what the migration writes."""
    partner = [
        (
            "frequency",
            "single",
            "À quelle fréquence êtes-vous en contact?",
            "How often are you in contact?",
            FREQUENCIES,
        ),
        (
            "level",
            "single",
            "Quel est le niveau de votre collaboration?",
            "What is the level of your collaboration?",
            LEVELS,
        ),
        (
            "formality",
            "single",
            "Votre lien est-il formel ou informel?",
            "Is your tie formal or informal?",
            FORMALITIES,
        ),
        ("flows", "multiple", "Qu'est-ce qui circule entre vous?", "What flows between you?", FLOWS),
    ]
    relational = (
        [
            {
                "code": code,
                "scope": "partner",
                "kind": kind,
                "text_fr": fr,
                "text_en": en,
                "choices": _choices(c),
            }
            for code, kind, fr, en, c in partner
        ]
        + [
            {
                "code": code,
                "scope": "partner",
                "kind": "scale",
                "text_fr": fr,
                "text_en": en,
                "scale_min": 1,
                "scale_max": 4,
                "choices": _choices(RATING_SCALE),
            }
            for code, fr, en in RATINGS
        ]
        + [
            {
                "code": "contributions",
                "kind": "multiple",
                "choices": _choices(CONTRIBUTIONS),
                "text_fr": "Qu'est-ce que votre organisation apporte au réseau?",
                "text_en": "What does your organization bring to the network?",
            },
            {
                "code": "outcomes",
                "kind": "multiple",
                "choices": _choices(OUTCOMES),
                "text_fr": "Quels résultats du réseau observez-vous?",
                "text_en": "Which results of the network do you see?",
            },
        ]
    )
    impact = [
        {
            "code": measure.code,
            "kind": "scale",
            "text_fr": measure.fr,
            "text_en": measure.en,
            "scale_min": 1,
            "scale_max": 5,
            "choices": _choices(PROGRESS_SCALE),
            "with_comment": True,
            "help_fr": IMPACT_HELP[0],
            "help_en": IMPACT_HELP[1],
        }
        for measure in IMPACT_MEASURES
    ]
    factors = [
        {
            "code": code,
            "kind": "scale",
            "text_fr": fr,
            "text_en": en,
            "scale_min": 1,
            "scale_max": 5,
            "choices": _choices(AGREEMENT_SCALE),
        }
        for code, fr, en in FACTORS
    ]
    return [
        {
            "code": "relational",
            "kind": "relational",
            "order": 1,
            "name_fr": "Liens entre partenaires",
            "name_en": "Ties between partners",
            "questions": relational,
        },
        {
            "code": "impact",
            "kind": "impact",
            "order": 2,
            "name_fr": "Mesurer les répercussions",
            "name_en": "Measuring impact",
            "questions": impact,
        },
        {
            "code": "factors",
            "kind": "factors",
            "order": 3,
            "name_fr": "Facteurs de collaboration",
            "name_en": "Collaboration factors",
            "questions": factors,
        },
    ]


def load_instruments(apps: Any) -> None:
    """Create or update the built-in instruments; `apps` is a migration's app registry (or django.apps)."""
    instrument_model = apps.get_model("surveys", "Instrument")
    question_model = apps.get_model("surveys", "Question")
    for data in instruments():
        questions = data.pop("questions")
        instrument, _created = instrument_model.objects.update_or_create(code=data["code"], defaults=data)
        for order, question in enumerate(questions, start=1):
            question_model.objects.update_or_create(
                instrument=instrument, code=question["code"], defaults={**question, "order": order}
            )
