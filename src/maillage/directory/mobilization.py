"""CHSSN's Community Mobilization Model (2018) as reference data: its goals, principles and values.

The French is the case study's (seed 000: *Étude de cas du Réseau communautaire de santé et de services
sociaux*); its target populations and action strategies are already in `directory.reference`. Each row
stays editable in the admin; networks and initiatives are tagged with the goals and principles they serve,
and the programme report counts them.
"""

from __future__ import annotations

from typing import Any

GOALS: list[tuple[str, str, str]] = [
    (
        "health_wellbeing",
        "L'amélioration de la santé et du bien-être des citoyen-ne-s",
        "Improve the health and well-being of citizens",
    ),
    (
        "community_vitality",
        "L'amélioration de la vitalité des communautés",
        "Improve the vitality of communities",
    ),
]
PRINCIPLES: list[tuple[str, str, str]] = [
    ("community_empowerment", "Le pouvoir d'action des communautés", "Community empowerment"),
    ("community_governance", "La gouvernance communautaire", "Community governance"),
    ("knowledge", "Le développement et le partage de connaissances", "Knowledge development and sharing"),
    ("evaluation_research", "L'évaluation et la recherche-action", "Evaluation and action research"),
    ("policy_influence", "L'influence sur les politiques", "Policy influence"),
    ("leadership", "Le perfectionnement en matière de leadership", "Leadership development"),
]
VALUES: list[tuple[str, str, str]] = [
    ("identity", "La préservation de l'identité", "Identity preservation"),
    ("social_inclusion", "L'inclusion sociale", "Social inclusion"),
    ("equity", "L'équité", "Equity"),
]


def load_mobilization_model(apps: Any) -> None:
    """Create the goals, principles and values that are missing; rows edited since are left alone."""
    for model_name, rows in (
        ("MobilizationGoal", GOALS),
        ("MobilizationPrinciple", PRINCIPLES),
        ("MobilizationValue", VALUES),
    ):
        model = apps.get_model("directory", model_name)
        for order, (code, fr, en) in enumerate(rows):
            model.objects.get_or_create(code=code, defaults={"name_fr": fr, "name_en": en, "order": order})
