"""The eight impact questions take CHSSN's own wording (surveys.impact); answers are kept by code."""

from django.db import migrations


def load(apps, schema_editor):
    from maillage.surveys.builtin import load_instruments

    load_instruments(apps)


class Migration(migrations.Migration):
    dependencies = [("surveys", "0002_builtin_instruments")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
