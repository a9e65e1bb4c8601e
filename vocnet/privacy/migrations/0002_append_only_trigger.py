"""PostgreSQL: the access log refuses UPDATE always, and DELETE of any row younger than two
years, whoever sends it — the application, a shell, a mistaken script. The retention command
(``purge_access_log``) deletes only older rows, which the trigger lets through.

Row triggers do not fire on TRUNCATE, which Django's test runner uses to empty tables between
transactional tests; in production the application's database role must not own the table
(only the owner may TRUNCATE or drop the trigger). SQLite (the demo) has no trigger: its test
runner empties tables with DELETE.
"""

from django.db import migrations

TABLE = "privacy_personaldataaccess"
FUNCTION = "privacy_access_log_append_only"
TRIGGER = "privacy_access_log_append_only"

CREATE = f"""
CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND OLD.at < now() - interval '2 years' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'vocnet: the personal-data access log is append-only (% refused)', TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER {TRIGGER} BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION {FUNCTION}();
"""
DROP = f"""
DROP TRIGGER IF EXISTS {TRIGGER} ON {TABLE};
DROP FUNCTION IF EXISTS {FUNCTION}();
"""


def create_trigger(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop_trigger(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_access_log_and_reviews")]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]
