"""The five stages of development of a partnership network (editable afterwards in the admin)."""

from django.db import migrations


def load(apps, schema_editor):
    from maillage.lessons.stages import load_stages

    load_stages(apps)


class Migration(migrations.Migration):
    dependencies = [("lessons", "0001_lessons_and_stages")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
