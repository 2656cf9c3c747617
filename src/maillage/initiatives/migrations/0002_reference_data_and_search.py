"""Reference lists (determinants, success factors) and, on SQLite, the FTS5 table of the search.

On PostgreSQL nothing is created: the search runs over the `search_title` / `search_body` columns.
"""

from django.db import migrations

FTS_TABLE = "initiatives_initiative_fts"


def load(apps, schema_editor):
    from maillage.initiatives.reference import load_reference_data

    load_reference_data(apps)


def create_fts(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    # Our own text is already folded and stemmed; remove_diacritics 2 also folds anything typed in the query.
    schema_editor.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
        "title, body, tokenize = 'unicode61 remove_diacritics 2')"
    )


def drop_fts(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0001_initial")]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
        migrations.RunPython(create_fts, drop_fts),
    ]
