"""Database triggers that make ``audit_auditevent`` append-only.

Migration ``0002_append_only_triggers`` runs these statements, and tests that must
bypass the triggers (tamper tests) drop and recreate them with the same constants.
Released statements are never edited: a change is a new migration with new constants.

- **PostgreSQL**: one row trigger rejects every UPDATE and DELETE with SQLSTATE 23001
  (``restrict_violation``, an ``IntegrityError``). ``TRUNCATE`` fires no row trigger,
  which is what Django's test flush uses; truncating needs the table owner's rights.
- **SQLite**: UPDATE is always rejected. DELETE is rejected unless it removes the
  *oldest remaining* entry, so that Django's test flush (``DELETE FROM`` in rowid order,
  SQLite has no ``TRUNCATE``) can empty the table. Removing the start of the chain is
  still caught by ``audit_verify`` (the chain must start at seq 1 on the genesis hash).
- SQLite drops a table's triggers when a migration rebuilds the table (most
  ``AlterField``/``AddField`` operations do): such a migration must call
  :func:`install` again. ``test_triggers_are_installed`` guards this.
"""

from __future__ import annotations

from typing import Final

from django.db.backends.base.base import BaseDatabaseWrapper

TABLE: Final = "audit_auditevent"
MESSAGE: Final = "audit events are append-only"

POSTGRESQL_CREATE: Final = (
    """
    CREATE OR REPLACE FUNCTION audit_auditevent_reject_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION USING
            MESSAGE = 'audit events are append-only: ' || TG_OP || ' refused',
            ERRCODE = 'restrict_violation';
    END;
    $$
    """,
    """
    CREATE TRIGGER audit_auditevent_append_only
    BEFORE UPDATE OR DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION audit_auditevent_reject_change()
    """,
)
POSTGRESQL_DROP: Final = (
    "DROP TRIGGER IF EXISTS audit_auditevent_append_only ON audit_auditevent",
    "DROP FUNCTION IF EXISTS audit_auditevent_reject_change()",
)

SQLITE_CREATE: Final = (
    """
    CREATE TRIGGER audit_auditevent_no_update
    BEFORE UPDATE ON audit_auditevent
    BEGIN
        SELECT RAISE(ABORT, 'audit events are append-only: UPDATE refused');
    END
    """,
    """
    CREATE TRIGGER audit_auditevent_no_delete
    BEFORE DELETE ON audit_auditevent
    WHEN OLD.seq > (SELECT MIN(seq) FROM audit_auditevent)
    BEGIN
        SELECT RAISE(ABORT, 'audit events are append-only: DELETE refused');
    END
    """,
)
SQLITE_DROP: Final = (
    "DROP TRIGGER IF EXISTS audit_auditevent_no_update",
    "DROP TRIGGER IF EXISTS audit_auditevent_no_delete",
)

#: Trigger names per vendor, for introspection in tests and health checks.
TRIGGER_NAMES: Final = {
    "postgresql": ("audit_auditevent_append_only",),
    "sqlite": ("audit_auditevent_no_update", "audit_auditevent_no_delete"),
}

_STATEMENTS: Final = {
    "postgresql": (POSTGRESQL_CREATE, POSTGRESQL_DROP),
    "sqlite": (SQLITE_CREATE, SQLITE_DROP),
}


def create_statements(vendor: str) -> tuple[str, ...]:
    """The statements that install the triggers on ``vendor``."""
    return _statements(vendor)[0]


def drop_statements(vendor: str) -> tuple[str, ...]:
    """The statements that remove the triggers on ``vendor``."""
    return _statements(vendor)[1]


def _statements(vendor: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    try:
        return _STATEMENTS[vendor]
    except KeyError:
        raise NotImplementedError(
            f"the audit trail supports PostgreSQL and SQLite, not {vendor!r}"
        ) from None


def install(connection: BaseDatabaseWrapper) -> None:
    """Create the append-only triggers (idempotent: drops them first)."""
    uninstall(connection)
    with connection.cursor() as cursor:
        for sql in create_statements(connection.vendor):
            cursor.execute(sql)


def uninstall(connection: BaseDatabaseWrapper) -> None:
    """Remove the append-only triggers (migration rollback, tamper tests)."""
    with connection.cursor() as cursor:
        for sql in drop_statements(connection.vendor):
            cursor.execute(sql)


def installed(connection: BaseDatabaseWrapper) -> set[str]:
    """Names of the append-only triggers present on the audit table."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger "
                "WHERE tgrelid = %s::regclass AND NOT tgisinternal",
                [TABLE],
            )
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
                [TABLE],
            )
        return {row[0] for row in cursor.fetchall()}
