"""The Community Mobilization Model's goals, principles and values (editable afterwards in the admin)."""

from django.db import migrations


def load(apps, schema_editor):
    from maillage.directory.mobilization import load_mobilization_model

    load_mobilization_model(apps)


class Migration(migrations.Migration):
    dependencies = [("directory", "0007_mobilization_model")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
