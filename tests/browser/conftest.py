"""Playwright (Python) driving Debian's Chromium by executable path: never a downloaded browser.

Under CI=true a missing Chromium fails the run; elsewhere the browser tests are skipped
with the reason, so a developer without Chromium still runs everything else.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the
# test body are still synchronous, so tell Django the loop is not ours to worry about.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        message = (
            f"Chromium not found at {CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)"
        )
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageProblems:
    """Console errors and CSP violations seen while the test ran; a clean page has none."""

    def __init__(self) -> None:
        self.errors: list[str] = []


@pytest.fixture
def problems() -> PageProblems:
    return PageProblems()


@pytest.fixture
def page(browser: object, live_server: object, problems: PageProblems) -> Iterator[object]:
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    # Injected by the DevTools protocol, so the page's CSP (no inline script) stays on.
    context.add_init_script(script=AXE_SOURCE)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.on(
        "console", lambda msg: problems.errors.append(msg.text) if msg.type == "error" else None
    )
    page.on("pageerror", lambda exc: problems.errors.append(str(exc)))
    yield page
    context.close()


def serious_axe_violations(page: object) -> list[dict]:
    """axe-core's serious and critical violations on this page (WCAG 2.1 A/AA, best practice)."""
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag',
                      values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},
            resultTypes: ['violations'],
        })"""
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in result["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def screenshot(page: object, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def check_page(page: object, name: str) -> None:
    """Every page a browser test visits: loaded, photographed, no serious axe violation."""
    page.wait_for_load_state("load")
    screenshot(page, name)
    assert serious_axe_violations(page) == [], name


def tab_to(page: object, target: object, limit: int = 120) -> None:
    """Press Tab until the target has focus: it must be reachable by keyboard, forward."""
    for _ in range(limit):
        if target.evaluate("el => el === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{target} not reached with {limit} presses of Tab")


def sign_in(page: object, username: str, password: str) -> None:
    page.goto("/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
