"""Reference data from the source documents: sectors, populations, action strategies, Quebec's health regions.

Loaded by a data migration (so every database has it) and editable afterwards in the admin.
"""

from __future__ import annotations

from typing import Any

# (code, French, English, family)
SECTORS: list[tuple[str, str, str, str]] = [
    ("cisss", "CISSS / CIUSSS", "CISSS / CIUSSS", "public"),
    ("clsc", "CLSC", "CLSC", "public"),
    ("hospital", "Hôpital", "Hospital", "public"),
    ("chsld", "CHSLD", "Long-term care centre (CHSLD)", "public"),
    ("public_health", "Santé publique", "Public health", "public"),
    ("community_organization", "Organisme communautaire", "Community organization", "community"),
    ("citizens_group", "Regroupement de citoyens", "Citizens' group", "community"),
    ("municipal", "Municipal", "Municipal", "public"),
    ("school_service_centre", "Centre de services scolaire", "School service centre", "public"),
    ("college", "Cégep / collège", "College (CEGEP)", "public"),
    ("university", "Université", "University", "public"),
    ("employment", "Emploi", "Employment", "public"),
    ("housing_office", "Office d'habitation", "Housing office", "public"),
    ("public_security", "Sécurité publique", "Public security", "public"),
    ("pharmacy", "Pharmacie", "Pharmacy", "private"),
    ("private_business", "Entreprise privée", "Private business", "private"),
    ("foundation", "Fondation / philanthropie", "Foundation / philanthropy", "private"),
    ("other_government", "Autre ministère ou organisme public", "Other government", "public"),
    ("other", "Autre", "Other", "other"),
]

# The Community Mobilization Model's target populations first, then others the networks serve.
POPULATIONS: list[tuple[str, str, str]] = [
    ("seniors", "Aînés", "Seniors"),
    ("youth", "Jeunes", "Youth"),
    ("children", "Enfants", "Children"),
    ("families", "Familles", "Families"),
    ("caregivers", "Proches aidants", "Caregivers"),
    ("english_speaking", "Communautés d'expression anglaise", "English-speaking communities"),
    ("newcomers", "Personnes immigrantes", "Newcomers"),
    ("indigenous", "Peuples autochtones", "Indigenous peoples"),
    ("disabilities", "Personnes en situation de handicap", "People with disabilities"),
    ("low_income", "Personnes à faible revenu", "People with low income"),
]

ACTION_STRATEGIES: list[tuple[str, str, str]] = [
    (
        "access",
        "Améliorer l'accès aux services de santé et aux services sociaux",
        "Improve access to health and social services",
    ),
    ("prevention", "Prévention et promotion de la santé", "Prevention and health promotion"),
    ("social_innovation", "Innovation sociale", "Social innovation"),
]

PROVINCE = ("QC", "Québec", "Quebec")

# Quebec's 18 health and social services regions (RSS codes).
REGIONS: list[tuple[str, str, str]] = [
    ("01", "Bas-Saint-Laurent", "Bas-Saint-Laurent"),
    ("02", "Saguenay–Lac-Saint-Jean", "Saguenay–Lac-Saint-Jean"),
    ("03", "Capitale-Nationale", "Capitale-Nationale"),
    ("04", "Mauricie et Centre-du-Québec", "Mauricie and Centre-du-Québec"),
    ("05", "Estrie", "Estrie"),
    ("06", "Montréal", "Montreal"),
    ("07", "Outaouais", "Outaouais"),
    ("08", "Abitibi-Témiscamingue", "Abitibi-Témiscamingue"),
    ("09", "Côte-Nord", "Côte-Nord"),
    ("10", "Nord-du-Québec", "Nord-du-Québec"),
    ("11", "Gaspésie–Îles-de-la-Madeleine", "Gaspésie–Îles-de-la-Madeleine"),
    ("12", "Chaudière-Appalaches", "Chaudière-Appalaches"),
    ("13", "Laval", "Laval"),
    ("14", "Lanaudière", "Lanaudière"),
    ("15", "Laurentides", "Laurentides"),
    ("16", "Montérégie", "Montérégie"),
    ("17", "Nunavik", "Nunavik"),
    ("18", "Terres-Cries-de-la-Baie-James", "Cree Territory of James Bay"),
]


def load_reference_data(apps: Any) -> None:
    """Create (or complete) the reference rows; safe to run twice."""
    Sector = apps.get_model("directory", "Sector")
    Population = apps.get_model("directory", "Population")
    ActionStrategy = apps.get_model("directory", "ActionStrategy")
    Territory = apps.get_model("directory", "Territory")
    for order, (code, fr, en, family) in enumerate(SECTORS):
        Sector.objects.update_or_create(
            code=code, defaults={"name_fr": fr, "name_en": en, "family": family, "order": order}
        )
    for order, (code, fr, en) in enumerate(POPULATIONS):
        Population.objects.update_or_create(
            code=code, defaults={"name_fr": fr, "name_en": en, "order": order}
        )
    for order, (code, fr, en) in enumerate(ACTION_STRATEGIES):
        ActionStrategy.objects.update_or_create(
            code=code, defaults={"name_fr": fr, "name_en": en, "order": order}
        )
    # Historical models have no custom save(): the materialised path is written here by hand.
    province, _ = Territory.objects.get_or_create(
        code=PROVINCE[0], defaults={"kind": "province", "name_fr": PROVINCE[1], "name_en": PROVINCE[2]}
    )
    Territory.objects.filter(pk=province.pk).update(path=f"/{province.pk}/")
    for code, fr, en in REGIONS:
        region, _ = Territory.objects.get_or_create(
            code=f"RSS{code}", defaults={"kind": "region", "name_fr": fr, "name_en": en, "parent": province}
        )
        Territory.objects.filter(pk=region.pk).update(path=f"/{province.pk}/{region.pk}/")
