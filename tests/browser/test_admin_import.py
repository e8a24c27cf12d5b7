"""A school admin imports a roster file in a real browser: upload, dry run, the failed rows
as a download, confirm; then previews and runs the year-end rollover. Screenshots of each
page go to test-artifacts/screenshots/."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests import factories
from tests.browser.test_accessibility import WCAG_AA
from tests.browser.test_journeys import Watch, path_is, screenshot

pytestmark = pytest.mark.browser

ROSTER = Path(__file__).resolve().parents[1] / "fixtures" / "rosters" / "sims_excel_bom.csv"


def _no_wcag_violations(page) -> None:
    violations = Axe().run(page, options=WCAG_AA).response["violations"]
    assert [f"{v['id']}: {v['help']}" for v in violations] == []


def test_admin_imports_a_roster_then_rolls_the_year_over(new_context, world, screenshot_dir):
    page = new_context().new_page()
    watch = Watch(page)
    page.goto("/signin/staff")
    page.get_by_label("Email").fill(world.a.admin.email)
    page.get_by_label("Password").fill(factories.STAFF_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    path_is(page, "/admin/")

    page.goto("/admin/import")
    screenshot(page, screenshot_dir, "admin-import-upload")
    page.get_by_label("Your school's pupil list (a CSV file)").set_input_files(ROSTER)
    page.get_by_role("button", name="Check the file").click()

    path_is(page, "/admin/import")
    expect(page.get_by_role("heading", name="Rows with problems (5)")).to_be_visible()
    expect(page.get_by_role("heading", name="New pupils (8)")).to_be_visible()
    expect(page.get_by_text("Ignored and not stored: UPN, DOB")).to_be_visible()
    screenshot(page, screenshot_dir, "admin-import-dry-run")
    _no_wcag_violations(page)

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download these rows with their problems").click()
    download = download_info.value
    assert download.suggested_filename == "rows-not-imported.csv"
    text = Path(download.path()).read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == "Row,First name,Last name,Year,Class,Problem"
    assert len(text.splitlines()) == 6

    page.get_by_role("button", name="Import: 8 new, 0 updated").click()
    path_is(page, "/admin/")
    expect(page.get_by_text("Import finished: 8 new pupils added")).to_be_visible()

    page.goto("/admin/rollover")
    expect(page.get_by_role("heading", name="Year-end rollover")).to_be_visible()
    page.get_by_label("class for the pupils of 4M").fill("5 Maple")
    page.get_by_role("button", name="Update the preview").click()
    expect(page.locator(".rollover-targets").get_by_text("5 Maple")).to_be_visible()
    screenshot(page, screenshot_dir, "admin-rollover-preview")
    _no_wcag_violations(page)
    page.get_by_role("button", name="classes", exact=False).filter(has_text="Make").click()
    path_is(page, "/admin/rollover")
    expect(page.get_by_text("Everything is in place")).to_be_visible()
    screenshot(page, screenshot_dir, "admin-rollover-done")
    watch.assert_clean()
    assert watch.other_hosts() == []
