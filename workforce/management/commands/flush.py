"""`flush`, able to empty the append-only audit tables when their owner asks (the tests).

The audit tables refuse TRUNCATE by trigger (workforce/migrations/0008), and Django's
flush, which transactional tests run after each test, truncates every table. The owner of
a table may disable its triggers: this flush does so, in the same transaction as the
TRUNCATE, for the audit tables the session owns. The application's role owns none
(docs/deployment.md, "Database roles"), so for it the triggers hold and flush fails.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from django.core.management.commands import flush
from django.db import connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

_OWNED_AUDIT_TABLES = """
SELECT DISTINCT t.tgrelid::regclass::text FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
WHERE t.tgname = 'wf_append_only' AND pg_has_role(c.relowner, 'USAGE') ORDER BY 1
"""
_TRIGGERS = "TRIGGER wf_append_only, {0} TRIGGER wf_append_only_truncate"


@contextlib.contextmanager
def audit_triggers_off(connection: BaseDatabaseWrapper) -> Iterator[None]:
    """Within one transaction, the audit triggers of the tables this session owns are off."""
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute(_OWNED_AUDIT_TABLES)
        tables = [name for (name,) in cursor.fetchall()]
        # ALTER TABLE refuses while deferred foreign-key checks are pending: run them now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for table in tables:
            cursor.execute(f"ALTER TABLE {table} DISABLE {_TRIGGERS.format('DISABLE')}")
        yield
        for table in tables:
            cursor.execute(f"ALTER TABLE {table} ENABLE {_TRIGGERS.format('ENABLE')}")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # Django's foreign keys, as they were


class Command(flush.Command):
    help = flush.Command.help + " The audit tables' owner empties them too."

    def handle(self, **options: object) -> None:
        with audit_triggers_off(connections[options["database"]]):
            super().handle(**options)
