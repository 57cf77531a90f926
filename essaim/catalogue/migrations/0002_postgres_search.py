"""PostgreSQL search: unaccent + pg_trgm, a `french_unaccent` configuration, a trigger keeping
`search_vector` up to date, GIN indexes. Nothing happens on SQLite."""

from django.db import migrations

from essaim.catalogue.db import PostgresOnlySQL

CONFIG = """
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'french_unaccent') THEN
    CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french);
    ALTER TEXT SEARCH CONFIGURATION french_unaccent
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
  END IF;
END
$$;
"""

TRIGGER = """
CREATE OR REPLACE FUNCTION catalogue_initiative_search_vector() RETURNS trigger AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('french_unaccent', coalesce(NEW.title, '')), 'A')
    || setweight(to_tsvector('french_unaccent', coalesce(NEW.pitch, '')), 'B')
    || setweight(to_tsvector('french_unaccent', coalesce(NEW.search_document, '')), 'C');
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER catalogue_initiative_search_vector_trigger
  BEFORE INSERT OR UPDATE ON catalogue_initiative
  FOR EACH ROW EXECUTE FUNCTION catalogue_initiative_search_vector();
"""

INDEXES = """
CREATE INDEX initiative_search_vector_gin ON catalogue_initiative USING gin (search_vector);
CREATE INDEX initiative_search_title_trgm
  ON catalogue_initiative USING gin (search_title gin_trgm_ops);
CREATE INDEX initiative_beneficiaries_gin
  ON catalogue_initiative USING gin (beneficiaries jsonb_path_ops);
"""


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]

    operations = [
        PostgresOnlySQL(
            CONFIG, "DROP TEXT SEARCH CONFIGURATION IF EXISTS french_unaccent;"
        ),
        PostgresOnlySQL(
            TRIGGER,
            "DROP TRIGGER IF EXISTS catalogue_initiative_search_vector_trigger"
            " ON catalogue_initiative;"
            " DROP FUNCTION IF EXISTS catalogue_initiative_search_vector();",
        ),
        PostgresOnlySQL(
            INDEXES,
            "DROP INDEX IF EXISTS initiative_search_vector_gin;"
            " DROP INDEX IF EXISTS initiative_search_title_trgm;"
            " DROP INDEX IF EXISTS initiative_beneficiaries_gin;",
        ),
    ]
