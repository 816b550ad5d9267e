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
    from playwright.sync_api import expect, sync_playwright

    # A page that hashes a password can take more than expect's 5 s on a busy machine.
    expect.set_options(timeout=10_000)
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
    page.set_default_navigation_timeout(30_000)  # the first page of a run, on a busy machine
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


# Elements that pass the viewport's right edge (the page scrolls sideways) or are cut off
# at its left edge, outermost first, skipping what an ancestor clips inside the viewport (a
# scrolling table container) and what is out of sight on purpose (usa-sr-only).
STICKING_OUT = """() => {
    const width = window.innerWidth;
    const inside = (box) => box.left >= -1 && box.right <= width + 1;
    const clipped = (el) => {
        for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
            if (getComputedStyle(up).overflowX !== 'visible') {
                return inside(up.getBoundingClientRect());
            }
        }
        return false;
    };
    const describe = (el) => {
        const id = el.id ? '#' + el.id : '';
        const classes = [...el.classList].map((c) => '.' + c).join('');
        const text = (el.innerText || el.value || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
        const box = el.getBoundingClientRect();
        const edges = `${Math.round(box.left)}px to ${Math.round(box.right)}px`;
        return `${el.tagName.toLowerCase()}${id}${classes} (${edges}) "${text}"`;
    };
    const out = [];
    for (const el of document.body.querySelectorAll('*')) {
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.height === 0 || inside(box) || box.right <= 0) continue;
        if (el.closest('.usa-sr-only, [hidden]')) continue;
        if (getComputedStyle(el).visibility === 'hidden' || clipped(el)) continue;
        if (out.some((outer) => outer.contains(el))) continue;
        out.push(el);
    }
    return out.map(describe);
}"""

NARROW = {"width": 390, "height": 844}  # a phone held upright


def resize(page: object, viewport: dict) -> None:
    """A new window size, once the page's resize handlers have run (two animation frames)."""
    page.set_viewport_size(viewport)
    page.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")


def fits_the_viewport(page: object) -> list[str]:
    """What makes the page scroll sideways or is cut off at the left: empty when all fits."""
    scroll_width, inner_width = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth]"
    )
    sticking_out = page.evaluate(STICKING_OUT)
    if scroll_width > inner_width and not sticking_out:
        sticking_out = [f"the page is {scroll_width}px wide in a {inner_width}px window"]
    return sticking_out


def check_page(page: object, name: str) -> None:
    """Every page a browser test visits, at 1280 and at 390 px wide: loaded, photographed,
    no serious axe violation; at 390 px nothing sticks out sideways. The viewport is put back
    as it was, so the test carries on where it was."""
    page.wait_for_load_state("load")
    screenshot(page, name)
    wide = serious_axe_violations(page)
    viewport = page.viewport_size
    resize(page, NARROW)
    try:
        screenshot(page, f"{name}-390")
        sticking_out = fits_the_viewport(page)
        narrow = serious_axe_violations(page)
    finally:
        resize(page, viewport)
    assert wide == [], name
    assert sticking_out == [], f"{name} at 390 px: {sticking_out}"
    assert narrow == [], f"{name} at 390 px"


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
