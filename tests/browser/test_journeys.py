"""Whole journeys in a real browser against the real server: sign in, land home, sign out.

Each journey starts in a fresh browser context. Home pages are screenshotted at tablet and
desktop sizes into test-artifacts/screenshots/ for a human to look at.
"""

from __future__ import annotations

import base64
import json
import re
import time
import zlib
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests import factories
from tests.browser.conftest import DESKTOP, TABLET

pytestmark = pytest.mark.browser


class Watch:
    """Everything a page asked for, and every error it reported, from now on."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.request_urls: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda request: self.request_urls.append(request.url))
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        page.on("response", self._on_response)

    def _on_console(self, message) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text} ({message.location.get('url')})")

    def _on_response(self, response) -> None:
        if response.status >= 400:
            self.errors.append(f"HTTP {response.status} for {response.url}")

    def other_hosts(self) -> list[str]:
        return [url for url in self.request_urls if urlsplit(url).hostname != "127.0.0.1"]

    def assert_clean(self) -> None:
        """No console errors (CSP violations are reported there) and no CSP violation events."""
        # A round trip to the page: console events sent before it have arrived.
        violations = self.page.evaluate("window.__cspViolations")
        assert violations == [], violations
        assert self.errors == [], self.errors


def session_cookie_payload(value: str) -> dict:
    """The (signed, not secret) contents of a Flask session cookie."""
    compressed = value.startswith(".")
    data = value.lstrip(".").split(".")[0]
    raw = base64.urlsafe_b64decode(data + "=" * (-len(data) % 4))
    return json.loads(zlib.decompress(raw) if compressed else raw)


def live_cookies(context) -> list[dict]:
    now = time.time()
    return [c for c in context.cookies() if c["expires"] == -1 or c["expires"] > now]


def path_is(page: Page, path: str) -> None:
    expect(page).to_have_url(re.compile(rf"^http://127\.0\.0\.1:\d+{re.escape(path)}$"))


def screenshot(page: Page, directory: Path, name: str) -> None:
    for size_name, size in (("tablet", TABLET), ("desktop", DESKTOP)):
        page.set_viewport_size(size)
        page.screenshot(path=directory / f"{name}-{size_name}.png", full_page=True)
    page.set_viewport_size(DESKTOP)


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    path_is(page, "/signin")


def sign_in_pupil(page: Page, pupil: factories.PupilRecord) -> None:
    page.goto("/signin/pupil")
    page.get_by_label("School code").fill(pupil.school_code)
    page.get_by_label("Username").fill(pupil.username)
    page.get_by_label("Secret").fill(factories.PUPIL_SECRET)
    page.get_by_role("button", name="Sign in").click()
    path_is(page, "/pupil/")


def assert_signed_out(page: Page, home: str) -> None:
    response = page.goto(home)
    assert response is not None and response.ok
    path_is(page, "/signin")
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)


@pytest.mark.parametrize(("role", "home"), [("admin", "/admin/"), ("teacher", "/teacher/")])
def test_staff_sign_in_lands_home_and_sign_out_ends_on_sign_in(
    new_context, world, screenshot_dir, role, home
):
    staff = world.a.admin if role == "admin" else world.a.teachers[0]
    page = new_context().new_page()
    watch = Watch(page)

    page.goto("/signin")
    page.get_by_role("link", name="Staff sign in").click()
    path_is(page, "/signin/staff")
    page.get_by_label("Email").fill(staff.email)
    page.get_by_label("Password").fill(factories.STAFF_PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    path_is(page, home)
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    watch.assert_clean()
    assert watch.other_hosts() == []
    screenshot(page, screenshot_dir, f"{role}-home")

    sign_out(page)
    assert_signed_out(page, home)


def test_pupil_signs_in_with_school_code_and_leaves_nothing_behind(
    new_context, world, screenshot_dir
):
    pupil = world.a.classes[0].pupils[0]
    context = new_context()
    page = context.new_page()
    watch = Watch(page)

    sign_in_pupil(page, pupil)

    expect(page.get_by_role("heading", level=1)).to_contain_text(pupil.first_name)
    expect(page.locator(".who-name")).to_have_text(pupil.first_name)
    watch.assert_clean()
    assert watch.request_urls, "no requests were recorded"
    assert watch.other_hosts() == []
    screenshot(page, screenshot_dir, "pupil-home")

    signed_in_cookies = live_cookies(context)
    assert [(c["name"], c["httpOnly"], c["sameSite"]) for c in signed_in_cookies] == [
        ("prof123", True, "Lax")
    ]

    sign_out(page)
    left = live_cookies(context)
    # The sign-in cookie is gone (Clear-Site-Data and an expired Set-Cookie). The sign-in
    # page the pupil lands on starts a new anonymous session for its form's CSRF token:
    # that cookie may exist, but must hold nothing else.
    assert not {c["value"] for c in left} & {c["value"] for c in signed_in_cookies}
    for cookie in left:
        assert cookie["name"] == "prof123", left
        assert set(session_cookie_payload(cookie["value"])) <= {"csrf_token"}, left
    assert page.evaluate("localStorage.length") == 0
    assert page.evaluate("sessionStorage.length") == 0
    assert_signed_out(page, "/pupil/")


def test_class_sign_in_with_the_code_on_the_board(new_context, world, screenshot_dir):
    teacher = world.a.teachers[0]
    school_class = world.a.classes[0]
    pupil = school_class.pupils[1]

    board = new_context().new_page()
    board.goto("/signin/staff")
    board.get_by_label("Email").fill(teacher.email)
    board.get_by_label("Password").fill(factories.STAFF_PASSWORD)
    board.get_by_role("button", name="Sign in").click()
    path_is(board, "/teacher/")
    board.get_by_role("button", name="Open a sign-in code").click()
    path_is(board, f"/teacher/classes/{school_class.public_id}/sign-in-code")
    code = "".join(board.locator(".board-code").inner_text().split())
    assert re.fullmatch(r"[A-Z0-9]{4,12}", code), code
    screenshot(board, screenshot_dir, "teacher-board")

    page = new_context().new_page()
    watch = Watch(page)
    page.goto("/signin")
    screenshot(page, screenshot_dir, "signin")
    page.get_by_label("Code on the board").fill(code)
    page.get_by_role("button", name="Next").click()
    path_is(page, "/signin/class/names")
    screenshot(page, screenshot_dir, "class-names")
    page.get_by_role("link", name=f"{pupil.first_name} {pupil.last_name[0]}.").click()
    page.get_by_label("Secret").fill(factories.PUPIL_SECRET)
    page.get_by_role("button", name="Sign in").click()

    path_is(page, "/pupil/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(pupil.first_name)
    watch.assert_clean()
    assert watch.other_hosts() == []


def test_pupil_signs_in_with_the_keyboard_alone(new_context, world):
    pupil = world.b.classes[1].pupils[1]
    page = new_context().new_page()
    page.goto("/signin/pupil")
    # The school code field has autofocus: a pupil can start typing straight away.
    assert page.evaluate("document.activeElement.id") == "school_code"

    page.keyboard.type(pupil.school_code)
    page.keyboard.press("Tab")
    page.keyboard.type(pupil.username)
    page.keyboard.press("Tab")
    page.keyboard.type(factories.PUPIL_SECRET)
    page.keyboard.press("Enter")

    path_is(page, "/pupil/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(pupil.first_name)
