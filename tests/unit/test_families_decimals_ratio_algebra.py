"""Decimals, percentages, ratio and algebra families: right answers recomputed from the
parameters, the difficulty drivers of each level, and each misconception on a worked example."""

from __future__ import annotations

import itertools
import re
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prof123.assess import items, marking
from prof123.assess.families import decimals_ratio_algebra as dra

items.families_for("")  # registers every family

OBJECTIVES = {
    "DEC-PLACE-VALUE": ("Y4-FR-02", "Y4-FR-07", "Y5-FR-07", "Y6-FR-07"),
    "DEC-ROUND": ("Y4-FR-08", "Y5-FR-08", "Y6-FR-10"),
    "DEC-COMPARE": ("Y4-FR-09", "Y5-FR-09"),
    "DEC-ADD-SUB": ("Y4-FR-09", "Y4-FR-10", "Y5-FR-09", "Y5-FR-10"),
    "DEC-MUL": ("Y6-FR-08",),
    "DEC-DIV": ("Y6-FR-06", "Y6-FR-09", "Y6-FR-10"),
    "PERCENT-OF": ("Y5-FR-12", "Y6-RP-02"),
    "RATIO-SCALE": ("Y5-MD-11", "Y6-RP-01", "Y6-RP-03"),
    "UNEQUAL-SHARE": ("Y6-RP-04",),
    "FORMULA": ("Y6-AL-01",),
    "LIN-SEQ": ("Y6-AL-02",),
    "EQUATION": ("Y6-AL-03",),
    "TWO-UNKNOWNS": ("Y6-AL-04", "Y6-AL-05"),
}
TEMPLATES = [
    (code, objective, level)
    for code, objectives in OBJECTIVES.items()
    for objective in objectives
    for level in (1, 2, 3, 4)
]
SEEDS = range(50)


def sample(code: str, objective: str, level: int) -> list[items.Item]:
    return [items.generate(code, objective, level, seed) for seed in SEEDS]


def dec(text: str) -> Decimal:
    return Decimal(text)


def places(value: Decimal | str) -> int:
    return dra._places(Decimal(value))


def numbers_in(prompt: str) -> list[Decimal]:
    """The numbers printed in a prompt, in order (commas and true minus signs understood)."""
    found = re.findall(r"−?\d[\d,]*(?:\.\d+)?", prompt)
    return [Decimal(n.replace(",", "").replace("−", "-")) for n in found]


def typed_right_answer(item: items.Item) -> str:
    answer = item.answer
    if answer.kind == "money":
        pence = int(answer.value)
        return f"{pence // 100}.{pence % 100:02d}" if answer.unit == "£" else str(pence)
    return answer.value


# --- registration -------------------------------------------------------------------------------


def test_each_family_registers_exactly_its_objectives_at_four_levels():
    for code, objectives in OBJECTIVES.items():
        registered = items.FAMILIES[code]
        assert registered.objectives == objectives
        assert registered.levels == (1, 2, 3, 4)
        assert registered.draw.__module__ == dra.__name__
    mine = {f.code for f in items.FAMILIES.values() if f.draw.__module__ == dra.__name__}
    assert mine == set(OBJECTIVES)


# --- misconception helpers on the worked examples of question-design §5 and §6.2 ----------------


@pytest.mark.parametrize(
    ("a", "b", "subtract", "expected"),
    [
        ("3.005", "6.12", False, "3.617"),  # §6.2
        ("4.3", "5", False, "4.8"),
        ("125.48", "72.3", True, "118.25"),
        ("3.4", "1.75", True, None),  # the columns would go below zero
    ],
)
def test_right_aligned(a, b, subtract, expected):
    result = dra._right_aligned(dec(a), dec(b), subtract)
    assert (result if result is None else str(result.normalize())) == expected


def test_right_aligned_total_lines_up_last_digits():
    assert dra._right_aligned_total([dec("1.25"), dec("0.375"), dec("2.4")]) == dec("0.524")


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [("4", "1.15", "3.15"), ("5.42", "2.18", "3.36"), ("52", "27", "35"), ("20", "1.24", "21.24")],
)
def test_smaller_from_larger(a, b, expected):
    assert dra._smaller_from_larger(dec(a), dec(b)) == dec(expected)


def test_whole_minus_ignore_keeps_the_decimal_part():
    assert dra._whole_minus_ignore(4, dec("1.15")) == dec("3.15")  # §5 DEC-ADD-SUB
    assert dra._whole_minus_ignore(10, dec("3.46")) == dec("7.46")


@pytest.mark.parametrize(("top", "bottom", "count"), [(542, 218, 1), (400, 163, 2), (987, 123, 0)])
def test_exchanges(top, bottom, count):
    assert dra._exchanges(top, bottom) == count


def test_rounding_helpers():
    assert dra._round_bridge(dec("9.95"), 1) == dec("9.10")  # §5 DEC-ROUND: 9.95 → 9.10
    assert dra._round_bridge(dec("19.7"), 0) == dec("110")
    assert dra._round_bridge(dec("3.47"), 1) is None  # no 9 to bridge
    assert dra._round_bridge(dec("9.94"), 1) is None  # rounds down
    assert dra._round_half_down(dec("7.5"), 0) == dec("7")
    assert dra._round_half_down(dec("3.45"), 1) == dec("3.4")
    assert dra._round_half_down(dec("7.6"), 0) is None
    assert dra._round(Fraction(47, 6), 1) == dec("7.8")
    assert dra._round(dec("2.5"), 0) == dec("3")  # halves go up


def test_remainder_as_decimal_and_zero_dropped():
    assert dra._remainder_as_decimal(43, 5) == dec("8.3")
    assert dra._remainder_as_decimal(7, 4) == dec("1.3")
    assert dra._zero_dropped(dec("150.75")) == dec("15.75")
    assert dra._zero_dropped(dec("103")) == dec("13")  # §6.2: 618 ÷ 6 → 13
    assert dra._zero_dropped(dec("125.5")) is None


def test_concat_variable():
    assert dra._concat(2, 22) == 222  # §6.2: n = 22, 2n → 222


def test_length_rules_for_comparing_decimals():
    values = [dec("0.78"), dec("0.607"), dec("0.6"), dec("0.098")]
    assert max(values, key=dra._longer_key) == dec("0.607")  # 607 > 98 > 78 > 6
    assert max(values, key=dra._shorter_key) == dec("0.6")
    assert dra._symbol(dec("0.45"), dec("0.5"), dra._longer_key) == ">"  # §6.2
    assert dra._symbol(dec("0.3"), dec("0.35"), dra._shorter_key) == ">"
    assert dra._symbol(dec("3.2"), dec("2.8"), dra._decimal_part_key) == "<"


def test_display_helpers():
    assert dra._fixed(dec("0.5"), 2) == "0.50"
    assert dra._fixed(dec("1234.5"), 2) == "1,234.50"
    assert dra._pounds(345) == "£3.45"
    assert dra._pounds(500) == "£5"
    assert dra._signed(-6) == "−6"
    assert [dra._ordinal(n) for n in (1, 2, 3, 11, 12, 13, 21, 22, 100)] == [
        "1st",
        "2nd",
        "3rd",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
        "100th",
    ]
    assert dra._pence_text(Fraction(25, 6)) is None
    assert dra._pence_text(dec("4.1")) == "410"
    assert dra._int_text(Fraction(9, 2)) is None


# --- hand-checked items ---------------------------------------------------------------------------


def test_hand_checked_items():
    item = items.generate("DEC-ADD-SUB", "Y5-FR-09", 2, 0)
    assert item.prompt == "12.26 + 17.528 = □"
    assert item.answer.value == "29.788"
    assert item.bugs == {"18.754": ("DEC_RIGHT_ALIGNED",)}  # 1226 + 17528, three places

    item = items.generate("DEC-MUL", "Y6-FR-08", 3, 1)
    assert item.prompt == "7.46 × 4 = □"
    assert item.answer.value == "29.84"
    assert item.bugs == {"2984": ("DEC_POINT_LOST",), "2.984": ("DEC_POINT_MISPLACED",)}

    item = items.generate("DEC-ROUND", "Y5-FR-08", 4, 0)
    assert item.prompt == "Round 9.96 to one decimal place."
    assert item.answer.value == "10"
    assert item.bugs == {"9.9": ("ROUND_TRUNCATE",), "9.1": ("DEC_ROUND_BRIDGE",)}

    item = items.generate("PERCENT-OF", "Y5-FR-12", 2, 0)
    assert item.prompt == "20% of 140 = □"
    assert item.answer.value == "28"
    assert item.bugs == {
        "7": ("PCT_DIVIDE_BY_P",),
        "120": ("PCT_SUBTRACT_P",),
        "14": ("PCT_TEN_ONLY",),
    }

    item = items.generate("FORMULA", "Y6-AL-01", 3, 1)
    assert item.prompt == "a = 30. What is 4a + 12?"
    assert item.answer.value == "132"
    assert item.bugs == {"442": ("CONCAT_VARIABLE",)}

    item = items.generate("UNEQUAL-SHARE", "Y6-RP-04", 3, 0)
    assert item.prompt.startswith("Maya and Nia share 72 sweets. For every 3 sweets Maya gets")
    assert item.answer.value == "27"  # 72 ÷ 8 = 9 in each part; Maya has 3 parts
    assert item.bugs == {"24": ("SHARE_BY_ONE_PART",), "45": ("GAVE_OTHER_SHARE",)}


# --- each family: the right answer from the parameters, and the drivers of each level ------------


@pytest.mark.parametrize("objective", OBJECTIVES["DEC-PLACE-VALUE"])
@pytest.mark.parametrize("level", [1, 2, 3, 4])
def test_place_value(objective, level):
    for item in sample("DEC-PLACE-VALUE", objective, level):
        p, value = item.params, item.answer.value
        if "place" in p:  # the value of a digit
            decimals = p["number"].partition(".")[2]
            assert decimals[p["place"] - 1] == str(p["digit"])
            assert dec(value) == Decimal(p["digit"]).scaleb(-p["place"])
            assert item.bugs[str(p["digit"])][0] == "DIGIT_NOT_VALUE"
            expected_places = {"Y5-FR-07": (2, 3), "Y6-FR-07": (2, 3)}[objective][level - 1]
            assert places(p["number"]) == expected_places
        elif "start" in p:  # one hundredth more or less
            step = Decimal("0.01") if p["up"] else Decimal("-0.01")
            assert dec(value) == dec(p["start"]) + step
            crosses_a_tenth = int(dec(value) * 10) != int(dec(p["start"]) * 10)
            assert crosses_a_tenth == (level == 4)
        elif objective == "Y4-FR-07" and level == 3:
            tens, ones = divmod(p["number"], 10)
            assert item.answer.value == ("tenths" if p["digit"] == tens else "hundredths")
            assert item.bugs["tenths" if p["digit"] == ones else "ones"] == ("POWER_WRONG",)
        elif objective == "Y4-FR-07":
            number, divisor = p["number"], p["divisor"]
            if level == 4:
                assert item.prompt == f"□ ÷ 100 = {dra.number_text(Decimal(number) / 100)}"
                assert dec(value) == number
            else:
                assert dec(value) == Decimal(number) / divisor
                assert number < 10 if level == 1 else 10 < number < 100
        elif "parts" in p:  # 5 + 0.3 + 0.008 with a zero place holder
            assert dec(value) == sum(dec(part) for part in p["parts"])
            assert "0" in value.partition(".")[2]
        elif objective in ("Y4-FR-02", "Y5-FR-07") and level in (2, 3) and "÷" not in item.prompt:
            per = 100 if objective == "Y4-FR-02" else 1000
            assert Decimal(int(value)) == dec(p["number"]) * per
        elif objective == "Y4-FR-02":
            assert dec(value) == dec(p["number"]) / 10
        else:  # × or ÷ 10, 100, 1000 (level 3) or the unknown first (level 4)
            power, multiply = p["power"], p["multiply"]
            if level == 3:
                number = dec(p["number"])
                assert dec(value) == (number * power if multiply else number / power)
            else:
                result = dec(p["result"])
                assert dec(value) == (result / power if multiply else result * power)
                assert item.prompt.startswith("□")
            assert places(value) <= 3


@pytest.mark.parametrize("objective", OBJECTIVES["DEC-ROUND"])
@pytest.mark.parametrize("level", [1, 2, 3, 4])
def test_rounding(objective, level):
    for item in sample("DEC-ROUND", objective, level):
        p, value = item.params, item.answer.value
        if objective == "Y6-FR-10" and level >= 3:
            if p["money"]:
                if level == 3:
                    exact = Fraction(p["total"] * 100, p["people"])
                else:
                    exact = Fraction(p["total"] * 100 * p["wanted"], p["count"])
                assert int(value) == int(dra._round(exact, 0))
                assert exact.denominator != 1  # the rounding matters
            else:
                step = 1 if level == 3 else 2
                if level == 3:
                    exact = Fraction(p["total"], p["people"])
                else:
                    exact = Fraction(p["total"] * p["wanted"], p["count"])
                assert dec(value) == dra._round(exact, step)
                assert (exact * 10**step).denominator != 1
            continue
        number = dec(p["value"])
        target = p.get("places", 0)
        assert dec(value) == number.quantize(Decimal(1).scaleb(-target), ROUND_HALF_UP)
        if objective == "Y4-FR-08":
            assert places(number) == 1 and target == 0
            tenths = int(str(number)[-1])
            if level >= 3:
                assert tenths >= 5
            if level == 4:  # bridging a ten: 19.7 → 20
                assert int(value) % 10 == 0 and "ROUND_TRUNCATE" in sum(item.bugs.values(), ())
        elif objective == "Y5-FR-08":
            assert places(number) == 2
            assert target == (0 if level == 1 else 1)
            if level == 4:  # 9.95 → 10.0
                assert "DEC_ROUND_BRIDGE" in sum(item.bugs.values(), ())
        else:
            assert places(number) == (2 if level == 1 else 3)
            assert item.answer.unit in ("kg", "m", "l", "s")


@pytest.mark.parametrize("objective", OBJECTIVES["DEC-COMPARE"])
@pytest.mark.parametrize("level", [1, 2, 3, 4])
def test_compare(objective, level):
    for item in sample("DEC-COMPARE", objective, level):
        answer, p = item.answer, item.params
        if answer.kind == "choice" and "left" in p:
            left, right = dec(p["left"]), dec(p["right"])
            assert answer.value == ("<" if left < right else ">")
            same_length = places(left) == places(right)
            assert same_length == (objective == "Y4-FR-09")
        elif answer.kind == "choice":  # which is the largest / smallest
            values = [dec(v) for v in p["values"]]
            best = max(values) if p["largest"] else min(values)
            assert dec(answer.value) == best
            assert len({places(v) for v in values}) >= 3
            assert "LONGER_IS_LARGER" in sum(item.bugs.values(), ())
        else:
            shown = [dec(v) for v in answer.options]
            ordered = sorted(shown, reverse=p["largest_first"])
            assert [dec(v) for v in answer.value.split("|")] == ordered
            assert list(answer.options) != answer.value.split("|")  # not shown in order
            assert p["largest_first"] == (level == 4)
            lengths = {len(text.partition(".")[2]) for text in answer.options}
            assert (lengths == {2}) == (objective == "Y4-FR-09")
            assert "ORDER_REVERSED" in sum(item.bugs.values(), ())


@pytest.mark.parametrize("objective", OBJECTIVES["DEC-ADD-SUB"])
@pytest.mark.parametrize("level", [1, 2, 3, 4])
def test_add_and_subtract(objective, level):
    for item in sample("DEC-ADD-SUB", objective, level):
        p, answer = item.params, item.answer
        shown = numbers_in(item.prompt)
        if answer.kind == "money":
            pence = int(answer.value)
            if "note" in p:
                assert pence == p["note"] * 100 - sum(p["prices"])
            else:
                assert pence == sum(p["prices"])
            continue
        if "subtract" in p:  # a bare calculation
            a, b = dec(p["a"]), dec(p["b"])
            assert shown == [a, b]
            assert dec(answer.value) == (a - b if p["subtract"] else a + b)
            if objective == "Y4-FR-09":
                assert max(places(a), places(b)) <= 2
                if level == 2:
                    assert dra._exchanges(int(a * 100), int(b * 100)) == 1
                if level >= 3:
                    assert a == int(a) and places(b) >= 1  # whole − decimal
            else:
                assert places(a) != places(b)  # unequal numbers of places
                assert max(places(a), places(b)) == (2 if level == 1 else 3 if level != 3 else 2)
        elif "amounts" in p:
            assert dec(answer.value) == sum(dec(v) for v in p["amounts"])
        elif "cuts" in p:
            assert dec(answer.value) == p["whole"] - sum(dec(v) for v in p["cuts"])
        else:
            assert dec(answer.value) == dec(p["a"]) - dec(p["b"])
        assert answer.unit in ("", "m", "kg", "l", "km")


@pytest.mark.parametrize("level", [1, 2, 3, 4])
def test_multiply_decimals(level):
    for item in sample("DEC-MUL", "Y6-FR-08", level):
        number, whole = dec(item.params["number"]), item.params["whole"]
        assert dec(item.answer.value) == number * whole
        assert number < 10  # a one-digit number with up to two places
        assert places(number) == (1 if level < 3 else 2 if level == 3 else places(number))
        assert (number < 1) == (level == 1)
        assert (whole >= 12) == (level == 4)
        assert item.answer.marks == (2 if level == 4 else 1)
        assert set(sum(item.bugs.values(), ())) == {"DEC_POINT_LOST", "DEC_POINT_MISPLACED"}


@pytest.mark.parametrize("objective", OBJECTIVES["DEC-DIV"])
@pytest.mark.parametrize("level", [1, 2, 3, 4])
def test_divide_to_decimals(objective, level):
    for item in sample("DEC-DIV", objective, level):
        p, value = item.params, item.answer.value
        if objective == "Y6-FR-06":
            exact = p["wholes"] + Fraction(p["numerator"], p["denominator"])
            assert Fraction(dec(value)) == exact
            assert (p["wholes"] > 0) == (level == 4)
        elif objective == "Y6-FR-09":
            exact = Fraction(p["dividend"], p["divisor"])
            assert Fraction(dec(value)) == exact
            assert 1 <= places(value) <= 2
            assert len(str(p["dividend"])) == {1: 2, 2: 2, 3: 3, 4: 4}[level]
            if level == 4:
                assert "0" in value.partition(".")[0][1:]  # a zero inside the quotient
        elif level == 4:
            exact = Fraction(p["total"], p["size"])
            expected = int(exact) + 1 if p["round_up"] else int(exact)
            assert int(value) == expected and exact.denominator != 1
            assert "REMAINDER_CONTEXT" in sum(item.bugs.values(), ())
        else:
            exact = Fraction(p["dividend"], p["divisor"])
            assert dec(value) == dra._round(exact, level - 1)
            assert p["places"] == level - 1


@pytest.mark.parametrize("objective", OBJECTIVES["PERCENT-OF"])
@pytest.mark.parametrize("level", [1, 2, 3, 4])
def test_percent_of_amounts(objective, level):
    for item in sample("PERCENT-OF", objective, level):
        p, answer = item.params, item.answer
        assert answer.unit != "%" and answer.kind != "percent"  # an amount, never a percentage
        if level == 4 and objective == "Y5-FR-12":  # 25% of a number is 9
            assert Fraction(p["percent"] * int(answer.value), 100) == p["part"]
            continue
        if level == 4:  # which is more?
            (p1, a1), (p2, a2) = p["pairs"]
            larger = f"{p1}% of {a1}" if p1 * a1 > p2 * a2 else f"{p2}% of {a2}"
            assert answer.value == larger
            continue
        part = Fraction(p["percent"] * p["amount"], 100)
        if answer.kind == "money":
            assert int(answer.value) == part * 100
        else:
            assert Fraction(dec(answer.value)) == part
            assert part.denominator == 1 or (objective == "Y6-RP-02" and level == 3)
        allowed = (dra.Y5_PERCENTS if objective == "Y5-FR-12" else dra.Y6_PERCENTS)[level]
        assert p["percent"] in allowed


@pytest.mark.parametrize("objective", OBJECTIVES["RATIO-SCALE"])
@pytest.mark.parametrize("level", [1, 2, 3, 4])
def test_ratio_and_scaling(objective, level):
    for item in sample("RATIO-SCALE", objective, level):
        p, value = item.params, int(item.answer.value)
        if objective == "Y5-MD-11" and level == 1:
            expected = p["rate"] * p["count"]
        elif objective == "Y5-MD-11" and level == 2:
            expected = p["amount"] * p["factor"]
        elif objective == "Y5-MD-11" and level == 3:  # 3/4 as long
            expected = Fraction(p["length"] * p["numerator"], p["denominator"])
            assert item.bugs[str(p["length"] // p["denominator"])] == ("UNIT_ONLY",)
        elif objective == "Y5-MD-11":
            expected = p["each"] * p["wanted"]
            assert item.answer.unit == "p"
        elif objective == "Y6-RP-01":
            if level in (1, 2):
                ratio_asked = p["per"] if p["reverse"] else p["other"]
                expected = ratio_asked * p["groups"]
                assert (p["per"] == 1) == (level == 1)
            elif level == 3:
                expected = p["amount"] * p["wanted"] // p["people"]
                assert p["wanted"] % p["people"] and p["people"] % p["wanted"]
            else:
                expected = p["height"] * p["wanted"]
        elif level in (1, 2):
            expected = p["side"] * p["factor"]
        elif level == 3:
            expected = p["factor"]
        else:
            short, long_ = p["sides"]
            expected = Fraction(long_ * p["new_short"], short)
            assert Fraction(p["new_short"], short).denominator != 1  # a fractional scale factor
        assert value == expected
        if not (objective == "Y5-MD-11" and level in (1, 3)):
            assert "ADDITIVE_SCALING" in sum(item.bugs.values(), ())


@pytest.mark.parametrize("level", [1, 2, 3, 4])
def test_unequal_sharing(level):
    for item in sample("UNEQUAL-SHARE", "Y6-RP-04", level):
        p = item.params
        a, b = p["parts"]
        assert int(item.answer.value) == p["part"] * (a if p["ask_first"] else b)
        if level == 4:
            assert p["total"] == p["part"] * (b - a) and "more" in item.prompt
        else:
            assert p["total"] == p["part"] * (a + b)
        assert (a == 1) == (level <= 2)
        assert "GAVE_OTHER_SHARE" in sum(item.bugs.values(), ())
        assert ":" not in item.prompt  # no a:b notation


@pytest.mark.parametrize("level", [1, 2, 3, 4])
def test_formula(level):
    for item in sample("FORMULA", "Y6-AL-01", level):
        p = item.params
        if level <= 2:
            value = p["a"] * p["n"] + p["b"]
            scale = 100 if item.answer.kind == "money" else 1
            assert int(item.answer.value) == value * scale
            assert "×" in item.prompt
        elif level == 3:
            value = p["a"] * p["n"] + (-p["b"] if p["minus"] else p["b"])
            assert int(item.answer.value) == value
            assert "CONCAT_VARIABLE" in sum(item.bugs.values(), ())
        else:
            assert int(item.answer.value) == p["c"] * p["x"] + p["d"] * p["y"]


@pytest.mark.parametrize("level", [1, 2, 3, 4])
def test_linear_sequences(level):
    for item in sample("LIN-SEQ", "Y6-AL-02", level):
        p = item.params
        value = 0 if p.get("describe") else int(item.answer.value)
        if level <= 2:
            terms = p["terms"]
            steps = {b - a for a, b in itertools.pairwise(terms)}
            assert len(steps) == 1
            step = steps.pop()
            assert step < 0 and value == terms[-1] + step
            assert (value < 0) == (level == 2)  # level 2 goes through zero
            assert numbers_in(item.prompt) == [Decimal(t) for t in terms]
        elif level == 3:
            assert value == p["first"] + p["step"]
            assert item.prompt.count("□") == p["gaps"] - 1
        elif p["describe"]:  # the chosen rule gives the four numbers shown
            a, sign, b = re.fullmatch(r"(\d+)n (\+|−) (\d+)", item.answer.value).groups()
            offset = int(b) if sign == "+" else -int(b)
            shown = [int(a) * n + offset for n in range(1, 5)]
            assert numbers_in(item.prompt) == [Decimal(t) for t in shown]
            assert item.bugs == {f"n + {p['step']}": ("RULE_AS_STEP",)}
        else:
            assert value == p["first"] + (p["position"] - 1) * p["step"]


@pytest.mark.parametrize("level", [1, 2, 3, 4])
def test_equations(level):
    for item in sample("EQUATION", "Y6-AL-03", level):
        p = item.params
        if level == 1:
            x = int(item.answer.value)
            assert (x + p["b"] if p["add"] else x - p["b"]) == p["c"]
        elif level == 2:
            assert p["a"] * int(item.answer.value) == p["c"]
        elif level == 3:
            x = int(item.answer.value)
            assert (p["a"] * x + p["b"] if p["add"] else p["a"] * x - p["b"]) == p["c"]
            assert "INVERSE_ORDER" in sum(item.bugs.values(), ())
        else:
            sign = "+" if p["add"] else "−"
            assert item.answer.value == f"{p['a']}n {sign} {p['b']} = {p['c']}"
            assert len(item.answer.options) == 4


@pytest.mark.parametrize("objective", OBJECTIVES["TWO-UNKNOWNS"])
@pytest.mark.parametrize("level", [1, 2, 3, 4])
def test_two_unknowns(objective, level):
    for item in sample("TWO-UNKNOWNS", objective, level):
        p, answer = item.params, item.answer
        if objective == "Y6-AL-05" and level <= 2:
            assert int(answer.value) == p["a"] * p["b"]
            assert item.bugs[str(p["a"] + p["b"])] == ("CORRESPONDENCE_ADD",)
        elif objective == "Y6-AL-05":  # every x, checked by substitution and completeness
            xs = [int(x) for x in answer.value.split(",")]
            cx, cy, total = p.get("cx", 1), p.get("cy", 1), p["total"]
            rests = {x: total - cx * x for x in range(1, total)}
            fitting = [
                x
                for x, rest in rests.items()
                if rest > 0 and rest % cy == 0 and (level == 4 or x > rest)
            ]
            assert xs == fitting
        elif level in (1, 2):
            c = p.get("c", 1)
            assert c * p["a"] + int(answer.value) == p["total"]
        elif level == 3:
            pairs = [re.findall(r"\d+", option) for option in answer.options]
            fitting = [
                o
                for o, (a, b) in zip(answer.options, pairs, strict=True)
                if p["c"] * int(a) + int(b) == p["total"]
            ]
            assert fitting == [answer.value]  # exactly one option makes it true
        else:
            pq = int(answer.value)
            q = p["product"] // pq
            assert pq * q == p["product"] and pq + q == p["total"] and pq > q


# --- every template, any seed -----------------------------------------------------------

CANONICAL = {
    "decimal": lambda v: items.canon_decimal(Decimal(v)),
    "integer": lambda v: items.canon_integer(int(v)),
    "money": lambda v: items.canon_money(int(v)),
    "set": lambda v: items.canon_set(int(x) for x in v.split(",")),
}


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(TEMPLATES), st.integers(0, 10**9))
def test_any_seed_makes_a_sound_markable_item(template, seed):
    code, objective, level = template
    item = items.generate(code, objective, level, seed)
    answer = item.answer
    assert items.generate(code, objective, level, seed) == item
    # canonical spellings, for the answer and every bug answer
    if answer.kind in CANONICAL:
        spell = CANONICAL[answer.kind]
        assert spell(answer.value) == answer.value
        for wrong in item.bugs:
            assert spell(wrong) == wrong
    elif answer.kind == "choice":
        assert answer.value in answer.options
        assert set(item.bugs) <= set(answer.options)
        assert len(set(answer.options)) == len(answer.options)
    else:
        assert answer.kind == "order"
        for arrangement in [answer.value, *item.bugs]:
            assert sorted(arrangement.split("|")) == sorted(answer.options)
    assert answer.value not in item.bugs
    # printed as on KS2 papers: true minus signs, thousands commas, no exponents or reprs
    prompt = item.prompt
    assert not re.search(r"(?<![\w])-\d", prompt), prompt
    assert not re.search(r"(?<![\d.,])\d{4,}", prompt), prompt
    assert not re.search(r"\d[eE][+-]?\d|Decimal|Fraction|None", prompt), prompt
    # the marking module reads the right answer as right
    result = marking.mark_item(item, typed_right_answer(item))
    assert result.is_correct, (item.template_id, seed, result)
