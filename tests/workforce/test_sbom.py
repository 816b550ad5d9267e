"""`make sbom` inventories what production installs (ASVS 5.0 15.1.2).

A state's security office asks which third-party components run, at which versions, to
match them against advisories. The SBOM is CycloneDX JSON of the runtime dependencies
resolved in a throwaway virtualenv: every package `pyproject.toml` asks for, with its
version and package URL, and none of the development tools.
"""

from __future__ import annotations

import json
import re
import subprocess
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_make_sbom_lists_every_runtime_dependency_and_no_development_tool() -> None:
    result = subprocess.run(["make", "-s", "-o", ".venv/.installed", "sbom"], cwd=ROOT,
                            capture_output=True, text=True, timeout=900)  # fmt: skip
    assert result.returncode == 0, result.stderr
    sbom = json.loads((ROOT / "var" / "sbom.cdx.json").read_text())
    assert sbom["bomFormat"] == "CycloneDX"
    components = {c["name"].lower().replace("_", "-"): c for c in sbom["components"]}
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = {_name(r) for r in project["dependencies"]}
    assert runtime <= set(components), sorted(runtime - set(components))
    for name in runtime:
        assert components[name]["version"] and components[name]["purl"].startswith("pkg:pypi/")
    development = {_name(r) for r in project["optional-dependencies"]["dev"]}
    assert not development & set(components), sorted(development & set(components))
