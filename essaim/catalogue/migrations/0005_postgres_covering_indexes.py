"""PostgreSQL: the facet indexes also carry the columns facets count (index-only scans), and a
partial index answers "taken up elsewhere?" without reading the table. Nothing on SQLite."""

from django.db import migrations

from essaim.catalogue.db import PostgresOnlySQL

T = "catalogue_initiative"
COVERING = {
    "initiative_stage_idx": ("stage", "id, region_id, department_id"),
    "initiative_region_idx": ("region_id", "id, stage, department_id"),
    "initiative_department_idx": ("department_id", "id, stage, region_id"),
}

FORWARDS = [
    sql
    for name, (key, extra) in COVERING.items()
    for sql in (
        f"DROP INDEX IF EXISTS {name};",
        f"CREATE INDEX {name} ON {T} (publication_state, {key}) INCLUDE ({extra});",
    )
] + [
    # The default order: newest first, undated last (SQLite cannot declare NULLS LAST).
    "DROP INDEX IF EXISTS initiative_pub_idx;",
    f"CREATE INDEX initiative_pub_idx ON {T} (publication_state, published_at DESC NULLS LAST);",
    f"CREATE INDEX initiative_published_origin_idx ON {T} (origin_id)"
    " WHERE publication_state = 'published' AND origin_id IS NOT NULL;",
    # "Initiatives with this theme / lab / carrier" as index-only scans.
    f"CREATE INDEX initiative_themes_by_theme ON {T}_themes (theme_id, initiative_id);",
    f"CREATE INDEX initiative_labs_by_lab ON {T}_labs (organisation_id, initiative_id);",
    f"CREATE INDEX initiative_carriers_by_org ON {T}_carriers (organisation_id, initiative_id);",
]
BACKWARDS = [
    sql
    for name, (key, _extra) in COVERING.items()
    for sql in (
        f"DROP INDEX IF EXISTS {name};",
        f"CREATE INDEX {name} ON {T} (publication_state, {key});",
    )
] + [
    "DROP INDEX IF EXISTS initiative_pub_idx;",
    f"CREATE INDEX initiative_pub_idx ON {T} (publication_state, published_at DESC);",
] + [
    f"DROP INDEX IF EXISTS {name};"
    for name in (
        "initiative_published_origin_idx",
        "initiative_themes_by_theme",
        "initiative_labs_by_lab",
        "initiative_carriers_by_org",
    )
]


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0004_history_and_alerts")]

    operations = [PostgresOnlySQL(FORWARDS, BACKWARDS)]
