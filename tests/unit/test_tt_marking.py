from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prof123.timestables.generation import Question
from prof123.timestables.marking import LATE_ALLOWANCE, is_correct, judge_timing, normalise, score


@given(st.integers(1, 12), st.integers(1, 12))
def test_marking_agrees_with_arithmetic(left, right):
    question = Question(left, right)
    assert is_correct(question, str(left * right))
    assert not is_correct(question, str(left * right + 1))
    assert is_correct(Question(left, right, "÷"), str(left))


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("56", 56),
        (" 56 ", 56),
        ("", None),
        (None, None),
        ("5 6", None),
        ("-4", None),
        ("4.0", None),
        ("١٢", None),
        ("123456", None),
        ("00056", 56),
    ],
)
def test_only_up_to_five_plain_digits_count(raw, value):
    assert normalise(raw) == value


def test_blank_scores_zero_and_partial_digits_are_taken_as_typed():
    form = [Question(7, 8), Question(6, 6), Question(9, 3)]
    assert score(form, {1: "56", 2: "", 3: "2"}).correct == 1
    assert score(form, {}).correct == 0 and score(form, {}).out_of == 3


NOW = datetime(2027, 6, 7, 9, 0, tzinfo=UTC)


def test_client_time_is_used_but_never_beyond_what_the_server_saw():
    shown = NOW
    received = NOW + timedelta(seconds=4)
    assert judge_timing(shown, received, 2500, timedelta(seconds=6)).response_ms == 2500
    # A page claiming more time than passed is capped; a negative claim is floored.
    assert judge_timing(shown, received, 9000, timedelta(seconds=6)).response_ms == 4000
    assert judge_timing(shown, received, -5, timedelta(seconds=6)).response_ms == 0


def test_an_answer_after_the_limit_and_allowance_is_late_whatever_the_page_claims():
    limit = timedelta(seconds=6)
    on_time = judge_timing(NOW, NOW + limit + LATE_ALLOWANCE, 100, limit)
    late = judge_timing(NOW, NOW + limit + LATE_ALLOWANCE + timedelta(seconds=1), 100, limit)
    assert not on_time.late and late.late
    assert not judge_timing(NOW, NOW + timedelta(hours=1), None, None).late  # untimed practice
