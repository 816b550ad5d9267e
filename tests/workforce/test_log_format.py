"""The app log's lines carry UTC times and can be JSON (ASVS 5.0 16.2.2, 16.2.4)."""

from __future__ import annotations

import json
import logging
import re
import subprocess
import sys
import time
from pathlib import Path

from workforce.logformat import UtcFormatter, UtcJsonFormatter

ROOT = Path(__file__).resolve().parents[2]
FIELDS = "%(asctime)s %(levelname)s %(name)s %(message)s"
ISO_UTC = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"


def _record(message: str = "a %s happened", *args: object, **extra: object) -> logging.LogRecord:
    record = logging.LogRecord("workforce.test", logging.WARNING, __file__, 1, message,
                               args or ("thing",), None)  # fmt: skip
    record.__dict__.update(extra)
    return record


def test_plain_lines_start_with_the_time_in_utc() -> None:
    record = _record()
    record.created, record.msecs = 1_796_688_000.25, 250.0  # 2026-12-08 00:00:00.250 UTC
    line = UtcFormatter(FIELDS).format(record)
    assert line == "2026-12-08T00:00:00.250Z WARNING workforce.test a thing happened"


def test_the_time_is_utc_whatever_the_servers_zone(monkeypatch: object) -> None:
    monkeypatch.setenv("TZ", "America/Chicago")
    time.tzset()
    try:
        record = _record()
        record.created, record.msecs = 1_796_688_000.0, 0.0
        assert UtcFormatter(FIELDS).format(record).startswith("2026-12-08T00:00:00.000Z ")
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_json_lines_are_one_object_with_named_fields_and_extras() -> None:
    record = _record(outcome="refused", user_id=7)
    record.created, record.msecs = 1_796_688_000.0, 0.0
    line = UtcJsonFormatter(FIELDS).format(record)
    assert "\n" not in line
    data = json.loads(line)
    assert data == {"time": "2026-12-08T00:00:00.000Z", "level": "WARNING",
                    "logger": "workforce.test", "message": "a thing happened",
                    "outcome": "refused", "user_id": 7}  # fmt: skip


def test_a_json_traceback_stays_inside_its_line() -> None:
    try:
        raise ValueError("broken")
    except ValueError:
        record = logging.LogRecord("workforce.test", logging.ERROR, __file__, 1, "failed", (),
                                   sys.exc_info())  # fmt: skip
    data = json.loads(UtcJsonFormatter(FIELDS).format(record))
    assert "ValueError: broken" in data["exc_info"]


def _manage(*args: str, log_format: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT,
                          env={**__import__("os").environ, "LOG_FORMAT": log_format},
                          capture_output=True, text=True)  # fmt: skip


LOG_HELLO = "import logging; logging.getLogger('workforce.x').warning('hello')"


def test_log_format_json_makes_the_apps_stderr_json() -> None:
    result = _manage("shell", "-c", LOG_HELLO, log_format="json")
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stderr.splitlines() if "hello" in line)
    assert json.loads(line)["message"] == "hello" and json.loads(line)["logger"] == "workforce.x"
    result = _manage("shell", "-c", LOG_HELLO, log_format="plain")
    assert re.search(ISO_UTC + " WARNING workforce.x hello", result.stderr), result.stderr


def test_an_unknown_log_format_is_a_clear_configuration_error() -> None:
    result = _manage("check", log_format="xml")
    assert result.returncode != 0 and "LOG_FORMAT must be plain or json" in result.stderr
