"""The fraction, decimal-equivalent and percentage question families (fractions.py)."""

from __future__ import annotations

import itertools
import math
import random
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prof123.assess import items
from prof123.assess.families import fractions as fr

items.families_for("")  # registers every family

EXPECTED_OBJECTIVES = {
    "FRAC-OF-AMOUNT": "Y1-FR-01 Y1-FR-02 Y2-FR-01 Y2-FR-02 Y3-FR-01 Y3-FR-02 Y3-FR-07 Y4-FR-03 "
    "Y5-FR-05",
    "FRAC-EQUIV": "Y2-FR-03 Y3-FR-04 Y4-FR-01 Y5-FR-02 Y6-FR-01",
    "FRAC-COMPARE": "Y3-FR-03 Y3-FR-06 Y3-FR-07 Y5-FR-01 Y6-FR-02",
    "FRAC-ADD-SUB": "Y3-FR-05 Y3-FR-07 Y4-FR-04 Y5-FR-04 Y6-FR-03",
    "FRAC-MIXED": "Y5-FR-03",
    "FRAC-MUL": "Y5-FR-05 Y6-FR-04",
    "FRAC-DIV": "Y6-FR-05",
    "FRAC-COUNT": "Y3-FR-01 Y3-FR-03 Y4-FR-02",
    "FDP-CONVERT": "Y4-FR-05 Y4-FR-06 Y5-FR-06 Y5-FR-07 Y5-FR-11 Y5-FR-12 Y6-FR-06 Y6-FR-11",
}
TEMPLATES = [
    (code, objective, level)
    for code in sorted(EXPECTED_OBJECTIVES)
    for objective in EXPECTED_OBJECTIVES[code].split()
    for level in items.LEVELS
]
SEEDS = range(30)
CALCULATIONS = ("FRAC-ADD-SUB", "FRAC-MUL", "FRAC-DIV")


def make(code: str, objective: str, level: int, seed: int) -> items.Item:
    return items.generate(code, objective, level, seed)


def sample(code: str, objective: str, level: int, seeds=SEEDS) -> list[items.Item]:
    return [make(code, objective, level, seed) for seed in seeds]


def value_of(text: str) -> Fraction:
    """A number as the families print it: 1,087 / 0.75 / 3/4 / 2 1/3 / 45%."""
    text = text.strip().replace(",", "")
    if text.endswith("%"):
        return Fraction(Decimal(text[:-1])) / 100
    if " " in text:
        whole, part = text.split(" ")
        return int(whole) + value_of(part)
    if "/" in text:
        n, d = text.split("/")
        return Fraction(int(n), int(d))
    return Fraction(Decimal(text))


def parts(text: str) -> tuple[int, int]:
    n, d = text.split(" ")[-1].split("/")
    return int(n), int(d)


def sym(a: Fraction, b: Fraction) -> str:
    return "<" if a < b else ">" if a > b else "="


# --- the right answer, recomputed from the parameters --------------------------------------------


def expected(item: items.Item) -> str:
    """One branch per template shape."""
    p, code = item.params, item.family
    canon = items.canon_fraction
    if code == "FRAC-OF-AMOUNT":
        n, d = p["numerator"], p["denominator"]
        if "part" in p:
            assert p["part"] * d % n == 0
            return canon(Fraction(p["part"] * d, n))
        if p["context"] == "denominator":
            assert n == 1 and p["amount"] % d == 0
            return canon(d)
        if p["context"] == "divide by 10":
            return canon(Fraction(n, 10))
        if p["context"] == "left":
            return canon(p["amount"] - Fraction(n * p["amount"], d))
        return canon(Fraction(n * p["amount"], d))
    if code == "FRAC-EQUIV":
        if "terms" in p:
            terms = p["terms"]
            assert len({Fraction(*t) for t in terms}) == 1
            index, part = p["hidden"]
            return str(terms[index][0 if part == "n" else 1])
        if "common_factor" in p:
            top, bottom = p["fraction"]
            return canon(Fraction(top, bottom))
        if "fractions" in p:  # Y2: 1/2 against 2/4
            return next(o for o in item.answer.options if o.startswith("They"))
        wanted = value_of(p["fraction"])
        return next(o for o in item.answer.options if value_of(o) == wanted)
    if code == "FRAC-COMPARE":
        values = [value_of(t) for t in p["fractions"]]
        if item.answer.kind == "order":
            ranked = sorted(zip(values, p["fractions"], strict=True), reverse=p["largest_first"])
            return items.canon_order(t for _, t in ranked)
        if "names" in p:
            best = max(values) if p["most"] else min(values)
            if values.count(best) > 1:
                return next(o for o in item.answer.options if o.startswith("They"))
            return p["names"][values.index(best)]
        return sym(values[0], values[1])
    if code == "FRAC-ADD-SUB":
        values = [value_of(t) for t in p["operands"]]
        result = {
            "+": lambda: sum(values, Fraction(0)),
            "-": lambda: values[0] - values[1],
            "left": lambda: 1 - sum(values, Fraction(0)),
            "missing addend": lambda: values[1] - values[0],
            "missing minuend": lambda: values[1] + values[0],
        }[p["op"]]()
        return canon(result)
    if code == "FRAC-MIXED":
        if p["to"] == "numerator":
            _, d = parts(p["fraction"])
            return str(value_of(p["fraction"]) * d)
        if "operands" in p:
            return canon(sum((value_of(t) for t in p["operands"]), Fraction(0)))
        return canon(value_of(p["fraction"]))
    if code in ("FRAC-MUL", "FRAC-DIV"):
        x, y = (value_of(t) for t in p["operands"])
        return canon({"×": x * y, "÷": x / y, "missing factor": y / x}[p["op"]])
    if code == "FRAC-COUNT":
        counts, d = p["counts"], p["denominator"]
        steps = {b - a for a, b in itertools.pairwise(counts)}
        assert len(steps) == 1, "a count goes up or down in equal steps"
        if d == 100:
            return items.canon_decimal(Fraction(counts[-1], 100))
        return canon(Fraction(counts[p["box"]], d))
    assert code == "FDP-CONVERT"
    if item.answer.kind == "choice":
        if "names" in p:
            a, b = (value_of(t) for t in p["numbers"])
            if a == b:
                return next(o for o in item.answer.options if o.startswith("They"))
            return p["names"][0] if a > b else p["names"][1]
        if "largest" in p:
            pick = max if p["largest"] else min
            return pick(p["numbers"], key=value_of)
        wanted = value_of(p["number"])
        return next(o for o in item.answer.options if value_of(o) == wanted)
    if "parts" in p:
        number = sum((value_of(t) for t in p["parts"]), Fraction(0))
    elif "operands" in p:
        number = Fraction(*p["operands"])
    else:
        number = value_of(p["number"]) + (value_of(p["plus"]) if "plus" in p else 0)
    if p["to"] == "decimal":
        return items.canon_decimal(number)
    if p["to"] == "percent":
        return items.canon_percent(number * 100)
    if p["to"] == "thousandths":
        return str(number * 1000)
    return canon(number)


# --- registration ------------------------------------------------------------------------------


def test_each_family_registers_exactly_its_objectives_with_four_levels():
    for code, objectives in EXPECTED_OBJECTIVES.items():
        registered = items.FAMILIES[code]
        assert registered.objectives == tuple(objectives.split())
        assert registered.levels == (1, 2, 3, 4)
        assert registered.draw.__module__ == fr.__name__


@pytest.mark.parametrize(("code", "objective", "level"), TEMPLATES)
def test_the_right_answer_follows_from_the_parameters(code, objective, level):
    for item in sample(code, objective, level):
        assert item.answer.value == expected(item), (item.prompt, item.params)


# --- hand-picked items ------------------------------------------------------------------------


def test_hand_picked_items():
    item = make("FRAC-ADD-SUB", "Y3-FR-05", 1, 1)
    assert item.prompt == "3/5 + 1/5 = □"
    assert item.answer.value == "4/5"
    assert item.bugs == {"2/5": ("FRAC_DOUBLE_DENOM",)}
    item = make("FRAC-OF-AMOUNT", "Y2-FR-01", 3, 1)
    assert item.prompt == "3/4 of 20 = □"
    assert item.answer.value == "15"
    assert item.bugs["5"] == ("UNIT_ONLY",)
    item = make("FDP-CONVERT", "Y6-FR-06", 2, 1)
    assert item.prompt == "Write 1/8 as a decimal."
    assert (item.answer.kind, item.answer.value) == ("decimal", "0.125")
    item = make("FRAC-COMPARE", "Y3-FR-06", 2, 2)
    assert item.prompt == "Write <, > or = in the box. 1/10 □ 1/3"
    assert item.answer.value == "<"
    assert item.bugs[">"] == ("BIGGER_DENOM_BIGGER",)


def test_pinned_fractions_are_lowest_terms_and_bugs_canonical():
    for code, objective, level in TEMPLATES:
        for item in sample(code, objective, level, range(10)):
            kind = item.answer.kind
            if kind == "fraction":
                assert items.canon_fraction(Fraction(item.answer.value)) == item.answer.value
            for wrong in item.bugs:
                if kind == "fraction":
                    assert items.canon_fraction(Fraction(wrong)) == wrong
                elif kind in ("decimal", "percent"):
                    assert items.canon_decimal(Decimal(wrong)) == wrong
                elif kind == "integer":
                    assert str(int(wrong)) == wrong and int(wrong) > 0
                elif kind == "choice":
                    assert wrong in item.answer.options
                elif kind == "order":
                    assert sorted(wrong.split("|")) == sorted(item.answer.options)


# --- the misconceptions, on the examples of question-design §6.2 ---------------------------------


def test_fraction_addition_bugs():
    half, third, quarter = fr._Mixed(0, 1, 2), fr._Mixed(0, 1, 3), fr._Mixed(0, 1, 4)
    assert fr._addsub_bugs(half, third, "+")["FRAC_ADD_DENOMS"] == "2/5"
    assert fr._addsub_bugs(half, quarter, "+")["FRAC_NUM_NOT_SCALED"] == "1/2"  # 2/4
    sevenths = fr._addsub_bugs(fr._Mixed(0, 2, 7), fr._Mixed(0, 3, 7), "+")
    assert sevenths == {"FRAC_DOUBLE_DENOM": "5/14"}
    mixed = fr._addsub_bugs(fr._Mixed(3, 1, 4), fr._Mixed(1, 2, 3), "-")
    assert mixed["SUB_SMALLER_FROM_LARGER"] == "29/12"  # 2 5/12
    assert mixed["OP_SWAP"] == "59/12"
    assert (
        fr._addsub_bugs(fr._Mixed(1, 4, 5), fr._Mixed(0, 3, 10), "+")["MIXED_WHOLE_IGNORED"]
        == "11/10"
    )


def test_comparison_bugs():
    draft = fr._compare(random_rng(), fr._shown(1, 8), fr._shown(1, 4))
    assert draft.answer.value == "<"
    assert draft.bugs["NUMERATOR_ONLY"] == "="
    assert draft.bugs["BIGGER_DENOM_BIGGER"] == ">"  # 1/8 > 1/4
    draft = fr._compare(random_rng(), fr._shown(3, 4), fr._shown(5, 8))
    assert draft.answer.value == ">"
    assert draft.bugs["NUMERATOR_ONLY"] == "<"
    assert draft.bugs["BIGGER_DENOM_BIGGER"] == "<"
    order = fr._order(random_rng(), [fr._shown(1, d) for d in (3, 8, 5)], largest_first=False)
    assert order.answer.value == "1/8|1/5|1/3"
    assert order.bugs["ORDER_REVERSED"] == order.bugs["BIGGER_DENOM_BIGGER"] == "1/3|1/5|1/8"


def test_equivalence_bugs():
    draft = fr._equiv_missing(((1, 2), (4, 8)), 1, "n", 0)
    assert draft.prompt == "1/2 = □/8"
    assert draft.answer.value == "4"
    assert draft.bugs == {"EQUIV_ADDITIVE": "7", "EQUIV_ONE_PART": "1"}
    simplified = fr._simplify(2, 5, 3)
    assert simplified.prompt == "Write 6/15 in its simplest form."
    assert (simplified.answer.value, simplified.answer.form) == ("2/5", "simplest")
    # NOT_SIMPLEST cannot be a bug answer: "6/15" is stored as "2/5", the right answer; the
    # marker flags it from form="simplest".
    assert "2/5" not in simplified.bugs


def test_fraction_of_amount_bugs():
    draft = fr._of_amount(3, 4, 20, "3/4 of 20 = □")
    assert draft.answer.value == "15"
    assert draft.bugs["UNIT_ONLY"] == "5"
    reverse = fr._of_amount_reverse(3, 4, 12, "3/4 of □ = 12")
    assert reverse.answer.value == "16"
    assert reverse.bugs == {
        "MISSING_OPERATE_ON_GIVEN": "9",
        "UNIT_ONLY": "48",
        "DIV_BY_NUMERATOR": "4",
    }
    half = fr._of_amount(1, 2, 10, "1/2 of 10 = □")
    assert half.bugs == {"MULT_BY_DENOMINATOR": "20"}


def test_mixed_multiply_and_divide_bugs():
    assert fr._mixed_bugs(1, 3, 4)["MIXED_ADD_PARTS"] == "1"  # 4/4
    assert fr._mixed_bugs(2, 3, 4)["MIXED_WHOLE_TIMES_NUMERATOR"] == "5/2"  # 10/4
    times = fr._times_whole(fr._Mixed(0, 3, 8), 4)
    assert times.answer.value == "3/2"
    assert times.bugs["MULT_BOTH_PARTS"] == "3/8"  # 12/32
    assert fr._times_whole(fr._Mixed(2, 1, 3), 2).bugs["MULT_BOTH_PARTS"] == "13/3"  # 4 1/3
    divided = fr._divide(1, 3, 2)
    assert divided.answer.value == "1/6"
    assert divided.bugs == {"DIV_MULTIPLIED_NUMERATOR": "2/3"}
    assert fr._divide(1, 6, 2).bugs == {
        "DIV_MULTIPLIED_NUMERATOR": "1/3",
        "DIV_WRONG_PART": "1/3",
    }


def test_decimal_and_percent_bugs():
    assert fr._digits_decimal_bug(3, 8) == "3.8"
    assert fr._unit_fraction_bug(Fraction(7, 10)) == "1/7"
    assert fr._power_fraction_bug(Fraction(7, 10)) == "7/100"
    assert fr._quarter_bugs(0, 1, 4)["QUARTER_AS_0_4"] == "0.4"
    assert fr._quarter_bugs(0, 3, 4)["QUARTER_AS_0_4"] == "1.2"
    assert fr._percent_to_decimal(Fraction(5)).bugs == {"PERCENT_POINT_SHIFT": "0.5"}
    assert fr._decimal_to_percent(Fraction(6, 10)).bugs == {"PERCENT_POINT_SHIFT": "6"}
    assert fr._fraction_to_percent(Fraction(7, 25)).bugs == {"EQUIV_ADDITIVE": "82"}
    assert fr._decimal_fraction(7, 100).bugs["POWER_WRONG"] == "0.7"


def test_counting_in_hundredths_bugs():
    for item in sample("FRAC-COUNT", "Y4-FR-02", 3) + sample("FRAC-COUNT", "Y4-FR-02", 4):
        before = item.params["counts"][-2]
        assert before % 10 == 9
        assert item.bugs[items.canon_decimal(Fraction(before - 8, 100))] == ("DECIMAL_COUNT_0_10",)
        assert item.bugs[items.canon_decimal(Fraction(before + 10, 100))] == ("PV_WRONG_COLUMN",)
    item = next(i for i in sample("FRAC-COUNT", "Y4-FR-02", 4) if i.params["counts"][-2] == 99)
    assert item.answer.value == "1"
    assert "0.91" in item.bugs  # 0.99 -> "0.910"


def random_rng() -> random.Random:
    return random.Random("fractions-test")


# --- difficulty drivers by year and level -------------------------------------------------------


def test_fraction_of_amount_ranges_by_year():
    limits = {"Y1-FR-01": 20, "Y1-FR-02": 20, "Y2-FR-01": 24, "Y2-FR-02": 24, "Y3-FR-02": 60}
    for objective, top in limits.items():
        for level in items.LEVELS:
            for item in sample("FRAC-OF-AMOUNT", objective, level):
                whole = item.params.get("amount") or int(item.answer.value)
                assert whole <= top
    for item in sample("FRAC-OF-AMOUNT", "Y1-FR-01", 2):
        assert item.params["denominator"] == 2
    for item in sample("FRAC-OF-AMOUNT", "Y2-FR-01", 3):
        assert (item.params["numerator"], item.params["denominator"]) in ((2, 4), (3, 4))
    for level in (3, 4):
        for item in sample("FRAC-OF-AMOUNT", "Y3-FR-02", level):
            assert item.params["numerator"] > 1
    for level in items.LEVELS:
        for item in sample("FRAC-OF-AMOUNT", "Y4-FR-03", level):
            assert item.params["denominator"] <= 12
            assert int(item.answer.value) <= 144
    for objective in ("Y1-FR-01", "Y3-FR-07", "Y4-FR-03", "Y5-FR-05"):
        assert all("part" in i.params for i in sample("FRAC-OF-AMOUNT", objective, 4))
    y5_l3 = sample("FRAC-OF-AMOUNT", "Y5-FR-05", 3)
    assert all(i.answer.kind == "fraction" and "/" in i.answer.value for i in y5_l3)


def test_tenths_as_a_fraction_do_not_accept_a_decimal():
    for level in (3, 4):
        for item in sample("FRAC-OF-AMOUNT", "Y3-FR-01", level):
            assert item.answer.kind == "fraction"
            assert item.answer.accept_decimal is False


def test_equivalence_drivers():
    for level in items.LEVELS:
        for item in sample("FRAC-EQUIV", "Y3-FR-04", level):
            assert max(d for _, d in item.params["terms"]) <= 12
    for item in sample("FRAC-EQUIV", "Y5-FR-02", 1):
        assert [d for _, d in item.params["terms"]] == [10, 100]
    for level in (1, 2, 4):
        for item in sample("FRAC-EQUIV", "Y6-FR-01", level):
            assert item.answer.form == "simplest"
            assert item.answer.accept_decimal is False
            factor = item.params["common_factor"]
            assert factor == 2 if level == 1 else (3 <= factor <= 6 if level == 2 else factor >= 6)
    for item in sample("FRAC-EQUIV", "Y4-FR-01", 4):
        assert item.params["hidden"][0] == 0  # unknown in the first term
    for item in sample("FRAC-EQUIV", "Y6-FR-01", 3):
        (_, b1), (_, common) = item.params["terms"]
        assert common % b1 == 0 and "common denominator" in item.prompt


def test_comparison_drivers():
    for item in sample("FRAC-COMPARE", "Y3-FR-06", 1):
        assert len({parts(t)[1] for t in item.params["fractions"]}) == 1
    for level in (2, 3):
        for item in sample("FRAC-COMPARE", "Y3-FR-06", level):
            assert all(parts(t)[0] == 1 for t in item.params["fractions"])
    for level in (1, 2, 3):
        for item in sample("FRAC-COMPARE", "Y5-FR-01", level):
            denominators = sorted(parts(t)[1] for t in item.params["fractions"])
            assert all(d % denominators[0] == 0 for d in denominators)
    for item in sample("FRAC-COMPARE", "Y5-FR-01", 4):
        denominators = [parts(t)[1] for t in item.params["fractions"]]
        assert math.gcd(*denominators) > 1
    for level in (2, 3, 4):
        for item in sample("FRAC-COMPARE", "Y6-FR-02", level):
            assert max(value_of(t) for t in item.params["fractions"]) > 1
    for level in (3, 4):
        kinds = {i.answer.kind for i in sample("FRAC-COMPARE", "Y6-FR-02", level)}
        assert kinds == {"order"}


def test_add_subtract_drivers():
    for level in (1, 2, 3):
        for item in sample("FRAC-ADD-SUB", "Y3-FR-05", level):
            assert len({parts(t)[1] for t in item.params["operands"]}) == 1
            assert value_of(item.answer.value) < 1
    for item in sample("FRAC-ADD-SUB", "Y4-FR-04", 2):
        assert value_of(item.answer.value) > 1
    for level in (2, 3):
        for item in sample("FRAC-ADD-SUB", "Y5-FR-04", level):
            b, d = sorted(parts(t)[1] for t in item.params["operands"])
            assert b != d and d % b == 0
    for item in sample("FRAC-ADD-SUB", "Y6-FR-03", 2):
        b, d = (parts(t)[1] for t in item.params["operands"])
        assert b % d and d % b
    for objective in ("Y5-FR-04", "Y6-FR-03"):
        for item in sample("FRAC-ADD-SUB", objective, 4):
            assert any(" " in t for t in item.params["operands"])
    for item in sample("FRAC-ADD-SUB", "Y6-FR-03", 4):
        assert all(" " in t for t in item.params["operands"])
    for level in items.LEVELS:
        for item in sample("FRAC-ADD-SUB", "Y4-FR-04", level):
            assert item.answer.form == "any" and item.answer.accept_decimal


def test_mixed_number_forms():
    forms = {
        level: {i.answer.form for i in sample("FRAC-MIXED", "Y5-FR-03", level)}
        for level in items.LEVELS
    }
    assert forms[1] == {"mixed"}
    assert forms[2] == {"improper"}
    assert forms[3] == {"mixed"}
    assert forms[4] <= {"mixed", "any"}
    for level in (1, 2, 3):
        for item in sample("FRAC-MIXED", "Y5-FR-03", level):
            assert item.answer.accept_decimal is False
            assert value_of(item.answer.value) > 1


def test_multiply_and_divide_drivers():
    for item in sample("FRAC-MUL", "Y5-FR-05", 4):
        assert " " in item.params["operands"][0]  # a mixed number × a whole number
    for level in (1, 2, 3):
        for item in sample("FRAC-MUL", "Y6-FR-04", level):
            assert all(0 < value_of(t) < 1 for t in item.params["operands"])
    for item in sample("FRAC-MUL", "Y6-FR-04", 3):
        top = math.prod(parts(t)[0] for t in item.params["operands"])
        bottom = math.prod(parts(t)[1] for t in item.params["operands"])
        assert math.gcd(top, bottom) > 1  # the product simplifies
    for level, divides in ((2, True), (3, False), (4, False)):
        for item in sample("FRAC-DIV", "Y6-FR-05", level):
            n, _ = parts(item.params["operands"][0])
            assert (n % int(item.params["operands"][1]) == 0) is divides
    for item in sample("FRAC-DIV", "Y6-FR-05", 1):
        assert parts(item.params["operands"][0])[0] == 1


def test_counting_drivers():
    for item in sample("FRAC-COUNT", "Y3-FR-01", 3):
        counts = item.params["counts"]
        assert min(counts) < 10 < max(counts)  # counts on past one whole
    for item in sample("FRAC-COUNT", "Y3-FR-01", 4):
        assert item.params["box"] == 0
    for objective in ("Y3-FR-01", "Y3-FR-03"):
        for level in items.LEVELS:
            for item in sample("FRAC-COUNT", objective, level):
                assert item.answer.kind == "fraction"
                assert item.answer.accept_decimal is False
    for level in (1, 2):
        for item in sample("FRAC-COUNT", "Y4-FR-02", level):
            counts = item.params["counts"]
            assert len({c // 10 for c in counts}) == 1  # no tenth crossed
    for item in sample("FRAC-COUNT", "Y4-FR-02", 4):
        assert item.params["counts"][-1] % 100 == 0  # a whole number reached


def test_conversions_answer_in_the_requested_form():
    kinds = {
        ("Y4-FR-05", 1): "decimal",
        ("Y4-FR-05", 3): "fraction",
        ("Y4-FR-06", 2): "decimal",
        ("Y4-FR-06", 3): "fraction",
        ("Y5-FR-06", 1): "fraction",
        ("Y5-FR-07", 1): "decimal",
        ("Y5-FR-07", 4): "integer",
        ("Y5-FR-11", 1): "fraction",
        ("Y5-FR-11", 2): "decimal",
        ("Y5-FR-11", 3): "percent",
        ("Y5-FR-12", 2): "percent",
        ("Y6-FR-06", 3): "decimal",
        ("Y6-FR-11", 1): "percent",
        ("Y6-FR-11", 4): "choice",
    }
    for (objective, level), kind in kinds.items():
        for item in sample("FDP-CONVERT", objective, level):
            assert item.answer.kind == kind
            if kind == "fraction":
                assert item.answer.accept_decimal is False
            if kind == "percent":
                assert item.answer.unit == "%"
    for objective in ("Y5-FR-06", "Y6-FR-06"):
        for item in sample("FDP-CONVERT", objective, 4):
            assert item.answer.form == "simplest"
    for item in sample("FDP-CONVERT", "Y5-FR-07", 1):
        assert item.prompt.endswith("/1000 as a decimal.")


# --- over many seeds ---------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(TEMPLATES), st.integers(0, 10**9))
def test_any_seed_makes_a_sound_item(template, seed):
    code, objective, level = template
    item = make(code, objective, level, seed)
    assert item == make(code, objective, level, seed)
    assert item.answer.value == expected(item)
    assert item.answer.value not in item.bugs
    assert item.prompt.strip() == item.prompt and "  " not in item.prompt
    if item.answer.kind == "fraction":
        assert Fraction(item.answer.value) > 0
        # exact decimals count only for calculations, not where the fraction form is the point
        calculation = code in CALCULATIONS or item.params.get("context") == "times"
        assert item.answer.accept_decimal is calculation
