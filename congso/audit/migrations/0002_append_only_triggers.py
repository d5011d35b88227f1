"""Database triggers that reject UPDATE and DELETE on ``audit_auditevent``.

The SQL lives in :mod:`congso.audit.triggers` so tamper tests can drop and restore
exactly what this migration installs."""

from django.db import migrations

from congso.audit import triggers


def install(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        for sql in triggers.create_statements(schema_editor.connection.vendor):
            cursor.execute(sql)


def uninstall(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        for sql in triggers.drop_statements(schema_editor.connection.vendor):
            cursor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(install, uninstall, elidable=False),
    ]
