"""The docs cite tests as evidence ("met, by test tests/x.py::test_y"); each one exists.

docs/security.md's ASVS table alone cites some 275; a renamed or deleted test would leave
a claim with no proof behind it, which a state's reviewer would find before we did.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CITED = re.compile(r"`(tests/[\w/]+\.py)::(\w+)`((?:,? (?:and )?`::\w+`)*)")


@cache
def _defined(path: str) -> frozenset[str] | None:
    file = ROOT / path
    if not file.exists():
        return None
    tree = ast.parse(file.read_text())
    return frozenset(
        node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef | ast.ClassDef)
    )


def _citations() -> list[tuple[str, str, str]]:
    found = []
    for doc in [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]:
        for match in CITED.finditer(doc.read_text()):
            path, first, more = match.groups()
            for name in [first, *re.findall(r"`::(\w+)`", more)]:
                found.append((doc.name, path, name))
    return found


def test_every_test_the_docs_cite_exists() -> None:
    citations = _citations()
    assert len(citations) > 250  # the pattern still finds what the docs cite
    missing = [c for c in citations if c[2] not in (_defined(c[1]) or ())]
    assert not missing, "\n".join(f"{doc}: {path}::{name}" for doc, path, name in missing)
