"""When a formal tie's agreement ends: a dated fact of the observation, guarded like the others."""

from django.db import migrations, models

GUARDED = ["observed_on", "level", "formality", "agreement_kind", "referrals", "information", "resources",
           "joint_projects", "source"]  # fmt: skip
MESSAGE = "tie observations are immutable: record a new observation instead"


def _sqlite(columns: list[str]) -> list[str]:
    changed = " OR ".join(f"NEW.{column} IS NOT OLD.{column}" for column in columns)
    create = f"""
CREATE TRIGGER ties_observation_immutable BEFORE UPDATE ON ties_tieobservation
FOR EACH ROW WHEN {changed}
BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
"""
    return ["DROP TRIGGER IF EXISTS ties_observation_immutable", create]


def _postgresql(columns: list[str]) -> list[str]:
    changed = " OR ".join(f"NEW.{column} IS DISTINCT FROM OLD.{column}" for column in columns)
    # The trigger calls the function by name: replacing the function is enough.
    return [f"""
CREATE OR REPLACE FUNCTION ties_observation_immutable() RETURNS trigger AS $$
BEGIN
    IF {changed} THEN
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END $$ LANGUAGE plpgsql;
"""]


def _guard(columns: list[str]):
    def run(apps, schema_editor):
        postgresql = schema_editor.connection.vendor == "postgresql"
        for statement in _postgresql(columns) if postgresql else _sqlite(columns):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("ties", "0003_observation_immutable")]

    operations = [
        migrations.AddField(
            model_name="tieobservation",
            name="agreement_ends_on",
            field=models.DateField(blank=True, null=True, verbose_name="agreement ends on"),
        ),
        migrations.RunPython(_guard([*GUARDED, "agreement_ends_on"]), _guard(GUARDED)),
    ]
