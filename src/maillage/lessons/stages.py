"""The stages of development of a partnership network, as reference data (editable in the admin).

CHSSN's baseline data report follows its networks' *étapes de développement* next to the lessons they
learned. The stages below describe a network as a whole (not one tie: the collaboration scale of Frey et
al. does that); a coordinator records, date after date, the stage the network has reached, so the report
shows the path wave after wave.
"""

from __future__ import annotations

from typing import Any

# code, name fr, name en, definition fr, definition en
STAGES: list[tuple[str, str, str, str, str]] = [
    (
        "emerging",
        "Émergence",
        "Emerging",
        "Des organisations se rencontrent autour d'une préoccupation commune; pas encore de but ni de plan "
        "partagés.",
        "Organizations meet around a shared concern; there is no shared goal or plan yet.",
    ),
    (
        "forming",
        "Mise en place",
        "Forming",
        "Les partenaires s'entendent sur des buts communs, une façon de travailler et de premières "
        "activités.",
        "Partners agree on shared goals, a way of working and first joint activities.",
    ),
    (
        "consolidating",
        "Consolidation",
        "Consolidating",
        "Le travail commun est régulier, les rôles sont clairs, chacun apporte des ressources; de premiers "
        "résultats apparaissent.",
        "Joint work is regular, roles are clear, each partner brings resources; first results appear.",
    ),
    (
        "mature",
        "Maturité",
        "Mature",
        "Le partenariat est reconnu, influence la planification et les décisions et maintient ses résultats "
        "dans la durée.",
        "The partnership is recognised, influences planning and decisions, and sustains its results.",
    ),
    (
        "renewing",
        "Renouvellement",
        "Renewing",
        "Le partenariat revoit ses buts, s'ouvre à de nouveaux partenaires et sert de modèle à d'autres.",
        "The partnership reviews its goals, opens to new partners and serves as a model for others.",
    ),
]


def load_stages(apps: Any) -> None:
    """Create the stages that are missing; stages edited since are left alone."""
    model = apps.get_model("lessons", "DevelopmentStage")
    for order, (code, name_fr, name_en, definition_fr, definition_en) in enumerate(STAGES, start=1):
        model.objects.get_or_create(
            code=code,
            defaults={
                "order": order,
                "name_fr": name_fr,
                "name_en": name_en,
                "definition_fr": definition_fr,
                "definition_en": definition_en,
            },
        )
