"""A word index over Meeting.search_text: SQLite FTS5 (kept in step by triggers), PostgreSQL GIN on tsvector.

search_text is already lower case without accents (directory.derived.fold), so both use plain tokenisers.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE directory_meeting_fts USING fts5(
        search_text, content='directory_meeting', content_rowid='id', tokenize='unicode61', prefix='2 3 4'
    )""",
    """CREATE TRIGGER directory_meeting_fts_insert AFTER INSERT ON directory_meeting BEGIN
        INSERT INTO directory_meeting_fts(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
    """CREATE TRIGGER directory_meeting_fts_delete AFTER DELETE ON directory_meeting BEGIN
        INSERT INTO directory_meeting_fts(directory_meeting_fts, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
    END""",
    """CREATE TRIGGER directory_meeting_fts_update AFTER UPDATE OF search_text ON directory_meeting BEGIN
        INSERT INTO directory_meeting_fts(directory_meeting_fts, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
        INSERT INTO directory_meeting_fts(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
    "INSERT INTO directory_meeting_fts(directory_meeting_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS directory_meeting_fts_update",
    "DROP TRIGGER IF EXISTS directory_meeting_fts_delete",
    "DROP TRIGGER IF EXISTS directory_meeting_fts_insert",
    "DROP TABLE IF EXISTS directory_meeting_fts",
]
POSTGRES_FORWARD = [
    "CREATE INDEX directory_meeting_words ON directory_meeting USING gin (to_tsvector('simple', search_text))",
]
POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS directory_meeting_words"]


def forward(apps, schema_editor):
    statements = {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}.get(schema_editor.connection.vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    statements = {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}.get(schema_editor.connection.vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("directory", "0005_meeting_duration_index")]
    operations = [migrations.RunPython(forward, backward)]
