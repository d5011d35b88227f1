"""The search index (congso.core.search): the table, then the full-text index
that the model does not describe, one branch per database (stack.md §3.1, §3.2).

- SQLite: an external-content FTS5 table over ``folded`` and the keys of scope and
  filters, kept in sync by three triggers. A later migration that makes SQLite
  rebuild ``core_searchentry`` drops the triggers and must create them again.
- PostgreSQL: the ``unaccent`` and ``pg_trgm`` extensions and the ``vi_unaccent``
  configuration (for ad-hoc and future queries on unfolded text), and the
  ``search_vector`` column (words, adjacent pairs, keys) kept by a trigger, with a
  GIN index.
- Both: newest-first indexes by (date, id) and (agency, date, id).
"""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations, models

# attrs: the keys of congso/core/search/base.py (agency, object type, kind, status,
# issuer, and the date's month, quarter and year), computed from the row by the
# triggers; hex() makes one token of any text value.
SQLITE_ATTRS = (
    "'_a' || ifnull({r}.agency_id, '') || ' _t' || hex({r}.object_type)"
    " || ' _k' || hex({r}.kind) || ' _s' || hex({r}.status)"
    " || ' _i' || hex({r}.issuer_folded)"
    " || ' _m' || ifnull(strftime('%Y%m', {r}.doc_date), '')"
    " || ' _q' || ifnull(strftime('%Y', {r}.doc_date)"
    " || ((CAST(strftime('%m', {r}.doc_date) AS INTEGER) + 2) / 3), '')"
    " || ' _y' || ifnull(strftime('%Y', {r}.doc_date), '')"
)
SQLITE_INSERT = (
    "INSERT INTO core_searchentry_fts(rowid, folded, attrs)"
    " VALUES (new.id, new.folded, "
    + SQLITE_ATTRS.format(r="new")
    + ");"
)
SQLITE_DELETE = (
    "INSERT INTO core_searchentry_fts(core_searchentry_fts, rowid, folded, attrs)"
    " VALUES ('delete', old.id, old.folded, "
    + SQLITE_ATTRS.format(r="old")
    + ");"
)
SQLITE = [
    # attrs is not a column of core_searchentry: the triggers give its values, so
    # the FTS5 'rebuild' command cannot be used (re-insert the rows instead).
    "CREATE VIRTUAL TABLE core_searchentry_fts USING fts5("
    " folded, attrs, content='core_searchentry', content_rowid='id',"
    " tokenize=\"unicode61 remove_diacritics 2 tokenchars '_'\")",
    "CREATE TRIGGER core_searchentry_fts_ai AFTER INSERT ON core_searchentry BEGIN "
    + SQLITE_INSERT
    + " END",
    "CREATE TRIGGER core_searchentry_fts_ad AFTER DELETE ON core_searchentry BEGIN "
    + SQLITE_DELETE
    + " END",
    "CREATE TRIGGER core_searchentry_fts_au AFTER UPDATE OF folded,"
    " agency_id, object_type, kind, status, issuer_folded, doc_date"
    " ON core_searchentry BEGIN " + SQLITE_DELETE + " " + SQLITE_INSERT + " END",
    "CREATE INDEX core_search_newest ON core_searchentry (doc_date DESC, id DESC)",
    "CREATE INDEX core_search_agency_newest"
    " ON core_searchentry (agency_id, doc_date DESC, id DESC)",
]
SQLITE_REVERSE = [
    "DROP INDEX core_search_agency_newest",
    "DROP INDEX core_search_newest",
    "DROP TRIGGER core_searchentry_fts_au",
    "DROP TRIGGER core_searchentry_fts_ad",
    "DROP TRIGGER core_searchentry_fts_ai",
    "DROP TABLE core_searchentry_fts",
]
# search_vector: the words of folded, their adjacent pairs ("khai sinh": phrases the
# index answers without reading positions) and the keys of
# congso/core/search/base.py; no positions or weights (ranking is done in Python).
# Kept by a trigger, not a generated column: the pairs need a set-returning function.
PG_VECTOR = """
CREATE FUNCTION core_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  w text[] := array_remove(string_to_array(NEW.folded, ' '), '');
BEGIN
  NEW.search_vector := array_to_tsvector(w
    || ARRAY(SELECT w[i] || ' ' || w[i + 1]
             FROM generate_series(1, coalesce(array_length(w, 1), 0) - 1) AS i)
    || ARRAY[
      '_a' || coalesce(NEW.agency_id::text, ''),
      '_t' || NEW.object_type,
      '_k' || NEW.kind,
      '_s' || NEW.status,
      '_i' || NEW.issuer_folded,
      '_m' || coalesce(to_char(NEW.doc_date, 'YYYYMM'), ''),
      '_q' || coalesce(to_char(NEW.doc_date, 'YYYYQ'), ''),
      '_y' || coalesce(to_char(NEW.doc_date, 'YYYY'), '')]);
  RETURN NEW;
END $$
"""
PG = [
    "DO $$ BEGIN"
    " IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'vi_unaccent') THEN"
    " CREATE TEXT SEARCH CONFIGURATION vi_unaccent (COPY = simple);"
    " ALTER TEXT SEARCH CONFIGURATION vi_unaccent"
    " ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;"
    " END IF; END $$",
    "ALTER TABLE core_searchentry ADD COLUMN search_vector tsvector NOT NULL DEFAULT ''",
    PG_VECTOR,
    "CREATE TRIGGER core_search_vector BEFORE INSERT OR UPDATE ON core_searchentry"
    " FOR EACH ROW EXECUTE FUNCTION core_search_vector()",
    "CREATE INDEX core_search_fts ON core_searchentry USING GIN (search_vector)",
    "CREATE INDEX core_search_newest"
    " ON core_searchentry (doc_date DESC NULLS LAST, id DESC)",
    "CREATE INDEX core_search_agency_newest"
    " ON core_searchentry (agency_id, doc_date DESC NULLS LAST, id DESC)",
]
PG_REVERSE = [
    "DROP INDEX core_search_agency_newest",
    "DROP INDEX core_search_newest",
    "DROP INDEX core_search_fts",
    "DROP TRIGGER core_search_vector ON core_searchentry",
    "DROP FUNCTION core_search_vector()",
    "ALTER TABLE core_searchentry DROP COLUMN search_vector",
]


def forwards(apps, schema_editor):
    for sql in {"postgresql": PG, "sqlite": SQLITE}[schema_editor.connection.vendor]:
        schema_editor.execute(sql, params=None)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in {"postgresql": PG_REVERSE, "sqlite": SQLITE_REVERSE}[vendor]:
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "object_type",
                    models.CharField(max_length=100, verbose_name="object type"),
                ),
                (
                    "object_id",
                    models.CharField(max_length=64, verbose_name="object id"),
                ),
                ("agency_id", models.BigIntegerField(null=True, verbose_name="agency")),
                (
                    "restricted",
                    models.BooleanField(default=False, verbose_name="restricted"),
                ),
                (
                    "kind",
                    models.CharField(blank=True, max_length=50, verbose_name="kind"),
                ),
                (
                    "status",
                    models.CharField(blank=True, max_length=50, verbose_name="status"),
                ),
                (
                    "issuer",
                    models.CharField(
                        blank=True, max_length=255, verbose_name="issuing agency"
                    ),
                ),
                (
                    "issuer_folded",
                    models.CharField(
                        blank=True,
                        max_length=255,
                        verbose_name="issuing agency (folded)",
                    ),
                ),
                (
                    "doc_date",
                    models.DateField(blank=True, null=True, verbose_name="date"),
                ),
                (
                    "number",
                    models.CharField(
                        blank=True, max_length=100, verbose_name="number and symbol"
                    ),
                ),
                (
                    "number_key",
                    models.CharField(
                        blank=True, max_length=100, verbose_name="number and symbol key"
                    ),
                ),
                ("title", models.TextField(verbose_name="title or summary")),
                (
                    "title_folded",
                    models.TextField(
                        blank=True, verbose_name="title or summary (folded)"
                    ),
                ),
                ("body", models.TextField(blank=True, verbose_name="content")),
                ("folded", models.TextField(blank=True, verbose_name="folded text")),
                ("updated_at", models.DateTimeField(verbose_name="updated at")),
            ],
            options={
                "verbose_name": "search entry",
                "verbose_name_plural": "search entries",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("object_type", "object_id"),
                        name="core_search_object_uniq",
                    )
                ],
                "indexes": [
                    models.Index(fields=["number_key"], name="core_search_number_idx")
                ],
            },
        ),
        UnaccentExtension(),
        TrigramExtension(),
        migrations.RunPython(forwards, backwards),
    ]
