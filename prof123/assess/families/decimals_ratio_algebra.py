"""Question families: decimals, percentages, ratio and algebra (question-design §5.4-§5.6).

DEC-PLACE-VALUE, DEC-ROUND, DEC-COMPARE, DEC-ADD-SUB, DEC-MUL, DEC-DIV, PERCENT-OF,
RATIO-SCALE, UNEQUAL-SHARE, FORMULA, LIN-SEQ, EQUATION and TWO-UNKNOWNS.

Every number is exact: ``Decimal`` for decimals, ``Fraction`` for shares and quotients, never a
binary float. Each family branches on the objective (what the requirement asks) and then on the
level (§4.1). The misconception helpers (``_right_aligned``, ``_smaller_from_larger`` …) are pure
functions of the parameters, so the tests check each one on a worked example.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from prof123.assess.items import (
    AnswerSpec,
    Draft,
    Resample,
    canon_decimal,
    canon_integer,
    canon_money,
    canon_order,
    canon_set,
    family,
    number_text,
    shuffled_options,
)

NAMES = (
    "Aisha",
    "Ben",
    "Chloe",
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
    "Nia",
    "Oscar",
    "Priya",
    "Ruby",
    "Sam",
    "Tomasz",
    "Yusuf",
    "Zara",
    "Owen",
)
SYMBOLS = ("<", "=", ">")
PLACE_NAMES = {0: "ones", 1: "tenths", 2: "hundredths", 3: "thousandths"}
WORD_PLACES = {1: "one decimal place", 2: "two decimal places"}


# --- exact number helpers ---------------------------------------------------------------------


def _year(objective: str) -> int:
    return int(objective[1])


def _dec(units: int, places: int) -> Decimal:
    """``units`` hundredths (places=2), thousandths (3) … as an exact Decimal."""
    return Decimal(units).scaleb(-places)


def _places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    assert isinstance(exponent, int)
    return max(0, -exponent)


def _units(value: Decimal, places: int) -> int:
    return int(value.scaleb(places))


def _to_decimal(value: Fraction) -> Decimal:
    return Decimal(value.numerator) / Decimal(value.denominator)


def _round(value: Decimal | Fraction, places: int, mode: str = ROUND_HALF_UP) -> Decimal:
    number = _to_decimal(value) if isinstance(value, Fraction) else value
    return number.quantize(Decimal(1).scaleb(-places), rounding=mode)


def _terminates(value: Fraction) -> bool:
    denominator = value.denominator
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    return denominator == 1


def _dec_text(value: Decimal | Fraction | int | None) -> str | None:
    """Canonical decimal text, or None when there is none (no value, or it recurs)."""
    if value is None:
        return None
    try:
        return canon_decimal(value)
    except ValueError:
        return None


def _int_text(value: Decimal | Fraction | int | None) -> str | None:
    """Canonical integer text when the value is whole, else None."""
    if value is None:
        return None
    exact = Fraction(value)
    return canon_integer(exact.numerator) if exact.denominator == 1 else None


def _pence_text(pounds: Decimal | Fraction | int | None) -> str | None:
    """Canonical money (pence) for an amount in pounds, when it is a whole number of pence."""
    if pounds is None:
        return None
    pence = Fraction(pounds) * 100
    return canon_money(pence.numerator) if pence.denominator == 1 else None


def _clean(bugs: dict[str, str | None]) -> dict[str, str]:
    return {label: wrong for label, wrong in bugs.items() if wrong is not None}


def _fixed(value: Decimal, places: int) -> str:
    """A decimal printed with exactly ``places`` decimal places (0.50), commas in the whole."""
    text = format(value.quantize(Decimal(1).scaleb(-places)), "f")
    whole, _, decimals = text.partition(".")
    return f"{int(whole):,}" + (f".{decimals}" if decimals else "")


def _pounds(pence: int) -> str:
    if pence % 100 == 0:
        return f"£{number_text(pence // 100)}"
    return f"£{number_text(pence // 100)}.{pence % 100:02d}"


def _signed(n: int) -> str:
    """An integer as printed, with a true minus sign for negatives."""
    return number_text(n).replace("-", "−")


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _random_units(rng: random.Random, places: int, low: int, high: int) -> int:
    """A number of 10^-places units in [low, high] whose last decimal digit is not 0."""
    while True:
        units = rng.randint(low, high)
        if units % 10:
            return units


def _decimal_answer(value: Decimal | Fraction | int, unit: str = "") -> AnswerSpec:
    return AnswerSpec(kind="decimal", value=canon_decimal(value), unit=unit)


def _integer_answer(value: int, unit: str = "") -> AnswerSpec:
    return AnswerSpec(kind="integer", value=canon_integer(value), unit=unit)


# --- misconception helpers (pure; each names the §6.2 label it models) -------------------------


def _right_aligned(a: Decimal, b: Decimal, subtract: bool = False) -> Decimal | None:
    """DEC_RIGHT_ALIGNED: the last digits lined up, the point kept where the longer decimal has
    it (3.005 + 6.12 → 3.617; 4.3 + 5 → 4.8). None when the columns would go below zero."""
    places_a, places_b = _places(a), _places(b)
    units_a, units_b = _units(a, places_a), _units(b, places_b)
    total = units_a - units_b if subtract else units_a + units_b
    if total < 0:
        return None
    return _dec(total, max(places_a, places_b))


def _right_aligned_total(values: Sequence[Decimal]) -> Decimal:
    """DEC_RIGHT_ALIGNED for a column of several numbers: 1.25 + 0.375 + 2.4 → 0.424."""
    places = [_places(v) for v in values]
    return _dec(sum(_units(v, p) for v, p in zip(values, places, strict=True)), max(places))


def _smaller_from_larger(a: Decimal, b: Decimal) -> Decimal:
    """SUB_SMALLER_FROM_LARGER: in each column, the smaller digit taken from the larger
    (4 − 1.15 → 3.15; 5.42 − 2.18 → 3.36)."""
    places = max(_places(a), _places(b))
    top, bottom = _units(a, places), _units(b, places)
    result, scale = 0, 1
    while top or bottom:
        result += abs(top % 10 - bottom % 10) * scale
        top, bottom, scale = top // 10, bottom // 10, scale * 10
    return _dec(result, places)


def _whole_minus_ignore(whole: int, b: Decimal) -> Decimal:
    """DEC_WHOLE_MINUS_IGNORE: whole parts subtracted, the decimal part copied (4 − 1.15 → 3.15)."""
    whole_b = int(b)
    return Decimal(whole - whole_b) + (b - whole_b)


def _exchanges(top: int, bottom: int) -> int:
    """Exchanges needed in column subtraction of two whole numbers (top ≥ bottom)."""
    count = borrow = 0
    while top or bottom:
        borrow = 1 if top % 10 - borrow < bottom % 10 else 0
        count += borrow
        top, bottom = top // 10, bottom // 10
    return count


def _round_bridge(value: Decimal, places: int) -> Decimal | None:
    """DEC_ROUND_BRIDGE: a 9 that rounds up is written as 10 in its own place, nothing carried
    (9.95 → 9.10; 19.7 → 110). None when the rounding does not go up from a 9."""
    down = _round(value, places, ROUND_DOWN)
    if _round(value, places) == down:
        return None
    text = format(down, "f")
    if not text.endswith("9"):
        return None
    return Decimal(text[:-1] + "10")


def _round_half_down(value: Decimal, places: int) -> Decimal | None:
    """ROUND_HALF_DOWN: a 5 in the deciding place rounded down (7.5 → 7). None without a 5."""
    scaled = value.scaleb(places)
    if scaled - int(scaled) != Decimal("0.5"):
        return None
    return _round(value, places, ROUND_DOWN)


def _remainder_as_decimal(dividend: int, divisor: int) -> Decimal:
    """REMAINDER_AS_DECIMAL: the remainder written after a point (43 ÷ 5 = 8 r 3 → 8.3)."""
    quotient, remainder = divmod(dividend, divisor)
    return Decimal(f"{quotient}.{remainder}")


def _zero_dropped(value: Decimal) -> Decimal | None:
    """QUOTIENT_ZERO_DROPPED: the first zero of the whole-number part left out (150.75 → 15.75).
    None when the whole-number part has no zero after its first digit."""
    whole, _, decimals = format(value, "f").partition(".")
    if "0" not in whole[1:]:
        return None
    at = whole.index("0", 1)
    shortened = whole[:at] + whole[at + 1 :]
    return Decimal(shortened + (f".{decimals}" if decimals else ""))


def _concat(coefficient: int, value: int) -> int:
    """CONCAT_VARIABLE: 2n with n = 22 read as the digits side by side, 222."""
    return int(f"{coefficient}{value}")


def _longer_key(value: Decimal) -> tuple[int, int, Decimal]:
    """LONGER_IS_LARGER: the digits after the point read as a whole number (0.607 > 0.78)."""
    whole, _, decimals = canon_decimal(value).partition(".")
    return int(whole), int(decimals or 0), value


def _shorter_key(value: Decimal) -> tuple[int, int, Decimal]:
    """SHORTER_IS_LARGER: fewer decimal places taken to mean a larger number (0.3 > 0.35)."""
    return int(value), -_places(value), value


def _decimal_part_key(value: Decimal) -> tuple[Decimal, int]:
    """WHOLE_PART_IGNORED: only the digits after the point compared."""
    return value - int(value), int(value)


def _symbol(left: Decimal, right: Decimal, key: Callable[[Decimal], Any]) -> str:
    a, b = key(left), key(right)
    return "<" if a < b else ">" if a > b else "="


# ============================================================================================
# DEC-PLACE-VALUE
# ============================================================================================


@family("DEC-PLACE-VALUE", objectives=("Y4-FR-02", "Y4-FR-07", "Y5-FR-07", "Y6-FR-07"))
def decimal_place_value(objective: str, level: int, rng: random.Random) -> Draft:
    if objective == "Y4-FR-02":
        return _hundredths(level, rng)
    if objective == "Y4-FR-07":
        return _divide_by_10_100(level, rng)
    if objective == "Y5-FR-07":
        return _thousandths(level, rng)
    return _three_places(level, rng)


def _digit_value(rng: random.Random, whole_digits: int, places: int, at: Sequence[int]) -> Draft:
    """'What is the value of the digit 6 in 3.465?' All digits differ and none is 0."""
    digits = rng.sample(range(1, 10), whole_digits + places)
    number = _dec(int("".join(map(str, digits))), places)
    position = rng.choice(at)
    digit = digits[whole_digits + position - 1]
    value = _dec(digit, position)
    return Draft(
        prompt=(
            f"What is the value of the digit {digit} in {number_text(number)}? "
            "Write it as a decimal."
        ),
        answer=_decimal_answer(value),
        params={"number": canon_decimal(number), "digit": digit, "place": position},
        bugs={
            "DIGIT_NOT_VALUE": canon_decimal(digit),
            "DECIMAL_PLACE_NAMES": canon_decimal(digit * 10**position),
            "PV_WRONG_COLUMN": canon_decimal(_dec(digit, position - 1)),
        },
    )


def _hundredths(level: int, rng: random.Random) -> Draft:
    """Y4-FR-02: counting in hundredths; hundredths as tenths ÷ 10."""
    hundredth = Decimal("0.01")
    if level in (1, 4):
        whole = rng.randint(0, 9)
        tenths = rng.randint(0, 9) if level == 4 else rng.randint(1, 9)
        if level == 4:  # the next hundredth crosses a tenth (2.39 → 2.4) or a one (3.99 → 4)
            start, up = _dec(whole * 100 + tenths * 10 + 9, 2), True
        else:
            up = rng.random() < 0.5
            last = rng.randint(1, 8) if up else rng.randint(2, 9)
            start = _dec(whole * 100 + tenths * 10 + last, 2)
        answer = start + hundredth if up else start - hundredth
        tenth = Decimal("0.1") if up else Decimal("-0.1")
        bugs = {"PV_WRONG_COLUMN": canon_decimal(start + tenth)}
        if level == 4:  # after 9 hundredths comes "10 hundredths": 2.39 → 2.310
            bugs["DECIMAL_COUNT_0_10"] = canon_decimal(Decimal(format(start, "f")[:-1] + "10"))
        return Draft(
            prompt=f"What is one hundredth {'more' if up else 'less'} than {number_text(start)}?",
            answer=_decimal_answer(answer),
            params={"start": canon_decimal(start), "up": up},
            bugs=bugs,
        )
    if level == 2:
        tenths = rng.randint(2, 9)
        number = _dec(tenths, 1)
        return Draft(
            prompt=f"How many hundredths are there in {number_text(number)}?",
            answer=_integer_answer(tenths * 10),
            params={"number": canon_decimal(number)},
            bugs={
                "DIGIT_NOT_VALUE": canon_integer(tenths),
                "POWER_WRONG": canon_integer(tenths * 100),
            },
        )
    # level 3: tenths divided by 10 give hundredths (3.6 ÷ 10 = 0.36)
    number = _dec(rng.randint(0, 9) * 10 + rng.randint(1, 9), 1)
    return Draft(
        prompt=f"{number_text(number)} ÷ 10 = □",
        answer=_decimal_answer(number / 10),
        params={"number": canon_decimal(number)},
        bugs={
            "POWER_WRONG": canon_decimal(number / 100),
            "OP_SWAP": canon_decimal(number * 10),
        },
    )


def _divide_by_10_100(level: int, rng: random.Random) -> Draft:
    """Y4-FR-07: a one- or two-digit number ÷ 10 or 100; name the places of the digits."""
    if level == 1:
        number, divisor = rng.randint(2, 9), 10
    elif level == 2:
        number, divisor = rng.randint(11, 99), 10
        if number % 10 == 0:
            raise Resample
    elif level == 3:
        return _name_the_place(rng)
    else:  # unknown first: □ ÷ 100 = 0.46
        number, divisor = rng.choice((rng.randint(2, 9), rng.randint(11, 99))), 100
        if number % 10 == 0:
            raise Resample
        result = Decimal(number) / divisor
        return Draft(
            prompt=f"□ ÷ 100 = {number_text(result)}",
            answer=_decimal_answer(number),
            params={"number": number, "divisor": divisor},
            bugs={
                "POWER_WRONG": canon_decimal(result * 10),
                "MISSING_OPERATE_ON_GIVEN": canon_decimal(result / 100),
            },
        )
    result = Decimal(number) / divisor
    return Draft(
        prompt=f"{number} ÷ {divisor} = □",
        answer=_decimal_answer(result),
        params={"number": number, "divisor": divisor},
        bugs={
            "POWER_WRONG": canon_decimal(result / 10),
            "OP_SWAP": canon_integer(number * divisor),
        },
    )


def _name_the_place(rng: random.Random) -> Draft:
    """'Work out 38 ÷ 100. Which place is the 8 in now?' (choice of place names)."""
    tens, ones = rng.sample(range(1, 10), 2)
    number = tens * 10 + ones
    digit, now = rng.choice(((tens, 1), (ones, 2)))  # tenths or hundredths after ÷ 100
    right = PLACE_NAMES[now]
    wrong = {
        "POWER_WRONG": PLACE_NAMES[now - 1],  # moved one place, as for ÷ 10
        "DECIMAL_PLACE_NAMES": "tens" if now == 1 else "hundreds",
    }
    fillers = [name for name in ("ones", "tens", "tenths", "hundredths") if name != right]
    return Draft(
        prompt=(
            f"Work out {number} ÷ 100 in your head. "
            f"In the answer, which place is the digit {digit} in?"
        ),
        answer=AnswerSpec(
            kind="choice",
            value=right,
            options=shuffled_options(rng, right, [*wrong.values(), *fillers]),
        ),
        params={"number": number, "digit": digit},
        bugs=wrong,
    )


def _thousandths(level: int, rng: random.Random) -> Draft:
    """Y5-FR-07: thousandths, related to tenths and hundredths."""
    if level == 1:
        return _digit_value(rng, 1, 2, (2,))
    if level == 2:
        return _digit_value(rng, 1, 3, (2, 3))
    if level == 3:  # how many thousandths make 0.3 / 0.47?
        places = rng.choice((1, 2))
        digits = _random_units(rng, places, 2 if places == 1 else 11, 9 if places == 1 else 99)
        number = _dec(digits, places)
        return Draft(
            prompt=f"How many thousandths are there in {number_text(number)}?",
            answer=_integer_answer(int(number * 1000)),
            params={"number": canon_decimal(number)},
            bugs={
                "DIGIT_NOT_VALUE": canon_integer(digits),
                "POWER_WRONG": canon_integer(int(number * 100)),
            },
        )
    # level 4: partitioned number with a zero place holder (5 + 0.3 + 0.008 = 5.308)
    ones = rng.randint(1, 9)
    missing = rng.choice((1, 2))
    kept = [place for place in (1, 2, 3) if place != missing]
    digits = dict(zip(kept, rng.sample(range(1, 10), 2), strict=True))
    parts = [Decimal(ones)] + [_dec(digits[place], place) for place in kept]
    answer = sum(parts, Decimal(0))
    squeezed = Decimal(f"{ones}." + "".join(str(digits[place]) for place in kept))
    return Draft(
        prompt=" + ".join(number_text(part) for part in parts) + " = □",
        answer=_decimal_answer(answer),
        params={"parts": [canon_decimal(part) for part in parts]},
        bugs={"ZERO_PLACEHOLDER": canon_decimal(squeezed)},
    )


def _three_places(level: int, rng: random.Random) -> Draft:
    """Y6-FR-07: the value of each digit to 3 dp; × and ÷ by 10, 100 and 1000."""
    if level == 1:
        return _digit_value(rng, 2, 2, (1, 2))
    if level == 2:
        return _digit_value(rng, rng.choice((1, 2)), 3, (1, 2, 3))
    power = rng.choice((10, 100, 1000))
    shift = len(str(power)) - 1
    places = rng.choice((1, 2))
    number = _dec(_random_units(rng, places, 11, 999), places)
    multiply = rng.random() < 0.5
    result = number * power if multiply else number / power
    if _places(result) > 3:
        raise Resample
    fewer = Decimal(10) ** (shift - 1 if shift > 1 else shift + 1)
    if level == 3:
        bugs = {
            "POWER_WRONG": canon_decimal(number * fewer if multiply else number / fewer),
            "OP_SWAP": canon_decimal(number / power if multiply else number * power),
        }
        if multiply:  # 4.7 × 100 → 4.700
            bugs["X10_APPEND_ZERO"] = canon_decimal(number)
        op = "×" if multiply else "÷"
        return Draft(
            prompt=f"{number_text(number)} {op} {number_text(power)} = □",
            answer=_decimal_answer(result),
            params={"number": canon_decimal(number), "power": power, "multiply": multiply},
            bugs=bugs,
        )
    # level 4: the unknown comes first (□ × 100 = 305)
    op = "×" if multiply else "÷"
    return Draft(
        prompt=f"□ {op} {number_text(power)} = {number_text(result)}",
        answer=_decimal_answer(number),
        params={"result": canon_decimal(result), "power": power, "multiply": multiply},
        bugs={
            "POWER_WRONG": canon_decimal(result / fewer if multiply else result * fewer),
            "MISSING_OPERATE_ON_GIVEN": canon_decimal(
                result * power if multiply else result / power
            ),
        },
    )


# ============================================================================================
# DEC-ROUND
# ============================================================================================

ROUND_CONTEXTS = (
    ("A parcel weighs {v} kg.", "the mass of the parcel", "kilogram", "kg"),
    ("A plank of wood is {v} m long.", "the length of the plank", "metre", "m"),
    ("A tank holds {v} litres of water.", "the amount of water", "litre", "l"),
    ("A runner finishes a race in {v} seconds.", "the runner's time", "second", "s"),
)


@family("DEC-ROUND", objectives=("Y4-FR-08", "Y5-FR-08", "Y6-FR-10"))
def decimal_round(objective: str, level: int, rng: random.Random) -> Draft:
    if objective == "Y4-FR-08":
        return _round_one_place(level, rng)
    if objective == "Y5-FR-08":
        return _round_two_places(level, rng)
    return _round_in_context(level, rng)


def _rounding_bugs(value: Decimal, places: int) -> dict[str, str | None]:
    return {
        "ROUND_TRUNCATE": canon_decimal(_round(value, places, ROUND_DOWN)),
        "ROUND_HALF_DOWN": _dec_text(_round_half_down(value, places)),
        "DEC_ROUND_BRIDGE": _dec_text(_round_bridge(value, places)),
    }


def _round_one_place(level: int, rng: random.Random) -> Draft:
    """Y4-FR-08: a number with one decimal place to the nearest whole number."""
    if level == 1:
        whole, tenths = rng.randint(1, 8), rng.choice((1, 2, 3, 4, 6, 7, 8, 9))
    elif level == 2:
        whole, tenths = rng.randint(10, 98), rng.choice((1, 2, 3, 4, 6, 7, 8, 9))
    elif level == 3:  # the tenths decide upwards; a 5 in two of five draws
        whole = rng.randint(10, 998)
        tenths = 5 if rng.random() < 0.4 else rng.randint(6, 9)
    else:  # bridging: 19.7 → 20, 99.5 → 100
        whole = rng.choice((9, 19, 29, 39, 49, 59, 69, 79, 89, 99, 199, 299, 499, 999))
        tenths = rng.randint(5, 9)
    if level < 4 and whole % 10 == 9 and tenths >= 5:
        raise Resample  # crossing a ten belongs to level 4
    if tenths < 5 and rng.random() < 0.5:
        raise Resample  # about two thirds round up, so truncating shows
    value = _dec(whole * 10 + tenths, 1)
    answer = _round(value, 0)
    bugs = _rounding_bugs(value, 0)
    if level >= 2:  # rounded to the nearest ten instead
        bugs["ROUND_WRONG_PLACE"] = canon_decimal(_round(value / 10, 0) * 10)
    return Draft(
        prompt=f"Round {number_text(value)} to the nearest whole number.",
        answer=_integer_answer(int(answer)),
        params={"value": canon_decimal(value)},
        bugs=_clean(bugs),
    )


def _round_two_places(level: int, rng: random.Random) -> Draft:
    """Y5-FR-08: two decimal places to the nearest whole number or to one decimal place."""
    whole = rng.randint(1, 9) if level < 3 else rng.randint(10, 99)
    if level == 1:  # to the nearest whole; the tenths decide, no bridging
        tenths = rng.choice((1, 2, 3, 4, 6, 7, 8))
        hundredths, places = rng.randint(1, 9), 0
    elif level == 2:  # to 1 dp; the hundredths decide, no 5, no bridging
        tenths, hundredths, places = rng.randint(0, 8), rng.choice((1, 2, 3, 4, 6, 7, 8, 9)), 1
    elif level == 3:  # to 1 dp, hundredths 5-9 (a 5 in two of five draws)
        tenths, places = rng.randint(0, 8), 1
        hundredths = 5 if rng.random() < 0.4 else rng.randint(6, 9)
    else:  # bridging: 9.95 → 10.0, 4.97 → 5.0
        whole = rng.choice((rng.randint(1, 8), 9, 19, 29, 99))
        tenths, hundredths, places = 9, rng.randint(5, 9), 1
    if level == 1 and whole == 9 and tenths >= 5:
        raise Resample
    if (tenths if places == 0 else hundredths) < 5 and rng.random() < 0.5:
        raise Resample  # about two thirds round up, so truncating shows
    value = _dec(whole * 100 + tenths * 10 + hundredths, 2)
    bugs = _rounding_bugs(value, places)
    bugs["ROUND_WRONG_PLACE"] = canon_decimal(_round(value, 1 - places))
    target = "the nearest whole number" if places == 0 else "one decimal place"
    return Draft(
        prompt=f"Round {number_text(value)} to {target}.",
        answer=_decimal_answer(_round(value, places)),
        params={"value": canon_decimal(value), "places": places},
        bugs=_clean(bugs),
    )


def _round_in_context(level: int, rng: random.Random) -> Draft:
    """Y6-FR-10: problems whose answer is given to a stated accuracy."""
    if level in (1, 2):
        sentence, what, unit_word, unit = rng.choice(ROUND_CONTEXTS)
        places = 2 if level == 1 else 3
        value = _dec(_random_units(rng, places, 10**places + 1, 40 * 10**places - 1), places)
        target = rng.choice((0, 1)) if level == 1 else rng.choice((1, 2))
        rounded = _round(value, target)
        if _round(value, target, ROUND_DOWN) == rounded and rng.random() < 0.5:
            raise Resample  # keep about two thirds of the items rounding up
        other = 1 - target if level == 1 else 3 - target  # the other accuracy on offer
        wanted = f"the nearest {unit_word}" if target == 0 else WORD_PLACES[target]
        return Draft(
            prompt=f"{sentence.format(v=number_text(value))} Round {what} to {wanted}.",
            answer=_decimal_answer(rounded, unit),
            params={"value": canon_decimal(value), "places": target},
            bugs=_clean(
                {
                    "ROUND_TRUNCATE": canon_decimal(_round(value, target, ROUND_DOWN)),
                    "ROUND_HALF_DOWN": _dec_text(_round_half_down(value, target)),
                    "ROUND_WRONG_PLACE": canon_decimal(_round(value, other)),
                }
            ),
        )
    money = rng.random() < 0.5
    if level == 3:  # share equally, then round
        people = rng.choice((3, 6, 7, 9, 11, 12))
        total = rng.randint(people + 1, 8 * people)
        share = Fraction(total, people)
        if _terminates(share):
            raise Resample
        name = rng.choice(NAMES)
        if money:
            answer = int(_round(share * 100, 0))
            return Draft(
                prompt=(
                    f"{name} shares £{total} equally between {people} friends. How much does "
                    "each friend get? Give your answer to the nearest penny."
                ),
                answer=AnswerSpec(kind="money", value=canon_money(answer), unit="£"),
                params={"total": total, "people": people, "money": True},
                bugs=_clean(
                    {
                        "ROUND_TRUNCATE": canon_money(int(_round(share * 100, 0, ROUND_DOWN))),
                        "REMAINDER_AS_DECIMAL": _pence_text(_remainder_as_decimal(total, people)),
                    }
                ),
            )
        return Draft(
            prompt=(
                f"{name} cuts a {total} m rope into {people} equal pieces. How long is each "
                "piece? Give your answer to one decimal place."
            ),
            answer=_decimal_answer(_round(share, 1), "m"),
            params={"total": total, "people": people, "money": False},
            bugs={
                "ROUND_TRUNCATE": canon_decimal(_round(share, 1, ROUND_DOWN)),
                "REMAINDER_AS_DECIMAL": canon_decimal(_remainder_as_decimal(total, people)),
            },
        )
    # level 4: two steps (unit rate, then scale), rounded at the end
    count = rng.choice((3, 6, 7, 9))
    wanted = rng.choice([n for n in range(2, 12) if n % count and count % n])
    if money:
        total = rng.randint(2, 12)
        each = Fraction(total * 100, count)
        amount = each * wanted
        if amount.denominator == 1:
            raise Resample  # a whole number of pence needs no rounding
        thing = rng.choice(("pens", "apples", "stickers", "bread rolls"))
        return Draft(
            prompt=(
                f"{count} {thing} cost £{total}. How much do {wanted} {thing} cost? "
                "Give your answer to the nearest penny."
            ),
            answer=AnswerSpec(kind="money", value=canon_money(int(_round(amount, 0))), unit="£"),
            params={"count": count, "total": total, "wanted": wanted, "money": True},
            bugs=_clean(
                {
                    "ROUND_TRUNCATE": canon_money(int(_round(amount, 0, ROUND_DOWN))),
                    "ADDITIVE_SCALING": _pence_text(total + wanted - count)
                    if total + wanted - count > 0
                    else None,
                }
            ),
        )
    total = rng.randint(2, 9)
    amount = Fraction(total * wanted, count)
    if (amount * 100).denominator == 1:
        raise Resample
    return Draft(
        prompt=(
            f"{count} identical tins weigh {total} kg altogether. How much do {wanted} tins "
            "weigh? Give your answer to two decimal places."
        ),
        answer=_decimal_answer(_round(amount, 2), "kg"),
        params={"count": count, "total": total, "wanted": wanted, "money": False},
        bugs=_clean(
            {
                "ROUND_TRUNCATE": canon_decimal(_round(amount, 2, ROUND_DOWN)),
                "ADDITIVE_SCALING": canon_decimal(total + wanted - count)
                if total + wanted - count > 0
                else None,
            }
        ),
    )


# ============================================================================================
# DEC-COMPARE
# ============================================================================================


@family("DEC-COMPARE", objectives=("Y4-FR-09", "Y5-FR-09"))
def decimal_compare(objective: str, level: int, rng: random.Random) -> Draft:
    if objective == "Y4-FR-09":
        return _compare_same_places(level, rng)
    return _compare_mixed_places(level, rng)


def _symbol_draft(left: Decimal, right: Decimal, bugs: dict[str, str]) -> Draft:
    answer = _symbol(left, right, lambda v: v)
    return Draft(
        prompt=f"Which sign goes in the box? {number_text(left)} □ {number_text(right)}",
        answer=AnswerSpec(kind="choice", value=answer, options=SYMBOLS),
        params={"left": canon_decimal(left), "right": canon_decimal(right)},
        bugs=bugs,
    )


def _pick_draft(
    rng: random.Random,
    values: list[Decimal],
    largest: bool,
    texts: Callable[[Decimal], str],
    keys: dict[str, Callable[[Decimal], Any]],
) -> Draft:
    """'Which is the largest / smallest?' as a choice; each bug picks by its own key."""

    def pick(key: Callable[[Decimal], Any]) -> Decimal:
        chosen = sorted(values, key=key)
        return chosen[-1] if largest else chosen[0]

    right = texts(pick(lambda v: v))
    bugs = {label: texts(pick(key)) for label, key in keys.items()}
    others = [texts(v) for v in values]
    options = shuffled_options(rng, right, [*bugs.values(), *others])
    return Draft(
        prompt=f"Which number is the {'largest' if largest else 'smallest'}?",
        answer=AnswerSpec(kind="choice", value=right, options=options),
        params={"values": [canon_decimal(v) for v in values], "largest": largest},
        bugs=bugs,
    )


def _order_draft(
    rng: random.Random,
    values: list[Decimal],
    largest_first: bool,
    texts: Callable[[Decimal], str],
    keys: dict[str, Callable[[Decimal], Any]],
) -> Draft:
    """Put the numbers in order; each bug orders by its own key."""

    def ordered(key: Callable[[Decimal], Any]) -> str:
        return canon_order(texts(v) for v in sorted(values, key=key, reverse=largest_first))

    right = ordered(lambda v: v)
    shown = list(values)
    rng.shuffle(shown)
    if canon_order(texts(v) for v in shown) == right:
        shown.reverse()
    bugs = {label: ordered(key) for label, key in keys.items()}
    bugs["ORDER_REVERSED"] = canon_order(reversed(right.split("|")))
    return Draft(
        prompt=(
            "Put these numbers in order, "
            + ("largest first." if largest_first else "smallest first.")
        ),
        answer=AnswerSpec(kind="order", value=right, options=tuple(texts(v) for v in shown)),
        params={"values": [canon_decimal(v) for v in shown], "largest_first": largest_first},
        bugs=bugs,
    )


def _compare_same_places(level: int, rng: random.Random) -> Draft:
    """Y4-FR-09: numbers with the same number of decimal places (up to two)."""
    places = 1 if level == 1 else 2
    if level in (1, 2):
        whole = rng.randint(0 if places == 2 else 1, 9)
        low, high = sorted(rng.sample(range(1, 10 if places == 1 else 100), 2))
        if places == 2 and (low % 10 == 0 or high % 10 == 0):
            raise Resample
        bigger = _dec((whole + 1) * 10**places + low, places)  # larger whole, smaller decimals
        smaller = _dec(whole * 10**places + high, places)
        left, right = (bigger, smaller) if rng.random() < 0.5 else (smaller, bigger)
        wrong = _symbol(left, right, _decimal_part_key)
        return _symbol_draft(left, right, {"WHOLE_PART_IGNORED": wrong})
    whole = rng.randint(0, 20)
    wholes = [whole, whole, whole + 1, whole + rng.choice((0, 1))]
    if level == 3:
        parts = rng.sample([n for n in range(11, 100) if n % 10], 4)
    else:  # zeros as place holders: 0.05, 0.50, 0.5x …
        a, b = rng.sample(range(1, 10), 2)
        parts = rng.sample([a, a * 10, b, b * 10, a * 10 + b, b * 10 + a], 4)
    values = [_dec(w * 100 + p, 2) for w, p in zip(wholes, parts, strict=True)]
    if len(set(values)) < 4:
        raise Resample
    draft = _order_draft(
        rng,
        values,
        level == 4,
        lambda v: _fixed(v, 2),
        {"WHOLE_PART_IGNORED": _decimal_part_key},
    )
    if draft.bugs["WHOLE_PART_IGNORED"] == draft.answer.value:
        raise Resample
    return draft


def _mixed_value(rng: random.Random, whole: int, places: int) -> Decimal:
    return _dec(whole * 10**places + _random_units(rng, places, 1, 10**places - 1), places)


def _compare_mixed_places(level: int, rng: random.Random) -> Draft:
    """Y5-FR-09: up to three decimal places, different lengths (0.5 vs 0.45)."""
    length_keys: dict[str, Callable[[Decimal], Any]] = {
        "LONGER_IS_LARGER": _longer_key,
        "SHORTER_IS_LARGER": _shorter_key,
    }
    if level == 1:
        whole = rng.randint(0, 9)
        one, two = _mixed_value(rng, whole, 1), _mixed_value(rng, whole, 2)
        if int(one * 10) == int(two * 10) and rng.random() < 0.5:
            raise Resample  # keep 0.4 vs 0.45 cases, but not most of the time
        left, right = (one, two) if rng.random() < 0.5 else (two, one)
        bugs = {label: _symbol(left, right, key) for label, key in length_keys.items()}
        if _symbol(left, right, lambda v: v) in bugs.values() and len(set(bugs.values())) == 1:
            raise Resample  # 0.9 vs 0.05: neither length rule gives a wrong sign
        return _symbol_draft(left, right, bugs)
    if level == 2:
        whole = rng.randint(0, 9)
        values = [_mixed_value(rng, whole, places) for places in (1, 2, 3, rng.randint(1, 3))]
        if len(set(values)) < 4:
            raise Resample
        draft = _pick_draft(rng, values, rng.random() < 0.5, number_text, length_keys)
        if draft.bugs["LONGER_IS_LARGER"] == draft.answer.value:
            raise Resample
        return draft
    if level == 3:
        whole = rng.randint(0, 9)
        values = [_mixed_value(rng, whole, places) for places in (1, 1, 2, 2, 3)]
        if rng.random() < 0.5:
            values[rng.randrange(5)] = _mixed_value(rng, whole, 3)
    else:  # two whole numbers, zeros as place holders: 5.6, 4.003, 5.06, 4.03, 5.006
        whole = rng.randint(1, 9)
        digit = rng.randint(1, 9)
        values = [
            _dec((whole + rng.randint(0, 1)) * 10**places + digit, places) for places in (1, 2, 3)
        ]
        values += [_mixed_value(rng, whole + 1, rng.randint(1, 3)) for _ in range(2)]
    if len(set(values)) < 5:
        raise Resample
    draft = _order_draft(rng, values, level == 4, number_text, length_keys)
    if draft.bugs["LONGER_IS_LARGER"] == draft.answer.value:
        raise Resample
    return draft


# ============================================================================================
# DEC-ADD-SUB
# ============================================================================================

MONEY_ITEMS = (
    "a book",
    "a pencil case",
    "a football",
    "a lunch box",
    "a kite",
    "a jigsaw",
    "a water bottle",
    "a comic",
    "a torch",
    "a skipping rope",
)
CUT_CONTEXTS = (
    ("A ribbon is {a} m long. {name} cuts off {b} m. How much ribbon is left?", "m"),
    ("A bag holds {a} kg of flour. {name} uses {b} kg. How much flour is left?", "kg"),
    ("A jug holds {a} litres of juice. {name} pours out {b} litres. How much is left?", "l"),
)
SUM_CONTEXTS = (
    ("{name} buys {a} kg of apples and {b} kg of pears. What is the total mass?", "kg"),
    ("{name} runs {a} km on Monday and {b} km on Tuesday. How far is that altogether?", "km"),
    ("A bucket holds {a} litres of water. {name} adds {b} litres. How much is in it now?", "l"),
)


@family("DEC-ADD-SUB", objectives=("Y4-FR-09", "Y4-FR-10", "Y5-FR-09", "Y5-FR-10"))
def decimal_add_sub(objective: str, level: int, rng: random.Random) -> Draft:
    if objective == "Y4-FR-09":
        return _add_sub_y4(level, rng)
    if objective == "Y4-FR-10":
        return _money_measure_y4(level, rng)
    if objective == "Y5-FR-09":
        return _add_sub_y5(level, rng)
    return _measure_y5(level, rng)


def _sub_bugs(a: Decimal, b: Decimal) -> dict[str, str | None]:
    bugs: dict[str, str | None] = {
        "SUB_SMALLER_FROM_LARGER": canon_decimal(_smaller_from_larger(a, b)),
        "DEC_RIGHT_ALIGNED": _dec_text(_right_aligned(a, b, subtract=True)),
    }
    if a == int(a):
        bugs["DEC_WHOLE_MINUS_IGNORE"] = canon_decimal(_whole_minus_ignore(int(a), b))
    return bugs


def _calculation(a: Decimal, b: Decimal, subtract: bool, bugs: dict[str, str | None]) -> Draft:
    answer = a - b if subtract else a + b
    return Draft(
        prompt=f"{number_text(a)} {'−' if subtract else '+'} {number_text(b)} = □",
        answer=_decimal_answer(answer),
        params={"a": canon_decimal(a), "b": canon_decimal(b), "subtract": subtract},
        bugs=_clean(bugs),
    )


def _add_sub_y4(level: int, rng: random.Random) -> Draft:
    """Y4-FR-09 (STA 4F8): decimals to two places added and subtracted; whole − decimal."""
    if level == 1:  # 4.3 + 5
        a = _dec(_random_units(rng, 1, 11, 99), 1)
        b = Decimal(rng.randint(2, 9))
        return _calculation(a, b, False, {"DEC_RIGHT_ALIGNED": _dec_text(_right_aligned(a, b))})
    if level == 2:  # 5.42 − 2.18, one exchange
        a_units = _random_units(rng, 2, 211, 999)
        b_units = _random_units(rng, 2, 101, a_units - 100)
        if _exchanges(a_units, b_units) != 1:
            raise Resample
        a, b = _dec(a_units, 2), _dec(b_units, 2)
        return _calculation(a, b, True, _sub_bugs(a, b))
    whole = rng.randint(2, 9) if level == 3 else rng.choice((10, 20, 30, rng.randint(11, 50)))
    places = rng.choice((1, 2))
    low = 10**places + 1
    b = _dec(_random_units(rng, places, low, whole * 10**places - 1), places)
    a = Decimal(whole)
    return _calculation(a, b, True, _sub_bugs(a, b))


def _money_bugs(bugs: dict[str, str | None]) -> dict[str, str | None]:
    """Decimal-pound bug answers as canonical pence."""
    return {label: _pence_text(Decimal(v)) if v else None for label, v in bugs.items()}


def _money_measure_y4(level: int, rng: random.Random) -> Draft:
    """Y4-FR-10: money and measure problems with decimals to two places."""
    name = rng.choice(NAMES)
    first, second = rng.sample(MONEY_ITEMS, 2)
    if level == 1:  # £3 and £1.45 altogether
        whole = rng.randint(2, 9) * 100
        price = _random_units(rng, 2, 101, 899)
        items = [(first, whole), (second, price)]
        rng.shuffle(items)
        (item_a, pence_a), (item_b, pence_b) = items
        aligned = _right_aligned(Decimal(whole // 100), _dec(price, 2))
        return Draft(
            prompt=(
                f"{name} buys {item_a} for {_pounds(pence_a)} and {item_b} for "
                f"{_pounds(pence_b)}. How much does {name} spend altogether?"
            ),
            answer=AnswerSpec(kind="money", value=canon_money(whole + price), unit="£"),
            params={"prices": [pence_a, pence_b]},
            bugs=_clean({"DEC_RIGHT_ALIGNED": _pence_text(aligned)}),  # £3 lined up with 45p
        )
    if level in (2, 4):  # change from a note
        note = rng.choice((5, 10, 20)) if level == 2 else rng.choice((10, 20))
        prices = [_random_units(rng, 2, 101, 499) for _ in range(1 if level == 2 else 2)]
        cost = sum(prices)
        if cost >= note * 100 or (level == 4 and cost % 100 == 0):
            raise Resample
        a, b = Decimal(note), _dec(cost, 2)
        if level == 2:
            story = f"{name} buys {first} for {_pounds(cost)}"
        else:
            story = (
                f"{name} buys {first} for {_pounds(prices[0])} and {second} for "
                f"{_pounds(prices[1])}"
            )
        return Draft(
            prompt=(f"{story}. {name} pays with a £{note} note. How much change does {name} get?"),
            answer=AnswerSpec(kind="money", value=canon_money(note * 100 - cost), unit="£"),
            params={"note": note, "prices": prices},
            bugs=_clean(_money_bugs(_sub_bugs(a, b))),
        )
    # level 3: a measure cut or used up, one or two exchanges
    story, unit = rng.choice(CUT_CONTEXTS)
    places_a = rng.choice((1, 2))
    a_units = _random_units(rng, places_a, 2 * 10**places_a, 9 * 10**places_a)
    a = _dec(a_units, places_a)
    b = _dec(_random_units(rng, 2, 101, int(a * 100) - 50), 2)
    if _exchanges(int(a * 100), int(b * 100)) == 0:
        raise Resample
    return Draft(
        prompt=story.format(a=number_text(a), b=number_text(b), name=name),
        answer=_decimal_answer(a - b, unit),
        params={"a": canon_decimal(a), "b": canon_decimal(b)},
        bugs=_clean(_sub_bugs(a, b)),
    )


def _add_sub_y5(level: int, rng: random.Random) -> Draft:
    """Y5-FR-09 (STA 5F8): up to three decimal places, unequal numbers of places."""
    if level == 1:  # 4.3 + 2.16
        a = _dec(_random_units(rng, 1, 11, 99), 1)
        b = _dec(_random_units(rng, 2, 101, 999), 2)
        a, b = (a, b) if rng.random() < 0.5 else (b, a)
        return _calculation(a, b, False, {"DEC_RIGHT_ALIGNED": _dec_text(_right_aligned(a, b))})
    if level == 2:  # 3.005 + 6.12
        a = _dec(_random_units(rng, 3, 1001, 19999), 3)
        places = rng.choice((1, 2))
        b = _dec(_random_units(rng, places, 10**places + 1, 20 * 10**places), places)
        a, b = (a, b) if rng.random() < 0.5 else (b, a)
        return _calculation(a, b, False, {"DEC_RIGHT_ALIGNED": _dec_text(_right_aligned(a, b))})
    if level == 3:  # 125.48 − 72.3: the longer decimal first
        a = _dec(_random_units(rng, 2, 10001, 99999), 2)
        b = _dec(_random_units(rng, 1, 101, int(a * 10) - 100), 1)
        if _exchanges(int(a * 100), int(b * 100)) == 0:
            raise Resample
        bugs = _sub_bugs(a, b)
        return _calculation(a, b, True, bugs)
    # level 4: whole or one place minus three places (12 − 4.375, 8.4 − 2.756)
    a = Decimal(rng.randint(3, 20)) if rng.random() < 0.5 else _dec(rng.randint(31, 200), 1)
    b = _dec(_random_units(rng, 3, 1001, int(a * 1000) - 500), 3)
    return _calculation(a, b, True, _sub_bugs(a, b))


def _measure_y5(level: int, rng: random.Random) -> Draft:
    """Y5-FR-10: measure problems with up to three decimal places."""
    name = rng.choice(NAMES)
    if level == 1:  # 1.5 kg + 0.75 kg
        story, unit = rng.choice(SUM_CONTEXTS)
        a = _dec(_random_units(rng, 1, 5, 50), 1)
        b = _dec(_random_units(rng, 2, 50, 500), 2)
        a, b = (a, b) if rng.random() < 0.5 else (b, a)
        return Draft(
            prompt=story.format(a=number_text(a), b=number_text(b), name=name),
            answer=_decimal_answer(a + b, unit),
            params={"amounts": [canon_decimal(a), canon_decimal(b)]},
            bugs=_clean({"DEC_RIGHT_ALIGNED": _dec_text(_right_aligned(a, b))}),
        )
    if level == 2:  # 2.35 l − 0.8 l
        story, unit = rng.choice(CUT_CONTEXTS)
        places = rng.choice((2, 3))
        a = _dec(_random_units(rng, places, 2 * 10**places, 9 * 10**places), places)
        b = _dec(_random_units(rng, 1, 2, int(a * 10) - 1), 1)
        return Draft(
            prompt=story.format(a=number_text(a), b=number_text(b), name=name),
            answer=_decimal_answer(a - b, unit),
            params={"a": canon_decimal(a), "b": canon_decimal(b)},
            bugs=_clean(_sub_bugs(a, b)),
        )
    if level == 3:  # three parcels: 1.25 kg, 0.375 kg and 2.4 kg
        amounts = [
            _dec(_random_units(rng, places, 10**places // 4, 4 * 10**places), places)
            for places in (1, 2, 3)
        ]
        rng.shuffle(amounts)
        listed = ", ".join(f"{number_text(v)} kg" for v in amounts[:2])
        return Draft(
            prompt=(
                f"{name} weighs three parcels: {listed} and {number_text(amounts[2])} kg. "
                "What is their total mass?"
            ),
            answer=_decimal_answer(sum(amounts, Decimal(0)), "kg"),
            params={"amounts": [canon_decimal(v) for v in amounts]},
            bugs={"DEC_RIGHT_ALIGNED": canon_decimal(_right_aligned_total(amounts))},
        )
    # level 4: two pieces cut from a whole length
    whole = rng.randint(3, 9)
    first = _dec(_random_units(rng, 2, 25, 150), 2)
    second = _dec(_random_units(rng, 3, 125, 1500), 3)
    used = first + second
    if used >= whole:
        raise Resample
    a = Decimal(whole)
    return Draft(
        prompt=(
            f"{name} has a plank {whole} m long. {name} cuts off {number_text(first)} m and "
            f"then {number_text(second)} m. How long is the piece that is left?"
        ),
        answer=_decimal_answer(a - used, "m"),
        params={"whole": whole, "cuts": [canon_decimal(first), canon_decimal(second)]},
        bugs=_clean(
            {
                "DEC_WHOLE_MINUS_IGNORE": canon_decimal(_whole_minus_ignore(whole, used)),
                "SUB_SMALLER_FROM_LARGER": canon_decimal(_smaller_from_larger(a, used)),
            }
        ),
    )


# ============================================================================================
# DEC-MUL
# ============================================================================================


@family("DEC-MUL", objectives=("Y6-FR-08",))
def decimal_multiply(objective: str, level: int, rng: random.Random) -> Draft:
    """Y6-FR-08: one-digit numbers with up to two decimal places × whole numbers."""
    if level == 1:  # 0.6 × 7
        places, units, whole = 1, rng.randint(2, 9), rng.randint(3, 9)
    elif level == 2:  # 2.4 × 6
        places, units, whole = 1, _random_units(rng, 1, 11, 99), rng.randint(3, 9)
    elif level == 3:  # 3.45 × 8
        places, units, whole = 2, _random_units(rng, 2, 101, 999), rng.randint(3, 9)
    else:  # 15 × 6.1 or 3.05 × 12
        if rng.random() < 0.5:
            places, units = 1, _random_units(rng, 1, 11, 99)
        else:
            places, units = 2, rng.randint(1, 9) * 100 + rng.randint(1, 9)
        whole = rng.choice([n for n in range(12, 50) if n % 10])
    number = _dec(units, places)
    product = number * whole
    if product == int(product) and level > 1:
        raise Resample  # a whole-number product hides the point in these levels
    first, second = (
        (number_text(whole), number_text(number))
        if level == 4 and rng.random() < 0.5
        else (number_text(number), number_text(whole))
    )
    return Draft(
        prompt=f"{first} × {second} = □",
        answer=AnswerSpec(  # a two-digit multiplier is long multiplication: 2 marks
            kind="decimal", value=canon_decimal(product), marks=2 if level == 4 else 1
        ),
        params={"number": canon_decimal(number), "whole": whole},
        bugs={
            "DEC_POINT_LOST": canon_integer(units * whole),
            "DEC_POINT_MISPLACED": canon_decimal(_dec(units * whole, places + 1)),
        },
    )


# ============================================================================================
# DEC-DIV
# ============================================================================================

CONTEXT_DIVISIONS = (
    # (story, round up?)
    (
        "{total} children go on a trip. Each minibus holds {size} children. "
        "How many minibuses are needed?",
        True,
    ),
    (
        "{name} needs {total} eggs. Eggs are sold in boxes of {size}. "
        "How many boxes must {name} buy?",
        True,
    ),
    ("{name} has £{total}. A cinema ticket costs £{size}. How many tickets can {name} buy?", False),
    (
        "A baker makes {total} cakes. A box holds {size} cakes. How many boxes can the baker fill?",
        False,
    ),
)


@family("DEC-DIV", objectives=("Y6-FR-06", "Y6-FR-09", "Y6-FR-10"))
def decimal_divide(objective: str, level: int, rng: random.Random) -> Draft:
    if objective == "Y6-FR-06":
        return _fraction_as_division(level, rng)
    if objective == "Y6-FR-09":
        return _division_to_decimals(level, rng)
    return _division_rounded(level, rng)


def _fraction_as_division(level: int, rng: random.Random) -> Draft:
    """Y6-FR-06: a fraction is a division; its decimal equivalent (3/8 = 0.375)."""
    wholes = 0
    if level == 1:  # 3 ÷ 5
        denominator = rng.choice((2, 4, 5))
        numerator = rng.randint(1, denominator - 1)
    elif level == 2:  # 7 ÷ 4
        denominator = rng.choice((2, 4, 5, 8))
        numerator = rng.randint(denominator + 1, 5 * denominator)
        if numerator % denominator == 0:
            raise Resample
    elif level == 3:  # 3/8 = 3 ÷ 8 (or 7/20, 9/25, 11/40)
        denominator = rng.choice((8, 8, 20, 25, 40))
        numerator = rng.randint(1, denominator - 1)
    else:  # 2 3/8
        denominator = rng.choice((4, 8, 20, 25))
        numerator = rng.randint(1, denominator - 1)
        wholes = rng.randint(1, 9)
    if level != 2 and Fraction(numerator, denominator).denominator != denominator:
        raise Resample  # a fraction is shown in its lowest terms
    value = wholes + Fraction(numerator, denominator)
    bugs: dict[str, str | None] = {"DEC_POINT_MISPLACED": canon_decimal(value / 10)}
    if level <= 2:
        prompt = f"{numerator} ÷ {denominator} = □"
    elif level == 3:
        prompt = (
            f"{numerator}/{denominator} = {numerator} ÷ {denominator}. "
            f"Write {numerator}/{denominator} as a decimal."
        )
        bugs["FRACTION_AS_DECIMAL_DIGITS"] = canon_decimal(Decimal(f"{numerator}.{denominator}"))
    else:
        prompt = f"Write {wholes} {numerator}/{denominator} as a decimal."
        bugs["MIXED_WHOLE_IGNORED"] = canon_decimal(Fraction(numerator, denominator))
    if not wholes:  # 3 ÷ 8 = 0 r 3 → 0.3
        bugs["REMAINDER_AS_DECIMAL"] = canon_decimal(_remainder_as_decimal(numerator, denominator))
    return Draft(
        prompt=prompt,
        answer=_decimal_answer(value),
        params={"wholes": wholes, "numerator": numerator, "denominator": denominator},
        bugs=_clean(bugs),
    )


def _division_to_decimals(level: int, rng: random.Random) -> Draft:
    """Y6-FR-09: written division with an answer of up to two decimal places."""
    if level == 1:  # 43 ÷ 5
        divisor = rng.choice((2, 5))
        dividend = rng.randint(11, 99)
    elif level == 2:  # 37 ÷ 4
        divisor = rng.choice((4, 8))
        dividend = rng.randint(11, 99)
    elif level == 3:  # 126 ÷ 8
        divisor = rng.choice((4, 8))
        dividend = rng.randint(100, 999)
    else:  # 1,206 ÷ 8: a zero inside the quotient
        divisor = rng.choice((4, 8))
        whole = rng.randint(-(-1000 // divisor), 9999 // divisor - 1)
        if "0" not in str(whole)[1:]:
            raise Resample
        dividend = whole * divisor + rng.choice((1, 3) if divisor == 4 else (2, 6))
    quotient = Fraction(dividend, divisor)
    places = _places(_to_decimal(quotient))
    if places == 0 or places > 2 or (level >= 2 and places != 2 and rng.random() < 0.7):
        raise Resample
    value = _to_decimal(quotient)
    bugs = {
        "REMAINDER_AS_DECIMAL": canon_decimal(_remainder_as_decimal(dividend, divisor)),
        "DEC_POINT_MISPLACED": canon_decimal(value / 10),
    }
    if level == 4:
        dropped = _zero_dropped(value)
        if dropped is None:
            raise Resample
        bugs["QUOTIENT_ZERO_DROPPED"] = canon_decimal(dropped)
    return Draft(
        prompt=f"{number_text(dividend)} ÷ {divisor} = □",
        answer=_decimal_answer(value),
        params={"dividend": dividend, "divisor": divisor},
        bugs=bugs,
    )


def _division_rounded(level: int, rng: random.Random) -> Draft:
    """Y6-FR-10: a division answer rounded to a stated accuracy, or by the situation."""
    if level == 4:
        story, up = rng.choice(CONTEXT_DIVISIONS)
        size = rng.randint(3, 16) if up else rng.randint(3, 9)
        total = rng.randint(5 * size, 20 * size)
        whole, remainder = divmod(total, size)
        if remainder == 0:
            raise Resample
        answer, other = (whole + 1, whole) if up else (whole, whole + 1)
        return Draft(
            prompt=story.format(total=total, size=size, name=rng.choice(NAMES)),
            answer=_integer_answer(answer),
            params={"total": total, "size": size, "round_up": up},
            bugs={"REMAINDER_CONTEXT": canon_integer(other)},
        )
    divisor = rng.choice((3, 6, 7, 9)) if level < 3 else rng.choice((6, 7, 9, 11, 12))
    dividend = rng.randint(20, 99) if level < 3 else rng.randint(100, 999)
    quotient = Fraction(dividend, divisor)
    if _terminates(quotient):
        raise Resample
    places = level - 1  # nearest whole, then one, then two decimal places
    wanted = "the nearest whole number" if places == 0 else WORD_PLACES[places]
    answer = _round(quotient, places)
    bugs = {
        "ROUND_TRUNCATE": canon_decimal(_round(quotient, places, ROUND_DOWN)),
        "REMAINDER_AS_DECIMAL": canon_decimal(_remainder_as_decimal(dividend, divisor)),
    }
    if all(wrong == canon_decimal(answer) for wrong in bugs.values()):
        raise Resample  # 31 ÷ 9 to 1 dp: both slips give the right answer
    return Draft(
        prompt=f"Work out {number_text(dividend)} ÷ {divisor}. Give your answer to {wanted}.",
        answer=_decimal_answer(answer),
        params={"dividend": dividend, "divisor": divisor, "places": places},
        bugs=bugs,
    )


# ============================================================================================
# PERCENT-OF
# ============================================================================================

PERCENT_CONTEXTS = (
    ("There are {n} children in a club. {p}% of them walk to school.", "How many walk?"),
    ("A train has {n} seats. {p}% of the seats are taken.", "How many seats are taken?"),
    ("A box holds {n} apples. {p}% of them are red.", "How many apples are red?"),
    ("A book has {n} pages. {name} has read {p}% of them.", "How many pages has {name} read?"),
)
PERCENT_MEASURES = (
    ("A sack holds {n} kg of potatoes. {p}% of them are sold.", "What mass is sold?", "kg"),
    ("A path is {n} m long. {p}% of it has been painted.", "How long is the painted part?", "m"),
    ("A tank holds {n} litres. {p}% of the water is used.", "How much water is used?", "l"),
)


Y5_PERCENTS = {1: (10, 50), 2: (20, 25), 3: (30, 40, 60, 70, 75, 80)}
Y6_PERCENTS = {
    1: (10, 20, 25, 50),
    2: (5, 15, 35, 45, 55, 65),
    3: tuple(n for n in range(3, 96) if n not in (10, 20, 25, 50)),
}


@family("PERCENT-OF", objectives=("Y5-FR-12", "Y6-RP-02"))
def percent_of(objective: str, level: int, rng: random.Random) -> Draft:
    """Percentages of amounts; the answer is an amount, never a percentage."""
    year = _year(objective)
    if level == 4:
        return _percent_reverse(rng) if year == 5 else _percent_compare(rng)
    percent = rng.choice((Y5_PERCENTS if year == 5 else Y6_PERCENTS)[level])
    if year == 5:
        amount = rng.randint(2, 20) * 10
    elif level < 3:
        amount = rng.randint(10, 100) * 10
    else:  # a whole or one-place answer: percent × amount a multiple of 10
        step = 10 // _gcd(percent, 10)
        amount = step * rng.randint(-(-20 // step), 500 // step)
    part = Fraction(percent * amount, 100)
    if part.denominator not in ((1, 10) if year == 6 and level == 3 else (1,)):
        raise Resample  # whole answers, or one decimal place in Y6 problems
    if part in (percent, amount):
        raise Resample
    setting = rng.choice(("measure", "money")) if year == 6 and level == 3 else "bare"
    if setting == "money" and percent > 60:
        setting = "measure"  # sales rarely take off more than 60%
    if year == 5 and level == 3:
        setting = "count"
    convert = _pence_text if setting == "money" else _dec_text
    bugs = {
        "PCT_DIVIDE_BY_P": convert(Fraction(amount, percent)),
        "PCT_SUBTRACT_P": convert(amount - percent) if amount > percent else None,
        "PCT_TEN_ONLY": convert(Fraction(amount, 10)) if percent != 10 else None,
    }
    if setting == "measure":
        story, question, unit = rng.choice(PERCENT_MEASURES)
        prompt = f"{story.format(n=number_text(amount), p=percent)} {question}"
        answer = _decimal_answer(part, unit)
    elif setting == "money":
        prompt = (
            f"A bike costs £{number_text(amount)}. In a sale, the price is cut by {percent}%. "
            "How much money is taken off the price?"
        )
        answer = AnswerSpec(kind="money", value=canon_money(percent * amount), unit="£")
    elif setting == "count":
        name = rng.choice(NAMES)
        story, question = rng.choice(PERCENT_CONTEXTS)
        prompt = f"{story.format(n=amount, p=percent, name=name)} {question.format(name=name)}"
        answer = _decimal_answer(part)
    else:
        prompt = f"{percent}% of {number_text(amount)} = □"
        answer = _decimal_answer(part)
    return Draft(
        prompt=prompt,
        answer=answer,
        params={"percent": percent, "amount": amount, "setting": setting},
        bugs=_clean(bugs),
    )


def _gcd(a: int, b: int) -> int:
    while b:
        a, b = b, a % b
    return a


def _percent_reverse(rng: random.Random) -> Draft:
    """Y5 level 4: '25% of a number is 9. What is the number?'"""
    percent = rng.choice((10, 20, 25, 50))
    part = rng.randint(3, 40)
    whole = part * 100 // percent
    return Draft(
        prompt=f"{percent}% of a number is {part}. What is the number?",
        answer=_decimal_answer(whole),
        params={"percent": percent, "part": part},
        bugs={"MISSING_OPERATE_ON_GIVEN": canon_decimal(Fraction(percent * part, 100))},
    )


def _percent_compare(rng: random.Random) -> Draft:
    """Y6 level 4: 'Which is more: 30% of 50 or 40% of 40?' (choice)."""
    low_p, high_p = sorted(rng.sample(range(10, 91, 5), 2))
    small_amount, big_amount = sorted(rng.sample(range(20, 201, 10), 2))
    first = (low_p, big_amount)
    second = (high_p, small_amount)
    if low_p * big_amount == high_p * small_amount:
        raise Resample
    pairs = [first, second]
    rng.shuffle(pairs)
    texts = [f"{p}% of {number_text(a)}" for p, a in pairs]
    same = "They are the same"

    def choose(value: Callable[[int, int], Fraction]) -> str:
        a, b = (value(p, amount) for p, amount in pairs)
        return texts[0] if a > b else texts[1] if b > a else same

    right = choose(lambda p, a: Fraction(p * a, 100))
    bugs = {
        "PCT_TEN_ONLY": choose(lambda p, a: Fraction(a, 10)),
        "PCT_DIVIDE_BY_P": choose(lambda p, a: Fraction(a, p)),
    }
    if right in bugs.values() and rng.random() < 0.5:
        raise Resample  # about two thirds of the items can show a misconception
    return Draft(
        prompt=f"Which is more: {texts[0]} or {texts[1]}?",
        answer=AnswerSpec(kind="choice", value=right, options=(texts[0], texts[1], same)),
        params={"pairs": [list(p) for p in pairs]},
        bugs=bugs,
    )


# ============================================================================================
# RATIO-SCALE
# ============================================================================================

RATE_CONTEXTS = (
    ("A tap fills {k} litres of water each minute.", "How many litres in {n} minutes?", "l"),
    ("A machine makes {k} badges each minute.", "How many badges in {n} minutes?", ""),
    ("A cyclist rides {k} km each hour.", "How far does the cyclist ride in {n} hours?", "km"),
)
TIMES_CONTEXTS = (
    (
        "A small bag holds {a} marbles. A big bag holds {k} times as many.",
        "How many marbles are in the big bag?",
        "",
    ),
    ("A sunflower is {a} cm tall. A tree is {k} times as tall.", "How tall is the tree?", "cm"),
    ("A pencil is {a} cm long. A scarf is {k} times as long.", "How long is the scarf?", "cm"),
)
# (where, plural, singular, other plural)
FOR_EVERY = (
    ("In a bag", "red beads", "red bead", "blue beads"),
    ("In a garden", "tulips", "tulip", "roses"),
    ("In a choir", "boys", "boy", "girls"),
    ("On a shelf", "cups", "cup", "plates"),
    ("In a fruit bowl", "apples", "apple", "pears"),
)
RECIPES = (("flour", "g"), ("milk", "ml"), ("sugar", "g"), ("butter", "g"))


@family("RATIO-SCALE", objectives=("Y5-MD-11", "Y6-RP-01", "Y6-RP-03"))
def ratio_scale(objective: str, level: int, rng: random.Random) -> Draft:
    if objective == "Y5-MD-11":
        return _scaling_y5(level, rng)
    if objective == "Y6-RP-01":
        return _relative_sizes(level, rng)
    return _similar_shapes(level, rng)


def _scaling_y5(level: int, rng: random.Random) -> Draft:
    """Y5-MD-11: scaling by whole numbers and simple fractions; simple rates."""
    if level == 1:
        story, question, unit = rng.choice(RATE_CONTEXTS)
        k, n = rng.randint(3, 12), rng.randint(3, 9)
        if k == n:
            raise Resample
        return Draft(
            prompt=f"{story.format(k=k)} {question.format(n=n)}",
            answer=_integer_answer(k * n, unit),
            params={"rate": k, "count": n},
            bugs={"ADD_FOR_MULT": canon_integer(k + n)},
        )
    if level == 2:
        story, question, unit = rng.choice(TIMES_CONTEXTS)
        a, k = rng.randint(3, 15), rng.randint(3, 9)
        if a == k:
            raise Resample
        return Draft(
            prompt=f"{story.format(a=a, k=k)} {question}",
            answer=_integer_answer(a * k, unit),
            params={"amount": a, "factor": k},
            bugs={"ADDITIVE_SCALING": canon_integer(a + k)},
        )
    if level == 3:  # a ribbon 3/4 as long
        denominator = rng.choice((3, 4, 5, 8, 10))
        numerator = rng.choice([n for n in range(2, denominator) if _gcd(n, denominator) == 1])
        length = denominator * rng.randint(3, 12)
        unit_part = length // denominator
        bugs = {
            "UNIT_ONLY": canon_integer(unit_part),
            "DIV_BY_NUMERATOR": _int_text(Fraction(length, numerator)),
        }
        return Draft(
            prompt=(
                f"A blue ribbon is {length} cm long. A red ribbon is {numerator}/{denominator} "
                "as long as the blue ribbon. How long is the red ribbon?"
            ),
            answer=_integer_answer(unit_part * numerator, "cm"),
            params={"length": length, "numerator": numerator, "denominator": denominator},
            bugs=_clean(bugs),
        )
    # level 4: unit rate then scale (4 pencils cost 72p; 7 pencils?)
    count, wanted = rng.sample(range(2, 10), 2)
    each = rng.randint(6, 25)
    if wanted % count == 0 or count % wanted == 0:
        raise Resample
    thing = rng.choice(("pencils", "rubbers", "stickers", "apples"))
    return Draft(
        prompt=f"{count} {thing} cost {count * each}p. How much do {wanted} {thing} cost?",
        answer=AnswerSpec(kind="money", value=canon_money(each * wanted), unit="p"),
        params={"count": count, "each": each, "wanted": wanted},
        bugs=_clean(
            {
                "ADDITIVE_SCALING": canon_money(count * each + wanted - count)
                if count * each + wanted - count > 0
                else None
            }
        ),
    )


def _relative_sizes(level: int, rng: random.Random) -> Draft:
    """Y6-RP-01: relative sizes of two quantities from multiplication and division facts."""
    if level in (1, 2):  # 3 roses for every 1 tulip (level 1) or for every 2 tulips (level 2)
        where, first, first_one, second = rng.choice(FOR_EVERY)
        per = 1 if level == 1 else rng.randint(2, 5)
        other = rng.choice([n for n in range(2, 9) if n != per and _gcd(n, per) == 1])
        groups = rng.randint(3, 9)
        reverse = level == 2 and rng.random() < 0.5  # given the second, find the first
        known, asked = (second, first) if reverse else (first, second)
        known_count = other * groups if reverse else per * groups
        ratio_known, ratio_asked = (other, per) if reverse else (per, other)
        return Draft(
            prompt=(
                f"{where} there are {other} {second} for every {per} "
                f"{first_one if per == 1 else first}. There are {known_count} {known}. "
                f"How many {asked} are there?"
            ),
            answer=_integer_answer(ratio_asked * groups),
            params={"per": per, "other": other, "groups": groups, "reverse": reverse},
            bugs=_clean(
                {
                    "ADDITIVE_SCALING": canon_integer(known_count + ratio_asked - ratio_known),
                    "INVERSE_SCALE": _int_text(Fraction(known_count * ratio_known, ratio_asked)),
                }
            ),
        )
    if level == 3:  # recipe for 4 people → 6 people
        people, wanted = rng.choice(((2, 3), (4, 6), (4, 10), (6, 9), (6, 4), (8, 12), (4, 3)))
        ingredient, unit = rng.choice(RECIPES)
        amount = people * rng.randint(10, 60) * (5 if unit == "g" else 10)
        answer = Fraction(amount * wanted, people)
        if answer.denominator != 1:
            raise Resample
        return Draft(
            prompt=(
                f"A recipe for {people} people uses {number_text(amount)} {unit} of {ingredient}. "
                f"How much {ingredient} is needed for {wanted} people?"
            ),
            answer=_integer_answer(int(answer), unit),
            params={"people": people, "amount": amount, "wanted": wanted},
            bugs=_clean(
                {
                    "ADDITIVE_SCALING": canon_integer(amount + wanted - people),
                    "INVERSE_SCALE": _int_text(Fraction(amount * people, wanted)),
                }
            ),
        )
    # level 4: '20 identical boxes make a stack 140 cm tall. How tall are 17 boxes?'
    height = rng.randint(3, 12)
    count, wanted = rng.sample(range(11, 30), 2)
    total = height * count
    return Draft(
        prompt=(
            f"{count} identical boxes are stacked to make a tower {total} cm tall. "
            f"How tall is a tower of {wanted} of these boxes?"
        ),
        answer=_integer_answer(height * wanted, "cm"),
        params={"count": count, "height": height, "wanted": wanted},
        bugs=_clean(
            {
                "ADDITIVE_SCALING": canon_integer(total + wanted - count),
                "INVERSE_SCALE": _int_text(Fraction(total * count, wanted)),
            }
        ),
    )


def _similar_shapes(level: int, rng: random.Random) -> Draft:
    """Y6-RP-03: similar shapes described in words; scale factor known or found."""
    if level in (1, 2):
        short, long_ = sorted(rng.sample(range(3, 13), 2))  # 2 × 2 = 2 + 2 hides the bug
        shape = rng.choice(("rectangle", "parallelogram"))
        factor = 2 if level == 1 else rng.randint(3, 6)
        side, side_name = rng.choice(((short, "shorter"), (long_, "longer")))
        return Draft(
            prompt=(
                f"A {shape} has sides of {short} cm and {long_} cm. It is enlarged by a scale "
                f"factor of {factor}. How long is the {side_name} side of the new {shape}?"
            ),
            answer=_integer_answer(side * factor, "cm"),
            params={"sides": [short, long_], "factor": factor, "side": side},
            bugs={"ADDITIVE_SCALING": canon_integer(side + factor)},
        )
    if level == 3:
        factor = rng.randint(2, 6)
        side = rng.randint(3, 12)
        return Draft(
            prompt=(
                f"Triangle A has a side of {side} cm. Triangle B is an enlargement of A. "
                f"The matching side of B is {side * factor} cm. What is the scale factor?"
            ),
            answer=_integer_answer(factor),
            params={"side": side, "factor": factor},
            bugs={"ADDITIVE_SCALING": canon_integer(side * factor - side)},
        )
    # level 4: 6 cm by 9 cm; similar, shorter side 10 cm; longer side? (factor 5/3)
    denominator = rng.choice((2, 3, 4))
    numerator = rng.choice([n for n in range(denominator + 1, 3 * denominator) if n % denominator])
    if _gcd(numerator, denominator) != 1:
        raise Resample
    small, large = sorted(rng.sample(range(1, 12 // denominator + 2), 2))
    short, long_ = small * denominator, large * denominator
    new_short, new_long = small * numerator, large * numerator
    return Draft(
        prompt=(
            f"Rectangle A is {short} cm by {long_} cm. Rectangle B is an enlargement of A. "
            f"The shorter side of B is {new_short} cm. How long is the longer side of B?"
        ),
        answer=_integer_answer(new_long, "cm"),
        params={"sides": [short, long_], "new_short": new_short},
        bugs=_clean(
            {
                "ADDITIVE_SCALING": canon_integer(long_ + new_short - short),
                "INVERSE_SCALE": _int_text(Fraction(long_ * short, new_short)),
            }
        ),
    )


# ============================================================================================
# UNEQUAL-SHARE
# ============================================================================================

SHARE_THINGS = ("sweets", "stickers", "marbles", "cards", "shells", "conkers")


@family("UNEQUAL-SHARE", objectives=("Y6-RP-04",))
def unequal_share(objective: str, level: int, rng: random.Random) -> Draft:
    """Y6-RP-04: unequal sharing and grouping, stated in words (not a:b notation)."""
    first, second = rng.sample(NAMES, 2)
    thing = rng.choice(SHARE_THINGS)
    if level in (1, 2):
        times = 2 if level == 1 else rng.randint(3, 6)
        part = rng.randint(3, 15)
        parts = (1, times)
        total = part * (times + 1)
        statement = (
            f"{second} has {'twice' if times == 2 else f'{times} times'} as many {thing} as "
            f"{first}. Together they have {total} {thing}."
        )
    elif level == 3:
        a, b = rng.choice(((2, 3), (3, 5), (3, 4), (2, 5), (4, 5), (3, 7), (5, 7)))
        parts = (a, b)
        part = rng.randint(2, 12)
        total = part * (a + b)
        statement = (
            f"{first} and {second} share {total} {thing}. For every {a} {thing} {first} gets, "
            f"{second} gets {b}."
        )
    else:  # the difference is known: 12 more dogs than cats
        a, b = rng.choice(((2, 5), (3, 5), (2, 7), (3, 7), (4, 7), (3, 8)))
        parts = (a, b)
        part = rng.randint(2, 12)
        difference = part * (b - a)
        statement = (
            f"For every {a} {thing} {first} has, {second} has {b}. "
            f"{second} has {difference} more {thing} than {first}."
        )
        total = difference
    ask_first = rng.random() < 0.5
    answer = part * (parts[0] if ask_first else parts[1])
    other = part * (parts[1] if ask_first else parts[0])
    # the total (or difference) divided by one side's number of parts, not by all the parts
    one_part = [Fraction(total, n) for n in sorted(parts, reverse=True) if n > 1]
    whole_parts = [v for v in one_part if v.denominator == 1]
    bugs = {
        "SHARE_BY_ONE_PART": _int_text(whole_parts[0]) if whole_parts else None,
        "GAVE_OTHER_SHARE": canon_integer(other),
    }
    return Draft(
        prompt=(
            f"{statement} How many {thing} does {first if ask_first else second} "
            f"{'get' if level == 3 else 'have'}?"
        ),
        answer=_integer_answer(answer),
        params={"parts": list(parts), "part": part, "total": total, "ask_first": ask_first},
        bugs=_clean(bugs),
    )


# ============================================================================================
# FORMULA
# ============================================================================================

WORD_FORMULAE = (
    # (what the formula is for, result, input, question; money?)
    (
        "A shop works out the cost of hiring a bike with this formula:",
        "cost in pounds",
        "number of hours",
        "What is the cost for {n} hours?",
        True,
    ),
    (
        "A caretaker works out how many chairs to put out with this formula:",
        "number of chairs",
        "number of tables",
        "How many chairs are needed for {n} tables?",
        False,
    ),
    (
        "A pattern of squares is made from sticks. The number of sticks is found with this "
        "formula:",
        "number of sticks",
        "number of squares",
        "How many sticks are needed for {n} squares?",
        False,
    ),
)
LETTERS = ("n", "a", "m", "p", "t", "x", "y")


@family("FORMULA", objectives=("Y6-AL-01",))
def formula(objective: str, level: int, rng: random.Random) -> Draft:
    """Y6-AL-01: use simple formulae; words at levels 1-2, letters at 3-4."""
    if level in (1, 2):
        setting, result, given, question, money = rng.choice(WORD_FORMULAE)
        a, b, n = rng.randint(2, 12), rng.randint(2, 30), rng.randint(2, 9)
        if a == n:
            raise Resample
        if level == 1:
            rule = f"{result} = {a} × {given} + {b}"
            bugs = {"ADD_FOR_MULT": a + n + b}
        else:  # the added number first: working left to right gives (b + a) × n
            rule = f"{result} = {b} + {a} × {given}"
            bugs = {"LEFT_TO_RIGHT": (b + a) * n}
        value = a * n + b
        prompt = f"{setting} {rule}. {question.format(n=n)}"
        params = {"a": a, "b": b, "n": n}
        if money:
            return Draft(
                prompt=prompt,
                answer=AnswerSpec(kind="money", value=canon_money(value * 100), unit="£"),
                params=params,
                bugs={label: canon_money(v * 100) for label, v in bugs.items()},
            )
        return Draft(
            prompt=prompt,
            answer=_integer_answer(value),
            params=params,
            bugs={label: canon_integer(v) for label, v in bugs.items()},
        )
    if level == 3:  # n = 22: 2n + 9
        letter = rng.choice(LETTERS)
        n, a, b = rng.randint(3, 30), rng.randint(2, 9), rng.randint(2, 20)
        if a == n:
            raise Resample
        minus = rng.random() < 0.4 and a * n > b
        value = a * n - b if minus else a * n + b
        concat = _concat(a, n) - b if minus else _concat(a, n) + b
        return Draft(
            prompt=f"{letter} = {n}. What is {a}{letter} {'−' if minus else '+'} {b}?",
            answer=_integer_answer(value),
            params={"n": n, "a": a, "b": b, "minus": minus},
            bugs={"CONCAT_VARIABLE": canon_integer(concat)},
        )
    # level 4: two letters (a = 5, b = 3: 4a + 2b)
    first, second = sorted(rng.sample(LETTERS, 2))
    x, y = rng.sample(range(2, 13), 2)
    c, d = rng.sample(range(2, 10), 2)
    value = c * x + d * y
    return Draft(
        prompt=f"{first} = {x} and {second} = {y}. What is {c}{first} + {d}{second}?",
        answer=_integer_answer(value),
        params={"x": x, "y": y, "c": c, "d": d},
        bugs={
            "CONCAT_VARIABLE": canon_integer(_concat(c, x) + _concat(d, y)),
            "LEFT_TO_RIGHT": canon_integer((c * x + d) * y),
        },
    )


# ============================================================================================
# LIN-SEQ
# ============================================================================================


@family("LIN-SEQ", objectives=("Y6-AL-02",))
def linear_sequence(objective: str, level: int, rng: random.Random) -> Draft:
    """Y6-AL-02: generate and describe linear sequences."""
    step = rng.randint(3, 12)
    if level == 1:  # going down, staying above zero
        start = rng.randint(5 * step, 99)
        terms = [start - i * step for i in range(4)]
        answer = terms[-1] - step
        return _next_term(terms, answer, {"STEP_WRONG": canon_integer(terms[-1] + step)})
    if level == 2:  # going down through zero
        last = rng.randint(1, step - 1)
        terms = [last + (3 - i) * step for i in range(4)]
        answer = last - step
        return _next_term(
            terms,
            answer,
            {"STEP_WRONG": canon_integer(last + step), "NEG_SKIP_ZERO": canon_integer(answer - 1)},
        )
    if level == 3:  # equal steps with the middle terms missing
        gaps = rng.choice((3, 4))
        step = rng.randint(2, 12)
        first = rng.randint(-10, 40) if rng.random() < 0.3 else rng.randint(1, 40)
        last = first + gaps * step
        blanks = gaps - 1
        if (last - first) % blanks or first + step == 0:
            raise Resample
        shown = [_signed(first), *["□"] * blanks, _signed(last)]
        return Draft(
            prompt=(
                "The numbers go up in equal steps. What number goes in the first box? "
                + ", ".join(shown)
            ),
            answer=_integer_answer(first + step),
            params={"first": first, "step": step, "gaps": gaps},
            bugs={"STEP_WRONG": canon_integer(first + (last - first) // blanks)},
        )
    # level 4: a far term from the position (3n + 2)
    first = rng.randint(1, 12)
    if first == step:
        raise Resample  # n × step would be right: the rule must have an offset
    terms = [first + i * step for i in range(4)]
    shown = "This sequence goes on in the same way: " + ", ".join(str(t) for t in terms) + ", …"
    if rng.random() < 0.5:  # describe it: the rule for the number in position n
        right = _linear_rule(step, first - step)
        wrong = {"RULE_AS_STEP": f"n + {step}"}
        others = [_linear_rule(step, first), _linear_rule(first, step)]
        return Draft(
            prompt=f"{shown} Which expression gives the number in position n?",
            answer=AnswerSpec(
                kind="choice",
                value=right,
                options=shuffled_options(rng, right, [*wrong.values(), *others]),
            ),
            params={"first": first, "step": step, "describe": True},
            bugs=wrong,
        )
    position = rng.choice((10, 20, 25, 50, 100, rng.randint(11, 40)))
    return Draft(
        prompt=f"{shown} What is the {_ordinal(position)} number in the sequence?",
        answer=_integer_answer(first + (position - 1) * step),
        params={"first": first, "step": step, "position": position, "describe": False},
        bugs={"RULE_AS_STEP": canon_integer(position + step)},
    )


def _linear_rule(step: int, offset: int) -> str:
    """The position-to-term rule as written in Y6: 3n + 2, 4n − 1, 5n."""
    if offset == 0:
        return f"{step}n"
    return f"{step}n {'+' if offset > 0 else '−'} {abs(offset)}"


def _next_term(terms: list[int], answer: int, bugs: dict[str, str]) -> Draft:
    shown = ", ".join(_signed(t) for t in terms)
    return Draft(
        prompt=f"What is the next number in this sequence? {shown}, □",
        answer=_integer_answer(answer),
        params={"terms": terms},
        bugs=bugs,
    )


# ============================================================================================
# EQUATION
# ============================================================================================


@family("EQUATION", objectives=("Y6-AL-03",))
def equation(objective: str, level: int, rng: random.Random) -> Draft:
    """Y6-AL-03: missing-number problems written with letters."""
    letter = rng.choice(LETTERS)
    if level == 1:  # a + 17 = 52, a − 17 = 35
        value, b = rng.randint(12, 90), rng.randint(11, 60)
        if value == b:
            raise Resample
        add = rng.random() < 0.5
        c = value + b if add else value - b
        if c <= 0:
            raise Resample
        return Draft(
            prompt=f"{letter} {'+' if add else '−'} {b} = {c}. What is {letter}?",
            answer=_integer_answer(value),
            params={"b": b, "c": c, "add": add},
            bugs={"MISSING_OPERATE_ON_GIVEN": canon_integer(c + b if add else c - b)},
        )
    if level == 2:  # 4y = 36
        a, value = rng.randint(3, 12), rng.randint(3, 12)
        return Draft(
            prompt=f"{a}{letter} = {a * value}. What is {letter}?",
            answer=_integer_answer(value),
            params={"a": a, "c": a * value},
            bugs={"MISSING_OPERATE_ON_GIVEN": canon_integer(a * a * value)},
        )
    a = rng.randint(2, 9)
    value = rng.randint(3, 15)
    b = a * rng.randint(1, 4)  # a multiple of a, so the wrong order still divides exactly
    add = rng.random() < 0.5
    c = a * value + b if add else a * value - b
    wrong_order = c // a - b if add else c // a + b  # 100 ÷ 2 − 4 for 2q + 4 = 100
    if c <= 0 or c == value or wrong_order <= 0:
        raise Resample
    if level == 3:  # 2q + 4 = 100
        return Draft(
            prompt=f"{a}{letter} {'+' if add else '−'} {b} = {c}. What is {letter}?",
            answer=_integer_answer(value),
            params={"a": a, "b": b, "c": c, "add": add},
            bugs=_clean(
                {
                    "INVERSE_ORDER": canon_integer(wrong_order),
                    "MISSING_OPERATE_ON_GIVEN": canon_integer(a * c + b if add else a * c - b),
                }
            ),
        )
    # level 4: choose the equation for a 'think of a number' problem
    name = rng.choice(NAMES)
    sign, other = ("+", "−") if add else ("−", "+")
    right = f"{a}n {sign} {b} = {c}"
    wrong = {
        "INVERSE_ORDER": f"{a}(n {sign} {b}) = {c}",
        "MISSING_OPERATE_ON_GIVEN": f"{a} × {c} {sign} {b} = n",
        "OP_SWAP": f"{a}n {other} {b} = {c}",
    }
    action = "adds" if add else "subtracts"
    return Draft(
        prompt=(
            f"{name} thinks of a number, n. {name} multiplies it by {a}, then {action} {b}. "
            f"The answer is {c}. Which equation shows this?"
        ),
        answer=AnswerSpec(
            kind="choice", value=right, options=shuffled_options(rng, right, wrong.values())
        ),
        params={"a": a, "b": b, "c": c, "add": add},
        bugs=wrong,
    )


# ============================================================================================
# TWO-UNKNOWNS
# ============================================================================================

MEAL_CONTEXTS = (
    (
        "A café offers {a} main courses and {b} desserts.",
        "How many different meals of one main course and one dessert can you choose?",
    ),
    (
        "{name} has {a} T-shirts and {b} pairs of shorts.",
        "How many different outfits of one T-shirt and one pair of shorts can {name} make?",
    ),
    (
        "An ice-cream van sells {a} flavours and {b} kinds of cone.",
        "How many different ice creams of one flavour in one cone can you buy?",
    ),
)


@family("TWO-UNKNOWNS", objectives=("Y6-AL-04", "Y6-AL-05"))
def two_unknowns(objective: str, level: int, rng: random.Random) -> Draft:
    if objective == "Y6-AL-04":
        return _find_pairs(level, rng)
    return _enumerate_pairs(level, rng)


def _find_pairs(level: int, rng: random.Random) -> Draft:
    """Y6-AL-04: pairs that satisfy an equation with two unknowns. A free pair cannot be marked
    against one key, so one unknown is fixed (levels 1-2, 4) or the pair is chosen (level 3)."""
    if level == 1:  # a + b = 15, a = 6
        total = rng.randint(10, 40)
        a = rng.randint(2, total - 2)
        if 2 * a == total:
            raise Resample
        return Draft(
            prompt=f"a + b = {total}. If a = {a}, what is b?",
            answer=_integer_answer(total - a),
            params={"total": total, "a": a},
            bugs={"MISSING_OPERATE_ON_GIVEN": canon_integer(total + a)},
        )
    c = rng.randint(2, 6)
    a = rng.randint(2, 9)
    b = rng.randint(1, 30)
    total = c * a + b
    if b == a:
        raise Resample
    if level == 2:  # 3a + b = 40, a = 7
        concat = total - _concat(c, a)
        return Draft(
            prompt=f"{c}a + b = {total}. If a = {a}, what is b?",
            answer=_integer_answer(b),
            params={"c": c, "total": total, "a": a},
            bugs=_clean(
                {
                    "PAIR_FAILS_EQUATION": canon_integer(total - a),
                    "CONCAT_VARIABLE": canon_integer(concat) if concat > 0 else None,
                }
            ),
        )
    if level == 3:  # which pair fits 3a + b = 20?

        def text(x: int, y: int) -> str:
            return f"a = {x}, b = {y}"

        if c * b + a == total:
            raise Resample  # the swapped pair would fit too
        right = text(a, b)
        ignored = text(a, total - a)  # the number in front of a left out
        others = [text(b, a), text(a + 1, b)]  # swapped; one more a
        return Draft(
            prompt=f"a and b are whole numbers. Which pair makes {c}a + b = {total} true?",
            answer=AnswerSpec(
                kind="choice",
                value=right,
                options=shuffled_options(rng, right, [ignored, *others]),
            ),
            params={"c": c, "total": total, "a": a, "b": b},
            bugs={"PAIR_FAILS_EQUATION": ignored},
        )
    # level 4: p × q = 24 and p + q = 11, p > q
    q = rng.randint(2, 9)
    p = rng.randint(q + 1, 12)
    product, total = p * q, p + q
    # the larger number of another factor pair: right product, wrong sum (24 × 1, 12 × 2 …)
    others = [x for x in range(2, product + 1) if product % x == 0 and x > product // x != q]
    fails = min(others, key=lambda x: (abs(x + product // x - total), x))
    return Draft(
        prompt=(
            f"p and q are whole numbers. p × q = {product} and p + q = {total}. "
            "p is greater than q. What is p?"
        ),
        answer=_integer_answer(p),
        params={"product": product, "total": total},
        bugs={"PAIR_FAILS_EQUATION": canon_integer(fails)},
    )


def _enumerate_pairs(level: int, rng: random.Random) -> Draft:
    """Y6-AL-05: every combination of two variables, as a count or as a set of values."""
    if level in (1, 2):
        story, question = rng.choice(MEAL_CONTEXTS)
        low, high = (2, 5) if level == 1 else (4, 9)
        a, b = rng.randint(low, high), rng.randint(low, high)
        if a == b == 2:
            raise Resample  # 2 × 2 = 2 + 2 hides the adding misconception
        name = rng.choice(NAMES)
        return Draft(
            prompt=f"{story.format(a=a, b=b, name=name)} {question.format(name=name)}",
            answer=_integer_answer(a * b),
            params={"a": a, "b": b},
            bugs={"CORRESPONDENCE_ADD": canon_integer(a + b)},
        )
    if level == 3:  # x + y = 9, x > y: all the values of x
        total = rng.randint(6, 15)
        values = [x for x in range(1, total) if x > total - x]
        prompt = (
            f"x and y are whole numbers greater than 0. x + y = {total} and x is greater "
            "than y. Write every possible value of x."
        )
        params = {"total": total}
    else:  # 2x + 3y = 30: all the values of x
        cx, cy = rng.sample(range(2, 6), 2)
        total = rng.randint(20, 40)
        values = [x for x in range(1, total) if (total - cx * x) > 0 and (total - cx * x) % cy == 0]
        if not 3 <= len(values) <= 6:
            raise Resample
        prompt = (
            f"x and y are whole numbers greater than 0. {cx}x + {cy}y = {total}. "
            "Write every possible value of x."
        )
        params = {"cx": cx, "cy": cy, "total": total}
    if len(values) < 2:
        raise Resample
    return Draft(
        prompt=prompt,
        answer=AnswerSpec(kind="set", value=canon_set(values)),
        params=params,
        bugs={"ENUMERATION_INCOMPLETE": canon_set(values[:-1])},  # the pair with the least y
    )
