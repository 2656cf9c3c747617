"""Reference lists of the observatory: determinants of health and success factors (OQRLS, seed 002).

Loaded by a data migration, and again by the demo (a transactional test empties every table).
"""

from __future__ import annotations

from typing import Any

# (code, French, English): the OQRLS's social determinants first, then others the seeds name.
DETERMINANTS: list[tuple[str, str, str]] = [
    ("lifestyle", "Habitudes de vie", "Lifestyle habits"),
    ("skills", "Compétences personnelles et sociales", "Personal and social skills"),
    ("living_environment", "Milieu de vie", "Living environment"),
    ("access_to_services", "Accès aux services", "Access to services"),
    ("employment_income", "Emploi et revenu", "Employment and income"),
    ("education", "Scolarité", "Education"),
    ("social_support", "Soutien social et réseaux d'entraide", "Social support networks"),
    ("food", "Accès à une saine alimentation", "Access to healthy food"),
    ("housing_transport", "Logement, aménagement et transport", "Housing, urban planning and transport"),
]

# The five success factors of network work found by the OQRLS's cross-analysis of its initiatives.
SUCCESS_FACTORS: list[tuple[str, str, str]] = [
    (
        "shared_vision",
        "Une vision commune centrée sur les besoins de la population",
        "A shared vision centred on the population's needs",
    ),
    (
        "managers_support",
        "Le soutien soutenu des directions et des gestionnaires des partenaires",
        "Sustained support of the partners' managers",
    ),
    (
        "dare_to_experiment",
        "L'audace d'expérimenter dans l'action",
        "Daring to experiment in action",
    ),
    (
        "partnership_mechanisms",
        "De bons mécanismes de partenariat",
        "Good partnership mechanisms",
    ),
    (
        "continuous_adjustment",
        "Un ajustement progressif et continu à la réalité du terrain et des partenaires",
        "Progressive, continuous adjustment to the field and the partners",
    ),
]


def load_reference_data(apps: Any) -> None:
    """Create or refresh the reference rows; `apps` is a migration's app registry or django.apps.apps."""
    for model_name, rows in (("Determinant", DETERMINANTS), ("SuccessFactor", SUCCESS_FACTORS)):
        model = apps.get_model("initiatives", model_name)
        for order, (code, french, english) in enumerate(rows):
            model.objects.update_or_create(
                code=code, defaults={"name_fr": french, "name_en": english, "order": order}
            )
