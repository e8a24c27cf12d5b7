"""Question families for number and place value (question-design.md §5.1).

SEQ counting sequences, MORE-LESS, NUM-WORDS, PLACE-VALUE, COMPARE, ORDER, ROUND, NEGATIVE,
ROMAN and NUMLINE-TEXT. Each family branches on the objective: the year sets the number range
and the objective sets the stem (a counting objective, a "solve problems" objective and a
measures objective of the same family ask different things).

How this module computes its bug labels (the answer a pupil with that idea would give):

- ``STEP_WRONG``: counts on from the term before the gap in ones (or in a tenth of a
  multiple-of-ten step, fives for 25s) instead of the sequence's step.
- ``DIRECTION_REVERSED``: counts the other way from the term before the gap.
- ``BOUNDARY_CROSS``: going up, writes "10" in the column that overflows (109 → 1010,
  395 → 3105); going down, does not reduce the next column (405 − 10 → 495).
- ``NO_CARRY`` (MORE-LESS): the same no-carry / no-borrow slip (995 + 10 → 905).
- ``NEG_SKIP_ZERO``: skips zero when counting through it (one step too far beyond zero);
  in a difference across zero, one less than the true difference.
- ``ENDPOINT`` (NUMLINE-TEXT): forgets the line does not start at 0 (gives the distance from
  the start), or counts the end marks as parts (3 steps of 5 on 0-1 → 3/6).
- ``OFF_BY_STEP`` (NUMLINE-TEXT): counts marks instead of steps, one step short.
- ``LENGTH_IGNORED``: compares numbers digit by digit from the left, ignoring how many digits
  they have (985 > 1,002).
- ``ROMAN_SUBTRACTIVE``: reads every symbol as an addition (IX → 11); when choosing a numeral,
  picks one with a large/small pair the wrong way round (9 → XI, 11 → IX).
- ``ROMAN_NONSTANDARD``: repeats a symbol four times instead of subtracting (9 → VIIII).
- ``DIGIT_NOT_VALUE``: gives the digit for its value (the 7 in 3,746 → 7); in "3 tens and
  14 ones" and pack problems, adds the counts as if each were worth one (→ 17).
- ``CONCAT_PLACE``: writes the parts side by side (300 + 40 + 7 → 300407; 2 hundreds,
  14 tens and 3 ones → 2143; "three hundred and five" → 3005).
- ``ZERO_PLACEHOLDER``: leaves out the zeros that hold empty places ("four thousand and
  fifty-six" → 456; 5 hundred thousands and 7 hundreds → 57).
- ``UNIT_IGNORED``: compares or orders by the numbers shown, not the units (2 m < 150 cm;
  2 hours < 45 minutes).
"""

from __future__ import annotations

import math
import random
from decimal import Decimal
from fractions import Fraction

from prof123.assess.items import (
    AnswerSpec,
    Draft,
    Resample,
    canon_fraction,
    canon_integer,
    canon_order,
    family,
    number_text,
    shuffled_options,
)

MINUS = "\u2212"
BOX = "□"
NAMES = (
    "Amir",
    "Bella",
    "Chen",
    "Dev",
    "Ella",
    "Femi",
    "Grace",
    "Hamza",
    "Isla",
    "Jack",
    "Kofi",
    "Leah",
    "Maya",
    "Noah",
    "Oskar",
    "Priya",
    "Ruby",
    "Sami",
    "Tariq",
    "Zara",
)
PLACE_NAMES = {
    1: "ones",
    10: "tens",
    100: "hundreds",
    1_000: "thousands",
    10_000: "ten thousands",
    100_000: "hundred thousands",
    1_000_000: "millions",
}
# Digits in the numbers of each year (question-design.md §4.2: Y2 to 100 ... Y6 to 10,000,000).
YEAR_DIGITS = {1: 2, 2: 2, 3: 3, 4: 4, 5: 6, 6: 7}


# --- small shared helpers -------------------------------------------------------------------


def _year(objective: str) -> int:
    return int(objective[1])


def _signed(value: int) -> str:
    """An integer as printed, with a real minus sign."""
    text = number_text(value)
    return MINUS + text[1:] if text.startswith("-") else text


def _sequence_text(values: list[int | None]) -> str:
    return ", ".join(BOX if v is None else _signed(v) for v in values)


def _digit(n: int, place: int) -> int:
    return (abs(n) // place) % 10


def _set_digit(n: int, place: int, digit: int) -> int:
    return n + (digit - _digit(n, place)) * place


def _places(n: int) -> list[int]:
    """Place values of n's digits, highest first (1,234 → [1000, 100, 10, 1])."""
    return [10**k for k in range(len(str(n)) - 1, -1, -1)]


def _terms(n: int) -> list[int]:
    """The non-zero parts of n's standard partition, highest first (4,056 → [4000, 50, 6])."""
    return [_digit(n, p) * p for p in _places(n) if _digit(n, p)]


def _number(rng: random.Random, digits: int) -> int:
    return rng.randint(10 ** (digits - 1), 10**digits - 1)


def _integer_draft(prompt: str, answer: int, params: dict, bugs: dict, unit: str = "") -> Draft:
    return Draft(
        prompt=prompt,
        answer=AnswerSpec(kind="integer", value=canon_integer(answer), unit=unit),
        params=params,
        bugs={label: canon_integer(v) for label, v in bugs.items() if v is not None},
    )


def _choice_draft(
    rng: random.Random,
    prompt: str,
    right: str,
    bugs: dict[str, str | None],
    params: dict,
    fillers: tuple[str, ...] = (),
) -> Draft:
    wrong = [text for _, text in sorted(bugs.items()) if text is not None and text != right]
    options = shuffled_options(rng, right, [*wrong, *fillers])
    return Draft(
        prompt=prompt,
        answer=AnswerSpec(kind="choice", value=right, options=options),
        params=params,
        bugs={label: text for label, text in bugs.items() if text is not None},
    )


def _order_draft(
    rng: random.Random,
    prompt: str,
    correct: list[str],
    bugs: dict[str, list[str] | None],
    params: dict,
) -> Draft:
    shown = list(correct)
    while shown == correct or shown == correct[::-1]:
        rng.shuffle(shown)
    all_bugs = {"ORDER_REVERSED": correct[::-1], **bugs}
    return Draft(
        prompt=prompt,
        answer=AnswerSpec(kind="order", value=canon_order(correct), options=tuple(shown)),
        params=params,
        bugs={label: canon_order(seq) for label, seq in all_bugs.items() if seq is not None},
    )


def _order_by(texts: list[str], keys: list, descending: bool) -> list[str] | None:
    """Texts sorted by keys, or None when two keys tie (the bug gives no single order)."""
    if len(set(keys)) != len(keys):
        return None
    pairs = sorted(zip(keys, texts, strict=True), reverse=descending)
    return [text for _, text in pairs]


# --- number words (British English: "four thousand and fifty-six") ---------------------------

_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _below_100(n: int) -> str:
    if n < 20:
        return _UNITS[n]
    tens, ones = divmod(n, 10)
    return _TENS[tens] + (f"-{_UNITS[ones]}" if ones else "")


def _below_1000(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    if not hundreds:
        return _below_100(rest)
    text = f"{_UNITS[hundreds]} hundred"
    return text + (f" and {_below_100(rest)}" if rest else "")


def number_words(n: int) -> str:
    """0 ≤ n ≤ 10,000,000 in words, as written in England."""
    if n == 0:
        return "zero"
    millions, rest = divmod(n, 1_000_000)
    thousands, units = divmod(rest, 1000)
    pieces = []
    if millions:
        pieces.append(f"{_below_1000(millions)} million")
    if thousands:
        pieces.append(f"{_below_1000(thousands)} thousand")
    if units:
        pieces.append(("and " if pieces and units < 100 else "") + _below_1000(units))
    return " ".join(pieces)


def _spoken_chunks(n: int) -> list[int]:
    """The small numbers said aloud, in order (340,508 → [3, 40, 5, 8])."""
    chunks = []
    for group in (n // 1_000_000, (n // 1000) % 1000, n % 1000):
        hundreds, rest = divmod(group, 100)
        chunks += [c for c in (hundreds, rest) if c]
    return chunks


def zero_placeholder(n: int) -> int:
    """Writes each number heard in its own digits, no zeros kept (4,056 → 456; 305 → 35)."""
    return int("".join(str(c) for c in _spoken_chunks(n)))


def concat_place(n: int) -> int | None:
    """Writes the leading part in full, then the rest (4,056 → 400056; 305 → 3005; 43 → 403)."""
    if n < 20:
        return None
    for size in (1_000_000, 1000, 100, 10):
        if n >= size:
            lead = n - n % size
            rest = n - lead
            return int(f"{lead}{rest}") if rest else None
    return None


def teen_reversal(n: int) -> int | None:
    """Writes a teen the way it is said, ones first (16 → 61; 416 → 461)."""
    teen = n % 100
    if 13 <= teen <= 19:
        return n - teen + int(str(teen)[::-1])
    return None


# --- SEQ --------------------------------------------------------------------------------------


def _wrong_step(step: int) -> int | None:
    if step == 1:
        return None
    if step % 10 == 0:
        return step // 10
    return 5 if step == 25 else 1


def boundary_cross(prev: int, move: int) -> int | None:
    """The term after ``prev`` written without carrying or borrowing when ``move`` is a power
    of ten that crosses a boundary: 109 + 1 → 1010, 395 + 10 → 3105, 405 − 10 → 495."""
    step = abs(move)
    if prev < 0 or str(step).strip("0") != "1":
        return None
    digit = _digit(prev, step)
    if move > 0 and digit == 9 and prev >= 10 * step:
        low = str(prev % step).zfill(len(str(step)) - 1) if step > 1 else ""
        return int(f"{prev // (10 * step)}10{low}")
    if move < 0 and digit == 0 and prev >= 10 * step:
        return prev + 9 * step
    return None


def skip_zero(prev: int, answer: int) -> int | None:
    """Counting from ``prev`` to ``answer`` but skipping zero: one step too far past zero."""
    if prev > 0 >= answer:
        return answer - 1
    if prev < 0 <= answer:
        return answer + 1
    return None


def _seq_draft(
    start: int,
    step: int,
    direction: int,
    count: int,
    gap: int,
    *,
    hint: bool = False,
    negatives: bool = False,
) -> Draft:
    terms = [start + direction * step * i for i in range(count)]
    answer = terms[gap]
    if gap > 0:
        prev, move = terms[gap - 1], direction * step
    else:
        prev, move = terms[1], -direction * step
    wrong_step = _wrong_step(step)
    bugs = {
        "DIRECTION_REVERSED": prev - move,
        "STEP_WRONG": prev + (wrong_step if move > 0 else -wrong_step) if wrong_step else None,
        "BOUNDARY_CROSS": boundary_cross(prev, move),
        "NEG_SKIP_ZERO": skip_zero(prev, answer) if negatives else None,
        "NEG_SIGN_DROPPED": -answer if negatives and answer < 0 else None,
    }
    shown: list[int | None] = [None if i == gap else t for i, t in enumerate(terms)]
    if gap == count - 1:
        ask = f"What number comes next? {_sequence_text(shown)}"
    else:
        ask = f"Write the missing number: {_sequence_text(shown)}"
    if hint:
        counting = "on" if direction > 0 else "back"
        ask = f"Count {counting} in {number_text(step)}s. {ask}"
    params = {"terms": terms, "gap": gap, "step": step, "direction": direction}
    return _integer_draft(ask, answer, params, bugs)


def _seq_at(answer: int, step: int, direction: int, gap: int) -> int:
    """The start of a sequence whose term number ``gap`` is ``answer``."""
    return answer - direction * step * gap


def _seq_y1_npv_01(level: int, rng: random.Random) -> Draft:
    if level == 1:
        return _seq_draft(rng.randint(1, 40), 1, 1, 5, 4, hint=True)
    if level == 2:
        direction = rng.choice((1, -1))
        start = rng.randint(10, 95) if direction > 0 else rng.randint(15, 100)
        return _seq_draft(start, 1, direction, 5, rng.randint(1, 3))
    if level == 3:  # across 100 either way
        direction = rng.choice((1, -1))
        start = rng.randint(96, 99) if direction > 0 else rng.randint(101, 104)
        return _seq_draft(start, 1, direction, 6, rng.randint(1, 5))
    answer, gap = rng.choice((100, 110, 120)), rng.randint(1, 4)
    return _seq_draft(_seq_at(answer, 1, 1, gap), 1, 1, 6, gap)


def _seq_y1_npv_02(level: int, rng: random.Random) -> Draft:
    if level == 1:
        return _seq_draft(rng.randint(1, 15), 1, 1, 5, 4, hint=True)
    gap = rng.randint(1, 4)
    if level == 2:  # forwards over a tens boundary: 39, □ (not 310)
        answer = 10 * rng.randint(3, 9)
        return _seq_draft(_seq_at(answer, 1, 1, gap), 1, 1, 6, gap)
    if level == 3:  # backwards over a tens boundary: 40, □ (not 49)
        answer = 10 * rng.randint(3, 9) - 1
        return _seq_draft(_seq_at(answer, 1, -1, gap), 1, -1, 6, gap)
    direction = rng.choice((1, -1))
    start = rng.randint(21, 95) if direction > 0 else rng.randint(25, 100)
    return _seq_draft(start, 1, direction, 5, 0)


def _seq_y1_npv_03(level: int, rng: random.Random) -> Draft:
    if level == 1:
        step = rng.choice((2, 5, 10))
        return _seq_draft(step * rng.randint(0, 2), step, 1, 5, 4, hint=True)
    if level == 2:
        step = rng.choice((2, 5))
        return _seq_draft(step * rng.randint(0, 4), step, 1, 5, rng.randint(1, 3))
    step = rng.choice((2, 5, 10))
    if level == 3:
        first = {2: (10, 45), 5: (4, 15), 10: (2, 4)}[step]
        return _seq_draft(step * rng.randint(*first), step, 1, 6, rng.randint(1, 5))
    start = step * rng.randint(5, 100 // step)
    return _seq_draft(start, step, -1, 5, rng.choice((0, 1, 2)))


def _seq_y2_npv_01(level: int, rng: random.Random) -> Draft:
    if level == 1:
        step = rng.choice((2, 5))
        return _seq_draft(step * rng.randint(0, 3), step, 1, 5, 4, hint=True)
    if level == 2:
        return _seq_draft(3 * rng.randint(0, 6), 3, 1, 6, rng.randint(1, 4))
    if level == 3:  # tens from any number
        direction = rng.choice((1, -1))
        low, high = (1, 59) if direction > 0 else (41, 99)
        start = rng.choice([n for n in range(low, high + 1) if n % 10])
        return _seq_draft(start, 10, direction, 5, rng.randint(1, 3))
    step = rng.choice((2, 3, 5, 10))
    start = rng.randint(4 * step + 1, 100)
    if step != 10:
        start -= start % step
    elif start % 10 == 0:
        start -= rng.randint(1, 9)
    return _seq_draft(start, step, -1, 5, 0)


def _seq_y3_npv_01(level: int, rng: random.Random) -> Draft:
    if level == 1:
        step = rng.choice((50, 100))
        return _seq_draft(step * rng.randint(0, 4), step, 1, 5, 4, hint=True)
    if level == 2:
        return _seq_draft(4 * rng.randint(1, 12), 4, 1, 5, rng.randint(1, 3))
    if level == 3:
        step = rng.choice((8, 50))
        first = rng.randint(3, 10) if step == 8 else rng.randint(4, 15)
        return _seq_draft(step * first, step, 1, 5, rng.randint(1, 4))
    step = rng.choice((4, 8, 50, 100))
    top = min(1000 // step, 15)
    return _seq_draft(step * rng.randint(5, top), step, -1, 5, 0)


def _seq_y3_npv_07(level: int, rng: random.Random) -> Draft:
    if level == 1:
        start = rng.choice([n for n in range(11, 60) if n % 10])
        return _seq_draft(start, 10, 1, 5, 4, hint=True)
    if level == 2:  # 10s or 100s from any 3-digit number, no hundreds crossed in 10s
        step, direction = rng.choice((10, 100)), rng.choice((1, -1))
        hundreds, ones = (
            rng.randint(1, 5) if direction > 0 else rng.randint(5, 9),
            rng.randint(1, 9),
        )
        tens = rng.randint(0, 5) if direction > 0 else rng.randint(4, 9)
        start = 100 * hundreds + 10 * tens + ones
        return _seq_draft(start, step, direction, 5, rng.randint(1, 3))
    gap = rng.randint(1, 4)
    if level == 3:  # 395, □ (not 3105)
        answer = 100 * rng.randint(2, 9) + rng.randint(1, 9)
        return _seq_draft(_seq_at(answer, 10, 1, gap), 10, 1, 6, gap)
    answer = 100 * rng.randint(1, 8) + 90 + rng.randint(1, 9)  # 405, □ (not 495)
    return _seq_draft(_seq_at(answer, 10, -1, gap), 10, -1, 6, gap)


def _seq_y4_npv_01(level: int, rng: random.Random) -> Draft:
    if level == 1:
        step = rng.choice((25, 1000))
        return _seq_draft(step * rng.randint(0, 3), step, 1, 5, 4, hint=True)
    if level == 2:
        step = rng.choice((6, 7))
        return _seq_draft(step * rng.randint(1, 6), step, 1, 5, rng.randint(1, 3))
    if level == 3:
        step = rng.choice((6, 7, 9, 25))
        return _seq_draft(step * rng.randint(4, 8), step, 1, 5, rng.randint(1, 4))
    step = rng.choice((6, 7, 9, 25, 1000))
    return _seq_draft(step * rng.randint(5, 12), step, -1, 5, 0)


def _seq_y4_npv_03(level: int, rng: random.Random) -> Draft:
    """Counting back through zero; the gap is the first term at or below zero."""
    step = {1: 1, 2: 2, 3: rng.randint(3, 5), 4: rng.randint(3, 6)}[level]
    gap = rng.randint(2, 4) if level < 4 else rng.randint(1, 3)
    answer = rng.randint(1, step) - step
    start = _seq_at(answer, step, -1, gap)
    if start - 5 * step < -20 or start > 100:
        raise Resample
    return _seq_draft(start, step, -1, 6, gap, hint=level == 1, negatives=True)


def _seq_y5_npv_02(level: int, rng: random.Random) -> Draft:
    if level in (1, 2):
        step = rng.choice((10, 100)) if level == 1 else rng.choice((1000, 10_000))
        direction = 1 if level == 1 else rng.choice((1, -1))
        start = _number(rng, 4 if level == 1 else rng.choice((5, 6)))
        digit = rng.randint(0, 5) if direction > 0 else rng.randint(4, 9)
        start = _set_digit(start, step, digit)
        last = start + direction * step * 4
        if min(start, last) < 1000 or (level == 2 and start < 10_000):
            raise Resample
        gap = 4 if level == 1 else rng.randint(1, 3)
        return _seq_draft(start, step, direction, 5, gap, hint=level == 1)
    step, gap = rng.choice((100, 1000, 10_000)), rng.randint(1, 3)
    high = rng.randint(2, 1_000_000 // (10 * step) - 1)  # 1: the carry makes a new digit
    low = rng.randint(1, step - 1)
    if level == 3:  # 96,400 → 106,400, not 1,0106,400-style
        answer, direction = high * 10 * step + low, 1
    else:
        answer, direction = high * 10 * step + 9 * step + low, -1
    start = _seq_at(answer, step, direction, gap)
    terms = [start + direction * step * i for i in range(5)]
    if min(terms) < 1000 or max(terms) > 1_000_000:
        raise Resample
    return _seq_draft(start, step, direction, 5, gap)


def _seq_y5_npv_03(level: int, rng: random.Random) -> Draft:
    """Counting through zero both ways; the gap is where the count crosses zero."""
    if level == 4:
        step, direction = rng.choice((5, 10, 15, 20, 25)), rng.choice((1, -1))
        near = rng.randint(1, step - 1)
        # going up (□, 7, 22, ...) the gap is below zero; going down (□, −8, ...) above it
        answer = near - step if direction > 0 else near
        return _seq_draft(answer, step, direction, 5, 0, negatives=True)
    step = {1: rng.choice((1, 2)), 2: rng.randint(2, 5), 3: rng.randint(3, 10)}[level]
    direction = -1 if level == 2 else 1
    gap = rng.randint(2, 4) if level < 3 else rng.randint(1, 4)
    near = rng.randint(-step, -1) if direction > 0 else rng.randint(1, step)
    answer = near + direction * step
    start = _seq_at(answer, step, direction, gap)
    return _seq_draft(start, step, direction, 6, gap, hint=level == 1, negatives=True)


_SEQ_PLANS = {
    "Y1-NPV-01": _seq_y1_npv_01,
    "Y1-NPV-02": _seq_y1_npv_02,
    "Y1-NPV-03": _seq_y1_npv_03,
    "Y2-NPV-01": _seq_y2_npv_01,
    "Y3-NPV-01": _seq_y3_npv_01,
    "Y3-NPV-07": _seq_y3_npv_07,
    "Y4-NPV-01": _seq_y4_npv_01,
    "Y4-NPV-03": _seq_y4_npv_03,
    "Y5-NPV-02": _seq_y5_npv_02,
    "Y5-NPV-03": _seq_y5_npv_03,
}


@family("SEQ", objectives=tuple(_SEQ_PLANS))
def sequence(objective: str, level: int, rng: random.Random) -> Draft:
    """A counting sequence with one missing term (the last term at level 1)."""
    return _SEQ_PLANS[objective](level, rng)


# --- MORE-LESS --------------------------------------------------------------------------------


def no_carry(n: int, change: int) -> int:
    """n + change (± a power of ten) without carrying or borrowing into the next column:
    995 + 10 → 905, 305 − 10 → 395. Equals n + change when no boundary is crossed."""
    place = abs(change)
    digit = _digit(n, place)
    return n + ((digit + (1 if change > 0 else -1)) % 10 - digit) * place


# Contexts for Y3-NPV-07: {n} the number, {d} the change, {name} a pupil's name.
_ML_CONTEXTS = (
    {
        "now": "A school library has {n} books.",
        "more": "It buys {d} more books.",
        "less": "It gives away {d} books.",
        "ask": "How many books does the library have now?",
        "more_past": "A school library bought {d} more books.",
        "less_past": "A school library gave away {d} books.",
        "after": "It now has {n} books. How many books did it have before?",
    },
    {
        "now": "{name} has {n} stickers.",
        "more": "{name} is given {d} more stickers.",
        "less": "{name} gives away {d} stickers.",
        "ask": "How many stickers does {name} have now?",
        "more_past": "{name} was given {d} more stickers.",
        "less_past": "{name} gave away {d} stickers.",
        "after": "{name} now has {n} stickers. How many stickers did {name} have before?",
    },
    {
        "now": "A farm has {n} sheep.",
        "more": "The farmer buys {d} more sheep.",
        "less": "The farmer sells {d} sheep.",
        "ask": "How many sheep are on the farm now?",
        "more_past": "A farmer bought {d} more sheep.",
        "less_past": "A farmer sold {d} sheep.",
        "after": "There are now {n} sheep on the farm. How many sheep were there before?",
    },
    {
        "now": "{name} has {n} beads.",
        "more": "{name} buys {d} more beads.",
        "less": "{name} uses {d} beads to make a necklace.",
        "ask": "How many beads does {name} have now?",
        "more_past": "{name} bought {d} more beads.",
        "less_past": "{name} used {d} beads to make a necklace.",
        "after": "{name} now has {n} beads. How many beads did {name} have before?",
    },
)

# objective -> level -> (changes to choose from, lowest and highest operand, boundary crossed?)
# An operand is the number the pupil works on: the given number, or for a reverse question
# ("10 more than □ is 403") the result shown.
_ML_PLANS: dict[str, dict[int, tuple[tuple[int, ...], int, int, bool]]] = {
    "Y1-NPV-04": {
        1: ((1,), 2, 19, False),
        2: ((1,), 21, 98, False),
        3: ((1,), 11, 100, True),
        4: ((1,), 11, 100, True),
    },
    "Y3-NPV-02": {
        1: ((10,), 11, 89, False),
        2: ((10, 100), 100, 999, False),
        3: ((10,), 100, 999, True),
        4: ((10, 100), 100, 1099, True),
    },
    "Y4-NPV-02": {
        1: ((100,), 1000, 9999, False),
        2: ((1000,), 1000, 9999, False),
        3: ((1000,), 10_000, 99_999, True),
        4: ((1000,), 10_000, 99_999, True),
    },
    "Y5-NPV-02": {
        1: ((10, 100, 1000), 1000, 9999, False),
        2: ((1000, 10_000, 100_000), 100_000, 899_999, False),
        3: ((100, 1000, 10_000), 100_000, 999_999, True),
        4: ((100, 1000, 10_000), 100_000, 999_999, True),
    },
    "Y6-NPV-01": {
        1: ((1000, 10_000, 100_000), 100_000, 899_999, False),
        2: ((10_000, 100_000, 1_000_000), 1_000_000, 8_999_999, False),
        3: ((1000, 10_000, 100_000), 1_000_000, 9_999_999, True),
        4: ((1000, 10_000, 100_000), 1_000_000, 9_999_999, True),
    },
}
_ML_PLANS["Y3-NPV-07"] = _ML_PLANS["Y3-NPV-02"]
_ML_TOP = {1: 100, 3: 1099, 4: 99_999, 5: 1_000_000, 6: 10_000_000}


@family("MORE-LESS", objectives=tuple(sorted(_ML_PLANS)))
def more_less(objective: str, level: int, rng: random.Random) -> Draft:
    """1, 10, 100, 1,000 ... more or less than a number; a reverse question at level 4."""
    changes, low, high, cross = _ML_PLANS[objective][level]
    place, more, reverse = rng.choice(changes), rng.random() < 0.5, level == 4
    sign = (1 if more else -1) * (-1 if reverse else 1)  # what the pupil must do to the operand
    operand = rng.randint(low, high)
    if cross:
        operand = _set_digit(operand, place, 9 if sign > 0 else 0)
    elif _digit(operand, place) == (9 if sign > 0 else 0):
        operand = _set_digit(operand, place, rng.randint(0, 8) if sign > 0 else rng.randint(1, 9))
    answer = operand + sign * place
    crossed = no_carry(operand, sign * place) != answer
    if (
        not low <= operand <= high
        or crossed != cross
        or not 1 <= answer <= _ML_TOP[_year(objective)]
    ):
        raise Resample
    if cross and operand < 10 * place:
        raise Resample
    word = "more" if more else "less"
    d, x = number_text(place), number_text(operand)
    if objective == "Y3-NPV-07":
        context, name = rng.choice(_ML_CONTEXTS), rng.choice(NAMES)
        if reverse:
            parts = (context["more_past" if more else "less_past"], context["after"])
        else:
            parts = (context["now"], context["more" if more else "less"], context["ask"])
        prompt = " ".join(part.format(n=x, d=d, name=name) for part in parts)
    elif reverse:
        prompt = f"{d} {word} than {BOX} is {x}. What number goes in the box?"
    else:
        prompt = f"What is {d} {word} than {x}?"
    wrong_place = place // 10 if place >= 10 else 10
    bugs = {
        "MORE_LESS_SWAP": operand - sign * place,
        "PV_WRONG_COLUMN": operand + sign * wrong_place,
        "NO_CARRY": no_carry(operand, sign * place) if cross else None,
    }
    params = {"operand": operand, "change": place, "more": more, "reverse": reverse}
    return _integer_draft(prompt, answer, params, bugs)


# --- NUM-WORDS --------------------------------------------------------------------------------

# objective -> level -> (direction, lowest, highest, kind of number): "zero" = an internal zero
# that the ZERO_PLACEHOLDER bug shows, "nozero" = no zero digit at all, "teen" = a teen or its
# teen/ty partner (16, 61), "any" = anything in range.
_NW_PLANS: dict[str, dict[int, tuple[str, int, int, str]]] = {
    "Y1-NPV-06": {
        1: ("digits", 1, 10, "any"),
        2: ("words", 1, 12, "any"),
        3: ("digits", 13, 19, "teen"),
        4: ("words", 13, 19, "teen"),
    },
    "Y1-NPV-02": {
        1: ("digits", 20, 50, "any"),
        2: ("digits", 51, 100, "any"),
        3: ("words", 21, 99, "any"),
        4: ("words", 13, 91, "teen"),
    },
    "Y2-NPV-05": {
        1: ("digits", 20, 99, "any"),
        2: ("words", 20, 99, "any"),
        3: ("digits", 13, 91, "teen"),
        4: ("words", 13, 91, "teen"),
    },
    "Y3-NPV-06": {
        1: ("digits", 20, 99, "any"),
        2: ("digits", 111, 999, "nozero"),
        3: ("digits", 101, 999, "zero"),
        4: ("words", 101, 999, "zero"),
    },
    "Y5-NPV-01": {
        1: ("digits", 1111, 9999, "nozero"),
        2: ("digits", 11_111, 999_999, "nozero"),
        3: ("digits", 100_001, 999_999, "zero"),
        4: ("words", 100_001, 999_999, "zero"),
    },
    "Y6-NPV-01": {
        1: ("digits", 100_001, 999_999, "any"),
        2: ("digits", 1_111_111, 9_999_999, "nozero"),
        3: ("digits", 1_000_001, 9_999_999, "zero"),
        4: ("words", 1_000_001, 9_999_999, "zero"),
    },
}


def teen_partner(n: int) -> int | None:
    """The number a teen/ty muddle swaps with: 16 ↔ 61, 413 ↔ 431 (None if there is none)."""
    last = n % 100
    if 13 <= last <= 19 or (last % 10 == 1 and 3 <= last // 10 <= 9):
        return n - last + int(str(last)[::-1])
    return None


def _nw_number(rng: random.Random, low: int, high: int, kind: str) -> int:
    if kind == "teen":
        return rng.choice([t for t in range(low, high + 1) if teen_partner(t)])
    n = rng.randint(low, high)
    if kind == "nozero":
        n = int("".join(d if d != "0" else str(rng.randint(1, 9)) for d in str(n)))
    elif kind == "zero":
        digits = list(str(n))
        for _ in range(rng.randint(1, max(1, len(digits) // 3))):
            digits[rng.randint(1, len(digits) - 2)] = "0"
        n = int("".join(digits))
        if zero_placeholder(n) == n or n % 10 == 0:
            raise Resample
    if not low <= n <= high:
        raise Resample
    return n


@family("NUM-WORDS", objectives=tuple(sorted(_NW_PLANS)))
def num_words(objective: str, level: int, rng: random.Random) -> Draft:
    """Words to digits (typed), digits to words (choice of four)."""
    direction, low, high, kind = _NW_PLANS[objective][level]
    n = _nw_number(rng, low, high, kind)
    params = {"n": n, "direction": direction}
    if direction == "digits":
        bugs = {
            "ZERO_PLACEHOLDER": zero_placeholder(n),
            "CONCAT_PLACE": concat_place(n),
            "TEEN_REVERSAL": teen_reversal(n),
        }
        return _integer_draft(f"Write this number in digits: {number_words(n)}.", n, params, bugs)
    text = str(n)
    partner = teen_partner(n)
    unzeroed = int(text.replace("0", "")) if "0" in text else None
    # sixteen read as sixty; otherwise the leading digit one column too high (4,056 → 40,056)
    shifted = (n % 10) * 10 if 13 <= n <= 19 else int(f"{text[0]}0{text[1:]}")
    bugs = {
        "TEEN_REVERSAL": number_words(partner) if partner else None,
        "ZERO_PLACEHOLDER": number_words(unzeroed) if unzeroed else None,
        "PV_WRONG_COLUMN": number_words(shifted) if shifted <= 10_000_000 else None,
    }
    near = [n + sign * m * 10**k for k in range(len(text)) for sign in (1, -1) for m in (1, 2)]
    rng.shuffle(near)
    fillers = tuple(number_words(m) for m in near if m > 0)
    return _choice_draft(
        rng, f"Which words say {number_text(n)}?", number_words(n), bugs, params, fillers
    )


# --- PLACE-VALUE ------------------------------------------------------------------------------

_PV_VALUE = ("Y2-NPV-02", "Y3-NPV-03", "Y4-NPV-04", "Y5-NPV-01", "Y6-NPV-01")
_PV_REPRESENT = ("Y2-NPV-03", "Y3-NPV-05", "Y4-NPV-06")
_PV_PROBLEM = ("Y2-NPV-06", "Y3-NPV-07", "Y4-NPV-08", "Y5-NPV-05", "Y6-NPV-04")
_PREVIOUS_DIGITS = {2: 2, 3: 2, 4: 3, 5: 4, 6: 6}
# (things, size of a pack for each place)
_PV_PACKS = {1000: "crates of 1,000", 100: "boxes of 100", 10: "packs of 10", 1: "single"}
_PV_THINGS = ("pencils", "stickers", "beads", "paper clips", "straws", "stamps")


def _wrong_column(value: int, place: int, top: int) -> int | None:
    """The same digit one column along: up a column unless ``place`` is already the top (and
    None where one column down would be the digit itself, which DIGIT_NOT_VALUE covers)."""
    if place < top:
        return value * 10
    return value // 10 if place > 10 else None


def _count_text(counts: dict[int, int]) -> str:
    parts = [f"{c} {PLACE_NAMES[p][:-1] if c == 1 else PLACE_NAMES[p]}" for p, c in counts.items()]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _unique_digit_place(rng: random.Random, n: int, lowest: int = 10) -> int:
    """A place (≥ ``lowest``) whose digit is non-zero and appears once in n, else Resample."""
    choices = [p for p in _places(n) if p >= lowest and str(n).count(str(_digit(n, p))) == 1]
    choices = [p for p in choices if _digit(n, p)]
    if not choices:
        raise Resample
    return rng.choice(choices)


def _pv_value_of(rng: random.Random, digits: int, lowest: int = 10) -> Draft:
    n = _number(rng, digits)
    place = _unique_digit_place(rng, n, min(lowest, 10 ** (digits - 1)))
    d = _digit(n, place)
    bugs = {"DIGIT_NOT_VALUE": d, "PV_WRONG_COLUMN": _wrong_column(d * place, place, _places(n)[0])}
    prompt = f"What is the value of the {d} in {number_text(n)}?"
    return _integer_draft(prompt, d * place, {"n": n, "place": place}, bugs)


def _pv_which_digit(rng: random.Random, digits: int) -> Draft:
    n = _number(rng, digits)
    place = rng.choice(_places(n)[:-1] if digits > 2 else _places(n))
    neighbour = place * 10 if place * 10 <= _places(n)[0] else place // 10
    d = _digit(n, place)
    if d == 0 or d == _digit(n, neighbour):
        raise Resample
    prompt = f"Which digit is in the {PLACE_NAMES[place]} place in {number_text(n)}?"
    bugs = {"PV_WRONG_COLUMN": _digit(n, neighbour)}
    return _integer_draft(prompt, d, {"n": n, "place": place}, bugs)


def _pv_partition(rng: random.Random, digits: int, zero: bool) -> Draft:
    """4,056 = 4,000 + □ + 6: one part missing (with a zero in the number when asked)."""
    n = _number(rng, digits)
    if zero:
        n = _set_digit(n, rng.choice(_places(n)[1:-1]), 0)
    terms = _terms(n)
    if len(terms) < 2:
        raise Resample
    missing = rng.randrange(len(terms) - 1 if n % 10 else len(terms))
    value = terms[missing]
    place = 10 ** (len(str(value)) - 1)
    shown = [BOX if i == missing else number_text(t) for i, t in enumerate(terms)]
    bugs = {
        "DIGIT_NOT_VALUE": value // place,
        "PV_WRONG_COLUMN": _wrong_column(value, place, _places(n)[0]),
    }
    prompt = f"{number_text(n)} = {' + '.join(shown)}"
    return _integer_draft(prompt, value, {"n": n, "missing": value}, bugs)


def _pv_counts(rng: random.Random, digits: int, exchange: bool) -> Draft:
    """3 hundreds, 4 tens and 7 ones = □; with exchange, one count is 10-19."""
    places = [10**k for k in range(digits - 1, -1, -1)]
    counts = {p: rng.randint(1, 9) for p in places}
    if exchange:
        counts[rng.choice(places[1:])] = rng.randint(11, 19)
    answer = sum(p * c for p, c in counts.items())
    if answer >= 10**digits:  # stays within the year's numbers
        raise Resample
    bugs = {
        "DIGIT_NOT_VALUE": sum(counts.values()),
        "CONCAT_PLACE": int("".join(str(c) for c in counts.values())),
    }
    params = {"counts": [counts[p] for p in places]}
    return _integer_draft(f"{_count_text(counts)} = {BOX}", answer, params, bugs)


def _pv_expanded(rng: random.Random, digits: int) -> Draft:
    """300 + 40 + 7 = □ (a zero part at level 2 and above is simply left out)."""
    n = _number(rng, digits)
    terms = _terms(n)
    if len(terms) < 2:
        raise Resample
    prompt = f"{' + '.join(number_text(t) for t in terms)} = {BOX}"
    bugs = {"CONCAT_PLACE": int("".join(str(t) for t in terms))}
    return _integer_draft(prompt, n, {"n": n}, bugs)


def _pv_nonstandard(rng: random.Random, digits: int) -> Draft:
    """347 = 200 + □ + 7: one unit of a column moved into the next column down."""
    n = _number(rng, digits)
    places = _places(n)
    high = rng.choice(places[:-1])
    low = high // 10
    if _digit(n, high) < 2:
        raise Resample
    parts = [(p, _digit(n, p) * p) for p in places]
    parts = [(p, v - high if p == high else v + high if p == low else v) for p, v in parts]
    shown = [BOX if p == low else number_text(v) for p, v in parts if v or p == low]
    answer = _digit(n, low) * low + high
    standard = _digit(n, low) * low
    prompt = f"{number_text(n)} = {' + '.join(shown)}"
    if not standard:
        raise Resample
    bugs = {"PV_WRONG_COLUMN": standard}
    return _integer_draft(prompt, answer, {"n": n, "moved_from": high}, bugs)


def _pv_bundles(rng: random.Random, places: list[int], exchange: bool, top: int = 9) -> Draft:
    counts = {p: rng.randint(2, top if p == places[0] else 9) for p in places}
    if exchange:
        counts[rng.choice(places[1:])] = rng.randint(11, 19)
    things, name = rng.choice(_PV_THINGS), rng.choice(NAMES)
    parts = [
        f"{c} {_PV_PACKS[p]} {things}" if p > 1 else f"{c} single {things}"
        for p, c in counts.items()
    ]
    listed = ", ".join(parts[:-1]) + " and " + parts[-1]
    prompt = f"{name} has {listed}. How many {things} does {name} have?"
    answer = sum(p * c for p, c in counts.items())
    if answer >= 10 * places[0]:  # stays within the year's numbers
        raise Resample
    bugs = {
        "DIGIT_NOT_VALUE": sum(counts.values()),
        "CONCAT_PLACE": int("".join(str(c) for c in counts.values())) if exchange else None,
    }
    return _integer_draft(prompt, answer, {"counts": list(counts.values()), "places": places}, bugs)


def _pv_digit_change(rng: random.Random, digits: int) -> Draft:
    """Change one digit: how much bigger (or smaller) is the number now?"""
    n = _number(rng, digits)
    place = _unique_digit_place(rng, n)
    old = _digit(n, place)
    new = rng.choice([d for d in range(1, 10) if d != old and str(d) not in str(n)])
    name = rng.choice(NAMES)
    size = "bigger" if new > old else "smaller"
    prompt = (
        f"{name} writes {number_text(n)}, then changes the {old} to a {new}. "
        f"How much {size} is the new number?"
    )
    change = abs(new - old) * place
    bugs = {
        "DIGIT_NOT_VALUE": abs(new - old),
        "PV_WRONG_COLUMN": _wrong_column(change, place, _places(n)[0]),
    }
    return _integer_draft(prompt, change, {"n": n, "place": place, "new": new}, bugs)


def _pv_puzzle(rng: random.Random, digits: int, exchange: bool) -> Draft:
    """Which number has 5 hundred thousands, 2 ten thousands, 7 hundreds and 3 ones?"""
    places = [10**k for k in range(digits - 1, -1, -1)]
    if exchange:  # three neighbouring columns, the middle one over 9
        top = rng.randint(2, len(places) - 3)  # the lowest column used is 100 or more
        chosen = places[top - 2 : top + 1]
        counts = {chosen[0]: rng.randint(1, 8), chosen[1]: rng.randint(11, 19)}
        counts[chosen[2]] = rng.randint(1, 9)
        answer = sum(p * c for p, c in counts.items())
        concat = int("".join(str(c) for c in counts.values())) * chosen[2]
        bugs = {"CONCAT_PLACE": concat, "DIGIT_NOT_VALUE": sum(counts.values())}
    else:
        counts = {p: rng.randint(1, 9) for p in places}
        for p in rng.sample(places[1:-1], rng.randint(1, 2)):
            counts[p] = 0
        counts = {p: c for p, c in counts.items() if c}
        answer = sum(p * c for p, c in counts.items())
        bugs = {
            "ZERO_PLACEHOLDER": int("".join(str(c) for c in counts.values())),
            "DIGIT_NOT_VALUE": sum(counts.values()),
        }
    if answer >= 10**digits:
        raise Resample
    prompt = f"Which number has {_count_text(counts)}?"
    return _integer_draft(prompt, answer, {"counts": {str(p): c for p, c in counts.items()}}, bugs)


@family("PLACE-VALUE", objectives=tuple(sorted(_PV_VALUE + _PV_REPRESENT + _PV_PROBLEM)))
def place_value(objective: str, level: int, rng: random.Random) -> Draft:
    """Value of a digit, partitioning (standard and not), place-value problems."""
    year = _year(objective)
    digits, previous = YEAR_DIGITS[year], _PREVIOUS_DIGITS[year]
    if objective in _PV_VALUE:
        if level == 1:
            return _pv_value_of(rng, previous)
        if level == 2:
            return _pv_which_digit(rng, digits)
        if digits == 2:  # 47 = □ + 7, then 47 = 30 + □
            return _pv_partition(rng, 2, zero=False) if level == 3 else _pv_nonstandard(rng, 2)
        if level == 3:
            return _pv_value_of(rng, digits, lowest=100)
        return _pv_partition(rng, digits, zero=True)
    if objective in _PV_REPRESENT:
        if level == 1:
            return _pv_counts(rng, digits, exchange=False)
        if level == 2:
            return _pv_expanded(rng, digits)
        if level == 3:
            return _pv_nonstandard(rng, digits)
        return _pv_counts(rng, digits, exchange=True)
    if year <= 4:
        places = [10**k for k in range(digits - 1, -1, -1)]
        if level == 1:
            if year == 2:  # within 50
                return _pv_bundles(rng, places, exchange=False, top=4)
            return _pv_bundles(rng, places[1:], exchange=False)
        if level == 2:
            return _pv_bundles(rng, places, exchange=False)
        if level == 3:
            return _pv_digit_change(rng, digits)
        return _pv_bundles(rng, places, exchange=True)
    if level in (1, 2):
        return _pv_digit_change(rng, previous if level == 1 else digits)
    return _pv_puzzle(rng, digits, exchange=level == 4)


# --- COMPARE ----------------------------------------------------------------------------------

_SYMBOLS = ("<", ">", "=")
_OPPOSITE = {"<": ">", ">": "<", "=": None}
_RELATION_WORDS = {"<": "less than", ">": "more than", "=": "equal to"}


def _relation(a: int | Fraction | Decimal, b: int | Fraction | Decimal) -> str:
    return "<" if a < b else ">" if a > b else "="


def length_ignored(a: int, b: int) -> str:
    """Compares the digits from the left, as if the numbers had the same length (985 > 1,002)."""
    x, y = str(a), str(b)
    return "<" if x < y else ">" if x > y else "="


def _with_leading(rng: random.Random, digits: int, lead: int) -> int:
    rest = rng.randint(0, 10 ** (digits - 1) - 1) if digits > 1 else 0
    return lead * 10 ** (digits - 1) + rest


def _compare_pair(rng: random.Random, year: int, level: int) -> tuple[int, int]:
    digits, previous = YEAR_DIGITS[year], _PREVIOUS_DIGITS.get(year, 2)
    if level == 1:
        if year <= 2:
            a, b = rng.sample(range(1, 21), 2)
        else:
            a, b = _number(rng, previous), _number(rng, previous)
            if str(a)[0] == str(b)[0]:
                raise Resample
    elif level == 2:  # same length, same leading digit
        lead = rng.randint(1, 9)
        a, b = _with_leading(rng, digits, lead), _with_leading(rng, digits, lead)
        if year == 1:
            a, b = rng.sample(range(10, 51), 2)
    else:  # level 3: different lengths, the shorter one starts with a bigger digit
        small_lead = rng.randint(1, 8)
        a = _with_leading(rng, digits, small_lead)
        b = _with_leading(rng, digits - 1, rng.randint(small_lead + 1, 9))
        if rng.random() < 0.5:
            a, b = b, a
    if a == b:
        raise Resample
    return a, b


def _symbol_draft(
    rng: random.Random, left: str, right: str, answer: str, bugs: dict, params: dict
) -> Draft:
    bugs = {**bugs, "SYMBOL_REVERSED": _OPPOSITE[answer]}
    prompt = f"Which sign goes in the box? {left} {BOX} {right}"
    return _choice_draft(rng, prompt, answer, bugs, params, fillers=_SYMBOLS)


def _compare_expression(rng: random.Random, digits: int) -> Draft:
    """40 + 7 □ 47: one side is a partition, the answer may be =."""
    x = _number(rng, digits)
    terms = _terms(x)
    if len(terms) < 2:
        raise Resample
    if rng.random() < 0.5:
        terms = terms[::-1]
    y = x + rng.choice((-1, 0, 1)) * rng.choice(_places(x))
    answer = _relation(x, y)
    concat = int("".join(str(t) for t in terms))
    left = " + ".join(number_text(t) for t in terms)
    bugs = {"CONCAT_PLACE": _relation(concat, y)}
    return _symbol_draft(rng, left, number_text(y), answer, bugs, {"terms": terms, "right": y})


def _compare_measures(rng: random.Random, level: int) -> Draft:
    """Y2-ME-02: lengths, masses and capacities with <, > and =."""
    if level == 1:  # lengths in cm, different tens
        a, b = (10 * t + rng.randint(0, 9) for t in rng.sample(range(1, 10), 2))
        left, right, answer = f"{a} cm", f"{b} cm", _relation(a, b)
        return _symbol_draft(rng, left, right, answer, {}, {"a": a, "b": b})
    unit = rng.choice(("cm", "kg", "g", "ml", "l", "m"))
    if level == 2:  # same tens digit, or the digits swapped (45 kg, 54 kg)
        a = rng.randint(12, 98)
        b = int(str(a)[::-1]) if rng.random() < 0.5 else a - a % 10 + rng.randint(0, 9)
        if a == b or a % 10 == 0:
            raise Resample
        answer = _relation(a, b)
        return _symbol_draft(rng, f"{a} {unit}", f"{b} {unit}", answer, {}, {"a": a, "b": b})
    if level == 3:  # 20 cm + 25 cm □ 45 cm
        p, q = 5 * rng.randint(2, 10), 5 * rng.randint(2, 10)
        r = p + q + rng.choice((-10, -5, 5, 10))  # "=" is asked at level 4
        left, right = f"{p} {unit} + {q} {unit}", f"{r} {unit}"
        return _symbol_draft(rng, left, right, _relation(p + q, r), {}, {"p": p, "q": q, "r": r})
    small, big, factor = "cm", "m", 100  # no unit conversions in Year 2 beyond 1 m = 100 cm
    whole = rng.randint(1, 4)
    part = whole * factor - 10 * rng.randint(0, 8)  # never more than the whole: 2 m □ 150 cm
    big_text, small_text = f"{whole} {big}", f"{number_text(part)} {small}"
    answer, ignored = _relation(whole * factor, part), _relation(whole, part)
    left, right = big_text, small_text
    if rng.random() < 0.5:
        left, right = small_text, big_text
        answer, ignored = _OPPOSITE[answer] or "=", _OPPOSITE[ignored] or "="
    params = {"whole": whole, "unit": big, "part": part}
    return _symbol_draft(rng, left, right, answer, {"UNIT_IGNORED": ignored}, params)


_COUNTERS = ("stickers", "marbles", "shells", "conkers", "badges")


def _compare_most_least(rng: random.Random) -> Draft:
    """Y1: who has the most (or least)? The one-digit number starts with the biggest digit."""
    names = rng.sample(NAMES, 3)
    small = rng.randint(4, 9)
    others = rng.sample([n for n in range(10, 100) if str(n)[0] < str(small)], 2)
    counts = [small, *others]
    rng.shuffle(counts)
    most = rng.random() < 0.5
    pick = max if most else min
    owner = dict(zip(counts, names, strict=True))
    lex = dict(zip([str(c) for c in counts], names, strict=True))
    things = rng.choice(_COUNTERS)
    listed = ", ".join(f"{n} has {c}" for n, c in zip(names, counts, strict=True))
    prompt = f"{listed} {things}. Who has the {'most' if most else 'least'}?"
    prompt = prompt.replace(f", {names[2]}", f" and {names[2]}")
    bugs = {
        "SYMBOL_REVERSED": owner[(min if most else max)(counts)],
        "LENGTH_IGNORED": lex[pick(lex)],
    }
    params = {"counts": counts, "most": most}
    return _choice_draft(rng, prompt, owner[pick(counts)], bugs, params, tuple(names))


@family(
    "COMPARE",
    objectives=(
        "Y1-NPV-05",
        "Y2-NPV-04",
        "Y2-ME-02",
        "Y3-NPV-04",
        "Y4-NPV-05",
        "Y5-NPV-01",
        "Y6-NPV-01",
    ),
)
def compare(objective: str, level: int, rng: random.Random) -> Draft:
    """<, > or = between two numbers (words in Year 1), later between an expression and a
    number; lengths, masses and capacities for Y2-ME-02."""
    year = _year(objective)
    if objective == "Y2-ME-02":
        return _compare_measures(rng, level)
    if level == 4:
        if year == 1:
            return _compare_most_least(rng)
        return _compare_expression(rng, YEAR_DIGITS[year])
    a, b = _compare_pair(rng, year, level)
    answer = _relation(a, b)
    bugs = {"LENGTH_IGNORED": length_ignored(a, b)}
    params = {"a": a, "b": b}
    if year == 1:
        words = {
            k: _RELATION_WORDS[v]
            for k, v in {**bugs, "SYMBOL_REVERSED": _OPPOSITE[answer]}.items()
            if v
        }
        prompt = f"Which words go in the box? {a} is {BOX} {b}."
        return _choice_draft(
            rng, prompt, _RELATION_WORDS[answer], words, params, tuple(_RELATION_WORDS.values())
        )
    return _symbol_draft(rng, number_text(a), number_text(b), answer, bugs, params)


# --- ORDER ------------------------------------------------------------------------------------

# year -> level -> (how many, digit counts, leading digits shared, LENGTH_IGNORED must show)
_ORDER_NUMBERS: dict[int, dict[int, tuple[int, tuple[int, ...], int, bool]]] = {
    2: {
        1: (3, (1, 2), 0, False),
        2: (3, (2,), 0, False),
        3: (4, (1, 2), 0, True),
        4: (4, (2,), 1, False),
    },
    3: {
        1: (3, (2,), 0, False),
        2: (4, (3,), 0, False),
        3: (4, (3,), 1, False),
        4: (5, (2, 3), 0, True),
    },
    4: {
        1: (4, (3,), 0, False),
        2: (4, (4,), 0, False),
        3: (5, (4,), 2, False),
        4: (5, (3, 4, 5), 0, True),
    },
    5: {
        1: (4, (4,), 0, False),
        2: (4, (5, 6), 0, False),
        3: (5, (6,), 2, False),
        4: (5, (4, 5, 6), 0, True),
    },
    6: {
        1: (4, (6,), 0, False),
        2: (4, (6, 7), 0, False),
        3: (5, (7,), 2, False),
        4: (5, (5, 6, 7), 0, True),
    },
}


def _direction_words(smallest_first: bool, small: str = "smallest", large: str = "largest") -> str:
    return f"{small} first" if smallest_first else f"{large} first"


def _order_numbers(rng: random.Random, year: int, level: int) -> Draft:
    count, lengths, shared, trap = _ORDER_NUMBERS[year][level]
    if year == 2 and level == 1:
        values = rng.sample(range(1, 21), count)
    else:
        lead = _number(rng, shared) if shared else 0
        values = []
        for _ in range(count):
            length = rng.choice(lengths)
            if shared:
                values.append(
                    lead * 10 ** (length - shared) + rng.randint(0, 10 ** (length - shared) - 1)
                )
            else:
                values.append(_number(rng, length))
    if len(set(values)) != count or (len(lengths) > 1 and len({len(str(v)) for v in values}) < 2):
        raise Resample
    ascending = level == 1 or rng.random() < 0.5
    texts = [number_text(v) for v in values]
    correct = _order_by(texts, values, descending=not ascending)
    lex = _order_by(texts, [str(v) for v in values], descending=not ascending)
    if trap and lex == correct:
        raise Resample
    prompt = f"Put these numbers in order, {_direction_words(ascending)}."
    params = {"values": values, "ascending": ascending}
    return _order_draft(rng, prompt, correct, {"LENGTH_IGNORED": lex}, params)


_ROUTINES = (
    ("get up", "eat breakfast", "go to school"),
    ("plant a seed", "water the seed", "pick the flower"),
    ("mix the cake", "bake the cake", "eat the cake"),
    ("put on socks", "put on shoes", "go outside"),
    ("breakfast", "lunch", "dinner"),
)
_DAYS = ("the day before yesterday", "yesterday", "today", "tomorrow", "the day after tomorrow")
_PARTS = ("morning", "afternoon", "evening")


def _order_events(rng: random.Random, level: int) -> Draft:
    """Y1-ME-04: events in time order."""
    earliest = level == 1 or rng.random() < 0.5
    if level == 1:
        events = list(rng.choice(_ROUTINES))
    elif level == 2:
        events = list(rng.choice((_PARTS, _DAYS[1:4])))
    elif level == 3:
        start = rng.randint(0, 1)
        events = list(_DAYS[start : start + 4])
    else:
        days = ("yesterday", "this", "tomorrow")
        slots = sorted(rng.sample(range(9), 4))
        events = [f"{days[s // 3]} {_PARTS[s % 3]}" for s in slots]
    correct = events if earliest else events[::-1]
    prompt = f"Put these in time order, {_direction_words(earliest, 'earliest', 'latest')}."
    return _order_draft(rng, prompt, correct, {}, {"events": events, "earliest": earliest})


# (text, minutes, the number printed in it or None)
_INTERVALS = {
    "minutes": [(f"{m} minutes", m, m) for m in (5, 10, 15, 20, 25, 35, 40, 45, 50, 55)],
    "hours": [("1 hour", 60, 1), ("2 hours", 120, 2), ("3 hours", 180, 3), ("90 minutes", 90, 90)],
    "words": [("half an hour", 30, None), ("quarter of an hour", 15, None)],
    "days": [
        ("1 day", 1440, 1),
        ("20 hours", 1200, 20),
        ("2 days", 2880, 2),
        ("1 week", 10_080, 1),
    ],
}


def _order_intervals(rng: random.Random, level: int) -> Draft:
    """Y2-ME-06: put intervals of time in order."""
    shortest = level <= 2 or rng.random() < 0.5
    pool = _INTERVALS
    if level == 1:
        chosen = rng.sample(pool["minutes"], 3)
    elif level == 2:
        chosen = rng.sample(pool["minutes"], 2) + rng.sample(pool["hours"][:3], 1)
    elif level == 3:
        extra = [rng.choice(pool["words"]), rng.choice(pool["hours"])]
        chosen = [*rng.sample(pool["minutes"], 2), *extra]
    else:
        chosen = [
            rng.choice(pool["days"]),
            rng.choice(pool["hours"]),
            *rng.sample(pool["minutes"], 2),
        ]
    if len({minutes for _, minutes, _ in chosen}) != len(chosen):
        raise Resample
    texts = [t for t, _, _ in chosen]
    correct = _order_by(texts, [m for _, m, _ in chosen], descending=not shortest)
    numbers = [n for _, _, n in chosen]
    ignored = None if None in numbers else _order_by(texts, numbers, descending=not shortest)
    if level in (2, 4) and (ignored is None or ignored == correct):
        raise Resample
    prompt = (
        f"Put these lengths of time in order, {_direction_words(shortest, 'shortest', 'longest')}."
    )
    params = {"intervals": texts, "shortest_first": shortest}
    return _order_draft(rng, prompt, correct, {"UNIT_IGNORED": ignored}, params)


def _decimal(rng: random.Random, whole: int, places: int) -> Decimal:
    tail = rng.randint(1, 10**places - 1)
    if tail % 10 == 0:
        tail += rng.randint(1, 9)
    return whole + Decimal(tail) / 10**places


def _order_decimals(rng: random.Random, level: int) -> Draft:
    """Y5-FR-09: decimals with up to three places."""
    count = {1: 3, 2: 4, 3: 4, 4: 5}[level]
    whole = rng.randint(0, 9 if level < 3 else 5)
    values = []
    for _ in range(count):
        places = {1: 1, 2: 2}.get(level) or rng.randint(1, 3)
        w = whole if level < 4 else rng.choice((whole, whole, rng.randint(0, 9)))
        values.append(_decimal(rng, w, places))
    if len(set(values)) != count or (
        level >= 3 and len({-v.as_tuple().exponent for v in values}) < 2
    ):
        raise Resample
    ascending = level == 1 or rng.random() < 0.5
    texts = [number_text(v) for v in values]
    places_of = [-v.as_tuple().exponent for v in values]
    wholes = [int(v) for v in values]
    tails = [int(str(v).split(".")[1]) for v in values]
    correct = _order_by(texts, values, not ascending)
    longer = _order_by(texts, list(zip(wholes, tails, strict=True)), not ascending)
    shorter = _order_by(
        texts, list(zip(wholes, [-p for p in places_of], values, strict=True)), not ascending
    )
    ignored = _order_by(texts, [v - w for v, w in zip(values, wholes, strict=True)], not ascending)
    bugs = {"LONGER_IS_LARGER": longer, "SHORTER_IS_LARGER": shorter}
    if level == 4:
        bugs["WHOLE_PART_IGNORED"] = ignored if len(set(wholes)) > 1 else None
    if level >= 3 and all(b in (None, correct) for b in bugs.values()):
        raise Resample
    prompt = f"Put these numbers in order, {_direction_words(ascending)}."
    return _order_draft(rng, prompt, correct, bugs, {"values": texts, "ascending": ascending})


def fraction_text(value: Fraction, mixed: bool = False) -> str:
    whole, rest = divmod(value.numerator, value.denominator)
    if mixed and whole and rest:
        return f"{whole} {rest}/{value.denominator}"
    return f"{value.numerator}/{value.denominator}"


def _shown_numerator(text: str) -> int:
    return int(text.split()[-1].split("/")[0])


def _shown_denominator(text: str) -> int:
    return int(text.split("/")[1])


def _order_fractions(rng: random.Random, level: int) -> Draft:
    """Y6-FR-02: fractions, including fractions greater than 1 and mixed numbers."""
    if level == 1:
        values = [Fraction(1, d) for d in rng.sample(range(2, 13), 3)]
        mixed = [False] * 3
    elif level == 2:
        d = rng.randint(3, 9)
        tops = rng.sample([n for n in range(1, 2 * d) if math.gcd(n, d) == 1], 4)
        values = [Fraction(n, d) for n in tops]
        if all(v < 1 for v in values):
            raise Resample
        mixed = [v > 1 and rng.random() < 0.6 for v in values]
        if not any(mixed):
            mixed[max(range(4), key=lambda i: values[i])] = True
    else:
        if level == 3:
            base = rng.randint(2, 5)
            denominators = [base, 2 * base, 4 * base] if base < 5 else [5, 10]
            high = 2
        else:  # any denominators a Year 6 pupil can bring to a common one
            denominators, high = [2, 3, 4, 5, 6, 8, 10, 12], 3
        values: list[Fraction] = []
        while len(values) < 4:
            d = rng.choice(denominators)
            value = Fraction(rng.randint(1, high * d - 1), d)
            if value.denominator == d and all(abs(value - v) >= Fraction(1, 12) for v in values):
                values.append(value)
        if level == 4 and sum(v > 1 for v in values) < 2:
            raise Resample
        mixed = [level == 4 and v > 1 and i % 2 == 0 for i, v in enumerate(values)]
    ascending = level == 1 or rng.random() < 0.5
    texts = [fraction_text(v, m) for v, m in zip(values, mixed, strict=True)]
    correct = _order_by(texts, values, not ascending)
    numerators = _order_by(texts, [_shown_numerator(t) for t in texts], not ascending)
    denominators_order = _order_by(texts, [_shown_denominator(t) for t in texts], not ascending)
    bugs = {"NUMERATOR_ONLY": numerators, "BIGGER_DENOM_BIGGER": denominators_order}
    if level == 2 and numerators in (None, correct):
        raise Resample
    if level >= 3 and all(b in (None, correct) for b in bugs.values()):
        raise Resample
    prompt = f"Put these fractions in order, {_direction_words(ascending)}."
    return _order_draft(rng, prompt, correct, bugs, {"values": texts, "ascending": ascending})


@family(
    "ORDER",
    objectives=(
        "Y1-ME-04",
        "Y2-NPV-04",
        "Y2-ME-06",
        "Y3-NPV-04",
        "Y4-NPV-05",
        "Y5-NPV-01",
        "Y5-FR-09",
        "Y6-NPV-01",
        "Y6-FR-02",
    ),
)
def order(objective: str, level: int, rng: random.Random) -> Draft:
    """Put 3-5 things in order: numbers, events in a day, lengths of time, decimals, fractions."""
    special = {
        "Y1-ME-04": _order_events,
        "Y2-ME-06": _order_intervals,
        "Y5-FR-09": _order_decimals,
        "Y6-FR-02": _order_fractions,
    }
    if objective in special:
        return special[objective](rng, level)
    return _order_numbers(rng, _year(objective), level)


# --- ROUND ------------------------------------------------------------------------------------

# year -> (digit counts, places) for this year's numbers and for level 1 (previous year's)
_ROUND_YEAR = {
    4: (((4,), (10, 100, 1000)), ((3,), (10, 100))),
    5: (((5, 6), (10, 100, 1000, 10_000, 100_000)), ((4,), (10, 100, 1000))),
    6: (((6, 7), (10, 100, 1000, 10_000, 100_000, 1_000_000)), ((6,), (10, 100, 1000, 10_000))),
}
_ROUND_PROBLEMS = ("Y4-NPV-08", "Y5-NPV-05", "Y6-NPV-04")
_ROUND_CONTEXTS = (
    "{n} people watched a football match.",
    "A museum had {n} visitors last year.",
    "A town has {n} people living in it.",
    "A lorry has travelled {n} miles.",
    "A school library has {n} books.",
)


def round_to(n: int, place: int) -> int:
    """Half up, as taught: 3,650 → 3,700 to the nearest 100."""
    return (n + place // 2) // place * place


def _place_text(place: int) -> str:
    return "million" if place == 1_000_000 else number_text(place)


def round_bugs(n: int, place: int) -> dict[str, int | None]:
    correct, down = round_to(n, place), n - n % place
    wider = place * 10
    wrong_place = round_to(n, wider) if wider < 10 ** len(str(n)) else round_to(n, place // 10)
    bridges = correct > down and _digit(n, place) == 9 and n >= wider
    return {
        "ROUND_TRUNCATE": down,
        "ROUND_HALF_DOWN": down if n % place == place // 2 else None,
        "ROUND_DROP_ZEROS": correct // place,
        "ROUND_WRONG_PLACE": wrong_place,
        "ROUND_BRIDGE": n - n % wider if bridges else None,
    }


def _round_reverse(rng: random.Random, places: tuple[int, ...], digits: int) -> Draft:
    """A number rounded to the nearest 100 is 3,700: the smallest (largest) it could be."""
    place = rng.choice([p for p in places if p * 10 <= 10 ** (digits - 1)] or places[:1])
    rounded = _number(rng, digits) // place * place
    if rounded < 2 * place:
        raise Resample
    half = place // 2
    smallest = rng.random() < 0.5
    if smallest:
        answer, bugs = (
            rounded - half,
            {"ROUND_HALF_DOWN": rounded - half + 1, "ROUND_TRUNCATE": rounded},
        )
    else:
        answer = rounded + half - 1
        bugs = {"ROUND_HALF_DOWN": rounded + half, "ROUND_TRUNCATE": rounded + place - 1}
    prompt = (
        f"A whole number rounded to the nearest {_place_text(place)} is {number_text(rounded)}. "
        f"What is the {'smallest' if smallest else 'largest'} number it could be?"
    )
    params = {"rounded": rounded, "place": place, "smallest": smallest}
    return _integer_draft(prompt, answer, params, bugs)


@family(
    "ROUND",
    objectives=("Y4-NPV-07", "Y4-NPV-08", "Y5-NPV-04", "Y5-NPV-05", "Y6-NPV-02", "Y6-NPV-04"),
)
def rounding(objective: str, level: int, rng: random.Random) -> Draft:
    """Round to the nearest 10, 100 ... million: ties at level 3, bridging (9,960 → 10,000) at
    level 4; problem objectives put the number in a context and ask the reverse at level 4."""
    year = _year(objective)
    (digit_counts, places), previous = _ROUND_YEAR[year]
    if level == 1:
        digit_counts, places = previous
    digits = rng.choice(digit_counts)
    if level == 4 and objective in _ROUND_PROBLEMS:
        return _round_reverse(rng, places, digits)
    place = rng.choice([p for p in places if p <= 10 ** (digits - 1)])
    n = _number(rng, digits)
    if level == 3:  # an exact tie: 3,650 to the nearest 100
        n = n - n % place + place // 2
    elif level == 4:  # bridging: 9,960 → 10,000
        n = _set_digit(n, place, 9)
        n = n - n % place + rng.randint(place // 2, place - 1)
    tie, correct = n % place == place // 2, round_to(n, place)
    bridges = correct > n - n % place and _digit(n, place) == 9
    if n % place == 0 or tie != (level == 3) or bridges != (level == 4):
        raise Resample
    if level == 4 and n < place * 10:
        raise Resample
    ask = f"Round {number_text(n)} to the nearest {_place_text(place)}."
    if objective in _ROUND_PROBLEMS:
        context = rng.choice(_ROUND_CONTEXTS).format(n=number_text(n))
        ask = f"{context} Round this number to the nearest {_place_text(place)}."
    return _integer_draft(ask, correct, {"n": n, "place": place}, round_bugs(n, place))


# --- NEGATIVE ---------------------------------------------------------------------------------


def _temp(t: int) -> str:
    return f"{_signed(t)} °C"


def _change_bugs(start: int, change: int) -> dict[str, int | None]:
    result = start + change
    return {
        "NEG_DIRECTION": start - change,
        "NEG_SKIP_ZERO": skip_zero(start, result),
        "NEG_SIGN_DROPPED": -result if result < 0 else None,
    }


def _neg_count(start: int, change: int) -> Draft:
    way = "on" if change > 0 else "back"
    prompt = f"Start at {_signed(start)}. Count {way} {abs(change)}. Which number do you land on?"
    params = {"start": start, "change": change}
    return _integer_draft(prompt, start + change, params, _change_bugs(start, change))


def _neg_less_than(start: int, change: int) -> Draft:
    prompt = f"What number is {abs(change)} less than {_signed(start)}?"
    params = {"start": start, "change": change}
    return _integer_draft(prompt, start + change, params, _change_bugs(start, change))


def _neg_temperature(start: int, change: int) -> Draft:
    way = "rises" if change > 0 else "falls"
    prompt = (
        f"The temperature is {_temp(start)}. It {way} by {abs(change)} degrees. "
        "What is the temperature now?"
    )
    params = {"start": start, "change": change}
    return _integer_draft(prompt, start + change, params, _change_bugs(start, change), unit="°C")


def _neg_lift(start: int, change: int) -> Draft:
    way = "up" if change > 0 else "down"
    prompt = (
        f"Floor 0 is the ground floor. A lift is at floor {_signed(start)}. "
        f"It goes {way} {abs(change)} floors. Which floor is it at now?"
    )
    params = {"start": start, "change": change}
    return _integer_draft(prompt, start + change, params, _change_bugs(start, change))


def _neg_reverse(rng: random.Random, start: int, change: int, setting: str) -> Draft:
    """Where did it start? The pupil must undo the change."""
    end = start + change
    if setting == "count":
        name = rng.choice(NAMES)
        prompt = (
            f"{name} counted back {abs(change)} and landed on {_signed(end)}. "
            f"Which number did {name} start from?"
        )
    elif setting == "lift":
        prompt = (
            f"Floor 0 is the ground floor. A lift went down {abs(change)} floors. "
            f"It is now at floor {_signed(end)}. Which floor did it start at?"
        )
    else:
        prompt = (
            f"The temperature fell by {abs(change)} degrees. It is now {_temp(end)}. "
            "What was the temperature before?"
        )
    bugs = {
        "NEG_DIRECTION": end + change,
        "NEG_SKIP_ZERO": skip_zero(end, start),
        "NEG_SIGN_DROPPED": -start if start < 0 else None,
    }
    unit = "°C" if setting == "temperature" else ""
    return _integer_draft(prompt, start, {"start": start, "change": change}, bugs, unit=unit)


def _neg_two_step(rng: random.Random, start: int, rise: int, fall: int) -> Draft:
    end = start + rise - fall
    if start >= 0 and end >= 0:  # a negative temperature at the start or the end
        raise Resample
    prompt = (
        f"The temperature was {_temp(start)}. It rose by {rise} degrees, then fell by "
        f"{fall} degrees. What is the temperature now?"
    )
    bugs = {
        "NEG_DIRECTION": start - rise + fall,
        "NEG_SIGN_DROPPED": -end if end < 0 else None,
    }
    params = {"start": start, "rise": rise, "fall": fall}
    return _integer_draft(prompt, end, params, bugs, unit="°C")


def interval_bugs(a: int, b: int) -> dict[str, int | None]:
    across = (a < 0) != (b < 0)
    return {
        "NEG_INTERVAL_SUBTRACT": abs(abs(a) - abs(b)) if across else None,
        "NEG_SKIP_ZERO": abs(a - b) - 1 if across else None,
    }


def _neg_difference(rng: random.Random, a: int, b: int, context: bool) -> Draft:
    if context:
        prompt = (
            f"At 6 am the temperature was {_temp(a)}. At noon it was {_temp(b)}. "
            "How many degrees warmer was it at noon?"
        )
    else:
        first, second = (a, b) if rng.random() < 0.5 else (b, a)
        prompt = f"What is the difference between {_signed(first)} and {_signed(second)}?"
    unit = "degrees" if context else ""
    return _integer_draft(prompt, abs(b - a), {"a": a, "b": b}, interval_bugs(a, b), unit=unit)


def _neg_colder_than(rng: random.Random, warm: int, gap: int) -> Draft:
    """It is 13 degrees colder on the hill than in the town, where it is 8 °C."""
    answer = warm - gap
    prompt = (
        f"It is {_temp(warm)} in the town. At the top of the hill it is {gap} degrees colder. "
        "What is the temperature at the top of the hill?"
    )
    bugs = {
        "NEG_SIGN_DROPPED": -answer if answer < 0 else None,
        "NEG_DIRECTION": warm + gap,
        "NEG_SKIP_ZERO": skip_zero(warm, answer),
    }
    return _integer_draft(prompt, answer, {"warm": warm, "gap": gap}, bugs, unit="°C")


def _neg_coldest(rng: random.Random) -> Draft:
    """Which temperature is the coldest? Dropping the signs picks the one nearest zero."""
    temps = rng.sample(range(-20, 0), 2) + rng.sample(range(1, 31), 2)
    nearest = min(temps, key=abs)
    if sum(abs(t) == abs(nearest) for t in temps) > 1 or nearest == min(temps):
        raise Resample
    texts = {t: _temp(t) for t in temps}
    bugs = {"NEG_SIGN_DROPPED": texts[nearest]}
    prompt = "Which temperature is the coldest?"
    return _choice_draft(
        rng, prompt, texts[min(temps)], bugs, {"temps": temps}, tuple(texts.values())
    )


def _crossing_change(
    rng: random.Random, lo_start: int, hi_start: int, lo_end: int, hi_end: int
) -> tuple[int, int]:
    """A start and a change that cross zero (start and end on opposite sides)."""
    start = rng.choice([s for s in range(lo_start, hi_start + 1) if s])
    end = rng.randint(lo_end, -1) if start > 0 else rng.randint(1, hi_end)
    return start, end - start


def _negative_plan(objective: str, level: int, rng: random.Random) -> Draft:
    r = rng
    if objective == "Y4-NPV-03":
        if level == 1:
            start = r.randint(1, 5)
            return _neg_count(start, r.randint(-4, -1) - start)
        if level == 2:
            start = r.randint(3, 12)
            return _neg_count(start, r.randint(-10, -1) - start)
        if level == 3:
            return _neg_less_than(r.randint(-8, -1), -r.randint(2, 9))
        start = r.randint(1, 10)
        return _neg_reverse(r, start, r.randint(-9, -1) - start, "count")
    if objective == "Y4-NPV-08":
        if level == 1:
            start = r.randint(1, 8)
            return _neg_temperature(start, r.randint(-8, -1) - start)
        if level == 2:
            start = r.randint(-9, -1)
            return _neg_temperature(start, r.randint(1, 10) - start)
        if level == 3:
            return _neg_temperature(r.randint(-6, -1), -r.randint(2, 4))
        start, rise = r.randint(-5, 5), r.randint(2, 8)
        fall = r.randint(2, 10)
        if not -10 <= start + rise - fall <= 20 or start + rise - fall == 0:
            raise Resample
        return _neg_two_step(r, start, rise, fall)
    if objective == "Y5-NPV-03":
        if level == 1:
            start = r.randint(-9, -1)
            return _neg_count(start, r.randint(1, 10) - start)
        if level == 2:
            return _neg_coldest(r)
        if level == 3:
            return _neg_temperature(*_crossing_change(r, -20, 30, -20, 30))
        start = r.randint(1, 12)
        return _neg_reverse(r, start, r.randint(-5, -1) - start, "lift")
    if objective == "Y5-NPV-05":
        if level == 1:
            start = r.randint(1, 30)
            return _neg_temperature(start, r.randint(-20, -1) - start)
        if level == 2:
            return _neg_lift(*_crossing_change(r, -5, 10, -5, 10))
        if level == 3:
            return _neg_difference(r, r.randint(-20, -1), r.randint(1, 30), context=True)
        start, rise, fall = r.randint(-10, 10), r.randint(3, 15), r.randint(3, 20)
        if not -20 <= start + rise - fall <= 30 or start + rise - fall == 0:
            raise Resample
        return _neg_two_step(r, start, rise, fall)
    if objective == "Y6-NPV-03":
        if level == 1:
            start, change = _crossing_change(r, -50, 50, -50, 50)
            return _neg_count(start, change)
        if level == 2:
            return _neg_difference(r, r.randint(-20, -1), r.randint(1, 20), context=False)
        if level == 3:
            return _neg_difference(r, r.randint(-100, -1), r.randint(1, 100), context=False)
        warm = r.randint(1, 20)
        return _neg_colder_than(r, warm, warm + r.randint(1, 20))
    # Y6-NPV-04
    if level == 1:
        return _neg_temperature(*_crossing_change(r, -50, 50, -50, 50))
    if level == 2:
        return _neg_difference(r, r.randint(-50, -1), r.randint(1, 50), context=True)
    if level == 3:
        start, rise, fall = r.randint(-30, 30), r.randint(5, 40), r.randint(5, 50)
        if not -50 <= start + rise - fall <= 50 or start + rise - fall == 0:
            raise Resample
        return _neg_two_step(r, start, rise, fall)
    start = r.randint(1, 30)
    return _neg_reverse(r, start, r.randint(-30, -1) - start, "temperature")


@family(
    "NEGATIVE",
    objectives=("Y4-NPV-03", "Y4-NPV-08", "Y5-NPV-03", "Y5-NPV-05", "Y6-NPV-03", "Y6-NPV-04"),
)
def negative(objective: str, level: int, rng: random.Random) -> Draft:
    """Counting through zero, temperature and lift changes, intervals across zero."""
    return _negative_plan(objective, level, rng)


# --- ROMAN ------------------------------------------------------------------------------------

_NUMERALS = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)
_SYMBOL_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def _numeral(n: int, table: tuple[tuple[int, str], ...]) -> str:
    out = []
    for value, text in table:
        count, n = divmod(n, value)
        out.append(text * count)
    return "".join(out)


def roman(n: int) -> str:
    return _numeral(n, _NUMERALS)


def roman_additive(n: int) -> str:
    """No subtraction: 4 → IIII, 9 → VIIII, 40 → XXXX, 90 → LXXXX, 900 → DCCCC."""
    return _numeral(n, tuple(pair for pair in _NUMERALS if len(pair[1]) == 1))


_PAIRS = ("IV", "IX", "XL", "XC", "CD", "CM")


def roman_swapped(n: int) -> str | None:
    """The numeral with one large/small pair the wrong way round, as chosen by a pupil who
    reads every symbol as an addition: 9 → XI, 40 → LX, 11 → IX, 6 → IV (None for 7: VII)."""
    text = roman(n)
    for i in range(len(text) - 1):
        if text[i : i + 2] in _PAIRS:
            return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    for i in range(len(text) - 2, -1, -1):
        pair, after = text[i : i + 2], text[i + 2 : i + 3]
        if pair[::-1] in _PAIRS and after != pair[1] and text[i - 1 : i] != pair[0]:
            return text[:i] + pair[::-1] + text[i + 2 :]
    return None


def roman_sum(text: str) -> int:
    """Every symbol read as an addition: IX → 11, XL → 60."""
    return sum(_SYMBOL_VALUES[c] for c in text)


def _has_subtraction(n: int) -> bool:
    return roman(n) != roman_additive(n)


def _roman_to_number(n: int, clock: bool, year: bool = False) -> Draft:
    text = roman(n)
    if clock:
        prompt = f"A clock has Roman numerals. The hour hand points to {text}. What hour is it?"
    elif year:
        prompt = f"A building has the year {text} carved on it. What year is that?"
    else:
        prompt = f"What number is {text}?"
    bugs = {"ROMAN_SUBTRACTIVE": roman_sum(text)}
    return _integer_draft(prompt, n, {"n": n, "numeral": text}, bugs)


def _number_to_roman(rng: random.Random, n: int, clock: bool) -> Draft:
    if clock:
        prompt = f"A clock has Roman numerals. Which numeral is in the place of the {n}?"
    else:
        prompt = f"Which Roman numeral shows {number_text(n)}?"
    bugs = {"ROMAN_SUBTRACTIVE": roman_swapped(n), "ROMAN_NONSTANDARD": roman_additive(n)}
    near = [m for m in (n + 1, n - 1, n + 10, n - 10, n + 2) if m > 0]
    return _choice_draft(rng, prompt, roman(n), bugs, {"n": n}, tuple(roman(m) for m in near))


@family("ROMAN", objectives=("Y3-ME-04", "Y4-NPV-09", "Y5-NPV-06"))
def roman_numerals(objective: str, level: int, rng: random.Random) -> Draft:
    """Roman numerals to numbers (typed) and numbers to numerals (choice): clock numerals I-XII
    in Year 3, to C in Year 4, to M and years in Year 5."""
    if objective == "Y3-ME-04":
        if level == 4:  # never 4: many clocks show IIII
            return _number_to_roman(rng, rng.choice((6, 9, 11)), clock=True)
        pool = {1: (1, 2, 3, 5, 10), 2: (6, 7, 8, 11, 12), 3: (4, 9)}[level]
        return _roman_to_number(rng.choice(pool), clock=True)
    additive = [n for n in range(13, 101) if not _has_subtraction(n)]
    subtractive = [n for n in range(13, 100) if _has_subtraction(n)]
    if objective == "Y4-NPV-09":
        if level == 1:
            return _roman_to_number(rng.randint(1, 12), clock=False)
        if level == 2:
            return _roman_to_number(rng.choice(additive), clock=False)
        if level == 3:
            return _roman_to_number(rng.choice(subtractive), clock=False)
        return _number_to_roman(rng, rng.choice(subtractive), clock=False)
    if level == 1:
        return _roman_to_number(rng.choice(subtractive), clock=False)
    if level == 2:
        n = rng.randint(101, 1000)
        if _has_subtraction(n):
            raise Resample
        return _roman_to_number(n, clock=False)
    if level == 3:  # CD or CM in it
        return _roman_to_number(100 * rng.choice((4, 9)) + rng.randint(1, 99), clock=False)
    n = rng.randint(1000, 2030)
    if not _has_subtraction(n):
        raise Resample
    return _roman_to_number(n, clock=False, year=True)


# --- NUMLINE-TEXT -----------------------------------------------------------------------------


def _halfway(a: int, b: int) -> Draft:
    answer = (a + b) // 2
    prompt = f"Which number is halfway between {number_text(a)} and {number_text(b)}?"
    bugs = {"ENDPOINT": (b - a) // 2 if a else None}
    return _integer_draft(prompt, answer, {"a": a, "b": b}, bugs)


def _steps_along(start: int, end: int, steps: int, taken: int) -> Draft:
    size = (end - start) // steps
    prompt = (
        f"A number line goes from {number_text(start)} to {number_text(end)} in {steps} "
        f"equal steps. Which number is {taken} steps along from {number_text(start)}?"
    )
    bugs = {
        "OFF_BY_STEP": start + (taken - 1) * size,
        "ENDPOINT": taken * size if start else None,
    }
    params = {"start": start, "end": end, "steps": steps, "taken": taken}
    return _integer_draft(prompt, start + taken * size, params, bugs)


def _fraction_draft(prompt: str, answer: Fraction, params: dict, bugs: dict) -> Draft:
    return Draft(
        prompt=prompt,
        answer=AnswerSpec(kind="fraction", value=canon_fraction(answer), accept_decimal=False),
        params=params,
        bugs={k: canon_fraction(v) for k, v in bugs.items() if v is not None and v > 0},
    )


def _fraction_line(rng: random.Random, level: int) -> Draft:
    """Y3-FR-03: fractions as numbers on a line from 0 to 1."""
    if level in (1, 2):
        parts = rng.randint(3, 10)
        taken = 1 if level == 1 else rng.randint(2, parts - 1)
        prompt = (
            f"A number line from 0 to 1 is split into {parts} equal parts. "
            f"Which fraction is {taken} {'part' if taken == 1 else 'parts'} along from 0?"
        )
        bugs = {
            "ENDPOINT": Fraction(taken, parts + 1),
            "OFF_BY_STEP": Fraction(taken - 1, parts) if taken > 1 else None,
        }
        params = {"parts": parts, "taken": taken}
        return _fraction_draft(prompt, Fraction(taken, parts), params, bugs)
    # level 3: an even number of parts apart (2/8 and 6/8 → 4/8); level 4: an odd number, so
    # the answer needs smaller parts (1/5 and 2/5 → 3/10)
    gap = rng.choice((1, 3)) if level == 4 else rng.choice((2, 4))
    parts = rng.randint(max(2, gap + 1), 5) if level == 4 else rng.randint(gap + 1, 10)
    low = rng.randint(1, parts - gap)
    high = low + gap
    a, b = Fraction(low, parts), Fraction(high, parts)
    end = "1" if high == parts else f"{high}/{parts}"
    prompt = f"Which number is halfway between {low}/{parts} and {end}?"
    bugs = {"ENDPOINT": (b - a) / 2}
    return _fraction_draft(prompt, (a + b) / 2, {"low": low, "high": high, "parts": parts}, bugs)


# objective -> (size of the smallest gap used, largest number on a line, step sizes)
_NUMLINE_RANGES = {
    "Y1-NPV-05": (1, 50, (2, 5, 10)),
    "Y2-NPV-03": (1, 100, (2, 5, 10)),
    "Y3-NPV-05": (10, 1000, (10, 20, 25, 50, 100)),
    "Y4-NPV-06": (100, 10_000, (100, 250, 500, 1000)),
}


def _numline_plan(objective: str, level: int, rng: random.Random) -> Draft:
    if objective == "Y3-FR-03":
        return _fraction_line(rng, level)
    unit, top, step_sizes = _NUMLINE_RANGES[objective]
    if level == 1:
        if objective == "Y1-NPV-05":  # within 20
            a = rng.randint(1, 16)
            return _halfway(a, a + 2 * rng.randint(1, min(5, (20 - a) // 2)))
        a = 10 * unit * rng.randint(1, 8)  # between neighbouring tens, hundreds, thousands
        return _halfway(a, a + 10 * unit)
    if level == 2:
        if objective == "Y1-NPV-05":
            a = 10 * rng.randint(1, 4)
            return _halfway(a, a + 10)
        a = unit * rng.randint(11, 80)
        b = a + 2 * unit * rng.randint(2, 9)
        if b > 100 * unit or (a % (10 * unit) == 0 and b % (10 * unit) == 0):
            raise Resample
        return _halfway(a, b)
    step, steps = rng.choice(step_sizes), rng.choice((4, 5, 10))
    start = 0 if level == 3 else step * rng.randint(1, 5)
    end = start + step * steps
    if end > top:
        raise Resample
    return _steps_along(start, end, steps, rng.randint(2, steps - 1))


@family("NUMLINE-TEXT", objectives=("Y1-NPV-05", "Y2-NPV-03", "Y3-NPV-05", "Y3-FR-03", "Y4-NPV-06"))
def numline_text(objective: str, level: int, rng: random.Random) -> Draft:
    """Number-line reasoning without a picture: halfway between, steps along a line."""
    return _numline_plan(objective, level, rng)
