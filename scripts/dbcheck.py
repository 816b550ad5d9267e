"""Fail with one clear line when the database cannot be reached.

Runs before Django so that a wrong DATABASE_URL ends in a sentence saying what
to do instead of a traceback from deep inside a management command.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    import psycopg

    url = os.environ.get("DATABASE_URL")
    where = "DATABASE_URL"
    if not url:
        url = subprocess.run(
            [ROOT / "scripts" / "db.sh", "url"], capture_output=True, text=True, check=True
        ).stdout.strip()
        where = "the project-local PostgreSQL (var/pg)"
    try:
        with psycopg.connect(url, connect_timeout=5) as conn:
            version = conn.info.server_version
    except Exception as exc:  # any failure is reported the same way: one line
        reason = " ".join(str(exc).split()) or exc.__class__.__name__
        print(
            f"Cannot connect to {where}: {reason}. "
            + (
                "Fix DATABASE_URL (postgresql://user:password@host:port/dbname) "
                "or unset it to use the project-local PostgreSQL."
                if where == "DATABASE_URL"
                else "Run 'scripts/db.sh start' and read var/pg/server.log."
            ),
            file=sys.stderr,
        )
        return 1
    if version < 150000:
        print(
            f"{where} runs PostgreSQL {version // 10000}; Workforce needs 15 or newer.",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
