"""Times tables in the real browser: a check with the keyboard, a game on the number pad,
and a game through a dropped connection (nothing lost, nothing doubled)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from prof123.extensions import db
from prof123.models import (
    AttemptEvent,
    ColourScheme,
    GameMode,
    SchoolClass,
    TimesTablesAnswer,
    TimesTablesAttempt,
    utcnow,
)
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


@pytest.mark.parametrize("input_method", ["keyboard", "number pad"])
def test_a_whole_check(app, new_context, world, screenshot_dir, input_method):
    answer = _answer_with_keyboard if input_method == "keyboard" else _answer_with_pad
    pupil = world.a.classes[0].pupils[0 if input_method == "keyboard" else 1]
    with app.app_context(), tenant_context(world.a.id):
        services.open_check(
            db.session.get(SchoolClass, world.a.classes[0].id), GameMode.CHECK, utcnow()
        )
        db.session.commit()
    page = new_context().new_page()
    watch = Watch(page)
    sign_in_pupil(page, pupil)
    page.goto("/timestables/")
    page.get_by_role("button", name=re.compile("The times tables check")).click()
    expect(page.locator("#game-intro")).to_contain_text("3 practice questions")
    page.get_by_role("button", name="Start").click()
    for number in (1, 2, 3):
        answer(page, _question(page, f"Practice {number} of 3"))
    attempt_id = _attempt_id(page)
    for number in range(1, 26):
        question = _question(page, f"Question {number} of 25")
        if number == 1 and input_method == "keyboard":
            screenshot(page, screenshot_dir, "check-question")
        answer(page, question)
    path_is(page, f"/timestables/results/{attempt_id}")
    expect(page.get_by_role("heading", level=1)).to_have_text("You got 25 out of 25")
    if input_method == "keyboard":
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
    assert all(a.is_correct for a in answers)
    with app.app_context(), operator_context():
        kinds = db.session.scalars(select(AttemptEvent.kind)).all()
    assert kinds == ["reconnect"]  # the teacher's timeline shows when it came back


def _set_arrangements(app, pupil_record, **values) -> None:
    from prof123.models import Pupil

    with app.app_context(), tenant_context(pupil_record.school_id):
        services.set_arrangements(db.session.get(Pupil, pupil_record.id), **values)
        db.session.commit()


def _practice(page: Page, count: int = 10) -> None:
    page.goto("/timestables/")
    page.get_by_label("How many").select_option(str(count))
    page.get_by_role("button", name="Start practice").click()
    page.get_by_role("button", name="Start").click()


ARRANGEMENTS = [
    pytest.param({"colour_scheme": ColourScheme.YELLOW_ON_BLACK}, id="colour-contrast"),
    pytest.param({"font_size": 6}, id="font-size"),
    pytest.param({"has_next_button": True}, id="next-button"),
    pytest.param({"has_audio_version": True}, id="audio-version"),
    pytest.param({"has_audible_time_alert": True}, id="audible-time-alert"),
    pytest.param({"hides_number_pad": True}, id="no-number-pad"),
    pytest.param({"input_assistant_name": "Mr Helper"}, id="input-assistance"),
]


# Records what the page asks the browser to say and how many beeps it makes.
SOUND_SPY = """
window.__spoken = [];
window.__beeps = 0;
const speakNow = speechSynthesis.speak.bind(speechSynthesis);
speechSynthesis.speak = (utterance) => {
  window.__spoken.push(utterance.text);
  speakNow(utterance);
};
const RealAudioContext = window.AudioContext;
window.AudioContext = class extends RealAudioContext {
  createOscillator() { window.__beeps += 1; return super.createOscillator(); }
};
"""


@pytest.mark.parametrize("arrangement", ARRANGEMENTS)
def test_each_access_arrangement_in_a_game(app, new_context, world, screenshot_dir, arrangement):
    pupil = world.a.classes[0].pupils[2]
    _set_arrangements(app, pupil, **arrangement)
    context = new_context()
    context.add_init_script(SOUND_SPY)
    page = context.new_page()
    watch = Watch(page)
    sign_in_pupil(page, pupil)
    name = next(iter(arrangement))
    page.goto("/timestables/")
    page.get_by_label("How many").select_option("10")
    if name == "has_audible_time_alert":
        page.get_by_label("With a timer").check()
    page.get_by_role("button", name="Start practice").click()
    page.get_by_role("button", name="Start").click()
    game = page.locator("#game")
    if name == "colour_scheme":
        assert game.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(0, 0, 0)"
        assert game.evaluate("e => getComputedStyle(e).color") == "rgb(255, 255, 0)"
    if name == "font_size":
        _question(page, "Question 1 of 10")
        size = page.locator("#game-question").evaluate(
            "e => parseFloat(getComputedStyle(e).fontSize)"
        )
        assert size >= 100  # 4em of the largest size (1.75rem)
    if name == "hides_number_pad":
        expect(page.locator("#number-pad")).to_have_count(0)
    if name == "input_assistant_name":
        expect(page.get_by_text("Typing for you: Mr Helper")).to_be_visible()
    expected_right = 10
    for number in range(1, 11):
        if name == "has_next_button":
            next_button = page.get_by_role("button", name="Next question")
            expect(next_button).to_be_enabled(timeout=5000)
            next_button.click()
        question = _question(page, f"Question {number} of 10")
        if number == 1:
            screenshot(page, screenshot_dir, f"arrangement-{name}")
        if name == "has_audible_time_alert" and number == 1:
            # Let the time run out: a beep 2 s before the end and another at the end.
            expect(page.locator("#game-label")).to_have_text("Question 2 of 10", timeout=10_000)
            expected_right -= 1
            continue
        _answer_with_keyboard(page, question)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"You got {expected_right} out of 10", timeout=20_000
    )
    watch.assert_clean()


def test_the_audio_version_reads_each_question_and_the_alert_beeps(app, new_context, world):
    pupil = world.a.classes[1].pupils[0]
    _set_arrangements(app, pupil, has_audio_version=True, has_audible_time_alert=True)
    context = new_context()
    context.add_init_script(SOUND_SPY)
    page = context.new_page()
    sign_in_pupil(page, pupil)
    page.goto("/timestables/")
    page.get_by_label("How many").select_option("10")
    page.get_by_label("With a timer").check()
    page.get_by_role("button", name="Start practice").click()
    page.get_by_role("button", name="Start").click()
    first = _question(page, "Question 1 of 10")
    expect(page.locator("#game-label")).to_have_text("Question 2 of 10", timeout=15_000)
    spoken = page.evaluate("window.__spoken")
    left, _sign, right = first.rstrip(" =").split()
    assert spoken and spoken[0].split() == [left, "times", right]
    assert page.evaluate("window.__beeps") >= 2  # 2 s left, and time up


def test_the_typing_warm_up_on_the_pad(app, new_context, world):
    pupil = world.a.classes[1].pupils[1]
    page = new_context().new_page()
    sign_in_pupil(page, pupil)
    page.goto("/timestables/")
    page.get_by_role("link", name="Warm up your fingers").click()
    page.get_by_role("button", name="Start").click()
    for number in range(6):
        label = page.locator("#typing-label")
        expect(label).to_have_text(f"Number {number + 1} of 6")
        for digit in page.locator("#typing-number").inner_text():
            page.locator(f".pad-key[data-key='{digit}']").click()
        page.locator(".pad-key[data-key='Enter']").click()
    path_is(page, "/timestables/")
    from prof123.models import TypingSpeed

    with app.app_context(), operator_context():
        [speed] = db.session.scalars(select(TypingSpeed)).all()
    assert speed.pupil_id == pupil.id and 60 <= speed.ms_per_digit < 5000


def test_answers_not_yet_saved_survive_a_reload(app, new_context, world):
    page = new_context().new_page()
    sign_in_pupil(page, world.a.classes[1].pupils[1])
    page.goto("/timestables/")
    page.get_by_label("How many").select_option("10")
    page.get_by_role("button", name="Start practice").click()
    attempt_id = _attempt_id(page)
    page.get_by_role("button", name="Start").click()
    for number in (1, 2):
        _answer_with_keyboard(page, _question(page, f"Question {number} of 10"))
    # The server cannot be reached for two answers, then the page is reloaded.
    page.route("**/answers", lambda route: route.abort())
    for number in (3, 4):
        _answer_with_keyboard(page, _question(page, f"Question {number} of 10"))
    expect(page.locator("#game-status")).to_contain_text("keep trying")
    page.unroute("**/answers")
    page.once("dialog", lambda dialog: dialog.accept())  # "answers are still being saved"
    page.reload()
    page.get_by_role("button", name="Start").click()
    for number in range(5, 11):
        _answer_with_keyboard(page, _question(page, f"Question {number} of 10"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "You got 10 out of 10", timeout=20_000
    )
    answers = _stored(app, attempt_id)
    assert sorted(a.number for a in answers) == list(range(1, 11))
    assert all(a.is_correct and not a.is_timed_out for a in answers)
    assert page.evaluate("sessionStorage.length") == 0


def test_a_reload_during_the_practice_questions_skips_them(app, new_context, world):
    """MTC rule: the practice questions are done once; after a reload the check begins."""
    pupil = world.a.classes[0].pupils[2]
    with app.app_context(), tenant_context(world.a.id):
        services.open_check(
            db.session.get(SchoolClass, world.a.classes[0].id), GameMode.CHECK, utcnow()
        )
        db.session.commit()
    page = new_context().new_page()
    sign_in_pupil(page, pupil)
    page.goto("/timestables/")
    page.get_by_role("button", name=re.compile("The times tables check")).click()
    page.get_by_role("button", name="Start").click()
    _answer_with_keyboard(page, _question(page, "Practice 1 of 3"))
    _question(page, "Practice 2 of 3")
    page.reload()
    expect(page.locator("#game-intro")).to_contain_text("Now the check: 25 questions")
    page.get_by_role("button", name="Start").click()
    attempt_id = _attempt_id(page)
    _answer_with_keyboard(page, _question(page, "Question 1 of 25"))
    expect(page.locator("#game-label")).to_have_text("Question 2 of 25", timeout=15_000)
    [answer] = _stored(app, attempt_id)
    assert answer.number == 1 and answer.is_correct


def test_tab_reads_the_question_again_in_the_audio_version(app, new_context, world):
    pupil = world.a.classes[1].pupils[2]
    _set_arrangements(app, pupil, has_audio_version=True)
    context = new_context()
    context.add_init_script(SOUND_SPY)
    page = context.new_page()
    sign_in_pupil(page, pupil)
    _practice(page)
    question = _question(page, "Question 1 of 10")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    spoken = page.evaluate("window.__spoken")
    left, _sign, right = question.rstrip(" =").split()
    assert [text.split() for text in spoken] == [[left, "times", right]] * 3
    _answer_with_keyboard(page, question)  # the question is still open for an answer
    expect(page.locator("#game-label")).to_have_text("Question 2 of 10", timeout=15_000)
