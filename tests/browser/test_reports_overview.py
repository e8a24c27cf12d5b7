"""The overview reports in a real browser: a teacher goes from their classes to the class
overview, opens a pupil's profile and its one-page printed report; an admin opens the whole
school. Screenshots at tablet and desktop width (and the print view) go to
test-artifacts/screenshots/ for a person to look at; axe checks WCAG 2.2 AA on each page."""

from __future__ import annotations

import random
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from prof123.assess import curriculum
from prof123.extensions import db
from prof123.models import GameMode
from prof123.security import tenant_context
from tests import factories
from tests.browser.test_journeys import Watch, path_is, screenshot
from tests.web.test_reports_overview import (  # noqa: F401  (hand_made is a fixture)
    AS,
    FR,
    MD,
    NPV,
    _add_pupil,
    _game,
    _paper,
    _set,
    hand_made,
)

pytestmark = pytest.mark.browser

FIRST_NAMES = ["Amara", "Ben", "Chloe", "Dev", "Ella", "Finn", "Grace", "Hari", "Isla"]
WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}
}


def _a_fuller_class(app, world) -> None:
    """Nine more pupils in the hand-made class, with papers on a fourth assessment and a
    month of times tables, so the pages look as they will in a real class."""
    a = world.a
    rng = random.Random(6)
    with app.app_context(), tenant_context(a.id):
        class_id = a.classes[0].id
        winter = _set(a.id, class_id, "Winter arithmetic", 60, -50)
        for n, first in enumerate(FIRST_NAMES):
            pupil_id = _add_pupil(a.id, class_id, first, f"Example{n}")
            items = [(1, AS, rng.random() < 0.8), (2, AS, True), (3, MD, rng.random() < 0.5)]
            items += [(4, MD, rng.random() < 0.5), (5, NPV, True), (6, FR, rng.random() < 0.6)]
            score = rng.randint(9, 20)
            _paper(a.id, winter, pupil_id, score, out_of=20, days_ago=55, items=items)
            for days in rng.sample(range(1, 27), k=rng.randint(0, 5)):
                late = 0.15 * (n % 3)
                answers = [
                    (rng.random() < 0.85, rng.random() < late, False, rng.randint(1200, 5200))
                    for _ in range(20)
                ]
                _game(a.id, pupil_id, GameMode.PRACTICE, days, answers)
            if n % 2:
                _game(a.id, pupil_id, GameMode.CHECK, 12, score=rng.randint(14, 25))
            if n == 0:
                _a_long_history(a.id, class_id, pupil_id, rng)
        db.session.commit()


def _a_long_history(school_id, class_id, pupil_id, rng) -> None:
    """Twelve papers on 24 objectives, two questions each: the printed report still has to
    fit one page."""
    codes = [o.code for o in curriculum.assessable_for_year(4)][:24]
    for n in range(12):
        paper = _set(school_id, class_id, f"Weekly check {n + 1}", 200 - 14 * n, -190 + 14 * n)
        items = [
            (number, code, rng.random() < 0.6)
            for number, code in enumerate([codes[2 * n]] * 2 + [codes[2 * n + 1]] * 2, start=1)
        ]
        score = sum(right for _, _, right in items)
        _paper(school_id, paper, pupil_id, score, out_of=4, days_ago=195 - 14 * n, items=items)


def _sign_in_staff(page, staff, home: str) -> None:
    page.goto("/signin/staff")
    page.get_by_label("Email").fill(staff.email)
    page.get_by_label("Password").fill(factories.STAFF_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    path_is(page, home)


def _violations(page) -> list[str]:
    results = Axe().run(page, options=WCAG_AA)
    return [
        f"{page.url}: {v['id']} ({len(v['nodes'])}x) {v['help']}"
        for v in results.response["violations"]
    ]


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-z])", pdf))


@pytest.mark.usefixtures("hand_made")
def test_teacher_reads_the_class_overview_and_prints_a_pupil_report(
    app, new_context, world, screenshot_dir
):
    _a_fuller_class(app, world)
    teacher = world.a.teachers[0]
    school_class = world.a.classes[0]
    pupil = school_class.pupils[1]
    page = new_context().new_page()
    watch = Watch(page)
    _sign_in_staff(page, teacher, "/teacher/")

    page.get_by_role("link", name=f"Reports for {school_class.name}").click()
    path_is(page, f"/reports/classes/{school_class.public_id}/overview")
    expect(page.get_by_role("heading", level=1)).to_contain_text("overview")
    attention = page.locator('table[data-table="attention"]')
    expect(attention).to_contain_text(f"{pupil.first_name} {pupil.last_name}")
    expect(attention).to_contain_text("below 50%")
    expect(page.locator(".ov-range-svg circle")).to_have_count(6)  # the latest six
    screenshot(page, screenshot_dir, "reports-class-overview")
    found = _violations(page)

    page.get_by_role("link", name="Hide names (for the board)").click()
    expect(page.locator('table[data-table="attention"]')).not_to_contain_text(pupil.first_name)
    screenshot(page, screenshot_dir, "reports-class-overview-hidden-names")
    page.get_by_role("link", name="Show names").click()

    attention.get_by_role("link", name=f"{pupil.first_name} {pupil.last_name}").click()
    path_is(page, f"/reports/classes/{school_class.public_id}/pupils/{pupil.public_id}")
    expect(page.get_by_role("heading", level=1)).to_contain_text(pupil.first_name)
    screenshot(page, screenshot_dir, "reports-pupil-profile")
    found += _violations(page)

    first = school_class.pupils[0]
    page.goto(f"/reports/classes/{school_class.public_id}/pupils/{first.public_id}")
    screenshot(page, screenshot_dir, "reports-pupil-profile-full")
    page.get_by_role("link", name="One-page report to print").click()
    expect(page.locator(".ov-one-page")).to_be_visible()
    found += _violations(page)
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    page.screenshot(path=screenshot_dir / "reports-pupil-print.png", full_page=True)
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".report-controls").first).to_be_hidden()
    pdf = page.pdf(format="A4", print_background=False)
    (screenshot_dir / "reports-pupil-print.pdf").write_bytes(pdf)
    assert _pdf_pages(pdf) == 1
    page.emulate_media(media="screen")

    # A pupil with a long history: 13 papers, 26 objectives.
    amara = page.locator("a", has_text="Amara Example0")
    page.goto(f"/reports/classes/{school_class.public_id}/overview")
    amara.first.click()
    page.get_by_role("link", name="One-page report to print").click()
    page.emulate_media(media="print")
    page.screenshot(path=screenshot_dir / "reports-pupil-print-long.png", full_page=True)
    pdf = page.pdf(format="A4", print_background=False)
    (screenshot_dir / "reports-pupil-print-long.pdf").write_bytes(pdf)
    assert _pdf_pages(pdf) == 1
    page.emulate_media(media="screen")

    watch.assert_clean()
    assert watch.other_hosts() == []
    assert found == []


@pytest.mark.usefixtures("hand_made")
def test_admin_compares_the_school_without_names(app, new_context, world, screenshot_dir):
    _a_fuller_class(app, world)
    page = new_context().new_page()
    watch = Watch(page)
    _sign_in_staff(page, world.a.admin, "/admin/")
    page.goto("/reports/school")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Whole school")
    expect(page.locator('table[data-table="classes"]')).to_contain_text("4A1")
    expect(page.locator('table[data-table="classes"]')).to_contain_text("under 5 pupils")
    for first in FIRST_NAMES:
        expect(page.locator("main")).not_to_contain_text(first)
    screenshot(page, screenshot_dir, "reports-school")
    found = _violations(page)
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4")
    (screenshot_dir / "reports-school-print.pdf").write_bytes(pdf)
    watch.assert_clean()
    assert found == []
