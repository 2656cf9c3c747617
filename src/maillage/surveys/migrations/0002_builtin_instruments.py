from django.db import migrations


def load(apps, schema_editor):
    from maillage.surveys.builtin import load_instruments

    load_instruments(apps)


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
