"""Assessments in the real browser: a Year 4 paper on the on-screen number pad through a
dropped connection, a reload that keeps a typed answer, a clock that hands in by itself,
WCAG 2.2 AA on every assessment page, and screenshots of the screens a person should see."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from prof123.extensions import db
from prof123.models import AssessmentAttempt, AssessmentResponse, utcnow
from prof123.security import operator_context
from tests import factories
from tests.browser.conftest import TABLET
from tests.browser.test_accessibility import _violations
from tests.browser.test_journeys import Watch, path_is, screenshot, sign_in_pupil

pytestmark = pytest.mark.browser

# Curriculum order: Y4-NPV-05 (a choice, then an order), Y4-AS-01 (two typed numbers),
# Y4-FR-04 (two fractions). Six questions, one mark each.
OBJECTIVES = ["Y4-NPV-05", "Y4-AS-01", "Y4-FR-04"]
KINDS = ["choice", "order", "integer", "integer", "fraction", "fraction"]
WRONG_ON_PURPOSE = {4, 5}  # positions answered wrongly, so the score is not simply M of M
SERVER_HICCUP_AT = 3  # the Next press answered by a proxy's 502 (a typed number)
DROPPED_AT = 5  # the Next press that meets no connection (a fraction question)


# --- data --------------------------------------------------------------------------------------


def _set_for_class(app, world, **choices) -> tuple[str, str]:
    a = world.a
    with app.app_context():
        assessment_id, [assignment_id] = factories.make_assessment(
            a.id, a.teachers[0].id, [a.classes[0].id], **choices
        )
    return assessment_id, assignment_id


def _attempt(app, public_id: str) -> AssessmentAttempt:
    with app.app_context(), operator_context():
        return db.session.scalar(
            select(AssessmentAttempt).where(AssessmentAttempt.public_id == public_id)
        )


def _responses(app, attempt_public_id: str) -> list[AssessmentResponse]:
    attempt = _attempt(app, attempt_public_id)
    with app.app_context(), operator_context():
        return list(
            db.session.scalars(
                select(AssessmentResponse)
                .where(AssessmentResponse.attempt_id == attempt.id)
                .order_by(AssessmentResponse.position)
            )
        )


def _move_deadline(app, attempt_public_id: str, seconds: float) -> None:
    with app.app_context(), operator_context():
        attempt = db.session.scalar(
            select(AssessmentAttempt).where(AssessmentAttempt.public_id == attempt_public_id)
        )
        attempt.due_at = utcnow() + timedelta(seconds=seconds)
        db.session.commit()


def _wrong(value: str) -> str:
    """A wrong answer of the same shape: one more (on the top number of a fraction)."""
    if "/" in value:
        top, bottom = value.split("/")
        return f"{int(top) + 1}/{bottom}"
    return str(int(value.replace(",", "")) + 1)


# --- the pupil's screen ------------------------------------------------------------------------


def _card(page: Page, position: int, total: int):
    card = page.locator("#question-card")
    expect(card).to_have_attribute("data-position", str(position))
    expect(card.locator(".question-number")).to_have_text(f"Question {position} of {total}")
    return card


def _pad(page: Page, text: str) -> None:
    for key in text:
        page.locator(f".pad-key[data-key='{key}']").click()


def _type_on_pad(page: Page, kind: str, answer: str) -> None:
    """Types like a pupil on a tablet: touch a box, then press the pad's keys."""
    if kind == "fraction" and "/" in answer:
        top, bottom = answer.split("/")
        page.get_by_label("Top number (numerator)").focus()
        _pad(page, top)
        page.get_by_label("Bottom number (denominator)").focus()
        _pad(page, bottom)
    elif kind == "fraction":
        page.get_by_label("Whole number (if any)").focus()
        _pad(page, answer)
    else:
        page.get_by_label("Your answer").focus()
        _pad(page, answer)


def _boxes(page: Page) -> dict[str, str]:
    return page.locator("#question-card").evaluate(
        """card => Object.fromEntries(Array.from(card.querySelectorAll('.answer-box'))
             .map(box => [box.name, box.value]))"""
    )


def _choose(page: Page, kind: str, answer: str) -> None:
    if kind == "choice":
        page.get_by_role("radio", name=answer, exact=True).check()
    else:
        places = page.locator("select[name=order]")
        for place, option in enumerate(answer.split("|")):
            places.nth(place).select_option(option)


def _axe(page: Page, found: list[str], what: str) -> None:
    found += [f"{what}: {v}" for v in _violations(page)]


def _drop_errors(watch: Watch, since: int) -> list[str]:
    """Takes out of ``watch`` what a request failing on purpose reports (the browser's
    failed load, and htmx's note of the error); returns anything else reported since."""
    watch.page.evaluate("1")  # console messages sent before now have arrived
    reported, watch.errors[since:] = watch.errors[since:], []
    expected = re.compile(
        r"net::ERR_FAILED|htmx:error.*Failed to fetch|(HTTP |status of )502.*/answer"
    )
    return [error for error in reported if not expected.search(error)]


def test_a_year_4_assessment_on_the_number_pad_through_a_dropped_connection(
    app, new_context, world, screenshot_dir
):
    _set_for_class(app, world, objectives=OBJECTIVES)
    pupil = world.a.classes[0].pupils[0]
    page = new_context().new_page()
    page.set_viewport_size(TABLET)
    watch = Watch(page)
    found: list[str] = []

    sign_in_pupil(page, pupil)
    page.get_by_role("link", name="My maths tasks").click()
    path_is(page, "/assess/")
    expect(page.get_by_role("heading", name="Test assessment")).to_be_visible()
    _axe(page, found, "task list")
    page.get_by_role("button", name="Start").click()
    expect(page).to_have_url(re.compile(r"/assess/attempts/[^/?]+$"))
    attempt_id = page.url.rsplit("/", 1)[1]
    stored = _responses(app, attempt_id)
    assert [r.answer_kind for r in stored] == KINDS
    total = len(stored)

    given: dict[int, str] = {}
    for response in stored:
        position, kind = response.position, response.answer_kind
        card = _card(page, position, total)
        assert card.get_attribute("data-kind") == kind
        answer = response.correct_answer
        if position in WRONG_ON_PURPOSE:
            answer = _wrong(answer)
        given[position] = answer
        if kind not in KINDS[: position - 1]:  # the first question of its kind
            _axe(page, found, f"a {kind} question")
            if kind in ("choice", "order"):
                screenshot(page, screenshot_dir, f"assess-question-{kind}")
                page.set_viewport_size(TABLET)
        if kind in ("choice", "order"):
            expect(page.locator(".number-pad")).to_have_count(0)
            if kind == "order":  # the numbers are on show, not only inside the lists
                shown = card.locator(".question-text .option-list li").all_inner_texts()
                assert sorted(shown) == sorted(answer.split("|"))
            _choose(page, kind, answer)
        else:
            _type_on_pad(page, kind, answer)
        if position == DROPPED_AT:
            screenshot(page, screenshot_dir, "assess-question-fraction")
            page.set_viewport_size(TABLET)
            typed = _boxes(page)
            page.route("**/answer", lambda route: route.abort())
            errors_before = len(watch.errors)
            page.get_by_role("button", name="Next").click()
            status = card.locator(".save-status")
            expect(status).to_contain_text("not saved yet")
            expect(status).to_contain_text("Don't worry")
            expect(card).to_have_attribute("data-position", str(position))
            assert _boxes(page) == typed  # the answer stays in its boxes
            page.unroute("**/answer")
            # The page sends it again by itself; the next question comes.
            _card(page, position + 1, total)
            expect(page.locator(".save-status")).to_contain_text("Saved")
            assert _drop_errors(watch, errors_before) == []
        elif position == SERVER_HICCUP_AT:
            # A proxy's error page is not swapped over the question; the page tries again.
            page.route(
                "**/answer",
                lambda route: route.fulfill(status=502, body="<h1>Bad gateway</h1>"),
                times=1,
            )
            errors_before = len(watch.errors)
            page.get_by_role("button", name="Next").click()
            expect(page.locator(".save-status")).to_contain_text("not saved yet")
            _card(page, position + 1, total)
            expect(page.get_by_text("Bad gateway")).to_have_count(0)
            assert _drop_errors(watch, errors_before) == []
        elif position < total:
            page.get_by_role("button", name="Next").click()
        else:
            page.get_by_role("button", name="Check my answers").click()

    path_is(page, f"/assess/attempts/{attempt_id}/review")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    expect(page.locator(".review-empty")).to_have_count(0)
    _axe(page, found, "review")
    screenshot(page, screenshot_dir, "assess-review")
    page.set_viewport_size(TABLET)
    page.get_by_role("button", name="Hand in").click()

    path_is(page, f"/assess/attempts/{attempt_id}/result")
    marked = _responses(app, attempt_id)
    # Each question's answer is stored once, as typed, and marked.
    assert [r.position for r in marked] == list(range(1, total + 1))
    assert {r.position: r.raw_answer for r in marked} == given
    assert all(r.answered_at is not None and r.marks is not None for r in marked)
    assert [r.is_correct for r in marked] == [p not in WRONG_ON_PURPOSE for p in given]
    right = sum(r.marks_available for r in marked if r.position not in WRONG_ON_PURPOSE)
    attempt = _attempt(app, attempt_id)
    assert attempt.handed_in_at is not None and (attempt.score, attempt.out_of) == (right, total)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"You got {right} out of {total}")
    _axe(page, found, "result")
    screenshot(page, screenshot_dir, "assess-result")
    drafts = page.evaluate("Object.keys(sessionStorage).filter(k => k.includes('draft'))")
    assert drafts == []
    watch.assert_clean()
    assert watch.other_hosts() == []
    assert found == []


def test_a_typed_answer_not_yet_sent_survives_a_reload(app, new_context, world):
    _set_for_class(app, world, objectives=["Y4-FR-04"])
    page = new_context().new_page()
    page.set_viewport_size(TABLET)
    watch = Watch(page)
    sign_in_pupil(page, world.a.classes[0].pupils[1])
    page.goto("/assess/")
    page.get_by_role("button", name="Start").click()
    _card(page, 1, 2)
    attempt_id = page.url.rsplit("/", 1)[1]
    _type_on_pad(page, "fraction", "3/4")
    page.get_by_label("Come back to this one later").check()
    page.reload()
    _card(page, 1, 2)
    assert _boxes(page) == {"whole": "", "numerator": "3", "denominator": "4"}
    expect(page.get_by_label("Come back to this one later")).to_be_checked()
    assert _responses(app, attempt_id)[0].raw_answer is None  # kept in the tab, not sent
    # Enter in a box goes on to the next question (not to the first dot's question).
    page.get_by_label("Bottom number (denominator)").press("Enter")
    _card(page, 2, 2)
    first = _responses(app, attempt_id)[0]
    assert (first.raw_answer, first.is_flagged) == ("3/4", True)
    # Going to the answers list from a question keeps what is typed there.
    page.get_by_role("button", name="Back").click()
    _card(page, 1, 2)
    page.get_by_label("Bottom number (denominator)").focus()
    page.get_by_role("button", name="Delete").click()
    _pad(page, "8")
    page.get_by_role("button", name="See all my answers and hand in").click()
    path_is(page, f"/assess/attempts/{attempt_id}/review")
    expect(page.locator(".review-item").first).to_contain_text("3/8")
    assert _responses(app, attempt_id)[0].raw_answer == "3/8"
    watch.assert_clean()


def test_when_the_time_runs_out_the_page_hands_in_by_itself(app, new_context, world):
    _set_for_class(app, world, time_limit_minutes=1)
    page = new_context().new_page()
    watch = Watch(page)
    sign_in_pupil(page, world.a.classes[0].pupils[2])
    page.goto("/assess/")
    expect(page.locator(".task")).to_contain_text("You will have 1 minute.")
    page.get_by_role("button", name="Start").click()
    _card(page, 1, 2)
    attempt_id = page.url.rsplit("/", 1)[1]
    _move_deadline(app, attempt_id, 4)
    page.reload()
    expect(page.locator(".time-left")).to_contain_text(re.compile(r"0:0[0-4]"))
    _type_on_pad(page, "integer", "7")
    path_is(page, f"/assess/attempts/{attempt_id}/result")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^You got \d out of 2$"))
    attempt = _attempt(app, attempt_id)
    assert attempt.handed_in_at is not None
    assert [r.raw_answer for r in _responses(app, attempt_id)] == ["7", None]
    watch.assert_clean()


# --- staff pages -------------------------------------------------------------------------------


def _hand_in(app, pupil, assignment_id: str, wrong: set[int]) -> None:
    """A pupil's paper answered on the server: right except at ``wrong``."""
    from prof123.assess import services
    from prof123.models import AssessmentAssignment
    from prof123.security import tenant_context

    with app.app_context():
        attempt_id = factories.start_assessment(pupil, assignment_id)
    with app.app_context(), tenant_context(pupil.school_id):
        attempt = db.session.scalar(
            select(AssessmentAttempt).where(AssessmentAttempt.public_id == attempt_id)
        )
        assignment = db.session.get(AssessmentAssignment, attempt.assignment_id)
        for response in db.session.scalars(
            select(AssessmentResponse).where(AssessmentResponse.attempt_id == attempt.id)
        ):
            answer = response.correct_answer
            if response.position in wrong:
                answer = "" if response.answer_kind in ("choice", "order") else _wrong(answer)
            services.save_answer(attempt, assignment, response, answer, False, utcnow())
        services.hand_in(attempt, utcnow())
        db.session.commit()


def test_staff_assessment_pages_meet_wcag_aa_and_print_without_navigation(
    app, new_context, world, screenshot_dir
):
    assessment_id, assignment = _set_for_class(
        app, world, objectives=OBJECTIVES, title="Autumn check-up", time_limit_minutes=20
    )
    pupils = world.a.classes[0].pupils
    _hand_in(app, pupils[0], assignment, wrong=set())
    _hand_in(app, pupils[1], assignment, wrong={2, 4, 5})
    with app.app_context():
        factories.start_assessment(pupils[2], assignment)
    page = new_context().new_page()
    watch = Watch(page)
    page.goto("/signin/staff")
    page.get_by_label("Email").fill(world.a.teachers[0].email)
    page.get_by_label("Password").fill(factories.STAFF_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    path_is(page, "/teacher/")
    found: list[str] = []
    for size in (TABLET, {"width": 1366, "height": 900}):
        page.set_viewport_size(size)
        for path in (
            "/assess/",
            "/assess/new?year=4",
            "/assess/ready-made",
            f"/assess/{assessment_id}",
            f"/assess/{assessment_id}/paper",
            f"/assess/results/{assignment}",
        ):
            page.goto(path)
            _axe(page, found, path)
    assert found == []

    page.goto(f"/assess/results/{assignment}")
    expect(page.get_by_text("2 of 3 pupils have handed it in.")).to_be_visible()
    screenshot(page, screenshot_dir, "assess-teacher-results")
    page.goto(f"/assess/{assessment_id}")
    screenshot(page, screenshot_dir, "assess-preview")
    page.goto(f"/assess/{assessment_id}/paper")
    page.emulate_media(media="print")
    for hidden in (".site-header", ".site-footer", ".no-print"):
        expect(page.locator(hidden)).to_be_hidden()
    expect(page.locator(".paper-question")).to_have_count(6)
    screenshot(page, screenshot_dir, "assess-paper-print")
    page.emulate_media(media="screen")
    watch.assert_clean()
    assert watch.other_hosts() == []
