"""Addition and subtraction families: column bugs on hand-checked examples, difficulty drivers
per year and level, and right answers checked by working each question out independently."""

from __future__ import annotations

import ast
import operator
import random
import re
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prof123.assess import items
from prof123.assess.families import addsub
from prof123.assess.families.addsub import (
    add_carry_written,
    add_no_carry,
    carries,
    exchanges,
    misaligned,
    sub_across_zero,
    sub_exchange_no_decrement,
    sub_smaller_from_larger,
)

# fmt: off
CALCULATION = (
    "Y1-AS-01", "Y1-AS-03", "Y2-AS-02", "Y2-AS-03", "Y3-AS-01", "Y3-AS-02", "Y4-AS-01",
    "Y5-AS-01", "Y5-AS-02", "Y6-CALC-04",
)
WORD_PROBLEMS = (
    "Y1-AS-04", "Y2-NPV-06", "Y2-AS-01", "Y3-AS-04", "Y4-AS-03", "Y5-AS-04", "Y5-MD-10",
    "Y6-CALC-07",
)
# fmt: on
EXPECTED = {
    "BONDS": ("Y1-AS-02", "Y2-AS-02"),
    "ADD": CALCULATION,
    "SUB": CALCULATION,
    "MISSING-AS": ("Y1-AS-01", "Y1-AS-04", "Y2-AS-05", "Y3-AS-04"),
    "INVERSE-CHECK": ("Y2-AS-05", "Y3-AS-03", "Y4-AS-02"),
    "PROPERTY-TF": ("Y2-AS-04", "Y2-MD-03"),
    "ESTIMATE": ("Y3-AS-03", "Y4-AS-02", "Y5-AS-03", "Y6-CALC-09"),
    "WORD-AS": WORD_PROBLEMS,
    "ORDER-OPS": ("Y6-CALC-06",),
}
TEMPLATES = [
    (code, objective, level)
    for code, objectives in EXPECTED.items()
    for objective in objectives
    for level in (1, 2, 3, 4)
]
SEEDS = range(30)
SENTENCE_FAMILIES = ("BONDS", "ADD", "SUB", "MISSING-AS", "ORDER-OPS")


def _items(code: str, objective: str, level: int, seeds=SEEDS) -> list[items.Item]:
    return [items.generate(code, objective, level, seed) for seed in seeds]


# --- an independent evaluator for the printed sentences ----------------------------------------

_OPS = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.Pow: operator.pow,
}


def _evaluate(expression: str) -> Fraction:
    """Value of a printed expression (commas, −, ×, ÷ and ² as on the page), exactly."""
    text = (
        expression.replace(",", "")
        .replace("−", "-")
        .replace("×", "*")
        .replace("÷", "/")
        .replace("²", "**2")
    )
    return _walk(ast.parse(text.strip(), mode="eval").body)


def _walk(node: ast.AST) -> Fraction:
    if isinstance(node, ast.Constant) and isinstance(node.value, int):
        return Fraction(node.value)
    if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
        return _OPS[type(node.op)](_walk(node.left), _walk(node.right))
    raise ValueError(ast.dump(node))


def _holds(sentence: str, answer: str) -> bool:
    left, right = sentence.replace("□", answer).split("=")
    return _evaluate(left) == _evaluate(right)


def _left_to_right(expression: str) -> int:
    """Works the operations strictly in the order written (squares still done first)."""
    text = re.sub(r"(\d+)²", lambda m: str(int(m.group(1)) ** 2), expression.replace(",", ""))
    tokens = text.split()
    value = int(tokens[0])
    for op, number in zip(tokens[1::2], tokens[2::2], strict=True):
        value = {"+": operator.add, "−": operator.sub, "×": operator.mul, "÷": operator.floordiv}[
            op
        ](value, int(number))
    return value


def _operands(item: items.Item) -> tuple[int, int]:
    return item.params["a"], item.params["b"]


# --- registration -------------------------------------------------------------------------------


def test_each_family_registers_exactly_its_objectives_at_all_four_levels():
    items.families_for("")
    for code, objectives in EXPECTED.items():
        registered = items.FAMILIES[code]
        assert registered.objectives == tuple(objectives)
        assert registered.levels == (1, 2, 3, 4)
        assert registered.draw.__module__ == addsub.__name__


# --- column arithmetic ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bug", "a", "b", "expected"),
    [
        # the examples of question-design.md §6.2
        (add_no_carry, 48, 37, 75),
        (add_carry_written, 48, 37, 715),
        (misaligned, 1234, 56, 6834),
        (sub_smaller_from_larger, 52, 27, 35),
        (sub_exchange_no_decrement, 73, 18, 65),
        (sub_across_zero, 400, 163, 347),
        # worked by hand, column by column
        (add_no_carry, 85, 47, 122),  # the leftmost column has nowhere to carry to
        (add_no_carry, 959, 941, 1890),
        (add_no_carry, 274, 50, 224),
        (add_carry_written, 274, 50, 2124),
        (add_carry_written, 959, 941, 18910),
        (misaligned, 56, 1234, 6834),  # either order
        (misaligned, 274, 50, 774),
        (sub_smaller_from_larger, 4002, 1358, 3356),
        (sub_smaller_from_larger, 400, 163, 363),
        (sub_exchange_no_decrement, 4002, 1358, 3754),
        (sub_exchange_no_decrement, 405, 168, 347),
        (sub_across_zero, 405, 168, 337),  # the 0 lends as 9, the 4 is never reduced
        (sub_across_zero, 4002, 1358, 3744),
        (sub_across_zero, 512, 38, 474),  # a 0 made by an exchange is handled properly
        (sub_across_zero, 73, 18, 55),  # no zero on top: the right answer
    ],
)
def test_column_bug_gives_the_misconception_answer(bug, a, b, expected):
    assert bug(a, b) == expected


@pytest.mark.parametrize(
    ("driver", "a", "b", "expected"),
    [
        (carries, 48, 37, 1),
        (carries, 999, 1, 3),
        (carries, 1234, 56, 1),
        (carries, 323, 111, 0),
        (exchanges, 52, 27, 1),
        (exchanges, 400, 163, 2),
        (exchanges, 405, 168, 2),
        (exchanges, 4002, 1358, 3),
        (exchanges, 975, 431, 0),
    ],
)
def test_difficulty_drivers(driver, a, b, expected):
    assert driver(a, b) == expected


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 10**7), st.integers(1, 10**7))
def test_column_bugs_meet_the_right_answer_only_without_carries_or_exchanges(x, y):
    a, b = max(x, y), min(x, y)
    assert add_no_carry(a, b) <= a + b <= add_carry_written(a, b)
    if carries(a, b) == 0:
        assert add_no_carry(a, b) == add_carry_written(a, b) == a + b
    assert (misaligned(a, b) == a + b) == (len(str(a)) == len(str(b)))
    assert (sub_exchange_no_decrement(a, b) == a - b) == (exchanges(a, b) == 0)
    if exchanges(a, b) == 0:
        assert sub_smaller_from_larger(a, b) == sub_across_zero(a, b) == a - b
    if "0" not in str(a):
        assert sub_across_zero(a, b) == a - b


def _carry_columns(a: int, b: int) -> set[int]:
    da, db = str(a)[::-1], str(b)[::-1]
    out, carry = set(), 0
    for col in range(max(len(da), len(db))):
        x = int(da[col]) if col < len(da) else 0
        y = int(db[col]) if col < len(db) else 0
        carry = int(x + y + carry >= 10)
        if carry:
            out.add(col)
    return out


def _exchange_columns(a: int, b: int) -> set[int]:
    da, db = str(a)[::-1], str(b)[::-1].ljust(len(str(a)), "0")
    out, borrow = set(), 0
    for col in range(len(da)):
        borrow = int(int(da[col]) - borrow < int(db[col]))
        if borrow:
            out.add(col)
    return out


@pytest.mark.parametrize(
    ("a_len", "b_len", "columns"),
    [(2, 2, ()), (3, 1, (0, 1)), (4, 3, (0, 2)), (4, 4, (0, 1, 2)), (6, 6, (0, 2, 3, 5))],
)
def test_addends_carry_in_exactly_the_asked_columns(a_len, b_len, columns):
    for seed in range(50):
        a, b = addsub._add_operands(random.Random(seed), a_len, b_len, set(columns))
        assert (len(str(a)), len(str(b))) == (a_len, b_len)
        assert _carry_columns(a, b) == set(columns)


@pytest.mark.parametrize(
    ("a_len", "b_len", "columns", "zeros"),
    [
        (2, 2, (0,), ()),
        (3, 3, (0, 1), (1,)),  # 405 − 168
        (4, 4, (0, 1, 2), (1, 2)),  # 4,002 − 1,358
        (6, 5, (1, 2, 3), (2, 3)),
        (5, 4, (3,), ()),
    ],
)
def test_subtractions_exchange_in_exactly_the_asked_columns(a_len, b_len, columns, zeros):
    for seed in range(50):
        a, b = addsub._sub_operands(random.Random(seed), a_len, b_len, set(columns), a_zeros=zeros)
        assert (len(str(a)), len(str(b))) == (a_len, b_len)
        assert a > b and len(str(a - b)) >= a_len - 1
        assert _exchange_columns(a, b) == set(columns)
        assert all(str(a)[::-1][col] == "0" for col in zeros)


# --- sentences: the answer makes the sentence true, no bug answer does ---------------------------


@pytest.mark.parametrize(
    ("code", "objective", "level"),
    [t for t in TEMPLATES if t[0] in SENTENCE_FAMILIES],
)
def test_the_answer_completes_the_sentence_and_no_bug_answer_does(code, objective, level):
    for item in _items(code, objective, level):
        assert _holds(item.prompt, item.answer.value), item.prompt
        for wrong in item.bugs:
            assert not _holds(item.prompt, wrong), (item.prompt, wrong)


def test_hand_picked_items():
    item = items.generate("SUB", "Y4-AS-01", 4, 0)
    assert item.prompt == "□ = 4,002 − 2,553"
    assert item.answer.value == "1449"
    assert item.bugs["2549"] == ("SUB_ACROSS_ZERO",)
    assert item.bugs["2559"] == ("SUB_EXCHANGE_NO_DECREMENT",)
    item = items.generate("ORDER-OPS", "Y6-CALC-06", 2, 0)
    assert item.prompt == "52 − 40 ÷ 4 = □"
    assert (item.answer.value, item.bugs["3"]) == ("42", ("LEFT_TO_RIGHT",))


# --- ADD and SUB: difficulty drivers per year and level ----------------------------------------

# (objective, level) -> (digits of the first number, digits of the second, carries/exchanges)
WRITTEN_ADD = {
    ("Y3-AS-02", 1): (3, 3, {0}),
    ("Y3-AS-02", 2): (3, 3, {1}),
    ("Y3-AS-02", 3): (3, 3, {2}),
    ("Y3-AS-02", 4): (3, 3, {3}),
    ("Y4-AS-01", 1): (4, 4, {0}),
    ("Y4-AS-01", 2): (4, 4, {1}),
    ("Y4-AS-01", 3): (4, 4, {3}),
    ("Y4-AS-01", 4): (3, 4, {3}),  # the shorter number first
    ("Y5-AS-01", 1): (5, 4, {1}),
    ("Y5-AS-01", 2): (5, 5, {2}),
    ("Y5-AS-01", 3): (6, 5, {3}),
    ("Y5-AS-01", 4): (6, 6, {4}),
}
WRITTEN_SUB = {
    ("Y3-AS-02", 1): (3, 3, {0}),
    ("Y3-AS-02", 2): (3, 3, {1}),
    ("Y3-AS-02", 3): (3, 3, {2}),
    ("Y3-AS-02", 4): (3, 3, {2}),
    ("Y4-AS-01", 1): (4, 4, {0}),
    ("Y4-AS-01", 2): (4, 4, {1}),
    ("Y4-AS-01", 3): (4, 4, {2, 3}),
    ("Y4-AS-01", 4): (4, 4, {3}),
    ("Y5-AS-01", 1): (5, 4, {1}),
    ("Y5-AS-01", 2): (5, 5, {2}),
    ("Y5-AS-01", 3): (6, 5, {3}),
    ("Y5-AS-01", 4): (6, 5, {3}),
}


@pytest.mark.parametrize(("objective", "level"), sorted(WRITTEN_ADD))
def test_written_addition_has_the_level_s_digits_and_carries(objective, level):
    a_len, b_len, counts = WRITTEN_ADD[(objective, level)]
    for item in _items("ADD", objective, level):
        a, b = _operands(item)
        assert (len(str(a)), len(str(b))) == (a_len, b_len)
        assert carries(a, b) in counts
        assert item.prompt.startswith("□ =") == (level == 4)
        if carries(a, b) > 0:
            assert {"ADD_NO_CARRY", "ADD_CARRY_WRITTEN"} <= _labels(item)
        if a_len != b_len:
            assert "MISALIGNED" in _labels(item)


@pytest.mark.parametrize(("objective", "level"), sorted(WRITTEN_SUB))
def test_written_subtraction_has_the_level_s_digits_and_exchanges(objective, level):
    a_len, b_len, counts = WRITTEN_SUB[(objective, level)]
    for item in _items("SUB", objective, level):
        a, b = _operands(item)
        assert (len(str(a)), len(str(b))) == (a_len, b_len)
        assert exchanges(a, b) in counts
        if exchanges(a, b):
            assert {"SUB_SMALLER_FROM_LARGER", "SUB_EXCHANGE_NO_DECREMENT"} <= _labels(item)


@pytest.mark.parametrize("objective", ["Y3-AS-02", "Y4-AS-01", "Y5-AS-01"])
def test_level_4_subtraction_exchanges_across_zeros_and_shows_that_bug_on_its_own(objective):
    for item in _items("SUB", objective, 4):
        a, _ = _operands(item)
        assert "0" in str(a)[1:]
        across = _answer_of(item, "SUB_ACROSS_ZERO")
        assert across is not None and across != _answer_of(item, "SUB_EXCHANGE_NO_DECREMENT")


def _labels(item: items.Item) -> set[str]:
    return {label for labels in item.bugs.values() for label in labels}


def _answer_of(item: items.Item, label: str) -> str | None:
    return next((wrong for wrong, labels in item.bugs.items() if label in labels), None)


@pytest.mark.parametrize("code", ["ADD", "SUB"])
@pytest.mark.parametrize("objective", ["Y1-AS-01", "Y1-AS-03"])
@pytest.mark.parametrize("level", [1, 2, 3, 4])
def test_year_1_stays_within_20(code, objective, level):
    for item in _items(code, objective, level):
        a, b = _operands(item)
        assert max(a, b, a + b if code == "ADD" else a) <= 20


def test_year_1_zero_items_target_zero_and_only_there():
    for code in ("ADD", "SUB"):
        for level in (1, 2, 3, 4):
            for item in _items(code, "Y1-AS-03", level):
                has_zero = 0 in _operands(item) or (code == "SUB" and item.answer.value == "0")
                assert has_zero == (level == 1)


def test_year_2_mental_ranges():
    for item in _items("ADD", "Y2-AS-03", 1):  # 2-digit + tens
        a, b = _operands(item)
        assert 10 <= a <= 99 and b % 10 == 0 and a + b < 100
    for item in _items("ADD", "Y2-AS-03", 2):  # 2-digit + ones, crossing a ten
        a, b = _operands(item)
        assert b < 10 and (a + b) // 10 != a // 10 and a + b < 100
    for item in _items("ADD", "Y2-AS-03", 3):  # three one-digit numbers
        assert len(item.params["terms"]) == 3 and max(item.params["terms"]) < 10
    for item in _items("ADD", "Y2-AS-02", 4):  # derived fact: tens to 100
        a, b = _operands(item)
        assert a % 10 == b % 10 == 0 and a + b == 100
    for item in _items("SUB", "Y2-AS-03", 4):  # 80 − 34
        a, b = _operands(item)
        assert a % 10 == 0 and exchanges(a, b) == 1


def test_year_3_mental_crosses_a_hundred_at_levels_3_and_4():
    for code, sign in (("ADD", 1), ("SUB", -1)):
        for level, step in ((1, 100), (2, 1), (3, 10), (4, 1)):
            for item in _items(code, "Y3-AS-01", level):
                a, b = _operands(item)
                assert len(str(a)) == 3 and b % step == 0 and b < 10 * step
                crossed = (a + sign * b) // 100 != a // 100
                assert crossed == (level >= 3) or step == 100


def test_large_mental_items_use_round_numbers():
    for code in ("ADD", "SUB"):
        for item in _items(code, "Y5-AS-02", 3):
            assert all(n % 1000 == 0 for n in _operands(item))
        for item in _items(code, "Y5-AS-02", 4):
            assert _operands(item)[1] == 9999 and "OFF_BY_ONE" in _labels(item)
        for item in _items(code, "Y6-CALC-04", 3):
            assert len(item.params["terms"]) == 3 and "ONE_STEP_ONLY" in _labels(item)


# --- BONDS and MISSING-AS ------------------------------------------------------------------------


def test_bonds_totals():
    assert {int(i.params["total"]) for i in _items("BONDS", "Y1-AS-02", 1)} == {10}
    assert {int(i.params["total"]) for i in _items("BONDS", "Y1-AS-02", 3)} == {20}
    assert {int(i.params["total"]) for i in _items("BONDS", "Y2-AS-02", 3)} == {100}
    for item in _items("BONDS", "Y2-AS-02", 3):
        assert item.params["given"] % 10 == 0 and "DIGIT_NOT_VALUE" in _labels(item)
    for item in _items("BONDS", "Y1-AS-02", 1):
        assert item.bugs[str(item.params["given"] + 10)] == ("MISSING_OPERATE_ON_GIVEN",)


@pytest.mark.parametrize("objective", EXPECTED["MISSING-AS"])
def test_missing_number_box_moves_with_the_level(objective):
    limit = {"Y1": 20, "Y2": 100, "Y3": 1000}[objective[:2]]
    for level, pattern in ((1, r"^\S+ \+ □ ="), (2, r"^□ \+"), (3, r"^□ −"), (4, r"= □")):
        for item in _items("MISSING-AS", objective, level):
            assert re.search(pattern, item.prompt), item.prompt
            numbers = [int(n) for n in re.findall(r"\d+", item.prompt.replace(",", ""))]
            assert max(numbers) < limit


def test_missing_number_greater_depth_forms():
    for item in _items("MISSING-AS", "Y1-AS-04", 4):  # 7 = □ − 9
        assert re.fullmatch(r"\d+ = □ − \d+", item.prompt)
        assert "MISSING_OPERATE_ON_GIVEN" in _labels(item)
    for item in _items("MISSING-AS", "Y3-AS-04", 4):  # a + b = □ + d
        assert re.fullmatch(r"\d+ \+ \d+ = □ \+ \d+", item.prompt)
        a, b = _operands(item)
        assert item.bugs[str(a + b)] == ("EQUALS_AS_ANSWER_NEXT",)


# --- INVERSE-CHECK, PROPERTY-TF -------------------------------------------------------------------


@pytest.mark.parametrize("objective", EXPECTED["INVERSE-CHECK"])
def test_inverse_check(objective):
    digits = {"Y2": 2, "Y3": 3, "Y4": 4}[objective[:2]]
    for item in _items("INVERSE-CHECK", objective, 1):
        a, b = _operands(item)
        assert item.answer.value == str(a) and len(str(a + b)) <= digits + 1
    for level, target, sign in ((2, "a", "−"), (3, "c", "+"), (4, "b", "−")):
        for item in _items("INVERSE-CHECK", objective, level):
            a, b = _operands(item)
            want = {"a": a, "b": b, "c": a + b}[target]
            working = [o for o in item.answer.options if _evaluate(o) == want]
            assert working == [item.answer.value], item.answer.options
            assert sign in item.answer.value
            assert len(item.answer.options) == 4
            assert _answer_of(item, "INVERSE_WRONG_PAIR") in item.answer.options


@pytest.mark.parametrize("objective", EXPECTED["PROPERTY-TF"])
def test_property_true_false(objective):
    symbols = ("+", "−") if objective == "Y2-AS-04" else ("×", "÷")
    for item in _items("PROPERTY-TF", objective, 1):
        assert item.answer.value == "True" and symbols[0] in item.prompt
    for item in _items("PROPERTY-TF", objective, 2):
        assert item.answer.value == "False" and symbols[1] in item.prompt
        assert item.bugs == {"True": ("COMMUTE_SUB_DIV",)}
    for item in _items("PROPERTY-TF", objective, 3):
        true = [o for o in item.answer.options if _holds(o, "")]
        assert true == [item.answer.value]
        assert "COMMUTE_SUB_DIV" in _labels(item)
    for item in _items("PROPERTY-TF", objective, 4):
        shown = item.prompt.removeprefix("Which calculation has the same answer as ").rstrip("?")
        same = [o for o in item.answer.options if _evaluate(o) == _evaluate(shown)]
        assert same == [item.answer.value]
        assert symbols[1] in shown and "COMMUTE_SUB_DIV" in _labels(item)


# --- ESTIMATE -------------------------------------------------------------------------------------


@pytest.mark.parametrize("objective", EXPECTED["ESTIMATE"])
@pytest.mark.parametrize("level", [1, 2, 3, 4])
def test_estimates(objective, level):
    stem, op, *_, a_unit, b_unit = addsub._ESTIMATE_PLANS[(int(objective[1]), level)]
    calc = {"+": operator.add, "-": operator.sub, "×": operator.mul}[op]
    for item in _items("ESTIMATE", objective, level):
        a, b = _operands(item)
        exact = calc(a, b)
        rounded = calc(addsub._round(a, a_unit), addsub._round(b, b_unit))
        if stem == "round":
            assert item.answer.value == str(rounded)
            assert "ROUND_TRUNCATE" in _labels(item)
            continue
        values = {o: int(o.replace(",", "")) for o in item.answer.options}
        assert len(values) == 4
        if stem == "best":
            assert values[item.answer.value] == rounded
            closest = min(values, key=lambda o: abs(values[o] - exact))
            assert closest == item.answer.value
            assert {"ROUND_TRUNCATE", "ESTIMATE_MAGNITUDE"} <= _labels(item)
        else:
            assert values[item.answer.value] == exact
            others = [v for o, v in values.items() if o != item.answer.value]
            assert all(abs(v - exact) * 10 >= exact * 3 for v in others)


def test_estimates_grow_with_the_year():
    biggest = {}
    for objective in EXPECTED["ESTIMATE"]:
        item = items.generate("ESTIMATE", objective, 1, 0)
        biggest[objective] = max(_operands(item))
    assert biggest["Y3-AS-03"] < 100 < biggest["Y4-AS-02"] < 10_000 < biggest["Y5-AS-03"]
    assert biggest["Y6-CALC-09"] >= 1_000_000


# --- WORD-AS ----------------------------------------------------------------------------------


def _numbers_in(text: str) -> list[int]:
    """Whole numbers printed in a prompt (amounts in pounds and pence left out)."""
    found = re.findall(r"\d[\d,]*(?:\.\d\d)?", text)
    return [int(n.replace(",", "")) for n in found if "." not in n]


@pytest.mark.parametrize("objective", ["Y1-AS-04", "Y2-AS-01", "Y3-AS-04"])
@pytest.mark.parametrize("level", [1, 2, 3, 4])
def test_one_step_word_problems(objective, level):
    limit = {"Y1": 20, "Y2": 100, "Y3": 1000}[objective[:2]]
    for item in _items("WORD-AS", objective, level):
        p = item.params
        expected = p["b"] + (p["c"] if p["kind"] == "start" else p["a"])
        if p["kind"] in ("sub", "diff"):
            expected = p["a"] - p["b"]
        assert item.answer.value == str(expected)
        assert max(expected, *_numbers_in(item.prompt)) < limit
        assert "OP_SWAP" in _labels(item)
        assert item.answer.kind == ("money" if item.answer.unit in ("p", "£") else "integer")
    kinds = {item.params["kind"] for item in _items("WORD-AS", objective, level)}
    assert kinds == {{1: "add", 2: "sub", 3: "diff", 4: "start"}[level]}


@pytest.mark.parametrize("objective", ["Y4-AS-03", "Y5-AS-04", "Y6-CALC-07"])
@pytest.mark.parametrize("level", [1, 2, 3, 4])
def test_multi_step_word_problems_record_the_one_step_answer(objective, level):
    for item in _items("WORD-AS", objective, level):
        assert item.params["steps"] >= 2
        assert "ONE_STEP_ONLY" in _labels(item)
        assert int(item.answer.value) > 0
        amounts = re.findall(r"£?\d[\d,]*(?:\.\d\d)?", item.prompt)
        assert len(amounts) >= 3
        if objective != "Y4-AS-03" and item.answer.unit != "£":
            assert max(_numbers_in(item.prompt)) >= 10_000


def test_word_problem_answers_worked_out():
    for item in _items("WORD-AS", "Y4-AS-03", 1):
        p = item.params
        assert item.answer.value == str(p["a"] - p["b"] - p["c"])
    for item in _items("WORD-AS", "Y5-AS-04", 3):
        p = item.params
        assert item.answer.value == str(p["seats"] - p["home"] - p["away"] - p["late"])
    for item in _items("WORD-AS", "Y6-CALC-07", 3):
        p = item.params
        assert (item.answer.kind, item.answer.unit) == ("money", "£")
        assert item.answer.value == str(p["savings"] - p["coat"] - p["boots"])
    for item in _items("WORD-AS", "Y5-MD-10", 3):
        p = item.params
        assert item.answer.value == str(p["note"] - p["tickets"] * p["price"])
    for item in _items("WORD-AS", "Y5-MD-10", 4):
        p = item.params
        assert item.answer.value == str(p["bags"] * p["size"] - p["more"])
        assert item.bugs[str(p["bags"] * p["size"])] == ("EQUALS_AS_ANSWER_NEXT",)
    for item in _items("WORD-AS", "Y2-NPV-06", 1):
        p = item.params
        assert item.answer.value == str(10 * p["tens"] + p["ones"])


def test_word_problems_name_different_people_and_vary_their_context():
    prompts = [item.prompt for item in _items("WORD-AS", "Y2-AS-01", 2, range(60))]
    openings = {p.split(" ")[1] for p in prompts}
    assert len(set(prompts)) == 60 and len(openings) >= 3


# --- ORDER-OPS ------------------------------------------------------------------------------------


@pytest.mark.parametrize("level", [1, 2, 3, 4])
def test_order_of_operations_bug_works_left_to_right(level):
    for item in _items("ORDER-OPS", "Y6-CALC-06", level):
        expression = item.prompt.removesuffix(" = □")
        assert item.bugs[str(_left_to_right(expression))][0] == "LEFT_TO_RIGHT"
        assert ("²" in expression) == (level == 4)


# --- every template, any seed ---------------------------------------------------------------------


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(TEMPLATES), st.integers(0, 10**9))
def test_any_seed_makes_a_sound_item(template, seed):
    code, objective, level = template
    item = items.generate(code, objective, level, seed)
    assert "-" not in item.prompt.replace("T-shirts", ""), "minus is printed as U+2212"
    assert item.answer.value not in item.bugs
    if item.answer.kind == "choice":
        assert item.answer.value in item.answer.options
        assert len(set(item.answer.options)) == len(item.answer.options) >= 2
        assert all(wrong in item.answer.options for wrong in item.bugs)
    else:
        assert int(item.answer.value) >= 0
        assert all(int(wrong) >= 0 for wrong in item.bugs)
    if code in SENTENCE_FAMILIES:
        assert _holds(item.prompt, item.answer.value)
