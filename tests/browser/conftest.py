"""Browser fixtures: the real app served by gunicorn, driven by the system's headless Chromium.

The server runs against the same database the ``app`` fixture migrated, so test data made
through ``world`` (committed by the factories) is what the browser sees. No browser is ever
downloaded: Debian's /usr/bin/chromium is used, or the tests are skipped (failed on CI).
"""

from __future__ import annotations

import http.client
import os
import secrets
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, sync_playwright

PROJECT_ROOT = Path(__file__).resolve().parents[2]
GUNICORN = PROJECT_ROOT / ".venv" / "bin" / "gunicorn"
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
SERVER_START_TIMEOUT = 20.0
DESKTOP = {"width": 1366, "height": 900}
TABLET = {"width": 768, "height": 1024}

# Collects, on every page of a context, what the page reports of CSP violations.
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(port: int) -> bool:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        connection.request("GET", "/signin")
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


def _server_env(database_url: str) -> dict[str, str]:
    # Nothing PROF123_* from the caller's shell leaks into the server under test.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PROF123_")}
    env.update(
        PROF123_ENV="development",
        PROF123_SECRET_KEY=secrets.token_hex(32),
        PROF123_DATABASE_URL=database_url,
        PROF123_PASSWORD_HASH_TIME_COST="1",
        PROF123_PASSWORD_HASH_MEMORY_KIB="1024",
        PYTHONUNBUFFERED="1",
    )
    return env


@pytest.fixture(scope="session")
def live_server(app, database_url: str, tmp_path_factory) -> Iterator[str]:
    """gunicorn with two workers on a free port; yields its base URL."""
    # ``app`` is requested first so the migrations have run before the server starts.
    port = _free_port()
    log_path = tmp_path_factory.mktemp("gunicorn") / "gunicorn.log"
    command = [str(GUNICORN), "-w", "2", "-b", f"127.0.0.1:{port}", "app:app"]
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=_server_env(database_url), stdout=log, stderr=log
        )
        try:
            deadline = time.monotonic() + SERVER_START_TIMEOUT
            while not _answers(port):
                if process.poll() is not None or time.monotonic() > deadline:
                    state = "exited" if process.poll() is not None else "did not answer"
                    pytest.fail(
                        f"gunicorn {state} within {SERVER_START_TIMEOUT:.0f} s; its log:\n"
                        + log_path.read_text(errors="replace")[-4000:]
                    )
                time.sleep(0.1)
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


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
