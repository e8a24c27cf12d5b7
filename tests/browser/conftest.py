"""Browser fixtures: the real app served by gunicorn, driven by the system's headless Chromium.

The server runs against the same database the ``app`` fixture migrated, so test data made
through ``world`` (committed by the factories) is what the browser sees. No browser is ever
downloaded: Debian's /usr/bin/chromium is used, or the tests are skipped (failed on CI).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, sync_playwright

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOT_DIR = PROJECT_ROOT / "test-artifacts" / "screenshots"
DESKTOP = {"width": 1366, "height": 900}
TABLET = {"width": 768, "height": 1024}

# Collects, on every page of a context, what the page reports of CSP violations.
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        reason = (
            f"{CHROMIUM} not found: install Debian's chromium package to run the browser "
            "tests (they never download a browser)"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def new_context(browser: Browser, live_server: str) -> Iterator[Callable[[], BrowserContext]]:
    """Makes fresh browser contexts (separate cookies and storage) on the live server;
    all are closed at the end of the test."""
    contexts: list[BrowserContext] = []

    def _new_context() -> BrowserContext:
        context = browser.new_context(base_url=live_server, viewport=DESKTOP, locale="en-GB")
        context.set_default_timeout(10_000)
        context.add_init_script(RECORD_CSP_VIOLATIONS)
        contexts.append(context)
        return context

    yield _new_context
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    return SCREENSHOT_DIR
