"""The school admin in a real browser: the roster pages (WCAG 2.2 AA, screenshots), the
pupil search as you type, and printing a class's sign-in cards on A4."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from prof123.admin import services as roster
from prof123.extensions import db
from prof123.models import Cohort, School, SchoolClass
from prof123.security import tenant_context
from tests import factories
from tests.browser.test_accessibility import _check, _violations
from tests.browser.test_journeys import Watch, path_is, screenshot

pytestmark = pytest.mark.browser

A4_AT_96_DPI = {"width": 794, "height": 1123}


def _sign_in_admin(page: Page, admin) -> None:
    page.goto("/signin/staff")
    page.get_by_label("Email").fill(admin.email)
    page.get_by_label("Password").fill(factories.STAFF_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    path_is(page, "/admin/")


def _fill_class(app, world, count: int) -> None:
    """More pupils in school A's first class, so the cards run onto a second page."""
    with app.app_context(), tenant_context(world.a.id):
        school = db.session.get(School, world.a.id)
        school_class = db.session.get(SchoolClass, world.a.classes[0].id)
        cohort = db.session.scalars(db.select(Cohort)).first()
        for n in range(count):
            roster.create_pupil(school, f"Card{n}", "Printer", cohort, "2345", school_class)
        db.session.commit()


def test_admin_prints_a_classes_sign_in_cards(app, new_context, world, screenshot_dir):
    _fill_class(app, world, 9)  # 12 pupils: 10 cards on the first page, 2 on the second
    school_class = world.a.classes[0]
    page = new_context().new_page()
    watch = Watch(page)
    _sign_in_admin(page, world.a.admin)
    screenshot(page, screenshot_dir, "admin-home")

    page.get_by_role("link", name=re.compile("^Classes and year groups")).click()
    path_is(page, "/admin/classes")
    screenshot(page, screenshot_dir, "admin-classes")
    page.get_by_role("link", name=school_class.name, exact=True).click()
    path_is(page, f"/admin/classes/{school_class.public_id}")
    screenshot(page, screenshot_dir, "admin-class")

    page.get_by_role("link", name="Print sign-in cards").click()
    expect(page.locator("main")).to_contain_text("This replaces the secrets of 12 pupils")
    screenshot(page, screenshot_dir, "admin-cards-confirm")
    page.get_by_role("button", name="Give 12 new secrets and show the cards").click()
    cards = page.locator(".sign-in-card")
    expect(cards).to_have_count(12)
    expect(cards.first).to_contain_text(world.a.code)
    secrets = [s.strip() for s in page.locator(".card-secret").all_inner_texts()]
    assert len(set(secrets)) == 12 and all(re.fullmatch(r"[2-9]{4}", s) for s in secrets)
    screenshot(page, screenshot_dir, "admin-cards-screen")

    # On paper: no site header, footer or instructions; only the cards, 10 to an A4 page.
    page.emulate_media(media="print")
    page.set_viewport_size(A4_AT_96_DPI)
    for hidden in (".site-header", ".site-footer", ".cards-instructions"):
        expect(page.locator(hidden)).to_be_hidden()
    expect(cards.first).to_be_visible()
    page.screenshot(path=screenshot_dir / "admin-cards-print.png", full_page=True)
    pdf = page.pdf(format="A4", print_background=True)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 2
    first, second = cards.nth(0).bounding_box(), cards.nth(1).bounding_box()
    assert first["y"] == second["y"] and second["x"] > first["x"]  # two to a row
    page.emulate_media(media="screen")

    watch.assert_clean()
    assert watch.other_hosts() == []


def test_pupil_search_narrows_the_list_as_the_admin_types(new_context, world, screenshot_dir):
    page = new_context().new_page()
    watch = Watch(page)
    _sign_in_admin(page, world.a.admin)
    page.get_by_role("link", name=re.compile("^Pupils")).click()
    path_is(page, "/admin/pupils")
    rows = page.locator("#pupil-rows tr")
    expect(rows).to_have_count(6)
    screenshot(page, screenshot_dir, "admin-pupils")

    target = world.a.classes[1].pupils[2]
    page.get_by_label("Search by name or username").fill(target.username)
    expect(rows).to_have_count(1)  # swapped in by htmx, no page load
    expect(rows.first).to_contain_text(target.username)
    path_is(page, "/admin/pupils")
    page.get_by_label("Search by name or username").fill("")
    expect(rows).to_have_count(6)
    page.get_by_label("Class").select_option(label=world.a.classes[0].name)
    expect(rows).to_have_count(3)

    rows.first.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    screenshot(page, screenshot_dir, "admin-pupil")
    watch.assert_clean()


def test_roster_pages_meet_wcag_aa(new_context, world, screenshot_dir):
    page = new_context().new_page()
    _sign_in_admin(page, world.a.admin)
    school_class = world.a.classes[0]
    pupil = school_class.pupils[0]
    teacher = world.a.teachers[0]
    found = _check(
        page,
        [
            "/admin/",
            "/admin/staff",
            f"/admin/staff/{teacher.public_id}/classes",
            "/admin/classes",
            f"/admin/classes/{school_class.public_id}",
            f"/admin/classes/{school_class.public_id}/cards",
            "/admin/pupils",
            "/admin/pupils/new",
            f"/admin/pupils/{pupil.public_id}",
            f"/admin/pupils/{pupil.public_id}/edit",
            f"/admin/pupils/{pupil.public_id}/leave",
        ],
    )
    page.goto("/admin/staff")
    screenshot(page, screenshot_dir, "admin-staff")
    page.get_by_role("button", name="New password link for Teacher 1 a").click()
    found += _violations(page)  # shown once, in answer to the post
    link = page.locator("#password-link").inner_text()
    screenshot(page, screenshot_dir, "admin-password-link")
    visitor = new_context().new_page()
    visitor.goto(link)
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Choose a new password")
    found += _violations(visitor)
    screenshot(visitor, screenshot_dir, "set-password")
    assert found == []
