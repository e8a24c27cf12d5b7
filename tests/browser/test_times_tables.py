"""Times tables in the real browser: a check with the keyboard, a game on the number pad,
and a game through a dropped connection (nothing lost, nothing doubled)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from prof123.extensions import db
from prof123.models import GameMode, SchoolClass, TimesTablesAnswer, TimesTablesAttempt, utcnow
from prof123.security import operator_context, tenant_context
from prof123.timestables import services
from tests.browser.conftest import TABLET
from tests.browser.test_journeys import Watch, path_is, screenshot, sign_in_pupil

pytestmark = pytest.mark.browser


def _answer_of(text: str) -> str:
    left, operation, right = text.rstrip(" =").split()
    return str(int(left) * int(right) if operation == "×" else int(left) // int(right))


def _question(page: Page, label: str) -> str:
    """Waits until question ``label`` is on screen (not the pause before it)."""
    expect(page.locator("#game-label")).to_have_text(label)
    question = page.locator("#game-question")
    expect(question).to_be_visible()
    expect(question).to_have_text(re.compile(r"^\d+ [×÷] \d+ =$"), timeout=10_000)
    return question.inner_text()


def _answer_with_keyboard(page: Page, text: str) -> None:
    page.keyboard.type(_answer_of(text))
    page.keyboard.press("Enter")


def _answer_with_pad(page: Page, text: str) -> None:
    for digit in _answer_of(text):
        page.locator(f".pad-key[data-key='{digit}']").click()
    page.locator(".pad-key[data-key='Enter']").click()


def _stored(app, attempt_public_id: str) -> list[TimesTablesAnswer]:
    with app.app_context(), operator_context():
        attempt = db.session.scalar(
            select(TimesTablesAttempt).where(TimesTablesAttempt.public_id == attempt_public_id)
        )
        return list(
            db.session.scalars(
                select(TimesTablesAnswer).where(TimesTablesAnswer.attempt_id == attempt.id)
            )
        )


def _attempt_id(page: Page) -> str:
    return page.url.rsplit("/", 1)[1]


def test_a_whole_check_with_the_keyboard(app, new_context, world, screenshot_dir):
    with app.app_context(), tenant_context(world.a.id):
        services.open_check(
            db.session.get(SchoolClass, world.a.classes[0].id), GameMode.CHECK, utcnow()
        )
        db.session.commit()
    page = new_context().new_page()
    watch = Watch(page)
    sign_in_pupil(page, world.a.classes[0].pupils[0])
    page.goto("/timestables/")
    page.get_by_role("button", name=re.compile("The times tables check")).click()
    expect(page.locator("#game-intro")).to_contain_text("3 practice questions")
    page.get_by_role("button", name="Start").click()
    for number in (1, 2, 3):
        _answer_with_keyboard(page, _question(page, f"Practice {number} of 3"))
    attempt_id = _attempt_id(page)
    for number in range(1, 26):
        question = _question(page, f"Question {number} of 25")
        if number == 1:
            screenshot(page, screenshot_dir, "check-question")
        _answer_with_keyboard(page, question)
    path_is(page, f"/timestables/results/{attempt_id}")
    expect(page.get_by_role("heading", level=1)).to_have_text("You got 25 out of 25")
    screenshot(page, screenshot_dir, "check-result")
    answers = _stored(app, attempt_id)
    assert sorted(a.number for a in answers) == list(range(1, 26))
    assert all(a.is_correct and not a.is_late and a.response_ms < 2500 for a in answers)
    watch.assert_clean()
    assert watch.other_hosts() == []


def test_practice_on_the_number_pad_at_tablet_size(app, new_context, world, screenshot_dir):
    page = new_context().new_page()
    page.set_viewport_size(TABLET)
    sign_in_pupil(page, world.a.classes[0].pupils[1])
    page.goto("/timestables/")
    page.get_by_label("How many").select_option("10")
    page.get_by_role("button", name="Start practice").click()
    screenshot(page, screenshot_dir, "practice-intro")
    page.get_by_role("button", name="Start").click()
    for number in range(1, 11):
        _answer_with_pad(page, _question(page, f"Question {number} of 10"))
    expect(page.get_by_role("heading", level=1)).to_have_text("You got 10 out of 10")
    assert len(_stored(app, _attempt_id(page))) == 10


def test_a_dropped_connection_loses_and_doubles_nothing(app, new_context, world):
    context = new_context()
    page = context.new_page()
    sign_in_pupil(page, world.a.classes[1].pupils[0])
    page.goto("/timestables/")
    page.get_by_label("How many").select_option("10")
    page.get_by_role("button", name="Start practice").click()
    attempt_id = _attempt_id(page)
    page.get_by_role("button", name="Start").click()
    for number in range(1, 11):
        if number == 4:
            context.set_offline(True)
        _answer_with_keyboard(page, _question(page, f"Question {number} of 10"))
        if number == 6:
            expect(page.locator("#game-status")).to_contain_text("keep trying")
            context.set_offline(False)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "You got 10 out of 10", timeout=20_000
    )
    answers = _stored(app, attempt_id)
    assert sorted(a.number for a in answers) == list(range(1, 11))
