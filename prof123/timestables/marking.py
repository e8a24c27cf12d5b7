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
) -> Timing:
    """The browser's stopwatch (performance.now, free of network time) is used, but never
    beyond the time the server itself saw pass between showing and receiving; an answer
    that arrives after the limit plus an allowance is late whatever the page claims."""
    server_ms = max(int((received_at - shown_at).total_seconds() * 1000), 0)
    response_ms = server_ms if client_ms is None else min(max(client_ms, 0), server_ms)
    late = limit is not None and received_at - shown_at > limit + LATE_ALLOWANCE
    return Timing(response_ms=response_ms, late=late)


@dataclass(frozen=True)
class Score:
    correct: int
    out_of: int


def score(questions: list[Question], answers: dict[int, str | None]) -> Score:
    """Answers by question number (1-based); missing ones score 0."""
    correct = sum(is_correct(q, answers.get(n)) for n, q in enumerate(questions, start=1))
    return Score(correct, len(questions))
