"""Templates obey the same layers as the Python (DESIGN.md; issue 13).

import-linter checks Python imports (`lint-imports` in `make test`, contracts in
pyproject.toml). A template's `{% load %}`, `{% include %}` and `{% extends %}` are
dependencies too, and so is a template name written in Python (an inclusion tag or a
view rendering another app's template); no import checker sees those, so this test reads
them against the layers of the same contract.
"""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"
CORE = "workforce"

# The shell: the page chrome every page extends. Like the root URLconf and
# INSTALLED_APPS it composes the apps (the call banner, the header's search box and
# opt-in count), so it may name any of them, and any template may extend it.
SHELL = {"base.html", "includes/header.html"}

# Known exceptions (template or module, the app it reaches up to), each deleted with the
# step of issue 13 that removes it.
KNOWN: set[tuple[str, str]] = set()


def layers() -> dict[str, tuple[int, str]]:
    """App -> (rank, group): rank 0 is the core; apps in one `a | b` group are independent."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    (contract,) = [c for c in config["contracts"] if c["type"] == "layers"]
    ranks = {}
    for rank, line in enumerate(reversed(contract["layers"])):
        for app in (part.strip(" ()") for part in line.split("|")):
            ranks[app] = (rank, line)
    return ranks


def template_owner(name: str) -> str:
    """`seekers/search.html` -> seekers; `admin/registration/…` -> registration; the rest
    (base.html, includes/, uswds/, error pages) is the core's."""
    parts = name.split("/")
    if parts[0] == "admin" and len(parts) > 2:
        parts = parts[1:]
    return parts[0] if parts[0] in layers() else CORE


def tag_library_owners() -> dict[str, str]:
    owners = {}
    for app in layers():
        for path in (ROOT / app / "templatetags").glob("*.py"):
            if path.stem != "__init__":
                owners[path.stem] = app
    return owners


LOAD = re.compile(r"{%\s*load\s+(.+?)\s*%}")
NAMED = re.compile(r"""{%\s*(?:include|extends)\s+["']([^"']+)["']""")
TEMPLATE_NAME = re.compile(r"^[a-z_]+/[\w/.-]+\.(?:html|txt)$")


def template_dependencies() -> list[tuple[str, str, str]]:
    """(template, what it uses, the app that owns it) for every template in the tree."""
    owners, found = tag_library_owners(), []
    for path in sorted(TEMPLATES.rglob("*.*")):
        name = str(path.relative_to(TEMPLATES))
        text = path.read_text(errors="replace")
        for match in LOAD.finditer(text):
            words = match.group(1).split()
            libraries = words[words.index("from") + 1 :] if "from" in words else words
            found += [(name, lib, owners[lib]) for lib in libraries if lib in owners]
        found += [(name, used, template_owner(used)) for used in NAMED.findall(text)]
    return found


def python_template_names() -> list[tuple[str, str, str]]:
    """(module, template name, owner) for template names written as strings in the apps."""
    found = []
    for app in layers():
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            for node in ast.walk(ast.parse(path.read_text())):
                name = node.value if isinstance(node, ast.Constant) else None
                named = isinstance(name, str) and TEMPLATE_NAME.match(name)
                if named and (TEMPLATES / name).exists():
                    found.append((module, name, template_owner(name)))
    return found


def violations(dependencies: list[tuple[str, str, str]], owner_of) -> list[str]:
    ranks, bad = layers(), []
    for user, used, used_owner in dependencies:
        if user in SHELL or used in SHELL:
            continue
        owner = owner_of(user)
        (rank, group), used_rank = ranks[owner], ranks[used_owner][0]
        upward = used_rank > rank
        sideways = used_rank == rank and owner != used_owner and "|" in group
        if (upward or sideways) and (user, used_owner) not in KNOWN:
            bad.append(f"{user} ({owner}) uses {used} ({used_owner})")
    return bad


def test_it_reads_the_layers_of_the_import_linter_contract() -> None:
    ranks = layers()
    assert ranks[CORE][0] == 0 and ranks["seekers"][0] == 1
    assert ranks["optout"] == ranks["registration"] and ranks["casework"][0] > ranks["optout"][0]


def test_it_sees_loads_includes_and_extends() -> None:
    seen = {(user, used) for user, used, _ in template_dependencies()}
    assert ("casework/detail.html", "optout_tags") in seen
    assert ("casework/detail.html", "base.html") in seen
    assert ("registration/existing.html", "seekers/includes/search_results.html") in seen


def test_it_would_report_a_template_reaching_up() -> None:
    made_up = [("seekers/search.html", "casework_tags", "casework")]
    assert violations(made_up, template_owner) == [
        "seekers/search.html (seekers) uses casework_tags (casework)"
    ]
    sideways = [("optout/queue.html", "registration/x.html", "registration")]
    assert len(violations(sideways, template_owner)) == 1


def test_templates_only_load_include_and_extend_their_own_layer_or_below() -> None:
    assert violations(template_dependencies(), template_owner) == []


def test_python_only_names_templates_of_its_own_layer_or_below() -> None:
    assert violations(python_template_names(), lambda module: module.split(".")[0]) == []


def test_every_known_exception_is_still_needed() -> None:
    """An exception whose dependency is gone must be deleted, so the list only shrinks."""
    used = {(user, owner) for user, _, owner in template_dependencies() + python_template_names()}
    assert KNOWN - used == set()
