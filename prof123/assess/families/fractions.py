"""Question families: fractions, and fractions with decimals and percentages (design §5.4).

Pure: every number comes from the ``rng`` a family is given, so a stored seed rebuilds its item.

Fraction answers are canonical lowest-terms ``n/d`` (a whole number alone). Unless ``form`` says
otherwise the pupil may type any equivalent, mixed or improper (§3.4), so bug answers are
canonical too: a pupil's "12/32" finds the label stored under "3/8". NOT_SIMPLEST can therefore
never be a bug answer (its canonical value is the right one); items that test the simplest form
declare ``form="simplest"`` and the marker flags an unsimplified answer.

Bug answers that are ambiguous in §5/§6.2 are fixed here as follows:
- UNIT_ONLY: n/d of A -> A ÷ d (non-unit fractions); in reverse items ("n/d of □ is p") p × d.
- DIV_BY_NUMERATOR: n/d of A -> A ÷ n; in reverse items p ÷ n (found one part, stopped).
- MULT_BY_DENOMINATOR: 1/d of A -> A × d (multiplied where they should divide; unit fractions).
- MISSING_OPERATE_ON_GIVEN: the shown numbers combined, e.g. "1/4 of □ = 6" -> 1/4 of 6.
- DENOMINATOR_ONLY: compares by denominators alone, the smaller one winning (the unit-fraction
  rule applied whatever the numerators); BIGGER_DENOM_BIGGER: the bigger denominator winning.
- FRACTION_AS_DECIMAL_DIGITS: n/d -> "n.d" (3/8 -> 3.8; 7/10 -> 7.10 = 7.1).
- DECIMAL_AS_UNIT_FRACTION: 0.7 -> 1/7 and, the other way, 1/4 -> 0.4.
- QUARTER_AS_0_4: a quarter taken as 0.4 (3/4 -> 1.2).
- PERCENT_POINT_SHIFT: the point moved one place too few (5% -> 0.5; 0.6 -> 6%).
- POWER_WRONG: tenths, hundredths and thousandths mixed up by one place (7/100 -> 0.7).
- DECIMAL_COUNT_0_10: the last digit counted on from 9 to "10" (0.09 -> 0.010 = 0.01).
- PV_WRONG_COLUMN: counting in hundredths, a step taken in the tenths (0.74 -> 0.84).
- DIV_WRONG_PART: n/d ÷ w worked as n/(d ÷ w) (divided the denominator); the same value as
  DIV_MULTIPLIED_NUMERATOR, so that answer carries both labels.
- FRAC_MUL_ADD: added where they should multiply (n/d × w -> (n + w)/d; a/b × c/d -> a/b + c/d).
- MIXED_WHOLE_IGNORED: the whole-number parts dropped, the fraction parts worked alone.
- EQUIV_ADDITIVE, as a percentage: n/d -> (n + 100 - d)% (7/25 -> 82%).
- REMAINDER_AS_DECIMAL: a ÷ b = q r r written q.r (7 ÷ 4 -> 1.3; 3/8 -> 0.3).
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple

from prof123.assess.items import (
    AnswerSpec,
    Draft,
    Resample,
    canon_decimal,
    canon_fraction,
    canon_integer,
    canon_order,
    canon_percent,
    family,
    number_text,
    shuffled_options,
)

Builder = Callable[[int, random.Random], Draft]

BOX = "□"
MINUS = "−"
SYMBOLS = ("<", ">", "=")

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
    "Kiran",
    "Layla",
    "Mo",
    "Nia",
    "Oliver",
    "Priya",
    "Rosa",
    "Sam",
    "Tariq",
    "Zoe",
)
THINGS = ("sweets", "stickers", "marbles", "beads", "shells", "buttons", "pencils", "cards")
COLOURS = ("red", "blue", "green", "yellow")
# (the whole, what was done to part of it, the verb in a question)
WHOLES = (
    ("pizza", "ate", "eat"),
    ("cake", "ate", "eat"),
    ("chocolate bar", "ate", "eat"),
    ("fence", "painted", "paint"),
    ("wall", "painted", "paint"),
)
# (unit, story); {amount}, {name} and {f} are filled in
MEASURE_STORIES = (
    ("cm", "A ribbon is {amount} cm long. {name} cuts off {f} of it. How long is the piece?"),
    (
        "kg",
        "A sack holds {amount} kg of potatoes. {name} uses {f} of the potatoes. "
        "How many kilograms does {name} use?",
    ),
    (
        "ml",
        "A jug holds {amount} ml of juice. {name} pours out {f} of the juice. "
        "How many millilitres does {name} pour out?",
    ),
    (
        "minutes",
        "A film lasts {amount} minutes. {name} has watched {f} of it. "
        "How many minutes has {name} watched?",
    ),
    (
        "m",
        "A path is {amount} m long. {name} has swept {f} of it. How many metres has {name} swept?",
    ),
)

SHARING_STORIES = (
    "{f} of a litre of juice is poured equally into {w} cups. "
    "What fraction of a litre is in each cup?",
    "{f} of a pizza is shared equally between {w} plates. "
    "What fraction of the whole pizza is on each plate?",
    "{f} of a kilogram of flour is split equally between {w} bowls. "
    "What fraction of a kilogram is in each bowl?",
    "{f} of a garden is shared equally between {w} children. "
    "What fraction of the whole garden does each child get?",
)


# --- shared helpers ---------------------------------------------------------------------------


def _parts_text(whole: int, numerator: int, denominator: int) -> str:
    """A number as shown, its parts kept as given (2 2/4 stays 2 2/4)."""
    if numerator == 0:
        return number_text(whole)
    tail = f"{numerator}/{denominator}"
    return tail if whole == 0 else f"{number_text(whole)} {tail}"


def _fraction_text(value: Fraction) -> str:
    """Lowest terms, as a mixed number above 1: 3/4, 1 3/4, 2."""
    whole, rest = divmod(value.numerator, value.denominator)
    return _parts_text(whole, rest, value.denominator)


def _count_text(count: int, denominator: int) -> str:
    """``count`` lots of 1/denominator, as a mixed number without simplifying (1 2/10)."""
    whole, rest = divmod(count, denominator)
    return _parts_text(whole, rest, denominator)


def _terminates(value: Fraction) -> bool:
    denominator = value.denominator
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    return denominator == 1


def _cf(value: Fraction | int) -> str | None:
    """Canonical fraction answer, or None when a bug would give nothing positive."""
    value = Fraction(value)
    return canon_fraction(value) if value > 0 else None


def _ci(value: Fraction | int) -> str | None:
    """Canonical integer answer, or None unless the value is a positive whole number."""
    value = Fraction(value)
    return canon_integer(int(value)) if value > 0 and value.denominator == 1 else None


def _cd(value: Fraction | Decimal | int) -> str | None:
    """Canonical decimal (or percent) answer, or None unless positive and exact."""
    value = Fraction(value)
    return canon_decimal(value) if value > 0 and _terminates(value) else None


def _clean(bugs: dict[str, str | None]) -> dict[str, str]:
    return {label: wrong for label, wrong in bugs.items() if wrong is not None}


def _need(right: str, bugs: dict[str, str | None], *labels: str) -> None:
    """Resample unless one of the targeted bugs gives a wrong answer for these numbers."""
    if not any(bugs.get(label) not in (None, right) for label in labels):
        raise Resample


def _fraction_answer(
    value: Fraction | int, *, form: str = "any", accept_decimal: bool = True, unit: str = ""
) -> AnswerSpec:
    return AnswerSpec(
        kind="fraction",
        value=canon_fraction(Fraction(value)),
        unit=unit,
        form=form,
        accept_decimal=accept_decimal,
    )


def _integer_answer(value: Fraction | int, unit: str = "") -> AnswerSpec:
    value = Fraction(value)
    if value.denominator != 1:
        raise ValueError(f"{value} is not whole")
    return AnswerSpec(kind="integer", value=canon_integer(int(value)), unit=unit)


def _decimal_answer(value: Fraction | Decimal | int, unit: str = "") -> AnswerSpec:
    return AnswerSpec(kind="decimal", value=canon_decimal(Fraction(value)), unit=unit)


def _percent_answer(value: Fraction | Decimal | int) -> AnswerSpec:
    return AnswerSpec(kind="percent", value=canon_percent(Fraction(value)), unit="%")


def _choice(
    rng: random.Random,
    prompt: str,
    right: str,
    bugs: dict[str, str | None],
    near: Sequence[str] = (),
    *,
    params: dict,
    count: int = 4,
) -> Draft:
    wrong = [w for w in bugs.values() if w is not None and w != right]
    options = shuffled_options(rng, right, [*wrong, *near], count)
    return Draft(
        prompt=prompt,
        answer=AnswerSpec(kind="choice", value=right, options=options),
        params=params,
        bugs=_clean(bugs),
    )


def _coprime(rng: random.Random, d: int, low: int = 1) -> int:
    """A numerator from low to d - 1 with no common factor with d."""
    choices = [n for n in range(low, d) if math.gcd(n, d) == 1]
    if not choices:
        raise Resample
    return rng.choice(choices)


def _names(rng: random.Random, count: int) -> list[str]:
    return rng.sample(NAMES, count)


def _unit_fraction_pair(rng: random.Random, low: int, high: int) -> tuple[int, int]:
    first, second = rng.sample(range(low, high + 1), 2)
    return first, second


# --- FRAC-OF-AMOUNT -----------------------------------------------------------------------------


def _of_amount(
    n: int, d: int, amount: int, prompt: str, *, unit: str = "", context: str = "bare"
) -> Draft:
    """n/d of amount, a whole-number answer."""
    value = Fraction(n * amount, d)
    if value.denominator != 1 or value == amount:
        raise Resample
    right = canon_integer(int(value))
    bugs = {
        "UNIT_ONLY": _ci(Fraction(amount, d)) if n > 1 else None,
        "DIV_BY_NUMERATOR": _ci(Fraction(amount, n)) if n > 1 else None,
        "MULT_BY_DENOMINATOR": _ci(amount * d) if n == 1 else None,
    }
    _need(right, bugs, "UNIT_ONLY" if n > 1 else "MULT_BY_DENOMINATOR")
    return Draft(
        prompt=prompt,
        answer=_integer_answer(value, unit),
        params={"numerator": n, "denominator": d, "amount": amount, "context": context},
        bugs=_clean(bugs),
    )


def _of_amount_reverse(n: int, d: int, part: int, prompt: str, *, context: str = "bare") -> Draft:
    """n/d of a number is part: the number."""
    whole = Fraction(part * d, n)
    if whole.denominator != 1:
        raise Resample
    right = canon_integer(int(whole))
    bugs = {
        "MISSING_OPERATE_ON_GIVEN": _ci(Fraction(n * part, d)),
        "UNIT_ONLY": _ci(part * d) if n > 1 else None,
        "DIV_BY_NUMERATOR": _ci(Fraction(part, n)) if n > 1 else None,
        "ADD_FOR_MULT": _ci(part + d) if n == 1 else None,
    }
    _need(right, bugs, "UNIT_ONLY" if n > 1 else "ADD_FOR_MULT")
    return Draft(
        prompt=prompt,
        answer=_integer_answer(whole),
        params={"numerator": n, "denominator": d, "part": part, "context": context},
        bugs=_clean(bugs),
    )


def _multiple(rng: random.Random, d: int, low: int, high: int) -> int:
    """A multiple of d in [low, high] (at least 2 × d)."""
    first = max(2, -(-low // d))
    last = high // d
    if first > last:
        raise Resample
    return d * rng.randint(first, last)


def _set_story(rng: random.Random, fraction_words: str, amount: int) -> str:
    things, colour = rng.choice(THINGS), rng.choice(COLOURS)
    return (
        f"There are {number_text(amount)} {things} in a bag. {fraction_words.capitalize()} of "
        f"them are {colour}. How many {things} are {colour}?"
    )


def _give_story(rng: random.Random, fraction_words: str, amount: int) -> str:
    name, things = rng.choice(NAMES), rng.choice(THINGS)
    return (
        f"{name} has {number_text(amount)} {things}. {name} gives {fraction_words} of them to a "
        f"friend. How many {things} does {name} give away?"
    )


def _measure_story(rng: random.Random, n: int, d: int, amount: int) -> Draft:
    unit, story = rng.choice(MEASURE_STORIES)
    prompt = story.format(amount=number_text(amount), name=rng.choice(NAMES), f=f"{n}/{d}")
    return _of_amount(n, d, amount, prompt, unit=unit, context="measure")


def _of_y1_half(level: int, rng: random.Random) -> Draft:
    if level == 4:
        part = rng.randint(3, 10)
        return _of_amount_reverse(1, 2, part, f"Half of {BOX} is {part}.")
    if level == 1:
        amount = rng.randrange(6, 13, 2)
        return _of_amount(1, 2, amount, f"What is half of {amount}?")
    if level == 2:
        amount = rng.randrange(10, 21, 2)
        return _of_amount(1, 2, amount, f"1/2 of {amount} = {BOX}")
    amount = rng.randrange(8, 21, 2)
    return _of_amount(1, 2, amount, _give_story(rng, "half", amount), context="set")


def _of_y1_quarter(level: int, rng: random.Random) -> Draft:
    if level == 4:
        part = rng.randint(2, 5)
        return _of_amount_reverse(1, 4, part, f"A quarter of {BOX} is {part}.")
    if level == 1:
        amount = rng.choice((4, 8, 12))
        return _of_amount(1, 4, amount, f"What is a quarter of {amount}?")
    if level == 2:
        amount = rng.choice((8, 12, 20))
        return _of_amount(1, 4, amount, f"1/4 of {amount} = {BOX}")
    amount = rng.choice((8, 12, 16, 20))
    return _of_amount(1, 4, amount, _set_story(rng, "a quarter", amount), context="set")


def _of_y2_fractions(level: int, rng: random.Random) -> Draft:
    if level in (1, 2):
        d = rng.choice((3, 4))
        if level == 1:
            amount = _multiple(rng, d, 6, 12)
            return _of_amount(1, d, amount, f"1/{d} of {amount} = {BOX}")
        amount = _multiple(rng, d, 13, 24)
        return _of_amount(1, d, amount, _set_story(rng, f"1/{d}", amount), context="set")
    n = rng.choice((2, 3))
    if level == 3:
        amount = _multiple(rng, 4, 8, 24)
        return _of_amount(n, 4, amount, f"{n}/4 of {amount} = {BOX}")
    amount = _multiple(rng, 4, 12, 24)
    return _of_amount(n, 4, amount, _give_story(rng, f"{n}/4", amount), context="set")


def _of_y2_statements(level: int, rng: random.Random) -> Draft:
    if level == 1:
        amount = rng.randrange(6, 21, 2)
        return _of_amount(1, 2, amount, f"1/2 of {amount} = {BOX}")
    if level == 2:
        d = rng.choice((3, 4))
        amount = _multiple(rng, d, 6, 24)
        return _of_amount(1, d, amount, f"1/{d} of {amount} = {BOX}")
    d = rng.choice((2, 3, 4))
    part = rng.randint(2, 24 // d)
    if level == 3:
        return _of_amount_reverse(1, d, part, f"1/{d} of {BOX} = {part}")
    # the missing denominator: 1/□ of 12 = 3
    if part == d:
        raise Resample
    amount = part * d
    bugs = {
        "MISSING_OPERATE_ON_GIVEN": _ci(amount - part),
        "OP_SWAP": _ci(amount * part),
    }
    right = canon_integer(d)
    _need(right, bugs, "MISSING_OPERATE_ON_GIVEN")
    return Draft(
        prompt=f"1/{BOX} of {amount} = {part}",
        answer=_integer_answer(d),
        params={"numerator": 1, "denominator": d, "amount": amount, "context": "denominator"},
        bugs=_clean(bugs),
    )


def _of_y3_tenths(level: int, rng: random.Random) -> Draft:
    if level == 1:
        amount = 10 * rng.randint(2, 10)
        return _of_amount(1, 10, amount, f"1/10 of {amount} = {BOX}")
    if level == 2:
        n, amount = rng.randint(2, 9), 10 * rng.randint(2, 10)
        return _of_amount(n, 10, amount, f"{n}/10 of {amount} = {BOX}")
    m = rng.randint(1, 9) if level == 3 else rng.randint(2, 9)
    if level == 3:
        prompt = f"{m} ÷ 10 = {BOX} Write your answer as a fraction."
        unit = ""
    else:
        unit, thing = rng.choice((("m", "rope"), ("m", "ribbon"), ("kg", "bag of rice")))
        what = "long" if unit == "m" else "heavy"
        article = "An" if m == 8 else "A"
        prompt = (
            f"{article} {m} {unit} {thing} is split into 10 equal parts. "
            f"How {what} is each part? Write your answer as a fraction."
        )
    bugs = {"MULT_BY_DENOMINATOR": _cf(m * 10)}
    return Draft(
        prompt=prompt,
        answer=_fraction_answer(Fraction(m, 10), accept_decimal=False, unit=unit),
        params={"numerator": m, "denominator": 10, "context": "divide by 10"},
        bugs=_clean(bugs),
    )


def _of_y3_sets(level: int, rng: random.Random) -> Draft:
    if level == 1:
        d = rng.randint(2, 5)
        amount = _multiple(rng, d, 2 * d, 30)
        return _of_amount(1, d, amount, f"1/{d} of {amount} = {BOX}")
    if level == 2:
        d = rng.randint(2, 10)
        amount = _multiple(rng, d, 3 * d, 60)
        return _of_amount(1, d, amount, _set_story(rng, f"1/{d}", amount), context="set")
    d = rng.randint(3, 8) if level == 3 else rng.randint(3, 10)
    n = _coprime(rng, d, low=2)
    amount = _multiple(rng, d, 2 * d, 60)
    if level == 3:
        return _of_amount(n, d, amount, f"{n}/{d} of {amount} = {BOX}")
    return _of_amount(n, d, amount, _give_story(rng, f"{n}/{d}", amount), context="set")


def _of_y3_problems(level: int, rng: random.Random) -> Draft:
    name = rng.choice(NAMES)
    if level == 1:
        d = rng.randint(2, 10)
        pages = _multiple(rng, d, 3 * d, 60)
        prompt = (
            f"{name}'s book has {pages} pages. {name} has read 1/{d} of the book. "
            f"How many pages has {name} read?"
        )
        return _of_amount(1, d, pages, prompt, context="pages")
    if level == 2:
        d = rng.randint(3, 10)
        n = _coprime(rng, d, low=2)
        return _measure_story(rng, n, d, _multiple(rng, d, 2 * d, 60))
    d = rng.randint(3, 10)
    n = _coprime(rng, d, low=2 if level == 3 else 1)
    if level == 3:
        amount = _multiple(rng, d, 2 * d, 60)
        things = rng.choice(THINGS)
        left = amount - n * amount // d
        prompt = (
            f"{name} had {amount} {things} and gave away {n}/{d} of them. "
            f"How many {things} does {name} have left?"
        )
        bugs = {
            "UNIT_ONLY": _ci(amount - amount // d),
            "DIV_BY_NUMERATOR": _ci(amount - Fraction(amount, n)),
        }
        _need(canon_integer(left), bugs, "UNIT_ONLY")
        return Draft(
            prompt=prompt,
            answer=_integer_answer(left),
            params={"numerator": n, "denominator": d, "amount": amount, "context": "left"},
            bugs=_clean(bugs),
        )
    total = _multiple(rng, d, 2 * d, 60)
    part = n * total // d
    prompt = (
        f"{name} has read {n}/{d} of a book. That is {part} pages. "
        "How many pages are in the whole book?"
    )
    return _of_amount_reverse(n, d, part, prompt, context="pages")


def _of_y4(level: int, rng: random.Random) -> Draft:
    if level == 1:
        d = rng.randint(3, 12)
        amount = _multiple(rng, d, 3 * d, 100)
        return _of_amount(1, d, amount, f"1/{d} of {amount} = {BOX}")
    if level == 2:
        d = rng.randint(3, 10)
        n = _coprime(rng, d, low=2)
        amount = _multiple(rng, d, 2 * d, 100)
        return _of_amount(n, d, amount, f"{n}/{d} of {amount} = {BOX}")
    d = rng.randint(5, 12)
    n = _coprime(rng, d, low=2)
    if level == 3:
        return _measure_story(rng, n, d, _multiple(rng, d, 24, 144))
    whole = _multiple(rng, d, 2 * d, 144)
    part = n * whole // d
    return _of_amount_reverse(n, d, part, f"{n}/{d} of a number is {part}. What is the number?")


def _of_y5(level: int, rng: random.Random) -> Draft:
    if level in (1, 2):
        d = rng.randint(3, 10) if level == 1 else rng.choice((3, 4, 5, 6, 8, 10, 12))
        n = _coprime(rng, d, low=2)
        whole = _multiple(rng, d, 2 * d, 100) if level == 1 else _multiple(rng, d, 100, 500)
        return _of_amount(n, d, whole, f"{n}/{d} × {number_text(whole)} = {BOX}")
    d = rng.randint(3, 12)
    n = _coprime(rng, d, low=1 if level == 3 else 2)
    if level == 3:
        whole = rng.randint(2, 12)
        value = Fraction(n * whole, d)
        if value.denominator == 1:
            raise Resample
        bugs = {
            "MULT_BOTH_PARTS": _cf(Fraction(n * whole, d * whole)),
            "UNIT_ONLY": _cf(Fraction(whole, d)) if n > 1 else None,
            "FRAC_MUL_ADD": _cf(Fraction(n + whole, d)),
        }
        return Draft(
            prompt=f"{n}/{d} × {whole} = {BOX}",
            answer=_fraction_answer(value),
            params={"numerator": n, "denominator": d, "amount": whole, "context": "times"},
            bugs=_clean(bugs),
        )
    whole = _multiple(rng, d, 2 * d, 144)
    part = n * whole // d
    return _of_amount_reverse(n, d, part, f"{n}/{d} × {BOX} = {part}")


_OF_AMOUNT: dict[str, Builder] = {
    "Y1-FR-01": _of_y1_half,
    "Y1-FR-02": _of_y1_quarter,
    "Y2-FR-01": _of_y2_fractions,
    "Y2-FR-02": _of_y2_statements,
    "Y3-FR-01": _of_y3_tenths,
    "Y3-FR-02": _of_y3_sets,
    "Y3-FR-07": _of_y3_problems,
    "Y4-FR-03": _of_y4,
    "Y5-FR-05": _of_y5,
}


@family("FRAC-OF-AMOUNT", objectives=tuple(_OF_AMOUNT))
def fraction_of_amount(objective: str, level: int, rng: random.Random) -> Draft:
    """A fraction of an amount: 1/4 of 20, 3/5 of 45, 2/5 × 140, reverse "3/4 of □ is 12"."""
    return _OF_AMOUNT[objective](level, rng)


# --- FRAC-EQUIV ---------------------------------------------------------------------------------


def _equiv_bugs(terms: Sequence[tuple[int, int]], hidden: int, part: str, ref: int) -> dict:
    """EQUIV_ADDITIVE / EQUIV_ONE_PART for the hidden part, worked from the term ``ref``."""
    ref_n, ref_d = terms[ref]
    known_n, known_d = terms[hidden]
    if part == "n":
        additive, one_part = ref_n + (known_d - ref_d), ref_n
    else:
        additive, one_part = ref_d + (known_n - ref_n), ref_d
    return {"EQUIV_ADDITIVE": _ci(additive), "EQUIV_ONE_PART": _ci(one_part)}


def _equiv_missing(
    terms: Sequence[tuple[int, int]], hidden: int, part: str, ref: int, intro: str = ""
) -> Draft:
    """A chain of equal fractions with one numerator or denominator in a box."""
    if len({Fraction(n, d) for n, d in terms}) != 1:
        raise ValueError("the terms must be equal")
    right_value = terms[hidden][0] if part == "n" else terms[hidden][1]
    shown = []
    for index, (n, d) in enumerate(terms):
        if index == hidden:
            shown.append(f"{BOX}/{d}" if part == "n" else f"{n}/{BOX}")
        else:
            shown.append(f"{n}/{d}")
    right = canon_integer(right_value)
    bugs = _equiv_bugs(terms, hidden, part, ref)
    _need(right, bugs, "EQUIV_ADDITIVE", "EQUIV_ONE_PART")
    return Draft(
        prompt=f"{intro}{' = '.join(shown)}",
        answer=_integer_answer(right_value),
        params={"terms": [list(t) for t in terms], "hidden": [hidden, part]},
        bugs=_clean(bugs),
    )


def _equiv_y2(level: int, rng: random.Random) -> Draft:
    if level == 1:
        prompt = "Which fraction is the same as 1/2?"
        bugs = {"EQUIV_ONE_PART": "1/4", "EQUIV_ADDITIVE": "2/3"}
        return _choice(rng, prompt, "2/4", bugs, ("3/4",), params={"fraction": "1/2"})
    if level == 2:
        prompt = "Which fraction is the same as 2/4?"
        bugs = {"EQUIV_ONE_PART": "2/2", "EQUIV_ADDITIVE": "1/3"}
        return _choice(rng, prompt, "1/2", bugs, ("1/4",), params={"fraction": "2/4"})
    if level == 3:
        terms, hidden, part = rng.choice(
            (
                (((1, 2), (2, 4)), 1, "n"),
                (((1, 2), (2, 4)), 1, "d"),
                (((2, 4), (1, 2)), 1, "d"),
                (((2, 4), (1, 2)), 1, "n"),
            )
        )
        return _equiv_missing(terms, hidden, part, 0)
    first, second = _names(rng, 2)
    thing, did, _ = rng.choice(WHOLES)
    half_first = rng.random() < 0.5
    shares = ("1/2", "2/4") if half_first else ("2/4", "1/2")
    same = f"They {did} the same amount"
    prompt = (
        f"{first} {did} {shares[0]} of a {thing}. {second} {did} {shares[1]} of a {thing} "
        f"the same size. Who {did} more?"
    )
    quarters = second if half_first else first
    halves = first if half_first else second
    bugs = {"NUMERATOR_ONLY": quarters, "BIGGER_DENOM_BIGGER": quarters, "DENOMINATOR_ONLY": halves}
    return _choice(
        rng, prompt, same, bugs, (first, second), params={"fractions": list(shares)}, count=3
    )


def _equiv_y3(level: int, rng: random.Random) -> Draft:
    if level == 1:
        d = rng.choice((4, 6, 8, 10, 12))
        return _equiv_missing(((1, 2), (d // 2, d)), 1, "n", 0)
    b = rng.randint(2, 6)
    a = _coprime(rng, b)
    k = rng.randint(2, 12 // b)
    big = (a * k, b * k)
    if level == 2:
        return _equiv_missing(((a, b), big), 1, "n", 0)
    if level == 3:
        return _equiv_missing(((a, b), big), 1, "d", 0)
    return _equiv_missing((big, (a, b)), 1, rng.choice("nd"), 0)


def _family_terms(a: int, b: int, multipliers: Sequence[int]) -> list[tuple[int, int]]:
    return [(a * m, b * m) for m in multipliers]


def _equiv_y4(level: int, rng: random.Random) -> Draft:
    if level == 1:
        terms = _family_terms(1, 2, (1, 2, 3, 4))
        return _equiv_missing(terms, 3, rng.choice("nd"), 2)
    if level in (2, 3):
        if level == 2:
            a, b = 1, rng.randint(3, 5)
        else:
            b = rng.randint(3, 6)
            a = _coprime(rng, b, low=2)
        terms = _family_terms(a, b, (1, 2, 3, 4))
        hidden = rng.randint(1, 3) if level == 2 else rng.randint(2, 3)
        return _equiv_missing(terms, hidden, rng.choice("nd"), hidden - 1)
    b = rng.randint(3, 8)
    a = _coprime(rng, b)
    k1, k2 = sorted(rng.sample(range(2, 6), 2))
    terms = _family_terms(a, b, (1, k1, k2))
    return _equiv_missing(terms, 0, rng.choice("nd"), 1)


def _equiv_y5(level: int, rng: random.Random) -> Draft:
    if level == 1:
        a = rng.randint(1, 9)
        return _equiv_missing(((a, 10), (10 * a, 100)), 1, "n", 0)
    if level in (2, 3):
        b = rng.choice((2, 4, 5, 20, 25, 50) if level == 2 else (4, 5, 10, 20, 25, 50))
        a = _coprime(rng, b)
        target = 10 if b in (2, 5) and rng.random() < 0.5 else 100
        big = (a * target // b, target)
        if level == 2:
            return _equiv_missing(((a, b), big), 1, "n", 0)
        return _equiv_missing((big, (a, b)), 1, rng.choice("nd"), 0)
    b = rng.randint(3, 9)
    a = _coprime(rng, b)
    k = rng.randint(2, 5)
    right = f"{a * k}/{b * k}"
    bugs = {
        "EQUIV_ADDITIVE": f"{a + b * k - b}/{b * k}",
        "EQUIV_ONE_PART": f"{a * k}/{b}",
    }
    near = (f"{a}/{b * k}", f"{a * k + 1}/{b * k}")
    return _choice(
        rng,
        f"Which fraction is equal to {a}/{b}?",
        right,
        bugs,
        near,
        params={"fraction": f"{a}/{b}", "multiplier": k},
    )


def _simplify(a: int, b: int, g: int) -> Draft:
    """Simplify (g·a)/(g·b) to a/b."""
    big_n, big_d = a * g, b * g
    right = canon_fraction(Fraction(a, b))
    bugs = {
        "EQUIV_ONE_PART": _cf(Fraction(a, big_d)),
        "EQUIV_ADDITIVE": _cf(Fraction(1, big_d - big_n + 1)),
    }
    _need(right, bugs, "EQUIV_ONE_PART", "EQUIV_ADDITIVE")
    return Draft(
        prompt=f"Write {big_n}/{big_d} in its simplest form.",
        answer=_fraction_answer(Fraction(a, b), form="simplest", accept_decimal=False),
        params={"fraction": [big_n, big_d], "common_factor": g},
        bugs=_clean(bugs),
    )


def _proper_lowest(rng: random.Random, low: int, high: int) -> tuple[int, int]:
    b = rng.randint(low, high)
    a = _coprime(rng, b)
    return a, b


def _equiv_y6(level: int, rng: random.Random) -> Draft:
    if level == 1:
        a, b = _proper_lowest(rng, 3, 10)
        return _simplify(a, b, 2)
    if level == 2:
        a, b = _proper_lowest(rng, 3, 10)
        return _simplify(a, b, rng.randint(3, 6))
    if level == 4:
        a, b = _proper_lowest(rng, 3, 12)
        g = rng.randint(6, 12)
        if b * g > 144:
            raise Resample
        return _simplify(a, b, g)
    a1, b1 = _proper_lowest(rng, 3, 10)
    a2, b2 = _proper_lowest(rng, 3, 10)
    if b1 % b2 == 0 or b2 % b1 == 0:
        raise Resample
    common = math.lcm(b1, b2)
    if common > 60:
        raise Resample
    ask_n, ask_d = (a1, b1) if rng.random() < 0.5 else (a2, b2)
    intro = f"Write {a1}/{b1} and {a2}/{b2} with the common denominator {common}. "
    return _equiv_missing(
        ((ask_n, ask_d), (ask_n * common // ask_d, common)), 1, "n", 0, intro=intro
    )


_EQUIV: dict[str, Builder] = {
    "Y2-FR-03": _equiv_y2,
    "Y3-FR-04": _equiv_y3,
    "Y4-FR-01": _equiv_y4,
    "Y5-FR-02": _equiv_y5,
    "Y6-FR-01": _equiv_y6,
}


@family("FRAC-EQUIV", objectives=tuple(_EQUIV))
def equivalent_fractions(objective: str, level: int, rng: random.Random) -> Draft:
    """Equivalent fractions: 1/2 = □/8, families, tenths and hundredths, simplifying."""
    return _EQUIV[objective](level, rng)


# --- FRAC-COMPARE -------------------------------------------------------------------------------


class _Shown(NamedTuple):
    """A number as shown in a comparison, with the parts a pupil might compare instead."""

    text: str
    value: Fraction
    numerator: int
    denominator: int


def _shown(n: int, d: int) -> _Shown:
    return _Shown(f"{n}/{d}", Fraction(n, d), n, d)


def _shown_mixed(whole: int, n: int, d: int) -> _Shown:
    return _Shown(_parts_text(whole, n, d), whole + Fraction(n, d), n, d)


ONE = _Shown("1", Fraction(1), 1, 1)


def _sym(left: Fraction | int, right: Fraction | int) -> str:
    return "<" if left < right else ">" if left > right else "="


def _compare(rng: random.Random, left: _Shown, right: _Shown) -> Draft:
    symbol = _sym(left.value, right.value)
    bugs = {
        "NUMERATOR_ONLY": _sym(left.numerator, right.numerator),
        "BIGGER_DENOM_BIGGER": _sym(left.denominator, right.denominator),
        "DENOMINATOR_ONLY": _sym(right.denominator, left.denominator),
    }
    _need(symbol, bugs, *bugs)
    return _choice(
        rng,
        f"Write <, > or = in the box. {left.text} {BOX} {right.text}",
        symbol,
        bugs,
        SYMBOLS,
        params={"fractions": [left.text, right.text]},
        count=3,
    )


def _sequence(entries: Sequence[_Shown], key: Callable[[_Shown], object], reverse: bool) -> str:
    return canon_order(e.text for e in sorted(entries, key=key, reverse=reverse))


def _order(
    rng: random.Random, entries: Sequence[_Shown], *, largest_first: bool, what: str = "numbers"
) -> Draft:
    if len({e.value for e in entries}) != len(entries):
        raise Resample
    right_entries = sorted(entries, key=lambda e: e.value, reverse=largest_first)
    right = canon_order(e.text for e in right_entries)
    shown = list(entries)
    rng.shuffle(shown)
    if shown == right_entries:
        shown = shown[1:] + shown[:1]
    bugs: dict[str, str | None] = {
        "ORDER_REVERSED": canon_order(e.text for e in reversed(right_entries))
    }
    if len({e.numerator for e in entries}) == len(entries):
        bugs["NUMERATOR_ONLY"] = _sequence(entries, lambda e: e.numerator, largest_first)
    if len({e.denominator for e in entries}) == len(entries):
        bugs["BIGGER_DENOM_BIGGER"] = _sequence(entries, lambda e: e.denominator, largest_first)
        bugs["DENOMINATOR_ONLY"] = _sequence(entries, lambda e: e.denominator, not largest_first)
    _need(right, bugs, "NUMERATOR_ONLY", "BIGGER_DENOM_BIGGER", "DENOMINATOR_ONLY")
    texts = tuple(e.text for e in shown)
    first = "largest" if largest_first else "smallest"
    return Draft(
        prompt=f"Put these {what} in order, {first} first: {', '.join(texts)}",
        answer=AnswerSpec(kind="order", value=right, options=texts),
        params={"fractions": [e.text for e in entries], "largest_first": largest_first},
        bugs=_clean(bugs),
    )


def _who(
    rng: random.Random,
    people: Sequence[tuple[str, _Shown]],
    prompt: str,
    *,
    most: bool,
    same: str | None = None,
) -> Draft:
    """Choose the person with the most (or least); ``same`` is the 'all equal' option."""

    def chosen(key: Callable[[_Shown], object]) -> str | None:
        keys = [key(shown) for _, shown in people]
        best = max(keys) if most else min(keys)
        winners = [name for (name, _), k in zip(people, keys, strict=True) if k == best]
        if len(winners) == 1:
            return winners[0]
        return same if len(winners) == len(people) else None

    right = chosen(lambda s: s.value)
    if right is None:
        raise Resample
    bugs = {
        "NUMERATOR_ONLY": chosen(lambda s: s.numerator),
        "BIGGER_DENOM_BIGGER": chosen(lambda s: s.denominator),
        "DENOMINATOR_ONLY": chosen(lambda s: -s.denominator),
    }
    _need(right, bugs, *bugs)
    names = [name for name, _ in people]
    options = [*names, same] if same else names
    return _choice(
        rng,
        prompt,
        right,
        bugs,
        options,
        params={"fractions": [s.text for _, s in people], "names": names, "most": most},
        count=len(options),
    )


def _compare_y3_numbers(level: int, rng: random.Random) -> Draft:
    if level in (1, 2):
        if level == 1:
            d = rng.randint(2, 10)
            fraction, other = _shown(rng.randint(1, d), d), ONE
        else:
            d = rng.randint(3, 10)
            fraction, other = _shown(rng.randint(1, d - 1), d), _shown(1, 2)
        pair = (fraction, other) if rng.random() < 0.5 else (other, fraction)
        return _compare(rng, *pair)
    if level == 3:
        d = rng.randint(5, 10)
        entries = [_shown(n, d) for n in rng.sample(range(2, d), 3)]
    else:
        entries = [_shown(1, d) for d in rng.sample(range(2, 11), 3)]
    return _order(rng, [*entries, ONE], largest_first=False)


def _compare_y3(level: int, rng: random.Random) -> Draft:
    if level == 1:
        d = rng.randint(3, 12)
        n1, n2 = rng.sample(range(1, d), 2)
        return _compare(rng, _shown(n1, d), _shown(n2, d))
    if level == 2:
        d1, d2 = _unit_fraction_pair(rng, 2, 12)
        return _compare(rng, _shown(1, d1), _shown(1, d2))
    if level == 3:
        entries = [_shown(1, d) for d in rng.sample(range(2, 11), 3)]
        return _order(rng, entries, largest_first=False, what="fractions")
    n = rng.randint(2, 3)
    entries = [_shown(n, d) for d in rng.sample(range(n + 1, 13), 4)]
    return _order(rng, entries, largest_first=True, what="fractions")


def _compare_y3_problems(level: int, rng: random.Random) -> Draft:
    thing, did, _ = rng.choice(WHOLES)
    if level in (1, 2):
        first, second = _names(rng, 2)
        if level == 1:
            d = rng.randint(3, 12)
            n1, n2 = rng.sample(range(1, d), 2)
            shares = (_shown(n1, d), _shown(n2, d))
        else:
            d1, d2 = _unit_fraction_pair(rng, 2, 10)
            shares = (_shown(1, d1), _shown(1, d2))
        prompt = (
            f"{first} {did} {shares[0].text} of a {thing}. {second} {did} {shares[1].text} of a "
            f"{thing} the same size. Who {did} more?"
        )
        people = ((first, shares[0]), (second, shares[1]))
        return _who(rng, people, prompt, most=True, same=f"They {did} the same amount")
    names = _names(rng, 3)
    n = 1 if level == 3 else rng.randint(2, 3)
    shares = [_shown(n, d) for d in rng.sample(range(n + 1, 11), 3)]
    told = " ".join(
        f"{name} {did} {s.text} of a {thing}." for name, s in zip(names, shares, strict=True)
    )
    question = f"Who {did} the most?" if level == 3 else f"Who {did} the least?"
    prompt = f"Three friends each have a {thing} of the same size. {told} {question}"
    return _who(rng, list(zip(names, shares, strict=True)), prompt, most=level == 3)


def _related_fraction(rng: random.Random, d: int) -> _Shown:
    n = _coprime(rng, d)
    return _shown(n, d)


def _compare_y5(level: int, rng: random.Random) -> Draft:
    if level in (1, 2):
        b = rng.randint(2, 6) if level == 1 else rng.randint(2, 10)
        k = 2 if level == 1 else rng.randint(2, 5)
        if b * k > 24:
            raise Resample
        pair = [_related_fraction(rng, b), _related_fraction(rng, b * k)]
        rng.shuffle(pair)
        return _compare(rng, *pair)
    if level == 3:
        base = rng.randint(2, 5)
        multipliers = (1, *rng.sample((2, 3, 4), 2))
        denominators = [base * m for m in multipliers]
        largest_first = False
    else:
        base = rng.randint(2, 5)
        denominators = [base * m for m in rng.sample(range(1, 6), 4)]
        largest_first = True
    if max(denominators) > 20:
        raise Resample
    entries = [_related_fraction(rng, d) for d in denominators]
    return _order(rng, entries, largest_first=largest_first, what="fractions")


def _above_one(rng: random.Random, *, mixed: bool) -> _Shown:
    d = rng.randint(2, 9)
    whole = rng.randint(1, 2)
    n = _coprime(rng, d)
    if mixed:
        return _shown_mixed(whole, n, d)
    return _shown(whole * d + n, d)


def _compare_y6(level: int, rng: random.Random) -> Draft:
    if level == 1:
        first = _related_fraction(rng, rng.randint(3, 12))
        second = _related_fraction(rng, rng.randint(3, 12))
        if first.denominator % second.denominator == 0 or (
            second.denominator % first.denominator == 0
        ):
            raise Resample
        return _compare(rng, first, second)
    if level == 2:
        pair = [_above_one(rng, mixed=False), _above_one(rng, mixed=True)]
        if pair[0].denominator == pair[1].denominator:
            raise Resample
        rng.shuffle(pair)
        return _compare(rng, *pair)
    if level == 3:
        entries = [
            _related_fraction(rng, rng.randint(3, 9)),
            _above_one(rng, mixed=False),
            _above_one(rng, mixed=True),
        ]
        largest_first = False
    else:
        entries = [
            _above_one(rng, mixed=True),
            _above_one(rng, mixed=True),
            _above_one(rng, mixed=False),
            _above_one(rng, mixed=False),
        ]
        largest_first = True
    if len({e.text for e in entries}) != len(entries):
        raise Resample
    return _order(rng, entries, largest_first=largest_first)


_COMPARE: dict[str, Builder] = {
    "Y3-FR-03": _compare_y3_numbers,
    "Y3-FR-06": _compare_y3,
    "Y3-FR-07": _compare_y3_problems,
    "Y5-FR-01": _compare_y5,
    "Y6-FR-02": _compare_y6,
}


@family("FRAC-COMPARE", objectives=tuple(_COMPARE))
def compare_fractions(objective: str, level: int, rng: random.Random) -> Draft:
    """Compare (<, >, =) and order fractions; who ate more."""
    return _COMPARE[objective](level, rng)


# --- FRAC-ADD-SUB -------------------------------------------------------------------------------


class _Mixed(NamedTuple):
    """An operand as shown: whole and fraction parts (whole 0 for a fraction, even improper)."""

    whole: int
    numerator: int
    denominator: int

    @property
    def part(self) -> Fraction:
        return Fraction(self.numerator, self.denominator)

    @property
    def value(self) -> Fraction:
        return self.whole + self.part

    @property
    def text(self) -> str:
        return _parts_text(self.whole, self.numerator, self.denominator)


def _addsub_bugs(x: _Mixed, y: _Mixed, op: str) -> dict[str, str | None]:
    sign = 1 if op == "+" else -1
    wholes = x.whole + sign * y.whole
    bugs: dict[str, str | None] = {}
    if op == "+" and x.denominator == y.denominator and x.whole == y.whole == 0:
        bugs["FRAC_DOUBLE_DENOM"] = _cf(Fraction(x.numerator + y.numerator, 2 * x.denominator))
    if x.denominator != y.denominator:
        top = x.numerator + sign * y.numerator
        bottom = x.denominator + sign * y.denominator
        if top > 0 and bottom > 0:
            bugs["FRAC_ADD_DENOMS"] = _cf(wholes + Fraction(top, bottom))
        common = math.lcm(x.denominator, y.denominator)
        bugs["FRAC_NUM_NOT_SCALED"] = _cf(wholes + Fraction(top, common))
    if x.whole or y.whole:
        bugs["MIXED_WHOLE_IGNORED"] = _cf(x.part + sign * y.part)
    if op == "-":
        bugs["OP_SWAP"] = _cf(x.value + y.value)
        if x.whole and x.numerator and y.part > x.part:
            bugs["SUB_SMALLER_FROM_LARGER"] = _cf(x.whole - y.whole + y.part - x.part)
    return bugs


def _addsub(
    x: _Mixed, y: _Mixed, op: str, targets: Sequence[str], prompt: str | None = None
) -> Draft:
    value = x.value + y.value if op == "+" else x.value - y.value
    if value <= 0 or value.denominator == 1 or value in (x.value, y.value):
        raise Resample
    right = canon_fraction(value)
    bugs = _addsub_bugs(x, y, op)
    _need(right, bugs, *targets)
    shown_op = "+" if op == "+" else MINUS
    return Draft(
        prompt=prompt or f"{x.text} {shown_op} {y.text} = {BOX}",
        answer=_fraction_answer(value),
        params={"operands": [x.text, y.text], "op": op},
        bugs=_clean(bugs),
    )


def _same_denominator(rng: random.Random, d: int, op: str, *, within_one: bool) -> tuple:
    n1, n2 = rng.randint(1, d - 1), rng.randint(1, d - 1)
    if op == "+" and within_one and n1 + n2 >= d:
        raise Resample
    if op == "-" and n1 <= n2:
        n1, n2 = n2, n1
        if n1 == n2:
            raise Resample
    return _Mixed(0, n1, d), _Mixed(0, n2, d)


def _addsub_y3(level: int, rng: random.Random) -> Draft:
    if level in (1, 2, 3):
        d = rng.randint(3, 8) if level == 1 else rng.randint(4, 10 if level == 2 else 12)
        op = "+" if level == 1 else "-" if level == 2 else rng.choice("+-")
        x, y = _same_denominator(rng, d, op, within_one=True)
        return _addsub(x, y, op, ("FRAC_DOUBLE_DENOM", "OP_SWAP"))
    d = rng.randint(3, 12)
    n = rng.randint(1, d - 1)
    value = Fraction(d - n, d)
    if rng.random() < 0.5:
        prompt = f"1 {MINUS} {n}/{d} = {BOX}"
        params = {"operands": ["1", f"{n}/{d}"], "op": "-"}
        label = "OP_SWAP"
    else:
        prompt = f"{n}/{d} + {BOX} = 1"
        params = {"operands": [f"{n}/{d}", "1"], "op": "missing addend"}
        label = "MISSING_OPERATE_ON_GIVEN"
    return Draft(
        prompt=prompt,
        answer=_fraction_answer(value),
        params=params,
        bugs={label: canon_fraction(1 + Fraction(n, d))},
    )


def _addsub_y3_problems(level: int, rng: random.Random) -> Draft:
    thing, did, do = rng.choice(WHOLES)
    first, second, third = _names(rng, 3)
    d = rng.randint(4, 12)
    if level in (1, 2):
        op = "+" if level == 1 else "-"
        x, y = _same_denominator(rng, d, op, within_one=True)
        if level == 1:
            prompt = (
                f"{first} {did} {x.text} of a {thing}. {second} {did} {y.text} of the same "
                f"{thing}. What fraction of the {thing} did they {do} altogether?"
            )
        else:
            prompt = (
                f"{first} {did} {x.text} of a {thing}. {second} {did} {y.text} of the same "
                f"{thing}. How much more of the {thing} did {first} {do} than {second}?"
            )
        return _addsub(x, y, op, ("FRAC_DOUBLE_DENOM", "OP_SWAP"), prompt)
    parts = 3 if level == 3 else 2
    total = rng.randint(parts, d - 1)
    cuts = sorted(rng.sample(range(1, total), parts - 1))
    counts = [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]
    told = " ".join(
        f"{name} {did} {n}/{d} of {'a' if i == 0 else 'the same'} {thing}."
        for i, (name, n) in enumerate(zip((first, second, third), counts, strict=False))
    )
    if level == 3:
        value = Fraction(sum(counts), d)
        prompt = f"{told} What fraction of the {thing} did they {do} altogether?"
        bugs = {"FRAC_DOUBLE_DENOM": _cf(Fraction(sum(counts), len(counts) * d))}
    else:
        value = 1 - Fraction(sum(counts), d)
        prompt = f"{told} What fraction of the {thing} is left?"
        bugs = {"FRAC_DOUBLE_DENOM": _cf(1 - Fraction(sum(counts), 2 * d))}
    return Draft(
        prompt=prompt,
        answer=_fraction_answer(value),
        params={"operands": [f"{n}/{d}" for n in counts], "op": "+" if level == 3 else "left"},
        bugs=_clean(bugs),
    )


def _addsub_y4(level: int, rng: random.Random) -> Draft:
    d = rng.randint(3, 12)
    if level == 1:
        x, y = _same_denominator(rng, d, "+", within_one=True)
        return _addsub(x, y, "+", ("FRAC_DOUBLE_DENOM",))
    if level == 2:
        x, y = _same_denominator(rng, d, "+", within_one=False)
        total = x.numerator + y.numerator
        if total <= d or total % d == 0:
            raise Resample
        return _addsub(x, y, "+", ("FRAC_DOUBLE_DENOM",))
    if level == 3:
        x = _Mixed(0, rng.randint(d + 1, 2 * d - 1), d)
        y = _Mixed(0, rng.randint(1, d - 1), d)
        return _addsub(x, y, "-", ("OP_SWAP",))
    given = rng.randint(1, d - 1)
    total = rng.randint(d + 1, 2 * d - 1)
    if total - given <= 0 or (total - given) % d == 0 or (total + given) % d == 0:
        raise Resample
    if rng.random() < 0.5:
        prompt = f"{given}/{d} + {BOX} = {total}/{d}"
        value = Fraction(total - given, d)
        wrong = Fraction(total + given, d)
        op = "missing addend"
    else:
        prompt = f"{BOX} {MINUS} {given}/{d} = {total}/{d}"
        value = Fraction(total + given, d)
        wrong = Fraction(total - given, d)
        op = "missing minuend"
    return Draft(
        prompt=prompt,
        answer=_fraction_answer(value),
        params={"operands": [f"{given}/{d}", f"{total}/{d}"], "op": op},
        bugs={"MISSING_OPERATE_ON_GIVEN": canon_fraction(wrong)},
    )


def _lowest(rng: random.Random, d: int) -> _Mixed:
    n = _coprime(rng, d)
    return _Mixed(0, n, d)


def _related_pair(rng: random.Random, *, top: int = 24) -> tuple[_Mixed, _Mixed]:
    b = rng.randint(2, 6)
    k = rng.randint(2, 4)
    if b * k > top:
        raise Resample
    return _lowest(rng, b), _lowest(rng, b * k)


def _unrelated_pair(rng: random.Random) -> tuple[_Mixed, _Mixed]:
    b, d = rng.randint(2, 10), rng.randint(2, 10)
    if b % d == 0 or d % b == 0 or math.lcm(b, d) > 40:
        raise Resample
    return _lowest(rng, b), _lowest(rng, d)


_SCALING = ("FRAC_ADD_DENOMS", "FRAC_NUM_NOT_SCALED")


def _ordered(rng: random.Random, x: _Mixed, y: _Mixed, op: str) -> tuple[_Mixed, _Mixed]:
    """Put the pair in a random order, the larger first for a subtraction."""
    pair = [x, y]
    rng.shuffle(pair)
    if op == "-":
        pair.sort(key=lambda m: m.value, reverse=True)
    return pair[0], pair[1]


def _with_whole(part: _Mixed, whole: int) -> _Mixed:
    return _Mixed(whole, part.numerator, part.denominator)


def _addsub_y5(level: int, rng: random.Random) -> Draft:
    if level == 1:
        d = rng.randint(3, 12)
        op = rng.choice("+-")
        if op == "+":
            x, y = _same_denominator(rng, d, "+", within_one=False)
            return _addsub(x, y, "+", ("FRAC_DOUBLE_DENOM",))
        x = _Mixed(0, rng.randint(d + 1, 2 * d - 1), d)
        return _addsub(x, _Mixed(0, rng.randint(1, d - 1), d), "-", ("OP_SWAP",))
    x, y = _related_pair(rng)
    if level in (2, 3):
        op = "+" if level == 2 else "-"
        return _addsub(*_ordered(rng, x, y, op), op, _SCALING)
    op = rng.choice("+-")
    mixed = _with_whole(x if rng.random() < 0.5 else y, rng.randint(1, 3))
    other = y if mixed.denominator == x.denominator and mixed.numerator == x.numerator else x
    first, second = (mixed, other) if op == "-" or rng.random() < 0.5 else (other, mixed)
    return _addsub(first, second, op, ("MIXED_WHOLE_IGNORED", *_SCALING))


def _addsub_y6(level: int, rng: random.Random) -> Draft:
    if level == 1:
        op = rng.choice("+-")
        return _addsub(*_ordered(rng, *_related_pair(rng), op), op, _SCALING)
    x, y = _unrelated_pair(rng)
    if level == 2:
        return _addsub(*_ordered(rng, x, y, "+"), "+", _SCALING)
    op = rng.choice("+-")
    if level == 3:
        mixed = _with_whole(x, rng.randint(1, 3))
        first, second = (mixed, y) if op == "-" or rng.random() < 0.5 else (y, mixed)
        return _addsub(first, second, op, ("MIXED_WHOLE_IGNORED", *_SCALING))
    op = "-" if rng.random() < 0.6 else "+"
    w1 = rng.randint(2, 5)
    w2 = rng.randint(1, w1 - 1)
    first, second = _with_whole(x, w1), _with_whole(y, w2)
    targets = ("SUB_SMALLER_FROM_LARGER",) if op == "-" else ("MIXED_WHOLE_IGNORED",)
    return _addsub(first, second, op, targets)


_ADD_SUB: dict[str, Builder] = {
    "Y3-FR-05": _addsub_y3,
    "Y3-FR-07": _addsub_y3_problems,
    "Y4-FR-04": _addsub_y4,
    "Y5-FR-04": _addsub_y5,
    "Y6-FR-03": _addsub_y6,
}


@family("FRAC-ADD-SUB", objectives=tuple(_ADD_SUB))
def add_subtract_fractions(objective: str, level: int, rng: random.Random) -> Draft:
    """Add and subtract fractions: same, related and unrelated denominators, mixed numbers."""
    return _ADD_SUB[objective](level, rng)


# --- FRAC-MIXED ---------------------------------------------------------------------------------


def _improper_to_mixed(rng: random.Random, top_d: int, top_whole: int) -> Draft:
    d = rng.randint(2, top_d)
    whole = rng.randint(1, top_whole)
    rest = _coprime(rng, d)
    n = whole * d + rest
    bugs = {"MIXED_WHOLE_IGNORED": _cf(Fraction(rest, d))}
    return Draft(
        prompt=f"Write {n}/{d} as a mixed number.",
        answer=_fraction_answer(Fraction(n, d), form="mixed", accept_decimal=False),
        params={"fraction": f"{n}/{d}", "to": "mixed"},
        bugs=_clean(bugs),
    )


def _mixed_bugs(whole: int, n: int, d: int) -> dict[str, str | None]:
    return {
        "MIXED_ADD_PARTS": _cf(Fraction(whole + n, d)),
        "MIXED_WHOLE_TIMES_NUMERATOR": _cf(Fraction(whole * n + d, d)),
    }


def _mixed_y5(level: int, rng: random.Random) -> Draft:
    if level == 1:
        return _improper_to_mixed(rng, 6, 2)
    if level == 2:
        d = rng.randint(2, 8)
        whole, n = rng.randint(1, 4), _coprime(rng, d)
        value = whole + Fraction(n, d)
        return Draft(
            prompt=f"Write {_parts_text(whole, n, d)} as an improper fraction.",
            answer=_fraction_answer(value, form="improper", accept_decimal=False),
            params={"fraction": _parts_text(whole, n, d), "to": "improper"},
            bugs=_clean(_mixed_bugs(whole, n, d)),
        )
    if level == 3:
        d = rng.randint(3, 9)
        n1, n2 = rng.randint(1, d - 1), rng.randint(1, d - 1)
        total = n1 + n2
        if total <= d or total % d == 0:
            raise Resample
        bugs = {
            "FRAC_DOUBLE_DENOM": _cf(Fraction(total, 2 * d)),
            "MIXED_WHOLE_IGNORED": _cf(Fraction(total - d, d)),
        }
        return Draft(
            prompt=f"{n1}/{d} + {n2}/{d} = {BOX} Write your answer as a mixed number.",
            answer=_fraction_answer(Fraction(total, d), form="mixed", accept_decimal=False),
            params={"operands": [f"{n1}/{d}", f"{n2}/{d}"], "to": "mixed"},
            bugs=_clean(bugs),
        )
    if rng.random() < 0.5:
        return _improper_to_mixed(rng, 12, 4)
    d = rng.randint(3, 12)
    whole, n = rng.randint(2, 4), rng.randint(1, d - 1)
    bugs = {
        "MIXED_ADD_PARTS": _ci(whole + n),
        "MIXED_WHOLE_TIMES_NUMERATOR": _ci(whole * n + d),
    }
    right = canon_integer(whole * d + n)
    _need(right, bugs, "MIXED_ADD_PARTS")
    return Draft(
        prompt=f"{_parts_text(whole, n, d)} = {BOX}/{d}",
        answer=_integer_answer(whole * d + n),
        params={"fraction": _parts_text(whole, n, d), "to": "numerator"},
        bugs=_clean(bugs),
    )


_MIXED: dict[str, Builder] = {"Y5-FR-03": _mixed_y5}


@family("FRAC-MIXED", objectives=tuple(_MIXED))
def mixed_numbers(objective: str, level: int, rng: random.Random) -> Draft:
    """Improper fractions and mixed numbers, each way; results above 1 as mixed numbers."""
    return _MIXED[objective](level, rng)


# --- FRAC-MUL -----------------------------------------------------------------------------------


def _times_whole(x: _Mixed, k: int, *, whole_first: bool = False) -> Draft:
    value = x.value * k
    if value.denominator == 1:
        raise Resample
    bugs: dict[str, str | None] = {
        "MULT_BOTH_PARTS": _cf(x.whole * k + Fraction(x.numerator * k, x.denominator * k)),
    }
    if x.whole:
        bugs["MIXED_WHOLE_IGNORED"] = _cf(x.part * k)
    else:
        bugs["FRAC_MUL_ADD"] = _cf(Fraction(x.numerator + k, x.denominator))
    prompt = f"{k} × {x.text} = {BOX}" if whole_first else f"{x.text} × {k} = {BOX}"
    _need(canon_fraction(value), bugs, "MULT_BOTH_PARTS")
    return Draft(
        prompt=prompt,
        answer=_fraction_answer(value),
        params={"operands": [x.text, str(k)], "op": "×"},
        bugs=_clean(bugs),
    )


def _times_fraction(x: _Mixed, y: _Mixed) -> Draft:
    value = x.value * y.value
    bugs = {"FRAC_MUL_ADD": _cf(x.value + y.value)}
    return Draft(
        prompt=f"{x.text} × {y.text} = {BOX}",
        answer=_fraction_answer(value),
        params={"operands": [x.text, y.text], "op": "×"},
        bugs=_clean(bugs),
    )


def _mul_y5(level: int, rng: random.Random) -> Draft:
    if level == 1:
        d = rng.randint(4, 12)
        return _times_whole(_Mixed(0, 1, d), rng.randint(2, d - 1))
    d = rng.randint(3, 12)
    x = _lowest(rng, d)
    if level == 2:
        k = rng.randint(2, 9)
        if x.numerator * k <= d:
            raise Resample
        return _times_whole(x, k)
    if level == 3:
        return _times_whole(x, rng.randint(3, 12), whole_first=True)
    d = rng.randint(2, 8)
    mixed = _with_whole(_lowest(rng, d), rng.randint(1, 3))
    return _times_whole(mixed, rng.randint(2, 6))


def _mul_y6(level: int, rng: random.Random) -> Draft:
    if level == 1:
        b, d = _unit_fraction_pair(rng, 2, 8)
        return _times_fraction(_Mixed(0, 1, b), _Mixed(0, 1, d))
    if level == 2:
        x, y = _lowest(rng, rng.randint(3, 9)), _Mixed(0, 1, rng.randint(2, 6))
        if x.numerator == 1:
            raise Resample
        return _times_fraction(*_ordered(rng, x, y, "+"))
    x, y = _lowest(rng, rng.randint(3, 10)), _lowest(rng, rng.randint(3, 10))
    if x.numerator == 1 or y.numerator == 1:
        raise Resample
    product_top, product_bottom = x.numerator * y.numerator, x.denominator * y.denominator
    if level == 3:
        if math.gcd(product_top, product_bottom) == 1:
            raise Resample
        return _times_fraction(x, y)
    product = x.value * y.value
    bugs = {"MISSING_OPERATE_ON_GIVEN": _cf(x.value * product)}
    given = f"{product_top}/{product_bottom}"
    return Draft(
        prompt=f"{x.text} × {BOX} = {given}",
        answer=_fraction_answer(y.value),
        params={"operands": [x.text, given], "op": "missing factor"},
        bugs=_clean(bugs),
    )


_MUL: dict[str, Builder] = {"Y5-FR-05": _mul_y5, "Y6-FR-04": _mul_y6}


@family("FRAC-MUL", objectives=tuple(_MUL))
def multiply_fractions(objective: str, level: int, rng: random.Random) -> Draft:
    """Fraction × whole number, mixed number × whole number, proper × proper."""
    return _MUL[objective](level, rng)


# --- FRAC-DIV -----------------------------------------------------------------------------------


def _divide(n: int, d: int, w: int, prompt: str | None = None) -> Draft:
    """n/d ÷ w."""
    bugs = {
        "DIV_MULTIPLIED_NUMERATOR": _cf(Fraction(n * w, d)),
        "DIV_WRONG_PART": _cf(Fraction(n, d // w)) if d % w == 0 else None,
    }
    return Draft(
        prompt=prompt or f"{n}/{d} ÷ {w} = {BOX}",
        answer=_fraction_answer(Fraction(n, d) / w),
        params={"operands": [f"{n}/{d}", str(w)], "op": "÷"},
        bugs=_clean(bugs),
    )


def _div_y6(level: int, rng: random.Random) -> Draft:
    if level == 1:
        return _divide(1, rng.randint(2, 6), rng.randint(2, 5))
    d = rng.randint(3, 9)
    n = _coprime(rng, d, low=2)
    w = rng.randint(2, 5)
    if (level == 2) != (n % w == 0):
        raise Resample
    if level == 4:
        return _divide(n, d, w, rng.choice(SHARING_STORIES).format(f=f"{n}/{d}", w=w))
    return _divide(n, d, w)


_DIV: dict[str, Builder] = {"Y6-FR-05": _div_y6}


@family("FRAC-DIV", objectives=tuple(_DIV))
def divide_fractions(objective: str, level: int, rng: random.Random) -> Draft:
    """A proper fraction divided by a whole number."""
    return _DIV[objective](level, rng)


# --- FRAC-COUNT ---------------------------------------------------------------------------------


def _count_draft(
    counts: Sequence[int],
    box: int,
    denominator: int,
    step_words: str,
    *,
    bugs: dict[str, str | None] | None = None,
) -> Draft:
    """A sequence of multiples of 1/denominator, shown as fractions, one in a box."""
    shown = [BOX if i == box else _count_text(c, denominator) for i, c in enumerate(counts)]
    value = Fraction(counts[box], denominator)
    return Draft(
        prompt=f"Count in {step_words}. What goes in the box? {', '.join(shown)}",
        answer=_fraction_answer(value, accept_decimal=False),
        params={"counts": list(counts), "denominator": denominator, "box": box},
        bugs=_clean(bugs or {}),
    )


def _count_fractions(level: int, rng: random.Random, d: int, words: str, step: int = 1) -> Draft:
    if level == 1:
        start = rng.randint(1, d - 4)
        return _count_draft([start + i for i in range(4)], 3, d, words)
    if level == 2:
        start = rng.randint(4, d - 1)
        return _count_draft([start - i for i in range(4)], 3, d, words)
    if level == 3:
        start = rng.randint(max(1, d - 3), d - 1)
        counts = [start + i * step for i in range(5)]
        if counts[-1] <= d or counts[-1] % d == 0:
            raise Resample
        bugs = {"MIXED_WHOLE_IGNORED": _cf(Fraction(counts[-1] % d, d))}
        return _count_draft(counts, 4, d, words, bugs=bugs)
    raise AssertionError(level)


def _count_y3_tenths(level: int, rng: random.Random) -> Draft:
    if level < 4:
        return _count_fractions(level, rng, 10, "tenths")
    start = rng.randint(11, 13)
    counts = [start - i for i in range(5)]
    bugs = {"MIXED_WHOLE_IGNORED": _cf(Fraction(start - 10, 10))}
    return _count_draft(counts, 0, 10, "tenths", bugs=bugs)


_STEP_WORDS = {3: "thirds", 4: "quarters", 5: "fifths", 6: "sixths", 7: "sevenths", 8: "eighths"}


def _count_y3_fractions(level: int, rng: random.Random) -> Draft:
    d = rng.randint(5, 8) if level < 3 else rng.randint(3, 8)
    if level < 4:
        return _count_fractions(level, rng, d, _STEP_WORDS[d])
    d = rng.randint(5, 8)
    step = rng.randint(2, 3)
    if math.gcd(step, d) != 1:
        raise Resample
    start = rng.randint(1, step)
    counts = [start + i * step for i in range(5)]
    if counts[-1] % d == 0 or counts[-1] < d:
        raise Resample
    words = f"steps of {step}/{d}"
    bugs = {"MIXED_WHOLE_IGNORED": _cf(Fraction(counts[-1] % d, d))}
    return _count_draft(counts, 4, d, words, bugs=bugs)


def _hundredths(h: int) -> str:
    return number_text(Fraction(h, 100))


def _count_y4(level: int, rng: random.Random) -> Draft:
    whole = 0 if level < 3 else rng.randint(0, 5)
    if level == 1:
        first = rng.randint(0, 9) * 10 + rng.randint(1, 5)
        counts = [first + i for i in range(4)]
    elif level == 2:
        first = rng.randint(0, 9) * 10 + rng.randint(5, 9)
        counts = [first - i for i in range(4)]
    elif level == 3:
        last = whole * 100 + rng.randint(0, 8) * 10 + 9
        counts = [last - 2, last - 1, last, last + 1]
    else:
        last = whole * 100 + 99
        counts = [last - 2, last - 1, last, last + 1]
    if min(counts) <= 0:
        raise Resample
    answer = counts[-1]
    step = answer - counts[-2]
    bugs: dict[str, str | None] = {"PV_WRONG_COLUMN": _cd(Fraction(counts[-2] + 10 * step, 100))}
    if counts[-2] % 10 == 9 and answer > counts[-2]:
        bugs["DECIMAL_COUNT_0_10"] = _cd(Fraction(counts[-2] - 8, 100))
    shown = [_hundredths(c) for c in counts[:-1]]
    return Draft(
        prompt=f"Count in hundredths. What comes next? {', '.join(shown)}, {BOX}",
        answer=_decimal_answer(Fraction(answer, 100)),
        params={"counts": counts, "denominator": 100},
        bugs=_clean(bugs),
    )


_COUNT: dict[str, Builder] = {
    "Y3-FR-01": _count_y3_tenths,
    "Y3-FR-03": _count_y3_fractions,
    "Y4-FR-02": _count_y4,
}


@family("FRAC-COUNT", objectives=tuple(_COUNT))
def count_in_fractions(objective: str, level: int, rng: random.Random) -> Draft:
    """Count up and down in tenths, in unit fractions past 1, and in hundredths."""
    return _COUNT[objective](level, rng)


# --- FDP-CONVERT --------------------------------------------------------------------------------


def _digits_after_point(value: Fraction) -> tuple[int, str]:
    """The whole part and the digits after the point as written (0.07 -> (0, "07"))."""
    whole, _, digits = canon_decimal(value).partition(".")
    return int(whole), digits


def _unit_fraction_bug(value: Fraction) -> str | None:
    """DECIMAL_AS_UNIT_FRACTION, decimal to fraction: 0.7 -> 1/7, 3.07 -> 3 1/7."""
    whole, digits = _digits_after_point(value)
    return _cf(whole + Fraction(1, int(digits))) if digits and int(digits) else None


def _power_fraction_bug(value: Fraction) -> str | None:
    """POWER_WRONG, decimal to fraction: the digits over the wrong power of ten."""
    whole, digits = _digits_after_point(value)
    if not digits:
        return None
    places = len(digits) + 1 if len(digits) == 1 else len(digits) - 1
    return _cf(whole + Fraction(int(digits), 10**places))


def _digits_decimal_bug(n: int, d: int) -> str | None:
    """FRACTION_AS_DECIMAL_DIGITS: n/d written as n.d."""
    return _cd(Decimal(f"{n}.{d}"))


def _to_decimal(
    value: Fraction, shown: str, bugs: dict[str, str | None], targets: Sequence[str]
) -> Draft:
    right = canon_decimal(value)
    _need(right, bugs, *targets)
    return Draft(
        prompt=f"Write {shown} as a decimal.",
        answer=_decimal_answer(value),
        params={"number": shown, "to": "decimal"},
        bugs=_clean(bugs),
    )


def _to_fraction(value: Fraction, shown: str, *, simplest: bool = False) -> Draft:
    bugs = {
        "DECIMAL_AS_UNIT_FRACTION": _unit_fraction_bug(value),
        "POWER_WRONG": _power_fraction_bug(value),
    }
    whole, _ = _digits_after_point(value)
    if whole:
        bugs["MIXED_WHOLE_IGNORED"] = _cf(value - whole)
    words = "a fraction in its simplest form" if simplest else "a fraction"
    return Draft(
        prompt=f"Write {shown} as {words}.",
        answer=_fraction_answer(
            value, form="simplest" if simplest else "any", accept_decimal=False
        ),
        params={"number": shown, "to": "fraction"},
        bugs=_clean(bugs),
    )


def _power_decimal_bug(n: int, d: int) -> str | None:
    """POWER_WRONG, fraction to decimal: n/100 -> n/10, n/10 -> n/100, n/1000 -> n/100."""
    wrong = 100 if d in (10, 1000) else 10
    return _cd(Fraction(n, wrong))


def _decimal_fraction(n: int, d: int) -> Draft:
    """n/d (d a power of ten) as a decimal."""
    bugs = {
        "POWER_WRONG": _power_decimal_bug(n, d),
        "FRACTION_AS_DECIMAL_DIGITS": _digits_decimal_bug(n, d),
    }
    return _to_decimal(Fraction(n, d), f"{n}/{d}", bugs, ("POWER_WRONG",))


def _random_decimal(rng: random.Random, places: int, whole: int = 0) -> Fraction:
    """A decimal with exactly ``places`` places (last digit not 0)."""
    scale = 10**places
    digits = rng.randint(1, scale - 1)
    if digits % 10 == 0:
        raise Resample
    return whole + Fraction(digits, scale)


def _fdp_y4_tenths(level: int, rng: random.Random) -> Draft:
    if level == 1:
        return _decimal_fraction(rng.randint(1, 9), 10)
    if level == 2:
        n = rng.randint(11, 99)
        if n % 10 == 0:
            raise Resample
        return _decimal_fraction(n, 100)
    if level == 3:
        value = _random_decimal(rng, rng.choice((1, 2)))
        return _to_fraction(value, number_text(value))
    n, d = rng.choice(
        ((rng.randint(1, 9), 100), (rng.randint(11, 99), 10), (rng.randint(101, 999), 100))
    )
    if n % 10 == 0:
        raise Resample
    return _decimal_fraction(n, d)


_QUARTERS = ((1, 2), (1, 4), (3, 4))


def _quarter_bugs(whole: int, n: int, d: int) -> dict[str, str | None]:
    """Decimal bugs for whole + n/d with d 2 or 4."""
    digits = _cd(Decimal(f"{whole}.{n}{d}")) if whole else _digits_decimal_bug(n, d)
    return {
        "QUARTER_AS_0_4": _cd(whole + n * Fraction(4, 10)) if d == 4 else None,
        "DECIMAL_AS_UNIT_FRACTION": _cd(whole + Fraction(d, 10)) if n == 1 else None,
        "FRACTION_AS_DECIMAL_DIGITS": digits,
    }


def _fdp_y4_quarters(level: int, rng: random.Random) -> Draft:
    n, d = rng.choice(_QUARTERS)
    value = Fraction(n, d)
    if level == 1:
        if rng.random() < 0.5:
            bugs = _quarter_bugs(0, n, d)
            near = (_cd(Decimal(f"0.{n}{d}")), "0.7" if n == 3 else "0.05")
            return _choice(
                rng,
                f"Which decimal is equal to {n}/{d}?",
                canon_decimal(value),
                bugs,
                [x for x in near if x],
                params={"number": f"{n}/{d}", "to": "decimal"},
            )
        decimal = number_text(value)
        digits = _digits_after_point(value)[1]
        bugs = {
            "DECIMAL_AS_UNIT_FRACTION": f"1/{digits}",
            "POWER_WRONG": f"{digits}/{100 if len(digits) == 1 else 10}",
        }
        near = (f"{n}/10", f"{n}/{d + 1}")
        return _choice(
            rng,
            f"Which fraction is equal to {decimal}?",
            f"{n}/{d}",
            bugs,
            near,
            params={"number": decimal, "to": "fraction"},
        )
    whole = 0 if level == 2 and rng.random() < 0.5 else rng.randint(1, 5)
    if level == 2:
        targets = ("FRACTION_AS_DECIMAL_DIGITS",)
        return _to_decimal(
            whole + value, _parts_text(whole, n, d), _quarter_bugs(whole, n, d), targets
        )
    if level == 3:
        total = whole + value
        return _to_fraction(total, number_text(total))
    tenths = rng.randint(1, 9)
    extra = Fraction(tenths, 10)
    bugs = {label: None for label in ("QUARTER_AS_0_4", "DECIMAL_AS_UNIT_FRACTION")}
    for label, wrong in _quarter_bugs(0, n, d).items():
        bugs[label] = _cd(Fraction(Decimal(wrong)) + extra) if wrong else None
    shown = number_text(extra)
    right = canon_decimal(value + extra)
    _need(right, bugs, *bugs)
    return Draft(
        prompt=f"{n}/{d} + {shown} = {BOX} Write your answer as a decimal.",
        answer=_decimal_answer(value + extra),
        params={"number": f"{n}/{d}", "plus": shown, "to": "decimal"},
        bugs=_clean(bugs),
    )


def _fdp_y5_decimals(level: int, rng: random.Random) -> Draft:
    if level in (1, 2, 4):
        value = _random_decimal(rng, 2 if level != 2 else rng.choice((1, 2)))
        coprime = value.denominator == 100
        if level == 1 and not coprime:
            raise Resample
        if level in (2, 4) and value.denominator == 10 ** len(_digits_after_point(value)[1]):
            raise Resample
        return _to_fraction(value, number_text(value), simplest=level == 4)
    value = _random_decimal(rng, 2, whole=rng.randint(1, 9))
    return _to_fraction(value, number_text(value))


def _fdp_y5_thousandths(level: int, rng: random.Random) -> Draft:
    if level == 1:
        n = rng.randint(1, 99) if rng.random() < 0.5 else rng.randint(101, 999)
        if n % 10 == 0:
            raise Resample
        return _decimal_fraction(n, 1000)
    if level == 2:
        value = _random_decimal(rng, 3)
        if value.denominator != 1000 and rng.random() < 0.7:
            raise Resample
        return _to_fraction(value, number_text(value))
    if level == 3:
        a, b, c = rng.randint(1, 9), rng.randint(1, 9), rng.randint(1, 9)
        parts = [(a, 10), (c, 1000)] if rng.random() < 0.5 else [(b, 100), (c, 1000)]
        rng.shuffle(parts)
        value = sum((Fraction(n, d) for n, d in parts), Fraction(0))
        squeezed = "".join(str(n) for n, _ in sorted(parts, key=lambda p: p[1]))
        bugs = {"ZERO_PLACEHOLDER": _cd(Decimal(f"0.{squeezed}"))}
        shown = " + ".join(f"{n}/{d}" for n, d in parts)
        _need(canon_decimal(value), bugs, "ZERO_PLACEHOLDER")
        return Draft(
            prompt=f"{shown} = {BOX} Write your answer as a decimal.",
            answer=_decimal_answer(value),
            params={"parts": [f"{n}/{d}" for n, d in parts], "to": "decimal"},
            bugs=_clean(bugs),
        )
    value = _random_decimal(rng, rng.choice((1, 2)))
    thousandths = int(value * 1000)
    _, digits = _digits_after_point(value)
    bugs = {"POWER_WRONG": _ci(int(digits))}
    return Draft(
        prompt=f"{number_text(value)} = {BOX}/1000",
        answer=_integer_answer(thousandths),
        params={"number": number_text(value), "to": "thousandths"},
        bugs=_clean(bugs),
    )


def _percent_to_decimal(p: Fraction) -> Draft:
    value = p / 100
    bugs = {"PERCENT_POINT_SHIFT": _cd(p / 10)}
    return _to_decimal(value, f"{number_text(p)}%", bugs, ("PERCENT_POINT_SHIFT",))


def _decimal_to_percent(value: Fraction) -> Draft:
    bugs = {"PERCENT_POINT_SHIFT": _cd(value * 10)}
    return Draft(
        prompt=f"Write {number_text(value)} as a percentage.",
        answer=_percent_answer(value * 100),
        params={"number": number_text(value), "to": "percent"},
        bugs=_clean(bugs),
    )


def _percent_to_fraction(p: int, *, simplest: bool) -> Draft:
    value = Fraction(p, 100)
    bugs = {
        "PERCENT_POINT_SHIFT": _cf(Fraction(p, 10)),
        "DECIMAL_AS_UNIT_FRACTION": _unit_fraction_bug(value),
    }
    words = "a fraction in its simplest form" if simplest else "a fraction"
    return Draft(
        prompt=f"Write {p}% as {words}.",
        answer=_fraction_answer(
            value, form="simplest" if simplest else "any", accept_decimal=False
        ),
        params={"number": f"{p}%", "to": "fraction"},
        bugs=_clean(bugs),
    )


def _fdp_y5_percent(level: int, rng: random.Random) -> Draft:
    if level == 1:
        p = rng.randint(3, 99)
        if math.gcd(p, 100) != 1:
            raise Resample
        return _percent_to_fraction(p, simplest=False)
    if level == 2:
        p = rng.randint(11, 99)
        if p % 10 == 0:
            raise Resample
        return _percent_to_decimal(Fraction(p))
    if level == 3:
        return _decimal_to_percent(_random_decimal(rng, rng.choice((1, 2))))
    digit = rng.randint(1, 9)
    if rng.random() < 0.5:
        return _percent_to_decimal(Fraction(digit))
    return _decimal_to_percent(Fraction(digit, 100))


_SIMPLE_DENOMINATORS = (2, 4, 5, 10, 20, 25, 50)


def _simple_fraction(rng: random.Random, denominators: Sequence[int]) -> Fraction:
    d = rng.choice(denominators)
    n = _coprime(rng, d)
    return Fraction(n, d)


def _fraction_to_percent(value: Fraction, intro: str = "") -> Draft:
    n, d = value.numerator, value.denominator
    bugs = {"EQUIV_ADDITIVE": _cd(Fraction(n + 100 - d)) if 100 % d == 0 else None}
    prompt = intro or f"Write {n}/{d} as a percentage."
    return Draft(
        prompt=prompt,
        answer=_percent_answer(value * 100),
        params={"number": f"{n}/{d}", "to": "percent"},
        bugs=_clean(bugs),
    )


def _perceived(label: str, text: str) -> Fraction | None:
    """The size a pupil with ``label`` gives a decimal, fraction or percentage as written."""
    if text.endswith("%"):
        p = Fraction(Decimal(text[:-1]))
        return p / 10 if label == "PERCENT_POINT_SHIFT" else p / 100
    if "/" in text:
        n, d = (int(x) for x in text.split("/"))
        if label == "FRACTION_AS_DECIMAL_DIGITS":
            return Fraction(Decimal(f"{n}.{d}"))
        if label == "EQUIV_ADDITIVE" and 100 % d == 0:
            return Fraction(n + 100 - d, 100)
        return Fraction(n, d)
    return Fraction(Decimal(text))


def _pick_by(texts: Sequence[str], label: str, *, largest: bool) -> str | None:
    sizes = [_perceived(label, t) for t in texts]
    best = max(sizes) if largest else min(sizes)
    winners = [t for t, s in zip(texts, sizes, strict=True) if s == best]
    return winners[0] if len(winners) == 1 else None


_FDP_LABELS = ("FRACTION_AS_DECIMAL_DIGITS", "PERCENT_POINT_SHIFT", "EQUIV_ADDITIVE")


def _fdp_y5_equivalents(level: int, rng: random.Random) -> Draft:
    if level == 1:
        n, d = rng.choice(((1, 2), (1, 4), (3, 4), (1, 5), (2, 5), (3, 5), (4, 5)))
        bugs = _quarter_bugs(0, n, d) if d in (2, 4) else {}
        bugs["FRACTION_AS_DECIMAL_DIGITS"] = _digits_decimal_bug(n, d)
        if n == 1:
            bugs["DECIMAL_AS_UNIT_FRACTION"] = _cd(Fraction(d, 10))
        return _to_decimal(Fraction(n, d), f"{n}/{d}", bugs, ("FRACTION_AS_DECIMAL_DIGITS",))
    if level == 2:
        return _fraction_to_percent(_simple_fraction(rng, (10, 20, 25, 50)))
    if level == 3:
        value = _simple_fraction(rng, _SIMPLE_DENOMINATORS)
        return _percent_to_fraction(int(value * 100), simplest=True)
    first, second = _names(rng, 2)
    value = _simple_fraction(rng, _SIMPLE_DENOMINATORS)
    p = int(value * 100) if rng.random() < 0.2 else 5 * rng.randint(2, 19)
    texts = (f"{value.numerator}/{value.denominator}", f"{p}%")
    same = "They got the same"
    by_text = {texts[0]: first, texts[1]: second}

    def who(label: str) -> str | None:
        if _perceived(label, texts[0]) == _perceived(label, texts[1]):
            return same
        chosen = _pick_by(texts, label, largest=True)
        return by_text[chosen] if chosen else None

    right = who("")
    bugs = {label: who(label) for label in _FDP_LABELS}
    _need(right, bugs, *_FDP_LABELS)
    prompt = (
        f"In a quiz, {first} got {texts[0]} of the questions right. {second} got {texts[1]} "
        "of the questions right. Who got more right?"
    )
    return _choice(
        rng,
        prompt,
        right,
        bugs,
        (first, second, same),
        params={"numbers": list(texts), "names": [first, second]},
        count=3,
    )


def _fdp_y6_division(level: int, rng: random.Random) -> Draft:
    if level in (1, 2):
        value = _simple_fraction(rng, (2, 4, 5) if level == 1 else (8, 20, 25, 40))
        n, d = value.numerator, value.denominator
        bugs = {
            "FRACTION_AS_DECIMAL_DIGITS": _digits_decimal_bug(n, d),
            "REMAINDER_AS_DECIMAL": _cd(Decimal(f"0.{n}")) if level == 2 else None,
        }
        return _to_decimal(value, f"{n}/{d}", bugs, ("FRACTION_AS_DECIMAL_DIGITS",))
    if level == 3:
        b = rng.choice((4, 5, 8, 20, 25))
        a = rng.randint(b + 1, min(99, 9 * b))
        if a % b == 0:
            raise Resample
        q, r = divmod(a, b)
        value = Fraction(a, b)
        bugs = {
            "REMAINDER_AS_DECIMAL": _cd(Decimal(f"{q}.{r}")),
            "FRACTION_AS_DECIMAL_DIGITS": _digits_decimal_bug(a, b),
        }
        right = canon_decimal(value)
        _need(right, bugs, "REMAINDER_AS_DECIMAL")
        return Draft(
            prompt=f"{a} ÷ {b} = {BOX} Write your answer as a decimal.",
            answer=_decimal_answer(value),
            params={"operands": [a, b], "to": "decimal"},
            bugs=_clean(bugs),
        )
    value = _simple_fraction(rng, (4, 5, 8, 20, 25, 40, 50))
    return _to_fraction(value, number_text(value), simplest=True)


def _fdp_y6_equivalents(level: int, rng: random.Random) -> Draft:
    if level == 1:
        return _fraction_to_percent(_simple_fraction(rng, _SIMPLE_DENOMINATORS))
    if level == 2:
        p = rng.choice(
            (rng.randint(1, 9), 5 * rng.randint(21, 50), Fraction(25, 2), Fraction(75, 2))
        )
        return _percent_to_decimal(Fraction(p))
    if level == 3:
        value = _simple_fraction(rng, (2, 4, 5, 10, 20, 25))
        name = rng.choice(NAMES)
        thing = rng.choice(
            (
                f"In a class, {value.numerator}/{value.denominator} of the children walk to "
                "school. What percentage of the children walk to school?",
                f"{name} has planted {value.numerator}/{value.denominator} of a packet of "
                f"seeds. What percentage of the packet has {name} planted?",
                f"{value.numerator}/{value.denominator} of the seats on a bus are taken. "
                "What percentage of the seats are taken?",
            )
        )
        return _fraction_to_percent(value, thing)
    fraction = _simple_fraction(rng, (4, 5, 8, 20, 25))
    if not Fraction(1, 5) <= fraction <= Fraction(4, 5):
        raise Resample
    decimal = fraction + Fraction(rng.choice((-1, 1)) * rng.randint(1, 8), 100)
    percent = fraction + Fraction(rng.choice((-1, 1)) * rng.randint(1, 8), 100)
    if len({fraction, decimal, percent}) != 3 or (percent * 100).denominator != 1:
        raise Resample
    texts = [
        number_text(decimal),
        f"{fraction.numerator}/{fraction.denominator}",
        f"{canon_percent(percent * 100)}%",
    ]
    rng.shuffle(texts)
    largest = rng.random() < 0.6
    right = _pick_by(texts, "", largest=largest)
    bugs = {label: _pick_by(texts, label, largest=largest) for label in _FDP_LABELS}
    if right is None:
        raise Resample
    _need(right, bugs, *_FDP_LABELS)
    which = "largest" if largest else "smallest"
    return _choice(
        rng,
        f"Which is the {which}: {', '.join(texts)}?",
        right,
        bugs,
        texts,
        params={"numbers": texts, "largest": largest},
        count=3,
    )


_FDP: dict[str, Builder] = {
    "Y4-FR-05": _fdp_y4_tenths,
    "Y4-FR-06": _fdp_y4_quarters,
    "Y5-FR-06": _fdp_y5_decimals,
    "Y5-FR-07": _fdp_y5_thousandths,
    "Y5-FR-11": _fdp_y5_percent,
    "Y5-FR-12": _fdp_y5_equivalents,
    "Y6-FR-06": _fdp_y6_division,
    "Y6-FR-11": _fdp_y6_equivalents,
}


@family("FDP-CONVERT", objectives=tuple(_FDP))
def convert_fdp(objective: str, level: int, rng: random.Random) -> Draft:
    """Fractions, decimals and percentages, each way, and choosing between them."""
    return _FDP[objective](level, rng)
