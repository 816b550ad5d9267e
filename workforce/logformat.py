"""How the application log is written: UTC timestamps, plain text or JSON lines.

ASVS 5.0 16.2.2 asks for log times in UTC or with an explicit offset, so that lines from
the app servers, the proxy and PostgreSQL line up in the state's log system; 16.2.4 asks
for a format a log processor reads without a custom parser. `LOG_FORMAT=plain` (the
default, for a person reading stderr) writes `2026-12-08T00:10:00.123Z INFO name message`;
`LOG_FORMAT=json` writes one JSON object per line (python-json-logger) with the same
fields plus any `extra=` the call passed. What goes into a record is unchanged: no SSN,
password, secret answer or code is ever logged (docs/security.md, log inventory).
"""

from __future__ import annotations

import logging
import time

from pythonjsonlogger.json import JsonFormatter

FIELDS = "%(asctime)s %(levelname)s %(name)s %(message)s"


class UtcFormatter(logging.Formatter):
    """Plain lines whose time is ISO 8601 in UTC, ending in Z."""

    converter = time.gmtime
    default_time_format = "%Y-%m-%dT%H:%M:%S"
    default_msec_format = "%s.%03dZ"


class UtcJsonFormatter(JsonFormatter):
    """One JSON object per record: time (ISO 8601 UTC), level, logger, message."""

    converter = time.gmtime
    default_time_format = "%Y-%m-%dT%H:%M:%S"
    default_msec_format = "%s.%03dZ"

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault(
            "rename_fields", {"asctime": "time", "levelname": "level", "name": "logger"}
        )
        super().__init__(*args, **kwargs)
