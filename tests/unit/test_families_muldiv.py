"""Multiplication and division families: right answers, difficulty drivers, bug functions."""

from __future__ import annotations

import ast
import math
import operator
import re
from collections import Counter
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prof123.assess import items
from prof123.assess.families import muldiv

items.families_for("")  # registers every family

EXPECTED = {
    "TABLES": ("Y2-MD-01", "Y2-MD-02", "Y3-MD-01", "Y4-MD-01"),
    "ODD-EVEN": ("Y2-MD-01",),
    "MISSING-MD": ("Y2-MD-02", "Y3-MD-02", "Y3-MD-03", "Y5-MD-10", "Y6-CALC-08"),
    "MENTAL-MD": ("Y4-MD-02", "Y4-MD-03", "Y4-MD-05", "Y5-MD-05", "Y6-CALC-04"),
    "MUL-SHORT": ("Y3-MD-02", "Y4-MD-04", "Y5-MD-04"),
    "MUL-LONG": ("Y5-MD-04", "Y6-CALC-01"),
    "DIV-SHORT": ("Y3-MD-02", "Y5-MD-06", "Y6-CALC-03"),
    "DIV-LONG": ("Y6-CALC-02",),
    "POWERS-10": ("Y4-FR-07", "Y5-MD-07", "Y6-FR-07"),
    "FACTORS-MULTIPLES": ("Y4-MD-03", "Y5-MD-01", "Y5-MD-09", "Y6-CALC-05"),
    "PRIMES": ("Y5-MD-02", "Y5-MD-03", "Y6-CALC-05"),
    "SQUARES-CUBES": ("Y5-MD-08", "Y5-MD-09", "Y6-CALC-06"),
    "WORD-MD": (
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
    "MTC": ("Y4-MD-01",),
}
TEMPLATES = [
    (code, objective, level)
    for code, objectives in EXPECTED.items()
    for objective in objectives
    for level in (1, 2, 3, 4)
]
SEEDS = range(25)


def gen(code: str, objective: str, level: int, seed: int) -> items.Item:
    return items.generate(code, objective, level, seed)


def many(code: str, objective: str, level: int, seeds=SEEDS) -> list[items.Item]:
    return [gen(code, objective, level, seed) for seed in seeds]


# --- a small exact evaluator for the bare calculations in prompts -----------------------------

OPERATORS = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.Pow: operator.pow,
}
EQUATION = re.compile(r"^[\d.,\s×÷+−□²³=]+$")


def evaluate(text: str) -> Fraction:
    """Evaluate a printed calculation exactly (×, ÷, −, ², ³, thousands commas)."""
    for printed, python in (
        (",", ""),
        ("×", "*"),
        ("÷", "/"),
        ("−", "-"),
        ("²", "**2"),
        ("³", "**3"),
    ):
        text = text.replace(printed, python)
    return _node(ast.parse(text.strip(), mode="eval").body)


def _node(node: ast.AST) -> Fraction:
    if isinstance(node, ast.BinOp):
        return OPERATORS[type(node.op)](_node(node.left), _node(node.right))
    if isinstance(node, ast.Constant):
        return Fraction(str(node.value))
    raise ValueError(ast.dump(node))


def balances(prompt: str, value: str) -> bool:
    """Put the answer in the box: every side of the equation has the same value."""
    sides = prompt.replace("□", f"({value})").split("=")
    values = {evaluate(side) for side in sides}
    return len(values) == 1


def is_equation(item: items.Item) -> bool:
    return bool(EQUATION.match(item.prompt)) and item.answer.kind in ("integer", "decimal")


# --- registration -----------------------------------------------------------------------------


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_each_family_registers_exactly_its_objectives_with_four_levels(code):
    registered = items.FAMILIES[code]
    assert registered.objectives == EXPECTED[code]
    assert registered.levels == (1, 2, 3, 4)
    assert registered.draw.__module__ == "prof123.assess.families.muldiv"


# --- every bare calculation is right ----------------------------------------------------------


@pytest.mark.parametrize(("code", "objective", "level"), TEMPLATES)
def test_answers_are_right(code, objective, level):
    for item in many(code, objective, level, range(12)):
        answer = item.answer
        if is_equation(item):
            assert balances(item.prompt, answer.value), item
        if answer.kind == "remainder":
            check_remainder(item)
        if answer.kind == "choice":
            assert answer.value in answer.options
            assert len(set(answer.options)) == len(answer.options)
        for wrong in item.bugs:
            assert wrong != answer.value


def check_remainder(item: items.Item) -> None:
    dividend, divisor = item.params["dividend"], item.params["divisor"]
    quotient, remainder = divmod(dividend, divisor)
    assert remainder, "a remainder item divides exactly"
    if item.answer.form == "context":
        wanted = quotient + 1 if item.params["round"] == "up" else quotient
        assert item.answer.value == str(wanted)
        assert item.bugs[str(quotient if wanted == quotient + 1 else quotient + 1)] == (
            "REMAINDER_CONTEXT",
        )
    else:
        assert item.answer.value == f"{quotient} r {remainder}"
        assert item.answer.form in ("r", "fraction", "decimal")


# --- hand-picked examples ---------------------------------------------------------------------


def test_tables_examples():
    item = gen("TABLES", "Y4-MD-01", 2, 0)
    assert item.prompt == "8 × 8 = □"
    assert item.answer.value == "64"
    assert item.bugs == {
        "72": ("TABLE_ADJACENT",),
        "16": ("ADD_FOR_MULT",),
        "46": ("DIGIT_TRANSPOSED",),
    }
    item = gen("TABLES", "Y2-MD-01", 3, 0)
    assert (item.prompt, item.answer.value) == ("45 ÷ 5 = □", "9")
    assert item.bugs["40"] == ("DIV_AS_SUB",)


def test_short_division_example_with_a_zero_in_the_quotient():
    item = gen("DIV-LONG", "Y6-CALC-02", 2, 1)
    assert item.prompt == "9,476 ÷ 92 = □"
    assert item.answer.value == "103"
    assert item.answer.marks == 2
    assert item.bugs == {"13": ("QUOTIENT_ZERO_DROPPED",)}


def test_powers_of_ten_example():
    item = gen("POWERS-10", "Y5-MD-07", 3, 1)
    assert item.prompt == "54.2 × 10 = □"
    assert item.answer.value == "542"
    assert item.bugs == {
        "5.42": ("DIRECTION_WRONG",),
        "5420": ("POWER_WRONG",),
        "54.2": ("X10_APPEND_ZERO",),
    }


def test_factor_set_example():
    item = gen("FACTORS-MULTIPLES", "Y5-MD-01", 2, 1)
    assert item.prompt == "Write all the factors of 20."
    assert (item.answer.kind, item.answer.value) == ("set", "1,2,4,5,10,20")
    assert item.params["n"] == 20
    assert item.bugs == {
        "2,4,5,10": ("FACTORS_OMIT_1_N",),
        "1,2,4": ("FACTOR_PAIR_INCOMPLETE",),
    }


def test_equals_sign_example():
    item = gen("MISSING-MD", "Y5-MD-10", 1, 0)
    assert item.prompt == "4 × 5 = □ + 7"
    assert item.answer.value == "13"
    assert item.bugs == {"20": ("EQUALS_AS_ANSWER_NEXT",), "27": ("MISSING_OPERATE_ON_GIVEN",)}


# --- bug functions (question-design §5.3 and §6.2 examples) ------------------------------------


def test_written_multiplication_bugs():
    assert muldiv._mul_no_carry(47, 8) == 326
    assert muldiv._mul_carry_before_multiply(47, 8) == 726
    assert muldiv._mul_ones_only(23, 3) == 29
    assert muldiv._mul_carries(47, 8) == 1
    assert muldiv._mul_carries(394, 8) == 2
    assert muldiv._mul_carries(607, 9) == 1  # the carry lands in the zero column
    assert muldiv._mul_carries(23, 3) == 0


def test_long_multiplication_bugs():
    assert muldiv._longmul_no_placeholder(71, 46) == 710
    assert muldiv._longmul_one_row(71, 46) == 426
    assert muldiv._add_no_carry(48, 37) == 75
    assert muldiv._add_no_carry(98, 57) == 145


def test_division_bugs():
    assert muldiv._quotient_zero_dropped(103) == 13  # 618 ÷ 6 → 13
    assert muldiv._quotient_zero_dropped(57) is None
    assert muldiv._remainder_as_decimal(23, 4) == "23.4"
    assert muldiv._div_digitwise(72, 3) == 20
    assert muldiv._div_exchanges(72, 3) == 1
    assert muldiv._div_exchanges(84, 4) == 0
    assert muldiv._div_exchanges(172, 4) == 2


def test_fact_bugs():
    assert muldiv._transposed(56) == 65
    assert muldiv._transposed(55) is None
    assert muldiv._transposed(40) is None
    assert muldiv._zero_count(3500) == 350  # 50 × 70 → 350
    assert muldiv._tens_parity(37) == "odd"
    assert muldiv._tens_parity(45) == "even"
    assert muldiv._odd_is_prime_list(range(31, 50)) == [31, 33, 37, 39, 41, 43, 47, 49]


def test_number_facts():
    assert muldiv._factors(12) == [1, 2, 3, 4, 6, 12]
    assert [n for n in range(20) if muldiv._is_prime(n)] == [2, 3, 5, 7, 11, 13, 17, 19]
    assert muldiv._prime_factors(60) == [2, 3, 5]


# --- difficulty drivers -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("objective", "tables"),
    [("Y2-MD-01", {2, 5, 10}), ("Y2-MD-02", {2, 5, 10}), ("Y3-MD-01", {3, 4, 8})],
)
def test_tables_stay_in_the_years_tables(objective, tables):
    for level in (1, 2, 3, 4):
        for item in many("TABLES", objective, level):
            assert item.params["table"] in tables
            if level == 1:
                assert 2 <= item.params["b"] <= 5
    assert all("÷" in i.prompt for i in many("TABLES", objective, 3))
    assert all(
        i.prompt.startswith("□") == (objective == "Y2-MD-02") for i in many("TABLES", objective, 1)
    )


def test_mtc_items_weight_the_hard_tables():
    counts = Counter(gen("MTC", "Y4-MD-01", 3, seed).params["table"] for seed in range(1100))
    assert set(counts) == set(range(2, 13))
    hard = sum(counts[t] for t in (6, 7, 8, 9, 12)) / 5
    easy = sum(counts[t] for t in (2, 5, 10)) / 3
    assert hard > 1.6 * easy
    for item in many("MTC", "Y4-MD-01", 4):
        assert item.params["table"] in (6, 7, 8, 9, 12) and 6 <= item.params["b"] <= 12
    for level in (1, 2, 3, 4):
        for item in many("MTC", "Y4-MD-01", level):
            assert "×" in item.prompt and 2 <= item.params["b"] <= 12
            assert item.prompt.startswith(f"{item.params['table']} ×")


def test_odd_even_tens_digit_always_misleads():
    for level in (1, 2, 3, 4):
        for item in many("ODD-EVEN", "Y2-MD-01", level):
            assert "ODD_EVEN_TENS_DIGIT" in sum(item.bugs.values(), ())
    item = gen("ODD-EVEN", "Y2-MD-01", 4, 0)
    numbers = item.params["numbers"]
    wanted = 0 if item.params["wanted"] == "even" else 1
    assert item.answer.value == items.canon_set(n for n in numbers if n % 2 == wanted)


@pytest.mark.parametrize(
    ("objective", "level", "digits", "carries"),
    [
        ("Y3-MD-02", 1, 2, {0}),
        ("Y3-MD-02", 2, 2, {1}),
        ("Y3-MD-02", 3, 2, {1}),
        ("Y4-MD-04", 1, 2, {1}),
        ("Y4-MD-04", 2, 3, {1}),
        ("Y4-MD-04", 3, 3, {2}),
        ("Y4-MD-04", 4, 3, {1, 2}),
        ("Y5-MD-04", 1, 3, {2}),
        ("Y5-MD-04", 2, 4, {1, 2}),
        ("Y5-MD-04", 3, 4, {3}),
        ("Y5-MD-04", 4, 4, {2, 3}),
    ],
)
def test_short_multiplication_digits_and_carries(objective, level, digits, carries):
    for item in many("MUL-SHORT", objective, level):
        n, m = item.params["a"], item.params["b"]
        assert len(str(n)) == digits and 2 <= m <= 9
        assert muldiv._mul_carries(n, m) in carries
        assert ("0" in str(n)) == (level == 4 and objective != "Y3-MD-02")
        assert "MUL_NO_CARRY" in sum(item.bugs.values(), ()) or level == 1
        if objective == "Y3-MD-02":
            assert m in (2, 3, 4, 5, 8)
            assert (n * m >= 100) == (level >= 3)


@pytest.mark.parametrize(
    ("objective", "level", "digits"),
    [("Y5-MD-04", 1, 2), ("Y5-MD-04", 3, 3), ("Y6-CALC-01", 2, 3), ("Y6-CALC-01", 3, 4)],
)
def test_long_multiplication_sizes_and_marks(objective, level, digits):
    for item in many("MUL-LONG", objective, level):
        a, b = item.params["a"], item.params["b"]
        assert len(str(a)) == digits and 12 <= b <= 99 and b % 10
        assert item.answer.marks == 2
        assert item.bugs[str(muldiv._longmul_no_placeholder(a, b))][0] == "LONGMUL_NO_PLACEHOLDER"


def test_long_multiplication_level_4_has_a_zero():
    for objective in ("Y5-MD-04", "Y6-CALC-01"):
        assert all("0" in str(i.params["a"]) for i in many("MUL-LONG", objective, 4))


def test_short_division_levels():
    for item in many("DIV-SHORT", "Y3-MD-02", 3):
        assert item.params["divisor"] in (2, 3, 4, 5, 8)
        assert 10 <= int(item.answer.value) <= 99
        assert muldiv._div_exchanges(item.params["dividend"], item.params["divisor"]) >= 1
    for objective in ("Y5-MD-06", "Y6-CALC-03"):
        assert all(i.answer.kind == "integer" for i in many("DIV-SHORT", objective, 2))
        assert all(i.answer.form == "r" for i in many("DIV-SHORT", objective, 3))
        assert all(i.answer.form == "context" for i in many("DIV-SHORT", objective, 4))
    for item in many("DIV-SHORT", "Y5-MD-06", 4):
        assert "QUOTIENT_ZERO_DROPPED" in sum(item.bugs.values(), ())
        assert 1000 <= item.params["dividend"] <= 9999 and 3 <= item.params["divisor"] <= 9
    for item in many("DIV-SHORT", "Y6-CALC-03", 3):
        assert item.params["divisor"] in muldiv.SHORT_DIVISORS_Y6


def test_long_division_levels():
    for level in (1, 2, 3, 4):
        for item in many("DIV-LONG", "Y6-CALC-02", level):
            assert item.answer.marks == 2
            assert 13 <= item.params["divisor"] <= 99
    assert all("0" in i.answer.value for i in many("DIV-LONG", "Y6-CALC-02", 2))
    forms = {i.answer.form for i in many("DIV-LONG", "Y6-CALC-02", 3, range(40))}
    assert forms == {"r", "fraction", "decimal"}
    for item in many("DIV-LONG", "Y6-CALC-02", 3, range(40)):
        if item.answer.form == "decimal":
            exact = Fraction(item.params["dividend"], item.params["divisor"])
            assert (exact * 100).denominator == 1, "a decimal answer ends within 2 places"


@pytest.mark.parametrize(
    ("objective", "max_places"), [("Y4-FR-07", 2), ("Y5-MD-07", 5), ("Y6-FR-07", 4)]
)
def test_powers_of_ten(objective, max_places):
    for level in (1, 2, 3, 4):
        for item in many("POWERS-10", objective, level):
            assert item.params["power"] in (10, 100, 1000)
            _, _, decimals = item.answer.value.partition(".")
            assert len(decimals) <= min(max_places, 3)
            if objective == "Y4-FR-07":
                assert item.params["op"] == "÷" and int(item.params["value"]) < 100
    assert all("." in i.answer.value for i in many("POWERS-10", "Y6-FR-07", 2))


def test_factor_and_multiple_sets_are_complete():
    for objective, level in (("Y5-MD-01", 2), ("Y5-MD-01", 3)):
        for item in many("FACTORS-MULTIPLES", objective, level):
            n = item.params["n"]
            assert item.answer.value == items.canon_set(d for d in range(1, n + 1) if n % d == 0)
    for objective, level in (("Y5-MD-01", 4), ("Y6-CALC-05", 1), ("Y6-CALC-05", 3)):
        for item in many("FACTORS-MULTIPLES", objective, level):
            a, b = item.params["a"], item.params["b"]
            common = [d for d in range(1, a + 1) if a % d == 0 and b % d == 0]
            assert item.answer.value == items.canon_set(common) and len(common) >= 2
    for level in (2, 4):
        for item in many("FACTORS-MULTIPLES", "Y6-CALC-05", level):
            a, b, limit = item.params["a"], item.params["b"], item.params["limit"]
            wanted = [n for n in range(1, limit) if n % a == 0 and n % b == 0]
            assert item.answer.value == items.canon_set(wanted)
            assert (math.gcd(a, b) > 1) == (level == 4)


def test_primes_items():
    for objective in ("Y5-MD-02", "Y5-MD-03", "Y6-CALC-05"):
        for item in many("PRIMES", objective, 1):
            primes = [o for o in item.answer.options if muldiv._is_prime(int(o))]
            assert primes == [item.answer.value]
            assert "ODD_IS_PRIME" in sum(item.bugs.values(), ())
    for item in many("PRIMES", "Y5-MD-03", 4):
        low, high = item.params["low"], item.params["high"]
        wanted = [n for n in range(low + 1, high) if muldiv._is_prime(n)]
        assert item.answer.value == items.canon_set(wanted)
    for item in many("PRIMES", "Y6-CALC-05", 3):
        p, q = map(int, item.answer.value.split(","))
        assert p * q == item.params["product"] and muldiv._is_prime(p) and muldiv._is_prime(q)


def test_word_problems_by_year():
    for level in (1, 2, 3, 4):
        for item in many("WORD-MD", "Y1-MD-01", level):
            assert max(item.params["a"], int(item.answer.value)) <= 20
    for item in many("WORD-MD", "Y3-MD-03", 2):
        assert item.bugs[str(item.params["a"] + item.params["b"])] == ("CORRESPONDENCE_ADD",)
    for level in (3, 4):
        for item in many("WORD-MD", "Y6-FR-10", level):
            exact = Fraction(item.params["dividend"], item.params["divisor"])
            scale = 10 ** item.params["places"]
            assert Fraction(item.answer.value) == Fraction(round(exact * scale), scale)
            assert "ROUND_TRUNCATE" in sum(item.bugs.values(), ())
    for objective, level in (("Y6-FR-10", 1), ("Y6-FR-10", 2), ("Y5-MD-09", 1)):
        for item in many("WORD-MD", objective, level):
            assert item.answer.kind == "remainder" and item.answer.form == "context"


def test_mental_levels():
    for item in many("MENTAL-MD", "Y4-MD-02", 1):
        assert item.prompt.endswith(("× 0 = □", "÷ 1 = □"))
    for item in many("MENTAL-MD", "Y5-MD-05", 2):
        assert "ZERO_COUNT" in sum(item.bugs.values(), ())
    for item in many("MENTAL-MD", "Y6-CALC-04", 3):
        assert "LEFT_TO_RIGHT" in sum(item.bugs.values(), ())


# --- properties over seeds --------------------------------------------------------------------

BARE_NUMBER = re.compile(r"(?<![\d.,])\d{4,}")


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(TEMPLATES), st.integers(0, 10**9))
def test_any_seed_makes_a_sound_item(template, seed):
    code, objective, level = template
    item = gen(code, objective, level, seed)
    assert item == gen(code, objective, level, seed)
    assert item.prompt.strip() and "-" not in item.prompt.replace("-digit", "")
    assert not BARE_NUMBER.search(item.prompt), "numbers of 4+ digits are printed with commas"
    assert item.answer.value not in item.bugs
    if is_equation(item):
        assert balances(item.prompt, item.answer.value)
    if item.answer.kind in ("integer", "decimal"):
        # 0 only where the template targets it (n × 0)
        assert Fraction(item.answer.value) > 0 or item.prompt.endswith("× 0 = □")
    if item.answer.kind == "remainder":
        check_remainder(item)
    if item.answer.kind == "set":
        values = [int(v) for v in item.answer.value.split(",")]
        assert values == sorted(set(values))
