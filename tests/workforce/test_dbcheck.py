"""A wrong DATABASE_URL ends with one clear line, not a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def dbcheck(url: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "scripts/dbcheck.py"], cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, "DATABASE_URL": url},
    )  # fmt: skip


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://nobody@/nowhere?host=/nonexistent-socket-dir",
        "postgresql://workforce@127.0.0.1:1/workforce",
        "not a url at all",
    ],
)
def test_a_wrong_database_url_gives_one_clear_line(url: str) -> None:
    result = dbcheck(url)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Cannot connect to DATABASE_URL") and "Fix DATABASE_URL" in lines[0]


def test_the_project_database_passes_the_check() -> None:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    if "DATABASE_URL" in os.environ:
        env["DATABASE_URL"] = os.environ["DATABASE_URL"]
    result = subprocess.run(
        [sys.executable, "scripts/dbcheck.py"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
