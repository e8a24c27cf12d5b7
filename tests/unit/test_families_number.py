"""Number and place value families (prof123/assess/families/number.py).

The right answer is re-derived here from what the pupil sees (the prompt, the options) by code
that shares nothing with the families, over many seeds; the level drivers and the bug helpers
are checked on hand-worked examples.
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prof123.assess import items
from prof123.assess.families import number as nb

items.families_for("")  # registers every family

OBJECTIVES = {
    "SEQ": "Y1-NPV-01 Y1-NPV-02 Y1-NPV-03 Y2-NPV-01 Y3-NPV-01 Y3-NPV-07 Y4-NPV-01 Y4-NPV-03 "
    "Y5-NPV-02 Y5-NPV-03",
    "MORE-LESS": "Y1-NPV-04 Y3-NPV-02 Y3-NPV-07 Y4-NPV-02 Y5-NPV-02 Y6-NPV-01",
    "NUM-WORDS": "Y1-NPV-02 Y1-NPV-06 Y2-NPV-05 Y3-NPV-06 Y5-NPV-01 Y6-NPV-01",
    "PLACE-VALUE": "Y2-NPV-02 Y2-NPV-03 Y2-NPV-06 Y3-NPV-03 Y3-NPV-05 Y3-NPV-07 Y4-NPV-04 "
    "Y4-NPV-06 Y4-NPV-08 Y5-NPV-01 Y5-NPV-05 Y6-NPV-01 Y6-NPV-04",
    "COMPARE": "Y1-NPV-05 Y2-NPV-04 Y2-ME-02 Y3-NPV-04 Y4-NPV-05 Y5-NPV-01 Y6-NPV-01",
    "ORDER": "Y1-ME-04 Y2-NPV-04 Y2-ME-06 Y3-NPV-04 Y4-NPV-05 Y5-NPV-01 Y5-FR-09 Y6-NPV-01 "
    "Y6-FR-02",
    "ROUND": "Y4-NPV-07 Y4-NPV-08 Y5-NPV-04 Y5-NPV-05 Y6-NPV-02 Y6-NPV-04",
    "NEGATIVE": "Y4-NPV-03 Y4-NPV-08 Y5-NPV-03 Y5-NPV-05 Y6-NPV-03 Y6-NPV-04",
    "ROMAN": "Y3-ME-04 Y4-NPV-09 Y5-NPV-06",
    "NUMLINE-TEXT": "Y1-NPV-05 Y2-NPV-03 Y3-NPV-05 Y3-FR-03 Y4-NPV-06",
}
TEMPLATES = [
    (code, objective, level)
    for code, codes in OBJECTIVES.items()
    for objective in codes.split()
    for level in (1, 2, 3, 4)
]
SEEDS = range(25)
MINUS = "\u2212"


def generate(code: str, objective: str, level: int, seed: int) -> items.Item:
    return items.generate(code, objective, level, seed)


def many(code: str, objective: str, level: int, seeds=SEEDS) -> list[items.Item]:
    return [generate(code, objective, level, seed) for seed in seeds]


def labels(item: items.Item) -> set[str]:
    return {label for names in item.bugs.values() for label in names}


def bug(item: items.Item, label: str) -> str | None:
    return next((wrong for wrong, names in item.bugs.items() if label in names), None)


# --- an oracle that reads the question as a pupil does -------------------------------------

PLACES = {
    "millions": 1_000_000,
    "million": 1_000_000,
    "hundred thousands": 100_000,
    "hundred thousand": 100_000,
    "ten thousands": 10_000,
    "ten thousand": 10_000,
    "thousands": 1000,
    "thousand": 1000,
    "hundreds": 100,
    "hundred": 100,
    "tens": 10,
    "ten": 10,
    "ones": 1,
    "one": 1,
}
PLACE_PATTERN = "|".join(sorted(PLACES, key=len, reverse=True))
NUMBER = r"[−-]?\d[\d,]*(?:\.\d+)?"


def num(text: str) -> int:
    return int(text.replace(",", "").replace(MINUS, "-"))


def side_value(text: str) -> int:
    """A sum like '4,000 + 60 + 2' or a measure like '2 m' / '150 cm' (in cm)."""
    total = 0
    for part in text.split("+"):
        part = part.strip()
        value = num(part.split()[0])
        if part.endswith(" m"):
            value *= 100
        total += value
    return total


def roman_value(text: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for i, c in enumerate(text):
        later = values[text[i + 1]] if i + 1 < len(text) else 0
        total += -values[c] if values[c] < later else values[c]
    return total


def fraction_value(text: str) -> Fraction:
    parts = text.split()
    whole = int(parts[0]) if len(parts) == 2 else 0
    return whole + Fraction(parts[-1])


INTERVAL_MINUTES = {"half an hour": 30, "quarter of an hour": 15}
UNIT_MINUTES = {"minutes": 1, "hour": 60, "hours": 60, "day": 1440, "days": 1440, "week": 10080}
EVENT_TIMES = [
    "get up",
    "eat breakfast",
    "go to school",
    "plant a seed",
    "water the seed",
    "pick the flower",
    "mix the cake",
    "bake the cake",
    "eat the cake",
    "put on socks",
    "put on shoes",
    "go outside",
    "breakfast",
    "lunch",
    "dinner",
]


def order_key(text: str):
    days = ["the day before yesterday", "yesterday", "this", "today", "tomorrow"]
    days.append("the day after tomorrow")
    parts = ["morning", "afternoon", "evening"]
    if text in INTERVAL_MINUTES:
        return INTERVAL_MINUTES[text]
    if re.fullmatch(r"\d+ (minutes|hours?|days?|week)", text):
        count, unit = text.split()
        return int(count) * UNIT_MINUTES[unit]
    if text in days:
        return days.index(text) if text != "this" else days.index("today")
    if text in parts:
        return parts.index(text)
    if text.split()[-1] in parts:
        day = text.rsplit(" ", 1)[0]
        return (
            days.index("today") if day == "this" else days.index(day),
            parts.index(text.split()[-1]),
        )
    if text in EVENT_TIMES:
        return EVENT_TIMES.index(text)
    if "/" in text:
        return fraction_value(text)
    return Decimal(text.replace(",", ""))


def expected(item: items.Item) -> str:
    """The right answer, worked out from the prompt and options alone (params only where a
    stem states its numbers in a way that is awkward to read back: the negative families)."""
    p, code, a = item.prompt, item.family, item.answer
    if code == "SEQ":
        shown = p.split(": ")[-1] if ": " in p else p.split("? ")[-1]
        terms = [None if t == "□" else num(t) for t in shown.split(", ")]
        known = [(i, t) for i, t in enumerate(terms) if t is not None]
        (i0, t0), (i1, t1) = known[0], known[1]
        step = (t1 - t0) // (i1 - i0)
        assert all(t == t0 + (i - i0) * step for i, t in known), p
        return str(t0 + (terms.index(None) - i0) * step)
    if code == "MORE-LESS":
        numbers = [num(n) for n in re.findall(NUMBER, p)]
        if "□" in p:  # d more than □ is x
            d, x = numbers
            return str(x - d if "more" in p else x + d)
        if "before" in p:
            d, x = numbers
            return str(x - d if "more" in p or "given" in p else x + d)
        if p.startswith("What is"):
            d, x = numbers
            return str(x + d if "more" in p else x - d)
        x, d = numbers
        return str(x + d if "more" in p else x - d)
    if code == "NUM-WORDS":
        if a.kind == "integer":
            return str(words_value(p.split(": ", 1)[1].rstrip(".")))
        n = num(re.search(NUMBER, p).group())
        assert [words_value(o) for o in a.options].count(n) == 1
        return next(o for o in a.options if words_value(o) == n)
    if code == "PLACE-VALUE":
        return str(place_value_answer(p))
    if code == "COMPARE":
        if p.startswith("Which sign"):
            left, right = p.split("? ", 1)[1].split(" □ ")
            x, y = side_value(left), side_value(right)
            return "<" if x < y else ">" if x > y else "="
        if p.startswith("Which words"):
            x, y = (num(n) for n in re.findall(r"\d+", p))
            return "less than" if x < y else "more than" if x > y else "equal to"
        owners = re.findall(r"([A-Z][a-z]+) has (\d+)", p)
        pick = max if "most" in p else min
        return pick(owners, key=lambda o: int(o[1]))[0]
    if code == "ORDER":
        descending = any(w in p for w in ("largest first", "latest first", "longest first"))
        return items.canon_order(sorted(a.options, key=order_key, reverse=descending))
    if code == "ROUND":
        m = re.search(rf"({NUMBER})[^.]*\. Round this number|Round ({NUMBER})", p)
        place_text = re.search(r"nearest (million|[\d,]+)", p).group(1)
        place = 1_000_000 if place_text == "million" else num(place_text)
        if m is None:  # the reverse question
            rounded = num(re.search(rf"is ({NUMBER})\.", p).group(1))
            low, high = rounded - place // 2, rounded + place // 2 - 1
            return str(low if "smallest" in p else high)
        n = num(m.group(1) or m.group(2))
        return str((n * 2 + place) // (2 * place) * place)
    if code == "NEGATIVE":
        return negative_answer(item)
    if code == "ROMAN":
        if a.kind == "choice":
            n = num(re.search(r"\d+", p).group())
            assert roman_value(a.value) == n
            return a.value
        return str(roman_value(re.search(r"\b[IVXLCDM]+\b", p).group()))
    if code == "NUMLINE-TEXT":
        if "halfway" in p:
            ends = re.findall(r"\d+/\d+|\b\d[\d,]*\b", p)
            x, y = (Fraction(e) if "/" in e else Fraction(num(e)) for e in ends)
            return items.canon_fraction((x + y) / 2) if "/" in p else str((x + y) // 2)
        if "equal parts" in p:
            parts, taken = (int(n) for n in re.findall(r"(\d+) (?:equal )?parts?", p))
            return items.canon_fraction(Fraction(taken, parts))
        start, end, steps, taken = (num(n) for n in re.findall(r"\d[\d,]*", p)[:4])
        return str(start + taken * (end - start) // steps)
    raise AssertionError(code)


UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
TEENS = "fifteen sixteen seventeen eighteen nineteen"
SMALL = {w: i for i, w in enumerate(re.findall(r"\w+", f"{UNITS} {TEENS}"))}
TENS = "twenty thirty forty fifty sixty seventy eighty ninety"
SMALL.update({w: 10 * i for i, w in enumerate(re.findall(r"\w+", TENS), start=2)})


def words_value(text: str) -> int:
    """'four thousand and fifty-six' -> 4056, read word by word."""
    total = current = 0
    for word in text.replace("-", " ").split():
        if word in SMALL:
            current += SMALL[word]
        elif word == "hundred":
            current *= 100
        elif word in ("thousand", "million"):
            total += current * (1000 if word == "thousand" else 1_000_000)
            current = 0
        else:
            assert word == "and", word
    return total + current


def place_value_answer(p: str) -> int:
    if "=" in p:
        left, right = (side.strip() for side in p.split("="))
        if right == "□":
            if "+" in left:
                return side_value(left)
            counts = re.findall(rf"(\d+) ({PLACE_PATTERN})\b", left)
            return sum(int(c) * PLACES[name] for c, name in counts)
        known = [num(t) for t in right.split(" + ") if t != "□"]
        return num(left) - sum(known)
    if "value of the" in p:
        digit, n = re.search(rf"the (\d) in ({NUMBER})", p).groups()
        text = n.replace(",", "")
        return int(digit) * 10 ** (len(text) - 1 - text.index(digit))
    if "Which digit" in p:
        place, n = re.search(rf"the ({PLACE_PATTERN}) place in ({NUMBER})", p).groups()
        return num(n) // PLACES[place] % 10
    if "changes the" in p:
        n, old, new = re.search(rf"writes ({NUMBER}), then changes the (\d) to a (\d)", p).groups()
        text = n.replace(",", "")
        return abs(int(new) - int(old)) * 10 ** (len(text) - 1 - text.index(old))
    if "Which number has" in p:
        counts = re.findall(rf"(\d+) ({PLACE_PATTERN})\b", p)
        return sum(int(c) * PLACES[name] for c, name in counts)
    packs = {"crates of 1,000": 1000, "boxes of 100": 100, "packs of 10": 10, "single": 1}
    found = re.findall(r"(\d+) (crates of 1,000|boxes of 100|packs of 10|single)", p)
    return sum(int(c) * packs[kind] for c, kind in found)


def negative_answer(item: items.Item) -> str:
    q = item.params
    if "temps" in q:
        return f"{str(min(q['temps'])).replace('-', MINUS)} °C"
    if "rise" in q:
        return str(q["start"] + q["rise"] - q["fall"])
    if "warm" in q:
        return str(q["warm"] - q["gap"])
    if "a" in q:
        return str(abs(q["a"] - q["b"]))
    numbers = [num(n) for n in re.findall(NUMBER, item.prompt)]
    if ("start" in item.prompt and "Start at" not in item.prompt) or "before?" in item.prompt:
        change, end = [n for n in numbers if n != 0][:2]
        return str(end + change)  # counted back / went down / fell by `change` to `end`
    if "Floor 0" in item.prompt:
        start, change = numbers[1], numbers[2]
    elif "less than" in item.prompt:
        change, start = numbers
        return str(start - change)
    else:
        start, change = numbers[:2]
    going_down = any(w in item.prompt for w in ("back", "falls", "down"))
    return str(start - change if going_down else start + change)


# --- every template, many seeds --------------------------------------------------------------


def test_each_family_registers_exactly_its_objectives_and_levels():
    for code, codes in OBJECTIVES.items():
        registered = items.FAMILIES[code]
        assert sorted(registered.objectives) == sorted(codes.split()), code
        assert registered.levels == (1, 2, 3, 4)
        assert nb.__name__ == registered.draw.__module__


@pytest.mark.parametrize(("code", "objective", "level"), TEMPLATES)
def test_answers_match_the_question_as_read(code, objective, level):
    for item in many(code, objective, level):
        assert item.answer.value == expected(item), (item.template_id, item.seed, item.prompt)
        assert item.prompt.strip() and "-" not in re.sub(r"[a-z]-[a-z]", "", item.prompt)
        if item.answer.kind == "choice":
            assert len(item.answer.options) == len(set(item.answer.options)) >= 2


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(TEMPLATES), st.integers(0, 10**9))
def test_any_seed_makes_a_right_and_stable_item(template, seed):
    item = generate(*template, seed)
    assert item.answer.value == expected(item)
    assert item.answer.value not in item.bugs
    assert generate(*template, seed) == item
    if item.answer.kind == "order":
        assert "ORDER_REVERSED" in labels(item)
        assert list(item.answer.options) != item.answer.value.split("|")


# --- bug helpers on hand-worked examples ----------------------------------------------------


def test_sequence_bug_helpers():
    assert nb.boundary_cross(109, 1) == 1010
    assert nb.boundary_cross(395, 10) == 3105
    assert nb.boundary_cross(196_400, 10_000) == 1_106_400
    assert nb.boundary_cross(405, -10) == 495
    assert nb.boundary_cross(98_712, 10_000) is None  # the carry makes a new digit: no slip
    assert nb.boundary_cross(45, 5) is None
    assert nb.skip_zero(1, -2) == -3  # 1, (0 skipped), −1, −2, −3
    assert nb.skip_zero(-3, 4) == 5
    assert nb.skip_zero(8, 5) is None


def test_more_less_no_carry():
    assert nb.no_carry(995, 10) == 905
    assert nb.no_carry(305, -10) == 395
    assert nb.no_carry(4_350, 1000) == 5_350  # nothing crossed: the true answer


def test_number_words():
    assert all(words_value(nb.number_words(n)) == n for n in range(1, 3000))
    assert all(words_value(nb.number_words(n)) == n for n in range(1, 10_000_001, 99_991))
    assert nb.number_words(16) == "sixteen"
    assert nb.number_words(305) == "three hundred and five"
    assert nb.number_words(4_056) == "four thousand and fifty-six"
    assert nb.number_words(60_007) == "sixty thousand and seven"
    assert nb.number_words(340_508) == "three hundred and forty thousand five hundred and eight"
    assert nb.number_words(2_000_040) == "two million and forty"
    assert nb.number_words(1_200_000) == "one million two hundred thousand"
    assert nb.number_words(10_000_000) == "ten million"


def test_number_word_bugs():
    assert nb.zero_placeholder(4_056) == 456
    assert nb.zero_placeholder(305) == 35
    assert nb.concat_place(4_056) == 400_056
    assert nb.concat_place(305) == 3005
    assert nb.concat_place(43) == 403
    assert nb.concat_place(40) is None
    assert nb.teen_reversal(16) == 61
    assert nb.teen_reversal(416) == 461
    assert nb.teen_reversal(12) is None
    assert nb.teen_partner(61) == 16


def test_compare_length_ignored():
    assert nb.length_ignored(985, 1002) == ">"
    assert nb.length_ignored(8, 15) == ">"
    assert nb.length_ignored(47, 52) == "<"


def test_rounding_bugs():
    assert nb.round_to(3_650, 100) == 3_700
    bugs = nb.round_bugs(3_650, 100)
    assert bugs["ROUND_TRUNCATE"] == bugs["ROUND_HALF_DOWN"] == 3_600
    assert bugs["ROUND_DROP_ZEROS"] == 37
    assert bugs["ROUND_BRIDGE"] is None
    bridge = nb.round_bugs(9_960, 100)
    assert nb.round_to(9_960, 100) == 10_000 and bridge["ROUND_BRIDGE"] == 9_000
    assert nb.round_bugs(3_640, 100)["ROUND_HALF_DOWN"] is None


def test_negative_interval_bugs():
    bugs = nb.interval_bugs(5, -4)
    assert bugs == {"NEG_INTERVAL_SUBTRACT": 1, "NEG_SKIP_ZERO": 8}
    assert nb.interval_bugs(-7, -2) == {"NEG_INTERVAL_SUBTRACT": None, "NEG_SKIP_ZERO": None}


def test_roman_helpers():
    assert nb.roman(1999) == "MCMXCIX"
    assert nb.roman(2025) == "MMXXV"
    assert nb.roman_sum("XL") == 60 and nb.roman_sum("IV") == 6 and nb.roman_sum("IX") == 11
    assert nb.roman_additive(9) == "VIIII" and nb.roman_additive(40) == "XXXX"
    assert nb.roman_swapped(9) == "XI" and nb.roman_swapped(11) == "IX"
    assert nb.roman_swapped(7) is None
    assert all(roman_value(nb.roman(n)) == n for n in range(1, 2100))


# --- hand-picked seeds and the difficulty drivers ---------------------------------------------


def test_hand_picked_items():
    item = generate("SEQ", "Y1-NPV-01", 4, 0)
    assert item.prompt == "Write the missing number: 107, 108, 109, □, 111, 112"
    assert item.answer.value == "110" and bug(item, "BOUNDARY_CROSS") == "1010"
    item = generate("MORE-LESS", "Y3-NPV-02", 3, 1)
    assert item.prompt == "What is 10 less than 806?"
    assert item.answer.value == "796" and bug(item, "NO_CARRY") == "896"
    item = generate("NUM-WORDS", "Y3-NPV-06", 3, 0)
    assert item.prompt == "Write this number in digits: two hundred and eight."
    assert bug(item, "ZERO_PLACEHOLDER") == "28" and bug(item, "CONCAT_PLACE") == "2008"
    item = generate("ROMAN", "Y5-NPV-06", 4, 1)
    assert "MCMLXXV" in item.prompt and item.answer.value == "1975"
    assert bug(item, "ROMAN_SUBTRACTIVE") == "2175"


def _seq_terms(item):
    return item.params["terms"]


def test_seq_drivers():
    for item in many("SEQ", "Y1-NPV-01", 1):
        assert item.params["gap"] == len(_seq_terms(item)) - 1  # what comes next
    for item in many("SEQ", "Y1-NPV-01", 3):
        assert min(_seq_terms(item)) < 100 < max(_seq_terms(item))  # across 100
    for objective, level in [("Y1-NPV-01", 4), ("Y3-NPV-07", 3), ("Y3-NPV-07", 4)]:
        for item in many("SEQ", objective, level):
            assert "BOUNDARY_CROSS" in labels(item)
    for level in (3, 4):
        for item in many("SEQ", "Y5-NPV-02", level):
            assert "BOUNDARY_CROSS" in labels(item) and max(_seq_terms(item)) <= 1_000_000
    steps = {
        "Y1-NPV-03": {2, 5, 10},
        "Y2-NPV-01": {2, 3, 5, 10},
        "Y3-NPV-01": {4, 8, 50, 100},
        "Y4-NPV-01": {6, 7, 9, 25, 1000},
        "Y5-NPV-02": {10, 100, 1000, 10_000},
    }
    for objective, allowed in steps.items():
        for level in (1, 2, 3, 4):
            assert {i.params["step"] for i in many("SEQ", objective, level)} <= allowed
    for objective in ("Y4-NPV-03", "Y5-NPV-03"):
        for level in (1, 2, 3, 4):
            for item in many("SEQ", objective, level):
                assert min(_seq_terms(item)) < 0 <= max(_seq_terms(item))
                assert "NEG_SKIP_ZERO" in labels(item)
                assert min(_seq_terms(item)) >= (-20 if objective == "Y4-NPV-03" else -100)
    assert all(i.params["gap"] == 0 for i in many("SEQ", "Y4-NPV-01", 4))  # unknown first


def test_more_less_drivers():
    for objective in OBJECTIVES["MORE-LESS"].split():
        for level in (1, 2, 3, 4):
            for item in many("MORE-LESS", objective, level):
                crossed = "NO_CARRY" in labels(item)
                assert crossed == (level >= 3), (objective, level, item.prompt)
                assert item.params["reverse"] == (level == 4)
    assert {i.params["change"] for i in many("MORE-LESS", "Y1-NPV-04", 3)} == {1}
    assert {i.params["change"] for i in many("MORE-LESS", "Y4-NPV-02", 2)} == {1000}
    assert all(int(i.answer.value) <= 10_000_000 for i in many("MORE-LESS", "Y6-NPV-01", 3))
    contexts = many("MORE-LESS", "Y3-NPV-07", 2)
    assert all(i.prompt.endswith("?") and "How many" in i.prompt for i in contexts)


def test_num_words_drivers():
    for item in many("NUM-WORDS", "Y1-NPV-06", 3):
        assert 13 <= item.params["n"] <= 19 and "TEEN_REVERSAL" in labels(item)
    for objective, top in [("Y3-NPV-06", 999), ("Y5-NPV-01", 999_999), ("Y6-NPV-01", 9_999_999)]:
        for item in many("NUM-WORDS", objective, 3):
            assert item.params["n"] <= top and "ZERO_PLACEHOLDER" in labels(item)
        for item in many("NUM-WORDS", objective, 4):
            assert item.answer.kind == "choice" and len(item.answer.options) == 4
            assert "0" in str(item.params["n"])
    for item in many("NUM-WORDS", "Y5-NPV-01", 2):
        assert "0" not in str(item.params["n"])


def test_place_value_drivers():
    for objective, digits in [
        ("Y3-NPV-03", 3),
        ("Y4-NPV-04", 4),
        ("Y5-NPV-01", 6),
        ("Y6-NPV-01", 7),
    ]:
        for item in many("PLACE-VALUE", objective, 3):
            assert len(str(item.params["n"])) == digits
            assert {"DIGIT_NOT_VALUE", "PV_WRONG_COLUMN"} <= labels(item)
        for item in many("PLACE-VALUE", objective, 1):
            assert len(str(item.params["n"])) == nb._PREVIOUS_DIGITS[int(objective[1])]
        for item in many("PLACE-VALUE", objective, 4):
            assert "0" in str(item.params["n"])[1:]  # a zero as a place holder
    for objective in ("Y2-NPV-03", "Y3-NPV-05", "Y4-NPV-06", "Y2-NPV-06", "Y4-NPV-08"):
        for item in many("PLACE-VALUE", objective, 4):
            assert max(item.params["counts"]) >= 10 and "CONCAT_PLACE" in labels(item)
            assert int(item.answer.value) < 10 ** nb.YEAR_DIGITS[int(objective[1])]
    for item in many("PLACE-VALUE", "Y5-NPV-05", 3):
        assert "ZERO_PLACEHOLDER" in labels(item)


def test_compare_drivers():
    for objective in ("Y2-NPV-04", "Y3-NPV-04", "Y4-NPV-05", "Y5-NPV-01", "Y6-NPV-01"):
        for item in many("COMPARE", objective, 3):
            a, b = item.params["a"], item.params["b"]
            assert len(str(a)) != len(str(b)) and "LENGTH_IGNORED" in labels(item)
        for item in many("COMPARE", objective, 2):
            a, b = str(item.params["a"]), str(item.params["b"])
            assert len(a) == len(b) == nb.YEAR_DIGITS[int(objective[1])] and a[0] == b[0]
        assert all("+" in i.prompt for i in many("COMPARE", objective, 4))
        assert {i.answer.value for i in many("COMPARE", objective, 4, range(40))} == {"<", ">", "="}
    for item in many("COMPARE", "Y2-ME-02", 4):
        assert " m" in item.prompt and "cm" in item.prompt and "UNIT_IGNORED" in labels(item)
    for item in many("COMPARE", "Y1-NPV-05", 2):
        assert set(item.answer.options) == {"more than", "less than", "equal to"}
    assert all("Who has the" in i.prompt for i in many("COMPARE", "Y1-NPV-05", 4))


def test_order_drivers():
    counts = {1: 3, 2: 3, 3: 4, 4: 4}
    for level, count in counts.items():
        assert {len(i.answer.options) for i in many("ORDER", "Y2-NPV-04", level)} == {count}
    for objective in ("Y3-NPV-04", "Y4-NPV-05", "Y5-NPV-01", "Y6-NPV-01"):
        for item in many("ORDER", objective, 4):
            assert len(item.answer.options) == 5 and "LENGTH_IGNORED" in labels(item)
    for item in many("ORDER", "Y5-FR-09", 3):
        assert labels(item) & {"LONGER_IS_LARGER", "SHORTER_IS_LARGER"}
        assert len({len(o.split(".")[1]) for o in item.answer.options}) >= 2
    for item in many("ORDER", "Y6-FR-02", 2):
        assert "NUMERATOR_ONLY" in labels(item) and any(" " in o for o in item.answer.options)
    for item in many("ORDER", "Y6-FR-02", 4):
        assert sum(fraction_value(o) > 1 for o in item.answer.options) >= 2
    for item in many("ORDER", "Y2-ME-06", 2):
        assert "UNIT_IGNORED" in labels(item)


def test_round_drivers():
    for objective in ("Y4-NPV-07", "Y5-NPV-04", "Y6-NPV-02"):
        for item in many("ROUND", objective, 3):
            n, place = item.params["n"], item.params["place"]
            assert n % place == place // 2 and "ROUND_HALF_DOWN" in labels(item)
        for item in many("ROUND", objective, 4):
            assert "ROUND_BRIDGE" in labels(item)
        for level in (1, 2):
            for item in many("ROUND", objective, level):
                assert not labels(item) & {"ROUND_HALF_DOWN", "ROUND_BRIDGE"}
    for item in many("ROUND", "Y4-NPV-07", 2):
        assert len(str(item.params["n"])) == 4 and item.params["place"] in (10, 100, 1000)
    for objective in ("Y4-NPV-08", "Y5-NPV-05", "Y6-NPV-04"):
        assert all("could be" in i.prompt for i in many("ROUND", objective, 4))


def test_negative_drivers():
    ranges = {"Y4-NPV-03": 20, "Y4-NPV-08": 20, "Y5-NPV-03": 30, "Y5-NPV-05": 30}
    for objective, limit in ranges.items():
        for level in (1, 2, 3, 4):
            for item in many("NEGATIVE", objective, level):
                numbers = [num(n) for n in re.findall(NUMBER, item.prompt)]
                shown = item.prompt + "".join(item.answer.options)
                assert MINUS in shown or item.answer.value.startswith("-"), item.prompt
                assert all(abs(n) <= 2 * limit for n in numbers), item.prompt
    for item in many("NEGATIVE", "Y6-NPV-03", 3):
        assert "NEG_INTERVAL_SUBTRACT" in labels(item) and item.params["a"] < 0 < item.params["b"]
    for item in many("NEGATIVE", "Y4-NPV-03", 1):
        assert {"NEG_SKIP_ZERO", "NEG_SIGN_DROPPED", "NEG_DIRECTION"} <= labels(item)


def test_roman_drivers():
    for level in (1, 2, 3, 4):
        for item in many("ROMAN", "Y3-ME-04", level):
            assert "clock" in item.prompt and 1 <= item.params["n"] <= 12
    for item in many("ROMAN", "Y3-ME-04", 3):
        assert "ROMAN_SUBTRACTIVE" in labels(item)
    for item in many("ROMAN", "Y4-NPV-09", 4):
        assert item.params["n"] <= 100 and {"ROMAN_SUBTRACTIVE", "ROMAN_NONSTANDARD"} <= labels(
            item
        )
    for item in many("ROMAN", "Y5-NPV-06", 2):
        assert 100 < item.params["n"] <= 1000 and not labels(item)
    for item in many("ROMAN", "Y5-NPV-06", 4):
        assert 1000 <= item.params["n"] <= 2030 and "ROMAN_SUBTRACTIVE" in labels(item)


def test_numline_drivers():
    for item in many("NUMLINE-TEXT", "Y3-FR-03", 2):
        assert item.answer.kind == "fraction" and not item.answer.accept_decimal
        assert {"ENDPOINT", "OFF_BY_STEP"} <= labels(item)
    for objective in ("Y1-NPV-05", "Y2-NPV-03", "Y3-NPV-05", "Y4-NPV-06"):
        for item in many("NUMLINE-TEXT", objective, 4):
            assert item.params["start"] > 0 and "ENDPOINT" in labels(item)
        for item in many("NUMLINE-TEXT", objective, 3):
            assert item.params["start"] == 0 and "OFF_BY_STEP" in labels(item)
    tops = {"Y1-NPV-05": 50, "Y2-NPV-03": 100, "Y3-NPV-05": 1000, "Y4-NPV-06": 10_000}
    for objective, top in tops.items():
        for level in (1, 2, 3, 4):
            for item in many("NUMLINE-TEXT", objective, level):
                assert all(num(n) <= top for n in re.findall(r"\d[\d,]*", item.prompt))
