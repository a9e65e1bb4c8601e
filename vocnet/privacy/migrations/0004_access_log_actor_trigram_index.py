"""PostgreSQL: a trigram index for the access log's search by account (issue 12 item 5).

The search matches any part of the account name, case-insensitively (``icontains``:
``UPPER(actor_username::text) LIKE UPPER('%…%')``), which no B-tree can answer: with 1,000,000
rows a name that matches few or no rows was a scan of the whole table (534 ms for a name with
no row; 242 ms for a name's exports), and 9 ms and 66 ms with this index (measured on a
synthetic table of 1,000,000 rows on this project's PostgreSQL 15, ADR 0020).

``pg_trgm`` ships with PostgreSQL; creating it needs a role allowed to (the owner of the
database on PostgreSQL 13+ for this trusted extension, or a superuser). Where the migrating
role may not, the index is left out with a warning and the search still works, only slower;
docs/deploy.md says how to add it later. SQLite (the demo) scans its smaller log.
"""

import logging

from django.db import DatabaseError, migrations, transaction

logger = logging.getLogger(__name__)

INDEX = "access_actor_trgm_idx"
TABLE = "privacy_personaldataaccess"


def create_index(apps, schema_editor):  # type: ignore[no-untyped-def]
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=connection.alias):  # a savepoint: a refusal is survivable
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm", params=None)
    except DatabaseError as error:  # the role may not create extensions
        logger.warning("pg_trgm not available (%s): the access-log search runs unindexed", error)
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON {TABLE} "
        "USING gin ((UPPER(actor_username::text)) gin_trgm_ops)",
        params=None,
    )


def drop_index(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}", params=None)


class Migration(migrations.Migration):
    dependencies = [("privacy", "0003_access_log_indexes_for_keyset_pages_and_exports")]

    operations = [migrations.RunPython(create_index, drop_index)]
