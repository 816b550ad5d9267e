"""The PostgreSQL server log carries no SSN, not even of a failing statement (issue 14;
ASVS 5.0 V16.2.5: sensitive data is not logged). scripts/db.sh sets the settings below on
the project-local cluster; docs/deployment.md asks the same of a managed database.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import DatabaseError, connection, transaction

from workforce.models import User

pytestmark = pytest.mark.django_db

LOG_SETTINGS = {
    "log_statement": "none",
    "log_min_error_statement": "panic",
    "log_min_messages": "log",
    "log_error_verbosity": "terse",
    "log_parameter_max_length": "0",
    "log_parameter_max_length_on_error": "0",
    "log_min_duration_statement": "-1",
    "log_transaction_sample_rate": "0",
}


def server_log_path() -> Path:
    """scripts/db.sh writes the log beside the data directory; skip for another server."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SHOW data_directory")  # superusers and pg_read_all_settings only
            path = Path(cursor.fetchone()[0]).parent / "server.log"
    except DatabaseError:
        path = Path("/nonexistent")
    if not os.access(path, os.R_OK):
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI runs on the project-local cluster, but {path} cannot be read")
        pytest.skip("DATABASE_URL points at a server whose log this test cannot read")
    return path


@pytest.fixture
def server_log() -> Iterator[callable]:
    """A function returning what the server logged since the fixture began."""
    path = server_log_path()
    start = path.stat().st_size
    yield lambda: path.read_bytes()[start:].decode(errors="replace")


def an_ssn() -> tuple[str, str]:
    """A fresh SSN-shaped number, as digits and dashed, unique to this run."""
    digits = f"5{secrets.randbelow(10**8):08d}"
    return digits, f"{digits[:3]}-{digits[3:5]}-{digits[5:]}"


def fail(sql: str, params: list[object]) -> None:
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def failing_statements(digits: str, dashed: str) -> None:
    """Statements that fail with the SSN in their text, parameters, DETAIL or message."""
    User.objects.create(username=dashed)
    with pytest.raises(DatabaseError), transaction.atomic():
        User.objects.create(username=dashed)  # unique violation: DETAIL quotes the key
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMP TABLE wf_log_probe (n integer CHECK (n < 0), ssn text)")
    fail("INSERT INTO wf_log_probe VALUES (1, %s)", [dashed])  # DETAIL: Failing row contains
    fail("SELECT %s::integer", [dashed])  # the message quotes the input
    fail("SELECT 1 / 0 WHERE %s <> ''", [digits])  # the statement carries the parameter
    fail("SELECT no_such_column FROM wf_log_probe WHERE ssn = %s", [digits])


def test_the_server_runs_with_the_log_settings() -> None:
    with connection.cursor() as cursor:
        for name, value in LOG_SETTINGS.items():
            cursor.execute(f"SHOW {name}")
            assert (name, cursor.fetchone()[0]) == (name, value)


def test_failing_statements_leave_no_ssn_in_the_server_log(server_log: callable) -> None:
    digits, dashed = an_ssn()
    failing_statements(digits, dashed)
    logged = server_log()
    assert digits not in logged
    assert dashed not in logged


def test_without_the_settings_the_same_statements_would_leak(server_log: callable) -> None:
    """The check above can see a leak: with PostgreSQL's defaults it finds one."""
    digits, dashed = an_ssn()
    defaults = {"log_min_messages": "warning", "log_min_error_statement": "error",
                "log_error_verbosity": "default"}  # fmt: skip
    with connection.cursor() as cursor:  # a superuser may change these for its own session
        for name, value in defaults.items():
            cursor.execute(f"SET {name} = {value}")
    try:
        failing_statements(digits, dashed)
    finally:
        with connection.cursor() as cursor:
            for name in defaults:
                cursor.execute(f"RESET {name}")
    logged = server_log()
    assert digits in logged or dashed in logged
