"""The reference list of concertation themes, loaded by a data migration and editable in the admin."""

from __future__ import annotations

from typing import Any

# (code, French, English)
THEMES: list[tuple[str, str, str]] = [
    ("food_security", "Sécurité alimentaire", "Food security"),
    ("housing", "Logement", "Housing"),
    ("mental_health", "Santé mentale", "Mental health"),
    ("early_childhood", "Petite enfance", "Early childhood"),
    ("school_perseverance", "Persévérance scolaire", "School perseverance"),
    ("employment", "Emploi et insertion", "Employment and integration"),
    ("social_isolation", "Isolement social", "Social isolation"),
    ("healthy_ageing", "Vieillir en santé", "Healthy ageing"),
    ("newcomer_integration", "Intégration des personnes immigrantes", "Newcomer integration"),
    ("violence_prevention", "Prévention de la violence", "Violence prevention"),
    ("substance_use", "Dépendances", "Substance use"),
    ("transport", "Transport", "Transportation"),
    ("access_to_services", "Accès aux services", "Access to services"),
    ("social_development", "Développement social", "Social development"),
]


def load_themes(apps: Any) -> None:
    """Create (or complete) the themes; safe to run twice."""
    Theme = apps.get_model("concertation", "Theme")
    for order, (code, fr, en) in enumerate(THEMES):
        Theme.objects.update_or_create(code=code, defaults={"name_fr": fr, "name_en": en, "order": order})
