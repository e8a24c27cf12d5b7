"""Measurement, geometry and statistics question families: registration, bug helpers, answers
recomputed from the parameters, the difficulty drivers per level, and a property test."""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prof123.assess import items
from prof123.assess.curriculum import catalogue
from prof123.assess.families import measures_geometry_stats as mgs

EXPECTED = {
    "MEASURES": "Y1-ME-01 Y2-ME-02 Y3-ME-01 Y4-FR-10 Y4-ME-04 Y5-FR-10 Y5-ME-07 Y6-ME-01",
    "MONEY": "Y1-ME-03 Y2-ME-03 Y2-ME-04 Y2-ME-05 Y3-ME-03 Y4-FR-10 Y4-ME-04 Y5-ME-07",
    "TIME-FORMAT": "Y3-ME-04 Y3-ME-05 Y4-ME-05",
    "TIME-FACTS": "Y1-ME-04 Y1-ME-05 Y2-ME-08 Y3-ME-05 Y3-ME-06 Y4-ME-06 Y5-ME-06",
    "DURATION": "Y2-ME-06 Y3-ME-05 Y3-ME-07 Y5-ME-06 Y5-ST-02",
    "CONVERT-UNITS": (
        "Y4-ME-01 Y4-ME-06 Y5-ME-01 Y5-ME-02 Y5-ME-06 Y5-ME-07 Y6-ME-01 Y6-ME-02 Y6-ME-03"
    ),
    "UNIT-CHOICE": "Y2-ME-01 Y5-ME-05",
    "PERIM-AREA": "Y3-ME-02 Y4-ME-02 Y5-ME-04 Y5-GS-05 Y6-ME-04 Y6-ME-05 Y6-ME-06",
    "VOLUME": "Y5-ME-05 Y6-ME-05 Y6-ME-07",
    "SHAPE-PROPS": (
        "Y2-GS-01 Y2-GS-02 Y2-GS-03 Y2-GS-04 Y3-GS-04 Y4-GS-01 Y4-GS-03 Y5-GS-05 Y5-GS-06 Y6-GS-03"
    ),
    "ANGLE-FACTS": "Y1-GP-01 Y2-GP-02 Y3-GS-03 Y4-GS-02 Y5-GS-02 Y5-GS-04",
    "MISSING-ANGLE": "Y5-GS-04 Y6-GS-03 Y6-GS-05",
    "CIRCLE-PARTS": "Y6-GS-04",
    "COORDINATES": "Y4-GP-02 Y4-GP-03 Y5-GP-01 Y6-GP-01 Y6-GP-02",
    "PATTERN": "Y2-GP-01",
    "TABLE-DATA": "Y2-ST-01 Y2-ST-02 Y2-ST-03 Y3-ST-01 Y3-ST-02 Y4-ST-02 Y5-ST-02",
    "MEAN": "Y6-ST-02",
}
# question-design.md §5 (measurement, geometry, statistics) and §6.2 labels
DESIGN_LABELS = frozenset(
    re.findall(
        r"\w+",
        """ADD_FOR_MULT ADD_NO_CARRY ADDITIVE_SCALING ACUTE_OBTUSE_SWAP AREA_PERIM_SWAP CHANGE_ADDED
    CLOCKWISE_REVERSED CONVERSION_DIRECTION CONVERSION_FACTOR CUBE_AS_TRIPLE DAYS_IN_MONTH
    DEC_POINT_LOST DEC_POINT_MISPLACED DEC_RIGHT_ALIGNED DIFF_AS_SUM HOUR_AS_100_MIN
    ISOSCELES_WRONG_PAIR MEAN_AS_MIDDLE MEAN_NO_DIVIDE MEAN_WRONG_COUNT MIDNIGHT_NOON OP_SWAP
    ORDER_REVERSED PATTERN_RESTART PENCE_POUND_CONFUSION PERIM_TWO_SIDES PM_ADD_10
    RADIUS_DIAMETER_SWAP READ_WRONG_ROW REFLECT_WRONG_AXIS REFLEX_AS_OBTUSE ROUND_TRUNCATE
    SIGN_ERROR SLANT_AS_HEIGHT SQUARE_AS_DOUBLE SUBTRACTED_ONE_ONLY SUB_SMALLER_FROM_LARGER
    SYMBOL_REVERSED TIME_BASE_10 TO_PAST_SWAP TRANSLATE_DIRECTION TRIANGLE_NO_HALF UNIT_IGNORED
    UNIT_ONLY UNIT_SCALE VERTEX_EDGE_SWAP VOLUME_ADD_DIMS VOLUME_TWO_DIMS WRONG_TOTAL
    X10_APPEND_ZERO XY_SWAP ZERO_PLACEHOLDER""",
    )
)
TEMPLATES = [
    (code, objective, level)
    for code, objectives in sorted(EXPECTED.items())
    for objective in objectives.split()
    for level in (1, 2, 3, 4)
]
SEEDS = range(25)


def _items(code: str, objective: str, level: int, seeds=SEEDS) -> list[items.Item]:
    return [items.generate(code, objective, level, seed) for seed in seeds]


def _numbers(text: str) -> list[Decimal]:
    return [Decimal(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text)]


# --- registration -----------------------------------------------------------------------------


def test_each_family_registers_exactly_its_objectives_at_all_four_levels():
    items.families_for("")
    for code, objectives in EXPECTED.items():
        registered = items.FAMILIES[code]
        assert registered.objectives == tuple(objectives.split()), code
        assert registered.levels == (1, 2, 3, 4)
        assert registered.draw.__module__ == mgs.__name__


def test_registered_objectives_match_the_catalogue():
    for code, objectives in EXPECTED.items():
        listed = {o.code for o in catalogue().objectives if code in o.families}
        assert listed == set(objectives.split()), code


def test_every_bug_label_is_a_design_label_or_a_documented_new_one():
    assert not set(mgs.NEW_BUG_LABELS) & DESIGN_LABELS
    for template in TEMPLATES:
        for item in _items(*template, seeds=range(10)):
            for labels in item.bugs.values():
                for label in labels:
                    assert label in DESIGN_LABELS | set(mgs.NEW_BUG_LABELS), (template, label)


# --- bug helpers, on the examples in question-design.md ----------------------------------------


def test_column_bug_helpers():
    assert mgs._sub_smaller_from_larger(52, 27) == 35
    assert mgs._sub_smaller_from_larger(500, 345) == 245
    assert mgs._add_no_carry(48, 37) == 75
    assert mgs._add_no_carry(265, 180, 99) == 334
    assert mgs._right_aligned_sum(Decimal("3.005"), Decimal("6.12")) == Decimal("3.617")


def test_time_bug_helpers():
    assert mgs._pm_add_10(15, 0) == "13:00"  # 3 pm -> 13:00
    assert mgs._to_past_swap(15, 40) == "16:20"  # twenty to four -> 4:20
    assert mgs._base_10_gap(10 * 60 + 50, 11 * 60 + 25) == 75  # 10:50 to 11:25
    assert mgs._clock_words(15, 40) == "twenty to four in the afternoon"
    assert mgs._clock_words(8, 15) == "quarter past eight in the morning"
    assert mgs._twelve_hour(0, 15) == "12:15 am"


def test_money_and_text_helpers():
    assert mgs._money_text(45) == "45p"
    assert mgs._money_text(320) == "£3.20"
    assert mgs._money_text(700, "whole") == "£7"
    assert mgs._money_text(45, "£") == "£0.45"
    assert mgs._pounds_typed_as_pence(320) == "32000"  # "320" typed in a £ box
    assert mgs._fewest_coins(45) == 3
    assert mgs._fewest_coins(87) == 5
    assert mgs._tally(12) == "||||| ||||| ||"
    assert mgs._a("octagon") == "an octagon"
    assert mgs._a("11 cm") == "an 11 cm"
    assert mgs._a("square") == "a square"
    assert mgs._plural(1, "days") == "1 day"


def test_mean_bugs():
    bugs = mgs._mean_bugs([2, 3, 10])
    assert bugs == {"MEAN_NO_DIVIDE": "15", "MEAN_WRONG_COUNT": "7.5", "MEAN_AS_MIDDLE": "3"}


# --- answers recomputed from parameters and tables ---------------------------------------------


def test_measure_and_money_answers():
    for item in _items("MEASURES", "Y3-ME-01", 2):
        a, b = item.params["a"], item.params["b"]
        assert item.answer.value == str(a - b)
        assert item.bugs[str(a + b)] == ("OP_SWAP",)
    for item in _items("MONEY", "Y2-ME-05", 3):
        cost = item.params["cost"]
        assert (item.answer.kind, item.answer.unit) == ("money", "p")
        assert item.answer.value == str(100 - cost)
        assert "CHANGE_ADDED" in item.bugs[str(100 + cost)]
    for item in _items("MONEY", "Y3-ME-03", 3):
        assert item.answer.unit == "£"
        assert item.answer.value == str(item.params["note"] - item.params["cost"])
    for item in _items("MEASURES", "Y5-ME-07", 3):
        p = item.params
        assert Fraction(item.answer.value) == Fraction(p["amount"] * p["second"], p["first"])


def test_time_answers():
    for item in _items("TIME-FORMAT", "Y3-ME-04", 1):
        hour = item.params["hour"]
        assert item.answer.value == f"{hour:02d}:00" and item.answer.form == "24h"
        assert item.bugs[f"{hour - 2:02d}:00"] == ("PM_ADD_10",)
    for item in _items("TIME-FORMAT", "Y3-ME-04", 3):
        assert item.answer.form == "12h"
    for item in _items("DURATION", "Y3-ME-07", 3):
        assert (item.answer.kind, item.answer.unit) == ("integer", "minutes")
        assert int(item.answer.value) == item.params["end"] - item.params["start"]
    for item in _items("TIME-FACTS", "Y3-ME-06", 2):
        days = mgs._DAYS_IN_MONTH[item.params["month"]]
        assert item.answer.value == str(days)
        assert item.bugs[str(61 - days)] == ("DAYS_IN_MONTH",)


def test_timetable_answers_come_from_the_table():
    for item in _items("DURATION", "Y5-ST-02", 2):
        header, *rows = item.table
        bus = header.index(re.search(r"Bus [A-D]", item.prompt).group())
        start, end = (
            next(r[bus] for r in rows if f"from {r[0]} " in item.prompt),
            next(r[bus] for r in rows if f"to {r[0]}?" in item.prompt),
        )
        minutes = [int(t[:2]) * 60 + int(t[3:]) for t in (start, end)]
        assert int(item.answer.value) == minutes[1] - minutes[0]
        assert any("TIME_BASE_10" in labels for labels in item.bugs.values())


def test_table_answers_come_from_the_table():
    for item in _items("TABLE-DATA", "Y2-ST-03", 2):
        counts = {row[0]: int(row[1]) for row in item.table[1:]}
        first, second = re.search(r"chose (\w+) than (\w+)\?", item.prompt).groups()
        assert int(item.answer.value) == counts[first] - counts[second] > 0
        assert item.bugs[str(counts[first] + counts[second])] == ("DIFF_AS_SUM",)
    for item in _items("TABLE-DATA", "Y2-ST-01", 1):
        name = re.search(r"chose (\w+)\?", item.prompt).group(1)
        tally = dict(item.table[1:])[name]
        assert int(item.answer.value) == tally.count("|")
    for item in _items("TABLE-DATA", "Y5-ST-02", 1):
        body, total = item.table[1:-1], item.table[-1]
        known = sum(int(r[1].replace(",", "")) for r in body if r[1] != "?")
        assert int(item.answer.value) == int(total[1].replace(",", "")) - known


def test_geometry_answers():
    for item in _items("PERIM-AREA", "Y5-ME-04", 1):
        length, width = item.params["length"], item.params["width"]
        assert item.answer.value == str(length * width) and item.answer.unit.endswith("²")
        assert "AREA_PERIM_SWAP" in item.bugs[str(2 * (length + width))]  # never equal
    for item in _items("VOLUME", "Y6-ME-07", 1):
        p = item.params
        assert item.answer.value == str(p["a"] * p["b"] * p["c"])
    for item in _items("MISSING-ANGLE", "Y6-GS-03", 1):
        assert item.answer.value == str(180 - sum(item.params["known"]))
        assert "WRONG_TOTAL" in item.bugs[str(360 - sum(item.params["known"]))]
    for item in _items("CIRCLE-PARTS", "Y6-GS-04", 1):
        assert item.answer.value == str(2 * item.params["radius"])
    for item in _items("PERIM-AREA", "Y4-ME-02", 4):
        length, width = item.params["length"], item.params["width"]
        assert item.answer.value == str(2 * (length + width))
        assert "PERIM_CUT_SUBTRACTED" in next(iter(item.bugs.values()))


def test_coordinate_answers():
    for item in _items("COORDINATES", "Y4-GP-02", 2):
        (x, y), (dx, dy) = item.params["start"], item.params["move"]
        assert item.answer.kind == "coordinate"
        assert item.answer.value == f"({x + dx}, {y + dy})"
        assert "XY_SWAP" in item.bugs[f"({y + dy}, {x + dx})"]
    for item in _items("COORDINATES", "Y6-GP-02", 1):
        x, y = item.params["point"]
        assert item.answer.value == f"({-x}, {y})"
        assert item.bugs[f"({x}, {-y})"] == ("REFLECT_WRONG_AXIS",)
    for item in _items("COORDINATES", "Y4-GP-03", 4):
        shown = [tuple(int(n) for n in p) for p in re.findall(r"\((\d+), (\d+)\)", item.prompt)]
        missing = tuple(int(n) for n in item.answer.value.strip("()").split(", "))
        corners = [*shown, missing]
        centre = (sum(c[0] for c in corners) / 4, sum(c[1] for c in corners) / 4)
        distances = {(c[0] - centre[0]) ** 2 + (c[1] - centre[1]) ** 2 for c in corners}
        assert len(distances) == 1, item.prompt  # the four corners are on one circle


def test_statistics_answers():
    for item in _items("MEAN", "Y6-ST-02", 3):
        values = item.params["values"]
        assert Fraction(item.answer.value) == Fraction(sum(values), len(values))
        assert item.bugs[str(sum(values))] == ("MEAN_NO_DIVIDE",)
    for item in _items("MEAN", "Y6-ST-02", 4):
        p = item.params
        count = len(p["known"]) + 1
        assert int(item.answer.value) == p["mean"] * count - sum(p["known"])


def test_choice_and_order_items_are_right():
    for item in _items("ANGLE-FACTS", "Y5-GS-02", 3):
        assert item.answer.value == "reflex"
        assert item.bugs["obtuse"] == ("REFLEX_AS_OBTUSE",)
    for item in _items("ANGLE-FACTS", "Y2-GP-02", 1):
        start = item.params["start"]
        assert item.answer.value == mgs._COMPASS[(start + 1) % 4]
        assert item.bugs[mgs._COMPASS[(start - 1) % 4]] == ("CLOCKWISE_REVERSED",)
    for item in _items("MEASURES", "Y2-ME-02", 3):
        shown = [int(o.split()[0]) for o in item.answer.value.split("|")]
        assert shown == sorted(shown)
        assert "ORDER_REVERSED" in item.bugs["|".join(item.answer.value.split("|")[::-1])]
    for item in _items("CONVERT-UNITS", "Y6-ME-03", 4):
        miles, km = item.params["miles"], item.params["km"]
        assert km < miles * Fraction(8, 5) and item.answer.value == f"{miles} miles"


# --- difficulty drivers -----------------------------------------------------------------------


def test_money_levels_add_an_exchange():
    for level, carries in ((1, False), (2, True)):
        for item in _items("MONEY", "Y3-ME-03", level):
            pence = item.params["a"] % 100 + item.params["b"] % 100
            assert (pence >= 100) is carries


def test_duration_levels_cross_the_hour_and_sharpen_to_the_minute():
    for item in _items("DURATION", "Y3-ME-07", 1):
        assert item.params["start"] // 60 == item.params["end"] // 60
        assert item.params["start"] % 5 == 0 and not item.bugs
    for item in _items("DURATION", "Y3-ME-07", 2):
        assert item.params["start"] // 60 != item.params["end"] // 60
        assert item.params["start"] % 5 == 0
        assert "TIME_BASE_10" in next(iter(item.bugs.values()))
    assert any(item.params["start"] % 5 for item in _items("DURATION", "Y3-ME-07", 3))


def test_mean_levels():
    for level, count, whole in ((1, {3}, True), (2, {4, 5}, True), (3, {4, 5}, False)):
        for item in _items("MEAN", "Y6-ST-02", level):
            values = item.params["values"]
            assert len(values) in count
            assert (sum(values) % len(values) == 0) is whole
    assert all(item.answer.kind == "decimal" for item in _items("MEAN", "Y6-ST-02", 3))


def test_conversion_levels_add_decimal_places():
    for level, places in ((3, 1), (4, 2)):
        for item in _items("CONVERT-UNITS", "Y5-ME-01", level):
            assert len(item.answer.value.split(".")[1]) <= places
    for item in _items("CONVERT-UNITS", "Y6-ME-02", 3):
        assert item.answer.value.startswith("0.0")  # 35 ml = 0.035 l


def test_triangle_area_level_three_has_a_half():
    assert all(item.answer.value.endswith(".5") for item in _items("PERIM-AREA", "Y6-ME-06", 3))
    assert all("." not in item.answer.value for item in _items("PERIM-AREA", "Y6-ME-06", 2))


def test_coordinates_in_year_six_cross_the_axes():
    for item in _items("COORDINATES", "Y6-GP-01", 3):
        (x, y), (dx, dy) = item.params["start"], item.params["move"]
        assert (x + dx) * x < 0 or (y + dy) * y < 0


def test_pattern_items_can_show_a_restart():
    for level in (2, 3, 4):
        for item in _items("PATTERN", "Y2-GP-01", level):
            assert any("PATTERN_RESTART" in labels for labels in item.bugs.values())


def test_year_ranges_grow():
    def biggest(code, objective, level):
        texts = [
            " ".join([i.prompt, *(c for row in i.table for c in row)])
            for i in _items(code, objective, level)
        ]
        return max(max(_numbers(text), default=0) for text in texts)

    assert biggest("MEASURES", "Y1-ME-01", 1) <= 10
    assert biggest("MONEY", "Y2-ME-05", 1) < 100
    assert biggest("TABLE-DATA", "Y2-ST-02", 1) <= 20
    assert biggest("TABLE-DATA", "Y4-ST-02", 1) >= 100


# --- every template, over random seeds --------------------------------------------------------

KIND_PATTERNS = {
    "integer": r"-?\d+",
    "decimal": r"-?\d+(\.\d*[1-9])?",
    "money": r"[1-9]\d*",
    "time": r"([01]\d|2[0-3]):[0-5]\d",
    "coordinate": r"\(-?\d+, -?\d+\)",
}


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(TEMPLATES), st.integers(0, 10**9))
def test_any_seed_makes_a_sound_item(template, seed):
    item = items.generate(*template, seed)
    assert item == items.generate(*template, seed)
    answer = item.answer
    if answer.kind in KIND_PATTERNS:
        assert re.fullmatch(KIND_PATTERNS[answer.kind], answer.value), answer.value
    if answer.kind == "choice":
        assert all(wrong in answer.options for wrong in item.bugs)
        assert len(set(answer.options)) == len(answer.options) >= 2
    if answer.kind == "order":
        assert any("ORDER_REVERSED" in labels for labels in item.bugs.values())
    if answer.kind == "money":
        assert answer.unit in ("£", "p")
    if answer.kind == "time":
        assert answer.form in ("24h", "12h")
    shown = [item.prompt, *answer.options, *(cell for row in item.table for cell in row)]
    for text in shown:
        assert not re.search(r"(?<![\w)])-\d", text), text  # minus signs are U+2212
        assert not re.search(r"(?<![.\d,])\d{4,}", text), text  # 1,087 not 1087
        assert "{" not in text and "None" not in text
    if answer.kind in ("integer", "decimal", "money"):
        assert all(not wrong.startswith("-") for wrong in item.bugs), item.bugs


@pytest.mark.parametrize(("code", "objective", "level"), TEMPLATES[::7])
def test_sample_templates_vary_with_the_seed(code, objective, level):
    prompts = {(i.prompt, i.answer.options) for i in _items(code, objective, level)}
    assert len(prompts) > 1
