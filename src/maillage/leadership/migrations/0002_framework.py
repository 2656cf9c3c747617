"""The four pillars of the leadership development framework and their competencies (framework.py)."""

from django.db import migrations


def load(apps, schema_editor):
    from maillage.leadership.framework import load_framework

    load_framework(apps)


class Migration(migrations.Migration):
    dependencies = [("leadership", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
