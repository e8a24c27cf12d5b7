"""The times-tables report in a real browser: a teacher reads the class heatmap, merges each
fact with its reverse, hides the names for the board, opens a pupil's heatmap and prints the
one-page class report. Screenshots at tablet and desktop width (and the print view) go to
test-artifacts/screenshots/ for a person to look at; axe checks WCAG 2.2 AA on each page."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from prof123.admin import services as roster
from prof123.extensions import db
from prof123.models import Cohort, School, SchoolClass
from prof123.security import tenant_context
from tests import factories
from tests.benchmarks.heatmap import _fill
from tests.browser.conftest import DESKTOP, TABLET
from tests.browser.test_journeys import Watch, path_is, screenshot

pytestmark = pytest.mark.browser

FIRST_NAMES = ["Amara", "Ben", "Chloe", "Dev", "Ella", "Finn", "Grace", "Hari", "Isla", "Jack"]
WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}
}


def _a_class_of_28(app, world) -> None:
    """25 more pupils in school A's first class, and 30,000 answers this school year."""
    a = world.a
    with app.app_context(), tenant_context(a.id):
        school = db.session.get(School, a.id)
        school_class = db.session.get(SchoolClass, a.classes[0].id)
        cohort = db.session.query(Cohort).first()
        ids = [p.id for p in a.classes[0].pupils]
        for n in range(25):
            first = FIRST_NAMES[n % len(FIRST_NAMES)]
            ids.append(
                roster.create_pupil(school, first, f"Example{n}", cohort, "2345", school_class).id
            )
        db.session.commit()
        _fill(a.id, ids, school_class.academic_year, 30_000)


def _violations(page) -> list[str]:
    results = Axe().run(page, options=WCAG_AA)
    return [
        f"{page.url}: {v['id']} ({len(v['nodes'])}x) {v['help']}"
        for v in results.response["violations"]
    ]


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-z])", pdf))


def test_teacher_reads_the_heatmap_and_prints_the_class_report(
    app, new_context, world, screenshot_dir
):
    _a_class_of_28(app, world)
    school_class = world.a.classes[0]
    page = new_context().new_page()
    watch = Watch(page)
    page.goto("/signin/staff")
    page.get_by_label("Email").fill(world.a.teachers[0].email)
    page.get_by_label("Password").fill(factories.STAFF_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    path_is(page, "/teacher/")

    url = f"/reports/classes/{school_class.public_id}/times-tables"
    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_contain_text("28 pupils")
    grid = page.locator("table.tt-grid")
    expect(grid.locator("td")).to_have_count(144)
    expect(page.locator(".tt-hardest li").first).to_be_visible()
    screenshot(page, screenshot_dir, "reports-timestables-class")
    for size_name, size in (("tablet", TABLET), ("desktop", DESKTOP)):
        page.set_viewport_size(size)  # the heatmap alone, at full size, to look at closely
        facts = page.locator("section", has=page.locator("#facts-heading"))
        facts.screenshot(path=screenshot_dir / f"reports-timestables-heatmap-{size_name}.png")
    page.set_viewport_size(DESKTOP)
    found = _violations(page)

    page.get_by_role("link", name="Merge each fact with its reverse").click()
    expect(grid.locator("caption")).to_contain_text("merged with its reverse")
    seven_eight = grid.locator('td[data-fact="7x8"] .visually-hidden')
    expect(seven_eight).to_have_text(re.compile(r"^7 × 8 and 8 × 7"))
    screenshot(page, screenshot_dir, "reports-timestables-class-merged")
    page.get_by_role("link", name="Hide names (for the board)").click()
    for first in FIRST_NAMES:
        expect(page.locator("main")).not_to_contain_text(first)
    expect(grid.locator("caption")).to_contain_text("merged")  # the toggle kept
    page.get_by_role("link", name="Show each way round apart").click()
    page.get_by_role("link", name="Show names").click()

    pupil = school_class.pupils[0]
    readiness = page.locator('table[data-table="readiness"]')
    readiness.get_by_role("link", name=f"{pupil.first_name} {pupil.last_name}").click()
    path_is(page, f"{url}/pupils/{pupil.public_id}")
    expect(page.get_by_role("heading", level=1)).to_contain_text(pupil.first_name)
    expect(page.locator("table.tt-grid td")).to_have_count(144)
    screenshot(page, screenshot_dir, "reports-timestables-pupil")
    found += _violations(page)

    page.goto(url)
    page.get_by_role("link", name="Print view").click()
    expect(page.locator(".tt-print")).to_be_visible()
    found += _violations(page)
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    page.screenshot(path=screenshot_dir / "reports-timestables-print.png", full_page=True)
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".report-controls").first).to_be_hidden()
    pdf = page.pdf(format="A4", print_background=True)
    (screenshot_dir / "reports-timestables-print.pdf").write_bytes(pdf)
    assert _pdf_pages(pdf) == 1
    page.emulate_media(media="screen")

    watch.assert_clean()
    assert watch.other_hosts() == []
    assert found == []
