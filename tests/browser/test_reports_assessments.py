"""The assessment report in the real browser: a class of 30 with a spread of answers, the
answer given opening from the grid by keyboard, WCAG 2.2 AA, screenshots at tablet and
desktop width, and the print view printing on one A4 page."""

from __future__ import annotations

import random
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import DESKTOP, TABLET
from tests.browser.test_accessibility import WCAG_AA
from tests.browser.test_journeys import Watch, path_is, screenshot
from tests.web.test_reports_assessments import _new_pupils, hand_in_sheet

pytestmark = pytest.mark.browser

# A summer-term sized paper: 15 objectives, 2 questions each, for a class of 30.
OBJECTIVES = [
    "Y4-NPV-01", "Y4-NPV-02", "Y4-NPV-04", "Y4-NPV-07", "Y4-AS-01", "Y4-AS-03", "Y4-MD-01",
    "Y4-MD-02", "Y4-MD-04", "Y4-FR-03", "Y4-FR-04", "Y4-FR-05", "Y4-FR-08", "Y4-ME-01",
    "Y4-ME-06",
]  # fmt: skip
# How likely each objective's questions are to be right: fractions and short
# multiplication are this class's weak spots.
RIGHT_CHANCE = [0.9, 0.85, 0.9, 0.8, 0.85, 0.7, 0.9, 0.75, 0.4, 0.55, 0.4, 0.6, 0.7, 0.5, 0.65]
FIRST_NAMES = [
    "Amara", "Ben", "Chen", "Dev", "Ella", "Finn", "Grace", "Hamza", "Isla", "Jay", "Kofi",
    "Leah", "Maya", "Noah", "Olu", "Priya", "Ravi", "Sofia", "Tom", "Zara", "Yusuf", "Wren",
    "Xavier", "Vera", "Uma", "Theo", "Seren",
]  # fmt: skip


def _sheet(rng: random.Random, strength: float) -> list[str]:
    marks = []
    for chance in (c for c in RIGHT_CHANCE for _question in range(2)):
        roll = rng.random()
        if roll < chance * strength:
            marks.append("R")
        elif roll > 0.97:
            marks.append("-")
        else:
            marks.append("B0" if rng.random() < 0.75 else "B1")
    return marks


@pytest.fixture
def class_report(app, world):
    a = world.a
    pupils = [*a.classes[0].pupils, *_new_pupils(app, world, FIRST_NAMES).values()]
    with app.app_context():
        _assessment, [assignment] = factories.make_assessment(
            a.id,
            a.teachers[0].id,
            [a.classes[0].id],
            objectives=OBJECTIVES,
            per_objective=2,
            has_same_numbers=True,
            title="Spring term check",
        )
    rng = random.Random(6)
    for pupil in pupils[:-2]:  # two have not handed in
        hand_in_sheet(app, pupil, assignment, _sheet(rng, rng.uniform(0.7, 1.2)))
    with app.app_context():
        factories.start_assessment(pupils[-1], assignment)
    return assignment


def _axe(page) -> list[str]:
    """WCAG 2.2 AA. The grid's rows after the third repeat the same markup 30 times over,
    which only slows axe down (minutes for 900 cells): they are left out of the check."""
    results = Axe().run(
        page,
        context={"exclude": [["#table-questions tbody tr:nth-child(n+4)"]]},
        options=WCAG_AA,
    )
    return [
        f"{page.url}: {v['id']} ({len(v['nodes'])}x) {v['help']}"
        for v in results.response["violations"]
    ]


def _sign_in_teacher(page, teacher) -> None:
    page.goto("/signin/staff")
    page.get_by_label("Email").fill(teacher.email)
    page.get_by_label("Password").fill(factories.STAFF_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    path_is(page, "/teacher/")


def test_the_class_report_reads_at_a_glance_and_prints_on_one_page(
    new_context, world, class_report, screenshot_dir
):
    assignment = class_report
    page = new_context().new_page()
    watch = Watch(page)
    _sign_in_teacher(page, world.a.teachers[0])

    page.goto(f"/reports/assessments/{assignment}")
    expect(page.get_by_role("heading", name="What to teach next")).to_be_visible()
    expect(page.locator("#table-teach-next li").first).to_be_visible()
    expect(page.locator("#table-objectives tbody tr")).to_have_count(28)
    expect(page.locator("#table-questions tbody tr")).to_have_count(30)
    for size in (TABLET, DESKTOP):  # wide grids scroll inside their box, not the page
        page.set_viewport_size(size)
        assert page.evaluate("() => document.documentElement.scrollWidth") == size["width"]
    found = _axe(page)
    screenshot(page, screenshot_dir, "reports-assessment")

    # The answer given, on demand, from the keyboard.
    first_wrong = page.locator("#table-questions td.q-wrong summary").first
    first_wrong.focus()
    page.keyboard.press("Enter")
    pop = page.locator("#table-questions details[open] .answer-pop")
    expect(pop).to_be_visible()
    expect(pop).to_contain_text("Answer given:")
    expect(pop).to_contain_text("Right answer:")
    first_wrong.scroll_into_view_if_needed()
    page.screenshot(path=screenshot_dir / "reports-assessment-answer-open.png")
    page.keyboard.press("Enter")
    expect(pop).to_have_count(0)

    # Names hidden for the board: nobody's name anywhere on the page.
    page.get_by_role("link", name="Hide names (for the board)").click()
    expect(page.locator("#table-questions tbody th").first).to_have_text("Pupil 1")
    for name in [*FIRST_NAMES, "Class1A"]:  # (questions may name children: "Dev buys …")
        expect(page.locator("main")).not_to_contain_text(f"{name} Test")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.screenshot(path=screenshot_dir / "reports-assessment-names-hidden-desktop.png")

    # The one-page print view.
    page.get_by_role("link", name="One-page print view").click()
    expect(page.get_by_role("button", name="Print this page")).to_be_visible()
    found += _axe(page)
    screenshot(page, screenshot_dir, "reports-assessment-print-screen")
    page.emulate_media(media="print")
    for hidden in (".site-header", ".site-footer", ".report-controls"):
        expect(page.locator(hidden)).to_be_hidden()
    screenshot(page, screenshot_dir, "reports-assessment-print")
    pdf = page.pdf(format="A4", print_background=True)
    (screenshot_dir / "reports-assessment-print.pdf").write_bytes(pdf)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages == 1, f"the class report prints on {pages} pages"
    page.emulate_media(media="screen")

    assert found == []
    watch.assert_clean()
    assert watch.other_hosts() == []
