"""`flush`, able to empty the append-only audit tables when a superuser asks (the tests).

The audit tables refuse TRUNCATE by trigger (workforce/migrations/0008), and Django's
flush, which transactional tests run after each test, truncates every table. A superuser
session may set `session_replication_role = replica`, under which PostgreSQL fires no
ordinary trigger; the application's role is never a superuser (docs/deployment.md), so
for it the triggers hold and flush fails on the first audit table.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from django.core.management.commands import flush
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper


@contextlib.contextmanager
def audit_triggers_off(connection: BaseDatabaseWrapper) -> Iterator[None]:
    """Within the block this session fires no trigger, if it is a superuser's; else as is."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        superuser = cursor.fetchone()[0]
        if superuser:
            cursor.execute("SET session_replication_role = replica")
    try:
        yield
    finally:
        if superuser:
            with connection.cursor() as cursor:
                cursor.execute("RESET session_replication_role")


class Command(flush.Command):
    help = flush.Command.help + " A superuser's flush empties the append-only audit tables too."

    def handle(self, **options: object) -> None:
        with audit_triggers_off(connections[options["database"]]):
            super().handle(**options)
