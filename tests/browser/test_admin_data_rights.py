"""The data-protection pages in the real browser: find a pupil as you type, download their
data, restrict them, start an erasure, read the audit log, and the page a school sees after
its subscription ends."""

from __future__ import annotations

import zipfile

import pytest
from playwright.sync_api import expect

from prof123.admin import rights
from prof123.extensions import db
from prof123.models import School, utcnow
from prof123.security import tenant_context
from tests import factories
from tests.browser.test_journeys import Watch, path_is, screenshot
from tests.web.test_data_rights import give_data

pytestmark = pytest.mark.browser


def test_an_admin_finds_a_pupil_downloads_restricts_and_reads_the_log_in_a_browser(
    app, new_context, world, screenshot_dir
):
    pupil = world.a.classes[0].pupils[0]
    give_data(app, pupil)
    page = new_context().new_page()
    watch = Watch(page)
    page.goto("/signin/staff")
    page.get_by_label("Email").fill(world.a.admin.email)
    page.get_by_label("Password").fill(factories.STAFF_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    path_is(page, "/admin/")

    page.goto("/admin/data")
    page.get_by_label("Name or username").fill(f"{pupil.first_name} {pupil.last_name[:6]}")
    result = page.locator("#rights-pupil-results a")  # found as the admin types (htmx)
    expect(result).to_have_text(f"{pupil.first_name} {pupil.last_name}")
    screenshot(page, screenshot_dir, "admin-data-rights")
    result.click()
    path_is(page, f"/admin/data/pupils/{pupil.public_id}")
    screenshot(page, screenshot_dir, "admin-data-rights-pupil")

    with page.expect_download() as download_info:
        page.get_by_role("button", name=f"Download {pupil.first_name}’s data").click()
    download = download_info.value
    assert download.suggested_filename == f"prof123-pupil-{pupil.public_id}-{utcnow():%Y-%m-%d}.zip"
    with zipfile.ZipFile(download.path()) as archive:
        assert "schema.json" in archive.namelist()

    page.get_by_role("button", name=f"Restrict {pupil.first_name}’s data").click()
    expect(page.get_by_role("status").filter(has_text="Restricted.")).to_be_visible()
    page.get_by_role("link", name=f"Erase {pupil.first_name}’s data…").click()
    screenshot(page, screenshot_dir, "admin-data-rights-erase")
    page.get_by_role("button", name="Erase for good").click()
    expect(page.locator(".field-error")).to_have_text("Type the pupil’s username to confirm.")
    watch.errors.clear()  # the 422 just checked

    page.goto("/admin/data/audit")
    expect(page.locator("tbody tr")).to_have_count(4)  # restricted, unrestricted, exported ×1 …
    screenshot(page, screenshot_dir, "admin-data-rights-audit-log")
    page.goto("/admin/data/retention")
    screenshot(page, screenshot_dir, "admin-data-rights-retention")
    watch.assert_clean()
    assert watch.other_hosts() == []

    with app.app_context(), tenant_context(world.a.id):
        rights.end_subscription(db.session.get(School, world.a.id), utcnow().date(), 30)
        db.session.commit()
    page.goto("/admin/")
    expect(page.get_by_role("heading", name="This school’s subscription has ended")).to_be_visible()
    screenshot(page, screenshot_dir, "admin-data-rights-ended")
