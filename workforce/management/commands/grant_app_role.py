"""Give the application's database role what it needs, and not the audit tables' rewrite.

Run by the owner of the tables after every `migrate` (`make run` does; see
docs/deployment.md, "Database roles"). The role may read and write every table of the
schema, but on the append-only tables (those carrying the `wf_append_only` trigger,
workforce/migrations/0008) it may only SELECT and INSERT. Owning nothing and being no
superuser, it cannot drop or disable those triggers either: the migrations' owner can.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

_ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def append_only_tables() -> list[str]:
    """The tables PostgreSQL keeps append-only: found by their trigger, the one source."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT tgrelid::regclass::text FROM pg_trigger "
            "WHERE tgname = 'wf_append_only' ORDER BY 1"
        )
        return [name for (name,) in cursor.fetchall()]


def _refusal(role: str) -> str | None:
    """Why `role` cannot serve as the application's role, or None if it can."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT r.rolsuper, pg_has_role(%s, current_user, 'MEMBER'), "
            "EXISTS (SELECT 1 FROM pg_class WHERE relowner = r.oid "
            "AND relnamespace = current_schema()::regnamespace) "
            "FROM pg_roles r WHERE r.rolname = %s",
            [role, role],
        )
        row = cursor.fetchone()
    if row is None:
        return f"there is no role {role!r}; create it first (CREATE ROLE {role} LOGIN ...)."
    superuser, member_of_owner, owns_tables = row
    if superuser:
        return f"{role!r} is a superuser: it could disable the audit triggers."
    if member_of_owner:
        return f"{role!r} is (or is a member of) the owner role, so it could act as the owner."
    if owns_tables:
        return f"{role!r} owns tables in this schema: migrate as another role."
    return None


class Command(BaseCommand):
    help = "Grant the application's role SELECT/INSERT/UPDATE/DELETE, audit tables append-only."

    def add_arguments(self, parser: CommandParser) -> None:
        names = parser.add_mutually_exclusive_group(required=True)
        names.add_argument("role", nargs="?", help="The role the running app connects as.")
        names.add_argument("--url", help="The app's database URL; its user is the role.")

    @transaction.atomic
    def handle(self, *args: object, role: str | None, url: str | None, **options: object) -> None:
        role = role or urlsplit(url).username or ""
        if not _ROLE_NAME.match(role):
            raise CommandError(f"{role!r} is not a plain role name (lower case, digits, _).")
        if reason := _refusal(role):
            raise CommandError(f"Cannot grant to {reason}")
        audit = append_only_tables()
        if not audit:
            raise CommandError("No append-only table found: run migrate first.")
        with connection.cursor() as cursor:
            cursor.execute("SELECT quote_ident(current_schema())")
            schema = cursor.fetchone()[0]
            for statement in [
                f"GRANT USAGE ON SCHEMA {schema} TO {role}",
                f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {role}",
                f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {role}",
                f"REVOKE UPDATE, DELETE ON {', '.join(audit)} FROM {role}",
                f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {role}",
            ]:
                cursor.execute(statement)
        if options["verbosity"]:
            self.stdout.write(f"{role}: read and write, append-only on {', '.join(audit)}.")
