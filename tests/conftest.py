"""The named staff everyone reuses: casemanager, partner, dvop, supervisor, admin."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from typing import TypeVar

import pytest
from django.db import connection, transaction
from django.db.models import QuerySet
from django.test import Client

from tests.factories import (
    OfficeFactory,
    OrganizationFactory,
    PartnerOrganizationFactory,
    UserFactory,
)
from workforce.constants import Role
from workforce.models import Office, Organization, User

T = TypeVar("T")


# Each named object is made by one builder: the fixtures below use them, and so does data
# a whole module shares (`rows_for_module`), which cannot use function-scoped fixtures.


def state_agency_build() -> Organization:
    return OrganizationFactory(name="State Workforce Agency")


def partner_org_build() -> Organization:
    return PartnerOrganizationFactory(name="Partner Workforce Council")


def office_build(state_agency: Organization) -> Office:
    return OfficeFactory(organization=state_agency, name="North American Job Center")


def other_office_build(state_agency: Organization) -> Office:
    return OfficeFactory(organization=state_agency, name="South American Job Center")


def partner_office_build(partner_org: Organization) -> Office:
    return OfficeFactory(organization=partner_org, name="Partner Office")


def casemanager_build(state_agency: Organization, office: Office, other_office: Office) -> User:
    return UserFactory(
        username="casemanager", role=Role.CASE_MANAGER, organization=state_agency,
        current_office=office, offices=[office, other_office],
    )  # fmt: skip


def partner_build(partner_org: Organization, partner_office: Office) -> User:
    return UserFactory(
        username="partner", role=Role.PARTNER_STAFF, organization=partner_org,
        current_office=partner_office, offices=[partner_office],
    )  # fmt: skip


def dvop_build(state_agency: Organization, office: Office) -> User:
    return UserFactory(
        username="dvop", role=Role.DVOP, organization=state_agency, current_office=office
    )


def supervisor_build(state_agency: Organization, office: Office) -> User:
    return UserFactory(
        username="supervisor",
        role=Role.SUPERVISOR,
        organization=state_agency,
        current_office=office,
    )


def admin_build(state_agency: Organization, office: Office) -> User:
    return UserFactory(
        username="admin", role=Role.ADMINISTRATOR, organization=state_agency,
        current_office=office, is_staff=True, is_superuser=True,
    )  # fmt: skip


@pytest.fixture
def state_agency(db: None) -> Organization:
    return state_agency_build()


@pytest.fixture
def partner_org(db: None) -> Organization:
    return partner_org_build()


@pytest.fixture
def office(state_agency: Organization) -> Office:
    return office_build(state_agency)


@pytest.fixture
def other_office(state_agency: Organization) -> Office:
    return other_office_build(state_agency)


@pytest.fixture
def partner_office(partner_org: Organization) -> Office:
    return partner_office_build(partner_org)


@pytest.fixture
def casemanager(state_agency: Organization, office: Office, other_office: Office) -> User:
    return casemanager_build(state_agency, office, other_office)


@pytest.fixture
def partner(partner_org: Organization, partner_office: Office) -> User:
    return partner_build(partner_org, partner_office)


@pytest.fixture
def dvop(state_agency: Organization, office: Office) -> User:
    return dvop_build(state_agency, office)


@pytest.fixture
def supervisor(state_agency: Organization, office: Office) -> User:
    return supervisor_build(state_agency, office)


@pytest.fixture
def admin(state_agency: Organization, office: Office) -> User:
    return admin_build(state_agency, office)


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def casemanager_client(casemanager: User) -> Client:
    return client_for(casemanager)


@pytest.fixture
def partner_client(partner: User) -> Client:
    return client_for(partner)


@pytest.fixture
def supervisor_client(supervisor: User) -> Client:
    return client_for(supervisor)


def search(client: Client, text: str, scope: str | None = None, *, live: bool = False,
           **extra: str) -> object:  # fmt: skip
    """Search as staff do: POST the box (the text never enters a URL), follow to the results."""
    from django.urls import reverse

    data = {"q": text, **({"scope": scope} if scope else {}), **extra}
    if live:
        return client.post(reverse("seekers:search-live"), data, HTTP_HX_REQUEST="true")
    return client.post(reverse("seekers:search"), data, follow=True)


def results_url(user: User, text: str, scope: str) -> str:
    """The results page of a search `user` made (issue 14: a search link is the user's own)."""
    from django.urls import reverse
    from django.utils.http import urlencode

    from seekers.search.links import search_link_create

    token = search_link_create(user=user, text=text, scope=scope)
    return f"{reverse('seekers:search')}?{urlencode({'qt': token})}"


def ensure_migration_data() -> None:
    """Put back the rows data migrations create (programs, services, notice version 1).

    A transactional test ends by flushing every table, and with --reuse-db the next run
    starts from that flushed database; tests must still find what a migrated database has.
    """
    import importlib

    from registration.models import NoticeVersion
    from workforce.services import programs_ensure_defaults

    programs_ensure_defaults()
    from django.apps import apps

    for migration in ("0002_registration_services", "0004_catalog_seed_003"):
        importlib.import_module(f"services.migrations.{migration}").add_entries(apps, None)
    questions = importlib.import_module(
        "seekers.migrations.0010_enrollment_questions_and_activity_index"
    )
    questions.add_questions(apps, None)
    if not NoticeVersion.objects.filter(number=1).exists():
        notice = importlib.import_module("registration.migrations.0002_notice_version_1")
        from django.utils import timezone

        NoticeVersion.objects.create(
            number=1, title=notice.TITLE, notice=notice.NOTICE, questions=notice.QUESTIONS,
            ssn_script=notice.SSN_SCRIPT, credentials_script=notice.CREDENTIALS_SCRIPT,
            published_at=timezone.now(), effective_date=timezone.localdate(),
        )  # fmt: skip


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: object) -> None:
    with django_db_blocker.unblock():
        ensure_migration_data()


def audit_rows_backdate(queryset: QuerySet, **values: object) -> int:
    """Move audit rows in time, for tests of time windows: the rows are append-only.

    PostgreSQL refuses UPDATE on audit tables (workforce/migrations/0008); the test
    database's owner may turn the triggers off for a moment, as `manage.py flush` does.
    """
    from workforce.management.commands.flush import audit_triggers_off

    with audit_triggers_off(connection):
        return queryset.update(**values)


@contextlib.contextmanager
def rows_for_module(django_db_blocker: object, build: Callable[[], T]) -> Iterator[T]:
    """What `build` makes stays for every test of a module, then is rolled back.

    Like Django's `TestCase.setUpTestData`: one transaction is opened around the module;
    each test's own transaction (the `db` fixture) is a savepoint inside it, so what a
    test writes is rolled back before the next test, which sees the rows as they were
    built. Hand each test a deep copy of the Python objects (`copy.deepcopy`), so nothing
    a test changes in memory reaches the next one. Transactional tests (`transactional_db`,
    `live_server`) cannot share such rows: they flush the tables.
    """
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic._from_testcase = True  # as TestCase's class-wide one: durable blocks still nest
        atomic.__enter__()
    try:
        with django_db_blocker.unblock():
            built = build()
        yield built
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _documents_in_a_temporary_folder(settings: object, tmp_path_factory: pytest.TempPathFactory
                                     ) -> None:  # fmt: skip
    """Uploaded files go to a folder of this test run, never the developer's var/documents."""
    settings.DOCUMENTS_ROOT = tmp_path_factory.mktemp("documents")


@pytest.fixture(autouse=True)
def _migration_data_after_flush(request: pytest.FixtureRequest) -> None:
    marker = request.node.get_closest_marker("django_db")
    transactional = {"transactional_db", "live_server"} & set(request.fixturenames) or (
        marker is not None and marker.kwargs.get("transaction")
    )
    if transactional:
        request.getfixturevalue("transactional_db")
        ensure_migration_data()


def race(writes: list[Callable[[], object]]) -> list[object]:
    """Run every write at the same moment, each on its own thread and database connection
    (released together by a barrier), so they really race in PostgreSQL; return each one's
    result, or the exception it raised (for the test's assertions to report)."""
    barrier = threading.Barrier(len(writes))
    outcomes: list[object] = [None] * len(writes)

    def run(i: int) -> None:
        try:
            barrier.wait()
            outcomes[i] = writes[i]()
        except Exception as exc:
            outcomes[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(writes))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes
