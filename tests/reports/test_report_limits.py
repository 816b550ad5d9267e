"""Reports and exports cannot hog the database (ASVS 5.0 15.2.2).

They are the expensive reads. Each runs in one report transaction
(`reports.selectors.sql.report_transaction`) with PostgreSQL's statement timeout
(REPORT_STATEMENT_SECONDS) and a per-user advisory lock, so a user runs one report at a
time. Either limit answers with the form and a message (503, 429), never a 500 or a cut-off
download. Real PostgreSQL: the lock and the timeout are held and fired by a second
connection on its own thread.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import reverse

from reports.selectors.sql import REPORT_LOCK_CLASS, ReportTooSlow, fetch
from tests.conftest import client_for
from workforce.models import User

REPORTS = {
    "reports:reports-quarterly": {},
    "reports:reports-staff-credit": {},
    "reports:reports-pirl": {"start": "2026-01-01", "end": "2026-03-31"},
}


@contextmanager
def held(sql: str, params: list[object]) -> Iterator[None]:
    """Run `sql` in a transaction on another connection and keep it open until the block ends."""
    ready, release = threading.Event(), threading.Event()

    def hold() -> None:
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(sql, params)
                ready.set()
                release.wait(timeout=30)
        finally:
            connection.close()

    thread = threading.Thread(target=hold)
    thread.start()
    assert ready.wait(timeout=10), "the other connection did not take its lock"
    try:
        yield
    finally:
        release.set()
        thread.join(timeout=30)


def _get(client: Client, name: str) -> object:
    response = client.get(reverse(name), REPORTS[name])
    if getattr(response, "streaming", False):
        response.body = b"".join(response.streaming_content)
        response.close()
    else:
        response.body = response.content
    return response


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("name", list(REPORTS))
def test_a_second_report_of_the_same_user_waits_for_the_first(name: str, supervisor: User) -> None:
    with held("SELECT pg_advisory_xact_lock(%s, %s)", [REPORT_LOCK_CLASS, supervisor.pk]):
        response = _get(client_for(supervisor), name)
    assert response.status_code == 429
    assert b"Another report or export of yours is still running" in response.body
    assert _get(client_for(supervisor), name).status_code == 200  # once it has finished


@pytest.mark.django_db(transaction=True)
def test_another_users_report_does_not_wait(supervisor: User, admin: User) -> None:
    with held("SELECT pg_advisory_xact_lock(%s, %s)", [REPORT_LOCK_CLASS, admin.pk]):
        assert _get(client_for(supervisor), "reports:reports-quarterly").status_code == 200


@pytest.mark.django_db(transaction=True)
@override_settings(REPORT_STATEMENT_SECONDS=0.3)
@pytest.mark.parametrize("name", list(REPORTS))
def test_a_report_that_runs_too_long_is_stopped_with_a_message(name: str, supervisor: User) -> None:
    """A report stuck behind a lock (or on a huge range) is cancelled by PostgreSQL."""
    tables = "services_servicerecord, services_participationperiod"
    with held(f"LOCK TABLE {tables} IN ACCESS EXCLUSIVE MODE", []):
        response = _get(client_for(supervisor), name)
    assert response.status_code == 503
    assert b"The report took longer than 1 minute and was stopped" in response.body
    assert b"Choose a shorter period or one office" in response.body
    assert _get(client_for(supervisor), name).status_code == 200  # the connection is fine


@pytest.mark.django_db(transaction=True)
@override_settings(REPORT_STATEMENT_SECONDS=0.2)
def test_the_timeout_is_the_reports_own_and_ends_with_its_transaction(supervisor: User) -> None:
    with pytest.raises(ReportTooSlow):
        fetch(("SELECT pg_sleep(2)", {}), user=supervisor)
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "0"  # other requests on this connection are not cut
        cursor.execute("SELECT pg_sleep(0.3)")
