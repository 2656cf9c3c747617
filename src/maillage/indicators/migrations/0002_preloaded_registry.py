"""The preloaded indicator sets (editable afterwards): CHSSN impact, population responsibility, process."""

from __future__ import annotations

from django.db import migrations


def load(apps, schema_editor):
    from maillage.indicators.preload import load_registry

    load_registry(apps)


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
