"""Question families: addition and subtraction (question-design.md §5.2), and order of
operations (§5.3).

Written methods are modelled column by column. ``carries`` and ``exchanges`` count the
difficulty drivers the templates constrain; ``add_no_carry``, ``add_carry_written``,
``misaligned``, ``sub_smaller_from_larger``, ``sub_exchange_no_decrement`` and
``sub_across_zero`` give the answer a pupil with one column-method misconception writes (§6.2).
Operands are built digit by digit (``_add_operands``, ``_sub_operands``) so that every item of
a template has exactly the carries or exchanges its level asks for, without rejection sampling.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence

from prof123.assess.items import (
    AnswerSpec,
    Draft,
    Resample,
    canon_integer,
    canon_money,
    family,
    number_text,
    shuffled_options,
)

BOX = "□"
MINUS = "−"  # U+2212, as printed on the papers
TIMES = "×"
DIVIDE = "÷"
TRUE, FALSE = "True", "False"
DIGITS = range(1, 10)


def _year(objective: str) -> int:
    return int(objective[1])


# --- column arithmetic: drivers and misconception bugs -----------------------------------------


def _digits(n: int) -> list[int]:
    """Digits of a whole number, ones first."""
    return [int(ch) for ch in reversed(str(n))]


def _number(digits: Iterable[int]) -> int:
    """The whole number with these digits (ones first); each entry must be 0-9."""
    return int("".join(str(d) for d in reversed(list(digits))) or "0")


def _columns(a: int, b: int) -> list[tuple[int, int]]:
    """Digit pairs of ``a`` over ``b`` lined up on the right (as columns are), ones first."""
    da, db = _digits(a), _digits(b)
    width = max(len(da), len(db))
    da += [0] * (width - len(da))
    db += [0] * (width - len(db))
    return list(zip(da, db, strict=True))


def carries(a: int, b: int) -> int:
    """Columns of ``a + b`` that carry into the next column."""
    count = carry = 0
    for x, y in _columns(a, b):
        carry = int(x + y + carry >= 10)
        count += carry
    return count


def exchanges(a: int, b: int) -> int:
    """Columns of ``a − b`` (a ≥ b) that need an exchange from the next column; exchanging
    across a zero counts once for each column it passes through (400 − 163 has two)."""
    count = borrow = 0
    for x, y in _columns(a, b):
        borrow = int(x - borrow < y)
        count += borrow
    return count


def add_no_carry(a: int, b: int) -> int:
    """ADD_NO_CARRY: each column keeps only the ones digit of its total; the leftmost column
    has nowhere to carry to, so its whole total is written (48 + 37 → 75, 85 + 47 → 122)."""
    cols = _columns(a, b)
    lower = "".join(str((x + y) % 10) for x, y in reversed(cols[:-1]))
    return int(str(sum(cols[-1])) + lower)


def add_carry_written(a: int, b: int) -> int:
    """ADD_CARRY_WRITTEN: every column's whole total is written down (48 + 37 → 715)."""
    return int("".join(str(x + y) for x, y in reversed(_columns(a, b))))


def misaligned(a: int, b: int) -> int:
    """MISALIGNED: the shorter number is lined up on the left, then added correctly
    (1,234 + 56 → 1,234 + 5,600 = 6,834)."""
    long, short = (a, b) if len(str(a)) >= len(str(b)) else (b, a)
    return long + short * 10 ** (len(str(long)) - len(str(short)))


def sub_smaller_from_larger(a: int, b: int) -> int:
    """SUB_SMALLER_FROM_LARGER: each column takes the smaller digit from the larger
    (52 − 27 → 35)."""
    return _number(abs(x - y) for x, y in _columns(a, b))


def sub_exchange_no_decrement(a: int, b: int) -> int:
    """SUB_EXCHANGE_NO_DECREMENT: a column whose top digit is too small gets ten more, but the
    column it came from is never reduced (73 − 18 → 65; 400 − 163 → 347)."""
    return _number(x - y if x >= y else x + 10 - y for x, y in _columns(a, b))


def sub_across_zero(a: int, b: int) -> int:
    """SUB_ACROSS_ZERO: exchanges from non-zero digits are done properly, zeros are not.

    A zero on top that is too small is simply treated as ten (nothing is exchanged for it),
    and a zero asked to give a ten becomes 9 without the exchange going on to the next column.
    400 − 163 → 347 (both zeros taken as ten); 405 − 168 → 337 (the 0 becomes 9, the 4 stays);
    4,002 − 1,358 → 3,744. Without zeros in the top number it equals the right answer.
    """
    cols = _columns(a, b)
    top = [x for x, _ in cols]
    was_zero = [x == 0 for x in top]
    out = []
    for i, (_, y) in enumerate(cols):
        x = top[i]
        if x >= y:
            out.append(x - y)
        elif x == 0 and was_zero[i]:
            out.append(10 - y)
        else:
            out.append(x + 10 - y)
            if i + 1 < len(top):
                top[i + 1] = 9 if top[i + 1] == 0 and was_zero[i + 1] else top[i + 1] - 1
    return _number(out)


# --- building operands column by column -------------------------------------------------------


def _add_operands(
    rng: random.Random,
    a_len: int,
    b_len: int,
    carry_cols: Collection[int],
    *,
    a_zeros: Collection[int] = (),
) -> tuple[int, int]:
    """Two addends (``a_len`` ≥ ``b_len`` digits) whose column addition carries out of exactly
    the columns in ``carry_cols`` (0 = ones). Digits are 1-9 except the columns of ``a`` listed
    in ``a_zeros``; ``a``'s columns beyond ``b`` carry only when they are 9 and receive one."""
    da: list[int] = []
    db: list[int] = []
    carry = 0
    for col in range(a_len):
        a_choices = (0,) if col in a_zeros else DIGITS
        b_choices = DIGITS if col < b_len else (0,)
        want = col in carry_cols
        pairs = [(x, y) for x in a_choices for y in b_choices if (x + y + carry >= 10) == want]
        if not pairs:
            raise Resample
        x, y = rng.choice(pairs)
        da.append(x)
        db.append(y)
        carry = int(want)
    return _number(da), _number(db[:b_len])


def _sub_operands(
    rng: random.Random,
    a_len: int,
    b_len: int,
    exchange_cols: Collection[int],
    *,
    a_zeros: Collection[int] = (),
) -> tuple[int, int]:
    """``a`` (``a_len`` digits) and ``b`` (``b_len`` ≤ ``a_len`` digits), a > b, such that
    column subtraction exchanges into exactly the columns in ``exchange_cols``. Digits are 1-9
    except the columns of ``a`` in ``a_zeros``; the answer keeps a non-zero leading digit."""
    da: list[int] = []
    db: list[int] = []
    borrow = 0
    for col in range(a_len):
        a_choices = (0,) if col in a_zeros else DIGITS
        b_choices = DIGITS if col < b_len else (0,)
        want = col in exchange_cols
        top = col == a_len - 1
        pairs = [
            (x, y)
            for x in a_choices
            for y in b_choices
            if (x - borrow < y) == want and (not top or x - borrow - y >= 1)
        ]
        if not pairs:
            raise Resample
        x, y = rng.choice(pairs)
        da.append(x)
        db.append(y)
        borrow = int(want)
    return _number(da), _number(db[:b_len])


def _pick(rng: random.Random, columns: Iterable[int], count: int) -> frozenset[int]:
    return frozenset(rng.sample(sorted(columns), count))


def _round(n: int, unit: int) -> int:
    """Round half up to a multiple of ``unit``."""
    return (n + unit // 2) // unit * unit


def _truncate(n: int, unit: int) -> int:
    return n // unit * unit


# --- drafts shared by the calculation families ------------------------------------------------


def _sentence(expression: str, box_first: bool) -> str:
    return f"{BOX} = {expression}" if box_first else f"{expression} = {BOX}"


def _integer(value: int, unit: str = "") -> AnswerSpec:
    """A whole-number answer; an amount in pence is a money answer (the unit says p or £)."""
    if unit in ("p", "£"):
        return AnswerSpec(kind="money", value=canon_money(value), unit=unit)
    return AnswerSpec(kind="integer", value=canon_integer(value), unit=unit)


def _bugs(values: Mapping[str, int | None]) -> dict[str, str]:
    return {label: canon_integer(v) for label, v in values.items() if v is not None and v >= 0}


def _layout(box_first: bool) -> str:
    return "box-first" if box_first else "box-last"


def _sum_draft(a: int, b: int, *, year: int, box_first: bool = False) -> Draft:
    """``a + b = □`` (or ``□ = a + b``); column bugs from Year 2, misalignment from Year 3."""
    if year >= 2 and a == b:
        raise Resample  # a double: recalled, not calculated
    bugs: dict[str, int | None] = {"OP_SWAP": abs(a - b)}
    if year >= 2:
        bugs["ADD_NO_CARRY"] = add_no_carry(a, b)
        bugs["ADD_CARRY_WRITTEN"] = add_carry_written(a, b)
    if year >= 3 and len(str(a)) != len(str(b)):
        bugs["MISALIGNED"] = misaligned(a, b)
    return Draft(
        prompt=_sentence(f"{number_text(a)} + {number_text(b)}", box_first),
        answer=_integer(a + b),
        params={"a": a, "b": b, "layout": _layout(box_first)},
        bugs=_bugs(bugs),
    )


def _difference_draft(a: int, b: int, *, year: int, box_first: bool = False) -> Draft:
    """``a − b = □`` (or ``□ = a − b``); column bugs from Year 2."""
    if a - b in (a, b):
        raise Resample  # the answer would repeat an operand
    bugs: dict[str, int | None] = {"OP_SWAP": a + b}
    if year >= 2:
        bugs["SUB_SMALLER_FROM_LARGER"] = sub_smaller_from_larger(a, b)
        bugs["SUB_EXCHANGE_NO_DECREMENT"] = sub_exchange_no_decrement(a, b)
        bugs["SUB_ACROSS_ZERO"] = sub_across_zero(a, b)
    return Draft(
        prompt=_sentence(f"{number_text(a)} {MINUS} {number_text(b)}", box_first),
        answer=_integer(a - b),
        params={"a": a, "b": b, "layout": _layout(box_first)},
        bugs=_bugs(bugs),
    )


def _three_term_draft(a: int, b: int, c: int, ops: tuple[str, str]) -> Draft:
    """``a ± b ± c``, worked left to right (no multiplication involved)."""
    first = a + b if ops[0] == "+" else a - b
    answer = first + c if ops[1] == "+" else first - c
    swapped = first - c if ops[1] == "+" else first + c
    if answer <= 0 or first <= 0 or answer in (a, b, c):
        raise Resample
    shown = [op if op == "+" else MINUS for op in ops]
    expression = f"{number_text(a)} {shown[0]} {number_text(b)} {shown[1]} {number_text(c)}"
    return Draft(
        prompt=_sentence(expression, box_first=False),
        answer=_integer(answer),
        params={"terms": [a, b, c], "ops": list(ops)},
        bugs=_bugs({"ONE_STEP_ONLY": first, "OP_SWAP": swapped}),
    )


def _scaled(pair: tuple[int, int], scale: int) -> tuple[int, int]:
    return pair[0] * scale, pair[1] * scale


# --- BONDS ------------------------------------------------------------------------------------


@family("BONDS", objectives=("Y1-AS-02", "Y2-AS-02"))
def bonds(objective: str, level: int, rng: random.Random) -> Draft:
    """Number bonds and their subtraction facts: to 10 and 20 in Year 1; fluent within 20 and
    multiples of ten to 100 in Year 2."""
    year = _year(objective)
    if year == 1:
        if level == 1:  # a + □ = 10
            return _bond_add(rng.randint(1, 9), 10)
        if level == 2:  # 10 − a = □
            return _bond_subtract(10, rng.randint(1, 9))
        if level == 3:  # a + □ = 20
            return _bond_add(rng.randint(2, 18), 20)
        # level 4: □ − a = b within 20, crossing ten
        a, b = rng.randint(3, 9), rng.randint(3, 9)
        if a + b <= 10 or a == b:
            raise Resample
        return _bond_unknown_start(a, b, step=1)
    if level == 1:  # a + □ = t within 20, bridging ten
        a, part = rng.randint(3, 9), rng.randint(3, 9)
        if a + part <= 10 or a == part:
            raise Resample
        return _bond_add(a, a + part)
    if level == 2:  # t − a = □ within 20, crossing ten
        t, a = rng.randint(11, 18), rng.randint(3, 9)
        if t - a >= 10:
            raise Resample
        return _bond_subtract(t, a)
    if level == 3:  # a0 + □ = 100
        return _bond_add(10 * rng.randint(1, 9), 100, step=10)
    # level 4: □ − a0 = b0 with a total of at most 100
    a, b = rng.randint(2, 8), rng.randint(2, 8)
    if a + b > 10 or a == b:
        raise Resample
    return _bond_unknown_start(10 * a, 10 * b, step=10)


def _bond_add(given: int, total: int, step: int = 1) -> Draft:
    missing = total - given
    if missing == given:
        raise Resample  # the answer would repeat the number shown
    prompt = f"{number_text(given)} + {BOX} = {number_text(total)}"
    bugs: dict[str, int | None] = {"MISSING_OPERATE_ON_GIVEN": given + total}
    if step == 1:
        bugs["OFF_BY_ONE"] = missing + 1  # counted on from the given number, including it
    else:
        bugs["DIGIT_NOT_VALUE"] = missing // step  # the bond of the tens digits, not its value
    return Draft(
        prompt=prompt,
        answer=_integer(missing),
        params={"given": given, "total": total},
        bugs=_bugs(bugs),
    )


def _bond_subtract(total: int, given: int) -> Draft:
    if total == 2 * given:
        raise Resample  # the answer would repeat the number shown
    return Draft(
        prompt=f"{number_text(total)} {MINUS} {number_text(given)} = {BOX}",
        answer=_integer(total - given),
        params={"total": total, "given": given},
        bugs=_bugs({"OP_SWAP": total + given, "OFF_BY_ONE": total - given + 1}),
    )


def _bond_unknown_start(taken: int, left: int, step: int) -> Draft:
    bugs: dict[str, int | None] = {"MISSING_OPERATE_ON_GIVEN": abs(left - taken)}
    if step == 10:
        bugs["DIGIT_NOT_VALUE"] = (taken + left) // 10
    return Draft(
        prompt=f"{BOX} {MINUS} {number_text(taken)} = {number_text(left)}",
        answer=_integer(taken + left),
        params={"taken": taken, "left": left},
        bugs=_bugs(bugs),
    )


# --- ADD and SUB ------------------------------------------------------------------------------

_CALC_OBJECTIVES = (
    "Y1-AS-01",
    "Y1-AS-03",
    "Y2-AS-02",
    "Y2-AS-03",
    "Y3-AS-01",
    "Y3-AS-02",
    "Y4-AS-01",
    "Y5-AS-01",
    "Y5-AS-02",
    "Y6-CALC-04",
)


@family("ADD", objectives=_CALC_OBJECTIVES)
def add(objective: str, level: int, rng: random.Random) -> Draft:
    """Addition, horizontal, in both layouts (``a + b = □`` and ``□ = a + b`` at level 4)."""
    year = _year(objective)
    box_first = level == 4
    if objective in ("Y1-AS-01", "Y1-AS-03"):
        return _add_year1(objective, level, rng)
    if objective == "Y2-AS-02":  # facts to 20, derived facts with tens to 100
        if level == 1:
            a, b = rng.randint(2, 8), rng.randint(2, 8)
            if a + b > 10 or a == b:
                raise Resample
        elif level == 2:
            a, b = rng.randint(3, 9), rng.randint(3, 9)
            if a + b <= 10:
                raise Resample
        else:  # tens and tens: total under 100 (level 3), exactly 100 (level 4)
            a = rng.randint(1, 8)
            b = 10 - a if level == 4 else rng.randint(1, 9 - a)
            if a == b:
                raise Resample
            draft = _sum_draft(10 * a, 10 * b, year=year, box_first=box_first)
            return _with_bugs(draft, {"DIGIT_NOT_VALUE": a + b})
        return _sum_draft(a, b, year=year)
    if objective == "Y2-AS-03":
        if level == 1:  # 2-digit + tens
            a, b = _add_operands(rng, 2, 2, ())
            return _sum_draft(a, b // 10 * 10, year=year)
        if level == 2:  # 2-digit + ones, crossing a ten
            a, b = _add_operands(rng, 2, 1, {0})
            return _sum_draft(a, b, year=year)
        if level == 3:  # three one-digit numbers
            return _three_ones(rng)
        a, b = _add_operands(rng, 2, 2, {0})  # two 2-digit numbers, one carry
        return _sum_draft(a, b, year=year, box_first=True)
    if objective == "Y3-AS-01":  # mental: 3-digit and ones / tens / hundreds
        if level == 1:
            a, b = _add_operands(rng, 3, 3, ())
            return _sum_draft(a, b // 100 * 100, year=year)
        if level == 2:
            a, b = _add_operands(rng, 3, 1, {0})
            return _sum_draft(a, b, year=year)
        if level == 3:
            a, b = _add_operands(rng, 3, 2, {1})
            return _sum_draft(a, b // 10 * 10, year=year)
        a, b = _add_operands(rng, 3, 1, {0, 1})  # the ones push through the hundred
        return _sum_draft(a, b, year=year, box_first=True)
    if objective == "Y3-AS-02":  # written, up to 3 digits
        plan = {1: (3, 3, 0, False), 2: (3, 3, 1, False), 3: (3, 3, 2, False), 4: (3, 3, 3, True)}
        return _written_sum(rng, *plan[level], year=year, box_first=box_first)
    if objective == "Y4-AS-01":
        plan = {1: (4, 4, 0, False), 2: (4, 4, 1, False), 3: (4, 4, 3, False), 4: (4, 3, 3, False)}
        return _written_sum(rng, *plan[level], year=year, box_first=box_first)
    if objective == "Y5-AS-01":
        plan = {1: (5, 4, 1, False), 2: (5, 5, 2, False), 3: (6, 5, 3, False), 4: (6, 6, 4, False)}
        return _written_sum(rng, *plan[level], year=year, box_first=box_first)
    if objective == "Y5-AS-02":  # mental with large, mostly round, numbers
        if level == 1:  # 5-digit + whole thousands, no carry
            a, b = _add_operands(rng, 5, 5, ())
            return _sum_draft(a, b // 1000 % 10 * 1000, year=year)
        if level == 2:  # 45,600 + 2,400
            a, b = _scaled(_add_operands(rng, 3, 2, {0}), 100)
            return _sum_draft(a, b, year=year)
        if level == 3:  # 287,000 + 45,000
            a, b = _scaled(_add_operands(rng, 3, 2, {0, 1}), 1000)
            return _sum_draft(a, b, year=year)
        return _compensate_add(rng, 5, 9_999, year=year)
    # Y6-CALC-04: mental, large numbers and mixed operations
    if level == 1:
        a, b = _add_operands(rng, 6, 6, ())
        return _sum_draft(a, b // 10_000 % 10 * 10_000, year=year)
    if level == 2:
        a, b = _scaled(_add_operands(rng, 4, 3, {0, 1}), 1000)
        return _sum_draft(a, b, year=year)
    if level == 3:
        terms = [1000 * rng.randint(12, 98) for _ in range(3)]
        return _three_term_draft(terms[0], terms[1], terms[2], ("+", "-"))
    return _compensate_add(rng, 7, 999_999, year=year)


def _add_year1(objective: str, level: int, rng: random.Random) -> Draft:
    if objective == "Y1-AS-01":  # number sentences: both layouts, within 10 then within 20
        a, b = rng.randint(2, 9), rng.randint(2, 9)
        if (a + b <= 10) != (level <= 2):
            raise Resample
        return _sum_draft(a, b, year=1, box_first=level in (2, 4))
    if level == 1:  # including zero
        n = rng.randint(3, 20)
        a, b = (0, n) if rng.random() < 0.5 else (n, 0)
        return _sum_draft(a, b, year=1)
    if level == 2:  # a teen number and ones, no crossing
        a, b = rng.randint(11, 17), rng.randint(2, 8)
        if a % 10 + b >= 10:
            raise Resample
        return _sum_draft(a, b, year=1)
    if level == 3:  # one-digit numbers bridging ten
        a, b = rng.randint(3, 9), rng.randint(3, 9)
        if a + b <= 10:
            raise Resample
        return _sum_draft(a, b, year=1)
    a, b = rng.randint(2, 9), rng.randint(11, 18)  # smaller number first, total up to 20
    if a + b > 20:
        raise Resample
    return _sum_draft(a, b, year=1)


def _three_ones(rng: random.Random) -> Draft:
    """Three one-digit numbers with no pair making ten (no bond shortcut)."""
    a, b, c = (rng.randint(3, 9) for _ in range(3))
    if 10 in (a + b, a + c, b + c) or a + b + c < 13:
        raise Resample
    total = a + b + c
    return Draft(
        prompt=_sentence(f"{a} + {b} + {c}", box_first=False),
        answer=_integer(total),
        params={"terms": [a, b, c]},
        bugs=_bugs({"ONE_STEP_ONLY": a + b}),
    )


def _written_sum(
    rng: random.Random,
    a_len: int,
    b_len: int,
    carry_count: int,
    overflow: bool,
    *,
    year: int,
    box_first: bool,
) -> Draft:
    """Column addition with exactly ``carry_count`` carries; ``overflow`` lets the top column
    carry (the sum gains a digit)."""
    columns = range(b_len if overflow or b_len < a_len else b_len - 1)
    a, b = _add_operands(rng, a_len, b_len, _pick(rng, columns, carry_count))
    if b_len < a_len and box_first:
        a, b = b, a  # shorter number first: lining up on the right matters
    return _sum_draft(a, b, year=year, box_first=box_first)


def _compensate_add(rng: random.Random, digits: int, near_round: int, *, year: int) -> Draft:
    """a + 9,999-style items (add the round number, adjust by one)."""
    a = _number(rng.choice(DIGITS) for _ in range(digits))
    draft = _sum_draft(a, near_round, year=year, box_first=True)
    return _with_bugs(draft, {"OFF_BY_ONE": a + near_round + 1})


@family("SUB", objectives=_CALC_OBJECTIVES)
def sub(objective: str, level: int, rng: random.Random) -> Draft:
    """Subtraction, horizontal, in both layouts (``□ = a − b`` at level 4)."""
    year = _year(objective)
    if objective in ("Y1-AS-01", "Y1-AS-03"):
        return _sub_year1(objective, level, rng)
    if objective == "Y2-AS-02":
        if level == 1:  # within 10
            a, b = rng.randint(5, 10), rng.randint(2, 8)
            if a - b < 2:
                raise Resample
            return _difference_draft(a, b, year=year)
        if level == 2:  # within 20, crossing ten
            a, b = rng.randint(11, 18), rng.randint(3, 9)
            if a % 10 >= b:
                raise Resample
            return _difference_draft(a, b, year=year)
        if level == 3:  # tens from tens
            a, b = rng.randint(4, 9), rng.randint(2, 8)
            if a - b < 1:
                raise Resample
            draft = _difference_draft(10 * a, 10 * b, year=year)
            return _with_bugs(draft, {"DIGIT_NOT_VALUE": a - b})
        b = rng.randint(1, 9)  # 100 − tens
        draft = _difference_draft(100, 10 * b, year=year, box_first=True)
        return _with_bugs(draft, {"DIGIT_NOT_VALUE": 10 - b})
    if objective == "Y2-AS-03":
        if level == 1:  # 2-digit − tens
            a, b = _sub_operands(rng, 2, 2, ())
            return _difference_draft(a, b // 10 * 10, year=year)
        if level == 2:  # 2-digit − ones, crossing a ten
            a, b = _sub_operands(rng, 2, 1, {0})
            return _difference_draft(a, b, year=year)
        if level == 3:  # 2-digit − 2-digit, one exchange
            a, b = _sub_operands(rng, 2, 2, {0})
            return _difference_draft(a, b, year=year)
        a, b = _sub_operands(rng, 2, 2, {0}, a_zeros={0})  # 80 − 34
        return _difference_draft(a, b, year=year, box_first=True)
    if objective == "Y3-AS-01":
        if level == 1:
            a, b = _sub_operands(rng, 3, 3, ())
            return _difference_draft(a, b // 100 * 100, year=year)
        if level == 2:
            a, b = _sub_operands(rng, 3, 1, {0})
            return _difference_draft(a, b, year=year)
        if level == 3:  # 413 − 50: the tens cross a hundred
            a, b = _sub_operands(rng, 3, 2, {1})
            return _difference_draft(a, b // 10 * 10, year=year)
        a, b = _sub_operands(rng, 3, 1, {0, 1}, a_zeros={1})  # 403 − 7
        return _difference_draft(a, b, year=year, box_first=True)
    if objective == "Y3-AS-02":
        if level == 4:  # a zero in the tens: 405 − 168
            a, b = _sub_operands(rng, 3, 3, {0, 1}, a_zeros={1})
            return _difference_draft(a, b, year=year, box_first=True)
        a, b = _sub_operands(rng, 3, 3, _pick(rng, range(2), level - 1))
        return _difference_draft(a, b, year=year)
    if objective == "Y4-AS-01":
        if level == 4:  # exchanging across zeros: 4,002 − 1,358
            a, b = _sub_operands(rng, 4, 4, {0, 1, 2}, a_zeros={1, 2})
            return _difference_draft(a, b, year=year, box_first=True)
        count = {1: 0, 2: 1, 3: rng.choice((2, 3))}[level]
        a, b = _sub_operands(rng, 4, 4, _pick(rng, range(3), count))
        return _difference_draft(a, b, year=year)
    if objective == "Y5-AS-01":
        if level == 4:  # 6-digit with zeros − 5-digit
            a, b = _sub_operands(rng, 6, 5, {1, 2, 3}, a_zeros={2, 3})
            return _difference_draft(a, b, year=year, box_first=True)
        a_len, b_len, count = {1: (5, 4, 1), 2: (5, 5, 2), 3: (6, 5, 3)}[level]
        columns = range(b_len if b_len < a_len else b_len - 1)
        a, b = _sub_operands(rng, a_len, b_len, _pick(rng, columns, count))
        return _difference_draft(a, b, year=year)
    if objective == "Y5-AS-02":
        if level == 1:
            a, b = _sub_operands(rng, 5, 5, ())
            return _difference_draft(a, b // 1000 % 10 * 1000, year=year)
        if level == 2:  # 45,200 − 2,400
            a, b = _scaled(_sub_operands(rng, 3, 2, {0}), 100)
            return _difference_draft(a, b, year=year)
        if level == 3:  # 324,000 − 57,000
            a, b = _scaled(_sub_operands(rng, 3, 2, {0, 1}), 1000)
            return _difference_draft(a, b, year=year)
        return _compensate_sub(rng, 5, 9_999, year=year)
    # Y6-CALC-04
    if level == 1:
        a, b = _sub_operands(rng, 6, 6, ())
        return _difference_draft(a, b // 10_000 % 10 * 10_000, year=year)
    if level == 2:
        a, b = _scaled(_sub_operands(rng, 4, 3, {0, 1}), 1000)
        return _difference_draft(a, b, year=year)
    if level == 3:  # a − b − c with whole thousands
        b, c = rng.randint(12, 45), rng.randint(12, 45)
        a = rng.randint(b + c + 3, 98)
        return _three_term_draft(1000 * a, 1000 * b, 1000 * c, ("-", "-"))
    b = _number(rng.choice(DIGITS) for _ in range(6))  # 1,000,000 − 6-digit
    return _difference_draft(1_000_000, b, year=year, box_first=True)


def _sub_year1(objective: str, level: int, rng: random.Random) -> Draft:
    if objective == "Y1-AS-01":  # number sentences: both layouts, within 10 then within 20
        if level <= 2:
            a, b = rng.randint(5, 10), rng.randint(2, 7)
            if a - b < 2:
                raise Resample
        else:
            a, b = rng.randint(11, 18), rng.randint(3, 9)
            if a % 10 >= b:
                raise Resample
        return _difference_draft(a, b, year=1, box_first=level in (2, 4))
    if level == 1:  # including zero: n − 0 and n − n
        n = rng.randint(3, 20)
        b = n if rng.random() < 0.5 else 0
        return Draft(
            prompt=f"{n} {MINUS} {b} = {BOX}",
            answer=_integer(n - b),
            params={"a": n, "b": b, "layout": "box-last"},
            bugs=_bugs({"OP_SWAP": n + b}),
        )
    if level == 2:  # teen number − ones, no crossing
        a, b = rng.randint(13, 19), rng.randint(2, 8)
        if a % 10 <= b:
            raise Resample
        return _difference_draft(a, b, year=1)
    if level == 3:  # crossing ten
        a, b = rng.randint(11, 18), rng.randint(3, 9)
        if a % 10 >= b:
            raise Resample
        return _difference_draft(a, b, year=1)
    a, b = rng.randint(13, 20), rng.randint(11, 18)  # two 2-digit numbers within 20
    if a - b < 2:
        raise Resample
    return _difference_draft(a, b, year=1)


def _compensate_sub(rng: random.Random, digits: int, near_round: int, *, year: int) -> Draft:
    a = _number(rng.choice(DIGITS) for _ in range(digits))
    draft = _difference_draft(a, near_round, year=year, box_first=True)
    return _with_bugs(draft, {"OFF_BY_ONE": a - near_round - 1})


def _with_bugs(draft: Draft, extra: Mapping[str, int]) -> Draft:
    return Draft(
        prompt=draft.prompt,
        answer=draft.answer,
        params=draft.params,
        bugs={**draft.bugs, **_bugs(extra)},
        table=draft.table,
    )


# --- MISSING-AS -------------------------------------------------------------------------------


def _addends(year: int, level: int, rng: random.Random) -> tuple[int, int]:
    """Two addends in the year's range; the level sets how many carries (= exchanges in the
    matching subtraction)."""
    if year == 1:
        a, b = rng.randint(2, 9), rng.randint(2, 9)
        if (a + b > 10) != (level >= 2) or a == b:
            raise Resample
        return a, b
    if year == 2:
        if level == 1:
            return _add_operands(rng, 2, 2, ())
        return _add_operands(rng, 2, 2 if level > 2 else 1, {0})
    if year == 3:
        count = {1: 0, 2: 1, 3: 2, 4: 2}[level]
        return _add_operands(rng, 3, 3 if level > 1 else 2, _pick(rng, range(2), count))
    count = {1: 0, 2: 1, 3: 2, 4: 3}[level]
    return _add_operands(rng, 4, 4 if level > 1 else 3, _pick(rng, range(3), count))


@family("MISSING-AS", objectives=("Y1-AS-01", "Y1-AS-04", "Y2-AS-05", "Y3-AS-04"))
def missing_as(objective: str, level: int, rng: random.Random) -> Draft:
    """A box in any position of an addition or subtraction sentence."""
    year = _year(objective)
    a, b = _addends(year, level, rng)
    c = a + b
    t = number_text
    if level == 1:  # a + □ = c
        prompt, answer = f"{t(a)} + {BOX} = {t(c)}", b
        bugs: dict[str, int | None] = {"MISSING_OPERATE_ON_GIVEN": a + c}
    elif level == 2:  # □ + b = c
        prompt, answer = f"{BOX} + {t(b)} = {t(c)}", a
        bugs = {"MISSING_OPERATE_ON_GIVEN": b + c}
    elif level == 3:  # □ − b = a
        prompt, answer = f"{BOX} {MINUS} {t(b)} = {t(a)}", c
        bugs = {"MISSING_OPERATE_ON_GIVEN": abs(a - b)}
    elif objective in ("Y1-AS-04", "Y2-AS-05"):  # a = □ − b, as in 7 = □ − 9
        prompt, answer = f"{t(a)} = {BOX} {MINUS} {t(b)}", c
        bugs = {"MISSING_OPERATE_ON_GIVEN": abs(a - b)}
    else:  # a + b = □ + d: the equals sign as a balance
        d = _balance_part(year, a, b, rng)
        prompt, answer = f"{t(a)} + {t(b)} = {BOX} + {t(d)}", c - d
        bugs = {"EQUALS_AS_ANSWER_NEXT": c, "MISSING_OPERATE_ON_GIVEN": c + d}
    if a == b:
        raise Resample  # the answer would repeat a number shown
    return Draft(
        prompt=prompt,
        answer=_integer(answer),
        params={"a": a, "b": b, "form": level},
        bugs=_bugs(bugs),
    )


def _balance_part(year: int, a: int, b: int, rng: random.Random) -> int:
    """The number on the right of ``a + b = □ + d``: near ``b`` but not equal to it."""
    if year == 1:
        d = rng.randint(2, a + b - 2)
    else:
        step = 10 ** (len(str(b)) - 1)
        d = b + step * rng.choice((-2, -1, 1, 2))
    if d in (a, b) or d <= 0 or d >= a + b:
        raise Resample
    return d


# --- INVERSE-CHECK ----------------------------------------------------------------------------


@family("INVERSE-CHECK", objectives=("Y2-AS-05", "Y3-AS-03", "Y4-AS-02"))
def inverse_check(objective: str, level: int, rng: random.Random) -> Draft:
    """Fact families and choosing the inverse calculation that checks an answer."""
    year = _year(objective)
    a, b = _addends(year, min(level, 2), rng)
    if a == b or a == 2 * b:
        raise Resample  # one option must be the only check that works
    c = a + b
    t = number_text
    if level == 1:  # a + b = c, so c − b = □
        return Draft(
            prompt=f"{t(a)} + {t(b)} = {t(c)}. Use this fact to complete: "
            f"{t(c)} {MINUS} {t(b)} = {BOX}",
            answer=_integer(a),
            params={"a": a, "b": b, "form": level},
            bugs=_bugs({"INVERSE_WRONG_PAIR": b, "OP_SWAP": c + b}),
        )
    if level == 2:  # check an addition
        question = f"{t(a)} + {t(b)} = {t(c)}"
        right = f"{t(c)} {MINUS} {t(b)}"
        wrong = {"INVERSE_WRONG_PAIR": f"{t(max(a, b))} {MINUS} {t(min(a, b))}"}
        others = [f"{t(c)} + {t(b)}", f"{t(c)} + {t(a)}"]
    elif level == 3:  # check a subtraction
        question = f"{t(c)} {MINUS} {t(b)} = {t(a)}"
        right = f"{t(a)} + {t(b)}"
        wrong = {"INVERSE_WRONG_PAIR": f"{t(c)} + {t(b)}"}
        others = [
            f"{t(a)} {MINUS} {t(b)}" if a > b else f"{t(b)} {MINUS} {t(a)}",
            f"{t(c)} + {t(a)}",
        ]
    else:  # check a subtraction by another subtraction (the other pair of the family)
        question = f"{t(c)} {MINUS} {t(b)} = {t(a)}"
        right = f"{t(c)} {MINUS} {t(a)}"
        wrong = {"INVERSE_WRONG_PAIR": f"{t(c)} + {t(b)}"}
        others = [f"{t(c)} + {t(a)}", f"{t(a)} {MINUS} {t(b)}" if a > b else f"{t(b)} + {t(c)}"]
    options = shuffled_options(rng, right, [*wrong.values(), *others])
    return Draft(
        prompt=f"Which calculation could you use to check {question}?",
        answer=AnswerSpec(kind="choice", value=right, options=options),
        params={"a": a, "b": b, "form": level},
        bugs=wrong,
    )


# --- PROPERTY-TF ------------------------------------------------------------------------------


@family("PROPERTY-TF", objectives=("Y2-AS-04", "Y2-MD-03"))
def property_tf(objective: str, level: int, rng: random.Random) -> Draft:
    """Which operations can be done in either order: + and × can, − and ÷ cannot."""
    if objective == "Y2-AS-04":
        big, small = rng.randint(11, 19), rng.randint(3, 9)
        x, y = big, small
        same, other = "+", MINUS
        k = rng.randint(1, 5)
        kept = f"{big + k} {MINUS} {small + k}"  # the same difference
        distractors = [f"{big} + {small}", f"{big + k} {MINUS} {small}"]
    else:  # Year 2 tables: 2, 5 and 10
        small, quotient = rng.choice((2, 5, 10)), rng.randint(3, 12)
        if quotient == small:
            raise Resample
        big = small * quotient
        x, y = quotient, small
        same, other = TIMES, DIVIDE
        scale = rng.choice([s for s in (2, 5, 10) if s != small])
        kept = f"{scale * quotient} {DIVIDE} {scale}"  # the same quotient
        distractors = [f"{big} {TIMES} {small}", f"{big} {MINUS} {small}"]
    params = {"a": big, "b": small, "form": level}
    if level == 1:  # the operation that commutes: true
        statement = f"{x} {same} {y} has the same answer as {y} {same} {x}."
        return _true_false(statement, True, {}, params)
    if level == 2:  # the operation that does not: false
        statement = f"{big} {other} {small} has the same answer as {small} {other} {big}."
        return _true_false(statement, False, {"COMMUTE_SUB_DIV": TRUE}, params)
    if level == 3:  # which sentence is true?
        right = f"{x} {same} {y} = {y} {same} {x}"
        commuted = f"{big} {other} {small} = {small} {other} {big}"
        others = [
            f"{x} {same} {y} = {x} {other} {y}",
            f"{big} {other} {small} = {big} {same} {small}",
        ]
        return Draft(
            prompt="Which number sentence is true?",
            answer=AnswerSpec(
                kind="choice",
                value=right,
                options=shuffled_options(rng, right, [commuted, *others]),
            ),
            params=params,
            bugs={"COMMUTE_SUB_DIV": commuted},
        )
    # level 4: which calculation has the same answer as big − small (or big ÷ small)?
    commuted = f"{small} {other} {big}"
    return Draft(
        prompt=f"Which calculation has the same answer as {big} {other} {small}?",
        answer=AnswerSpec(
            kind="choice", value=kept, options=shuffled_options(rng, kept, [commuted, *distractors])
        ),
        params=params,
        bugs={"COMMUTE_SUB_DIV": commuted},
    )


def _true_false(
    statement: str, truth: bool, bugs: Mapping[str, str], params: Mapping[str, object]
) -> Draft:
    return Draft(
        prompt=f"True or false? {statement}",
        answer=AnswerSpec(kind="choice", value=TRUE if truth else FALSE, options=(TRUE, FALSE)),
        params=params,
        bugs=dict(bugs),
    )


# --- ESTIMATE ---------------------------------------------------------------------------------

# (year, level) -> (stem, operation, digits of a, digits of b, rounding unit of a, of b)
# stem: "round" = round as told then calculate (typed); "best" = best estimate (choice);
# "could" = which answer could be right (choice).
_ESTIMATE_PLANS: dict[tuple[int, int], tuple[str, str, int, int, int, int]] = {
    (3, 1): ("round", "+", 2, 2, 10, 10),
    (3, 2): ("round", "-", 3, 3, 100, 100),
    (3, 3): ("best", "+", 3, 3, 100, 100),
    (3, 4): ("could", "-", 3, 3, 100, 100),
    (4, 1): ("round", "+", 4, 4, 1000, 1000),
    (4, 2): ("round", "-", 4, 4, 100, 100),
    (4, 3): ("best", "+", 4, 4, 100, 100),
    (4, 4): ("could", "+", 4, 3, 100, 100),
    (5, 1): ("round", "+", 5, 5, 1000, 1000),
    (5, 2): ("round", "-", 6, 5, 10_000, 10_000),
    (5, 3): ("best", "+", 6, 5, 10_000, 10_000),
    (5, 4): ("could", "-", 6, 6, 10_000, 10_000),
    (6, 1): ("round", "-", 7, 6, 100_000, 100_000),
    (6, 2): ("best", "×", 2, 2, 10, 10),
    (6, 3): ("best", "×", 3, 2, 100, 10),
    (6, 4): ("could", "×", 2, 2, 10, 10),
}
_OPERATIONS: dict[str, Callable[[int, int], int]] = {
    "+": lambda x, y: x + y,
    "-": lambda x, y: x - y,
    "×": lambda x, y: x * y,
}


@family("ESTIMATE", objectives=("Y3-AS-03", "Y4-AS-02", "Y5-AS-03", "Y6-CALC-09"))
def estimate(objective: str, level: int, rng: random.Random) -> Draft:
    """Estimating by rounding, and using an estimate to check an answer."""
    stem, op, a_len, b_len, a_unit, b_unit = _ESTIMATE_PLANS[(_year(objective), level)]
    a = _number(rng.choice(DIGITS) for _ in range(a_len))
    b = _number(rng.choice(DIGITS) for _ in range(b_len))
    if op == "-" and a < b:
        a, b = b, a
    if a % a_unit * 2 == a_unit or b % b_unit * 2 == b_unit:
        raise Resample  # no ties: the rounding rule is not what is being assessed
    calc = _OPERATIONS[op]
    exact = calc(a, b)
    ra, rb = _round(a, a_unit), _round(b, b_unit)
    right = calc(ra, rb)
    truncated = calc(_truncate(a, a_unit), _truncate(b, b_unit))
    if min(right, truncated, exact) <= 0 or exact in (a, b) or truncated == right:
        raise Resample
    expression = f"{number_text(a)} {MINUS if op == '-' else op} {number_text(b)}"
    params = {"a": a, "b": b, "op": op, "stem": stem}
    if stem == "round":
        return Draft(
            prompt=f"Round each number to the nearest {number_text(a_unit)}. "
            f"Use the rounded numbers to estimate {expression}.",
            answer=_integer(right),
            params=params,
            bugs=_bugs({"ROUND_TRUNCATE": truncated, "OP_SWAP": ra - rb if op == "+" else ra + rb}),
        )
    if stem == "best":
        away = 1 if exact < right else -1  # near misses on the far side of the right estimate
        if op == "×":
            near, other = (ra + away * a_unit) * rb, right // 10
        else:
            near, other = right + away * a_unit, right + 2 * away * a_unit
        candidates = [truncated, right * 10, near, other]
        if min(candidates) <= 0 or any(abs(c - exact) <= abs(right - exact) for c in candidates):
            raise Resample
        texts = [number_text(c) for c in candidates]
        return Draft(
            prompt=f"Which is the best estimate of {expression}?",
            answer=AnswerSpec(
                kind="choice",
                value=number_text(right),
                options=shuffled_options(rng, number_text(right), texts),
            ),
            params=params,
            bugs={"ROUND_TRUNCATE": texts[0], "ESTIMATE_MAGNITUDE": texts[1]},
        )
    # "could": which answer could be right? Each wrong one is far from any sensible estimate.
    if op == "×":  # the tens row not multiplied by ten
        slip = {"LONGMUL_NO_PLACEHOLDER": a * (b // 10 + b % 10)}
    elif op == "+":
        slip = {"MISALIGNED": misaligned(a, b)}
    else:
        slip = {"OP_SWAP": a + b}
    wrong = {"ESTIMATE_MAGNITUDE": exact * 10, **slip}
    values = [*wrong.values(), exact // 10]
    if len(set(values)) < len(values) or any(abs(v - exact) * 10 < exact * 3 for v in values):
        raise Resample
    texts = {label: number_text(v) for label, v in wrong.items()}
    right_text = number_text(exact)
    return Draft(
        prompt=f"Use an estimate to decide. Which of these could be the answer to {expression}?",
        answer=AnswerSpec(
            kind="choice",
            value=right_text,
            options=shuffled_options(rng, right_text, [*texts.values(), number_text(exact // 10)]),
        ),
        params=params,
        bugs=texts,
    )


# --- WORD-AS ----------------------------------------------------------------------------------

# fmt: off
NAMES = (  # a diverse, rotating list of first names
    "Amir", "Bella", "Chen", "Dara", "Ella", "Femi", "Grace", "Hassan", "Isla", "Jay",
    "Kofi", "Lena", "Maya", "Noah", "Olu", "Priya", "Ravi", "Sofia", "Tom", "Zara",
)
# fmt: on

# One-step stories: (text, unit). {n1}/{n2} are names; {a}, {b}, {c} numbers.
# "add": a + b; "sub": a − b; "diff": a − b (comparison); "start": the start before a loss
# of {b} that left {c}, i.e. b + c.
Story = tuple[str, str]
_SMALL: dict[str, tuple[Story, ...]] = {
    "add": (
        (
            "{n1} has {a} stickers. {n1} is given {b} more. How many stickers does {n1} have now?",
            "",
        ),
        (
            "There are {a} children on a bus. {b} more children get on. "
            "How many children are on the bus now?",
            "",
        ),
        (
            "{n1} has {a} shells and {n2} has {b} shells. How many shells do they have altogether?",
            "",
        ),
        ("{n1} has {a}p. {n2} gives {n1} {b}p. How much money does {n1} have now?", "p"),
        (
            "A red ribbon is {a} cm long. A blue ribbon is {b} cm long. "
            "How long are the two ribbons together?",
            "cm",
        ),
    ),
    "sub": (
        (
            "{n1} has {a} marbles. {n1} gives {b} marbles to {n2}. "
            "How many marbles does {n1} have left?",
            "",
        ),
        ("There are {a} apples in a box. {b} apples are eaten. How many apples are left?", ""),
        ("{n1} has {a}p and spends {b}p on a pencil. How much money does {n1} have left?", "p"),
        (
            "A piece of string is {a} cm long. {n1} cuts {b} cm off. How long is the string now?",
            "cm",
        ),
        (
            "There are {a} birds in a tree. {b} birds fly away. "
            "How many birds are still in the tree?",
            "",
        ),
    ),
    "diff": (
        (
            "{n1} has {a} conkers. {n2} has {b} conkers. "
            "How many more conkers does {n1} have than {n2}?",
            "",
        ),
        (
            "{n1} scored {a} points. {n2} scored {b} points. "
            "How many more points did {n1} score than {n2}?",
            "",
        ),
        (
            "A sunflower is {a} cm tall. A tulip is {b} cm tall. "
            "How much taller is the sunflower than the tulip?",
            "cm",
        ),
        (
            "A book costs {a}p. A pen costs {b}p. How much more does the book cost than the pen?",
            "p",
        ),
    ),
    "start": (
        (
            "{n1} had some stickers. {n1} gave {b} stickers to {n2} and has {c} left. "
            "How many stickers did {n1} have at the start?",
            "",
        ),
        (
            "Some children were on a bus. {b} children got off and {c} children stayed on. "
            "How many children were on the bus at the start?",
            "",
        ),
        (
            "{n1} had some money. {n1} spent {b}p and has {c}p left. "
            "How much money did {n1} have at the start?",
            "p",
        ),
    ),
}
_MEDIUM: dict[str, tuple[Story, ...]] = {
    "add": (
        (
            "On Saturday {a} people visited a castle. On Sunday {b} people visited. "
            "How many people visited the castle on the two days?",
            "",
        ),
        (
            "A lorry drove {a} km on Monday and {b} km on Tuesday. "
            "How far did it drive altogether?",
            "km",
        ),
        (
            "A library has {a} story books and {b} information books. "
            "How many books does it have altogether?",
            "",
        ),
        (
            "A garden centre sold {a} plants in spring and {b} plants in summer. "
            "How many plants did it sell altogether?",
            "",
        ),
    ),
    "sub": (
        ("A theatre has {a} seats. {b} tickets have been sold. How many seats are still free?", ""),
        (
            "A train journey is {a} km long. The train has gone {b} km so far. "
            "How much further does it have to go?",
            "km",
        ),
        ("A farm had {a} eggs. {b} eggs were sold at the market. How many eggs were left?", ""),
        ("A water tank holds {a} litres. {b} litres are used. How many litres are left?", "litres"),
    ),
    "diff": (
        (
            "{n1} walked {a} steps on Monday and {b} steps on Tuesday. "
            "How many more steps did {n1} walk on Monday?",
            "",
        ),
        (
            "Hill Farm has {a} chickens. Brook Farm has {b} chickens. "
            "How many more chickens does Hill Farm have?",
            "",
        ),
        (
            "A mountain path is {a} m long. A forest path is {b} m long. "
            "How much longer is the mountain path?",
            "m",
        ),
    ),
    "start": (
        (
            "A library lent out {b} books and had {c} books left on its shelves. "
            "How many books were on the shelves at the start?",
            "",
        ),
        (
            "A shop sold {b} bottles of water and had {c} bottles left. "
            "How many bottles did it have at the start?",
            "",
        ),
    ),
}
_THINGS = ("books", "apples", "T-shirts", "pencils", "tins of soup")


@family(
    "WORD-AS",
    objectives=(
        "Y1-AS-04",
        "Y2-NPV-06",
        "Y2-AS-01",
        "Y3-AS-04",
        "Y4-AS-03",
        "Y5-AS-04",
        "Y5-MD-10",
        "Y6-CALC-07",
    ),
)
def word_as(objective: str, level: int, rng: random.Random) -> Draft:
    """Addition and subtraction in context: one step (Years 1-3), two steps (Year 4), several
    steps (Years 5-6); Year 5 mixes all four operations; Year 2 place-value problems."""
    n1, n2 = rng.sample(NAMES, 2)
    if objective == "Y1-AS-04":
        if level == 1:
            a, b = rng.randint(2, 7), rng.randint(2, 7)
            if a + b > 10 or a == b:
                raise Resample
            return _one_step(rng, _SMALL, "add", a, b, n1, n2)
        if level == 2:
            a, b = rng.randint(13, 19), rng.randint(2, 8)
            if a % 10 <= b:
                raise Resample
            return _one_step(rng, _SMALL, "sub", a, b, n1, n2)
        if level == 3:
            a, b = rng.randint(11, 18), rng.randint(3, 9)
            if a % 10 >= b or a - b == b:
                raise Resample
            return _one_step(rng, _SMALL, "diff", a, b, n1, n2)
        a, b = rng.randint(3, 9), rng.randint(3, 9)
        if a + b > 20 or a == b:
            raise Resample
        return _one_step(rng, _SMALL, "start", a, b, n1, n2)
    if objective == "Y2-NPV-06":
        return _place_value_problem(level, rng, n1)
    if objective == "Y2-AS-01":
        if level == 1:
            return _one_step(rng, _SMALL, "add", *_add_operands(rng, 2, 1, ()), n1, n2)
        if level == 2:
            return _one_step(rng, _SMALL, "sub", *_sub_operands(rng, 2, 2, {0}), n1, n2)
        if level == 3:
            return _one_step(rng, _SMALL, "diff", *_sub_operands(rng, 2, 2, {0}), n1, n2)
        return _one_step(rng, _SMALL, "start", *_add_operands(rng, 2, 2, {0}), n1, n2)
    if objective == "Y3-AS-04":
        if level == 1:
            return _one_step(
                rng, _MEDIUM, "add", *_add_operands(rng, 3, 3, _pick(rng, (0, 1), 1)), n1, n2
            )
        if level == 2:
            return _one_step(rng, _MEDIUM, "sub", *_sub_operands(rng, 3, 3, {0}), n1, n2)
        if level == 3:
            return _one_step(rng, _MEDIUM, "diff", *_sub_operands(rng, 3, 3, {0, 1}), n1, n2)
        return _one_step(rng, _MEDIUM, "start", *_add_operands(rng, 3, 3, {0, 1}), n1, n2)
    if objective == "Y4-AS-03":
        story = {1: _sold_twice, 2: _sold_and_born, 3: _target, 4: _compare_totals}[level]
        return story(rng, 3 if level == 1 else 4, n1)
    if objective == "Y5-AS-04":
        story = {1: _target, 2: _compare_totals, 3: _stadium, 4: _start_unknown}[level]
        return story(rng, 5, n1)
    if objective == "Y6-CALC-07":
        if level == 3:
            return _shopping(rng, 5, n1)
        story = {1: _journey, 2: _stadium, 4: _start_unknown}[level]
        return story(rng, 6 if level == 4 else 5, n1)
    return _four_operations(level, rng, n1, n2)


def _one_step(
    rng: random.Random,
    bank: Mapping[str, tuple[Story, ...]],
    kind: str,
    a: int,
    b: int,
    n1: str,
    n2: str,
) -> Draft:
    """A one-step story. For "start", ``a`` is the amount lost and ``b`` the amount left."""
    text, unit = rng.choice(bank[kind])
    if kind == "start":
        shown = {"b": a, "c": b}
        answer, swapped = a + b, abs(b - a)
    else:
        if kind != "add" and a - b in (a, b):
            raise Resample
        shown = {"a": a, "b": b}
        answer, swapped = (a + b, abs(a - b)) if kind == "add" else (a - b, a + b)
    numbers = {k: number_text(v) for k, v in shown.items()}
    return Draft(
        prompt=text.format(n1=n1, n2=n2, **numbers),
        answer=_integer(answer, unit),
        params={"kind": kind, **shown},
        bugs=_bugs({"OP_SWAP": swapped}),
    )


def _place_value_problem(level: int, rng: random.Random, name: str) -> Draft:
    """Year 2: tens and ones, adding tens, bonds of tens to 100, a reverse problem."""
    if level == 1:
        tens, ones = rng.randint(2, 9), rng.randint(1, 9)
        if tens == ones:
            raise Resample
        return Draft(
            prompt=f"Pencils come in boxes of 10. {name} has {tens} boxes and {ones} loose "
            f"pencils. How many pencils does {name} have?",
            answer=_integer(10 * tens + ones),
            params={"tens": tens, "ones": ones},
            bugs=_bugs({"PV_WRONG_COLUMN": 10 * ones + tens, "DIGIT_NOT_VALUE": tens + ones}),
        )
    if level == 2:
        start, coins = rng.randint(12, 59), rng.randint(2, 4)
        if start % 10 == 0 or start + 10 * coins >= 100:
            raise Resample
        return Draft(
            prompt=f"{name} has {start}p. {name} is given {coins} more 10p coins. "
            f"How much money does {name} have now?",
            answer=AnswerSpec(kind="money", value=canon_money(start + 10 * coins), unit="p"),
            params={"start": start, "coins": coins},
            bugs={"PV_WRONG_COLUMN": canon_money(start + coins)},
        )
    if level == 3:
        have = 10 * rng.randint(2, 8)
        return Draft(
            prompt=f"{name} needs 100 points to win a game. {name} has {have} points. "
            f"How many more points does {name} need?",
            answer=_integer(100 - have),
            params={"have": have},
            bugs=_bugs(
                {"MISSING_OPERATE_ON_GIVEN": 100 + have, "DIGIT_NOT_VALUE": 10 - have // 10}
            ),
        )
    added, result = 10 * rng.randint(2, 5), rng.randint(41, 99)
    if result % 10 == 0 or result - added < 11:
        raise Resample
    return Draft(
        prompt=f"{name} thinks of a number and adds {added}. The answer is {result}. "
        f"What number did {name} think of?",
        answer=_integer(result - added),
        params={"added": added, "result": result},
        bugs=_bugs({"OP_SWAP": result + added, "PV_WRONG_COLUMN": result - added // 10}),
    )


def _amount(rng: random.Random, digits: int, low: float = 0.1, high: float = 0.9) -> int:
    """A number with ``digits`` digits between ``low`` and ``high`` of the next power of ten."""
    top = 10**digits
    return rng.randint(max(int(top * low), 10 ** (digits - 1)), int(top * high))


def _story(
    prompt: str,
    answer: int,
    params: Mapping[str, object],
    bugs: Mapping[str, int | None],
    *,
    unit: str = "",
    operands: Sequence[int] = (),
) -> Draft:
    if answer <= 0 or answer in operands:
        raise Resample
    return Draft(
        prompt=prompt, answer=_integer(answer, unit), params=dict(params), bugs=_bugs(bugs)
    )


def _sold_twice(rng: random.Random, digits: int, name: str) -> Draft:
    a = _amount(rng, digits, 0.4, 0.95)
    b, c = _amount(rng, digits - 1, 0.2), _amount(rng, digits - 1, 0.2)
    things = rng.choice(_THINGS)
    t = number_text
    return _story(
        f"A shop had {t(a)} {things}. It sold {t(b)} on Saturday and {t(c)} on Sunday. "
        f"How many {things} did it have left?",
        a - b - c,
        {"a": a, "b": b, "c": c, "steps": 2},
        {"ONE_STEP_ONLY": a - b, "OP_SWAP": a - b + c},
        operands=(a, b, c),
    )


def _sold_and_born(rng: random.Random, digits: int, name: str) -> Draft:
    a = _amount(rng, digits, 0.3, 0.8)
    b, c = _amount(rng, digits - 1, 0.2), _amount(rng, digits - 1, 0.2)
    t = number_text
    return _story(
        f"A farm had {t(a)} sheep. The farmer sold {t(b)} sheep, then {t(c)} lambs were born. "
        f"How many sheep are on the farm now?",
        a - b + c,
        {"a": a, "b": b, "c": c, "steps": 2},
        {"ONE_STEP_ONLY": a - b, "OP_SWAP": a - b - c},
        operands=(a, b, c),
    )


def _target(rng: random.Random, digits: int, name: str) -> Draft:
    target = _amount(rng, digits, 0.5, 0.95) // 100 * 100
    a, b = _amount(rng, digits, 0.1, 0.3), _amount(rng, digits, 0.1, 0.3)
    t = number_text
    return _story(
        f"A school wants to collect {t(target)} cans for recycling. Class 4 collects {t(a)} cans "
        f"and Class 5 collects {t(b)} cans. How many more cans does the school need?",
        target - a - b,
        {"target": target, "a": a, "b": b, "steps": 2},
        {"ONE_STEP_ONLY": a + b, "OP_SWAP": target - a + b},
        operands=(target, a, b),
    )


def _compare_totals(rng: random.Random, digits: int, name: str) -> Draft:
    a, b, c, d = (_amount(rng, digits, 0.2, 0.45) for _ in range(4))
    if a + b <= c + d:
        raise Resample
    t = number_text
    return _story(
        f"In a quiz, the Red team scored {t(a)} and {t(b)} points in two rounds. The Blue team "
        f"scored {t(c)} and {t(d)} points. How many more points did the Red team score?",
        a + b - c - d,
        {"a": a, "b": b, "c": c, "d": d, "steps": 3},
        {"ONE_STEP_ONLY": a + b},
        operands=(a, b, c, d),
    )


def _stadium(rng: random.Random, digits: int, name: str) -> Draft:
    seats = _amount(rng, digits, 0.6, 0.95) // 1000 * 1000
    home, away, late = (_amount(rng, digits, 0.1, 0.25) for _ in range(3))
    t = number_text
    inside = home + away + late
    return _story(
        f"A stadium has {t(seats)} seats. Before the match, {t(home)} home fans and {t(away)} "
        f"away fans sit down. Then {t(late)} more people arrive and sit down. "
        f"How many seats are still empty?",
        seats - inside,
        {"seats": seats, "home": home, "away": away, "late": late, "steps": 3},
        {"ONE_STEP_ONLY": inside},
        operands=(seats, home, away, late),
    )


def _journey(rng: random.Random, digits: int, name: str) -> Draft:
    total = _amount(rng, digits, 0.6, 0.95)
    legs = [_amount(rng, digits, 0.1, 0.2) for _ in range(3)]
    t = number_text
    return _story(
        f"A cycling race is {t(total)} m long. {name} rides {t(legs[0])} m, then {t(legs[1])} m, "
        f"then {t(legs[2])} m. How far does {name} still have to ride?",
        total - sum(legs),
        {"total": total, "legs": legs, "steps": 3},
        {"ONE_STEP_ONLY": sum(legs)},
        unit="m",
        operands=(total, *legs),
    )


def _start_unknown(rng: random.Random, digits: int, name: str) -> Draft:
    sold, bought = _amount(rng, digits, 0.1, 0.4), _amount(rng, digits, 0.1, 0.4)
    left = _amount(rng, digits, 0.45, 0.95)  # more than the delivery: stock never ran out
    things = rng.choice(_THINGS)
    start = left - bought + sold
    t = number_text
    return _story(
        f"A warehouse sent out {t(sold)} {things}. Then a delivery brought {t(bought)} more. "
        f"Now the warehouse has {t(left)} {things}. How many did it have at the start?",
        start,
        {"sold": sold, "bought": bought, "left": left, "steps": 2},
        {"ONE_STEP_ONLY": left - bought, "OP_SWAP": left + bought - sold},
        operands=(sold, bought, left),
    )


def _pounds(pence: int) -> str:
    return f"£{number_text(pence // 100)}.{pence % 100:02d}"


def _shopping(rng: random.Random, digits: int, name: str) -> Draft:
    """Money in pounds and pence: savings, two purchases, the amount left."""
    savings = _amount(rng, digits, 0.5, 0.95)
    coat, boots = _amount(rng, digits, 0.1, 0.25), _amount(rng, digits, 0.1, 0.25)
    if savings % 100 == 0:
        raise Resample
    left = savings - coat - boots
    if left <= 0:
        raise Resample
    return Draft(
        prompt=f"{name} has saved {_pounds(savings)}. {name} buys a coat for {_pounds(coat)} "
        f"and boots for {_pounds(boots)}. How much money does {name} have left?",
        answer=AnswerSpec(kind="money", value=canon_money(left), unit="£"),
        params={"savings": savings, "coat": coat, "boots": boots, "steps": 2},
        bugs={"ONE_STEP_ONLY": canon_money(coat + boots)},
    )


def _four_operations(level: int, rng: random.Random, n1: str, n2: str) -> Draft:
    """Year 5: problems mixing all four operations, and the equals sign as 'the same as'."""
    if level == 1:  # boxes and loose ones: k × n + m
        boxes, size, loose = rng.randint(3, 9), rng.randint(6, 12), rng.randint(2, 9)
        if loose >= size:
            raise Resample
        return _story(
            f"Pens come in boxes of {size}. A teacher has {boxes} full boxes and {loose} loose "
            f"pens. How many pens does the teacher have?",
            boxes * size + loose,
            {"boxes": boxes, "size": size, "loose": loose},
            {"ONE_STEP_ONLY": boxes * size, "ADD_FOR_MULT": boxes + size + loose},
        )
    if level == 2:  # share equally, then take some away: a ÷ k − m
        bags, each, eaten = rng.randint(3, 8), rng.randint(6, 15), rng.randint(2, 5)
        total = bags * each
        return _story(
            f"{n1} shares {total} sweets equally into {bags} bags. Then {n2} eats {eaten} sweets "
            f"from one bag. How many sweets are left in that bag?",
            each - eaten,
            {"total": total, "bags": bags, "eaten": eaten},
            {"ONE_STEP_ONLY": each},
            operands=(bags, eaten),
        )
    if level == 3:  # change from a note: N − k × p (pence)
        tickets, price = rng.randint(3, 6), 5 * rng.randint(70, 260)
        note = next((n for n in (1000, 2000, 5000) if n > tickets * price), None)
        if note is None or price % 100 == 0:
            raise Resample
        return Draft(
            prompt=f"{n1} buys {tickets} cinema tickets at {_pounds(price)} each and pays with a "
            f"£{note // 100} note. How much change does {n1} get?",
            answer=AnswerSpec(kind="money", value=canon_money(note - tickets * price), unit="£"),
            params={"tickets": tickets, "price": price, "note": note},
            bugs={"ONE_STEP_ONLY": canon_money(tickets * price)},
        )
    # level 4: equal totals, k × n = □ + m
    bags, size = rng.randint(3, 9), rng.randint(4, 12)
    more = rng.randint(3, bags * size - 5)
    return _story(
        f"{n1} has {bags} bags of {size} marbles. {n2} has some marbles. If {n2} is given {more} "
        f"more marbles, {n2} will have the same number as {n1}. How many marbles does {n2} have?",
        bags * size - more,
        {"bags": bags, "size": size, "more": more},
        {"EQUALS_AS_ANSWER_NEXT": bags * size, "OP_SWAP": bags * size + more},
        operands=(bags, size, more),
    )


# --- ORDER-OPS --------------------------------------------------------------------------------


@family("ORDER-OPS", objectives=("Y6-CALC-06",))
def order_ops(objective: str, level: int, rng: random.Random) -> Draft:
    """Order of operations: × and ÷ before + and −, powers first (§5.3)."""
    if level == 1:  # a + b × c
        a, b, c = rng.randint(11, 60), rng.randint(3, 9), rng.randint(3, 9)
        prompt, answer = f"{a} + {b} {TIMES} {c}", a + b * c
        bugs: dict[str, int | None] = {"LEFT_TO_RIGHT": (a + b) * c}
        params = {"a": a, "b": b, "c": c}
    elif level == 2:  # a − b ÷ c, as in 60 − 42 ÷ 6
        c, q, m = rng.randint(3, 9), rng.randint(3, 12), rng.randint(2, 10)
        b = c * q
        a = b + c * m
        prompt, answer = f"{a} {MINUS} {b} {DIVIDE} {c}", a - q
        bugs = {"LEFT_TO_RIGHT": m}
        params = {"a": a, "b": b, "c": c}
    elif level == 3:  # a + b × c − d
        a, b, c = rng.randint(5, 40), rng.randint(3, 9), rng.randint(3, 9)
        d = rng.randint(2, a + b * c - 2)
        prompt, answer = f"{a} + {b} {TIMES} {c} {MINUS} {d}", a + b * c - d
        bugs = {"LEFT_TO_RIGHT": (a + b) * c - d}
        params = {"a": a, "b": b, "c": c, "d": d}
    else:  # a + b × c²
        a, b, c = rng.randint(5, 50), rng.randint(2, 9), rng.randint(3, 9)
        prompt, answer = f"{a} + {b} {TIMES} {c}²", a + b * c * c
        bugs = {"LEFT_TO_RIGHT": (a + b) * c * c, "SQUARE_AS_DOUBLE": a + b * 2 * c}
        params = {"a": a, "b": b, "c": c}
    if answer in params.values():
        raise Resample
    return Draft(
        prompt=f"{prompt} = {BOX}",
        answer=_integer(answer),
        params=params,
        bugs=_bugs(bugs),
    )
