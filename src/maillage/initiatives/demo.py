"""The six initiatives of the source documents, as demo data marked as examples.

Seed 001 (InterActions, JASP 2012) presents three initiatives; seed 002 (OQRLS, Le Relais)
three "coups d'œil". Summaries are ours, in French with a short English version. The
Memphrémagog mobilization appears in both seeds, seen from two angles (the intersectoral
committee; the OQRLS's story of the support to workers): both records are kept, and the
"similar initiatives" panel links them. Each is attached to the demo network of its region.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.apps import apps

from maillage.directory.models import ActionStrategy, Population, Territory
from maillage.initiatives.models import (
    Determinant,
    Initiative,
    InitiativePartner,
    Outcome,
    Stage,
    SuccessFactor,
    Visibility,
)
from maillage.initiatives.reference import load_reference_data
from maillage.networks.models import Network

SEED_001 = (
    "InterActions (CSSS de Bordeaux-Cartierville–Saint-Laurent), "
    "« Réseaux locaux de services : enjeux et perspectives », JASP 2012"
)
SEED_002 = "OQRLS, Le Relais — « Le travail en RLS, les constats de l'OQRLS pour aller plus loin! »"


@dataclass
class Example:
    territory: str  # a demo territory code: the region's demo CISSS or one of its RLS
    title_fr: str
    title_en: str
    summary_fr: str
    summary_en: str
    story_fr: str
    source: str
    partners: list[tuple[str, str]]
    populations: list[str] = field(default_factory=list)
    strategies: list[str] = field(default_factory=list)
    determinants: list[str] = field(default_factory=list)
    factors: list[str] = field(default_factory=list)
    other_factors: str = ""
    outcomes: list[str] = field(default_factory=list)
    results: str = ""
    challenges: str = ""
    start: datetime.date | None = None
    end: datetime.date | None = None
    stage: str = Stage.DOCUMENTED
    visibility: str = Visibility.PUBLIC


EXAMPLES = [
    Example(
        territory="CISSS06",
        title_fr="Solidarité Mercier-Est : une table de quartier intégrée",
        title_en="Solidarité Mercier-Est: an integrated neighbourhood round table",
        summary_fr=(
            "Seule instance de concertation du quartier Mercier-Est (Montréal), la table mobilise "
            "organismes et "
            "citoyens, a fait naître cinq organismes communautaires et gère en fiducie plusieurs "
            "enveloppes de "
            "financement pour garder les projets du quartier cohérents."
        ),
        summary_en=(
            "The only concertation space of Mercier-Est (Montreal): it mobilizes organizations and "
            "citizens, helped "
            "found five community organizations and holds several funders' envelopes in trust."
        ),
        story_fr=(
            "Le quartier vieillit, compte beaucoup de familles monoparentales à faible revenu et fait face "
            "à des "
            "défis d'aménagement urbain, de transport et d'accès à une saine alimentation. La table n'est "
            "pas un "
            "RLS, mais elle est devenue un partenaire incontournable du CSSS.\n\n"
            "Pour rejoindre les citoyens de tous les groupes sociaux, elle varie les moyens : cafés urbains, "
            "formations, comités de concertation, forums. Comme fiduciaire de fonds de plusieurs "
            "bailleurs, elle "
            "optimise les ressources et assure la cohérence des projets du quartier."
        ),
        source=SEED_001,
        partners=[
            ("Solidarité Mercier-Est", "Table de quartier, fiduciaire des fonds"),
            ("CSSS de la Pointe-de-l'Île", "Partenaire du réseau de la santé"),
        ],
        populations=["seniors", "families", "low_income"],
        strategies=["social_innovation", "prevention"],
        determinants=["living_environment", "food", "housing_transport"],
        factors=["shared_vision", "partnership_mechanisms"],
        other_factors="Participation citoyenne variée (cafés urbains, forums)",
        outcomes=[Outcome.OPTIMISATION],
        results="Cinq organismes communautaires mis sur pied depuis la fondation de la table.",
        challenges=(
            "Avec une équipe de neuf personnes et un grand réseau, la table est devenue imposante : il faut "
            "inventer de nouvelles façons d'impliquer les citoyens et garder les projets cohérents."
        ),
        stage=Stage.RUNNING,
    ),
    Example(
        territory="CISSS08",
        title_fr="Jocoœur : un partenariat santé en milieu de travail",
        title_en="Jocoœur: a workplace health partnership",
        summary_fr=(
            "En Abitibi, un programme de prévention, de dépistage et de gestion des maladies chroniques "
            "offert sur "
            "les lieux de travail, avec les professionnels de la santé, des PME, les pharmacies "
            "communautaires et "
            "les municipalités."
        ),
        summary_en=(
            "In Abitibi, prevention, screening and chronic disease management brought to the workplace by "
            "health "
            "professionals, small businesses, community pharmacies and municipalities."
        ),
        story_fr=(
            "Jocoeur (ou Jocoœur) veut simplifier l'accès aux services, responsabiliser citoyens et "
            "entreprises face à leur "
            "santé, encourager le travail interdisciplinaire et prévenir les maladies cardiovasculaires et "
            "respiratoires. Les professionnels ont changé leur pratique : plus d'interdisciplinarité, une "
            "approche "
            "préventive plutôt que curative, des horaires réaménagés et des visites aux employés sur leur "
            "lieu de "
            "travail. Des évaluateurs accompagnent le projet."
        ),
        source=SEED_001,
        partners=[
            ("Aurores-Boréales (réseau de la santé)", "Administration du programme"),
            ("Entreprises participantes (PME)", "Accueil des interventions auprès de leurs travailleurs"),
            ("Pharmacies communautaires", "Dépistage et suivi"),
            ("Municipalités", "Partenaires du milieu"),
        ],
        strategies=["prevention", "access"],
        determinants=["lifestyle", "access_to_services"],
        factors=["dare_to_experiment", "continuous_adjustment"],
        other_factors="Souplesse des pratiques professionnelles et des positions syndicales",
        outcomes=[Outcome.ACCESSIBILITY],
        challenges=(
            "Les méthodes et indicateurs d'évaluation reconnaissent mal les processus et la prévention ; "
            "les petits "
            "CSSS manquent de ressources et d'expertise pour un suivi rigoureux."
        ),
    ),
    Example(
        territory="RLS05-2",
        title_fr="Memphrémagog : mobilisation contre les pertes d'emploi",
        title_en="Memphrémagog: mobilizing against job losses",
        summary_fr=(
            "Après la perte de plus de 3 300 emplois industriels (2003-2008), un comité intersectoriel de "
            "soutien au "
            "milieu a cerné les besoins psychosociaux des ex-travailleurs et arrimé l'action des partenaires."
        ),
        summary_en=(
            "After more than 3,300 industrial jobs were lost (2003–2008), an intersectoral committee "
            "assessed laid-off "
            "workers' psychosocial needs and coordinated the partners' actions."
        ),
        story_fr=(
            "Les travailleurs licenciés étaient souvent peu scolarisés, plus âgés et avaient peu "
            "d'expériences de "
            "travail variées. Les intervenants du CSSS sont « sortis de leur boîte » : hors des "
            "établissements, près "
            "des personnes, avec des horaires de jour, de soir et de nuit, en faisant confiance aux "
            "partenaires. Le "
            "CSSS a ainsi exercé sa responsabilité populationnelle ; il a adopté en 2012 une politique en "
            "développement des communautés, et la Table en développement social de Memphrémagog est née du "
            "partenariat renforcé."
        ),
        source=SEED_001,
        partners=[
            ("Carrefour jeunesse emploi Memphrémagog", "Soutien à l'emploi, coprésentateur"),
            ("CSSS de Memphrémagog", "Organisation communautaire et services psychosociaux"),
        ],
        determinants=["employment_income", "social_support"],
        strategies=["access", "social_innovation"],
        factors=["dare_to_experiment", "partnership_mechanisms"],
        outcomes=[Outcome.ACCESSIBILITY, Outcome.CONTINUITY],
        results=(
            "Politique en développement des communautés adoptée en 2012 ; "
            "Table en développement social créée."
        ),
        challenges=(
            "Changer les pratiques et les horaires de travail pour rejoindre les personnes "
            "hors des établissements."
        ),
        start=datetime.date(2003, 1, 1),
        stage=Stage.SCALED,
    ),
    Example(
        territory="CISSS09",
        title_fr="Convalescence, répit ou dépannage : un même lieu d'hébergement",
        title_en="Convalescence, respite or emergency: one short-stay residence",
        summary_fr=(
            "Sur la Côte-Nord, le RLS de Caniapiscau a ouvert une ressource d'hébergement de courte durée "
            "pour des "
            "personnes vivant des difficultés temporaires de santé physique ou mentale, tenue par des "
            "auxiliaires "
            "familiaux et sociaux épaulés par des professionnels du CSSS."
        ),
        summary_en=(
            "In a sparsely populated area of Côte-Nord, a short-stay residence for people with temporary "
            "physical or "
            "mental health difficulties, run by home-care aides backed by CSSS professionals."
        ),
        story_fr=(
            "Dans les milieux à faible densité, offrir toute la gamme de services près des gens est "
            "difficile. Le "
            "même lieu accueille une personne en crise suicidaire ou une personne qui a besoin de soutien "
            "après une "
            "hospitalisation. Des moyens limités ont forcé la créativité."
        ),
        source=SEED_002,
        partners=[("RLS de Caniapiscau (CSSS)", "Professionnels en soutien aux auxiliaires")],
        strategies=["access"],
        determinants=["access_to_services"],
        factors=["dare_to_experiment", "continuous_adjustment"],
        outcomes=[Outcome.ACCESSIBILITY, Outcome.CONTINUITY, Outcome.OPTIMISATION],
        challenges="Faible densité de population : peu de ressources pour une gamme complète de services.",
    ),
    Example(
        territory="RLS05-2",
        title_fr=(
            "Quand la santé rime avec l'emploi : accompagner des personnes peu scolarisées en perte d'emploi"
        ),
        title_en="When health goes with work: supporting low-schooled workers who lose their jobs",
        summary_fr=(
            "Dans le RLS de Memphrémagog, une stratégie collective soutient les travailleurs mis à pied : "
            "soutien "
            "psychosocial à l'usine, guide pour les proches, soutien à la scolarisation et à la recherche "
            "d'emploi, "
            "sous l'impulsion des leaders municipaux."
        ),
        summary_en=(
            "In the Memphrémagog RLS, a collective strategy supports laid-off workers: psychosocial "
            "support at the "
            "plant, a guide for relatives, help back to school or to a new job, led by municipal leaders."
        ),
        story_fr=(
            "Le secteur manufacturier a connu des mises à pied massives. Les acteurs du RLS ont conçu une "
            "stratégie "
            "pour la relance économique du milieu tout en soutenant les nouveaux chômeurs, aux plans "
            "psychologique, "
            "social et économique, avec le réseau de la santé et des services sociaux et les organismes en "
            "soutien "
            "à l'emploi et aux personnes démunies. La santé, c'est l'affaire de tous."
        ),
        source=SEED_002,
        partners=[
            ("Municipalités de la MRC de Memphrémagog", "Leadership de l'initiative"),
            ("CSSS de Memphrémagog", "Soutien psychosocial"),
            ("Organismes en soutien à l'emploi", "Scolarisation et recherche d'emploi"),
        ],
        populations=["families", "low_income"],
        determinants=["employment_income", "education", "skills"],
        strategies=["access"],
        factors=["shared_vision", "managers_support"],
        outcomes=[Outcome.ACCESSIBILITY],
    ),
    Example(
        territory="CISSS12",
        title_fr="Projet RÉMI : la prévention du suicide, une priorité collective",
        title_en="RÉMI: suicide prevention as a shared priority",
        summary_fr=(
            "En Chaudière-Appalaches, des acteurs du territoire offrent des services continus, 24 heures "
            "sur 24 et 7 "
            "jours sur 7, aux personnes ayant des idées suicidaires, à leurs proches et aux personnes "
            "endeuillées "
            "par un suicide."
        ),
        summary_en=(
            "In Chaudière-Appalaches, partners offer continuous 24/7 services to people with suicidal "
            "ideation, their "
            "relatives and people bereaved by suicide."
        ),
        story_fr=(
            "Au Québec, le suicide est la 2e cause de décès chez les 18-34 ans (29,7 %). En 2006, "
            "Chaudière-Appalaches était au 4e rang des 15 régions pour la mortalité par suicide. Le projet "
            "RÉMI "
            "réunit les acteurs de la région autour d'une concertation territoriale ciblant les personnes "
            "vulnérables."
        ),
        source=SEED_002,
        partners=[("Partenaires de la concertation territoriale RÉMI", "Services continus 24/7")],
        populations=["caregivers", "youth"],
        strategies=["prevention", "access"],
        determinants=["social_support", "access_to_services"],
        factors=["shared_vision", "partnership_mechanisms"],
        outcomes=[Outcome.CONTINUITY, Outcome.ACCESSIBILITY],
        results="Services offerts 24 heures sur 24, 7 jours sur 7.",
    ),
]


def build_example_initiatives() -> int:
    """Write the six seed initiatives (once); returns how many were created."""
    load_reference_data(apps)
    if Initiative.objects.filter(is_example=True).exists():
        return 0
    by_code = {
        "populations": {p.code: p for p in Population.objects.all()},
        "strategies": {s.code: s for s in ActionStrategy.objects.all()},
        "determinants": {d.code: d for d in Determinant.objects.all()},
        "success_factors": {f.code: f for f in SuccessFactor.objects.all()},
    }
    created = 0
    for example in EXAMPLES:
        territory = Territory.objects.filter(code=example.territory).first()
        if territory is None:
            continue
        region_path = "/".join(territory.path.split("/")[:3]) + "/"
        initiative = Initiative.objects.create(
            title_fr=example.title_fr,
            title_en=example.title_en,
            summary_fr=example.summary_fr,
            summary_en=example.summary_en,
            story_fr=example.story_fr,
            territory=territory,
            other_success_factors=example.other_factors,
            outcomes=[str(o) for o in example.outcomes],
            results=example.results,
            challenges=example.challenges,
            start_date=example.start,
            end_date=example.end,
            stage=example.stage,
            visibility=example.visibility,
            is_example=True,
            source=example.source,
        )
        initiative.networks.set(
            Network.objects.filter(territory__path__startswith=region_path).order_by("pk")[:1]
        )
        initiative.populations.set([by_code["populations"][c] for c in example.populations])
        initiative.strategies.set([by_code["strategies"][c] for c in example.strategies])
        initiative.determinants.set([by_code["determinants"][c] for c in example.determinants])
        initiative.success_factors.set([by_code["success_factors"][c] for c in example.factors])
        for name, role in example.partners:
            InitiativePartner.objects.create(initiative=initiative, name=name, role=role)
        created += 1
    return created
