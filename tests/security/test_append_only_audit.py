"""The audit trail is append-only, and PostgreSQL enforces it (issue 14, ASVS 5.0 V16.4.2:
logs are protected from unauthorized modification and deletion).

Two layers, each tested here: triggers on every audit table refuse UPDATE, DELETE and
TRUNCATE from any session that is not a superuser's (workforce/migrations/0008,
optout/migrations/0002), and `manage.py grant_app_role` gives the application's own role
no UPDATE or DELETE on those tables, and nothing it could drop the triggers with.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest
from auditlog.models import LogEntry
from django.contrib.admin.sites import site
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import ProgrammingError, connection, models, transaction
from django.db.models import ProtectedError
from django.test import RequestFactory

from optout.models import ConsentChange
from tests.factories import AccessLogFactory, ConsentChangeFactory, OrganizationFactory
from workforce.constants import AlertKind
from workforce.management.commands.grant_app_role import append_only_tables
from workforce.models import AccessLog, Organization, SecurityAlert, User

pytestmark = pytest.mark.django_db

AUDIT_TABLES = [
    "auditlog_logentry",
    "optout_consentchange",
    "workforce_accesslog",
    "workforce_securityalert",
]


def _a_logentry() -> LogEntry:
    organization = OrganizationFactory()
    return LogEntry.objects.get_for_object(organization).get()


AUDIT_ROWS: dict[str, tuple[type[models.Model], Callable[[], models.Model]]] = {
    "auditlog_logentry": (LogEntry, _a_logentry),
    "optout_consentchange": (ConsentChange, ConsentChangeFactory),
    "workforce_accesslog": (AccessLog, AccessLogFactory),
    "workforce_securityalert": (
        SecurityAlert,
        lambda: SecurityAlert.objects.create(kind=AlertKind.SIGNIN_SPRAYING, detail="30 usernames"),
    ),
}


def refused(action: Callable[[], object]) -> str:
    """Run `action` in a savepoint; return PostgreSQL's refusal, or fail if it went through."""
    with pytest.raises(ProgrammingError) as refusal, transaction.atomic():
        action()
    return str(refusal.value)


def test_it_guards_exactly_the_audit_tables() -> None:
    assert append_only_tables() == AUDIT_TABLES


@pytest.mark.parametrize("table", AUDIT_TABLES)
def test_it_refuses_to_update_an_audit_row(table: str) -> None:
    model, make = AUDIT_ROWS[table]
    row = make()
    message = refused(lambda: model.objects.filter(pk=row.pk).update(id=row.pk))
    assert f"{table} is append-only: UPDATE is not allowed" in message
    with connection.cursor() as cursor:
        assert "append-only" in refused(lambda: cursor.execute(f"UPDATE {table} SET id = id"))


@pytest.mark.parametrize("table", AUDIT_TABLES)
def test_it_refuses_to_delete_an_audit_row(table: str) -> None:
    model, make = AUDIT_ROWS[table]
    row = make()
    message = refused(lambda: model.objects.filter(pk=row.pk).delete())
    assert f"{table} is append-only: DELETE is not allowed" in message
    assert model.objects.filter(pk=row.pk).exists()


@pytest.mark.parametrize("table", AUDIT_TABLES)
def test_it_refuses_to_truncate_an_audit_table(table: str) -> None:
    AUDIT_ROWS[table][1]()
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending checks block TRUNCATE
        message = refused(lambda: cursor.execute(f"TRUNCATE {table} CASCADE"))
    assert f"{table} is append-only: TRUNCATE is not allowed" in message


def test_audit_rows_are_still_written(supervisor: User) -> None:
    """Inserting stays allowed: the ordinary flows that write audit rows work."""
    AccessLogFactory(user=supervisor)
    ConsentChangeFactory(changed_by=supervisor)
    OrganizationFactory(name="Audited")
    assert AccessLog.objects.count() == 1
    assert ConsentChange.objects.count() == 1
    assert LogEntry.objects.get_for_model(Organization).filter(object_repr="Audited").exists()


def test_a_seeker_with_a_consent_history_cannot_be_deleted() -> None:
    """No cascade from a seeker into the history: the delete is refused as a whole."""
    change = ConsentChangeFactory()
    with pytest.raises(ProtectedError), transaction.atomic():
        change.seeker.delete()
    assert ConsentChange.objects.filter(pk=change.pk).exists()


def test_the_admin_offers_no_staff_deletion(admin: User) -> None:
    """Deleting a user would null the actor of its change history (an UPDATE refused)."""
    request = RequestFactory().get("/admin/workforce/user/")
    request.user = User.objects.create_superuser("root", "root@example.gov", "x" * 20)
    assert not site._registry[User].has_delete_permission(request, admin)


# --- the application's role: no UPDATE/DELETE on audit tables, nothing it could drop ---------


@pytest.fixture
def app_role() -> str:
    """A role made for this test, granted as in production; gone with the test's rollback."""
    role = f"wf_test_app_{os.getpid()}"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {role} NOLOGIN")
    call_command("grant_app_role", role, verbosity=0)
    return role


def as_role(role: str, action: Callable[[], object]) -> object:
    """Run `action` as `role`; a failure rolls the savepoint, and the SET ROLE, back."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SET ROLE {role}")
        result = action()
        cursor.execute("RESET ROLE")
    return result


@pytest.mark.parametrize("table", AUDIT_TABLES)
def test_the_app_role_may_insert_but_not_rewrite_audit_rows(app_role: str, table: str) -> None:
    model, make = AUDIT_ROWS[table]
    row = as_role(app_role, make)  # INSERT (and the sequence) are granted
    assert model.objects.filter(pk=row.pk).exists()
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending checks block TRUNCATE
    for statement in [f"UPDATE {table} SET id = id", f"DELETE FROM {table}",
                      f"TRUNCATE {table} CASCADE"]:  # fmt: skip

        def run(sql: str = statement) -> None:
            with connection.cursor() as cursor:
                cursor.execute(sql)

        assert f"permission denied for table {table}" in refused(lambda: as_role(app_role, run))


@pytest.mark.parametrize("table", AUDIT_TABLES)
def test_the_app_role_cannot_drop_or_disable_the_triggers(app_role: str, table: str) -> None:
    for statement in [f"ALTER TABLE {table} DISABLE TRIGGER wf_append_only",
                      f"DROP TRIGGER wf_append_only ON {table}",
                      "SET session_replication_role = replica"]:  # fmt: skip

        def run(sql: str = statement) -> None:
            with connection.cursor() as cursor:
                cursor.execute(sql)

        message = refused(lambda: as_role(app_role, run))
        assert "must be owner" in message or "permission denied" in message


def test_the_app_role_still_writes_ordinary_tables(app_role: str) -> None:
    organization = OrganizationFactory(name="Before")

    def rename() -> int:
        return Organization.objects.filter(pk=organization.pk).update(name="After")

    assert as_role(app_role, rename) == 1


def test_it_refuses_to_grant_to_the_owner_or_a_superuser() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        owner = cursor.fetchone()[0]
    with pytest.raises(CommandError, match=r"superuser|owner"):
        call_command("grant_app_role", owner, verbosity=0)
    with pytest.raises(CommandError, match="no role"):
        call_command("grant_app_role", "wf_no_such_role", verbosity=0)


def test_it_takes_the_role_from_the_apps_database_url() -> None:
    role = f"wf_test_url_{os.getpid()}"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {role} NOLOGIN")
        call_command("grant_app_role", url=f"postgresql://{role}@/workforce?host=/x", verbosity=0)
        cursor.execute(
            "SELECT has_table_privilege(%s, 'workforce_accesslog', 'INSERT'), "
            "has_table_privilege(%s, 'workforce_accesslog', 'UPDATE')",
            [role, role],
        )
        assert cursor.fetchone() == (True, False)


@pytest.mark.django_db(transaction=True)
def test_the_owners_flush_empties_the_audit_tables_and_keeps_the_triggers() -> None:
    """Transactional tests end in `flush`; it must get past the triggers, then restore them."""
    for _model, make in AUDIT_ROWS.values():
        make()
    call_command("flush", interactive=False, verbosity=0)
    assert not any(model.objects.exists() for model, _make in AUDIT_ROWS.values())
    assert append_only_tables() == AUDIT_TABLES
    row = AccessLogFactory()
    assert "append-only" in refused(lambda: AccessLog.objects.filter(pk=row.pk).delete())
