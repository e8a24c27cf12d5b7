"""Question families for multiplication and division (question-design.md §5.3 and §5.10).

Each family draws one item for ``(objective, level)`` from the ``rng`` it is given. The year of
the objective sets the number ranges (§4.2) and the level the difficulty drivers (§4.1):
carries and exchanges, zeros in the number, the position of the unknown, the number of steps.

Conventions used here:

* Division with a remainder uses the ``remainder`` answer kind with ``params["dividend"]`` and
  ``params["divisor"]``. Forms ``r``, ``fraction`` and ``decimal`` keep the canonical ``q r r``
  value (the marker derives the fraction or decimal from the divisor); a ``context`` item
  ("how many boxes are needed?") wants one whole number, so its value is that integer.
* Long multiplication and long division are answer-only items worth 2 marks.
* Sets (factors, multiples, primes) use the ``set`` kind; ``params["n"]`` is the number whose
  factors are asked for, so the marker can spot ``FACTORS_OMIT_1_N``.
* ``bugs`` maps a misconception label to the canonical answer it predicts; the private helpers
  (``_mul_no_carry`` and friends) compute them and are tested directly.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction

from prof123.assess.items import (
    AnswerSpec,
    Draft,
    Resample,
    canon_decimal,
    canon_integer,
    canon_remainder,
    canon_set,
    family,
    number_text,
    shuffled_options,
)

BOX = "□"

# The tables a year learns (§4.2): Y2 2, 5 and 10; Y3 3, 4 and 8; Y4 all tables to 12 × 12.
TABLES_BY_YEAR = {2: (2, 5, 10), 3: (3, 4, 8), 4: tuple(range(2, 13))}
# The Multiplication Tables Check weights these tables up (as prof123.timestables does).
MTC_HARD_TABLES = (6, 7, 8, 9, 12)
MTC_EASY_TABLES = (2, 5, 10)
MTC_OTHER_TABLES = (3, 4, 11)
# Weights for one MTC-style item: about 3 hard-table items, 2 others and 1-2 easy ones in 25.
MTC_WEIGHTS = (
    {t: 7 for t in MTC_HARD_TABLES}
    | {t: 3 for t in MTC_EASY_TABLES}
    | {t: 4 for t in MTC_OTHER_TABLES}
)
SHORT_DIVISORS_Y3 = (2, 3, 4, 5, 8)
SHORT_DIVISORS_Y6 = (11, 12, 13, 14, 15, 16, 25)
ODD, EVEN = "odd", "even"

NAMES = tuple(
    [
        "Aisha",
        "Ben",
        "Chloe",
        "Dev",
        "Ella",
        "Femi",
        "Grace",
        "Harry",
        "Isla",
        "Jamal",
        "Kai",
        "Leah",
        "Mo",
        "Nina",
        "Oscar",
        "Priya",
        "Ravi",
        "Sofia",
        "Tom",
        "Yusuf",
        "Zara",
        "Mei",
        "Callum",
        "Amir",
    ]
)
# (container, containers, things): equal groups for word problems.
GROUPS = (
    ("bag", "bags", "apples"),
    ("box", "boxes", "pencils"),
    ("pack", "packs", "stickers"),
    ("tray", "trays", "cakes"),
    ("box", "boxes", "eggs"),
    ("tin", "tins", "tennis balls"),
    ("jar", "jars", "sweets"),
    ("bag", "bags", "bread rolls"),
)
# Things shared out, and who they are shared between (plural, one of them).
SHARES = (
    ("sweets", "children", "child"),
    ("stickers", "friends", "friend"),
    ("cards", "players", "player"),
    ("grapes", "children", "child"),
    ("crayons", "pupils", "pupil"),
    ("marbles", "friends", "friend"),
)
# Division in context: round up (containers needed for everything) or down (full ones only).
CONTEXT_ROUND_UP = (
    "{n} children are going on a trip. Each minibus seats {d} children. "
    "How many minibuses are needed?",
    "{n} eggs are packed in boxes of {d}. How many boxes are needed to pack all the eggs?",
    "{n} books are put on shelves. Each shelf holds {d} books. "
    "How many shelves are needed for all the books?",
    "{n} people are going to a party. Each table seats {d} people. "
    "How many tables are needed so that everyone has a seat?",
)
CONTEXT_ROUND_DOWN = (
    "{name} has {n} stickers and puts them into packs of {d}. How many full packs can {name} make?",
    "A baker has {n} eggs. Each batch of cakes needs {d} eggs. "
    "How many batches can the baker make?",
    "A roll has {n} cm of ribbon. Each bow needs {d} cm. How many bows can be made?",
    "{name} has {n} beads. Each bracelet needs {d} beads. How many bracelets can {name} make?",
)


# --- small helpers ----------------------------------------------------------------------------


def _year(objective: str) -> int:
    return int(objective[1])


def _digits(n: int) -> list[int]:
    """The digits of a whole number, ones first."""
    return [int(ch) for ch in reversed(str(n))]


def _ints(bugs: Mapping[str, int | None]) -> dict[str, str]:
    """Integer bug answers in canonical spelling; a bug with no answer (None) is left out."""
    return {label: canon_integer(value) for label, value in bugs.items() if value is not None}


def _distinct(answer: object, *operands: object) -> None:
    """No accidental easy cases: the answer must differ from every operand."""
    if answer in operands:
        raise Resample


def _integer_answer(value: int, unit: str = "", marks: int = 1) -> AnswerSpec:
    return AnswerSpec(kind="integer", value=canon_integer(value), unit=unit, marks=marks)


def _number_answer(value: Decimal | Fraction | int, unit: str = "") -> AnswerSpec:
    """An integer item when the value is whole, else a decimal item."""
    if Fraction(value).denominator == 1:
        return AnswerSpec(kind="integer", value=canon_integer(int(value)), unit=unit)
    return AnswerSpec(kind="decimal", value=canon_decimal(value), unit=unit)


def _choice(
    rng: random.Random,
    prompt: str,
    right: str,
    bugs: Mapping[str, str | None],
    near: Iterable[str] = (),
    params: Mapping[str, object] | None = None,
) -> Draft:
    """A choice item: bug answers first as distractors, then near-misses, shuffled."""
    wrong = [text for text in bugs.values() if text is not None and text != right]
    options = shuffled_options(rng, right, [*wrong, *near])
    kept = {label: text for label, text in bugs.items() if text in options and text != right}
    return Draft(
        prompt=prompt,
        answer=AnswerSpec(kind="choice", value=right, options=options),
        params=dict(params or {}),
        bugs=kept,
    )


def _transposed(n: int) -> int | None:
    """A two-digit number with its digits swapped (56 → 65), when that is a different number."""
    if 10 <= n <= 99 and n % 10 != 0 and n % 10 != n // 10:
        return int(str(n)[::-1])
    return None


def _name(rng: random.Random) -> str:
    return rng.choice(NAMES)


# --- written multiplication: the bugs of §5.3 -------------------------------------------------


def _mul_carries(n: int, m: int) -> int:
    """Carries into an existing column when ``n × m`` is worked by short multiplication."""
    carries, carry = 0, 0
    digits = _digits(n)
    for index, digit in enumerate(digits):
        carry = (digit * m + carry) // 10
        if carry and index < len(digits) - 1:
            carries += 1
    return carries


def _mul_no_carry(n: int, m: int) -> int:
    """MUL_NO_CARRY: writes each column's ones digit and drops the carry (47 × 8 → 326)."""
    digits = _digits(n)
    lower = [str(digit * m % 10) for digit in digits[:-1]]
    return int(str(digits[-1] * m) + "".join(reversed(lower)))


def _mul_carry_before_multiply(n: int, m: int) -> int:
    """MUL_CARRY_BEFORE_MULTIPLY: adds the carry to the digit, then multiplies (47 × 8 → 726)."""
    digits = _digits(n)
    written, carry = [], 0
    for index, digit in enumerate(digits):
        column = (digit + carry) * m
        if index == len(digits) - 1:
            written.append(str(column))
        else:
            written.append(str(column % 10))
            carry = column // 10
    return int("".join(reversed(written)))


def _mul_ones_only(n: int, m: int) -> int:
    """MUL_ONES_ONLY: multiplies the ones and keeps the other digits as they are (23 × 3 → 29)."""
    return n - n % 10 + (n % 10) * m


def _add_no_carry(x: int, y: int) -> int:
    """ADD_NO_CARRY: column addition writing only each column's ones digit (48 + 37 → 75);
    the leftmost column is written in full."""
    xs, ys = _digits(x), _digits(y)
    width = max(len(xs), len(ys))
    written = []
    for index in range(width):
        column = (xs[index] if index < len(xs) else 0) + (ys[index] if index < len(ys) else 0)
        written.append(str(column) if index == width - 1 else str(column % 10))
    return int("".join(reversed(written)))


def _longmul_no_placeholder(a: int, b: int) -> int:
    """LONGMUL_NO_PLACEHOLDER: the tens row is not multiplied by 10 (71 × 46 → 71×4 + 71×6)."""
    return a * (b % 10) + a * (b // 10)


def _longmul_one_row(a: int, b: int) -> int:
    """LONGMUL_ONE_ROW: only the ones row is worked (71 × 46 → 426)."""
    return a * (b % 10)


# --- division ---------------------------------------------------------------------------------


def _div_exchanges(dividend: int, divisor: int) -> int:
    """Remainders carried to the next digit when ``dividend ÷ divisor`` is worked by short
    division (a leading digit smaller than the divisor counts)."""
    exchanges, remainder = 0, 0
    text = str(dividend)
    for index, ch in enumerate(text):
        remainder = (remainder * 10 + int(ch)) % divisor
        if remainder and index < len(text) - 1:
            exchanges += 1
    return exchanges


def _div_digitwise(dividend: int, divisor: int) -> int:
    """DIV_DIGITWISE: divides each digit on its own and ignores what is left (72 ÷ 3 → 20)."""
    return int("".join(str(int(ch) // divisor) for ch in str(dividend)))


def _quotient_zero_dropped(quotient: int) -> int | None:
    """QUOTIENT_ZERO_DROPPED: the zeros of the quotient left out (103 → 13)."""
    if "0" not in str(quotient):
        return None
    return int(str(quotient).replace("0", ""))


def _remainder_as_decimal(quotient: int, remainder: int) -> str:
    """REMAINDER_AS_DECIMAL: the remainder written after a decimal point (23 r 4 → 23.4)."""
    return canon_decimal(f"{quotient}.{remainder}")


def _remainder_draft(
    prompt: str, dividend: int, divisor: int, form: str = "r", marks: int = 1
) -> Draft:
    quotient, remainder = divmod(dividend, divisor)
    bugs = {"REMAINDER_AS_DECIMAL": _remainder_as_decimal(quotient, remainder)}
    dropped = _quotient_zero_dropped(quotient)
    if dropped is not None:
        bugs["QUOTIENT_ZERO_DROPPED"] = canon_remainder(dropped, remainder)
    return Draft(
        prompt=prompt,
        answer=AnswerSpec(
            kind="remainder", value=canon_remainder(quotient, remainder), form=form, marks=marks
        ),
        params={"dividend": dividend, "divisor": divisor},
        bugs=bugs,
    )


def _context_draft(rng: random.Random, dividend: int, divisor: int, marks: int = 1) -> Draft:
    """A division whose remainder must be interpreted: round up or down as the story needs."""
    quotient, remainder = divmod(dividend, divisor)
    if remainder == 0:
        raise Resample
    up = rng.choice((True, False))
    template = rng.choice(CONTEXT_ROUND_UP if up else CONTEXT_ROUND_DOWN)
    prompt = template.format(n=number_text(dividend), d=number_text(divisor), name=_name(rng))
    answer, wrong = (quotient + 1, quotient) if up else (quotient, quotient + 1)
    bugs = {"REMAINDER_CONTEXT": wrong}
    dropped = _quotient_zero_dropped(answer)
    if dropped is not None:
        bugs["QUOTIENT_ZERO_DROPPED"] = dropped
    return Draft(
        prompt=prompt,
        answer=AnswerSpec(
            kind="remainder", value=canon_integer(answer), form="context", marks=marks
        ),
        params={"dividend": dividend, "divisor": divisor, "round": "up" if up else "down"},
        bugs=_ints(bugs),
    )


# --- number facts -----------------------------------------------------------------------------


def _factors(n: int) -> list[int]:
    return [d for d in range(1, n + 1) if n % d == 0]


def _is_prime(n: int) -> bool:
    return n >= 2 and all(n % d for d in range(2, math.isqrt(n) + 1))


def _prime_factors(n: int) -> list[int]:
    return [p for p in _factors(n) if _is_prime(p)]


def _square(n: int) -> bool:
    return math.isqrt(n) ** 2 == n


def _odd_composite(n: int) -> bool:
    return n > 1 and n % 2 == 1 and not _is_prime(n)


def _equation(left: str, right: str, unknown_first: bool = False) -> str:
    return f"{right} = {left}" if unknown_first else f"{left} = {right}"


# --- TABLES -----------------------------------------------------------------------------------


def _product_bugs(table: int, other: int) -> dict[str, str]:
    return _ints(
        {
            "TABLE_ADJACENT": table * (other + 1),
            "ADD_FOR_MULT": table + other,
            "DIGIT_TRANSPOSED": _transposed(table * other),
        }
    )


@family("TABLES", objectives=("Y2-MD-01", "Y2-MD-02", "Y3-MD-01", "Y4-MD-01"))
def tables(objective: str, level: int, rng: random.Random) -> Draft:
    """Table facts: L1 × with a small second factor, L2 × either way round, L3 ÷ by the
    table, L4 ÷ by the other factor (the fact used backwards). Y2-MD-02 writes the box first."""
    year = _year(objective)
    pool = MTC_HARD_TABLES if year == 4 and level == 4 else TABLES_BY_YEAR[year]
    table = rng.choice(pool)
    low = 6 if year == 4 and level == 4 else 3 if level == 4 else 2
    other = rng.randint(2, 5) if level == 1 else rng.randint(low, 12)
    box_first = objective == "Y2-MD-02"
    product = table * other
    params = {"table": table, "a": table, "b": other}
    if level <= 2:
        swap = level == 2 and rng.choice((True, False))
        left = (
            f"{number_text(other)} × {number_text(table)}"
            if swap
            else (f"{number_text(table)} × {number_text(other)}")
        )
        return Draft(
            prompt=_equation(left, BOX, box_first),
            answer=_integer_answer(product),
            params=params,
            bugs=_product_bugs(table, other),
        )
    divisor, quotient = (table, other) if level == 3 else (other, table)
    _distinct(quotient, divisor)
    return Draft(
        prompt=_equation(f"{number_text(product)} ÷ {number_text(divisor)}", BOX, box_first),
        answer=_integer_answer(quotient),
        params=params | {"dividend": product, "divisor": divisor},
        bugs=_ints({"TABLE_ADJACENT": quotient + 1, "DIV_AS_SUB": product - divisor}),
    )


# --- ODD-EVEN ---------------------------------------------------------------------------------


def _parity(n: int) -> str:
    return EVEN if n % 2 == 0 else ODD


def _tens_parity(n: int) -> str:
    """ODD_EVEN_TENS_DIGIT: judges odd or even by the tens digit."""
    return _parity(n // 10 % 10)


@family("ODD-EVEN", objectives=("Y2-MD-01",))
def odd_even(objective: str, level: int, rng: random.Random) -> Draft:
    """L1-L2 "Is 37 odd or even?" (to 30, then to 99); L3 pick the even (or odd) number of
    four; L4 write every even (or odd) number from a list. The tens digit always disagrees
    somewhere, so judging by it shows."""
    if level <= 2:
        n = rng.randint(11, 30) if level == 1 else rng.randint(31, 99)
        if _tens_parity(n) == _parity(n):
            raise Resample
        return Draft(
            prompt=f"Is {number_text(n)} odd or even?",
            answer=AnswerSpec(kind="choice", value=_parity(n), options=(ODD, EVEN)),
            params={"n": n},
            bugs={"ODD_EVEN_TENS_DIGIT": _tens_parity(n)},
        )
    wanted = rng.choice((EVEN, ODD))
    if level == 3:
        # Right: the wanted parity with the other parity in the tens. Trap: the other parity
        # with the wanted parity in the tens. Two more: the other parity all through.
        numbers = [_two_digit(rng, wanted, _flip(wanted))]
        trap = _two_digit(rng, _flip(wanted), wanted)
        fillers = [_two_digit(rng, _flip(wanted), _flip(wanted)) for _ in range(2)]
        if len({numbers[0], trap, *fillers}) < 4:
            raise Resample
        return _choice(
            rng,
            f"Which of these numbers is {wanted}?",
            number_text(numbers[0]),
            {"ODD_EVEN_TENS_DIGIT": number_text(trap)},
            near=[number_text(f) for f in fillers],
            params={"wanted": wanted},
        )
    numbers = sorted(rng.sample(range(10, 100), 5))
    right = [n for n in numbers if _parity(n) == wanted]
    by_tens = [n for n in numbers if _tens_parity(n) == wanted]
    if not 2 <= len(right) <= 3 or not by_tens or set(by_tens) == set(right):
        raise Resample
    rng.shuffle(numbers)
    listed = ", ".join(number_text(n) for n in numbers)
    return Draft(
        prompt=f"Write all the {wanted} numbers in this list: {listed}",
        answer=AnswerSpec(kind="set", value=canon_set(right)),
        params={"numbers": numbers, "wanted": wanted},
        bugs={"ODD_EVEN_TENS_DIGIT": canon_set(by_tens)},
    )


def _flip(parity: str) -> str:
    return ODD if parity == EVEN else EVEN


def _two_digit(rng: random.Random, ones: str, tens: str) -> int:
    """A two-digit number whose ones and tens digits have the given parities."""
    tens_digit = rng.choice([d for d in range(1, 10) if _parity(d) == tens])
    ones_digit = rng.choice([d for d in range(10) if _parity(d) == ones])
    return tens_digit * 10 + ones_digit


# --- MISSING-MD -------------------------------------------------------------------------------


def _missing_factor(a: int, product: int, box_first: bool, equals_first: bool = False) -> Draft:
    """``a × □ = product`` (or ``□ × a``); the answer is ``product ÷ a``."""
    answer = product // a
    left = f"{BOX} × {number_text(a)}" if box_first else f"{number_text(a)} × {BOX}"
    return Draft(
        prompt=_equation(left, number_text(product), equals_first),
        answer=_integer_answer(answer),
        params={"a": a, "product": product},
        bugs=_ints({"MISSING_OPERATE_ON_GIVEN": a * product, "DIV_AS_SUB": product - a}),
    )


def _missing_divisor(dividend: int, quotient: int) -> Draft:
    """``dividend ÷ □ = quotient``."""
    return Draft(
        prompt=f"{number_text(dividend)} ÷ {BOX} = {number_text(quotient)}",
        answer=_integer_answer(dividend // quotient),
        params={"dividend": dividend, "quotient": quotient},
        bugs=_ints(
            {"MISSING_OPERATE_ON_GIVEN": dividend * quotient, "DIV_AS_SUB": dividend - quotient}
        ),
    )


def _missing_dividend(divisor: int, quotient: int, equals_first: bool = False) -> Draft:
    """``□ ÷ divisor = quotient``."""
    given = quotient // divisor if quotient % divisor == 0 else None
    return Draft(
        prompt=_equation(f"{BOX} ÷ {number_text(divisor)}", number_text(quotient), equals_first),
        answer=_integer_answer(divisor * quotient),
        params={"divisor": divisor, "quotient": quotient},
        bugs=_ints({"ADD_FOR_MULT": divisor + quotient, "MISSING_OPERATE_ON_GIVEN": given}),
    )


def _equals_both_sides(a: int, b: int, c: int) -> Draft:
    """``a × b = c × □``: both sides are products (factor pairs, the meaning of =)."""
    product = a * b
    if product % c:
        raise Resample
    answer = product // c
    _distinct(answer, 1, a, b, c)
    return Draft(
        prompt=f"{number_text(a)} × {number_text(b)} = {number_text(c)} × {BOX}",
        answer=_integer_answer(answer),
        params={"a": a, "b": b, "c": c},
        bugs=_ints({"EQUALS_AS_ANSWER_NEXT": product, "MISSING_OPERATE_ON_GIVEN": product * c}),
    )


@family("MISSING-MD", objectives=("Y2-MD-02", "Y3-MD-02", "Y3-MD-03", "Y5-MD-10", "Y6-CALC-08"))
def missing_md(objective: str, level: int, rng: random.Random) -> Draft:
    """Missing numbers in × and ÷ statements; the box moves left and = moves to the middle as
    the level rises. Y5 tests the meaning of = (3 × 8 = □ + 4); Y6 mixes in decimals."""
    if objective in ("Y2-MD-02", "Y3-MD-02", "Y3-MD-03"):
        return _missing_tables(objective, level, rng)
    if objective == "Y5-MD-10":
        return _missing_equals(level, rng)
    return _missing_y6(level, rng)


def _missing_tables(objective: str, level: int, rng: random.Random) -> Draft:
    if objective == "Y2-MD-02":
        table = rng.choice(TABLES_BY_YEAR[2])
    elif objective == "Y3-MD-02":
        table = rng.choice(TABLES_BY_YEAR[3])
    else:
        table = rng.choice((2, 3, 4, 5, 8, 10))
    other = rng.randint(2, 12)
    _distinct(other, table)
    product = table * other
    if level == 1:
        return _missing_factor(table, product, box_first=False)
    if objective == "Y2-MD-02":
        if level == 2:
            return _missing_factor(table, product, box_first=True)
        if level == 3:
            return _missing_divisor(product, other)
        return _missing_dividend(table, other, equals_first=True)
    if objective == "Y3-MD-02":
        if level == 2:
            return _missing_dividend(table, other)
        # Two-digit × one-digit: the box is a two-digit number.
        m = rng.choice(SHORT_DIVISORS_Y3)
        unknown = rng.randint(12, 49 if level == 4 else 99 // m)
        if unknown < 12 or unknown % 10 == 0:
            raise Resample
        if level == 3:
            return _missing_factor(m, unknown * m, box_first=True)
        return _missing_factor(m, unknown * m, box_first=False, equals_first=True)
    if level == 2:
        return _missing_divisor(product, other)
    if level == 3:
        name = _name(rng)
        draft = _missing_factor(table, product, box_first=True)
        prompt = (
            f"{name} thinks of a number and multiplies it by {number_text(table)}. "
            f"The answer is {number_text(product)}. What number did {name} think of?"
        )
        return Draft(prompt=prompt, answer=draft.answer, params=draft.params, bugs=draft.bugs)
    a, b = rng.randint(2, 10), rng.randint(2, 10)
    c = rng.choice([f for f in _factors(a * b) if 2 <= f <= 12])
    return _equals_both_sides(a, b, c)


def _missing_equals(level: int, rng: random.Random) -> Draft:
    """Y5-MD-10: the equals sign balances two calculations."""
    a, b = rng.randint(3, 12), rng.randint(3, 12)
    product = a * b
    params: dict[str, object] = {"a": a, "b": b}
    if level == 1:
        c = rng.randint(2, product - 3)
        answer = product - c
        _distinct(answer, a, b, c)
        return Draft(
            prompt=f"{number_text(a)} × {number_text(b)} = {BOX} + {number_text(c)}",
            answer=_integer_answer(answer),
            params=params | {"c": c},
            bugs=_ints({"EQUALS_AS_ANSWER_NEXT": product, "MISSING_OPERATE_ON_GIVEN": product + c}),
        )
    if level == 2:
        c = rng.randint(2, 30)
        return Draft(
            prompt=f"{number_text(a)} × {number_text(b)} = {BOX} − {number_text(c)}",
            answer=_integer_answer(product + c),
            params=params | {"c": c},
            bugs=_ints({"EQUALS_AS_ANSWER_NEXT": product, "MISSING_OPERATE_ON_GIVEN": product - c}),
        )
    if level == 3:
        c = rng.choice([f for f in _factors(product) if 2 <= f <= 12] or [0])
        if not c:
            raise Resample
        return _equals_both_sides(a, b, c)
    # □ × d = a × b − c: unknown first, two operations on the other side.
    d = rng.randint(3, 9)
    c = rng.randint(2, 20)
    total = product - c
    if total <= d or total % d:
        raise Resample
    answer = total // d
    _distinct(answer, a, b, c, d)
    return Draft(
        prompt=f"{BOX} × {number_text(d)} = {number_text(a)} × {number_text(b)} − {number_text(c)}",
        answer=_integer_answer(answer),
        params=params | {"c": c, "d": d},
        bugs=_ints({"EQUALS_AS_ANSWER_NEXT": total, "MISSING_OPERATE_ON_GIVEN": total * d}),
    )


def _missing_y6(level: int, rng: random.Random) -> Draft:
    """Y6-CALC-08: larger numbers, mixed operations and decimal answers."""
    if level == 1:
        m = rng.randint(6, 12)
        unknown = rng.randint(13, 99)
        if unknown % 10 == 0:
            raise Resample
        return _missing_factor(m, unknown * m, box_first=True)
    if level == 2:
        a = rng.randint(3, 9)
        b, c = rng.randint(11, 60), rng.randint(11, 39)
        total = b + c
        given = total // a if total % a == 0 else None
        return Draft(
            prompt=f"{BOX} ÷ {number_text(a)} = {number_text(b)} + {number_text(c)}",
            answer=_integer_answer(a * total),
            params={"a": a, "b": b, "c": c},
            bugs=_ints({"ONE_STEP_ONLY": total, "MISSING_OPERATE_ON_GIVEN": given}),
        )
    if level == 3:
        # 70 ÷ □ = 3.5: the answer is a whole number, the quotient has a half.
        divisor = rng.choice((4, 6, 8, 12, 14, 16, 18, 20))
        quotient = Fraction(2 * rng.randint(2, 9) + 1, 2)
        dividend = int(divisor * quotient)
        _distinct(divisor, dividend)
        return Draft(
            prompt=f"{number_text(dividend)} ÷ {BOX} = {number_text(quotient)}",
            answer=_integer_answer(divisor),
            params={"dividend": dividend, "quotient": canon_decimal(quotient)},
            bugs={"MISSING_OPERATE_ON_GIVEN": canon_decimal(dividend * quotient)},
        )
    # □ × 8 = 36: a decimal answer; writing the remainder after the point is the trap.
    d = rng.choice((2, 4, 5, 8))
    whole = rng.randint(3, 12)
    steps = {2: (1,), 4: (1, 2, 3), 5: (1, 2, 3, 4), 8: (2, 4, 6)}[d]
    part = Fraction(rng.choice(steps), d)
    answer = whole + part
    product = int(answer * d)
    quotient, remainder = divmod(product, d)
    return Draft(
        prompt=f"{BOX} × {number_text(d)} = {number_text(product)}",
        answer=AnswerSpec(kind="decimal", value=canon_decimal(answer)),
        params={"a": d, "product": product},
        bugs={
            "REMAINDER_AS_DECIMAL": _remainder_as_decimal(quotient, remainder),
            "MISSING_OPERATE_ON_GIVEN": canon_integer(d * product),
        },
    )


# --- MENTAL-MD --------------------------------------------------------------------------------


@family("MENTAL-MD", objectives=("Y4-MD-02", "Y4-MD-03", "Y4-MD-05", "Y5-MD-05", "Y6-CALC-04"))
def mental_md(objective: str, level: int, rng: random.Random) -> Draft:
    """Mental × and ÷ from known facts: × 0, ÷ 1, three factors and multiples of 10 (Y4-MD-02),
    commutativity and factor pairs (Y4-MD-03), the distributive law (Y4-MD-05), multiples of
    10 and 100 (Y5-MD-05), large numbers and mixed operations (Y6-CALC-04)."""
    draw = {
        "Y4-MD-02": _mental_y4_facts,
        "Y4-MD-03": _mental_y4_pairs,
        "Y4-MD-05": _mental_y4_distributive,
        "Y5-MD-05": _mental_y5,
        "Y6-CALC-04": _mental_y6,
    }[objective]
    return draw(level, rng)


def _zero_count(answer: int) -> int:
    """ZERO_COUNT: one zero too few (50 × 70 → 350)."""
    return answer // 10


def _times(a: int, b: int, answer: int, **extra: int | None) -> Draft:
    return Draft(
        prompt=f"{number_text(a)} × {number_text(b)} = {BOX}",
        answer=_integer_answer(answer),
        params={"a": a, "b": b},
        bugs=_ints({"ZERO_COUNT": _zero_count(answer), **extra}),
    )


def _divide(a: int, b: int, **extra: int | None) -> Draft:
    answer = a // b
    return Draft(
        prompt=f"{number_text(a)} ÷ {number_text(b)} = {BOX}",
        answer=_integer_answer(answer),
        params={"a": a, "b": b},
        bugs=_ints({"ZERO_COUNT": _zero_count(answer), **extra}),
    )


def _mental_y4_facts(level: int, rng: random.Random) -> Draft:
    if level == 1:
        n = rng.randint(101, 999)
        if rng.choice((True, False)):
            return Draft(
                prompt=f"{number_text(n)} × 0 = {BOX}",
                answer=_integer_answer(0),
                params={"a": n, "b": 0},
                bugs=_ints({"TIMES_ZERO_IS_N": n}),
            )
        return Draft(
            prompt=f"{number_text(n)} ÷ 1 = {BOX}",
            answer=_integer_answer(n),
            params={"a": n, "b": 1},
            bugs=_ints({"DIV_BY_ONE_IS_ONE": 1}),
        )
    if level == 2:
        tens, m = rng.randint(2, 9) * 10, rng.randint(2, 9)
        a, b = (tens, m) if rng.choice((True, False)) else (m, tens)
        return _times(a, b, tens * m)
    if level == 3:
        a, b, c = (rng.randint(2, 9) for _ in range(3))
        if a * b * c > 200 or len({a, b, c}) < 2:
            raise Resample
        return Draft(
            prompt=f"{a} × {b} × {c} = {BOX}",
            answer=_integer_answer(a * b * c),
            params={"a": a, "b": b, "c": c},
            bugs=_ints({"ADD_FOR_MULT": a + b + c}),
        )
    d, q = rng.randint(3, 12), rng.randint(2, 12)
    return _divide(d * q * 10, d)


def _mental_y4_pairs(level: int, rng: random.Random) -> Draft:
    if level == 1:
        a, b = rng.sample(range(3, 13), 2)
        return Draft(
            prompt=f"{a} × {b} = {b} × {BOX}",
            answer=_integer_answer(a),
            params={"a": a, "b": b},
            bugs=_ints({"EQUALS_AS_ANSWER_NEXT": a * b}),
        )
    if level == 2:
        # The pair that makes 10 or 100 is split around a third factor: 4 × 17 × 25.
        pair = rng.choice(((2, 5), (5, 2), (4, 25), (25, 4), (20, 5), (5, 20), (50, 2), (2, 50)))
        k = rng.randint(11, 49)
        if k % 10 == 0:
            raise Resample
        pair_product = pair[0] * pair[1]
        answer = pair[0] * k * pair[1]
        return Draft(
            prompt=f"{pair[0]} × {k} × {pair[1]} = {BOX}",
            answer=_integer_answer(answer),
            params={"a": pair[0], "b": k, "c": pair[1]},
            bugs=_ints(
                {"ADD_FOR_MULT": pair[0] + k + pair[1], "ZERO_COUNT": k * pair_product // 10}
            ),
        )
    if level == 3:
        # Halve one factor, double the other: 12 × 15 = 6 × □.
        a, b = 2 * rng.randint(3, 12), rng.randint(6, 25)
        return _equals_both_sides(a, b, a // 2)
    k = rng.choice((3, 4))
    a, b = rng.randint(3, 9), k * rng.randint(3, 12)
    return _equals_both_sides(a, b, a * k)


def _mental_y4_distributive(level: int, rng: random.Random) -> Draft:
    m = rng.randint(3, 9)
    tens, ones = rng.randint(1, 9), rng.randint(2, 9)
    n = 10 * tens + ones
    params = {"a": m, "b": n}
    if level == 1:
        return Draft(
            prompt=(f"{m} × {n} = {m} × {10 * tens} + {m} × {BOX}"),
            answer=_integer_answer(ones),
            params=params,
            bugs=_ints({"EQUALS_AS_ANSWER_NEXT": m * n}),
        )
    if level == 2:
        return Draft(
            prompt=f"{m} × {10 * tens} + {m} × {ones} = {BOX}",
            answer=_integer_answer(m * n),
            params=params,
            bugs=_ints({"ONE_STEP_ONLY": m * 10 * tens}),
        )
    if level == 3:
        if m * ones < 10:
            raise Resample
        return Draft(
            prompt=f"{m} × {n} = {number_text(m * 10 * tens)} + {BOX}",
            answer=_integer_answer(m * ones),
            params=params,
            bugs=_ints({"EQUALS_AS_ANSWER_NEXT": m * n}),
        )
    # 6 × 27 + 4 × 27: the two multipliers make 10.
    first = rng.randint(2, 8)
    second = 10 - first
    return Draft(
        prompt=f"{first} × {n} + {second} × {n} = {BOX}",
        answer=_integer_answer(10 * n),
        params={"a": first, "b": n, "c": second},
        bugs=_ints({"ONE_STEP_ONLY": first * n}),
    )


def _mental_y5(level: int, rng: random.Random) -> Draft:
    a, b = rng.randint(2, 9), rng.randint(2, 9)
    if level == 1:
        return _times(10 * a, b, 10 * a * b)
    if level == 2:
        if a * b % 10 == 0:
            raise Resample
        return _times(10 * a, 10 * b, 100 * a * b)
    if level == 3:
        b = rng.randint(3, 9)
        return _divide(100 * a * b, b)
    # 50 × 400: the fact itself ends in zero.
    a, b = rng.choice((5, 5, 2, 4, 6, 8)), rng.choice((2, 4, 6, 8, 5))
    if a * b % 10:
        raise Resample
    return _times(10 * a, 100 * b, 1000 * a * b)


def _mental_y6(level: int, rng: random.Random) -> Draft:
    if level == 1:
        x = rng.choice((12, 15, 25, 35, 45, 75, 125, 250))
        n = x * 10 ** rng.randint(1, 2)
        m = rng.randint(2, 9)
        return _times(n, m, n * m)
    if level == 2:
        d, q = rng.randint(3, 12), rng.randint(2, 12)
        q *= 10 ** rng.randint(2, 3)
        return _divide(d * q, d)
    if level == 3:
        # 5,000 − 300 × 6: mental, with the multiplication done first.
        b, c = 100 * rng.randint(2, 9), rng.randint(2, 9)
        total = 1000 * rng.randint(2, 9)
        if b * c >= total:
            raise Resample
        return Draft(
            prompt=f"{number_text(total)} − {number_text(b)} × {c} = {BOX}",
            answer=_integer_answer(total - b * c),
            params={"a": total, "b": b, "c": c},
            bugs=_ints({"LEFT_TO_RIGHT": (total - b) * c, "ONE_STEP_ONLY": b * c}),
        )
    a, b = rng.randint(2, 9), rng.randint(2, 9)
    if rng.choice((True, False)):
        return _times(100 * a, 100 * b, 10_000 * a * b)
    # 36,000 ÷ 90
    return _divide(1000 * a * b, 10 * b)


# --- MUL-SHORT --------------------------------------------------------------------------------


def _short_mul_draft(n: int, m: int, box_first: bool = False) -> Draft:
    left = (
        f"{number_text(m)} × {number_text(n)}"
        if box_first
        else (f"{number_text(n)} × {number_text(m)}")
    )
    return Draft(
        prompt=_equation(left, BOX, box_first),
        answer=_integer_answer(n * m),
        params={"a": n, "b": m},
        bugs=_ints(
            {
                "MUL_NO_CARRY": _mul_no_carry(n, m),
                "MUL_CARRY_BEFORE_MULTIPLY": _mul_carry_before_multiply(n, m),
                "MUL_ONES_ONLY": _mul_ones_only(n, m),
            }
        ),
    )


def _no_zero_digits(n: int) -> bool:
    return "0" not in str(n)


@family("MUL-SHORT", objectives=("Y3-MD-02", "Y4-MD-04", "Y5-MD-04"))
def mul_short(objective: str, level: int, rng: random.Random) -> Draft:
    """Short multiplication by a one-digit number. Y3 2-digit × 2, 3, 4, 5, 8; Y4 2-/3-digit;
    Y5 4-digit. The number of carries (and a zero digit at L4) sets the level."""
    year = _year(objective)
    if year == 3:
        m = rng.choice(SHORT_DIVISORS_Y3 if level < 4 else (4, 5, 8))
        ones_carry, three_digits = {1: (False, False), 2: (True, False)}.get(level, (True, True))
        ones = rng.choice([d for d in range(1, 10) if (d * m >= 10) == ones_carry])
        tens_options = [t for t in range(1, 10) if ((10 * t + ones) * m >= 100) == three_digits]
        if not tens_options:
            raise Resample
        n = 10 * rng.choice(tens_options) + ones
        return _short_mul_draft(n, m, box_first=level == 4)
    m = rng.randint(2, 9) if year == 4 else rng.randint(3, 9)
    if year == 4:
        digits, carries = {1: (2, (1,)), 2: (3, (1,)), 3: (3, (2,)), 4: (3, (1, 2))}[level]
    else:
        digits, carries = {1: (3, (2,)), 2: (4, (1, 2)), 3: (4, (3,)), 4: (4, (2, 3))}[level]
    n = _number_from_digits(rng, digits, zero_inside=level == 4)
    if _mul_carries(n, m) not in carries or (year == 4 and level == 1 and n * m < 100):
        raise Resample
    return _short_mul_draft(n, m)


def _number_from_digits(rng: random.Random, count: int, zero_inside: bool = False) -> int:
    """A ``count``-digit number with no zero digits, or with one zero strictly inside."""
    digits = [rng.randint(1, 9) for _ in range(count)]
    if zero_inside:
        digits[rng.randint(1, count - 2)] = 0
    return int("".join(str(d) for d in digits))


# --- MUL-LONG ---------------------------------------------------------------------------------


def _two_digit_multiplier(rng: random.Random, low: int, high: int = 99) -> int:
    while True:
        b = rng.randint(low, high)
        if b % 10 >= 2:
            return b


@family("MUL-LONG", objectives=("Y5-MD-04", "Y6-CALC-01"))
def mul_long(objective: str, level: int, rng: random.Random) -> Draft:
    """Long multiplication by a two-digit number (answer only, 2 marks). Y5 2-/3-digit × 2-digit;
    Y6 up to 4-digit × 2-digit; zeros inside the first number at L4."""
    year = _year(objective)
    if year == 5:
        digits, low, high = {1: (2, 12, 19), 2: (2, 21, 99), 3: (3, 12, 99), 4: (3, 21, 99)}[level]
    else:
        digits, low, high = {1: (2, 21, 99), 2: (3, 21, 99), 3: (4, 12, 99), 4: (4, 66, 99)}[level]
    a = rng.randint(max(12, 10 ** (digits - 1)), 10**digits - 1)
    b = _two_digit_multiplier(rng, low, high)
    if level == 4:
        if "0" not in str(a)[1:] or a % 100 == 0:
            raise Resample
    elif not _no_zero_digits(a):
        raise Resample
    rows_sum = a * b
    return Draft(
        prompt=f"{number_text(a)} × {number_text(b)} = {BOX}",
        answer=_integer_answer(rows_sum, marks=2),
        params={"a": a, "b": b},
        bugs=_ints(
            {
                "LONGMUL_NO_PLACEHOLDER": _longmul_no_placeholder(a, b),
                "LONGMUL_ONE_ROW": _longmul_one_row(a, b),
                "ADD_NO_CARRY": _add_no_carry(a * (b % 10), a * (b // 10) * 10),
            }
        ),
    )


# --- DIV-SHORT --------------------------------------------------------------------------------


def _exact_division(dividend: int, divisor: int, box_first: bool = False, marks: int = 1) -> Draft:
    quotient = dividend // divisor
    bugs: dict[str, int | None] = {"QUOTIENT_ZERO_DROPPED": _quotient_zero_dropped(quotient)}
    if divisor < 10 and quotient >= 10:
        bugs["DIV_DIGITWISE"] = _div_digitwise(dividend, divisor) or None
    return Draft(
        prompt=_equation(f"{number_text(dividend)} ÷ {number_text(divisor)}", BOX, box_first),
        answer=_integer_answer(quotient, marks=marks),
        params={"dividend": dividend, "divisor": divisor, "a": dividend, "b": divisor},
        bugs=_ints(bugs),
    )


@family("DIV-SHORT", objectives=("Y3-MD-02", "Y5-MD-06", "Y6-CALC-03"))
def div_short(objective: str, level: int, rng: random.Random) -> Draft:
    """Short division. Y3 2-digit ÷ 2, 3, 4, 5, 8; Y5 up to 4-digit ÷ 1-digit; Y6 up to 4-digit
    ÷ 11-16 or 25. Exact at L1-L2, a remainder at L3, a remainder in context at L4 (Y5 L4 also
    has a zero in the quotient)."""
    year = _year(objective)
    if year == 3:
        return _div_short_y3(level, rng)
    divisor = rng.randint(3, 9) if year == 5 else rng.choice(SHORT_DIVISORS_Y6)
    digits = 3 if level == 1 else 4
    if level <= 2:
        low = 10 ** (digits - 1) // divisor + 1
        quotient = rng.randint(low, (10**digits - 1) // divisor)
        dividend = quotient * divisor
        # Y6 L2 has a zero inside the quotient (the step where the divisor does not go).
        zero_wanted = year == 6 and level == 2
        if ("0" in str(quotient)[1:]) != zero_wanted or "0" in str(quotient)[:1]:
            raise Resample
        if _div_exchanges(dividend, divisor) < level:
            raise Resample
        return _exact_division(dividend, divisor)
    dividend = rng.randint(1000, 9999)
    quotient, remainder = divmod(dividend, divisor)
    if remainder == 0:
        raise Resample
    if level == 3:
        if not _no_zero_digits(quotient):
            raise Resample
        return _remainder_draft(
            f"{number_text(dividend)} ÷ {number_text(divisor)} = {BOX}", dividend, divisor
        )
    if year == 5 and "0" not in str(quotient)[1:-1]:
        raise Resample
    return _context_draft(rng, dividend, divisor)


def _div_short_y3(level: int, rng: random.Random) -> Draft:
    divisor = rng.choice(SHORT_DIVISORS_Y3)
    if level == 1:
        quotient = rng.randint(3, 12)
        _distinct(quotient, divisor)
        draft = _exact_division(divisor * quotient, divisor)
        bugs = dict(draft.bugs) | _ints({"DIV_AS_SUB": divisor * quotient - divisor})
        return Draft(prompt=draft.prompt, answer=draft.answer, params=draft.params, bugs=bugs)
    quotient = rng.randint(11, 99 // divisor)
    dividend = quotient * divisor
    exchanges = _div_exchanges(dividend, divisor)
    if dividend // 10 < divisor or (exchanges == 0) != (level == 2):
        raise Resample
    return _exact_division(dividend, divisor, box_first=level == 4)


# --- DIV-LONG ---------------------------------------------------------------------------------


def _long_divisor(rng: random.Random) -> int:
    while True:
        divisor = rng.randint(13, 99)
        if divisor % 10:
            return divisor


@family("DIV-LONG", objectives=("Y6-CALC-02",))
def div_long(objective: str, level: int, rng: random.Random) -> Draft:
    """Long division by a two-digit number (answer only, 2 marks): L1 3-digit exact, L2 4-digit
    exact with a zero in the quotient, L3 a remainder as r, fraction or decimal, L4 in context."""
    if level <= 2:
        divisor = _long_divisor(rng)
        digits = 3 if level == 1 else 4
        low, high = max(10 ** (digits - 1) // divisor + 1, 11), (10**digits - 1) // divisor
        if high < low:
            raise Resample
        quotient = rng.randint(low, high)
        has_zero = "0" in str(quotient)
        if (level == 1 and has_zero) or (level == 2 and (not has_zero or quotient < 100)):
            raise Resample
        return _exact_division(quotient * divisor, divisor, marks=2)
    if level == 3:
        form = rng.choice(("r", "fraction", "decimal"))
        # A decimal answer needs a divisor whose remainders end within two decimal places.
        divisor = (
            rng.choice((16, 25, 40, 50, 75, 80)) if form == "decimal" else (_long_divisor(rng))
        )
        dividend = rng.randint(1000, 9999)
        quotient, remainder = divmod(dividend, divisor)
        if remainder == 0 or (form == "decimal" and remainder * 100 % divisor):
            raise Resample
        ask = {
            "r": "Write the remainder as a whole number.",
            "fraction": "Write the remainder as a fraction.",
            "decimal": "Write your answer as a decimal.",
        }[form]
        prompt = f"Work out {number_text(dividend)} ÷ {number_text(divisor)}. {ask}"
        return _remainder_draft(prompt, dividend, divisor, form=form, marks=2)
    return _context_draft(rng, rng.randint(1000, 9999), _long_divisor(rng), marks=2)


# --- POWERS-10 --------------------------------------------------------------------------------


def _scaled(value: Decimal, places: int) -> Decimal:
    """``value`` × 10^places (negative places divide)."""
    return value.scaleb(places)


def _places(power: int) -> int:
    return len(str(power)) - 1


def _power_draft(value: Decimal, power: int, multiply: bool, unknown_first: bool = False) -> Draft:
    """``value × power`` or ``value ÷ power``; with ``unknown_first`` the value is the box:
    ``□ ÷ 100 = 4.2`` (the shown number is the result)."""
    k = _places(power)
    sign = 1 if multiply else -1
    op = "×" if multiply else "÷"
    if unknown_first:
        shown = value
        answer = _scaled(shown, -sign * k)
        prompt = f"{BOX} {op} {number_text(power)} = {number_text(shown)}"
        bugs = {
            "DIRECTION_WRONG": _scaled(shown, sign * k),
            "POWER_WRONG": _scaled(shown, -sign * (k - 1 if k > 1 else k + 1)),
        }
    else:
        answer = _scaled(value, sign * k)
        prompt = f"{number_text(value)} {op} {number_text(power)} = {BOX}"
        wrong_places = k - 1 if k > 1 else k + 1
        bugs = {
            "DIRECTION_WRONG": _scaled(value, -sign * k),
            "POWER_WRONG": _scaled(value, sign * wrong_places),
        }
        if multiply and Fraction(value).denominator != 1:
            bugs["X10_APPEND_ZERO"] = value
    return Draft(
        prompt=prompt,
        answer=_number_answer(answer),
        params={"value": canon_decimal(value), "power": power, "op": op},
        bugs={label: canon_decimal(wrong) for label, wrong in bugs.items()},
    )


def _decimal(rng: random.Random, whole_digits: int, places: int) -> Decimal:
    """A number with ``places`` decimal places whose last decimal digit is not zero."""
    whole = rng.randint(10 ** (whole_digits - 1), 10**whole_digits - 1) if whole_digits else 0
    tail = rng.randint(1, 10**places - 1)
    if tail % 10 == 0:
        raise Resample
    return Decimal(whole) + Decimal(tail).scaleb(-places)


@family("POWERS-10", objectives=("Y4-FR-07", "Y5-MD-07", "Y6-FR-07"))
def powers_10(objective: str, level: int, rng: random.Random) -> Draft:
    """× and ÷ by 10, 100 and 1,000. Y4 1-/2-digit ÷ 10 and ÷ 100; Y5 whole numbers and
    decimals, the box first at L4; Y6 answers to three decimal places."""
    year = _year(objective)
    if year == 4:
        n = rng.randint(2, 9) if level in (2, 4) else rng.randint(11, 99)
        if n % 10 == 0:
            raise Resample
        return _power_draft(Decimal(n), 10 if level <= 2 else 100, multiply=False)
    if year == 5:
        if level == 1:
            n = rng.randint(12, 999)
            if n % 10 == 0:
                raise Resample
            return _power_draft(Decimal(n), rng.choice((10, 100, 1000)), multiply=True)
        if level == 2:
            n = rng.randint(101, 9999)
            if n % 10 == 0:
                raise Resample
            return _power_draft(Decimal(n), rng.choice((10, 100)), multiply=False)
        if level == 3:
            value = _decimal(rng, rng.choice((0, 1, 2)), rng.choice((1, 2)))
            return _power_draft(value, rng.choice((10, 100, 1000)), multiply=True)
        value = _decimal(rng, 1, 1)
        return _power_draft(value, rng.choice((10, 100)), multiply=False, unknown_first=True)
    if level == 1:
        value = _decimal(rng, rng.choice((0, 1)), 2)
        return _power_draft(value, rng.choice((10, 100, 1000)), multiply=True)
    if level == 2:
        value = _decimal(rng, rng.choice((0, 1)), 1)
        return _power_draft(value, rng.choice((10, 100)), multiply=False)
    if level == 3:
        if rng.choice((True, False)):
            n = rng.randint(2, 99)
            if n % 10 == 0:
                raise Resample
            return _power_draft(Decimal(n), 1000, multiply=False)
        return _power_draft(_decimal(rng, 0, 2), 10, multiply=False)
    value = _decimal(rng, 1, 1) if rng.choice((True, False)) else Decimal(rng.randint(11, 99))
    if Fraction(value).denominator == 1 and value % 10 == 0:
        raise Resample
    power = 100 if Fraction(value).denominator != 1 else 1000
    return _power_draft(value, power, multiply=True, unknown_first=True)


# --- FACTORS-MULTIPLES ------------------------------------------------------------------------


def _factor_set_draft(n: int) -> Draft:
    factors = _factors(n)
    small_halves = [f for f in factors if f * f <= n]
    return Draft(
        prompt=f"Write all the factors of {number_text(n)}.",
        answer=AnswerSpec(kind="set", value=canon_set(factors)),
        params={"n": n},
        bugs={
            "FACTORS_OMIT_1_N": canon_set(factors[1:-1]),
            "FACTOR_PAIR_INCOMPLETE": canon_set(small_halves),
        },
    )


def _common_factors_draft(a: int, b: int) -> Draft:
    common = [f for f in _factors(a) if b % f == 0]
    return Draft(
        prompt=f"Write all the common factors of {number_text(a)} and {number_text(b)}.",
        answer=AnswerSpec(kind="set", value=canon_set(common)),
        params={"a": a, "b": b},
        bugs={"FACTORS_OMIT_1_N": canon_set(common[1:])},
    )


def _common_multiples_draft(a: int, b: int, limit: int) -> Draft:
    lcm = math.lcm(a, b)
    multiples = list(range(lcm, limit, lcm))
    common_factors = [f for f in _factors(a) if b % f == 0]
    return Draft(
        prompt=(
            f"Write all the common multiples of {number_text(a)} and {number_text(b)} "
            f"that are less than {number_text(limit)}."
        ),
        answer=AnswerSpec(kind="set", value=canon_set(multiples)),
        params={"a": a, "b": b, "limit": limit},
        bugs={"FACTOR_MULTIPLE_CONFUSED": canon_set(common_factors)},
    )


def _pair_with_common_factors(rng: random.Random, high: int, at_least: int) -> tuple[int, int]:
    """Two numbers from 12 to ``high`` with at least ``at_least`` common factors, neither a
    factor of the other."""
    shared = rng.choice([g for g in range(4, high // 2 + 1) if len(_factors(g)) >= at_least])
    x, y = rng.sample(range(1, high // shared + 1), 2)
    a, b = shared * x, shared * y
    if min(a, b) < 12 or a % b == 0 or b % a == 0:
        raise Resample
    return a, b


@family("FACTORS-MULTIPLES", objectives=("Y4-MD-03", "Y5-MD-01", "Y5-MD-09", "Y6-CALC-05"))
def factors_multiples(objective: str, level: int, rng: random.Random) -> Draft:
    """Factor pairs (Y4), all factors and common factors (Y5), problems with common factors
    and multiples (Y5-MD-09), common factors and common multiples (Y6)."""
    draw = {
        "Y4-MD-03": _factors_y4,
        "Y5-MD-01": _factors_y5,
        "Y5-MD-09": _factors_problems,
        "Y6-CALC-05": _factors_y6,
    }[objective]
    return draw(level, rng)


def _factors_y4(level: int, rng: random.Random) -> Draft:
    if level <= 2:
        high = 10 if level == 1 else 12
        a, b = rng.sample(range(2, high + 1), 2)
        n = a * b
        draft = _missing_factor(a, n, box_first=level == 2, equals_first=True)
        return Draft(
            prompt=draft.prompt, answer=draft.answer, params={"n": n, "a": a}, bugs=draft.bugs
        )
    if level == 3:
        n = rng.choice([n for n in range(24, 73) if len(_factors(n)) >= 6])
        pairs = [(f, n // f) for f in _factors(n) if 2 <= f < n // f]
        (a, b), (c, _) = rng.sample(pairs, 2)
        if rng.choice((True, False)):
            a, b = b, a
        return _equals_both_sides(a, b, c)
    n = rng.choice([n for n in range(12, 61) if len(_factors(n)) >= 6 and not _square(n)])
    pairs = len(_factors(n)) // 2
    return Draft(
        prompt=(
            f"How many different factor pairs does {number_text(n)} have? "
            f"(Count 2 × 3 and 3 × 2 as the same pair.)"
        ),
        answer=_integer_answer(pairs),
        params={"n": n},
        bugs=_ints({"FACTOR_PAIR_INCOMPLETE": pairs - 1, "FACTOR_MULTIPLE_CONFUSED": 2 * pairs}),
    )


def _multiple_choice(rng: random.Random, a: int, prompt: str) -> Draft:
    """Pick the multiple of ``a``; a factor of ``a`` is the confusion distractor."""
    right = a * rng.randint(3, 12)
    factor = rng.choice([f for f in _factors(a) if 1 < f < a])
    near = [right + step for step in (-2, 2, -1, 1, 3) if (right + step) % a]
    return _choice(
        rng,
        prompt,
        number_text(right),
        {"FACTOR_MULTIPLE_CONFUSED": number_text(factor)},
        near=[number_text(n) for n in near],
        params={"a": a},
    )


def _factors_y5(level: int, rng: random.Random) -> Draft:
    if level == 1:
        a = rng.choice((4, 6, 8, 9))
        return _multiple_choice(rng, a, f"Which of these numbers is a multiple of {a}?")
    if level == 2:
        n = rng.choice([n for n in range(12, 51) if 4 <= len(_factors(n)) <= 6 and not _square(n)])
        return _factor_set_draft(n)
    if level == 3:
        n = rng.choice([n for n in range(36, 101) if len(_factors(n)) >= 8])
        return _factor_set_draft(n)
    return _common_factors_draft(*_pair_with_common_factors(rng, 60, 3))


def _factors_problems(level: int, rng: random.Random) -> Draft:
    name = _name(rng)
    if level == 1:
        a = rng.choice((4, 6, 8, 9))
        _, containers, things = rng.choice(GROUPS)
        return _multiple_choice(
            rng,
            a,
            f"{things.capitalize()} come in {containers} of {a}. {name} buys some full "
            f"{containers}. Which of these could be the number of {things} {name} has?",
        )
    if level == 2:
        n = rng.choice([n for n in range(18, 61) if len(_factors(n)) >= 6])
        right = rng.choice([f for f in _factors(n) if 2 < f < n])
        near = [k for k in range(3, 13) if n % k]
        rng.shuffle(near)
        return _choice(
            rng,
            f"{n} children get into teams. Every team has the same number of children, "
            f"and nobody is left out. How many children could be in each team?",
            number_text(right),
            {"FACTOR_MULTIPLE_CONFUSED": number_text(2 * n)},
            near=[number_text(k) for k in near],
            params={"n": n},
        )
    if level == 3:
        a, b = _pair_with_common_factors(rng, 96, 4)
        hcf = math.gcd(a, b)
        return Draft(
            prompt=(
                f"{name} has {a} red beads and {b} blue beads. {name} makes bracelets, each "
                f"all one colour, with the same number of beads on every bracelet and no beads "
                f"left over. What is the largest number of beads each bracelet can have?"
            ),
            answer=_integer_answer(hcf),
            params={"a": a, "b": b},
            bugs=_ints({"FACTOR_MULTIPLE_CONFUSED": math.lcm(a, b)}),
        )
    a, b = rng.sample(range(4, 13), 2)
    lcm = math.lcm(a, b)
    if math.gcd(a, b) == 1 or lcm in (a, b):
        raise Resample
    return Draft(
        prompt=(
            f"Two lights flash together. Then one flashes every {a} seconds and the other "
            f"every {b} seconds. After how many seconds do they next flash together?"
        ),
        answer=_integer_answer(lcm),
        params={"a": a, "b": b},
        bugs=_ints({"FACTOR_MULTIPLE_CONFUSED": math.gcd(a, b)}),
    )


def _factors_y6(level: int, rng: random.Random) -> Draft:
    if level == 1:
        return _common_factors_draft(*_pair_with_common_factors(rng, 40, 3))
    if level == 3:
        return _common_factors_draft(*_pair_with_common_factors(rng, 100, 4))
    a, b = rng.sample(range(2, 13), 2)
    lcm = math.lcm(a, b)
    shared = math.gcd(a, b) > 1
    if lcm in (a, b) or shared != (level == 4):
        raise Resample
    limit = rng.choice((50, 60, 80, 100))
    if not 2 <= (limit - 1) // lcm <= 5:
        raise Resample
    return _common_multiples_draft(a, b, limit)


# --- PRIMES -----------------------------------------------------------------------------------


def _prime_choice(rng: random.Random, low: int, high: int) -> Draft:
    """Pick the prime: 1 and an odd composite are the diagnostic distractors."""
    prime = rng.choice([p for p in range(max(low, 3), high + 1) if _is_prime(p)])
    trap = rng.choice([n for n in range(max(low, 9), high + 1) if _odd_composite(n) and n % 5])
    even = rng.choice([n for n in range(max(low, 4), high + 1, 2) if n > 2])
    other = rng.choice(
        [n for n in range(max(low, 9), high + 1) if n % 2 and 0 in (n % 3, n % 5) and n != trap]
    )
    bugs = {"ODD_IS_PRIME": number_text(trap)}
    if low <= 1:
        bugs["ONE_IS_PRIME"] = "1"
    near = [number_text(even), number_text(other)]
    return _choice(
        rng, "Which of these numbers is a prime number?", number_text(prime), bugs, near=near
    )


def _odd_is_prime_list(numbers: Iterable[int]) -> list[int]:
    """ODD_IS_PRIME for a range: every odd number over 1 that does not end in 5 (and 5)."""
    return [n for n in numbers if n > 1 and n % 2 and (n % 5 or n == 5)]


@family("PRIMES", objectives=("Y5-MD-02", "Y5-MD-03", "Y6-CALC-05"))
def primes(objective: str, level: int, rng: random.Random) -> Draft:
    """Prime, composite and prime factor (Y5-MD-02); is it prime, primes to 19 (Y5-MD-03);
    primes in problems (Y6-CALC-05). Odd composites (51, 57, 87, 91) are the traps."""
    draw = {"Y5-MD-02": _primes_vocabulary, "Y5-MD-03": _primes_recall, "Y6-CALC-05": _primes_y6}
    return draw[objective](level, rng)


def _primes_vocabulary(level: int, rng: random.Random) -> Draft:
    if level == 1:
        return _prime_choice(rng, 1, 50)
    if level == 2:
        composite = rng.choice([n for n in range(21, 100) if _odd_composite(n) and n % 5])
        odd_primes = rng.sample([p for p in range(11, 60) if _is_prime(p)], 2)
        return _choice(
            rng,
            "Which of these numbers is a composite (not prime) number?",
            number_text(composite),
            {"TWO_NOT_PRIME": "2"},
            near=[number_text(p) for p in odd_primes],
        )
    if level == 3:
        n = rng.randint(20, 100)
        found = _prime_factors(n)
        if len(found) < 2:
            raise Resample
        odd_composites = [f for f in _factors(n) if _odd_composite(f) and f != n]
        bugs = {"ONE_IS_PRIME": canon_set([1, *found])}
        if odd_composites:
            bugs["ODD_IS_PRIME"] = canon_set([*found, *odd_composites])
        return Draft(
            prompt=f"Write all the prime factors of {number_text(n)}.",
            answer=AnswerSpec(kind="set", value=canon_set(found)),
            params={"number": n},
            bugs=bugs,
        )
    n = rng.choice([n for n in range(21, 100) if _odd_composite(n)])
    largest = _prime_factors(n)[-1]
    if largest < 7:
        raise Resample
    return Draft(
        prompt=f"What is the largest prime factor of {number_text(n)}?",
        answer=_integer_answer(largest),
        params={"n": n},
        bugs=_ints({"ODD_IS_PRIME": n}),
    )


def _primes_recall(level: int, rng: random.Random) -> Draft:
    if level == 1:
        return _prime_choice(rng, 1, 20)
    if level == 2:
        limit = rng.randint(12, 20)
        below = list(range(1, limit))
        found = [p for p in below if _is_prime(p)]
        return Draft(
            prompt=f"Write all the prime numbers less than {limit}.",
            answer=AnswerSpec(kind="set", value=canon_set(found)),
            params={"limit": limit},
            bugs={
                "ONE_IS_PRIME": canon_set([1, *found]),
                "TWO_NOT_PRIME": canon_set(found[1:]),
                "ODD_IS_PRIME": canon_set([2, *(n for n in below if n > 1 and n % 2)]),
            },
        )
    if level == 3:
        pool = [n for n in range(21, 100) if n % 2 and n % 5]
        numbers = sorted(rng.sample(pool, 5))
        found = [n for n in numbers if _is_prime(n)]
        if not 2 <= len(found) <= 3:
            raise Resample
        rng.shuffle(numbers)
        listed = ", ".join(number_text(n) for n in numbers)
        return Draft(
            prompt=f"Write all the prime numbers in this list: {listed}",
            answer=AnswerSpec(kind="set", value=canon_set(found)),
            params={"numbers": numbers},
            bugs={"ODD_IS_PRIME": canon_set(numbers)},
        )
    low = 10 * rng.randint(2, 8)
    high = low + 20
    inside = range(low + 1, high)
    found = [n for n in inside if _is_prime(n)]
    return Draft(
        prompt=f"Write all the prime numbers between {low} and {high}.",
        answer=AnswerSpec(kind="set", value=canon_set(found)),
        params={"low": low, "high": high},
        bugs={"ODD_IS_PRIME": canon_set(_odd_is_prime_list(inside))},
    )


def _primes_y6(level: int, rng: random.Random) -> Draft:
    if level == 1:
        return _prime_choice(rng, 20, 100)
    if level == 2:
        n = rng.randint(20, 96)
        after = n + 1 if (n + 1) % 2 else n + 2
        if _is_prime(after) or after % 5 == 0:
            raise Resample
        nxt = next(p for p in range(n + 1, 2 * n) if _is_prime(p))
        return Draft(
            prompt=f"What is the smallest prime number greater than {number_text(n)}?",
            answer=_integer_answer(nxt),
            params={"n": n},
            bugs=_ints({"ODD_IS_PRIME": after}),
        )
    if level == 3:
        p, q = sorted(rng.sample([p for p in range(2, 50) if _is_prime(p)], 2))
        n = p * q
        if n > 100:
            raise Resample
        bugs = {"ONE_IS_PRIME": canon_set([1, n])}
        return Draft(
            prompt=f"Which two prime numbers multiply to make {number_text(n)}?",
            answer=AnswerSpec(kind="set", value=canon_set([p, q])),
            params={"product": n},
            bugs=bugs,
        )
    low = 10 * rng.randint(1, 7)
    high = low + 20
    inside = range(low + 1, high)
    total = sum(n for n in inside if _is_prime(n))
    with_odd = sum(_odd_is_prime_list(inside))
    return Draft(
        prompt=f"Add together all the prime numbers between {low} and {high}.",
        answer=_integer_answer(total),
        params={"low": low, "high": high},
        bugs=_ints({"ODD_IS_PRIME": with_odd}),
    )


# --- SQUARES-CUBES ----------------------------------------------------------------------------


@family("SQUARES-CUBES", objectives=("Y5-MD-08", "Y5-MD-09", "Y6-CALC-06"))
def squares_cubes(objective: str, level: int, rng: random.Random) -> Draft:
    """Square and cube numbers with ² and ³ (Y5-MD-08), in problems (Y5-MD-09) and inside
    calculations that need the order of operations (Y6-CALC-06)."""
    draw = {"Y5-MD-08": _squares_notation, "Y5-MD-09": _squares_problems, "Y6-CALC-06": _squares_y6}
    return draw[objective](level, rng)


def _square_root_draft(prompt: str, n: int, unit: str = "") -> Draft:
    """The number that squares to ``n²`` (even ``n``, so halving the square is a whole number)."""
    return Draft(
        prompt=prompt,
        answer=_integer_answer(n, unit=unit),
        params={"n": n, "square": n * n},
        bugs=_ints({"SQUARE_AS_DOUBLE": n * n // 2}),
    )


def _squares_notation(level: int, rng: random.Random) -> Draft:
    if level == 1:
        n = rng.randint(3, 10)
        return Draft(
            prompt=f"{n}² = {BOX}",
            answer=_integer_answer(n * n),
            params={"n": n},
            bugs=_ints({"SQUARE_AS_DOUBLE": 2 * n}),
        )
    if level == 2:
        n = rng.choice((2, 3, 4, 5, 10))
        return Draft(
            prompt=f"{n}³ = {BOX}",
            answer=_integer_answer(n**3),
            params={"n": n},
            bugs=_ints({"CUBE_AS_TRIPLE": 3 * n}),
        )
    if level == 3:
        n = 2 * rng.randint(2, 6)
        return _square_root_draft(f"{BOX}² = {number_text(n * n)}", n)
    a, b = rng.randint(2, 9), rng.randint(2, 5)
    return Draft(
        prompt=f"{a}² + {b}³ = {BOX}",
        answer=_integer_answer(a * a + b**3),
        params={"a": a, "b": b},
        bugs=_ints({"SQUARE_AS_DOUBLE": 2 * a + b**3, "CUBE_AS_TRIPLE": a * a + 3 * b}),
    )


def _squares_problems(level: int, rng: random.Random) -> Draft:
    name = _name(rng)
    if level == 1:
        n = rng.randint(4, 12)
        return Draft(
            prompt=(
                f"{name} lays square tiles to make a square patio. There are {n} tiles along "
                f"each side. How many tiles are there altogether?"
            ),
            answer=_integer_answer(n * n),
            params={"n": n},
            bugs=_ints({"SQUARE_AS_DOUBLE": 2 * n, "AREA_PERIM_SWAP": 4 * n}),
        )
    if level == 2:
        n = rng.randint(2, 6)
        return Draft(
            prompt=(
                f"{name} builds a big cube from small cubes. There are {n} small cubes along "
                f"each edge. How many small cubes does {name} use?"
            ),
            answer=_integer_answer(n**3),
            params={"n": n},
            bugs=_ints({"CUBE_AS_TRIPLE": 3 * n}),
        )
    if level == 3:
        n = 2 * rng.randint(2, 6)
        return _square_root_draft(
            f"{number_text(n * n)} chairs are set out in a square, with the same number of rows "
            f"as chairs in each row. How many chairs are in each row?",
            n,
        )
    n = rng.randint(3, 8)
    bigger = n + rng.randint(1, 2)
    return Draft(
        prompt=(
            f"{name} has made a cube from {n} × {n} × {n} small cubes. How many more small "
            f"cubes are needed to make a cube with {bigger} small cubes along each edge?"
        ),
        answer=_integer_answer(bigger**3 - n**3),
        params={"n": n, "bigger": bigger},
        bugs=_ints({"CUBE_AS_TRIPLE": 3 * (bigger - n), "ONE_STEP_ONLY": bigger**3}),
    )


def _squares_y6(level: int, rng: random.Random) -> Draft:
    n = rng.randint(3, 12)
    if level == 1:
        c = rng.randint(2, 50)
        return Draft(
            prompt=f"{n}² + {c} = {BOX}",
            answer=_integer_answer(n * n + c),
            params={"n": n, "c": c},
            bugs=_ints({"SQUARE_AS_DOUBLE": 2 * n + c}),
        )
    if level == 2:
        a, n = rng.randint(2, 9), rng.randint(3, 10)
        return Draft(
            prompt=f"{a} × {n}² = {BOX}",
            answer=_integer_answer(a * n * n),
            params={"a": a, "n": n},
            bugs=_ints({"LEFT_TO_RIGHT": (a * n) ** 2, "SQUARE_AS_DOUBLE": a * 2 * n}),
        )
    if level == 3:
        a, b = rng.randint(2, 9), rng.randint(2, 9)
        if a * b >= n * n or n * n - a <= 0:
            raise Resample
        return Draft(
            prompt=f"{n}² − {a} × {b} = {BOX}",
            answer=_integer_answer(n * n - a * b),
            params={"n": n, "a": a, "b": b},
            bugs=_ints(
                {
                    "LEFT_TO_RIGHT": (n * n - a) * b,
                    "SQUARE_AS_DOUBLE": 2 * n - a * b if 2 * n > a * b else None,
                }
            ),
        )
    # c + a³ ÷ b, with c a multiple of b so that working left to right also divides exactly.
    a = rng.randint(2, 6)
    b = rng.choice([d for d in _factors(a**3) if 2 <= d <= 12 and d < a**3])
    c = b * rng.randint(2, 9)
    return Draft(
        prompt=f"{c} + {a}³ ÷ {b} = {BOX}",
        answer=_integer_answer(c + a**3 // b),
        params={"a": a, "b": b, "c": c},
        bugs=_ints(
            {
                "LEFT_TO_RIGHT": (c + a**3) // b,
                "CUBE_AS_TRIPLE": c + 3 * a // b if 3 * a % b == 0 else None,
            }
        ),
    )


# --- WORD-MD ----------------------------------------------------------------------------------


@family(
    "WORD-MD",
    objectives=(
        "Y1-MD-01",
        "Y2-MD-04",
        "Y3-MD-03",
        "Y4-MD-05",
        "Y5-MD-09",
        "Y5-MD-10",
        "Y5-MD-11",
        "Y6-CALC-08",
        "Y6-FR-10",
    ),
)
def word_md(objective: str, level: int, rng: random.Random) -> Draft:
    """Multiplication and division in words: groups and sharing (Y1-Y2), scaling and
    correspondence (Y3-Y4), factors and squares, the four operations, rates and fractions as
    scale factors (Y5), multi-step problems and answers rounded for the context (Y6)."""
    draw = {
        "Y1-MD-01": _word_y1,
        "Y2-MD-04": _word_y2,
        "Y3-MD-03": _word_y3,
        "Y4-MD-05": _word_y4,
        "Y5-MD-09": _word_y5_factors,
        "Y5-MD-10": _word_y5_operations,
        "Y5-MD-11": _word_y5_rates,
        "Y6-CALC-08": _word_y6,
        "Y6-FR-10": _word_y6_rounding,
    }[objective]
    return draw(level, rng)


def _groups_draft(rng: random.Random, groups: int, size: int) -> Draft:
    container, containers, things = rng.choice(GROUPS)
    prompt = (
        f"There are {number_text(groups)} {containers}. Each {container} has "
        f"{number_text(size)} {things} in it. How many {things} are there altogether?"
    )
    return Draft(
        prompt=prompt,
        answer=_integer_answer(groups * size),
        params={"a": groups, "b": size},
        bugs=_ints({"ADD_FOR_MULT": groups + size}),
    )


def _array_draft(rows: int, size: int) -> Draft:
    return Draft(
        prompt=(
            f"Chairs are set out in {number_text(rows)} rows. There are {number_text(size)} "
            f"chairs in each row. How many chairs are there?"
        ),
        answer=_integer_answer(rows * size),
        params={"a": rows, "b": size},
        bugs=_ints({"ADD_FOR_MULT": rows + size}),
    )


def _share_draft(rng: random.Random, total: int, parts: int) -> Draft:
    things, people, person = rng.choice(SHARES)
    return Draft(
        prompt=(
            f"{number_text(total)} {things} are shared equally between {number_text(parts)} "
            f"{people}. How many {things} does each {person} get?"
        ),
        answer=_integer_answer(total // parts),
        params={"a": total, "b": parts},
        bugs=_ints({"DIV_AS_SUB": total - parts, "OP_SWAP": total * parts}),
    )


def _grouping_draft(rng: random.Random, total: int, size: int) -> Draft:
    _, containers, things = rng.choice(GROUPS)
    return Draft(
        prompt=(
            f"{number_text(total)} {things} are put into {containers} of {number_text(size)}. "
            f"How many {containers} are filled?"
        ),
        answer=_integer_answer(total // size),
        params={"a": total, "b": size},
        bugs=_ints({"DIV_AS_SUB": total - size, "OP_SWAP": total * size}),
    )


def _word_y1(level: int, rng: random.Random) -> Draft:
    if level == 1:
        return _groups_draft(rng, rng.randint(3, 5), 2)
    if level == 2:
        groups, size = rng.choice(((2, 5), (3, 5), (4, 5), (2, 10)))
        return _groups_draft(rng, groups, size)
    if level == 3:
        parts = rng.choice((2, 2, 5))
        each = rng.randint(3, 10) if parts == 2 else rng.randint(2, 4)
        _distinct(each, parts)
        return _share_draft(rng, each * parts, parts)
    size = rng.choice((2, 5, 10))
    count = rng.randint(3, 20 // size) if size != 10 else 2
    return _grouping_draft(rng, count * size, size)


def _word_y2(level: int, rng: random.Random) -> Draft:
    size = rng.choice((2, 5, 10))
    groups = rng.randint(3, 12)
    _distinct(groups, size)
    if level == 1:
        return _groups_draft(rng, groups, size)
    if level == 2:
        return _array_draft(groups, rng.choice((2, 3, 5, 10)))
    if level == 3:
        return _share_draft(rng, groups * size, size)
    extra = rng.randint(2, size - 1 if size > 2 else 9)
    container, containers, things = rng.choice(GROUPS)
    name = _name(rng)
    return Draft(
        prompt=(
            f"{name} has {groups} {containers} with {size} {things} in each {container}, "
            f"and {extra} more {things}. How many {things} does {name} have?"
        ),
        answer=_integer_answer(groups * size + extra),
        params={"a": groups, "b": size, "c": extra},
        bugs=_ints({"ONE_STEP_ONLY": groups * size, "ADD_FOR_MULT": groups + size + extra}),
    )


def _word_y3(level: int, rng: random.Random) -> Draft:
    name = _name(rng)
    if level == 1:
        length, times = rng.randint(3, 12), rng.choice((2, 3, 4, 5, 8))
        _distinct(length, times)
        return Draft(
            prompt=(
                f"A red ribbon is {length} cm long. A blue ribbon is {times} times as long. "
                f"How long is the blue ribbon?"
            ),
            answer=_integer_answer(length * times, unit="cm"),
            params={"a": length, "b": times},
            bugs=_ints({"ADDITIVE_SCALING": length + times}),
        )
    if level == 2:
        tops, skirts = rng.randint(2, 5), rng.randint(2, 4)
        if tops == skirts == 2:
            raise Resample
        return Draft(
            prompt=(
                f"{name} has {tops} different tops and {skirts} different skirts. An outfit is "
                f"one top with one skirt. How many different outfits can {name} make?"
            ),
            answer=_integer_answer(tops * skirts),
            params={"a": tops, "b": skirts},
            bugs=_ints({"CORRESPONDENCE_ADD": tops + skirts}),
        )
    if level == 3:
        box, times = rng.randint(3, 12), rng.choice((3, 4, 8))
        _distinct(box, times)
        tower = box * times
        return Draft(
            prompt=(
                f"A tower of bricks is {times} times as tall as a box. The tower is {tower} cm "
                f"tall. How tall is the box?"
            ),
            answer=_integer_answer(box, unit="cm"),
            params={"a": tower, "b": times},
            bugs=_ints({"OP_SWAP": tower * times, "ADDITIVE_SCALING": tower - times}),
        )
    sandwiches, drinks = rng.randint(3, 8), rng.randint(3, 6)
    _distinct(sandwiches, drinks)
    lunches = sandwiches * drinks
    return Draft(
        prompt=(
            f"A café makes {lunches} different lunches. Each lunch is one sandwich and one drink. "
            f"There are {drinks} different drinks. How many different sandwiches are there?"
        ),
        answer=_integer_answer(sandwiches),
        params={"a": lunches, "b": drinks},
        bugs=_ints({"CORRESPONDENCE_ADD": lunches - drinks, "OP_SWAP": lunches * drinks}),
    )


def _word_y4(level: int, rng: random.Random) -> Draft:
    name = _name(rng)
    if level == 1:
        length, times = rng.randint(12, 49), rng.randint(3, 9)
        if length % 10 == 0:
            raise Resample
        return Draft(
            prompt=(
                f"A small bridge is {length} m long. A big bridge is {times} times as long. "
                f"How long is the big bridge?"
            ),
            answer=_integer_answer(length * times, unit="m"),
            params={"a": length, "b": times},
            bugs=_ints({"ADDITIVE_SCALING": length + times}),
        )
    if level == 2:
        size, boxes, loose = rng.randint(12, 36), rng.randint(3, 9), rng.randint(2, 11)
        if loose >= size:
            raise Resample
        return Draft(
            prompt=(
                f"A box holds {size} pens. {name} has {boxes} full boxes and {loose} loose "
                f"pens. How many pens does {name} have?"
            ),
            answer=_integer_answer(size * boxes + loose),
            params={"a": size, "b": boxes, "c": loose},
            bugs=_ints({"ONE_STEP_ONLY": size * boxes, "ADD_FOR_MULT": size + boxes + loose}),
        )
    if level == 3:
        starters, mains, puddings = rng.randint(2, 5), rng.randint(3, 6), rng.randint(2, 4)
        return Draft(
            prompt=(
                f"A café has {starters} starters, {mains} main courses and {puddings} puddings. "
                f"A meal is one starter, one main course and one pudding. "
                f"How many different meals are there?"
            ),
            answer=_integer_answer(starters * mains * puddings),
            params={"a": starters, "b": mains, "c": puddings},
            bugs=_ints(
                {
                    "CORRESPONDENCE_ADD": starters + mains + puddings,
                    "ONE_STEP_ONLY": starters * mains,
                }
            ),
        )
    boxes, per_box = rng.randint(3, 9), rng.choice((12, 15, 20, 24, 25))
    bags, per_bag = rng.randint(2, 9), rng.randint(6, 12)
    return Draft(
        prompt=(
            f"A van carries {boxes} boxes of {per_box} apples and {bags} bags of {per_bag} "
            f"apples. How many apples does the van carry?"
        ),
        answer=_integer_answer(boxes * per_box + bags * per_bag),
        params={"a": boxes, "b": per_box, "c": bags, "d": per_bag},
        bugs=_ints({"ONE_STEP_ONLY": boxes * per_box}),
    )


def _word_y5_factors(level: int, rng: random.Random) -> Draft:
    name = _name(rng)
    if level == 1:
        size = rng.choice((4, 6, 8, 12))
        needed = rng.randint(25, 99)
        packs, left = divmod(needed, size)
        if left == 0:
            raise Resample
        return Draft(
            prompt=(
                f"Rolls come in packs of {size}. {name} needs {needed} rolls for a party. "
                f"What is the smallest number of packs {name} must buy?"
            ),
            answer=AnswerSpec(kind="remainder", value=canon_integer(packs + 1), form="context"),
            params={"dividend": needed, "divisor": size, "round": "up"},
            bugs=_ints({"REMAINDER_CONTEXT": packs}),
        )
    if level == 2:
        side = rng.randint(4, 12)
        return Draft(
            prompt=(
                f"A square garden has sides {side} m long. It is covered with slabs that are "
                f"1 m by 1 m. How many slabs are needed?"
            ),
            answer=_integer_answer(side * side),
            params={"n": side},
            bugs=_ints({"SQUARE_AS_DOUBLE": 2 * side, "AREA_PERIM_SWAP": 4 * side}),
        )
    if level == 3:
        a, b = rng.sample(range(3, 13), 2)
        lcm = math.lcm(a, b)
        if math.gcd(a, b) == 1 or lcm in (a, b):
            raise Resample
        other = _name(rng)
        if other == name:
            raise Resample
        return Draft(
            prompt=(
                f"{name} counts in {a}s from 0 and {other} counts in {b}s from 0. What is the "
                f"first number after 0 that they both say?"
            ),
            answer=_integer_answer(lcm),
            params={"a": a, "b": b},
            bugs=_ints({"FACTOR_MULTIPLE_CONFUSED": math.gcd(a, b)}),
        )
    side = rng.randint(4, 9)
    grow = rng.randint(1, 3)
    bigger = side + grow
    return Draft(
        prompt=(
            f"A square patio is made of {side * side} square tiles. A bigger square patio has "
            f"{grow} more tile{'s' if grow > 1 else ''} along each side. "
            f"How many more tiles does the bigger patio need?"
        ),
        answer=_integer_answer(bigger * bigger - side * side),
        params={"n": side, "grow": grow},
        bugs=_ints({"SQUARE_AS_DOUBLE": 2 * grow, "ONE_STEP_ONLY": bigger * bigger}),
    )


def _word_y5_operations(level: int, rng: random.Random) -> Draft:
    name = _name(rng)
    if level == 1:
        per_box, boxes, left = 12, rng.randint(5, 12), rng.randint(2, 11)
        return Draft(
            prompt=(
                f"A farmer fills {boxes} boxes with {per_box} eggs in each box. There are "
                f"{left} eggs left over. How many eggs did the farmer have?"
            ),
            answer=_integer_answer(per_box * boxes + left),
            params={"a": per_box, "b": boxes, "c": left},
            bugs=_ints({"ONE_STEP_ONLY": per_box * boxes}),
        )
    if level == 2:
        friends, each = rng.randint(3, 9), rng.randint(11, 25)
        total = friends * each + rng.randint(10, 99)
        return Draft(
            prompt=(
                f"{name} has {total} stickers and gives {friends} friends {each} stickers each. "
                f"How many stickers does {name} have left?"
            ),
            answer=_integer_answer(total - friends * each),
            params={"a": total, "b": friends, "c": each},
            bugs=_ints({"ONE_STEP_ONLY": friends * each}),
        )
    if level == 3:
        packs, per_pack, tables = rng.randint(3, 9), rng.randint(6, 12), rng.randint(3, 8)
        total = packs * per_pack
        if total % tables or total // tables in (packs, per_pack, tables):
            raise Resample
        return Draft(
            prompt=(
                f"{name} buys {packs} packs of {per_pack} pens and shares them equally between "
                f"{tables} tables. How many pens does each table get?"
            ),
            answer=_integer_answer(total // tables),
            params={"a": packs, "b": per_pack, "c": tables},
            bugs=_ints({"ONE_STEP_ONLY": total}),
        )
    bags, per_bag, other_bags = rng.randint(3, 9), rng.randint(4, 12), rng.randint(2, 6)
    total = bags * per_bag
    if total % other_bags or other_bags == bags:
        raise Resample
    other = _name(rng)
    if other == name:
        raise Resample
    return Draft(
        prompt=(
            f"{name} has {bags} bags with {per_bag} marbles in each. {other} has the same number "
            f"of marbles, in {other_bags} equal bags. How many marbles are in each of "
            f"{other}'s bags?"
        ),
        answer=_integer_answer(total // other_bags),
        params={"a": bags, "b": per_bag, "c": other_bags},
        bugs=_ints({"ONE_STEP_ONLY": total}),
    )


RATES = (
    ("A printer prints {r} pages each minute. How many pages does it print in {t} minutes?", ""),
    (
        "A tap lets out {r} litres of water each minute. How many litres come out in {t} minutes?",
        "litres",
    ),
    ("A coach travels {r} miles each hour. How far does it travel in {t} hours?", "miles"),
    ("A baker makes {r} rolls each hour. How many rolls does the baker make in {t} hours?", ""),
)
SCALE_THINGS = (("rope", "m"), ("ribbon", "cm"), ("plank", "cm"), ("path", "m"))


def _word_y5_rates(level: int, rng: random.Random) -> Draft:
    if level == 1:
        template, unit = rng.choice(RATES)
        rate, time = rng.randint(12, 60), rng.randint(3, 9)
        return Draft(
            prompt=template.format(r=rate, t=time),
            answer=_integer_answer(rate * time, unit=unit),
            params={"a": rate, "b": time},
            bugs=_ints({"ADD_FOR_MULT": rate + time}),
        )
    thing, unit = rng.choice(SCALE_THINGS)
    if level in (2, 3):
        denominator = rng.choice((2, 3, 4, 5) if level == 2 else (3, 4, 5))
        numerator = 1 if level == 2 else rng.randint(2, denominator - 1)
        part = rng.randint(4, 20)
        whole = part * denominator
        answer = part * numerator
        bugs = {"OP_SWAP": whole * denominator}
        if numerator > 1:
            bugs["UNIT_ONLY"] = part
        return Draft(
            prompt=(
                f"A red {thing} is {whole} {unit} long. A blue {thing} is "
                f"{numerator}/{denominator} as long. How long is the blue {thing}?"
            ),
            answer=_integer_answer(answer, unit=unit),
            params={"a": whole, "numerator": numerator, "denominator": denominator},
            bugs=_ints(bugs),
        )
    per_minute = rng.randint(6, 15)
    first, second = rng.sample(range(3, 13), 2)
    return Draft(
        prompt=(
            f"A machine fills {per_minute * first} bottles in {first} minutes. Working at the "
            f"same speed, how many bottles does it fill in {second} minutes?"
        ),
        answer=_integer_answer(per_minute * second),
        params={"a": per_minute * first, "b": first, "c": second},
        bugs=_ints(
            {
                "ADDITIVE_SCALING": per_minute * first + second - first,
                "ONE_STEP_ONLY": per_minute,
            }
        ),
    )


def _word_y6(level: int, rng: random.Random) -> Draft:
    name = _name(rng)
    if level == 1:
        packs, per_pack = rng.randint(12, 25), rng.randint(12, 36)
        used = rng.randint(25, packs * per_pack - 20)
        return Draft(
            prompt=(
                f"A school buys {packs} packs of {per_pack} pencils. {used} pencils are given out. "
                f"How many pencils are left?"
            ),
            answer=_integer_answer(packs * per_pack - used),
            params={"a": packs, "b": per_pack, "c": used},
            bugs=_ints({"ONE_STEP_ONLY": packs * per_pack}),
        )
    if level == 2:
        trays, per_tray, bag = rng.randint(6, 15), rng.randint(12, 30), rng.choice((4, 6, 8, 10))
        extra = rng.randint(2, 40)
        total = trays * per_tray + extra
        if total % bag:
            raise Resample
        return Draft(
            prompt=(
                f"A baker makes {trays} trays of {per_tray} rolls and {extra} more rolls. "
                f"The baker puts all the rolls into bags of {bag}. How many bags are filled?"
            ),
            answer=_integer_answer(total // bag),
            params={"a": trays, "b": per_tray, "c": extra, "d": bag},
            bugs=_ints({"ONE_STEP_ONLY": total}),
        )
    if level == 3:
        rows_a, seats_a = rng.randint(12, 30), rng.randint(14, 40)
        rows_b, seats_b = rng.randint(5, 15), rng.randint(10, 25)
        return Draft(
            prompt=(
                f"A theatre has {rows_a} rows of {seats_a} seats downstairs and {rows_b} rows of "
                f"{seats_b} seats upstairs. How many seats are there altogether?"
            ),
            answer=_integer_answer(rows_a * seats_a + rows_b * seats_b),
            params={"a": rows_a, "b": seats_a, "c": rows_b, "d": seats_b},
            bugs=_ints({"ONE_STEP_ONLY": rows_a * seats_a}),
        )
    boxes, per_box, box_size = (
        rng.randint(12, 40),
        rng.choice((24, 30, 36, 48)),
        rng.choice((6, 12)),
    )
    broken = box_size * rng.randint(1, 4)
    total = boxes * per_box - broken
    if total % box_size:
        raise Resample
    return Draft(
        prompt=(
            f"{name} has {boxes} trays of {per_box} eggs. {broken} eggs break. {name} packs "
            f"the rest into boxes of {box_size}. How many boxes does {name} fill?"
        ),
        answer=_integer_answer(total // box_size),
        params={"a": boxes, "b": per_box, "c": broken, "d": box_size},
        bugs=_ints({"ONE_STEP_ONLY": total}),
    )


def _word_y6_rounding(level: int, rng: random.Random) -> Draft:
    if level == 1:
        return _context_draft(rng, rng.randint(25, 99), rng.randint(3, 9))
    if level == 2:
        return _context_draft(rng, rng.randint(100, 999), _long_divisor(rng))
    # Rounded answers: to the nearest whole number (L3) or to 1 decimal place (L4).
    places = 0 if level == 3 else 1
    total, parts = rng.randint(100, 500), rng.randint(3, 9)
    scaled = Fraction(total, parts) * 10**places
    truncated = math.floor(scaled)
    if scaled - truncated <= Fraction(1, 2):
        raise Resample  # rounds up, so truncating shows
    answer = Fraction(truncated + 1, 10**places)
    accuracy = "the nearest centimetre" if places == 0 else "1 decimal place"
    thing, unit = ("ribbon", "cm") if places == 0 else ("cycle race", "km")
    cut = "cut into" if places == 0 else "split into"
    prompt = (
        f"A {total} {unit} {thing} is {cut} {parts} equal parts. "
        f"How long is each part, to {accuracy}?"
    )
    return Draft(
        prompt=prompt,
        answer=_number_answer(answer, unit=unit),
        params={"dividend": total, "divisor": parts, "places": places},
        bugs={"ROUND_TRUNCATE": canon_decimal(Fraction(truncated, 10**places))},
    )


# --- MTC --------------------------------------------------------------------------------------


@family("MTC", objectives=("Y4-MD-01",))
def mtc(objective: str, level: int, rng: random.Random) -> Draft:
    """One multiplication item in the style of the Multiplication Tables Check: the table is
    the first factor, second factor 2-12. L1 the 2, 5 and 10 tables; L2 the 3, 4 and 11
    tables; L3 all tables 2-12 weighted towards 6, 7, 8, 9 and 12 as the check is; L4 only
    6, 7, 8, 9 and 12 times 6-12."""
    if level == 1:
        table = rng.choice(MTC_EASY_TABLES)
    elif level == 2:
        table = rng.choice(MTC_OTHER_TABLES)
    elif level == 3:
        pool = sorted(MTC_WEIGHTS)
        table = rng.choices(pool, weights=[MTC_WEIGHTS[t] for t in pool])[0]
    else:
        table = rng.choice(MTC_HARD_TABLES)
    other = rng.randint(6 if level == 4 else 2, 12)
    return Draft(
        prompt=f"{table} × {other} = {BOX}",
        answer=_integer_answer(table * other),
        params={"table": table, "a": table, "b": other},
        bugs=_product_bugs(table, other),
    )
