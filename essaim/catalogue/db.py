"""Database operations that only exist on PostgreSQL (the SQLite demo simply skips them)."""

from django.db import migrations


class PostgresOnlySQL(migrations.RunSQL):
    """`RunSQL` that runs on PostgreSQL and does nothing on any other database.

    GIN indexes, extensions, text search configurations and triggers make no sense on SQLite
    (and would break its migrations), yet the model state must stay the same on both.
    """

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def is_postgresql(connection) -> bool:
    return connection.vendor == "postgresql"
