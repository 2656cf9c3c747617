from django.db import migrations


def load(apps, schema_editor):
    from maillage.concertation.reference import load_themes

    load_themes(apps)


class Migration(migrations.Migration):
    dependencies = [("concertation", "0001_themes_and_profiles")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
