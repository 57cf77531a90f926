"""PostgreSQL search for events, like the catalogue's: a trigger keeping `search_vector` up to
date with the `french_unaccent` configuration (created by catalogue 0002), a GIN index.
Nothing happens on SQLite, which searches the folded `search_document`."""

from django.db import migrations

from essaim.catalogue.db import PostgresOnlySQL

TRIGGER = """
CREATE OR REPLACE FUNCTION agenda_event_search_vector() RETURNS trigger AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('french_unaccent', coalesce(NEW.title, '')), 'A')
    || setweight(to_tsvector('french_unaccent', coalesce(NEW.summary, '')), 'B')
    || setweight(to_tsvector('french_unaccent', coalesce(NEW.search_document, '')), 'C');
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER agenda_event_search_vector_trigger
  BEFORE INSERT OR UPDATE OF title, summary, search_document ON agenda_event
  FOR EACH ROW EXECUTE FUNCTION agenda_event_search_vector();
UPDATE agenda_event SET search_document = search_document;
"""

INDEXES = """
CREATE INDEX agenda_event_search_vector_gin ON agenda_event USING gin (search_vector);
"""


class Migration(migrations.Migration):
    dependencies = [
        ("agenda", "0001_initial"),
        ("catalogue", "0002_postgres_search"),
    ]

    operations = [
        PostgresOnlySQL(
            TRIGGER,
            "DROP TRIGGER IF EXISTS agenda_event_search_vector_trigger ON agenda_event;"
            " DROP FUNCTION IF EXISTS agenda_event_search_vector();",
        ),
        PostgresOnlySQL(INDEXES, "DROP INDEX IF EXISTS agenda_event_search_vector_gin;"),
    ]
