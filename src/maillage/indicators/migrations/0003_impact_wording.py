"""The preloaded impact indicators and their survey elements take CHSSN's own wording (surveys.impact).

Only rows still named as first preloaded change: a name an administrator edited since is theirs.
"""

from django.db import migrations

FIRST_WORDING = {
    "partnership_growth": (
        "Croissance des partenariats et de leur influence",
        "Growth of partnerships and their influence",
    ),
    "needs_awareness": (
        "Connaissance des besoins et ressources du milieu",
        "Awareness of community needs and resources",
    ),
    "information_access": ("Accès à l'information sur les services", "Access to information on services"),
    "provider_competence": ("Compétence et attitude des intervenants", "Providers' competence and attitude"),
    "contact_frequency": (
        "Contacts entre la communauté et les professionnels",
        "Contacts between community and professionals",
    ),
    "community_inclusion": (
        "Inclusion de la communauté dans la planification",
        "Community included in planning",
    ),
    "service_innovation": ("Innovation dans l'offre de services", "Innovation in service delivery"),
    "community_vitality": (
        "Vitalité et qualité de vie de la communauté",
        "Community vitality and quality of life",
    ),
}


def reword(apps, schema_editor):
    from maillage.surveys.impact import IMPACT_MEASURES

    element_model = apps.get_model("indicators", "DataElement")
    indicator_model = apps.get_model("indicators", "Indicator")
    for measure in IMPACT_MEASURES:
        old_fr, old_en = FIRST_WORDING[measure.code]
        for model, code in (
            (element_model, f"survey_{measure.code}"),
            (indicator_model, f"impact_{measure.number}"),
        ):
            model.objects.filter(code=code, name_fr=old_fr).update(name_fr=measure.fr)
            model.objects.filter(code=code, name_en=old_en).update(name_en=measure.en)


class Migration(migrations.Migration):
    dependencies = [("indicators", "0002_preloaded_registry")]

    operations = [migrations.RunPython(reword, migrations.RunPython.noop)]
