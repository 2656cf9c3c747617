"""An observation is a dated fact: once written, what it says cannot change (a correction is a new one).

The trigger guards what the observation says; the tie it belongs to may move (a merge of two
organizations), its note may be erased (privacy) and its author may be unset (an account deleted).
"""

from django.db import migrations

GUARDED = ["observed_on", "level", "formality", "agreement_kind", "referrals", "information", "resources",
           "joint_projects", "source"]  # fmt: skip
MESSAGE = "tie observations are immutable: record a new observation instead"

CHANGED = " OR ".join(f"NEW.{column} IS NOT OLD.{column}" for column in GUARDED)
PG_CHANGED = " OR ".join(f"NEW.{column} IS DISTINCT FROM OLD.{column}" for column in GUARDED)

SQLITE_UP = f"""
CREATE TRIGGER ties_observation_immutable BEFORE UPDATE ON ties_tieobservation
FOR EACH ROW WHEN {CHANGED}
BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
"""
SQLITE_DOWN = "DROP TRIGGER IF EXISTS ties_observation_immutable;"

PG_UP = f"""
CREATE OR REPLACE FUNCTION ties_observation_immutable() RETURNS trigger AS $$
BEGIN
    IF {PG_CHANGED} THEN
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER ties_observation_immutable BEFORE UPDATE ON ties_tieobservation
FOR EACH ROW EXECUTE FUNCTION ties_observation_immutable();
"""
PG_DOWN = """
DROP TRIGGER IF EXISTS ties_observation_immutable ON ties_tieobservation;
DROP FUNCTION IF EXISTS ties_observation_immutable();
"""


def forwards(apps, schema_editor):
    sql = PG_UP if schema_editor.connection.vendor == "postgresql" else SQLITE_UP
    schema_editor.execute(sql)


def backwards(apps, schema_editor):
    sql = PG_DOWN if schema_editor.connection.vendor == "postgresql" else SQLITE_DOWN
    schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("ties", "0002_observation_formality_default")]

    operations = [migrations.RunPython(forwards, backwards)]
