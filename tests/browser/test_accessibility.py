"""WCAG 2.2 AA checks (axe-core, in the real browser) on every page a role can reach now."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests import factories
from tests.browser.conftest import TABLET
from tests.browser.test_journeys import path_is, screenshot, sign_in_pupil

pytestmark = pytest.mark.browser

WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}
}


def _violations(page) -> list[str]:
    results = Axe().run(page, options=WCAG_AA)
    return [
        f"{page.url}: {v['id']} ({len(v['nodes'])}x) {v['help']}"
        for v in results.response["violations"]
    ]


def _check(page, paths: list[str]) -> list[str]:
    found = []
    for size in (TABLET, {"width": 1366, "height": 900}):
        page.set_viewport_size(size)
        for path in paths:
            page.goto(path)
            found += _violations(page)
    return found


def test_public_and_pupil_pages_meet_wcag_aa(new_context, world):
    page = new_context().new_page()
    found = _check(
        page, ["/signin", "/signin/pupil", "/signin/staff", "/privacy", "/privacy/pupils"]
    )
    sign_in_pupil(page, world.a.classes[0].pupils[0])
    found += _check(page, ["/pupil/", "/assess/", "/timestables/", "/privacy/pupils"])
    page.goto("/timestables/")
    page.get_by_role("button", name="Start practice").click()
    found += _violations(page)  # the game's start screen
    page.get_by_role("button", name="Start").click()
    page.locator("#game-question:not([hidden])").wait_for()
    found += _violations(page)  # a question with the number pad
    assert found == []


def test_staff_pages_meet_wcag_aa(new_context, world, screenshot_dir):
    page = new_context().new_page()
    page.goto("/signin/staff")
    page.get_by_label("Email").fill(world.a.admin.email)
    page.get_by_label("Password").fill(factories.STAFF_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    path_is(page, "/admin/")
    class_id = world.a.classes[0].public_id
    page.goto(f"/teacher/classes/{class_id}")
    page.get_by_role("button", name="Open a sign-in code for the board").click()
    found = _check(
        page,
        [
            "/admin/",
            "/admin/staff/new",
            "/teacher/",
            f"/teacher/classes/{class_id}",
            f"/teacher/classes/{class_id}/sign-in-code",
            f"/teacher/classes/{class_id}/times-tables",
            f"/teacher/classes/{class_id}/pupils/{world.a.classes[0].pupils[0].public_id}/arrangements",
        ],
    )
    page.goto(f"/teacher/classes/{class_id}/times-tables")
    screenshot(page, screenshot_dir, "teacher-times-tables")
    assert found == []


def test_a_form_with_errors_still_meets_wcag_aa(new_context):
    page = new_context().new_page()
    page.goto("/signin/pupil")
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_text("Type your school code.").is_visible()
    assert _violations(page) == []
