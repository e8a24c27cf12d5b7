"""Marking and timing rules: pure functions over what was asked and what was typed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from prof123.timestables.generation import Question

MAX_ANSWER_DIGITS = 5  # as the MTC's answer box
# Network and rendering slack on top of the time limit before an answer counts as late.
LATE_ALLOWANCE = timedelta(seconds=2)


def normalise(raw: str | None) -> int | None:
    """The number typed, or None for blank or anything that is not up to 5 digits."""
    text = (raw or "").strip()
    if not text.isascii() or not text.isdigit() or len(text) > MAX_ANSWER_DIGITS:
        return None
    return int(text)


def is_correct(question: Question, raw: str | None) -> bool:
    """Right only when something was typed and it is the answer (MTC marker rule)."""
    value = normalise(raw)
    return value is not None and value == question.answer


@dataclass(frozen=True)
class Timing:
    response_ms: int
    late: bool


def judge_timing(
    shown_at: datetime,
    received_at: datetime,
    client_ms: int | None,
    limit: timedelta | None,
    due_at: datetime | None = None,
) -> Timing:
    """The browser's stopwatch (performance.now, free of network time) gives the response
    time, but never more time than the server saw pass since it put the question up.
    Answers queued while offline arrive together, before the server thought their question
    was up: then only the browser knows, and its time is held to the limit.

    Late means arrived after the limit plus an allowance: measured from ``due_at`` when the
    clock sets the pace (the question's place in the fixed schedule, so holding answers back
    offline gains nothing), else from when the server put the question up."""
    client = None if client_ms is None else max(client_ms, 0)
    server_ms = int((received_at - shown_at).total_seconds() * 1000)
    if server_ms >= 0:
        response_ms = server_ms if client is None else min(client, server_ms)
    else:
        response_ms = client or 0
        if limit is not None:
            response_ms = min(response_ms, int((limit + LATE_ALLOWANCE).total_seconds() * 1000))
    if limit is None:
        late = False
    elif due_at is not None:
        late = received_at > due_at + LATE_ALLOWANCE
    else:
        late = received_at - shown_at > limit + LATE_ALLOWANCE
    return Timing(response_ms=response_ms, late=late)


@dataclass(frozen=True)
class Score:
    correct: int
    out_of: int


def score(questions: list[Question], answers: dict[int, str | None]) -> Score:
    """Answers by question number (1-based); missing ones score 0."""
    correct = sum(is_correct(q, answers.get(n)) for n, q in enumerate(questions, start=1))
    return Score(correct, len(questions))
