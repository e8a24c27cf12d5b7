"""Question families for measurement, geometry and statistics (question-design.md §5.7-§5.9).

Each family dispatches on the objective to one small generator per objective; inside it the
level (1-4) picks the stem and the difficulty drivers. Shapes, clocks, grids and charts are
described in words (no pictures yet), so only the text-assessable part of a "partial"
objective is asked. Every random choice comes from the ``rng`` passed in.

Bug labels come from question-design.md §5 and §6.2; the few this module adds are listed,
with their teacher wording, in ``NEW_BUG_LABELS``.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction

from prof123.assess.items import (
    AnswerSpec,
    Draft,
    Resample,
    canon_coordinate,
    canon_decimal,
    canon_integer,
    canon_money,
    canon_order,
    canon_time,
    family,
    number_text,
    shuffled_options,
)

NEW_BUG_LABELS = {
    "COMPARE_REVERSED": "Picks the opposite of what was asked (shortest for longest)",
    "COIN_COUNT_NOT_VALUE": "Counts the coins instead of adding their values",
    "BEFORE_AFTER_SWAP": "Mixes up before and after (yesterday and tomorrow)",
    "AM_PM_SWAP": "Mixes up am and pm (morning and afternoon)",
    "OTHER_PART": "Gives the part used instead of the part left",
    "PERIM_CUT_SUBTRACTED": "Thinks cutting a corner off a rectangle shortens its perimeter",
    "SIDES_FOR_PAIRS": "Counts sides instead of pairs of sides",
    "SYMMETRY_MISCOUNT": "Miscounts lines of symmetry (misses some, or adds diagonals)",
    "REGULAR_ONE_CONDITION": "Calls a shape regular when only its sides or only its angles match",
    "VERT_OPP_AS_LINE": "Mixes up vertically opposite angles and angles next to each other",
    "MISSED_ONE_VALUE": "Leaves out one of the numbers when adding up several",
}

Generator = Callable[[int, random.Random], Draft]

NAMES = (
    "Amara",
    "Ben",
    "Chen",
    "Dev",
    "Ella",
    "Finn",
    "Grace",
    "Hamza",
    "Isla",
    "Jay",
    "Kofi",
    "Leah",
    "Maya",
    "Noah",
    "Olu",
    "Priya",
    "Ravi",
    "Sofia",
    "Tom",
    "Zara",
)


# --- shared helpers ---------------------------------------------------------------------------


def _a(word: str) -> str:
    """'a square', 'an octagon', 'an 8 cm', 'an 11 m'."""
    number = word.split()[0]
    vowel_sound = word[0] in "aeiou" or number.startswith("8") or number in ("11", "18")
    return f"{'an' if vowel_sound else 'a'} {word}"


def _name(rng: random.Random) -> str:
    return rng.choice(NAMES)


def _two_names(rng: random.Random) -> tuple[str, str]:
    first, second = rng.sample(NAMES, 2)
    return first, second


def _integer(value: int, unit: str = "") -> AnswerSpec:
    return AnswerSpec(kind="integer", value=canon_integer(value), unit=unit)


def _decimal(value: Decimal | Fraction | int, unit: str = "") -> AnswerSpec:
    return AnswerSpec(kind="decimal", value=canon_decimal(value), unit=unit)


def _money(pence: int, unit: str = "£") -> AnswerSpec:
    return AnswerSpec(kind="money", value=canon_money(pence), unit=unit)


def _time(hours: int, minutes: int, form: str = "24h") -> AnswerSpec:
    return AnswerSpec(kind="time", value=canon_time(hours, minutes), form=form)


def _minutes(value: int) -> AnswerSpec:
    return _integer(value, "minutes")


def _plural(count: int, units: str) -> str:
    """'3 days', '1 day'."""
    return f"{count} {units[:-1] if count == 1 and units.endswith('s') else units}"


def _measure(value: Decimal | int, unit: str) -> str:
    return f"{number_text(value)} {unit}"


def _known(**bugs: str | None) -> dict[str, str]:
    """The bug answers that exist (a misconception may give no answer for some numbers)."""
    return {label: text for label, text in bugs.items() if text is not None}


def _choice(
    rng: random.Random,
    prompt: str,
    right: str,
    bugs: Mapping[str, str] | None = None,
    fillers: Iterable[str] = (),
    params: Mapping[str, object] | None = None,
    count: int = 4,
    table: tuple[tuple[str, ...], ...] = (),
) -> Draft:
    """A choice item: options are the right text, the bug texts first, then the fillers."""
    bugs = dict(bugs or {})
    options = shuffled_options(rng, right, [*bugs.values(), *fillers], count)
    if len(options) < 2:
        raise Resample
    return Draft(
        prompt=prompt,
        answer=AnswerSpec(kind="choice", value=right, options=options),
        params=dict(params or {}),
        bugs={label: text for label, text in bugs.items() if text in options},
        table=table,
    )


def _order(
    rng: random.Random,
    prompt: str,
    correct: Sequence[str],
    params: Mapping[str, object] | None = None,
    bugs: Mapping[str, str] | None = None,
) -> Draft:
    """An order item: the texts shown shuffled (never already in order or reversed)."""
    correct = list(correct)
    if len(set(correct)) != len(correct):
        raise Resample
    shown = list(correct)
    while shown in (correct, correct[::-1]):
        rng.shuffle(shown)
    return Draft(
        prompt=prompt,
        answer=AnswerSpec(kind="order", value=canon_order(correct), options=tuple(shown)),
        params=dict(params or {}),
        bugs={"ORDER_REVERSED": canon_order(correct[::-1]), **(bugs or {})},
    )


def _sign(a: Fraction | Decimal | int, b: Fraction | Decimal | int) -> str:
    return ">" if a > b else "<" if a < b else "="


_FLIP = {">": "<", "<": ">", "=": "="}


def _sub_smaller_from_larger(a: int, b: int) -> int:
    """Column subtraction taking the smaller digit from the larger in every column."""
    width = max(len(str(a)), len(str(b)))
    top, bottom = str(a).zfill(width), str(b).zfill(width)
    return int("".join(str(abs(int(x) - int(y))) for x, y in zip(top, bottom, strict=True)))


def _add_no_carry(*values: int) -> int:
    """Column addition that drops every carry."""
    width = max(len(str(v)) for v in values)
    columns = zip(*(str(v).zfill(width) for v in values), strict=True)
    return int("".join(str(sum(int(d) for d in column) % 10) for column in columns))


def _places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -int(exponent))


def _right_aligned_sum(a: Decimal, b: Decimal) -> Decimal:
    """a + b with the digits lined up on the right instead of at the point (3.005 + 6.12)."""
    places = max(_places(a), _places(b))
    shifted = [Decimal(int(x.scaleb(_places(x)))).scaleb(-places) for x in (a, b)]
    return shifted[0] + shifted[1]


def _money_text(pence: int, style: str = "auto") -> str:
    """45p or £3.20 ("auto"); always pence ("p") or always pounds ("£"); "whole" is "auto"
    but prints whole pounds without pence (£7)."""
    if style == "p" or (style in ("auto", "whole") and pence < 100):
        return f"{pence}p"
    pounds, part = divmod(pence, 100)
    if style == "whole" and part == 0:
        return f"£{number_text(pounds)}"
    return f"£{number_text(pounds)}.{part:02d}"


def _pounds_typed_as_pence(pence: int) -> str:
    """PENCE_POUND_CONFUSION in a £ box: the pupil types the pence number (£320 for £3.20)."""
    return canon_money(pence * 100)


def _random_dp(rng: random.Random, low: int, high: int, places: int) -> Decimal:
    """A decimal with exactly ``places`` places: low..high units of the last place, the last
    digit never 0."""
    while True:
        whole = rng.randint(low, high)
        if whole % 10 != 0 or places == 0:
            return Decimal(whole).scaleb(-places)


# --- MEASURES ---------------------------------------------------------------------------------

# Y1: (statement, two-way questions, three-way questions, things)
_Y1_QUANTITIES = (
    (
        "The {thing} is {n} cubes long.",
        ("is longer", "is shorter"),
        ("is the longest", "is the shortest"),
        ("ribbon", "pencil", "scarf", "straw", "rope", "crayon"),
    ),
    (
        "The {thing} weighs the same as {n} cubes.",
        ("is heavier", "is lighter"),
        ("is the heaviest", "is the lightest"),
        ("apple", "book", "shoe", "teddy", "orange", "lunchbox"),
    ),
    (
        "The {thing} holds {n} cups of water.",
        ("holds more", "holds less"),
        ("holds the most", "holds the least"),
        ("jug", "bucket", "bottle", "teapot", "vase", "bowl"),
    ),
)
_Y1_TASKS = ("to walk to the park", "to build a tower", "to tidy up", "to eat lunch", "to swim")


def _measures_y1(level: int, rng: random.Random) -> Draft:
    """Comparison words: longer/heavier/holds more, and quicker/slower for time."""
    more = rng.random() < 0.5
    if level == 4:
        first, second = _two_names(rng)
        x, y = rng.sample(range(3, 16), 2)
        ask = "quicker" if more else "slower"
        quicker, slower = (first, second) if x < y else (second, first)
        right, wrong = (quicker, slower) if more else (slower, quicker)
        prompt = (
            f"{first} took {x} minutes {rng.choice(_Y1_TASKS)}. {second} took {y} minutes. "
            f"Who was {ask}?"
        )
        return _choice(rng, prompt, right, {"COMPARE_REVERSED": wrong}, params={"x": x, "y": y})
    index = {1: 0, 2: 1}.get(level, rng.randrange(3))
    statement, two_way, three_way, things = _Y1_QUANTITIES[index]
    count = 2 if level < 3 else 3
    chosen = rng.sample(things, count)
    sizes = rng.sample(range(2, 11 if level == 1 else 16), count)
    words = two_way if count == 2 else three_way
    ask = words[0] if more else words[1]
    biggest = chosen[sizes.index(max(sizes))]
    smallest = chosen[sizes.index(min(sizes))]
    right, wrong = (biggest, smallest) if more else (smallest, biggest)
    facts = " ".join(statement.format(thing=t, n=n) for t, n in zip(chosen, sizes, strict=True))
    return _choice(
        rng,
        f"{facts} Which {ask}?",
        f"the {right}",
        {"COMPARE_REVERSED": f"the {wrong}"},
        fillers=[f"the {t}" for t in chosen],
        params={"sizes": sizes},
    )


def _symbols_choice(
    rng: random.Random, prompt: str, right: str, bugs: Mapping[str, str], params: Mapping
) -> Draft:
    return _choice(rng, prompt, right, bugs, fillers=(">", "<", "="), params=params, count=3)


def _measures_y2(level: int, rng: random.Random) -> Draft:
    """Compare and order measures in one unit with >, < and =."""
    if level == 3:
        unit, word = rng.choice((("cm", "shortest"), ("g", "lightest"), ("ml", "smallest")))
        x, y = rng.sample(range(1, 10), 2)
        values = {10 * x + y, 10 * y + x}
        while len(values) < 4:
            values.add(rng.randint(11, 99))
        ordered = [_measure(v, unit) for v in sorted(values)]
        return _order(
            rng, f"Put these in order, {word} first.", ordered, {"values": sorted(values)}
        )
    if level == 4:
        metres = rng.randint(1, 3)
        if rng.random() < 0.3:
            cm = 100 * metres
        else:
            cm = rng.randrange(max(10, 100 * metres - 90), 100 * metres, 5)
        sides = [(f"{metres} m", 100 * metres, metres), (f"{cm} cm", cm, cm)]
        rng.shuffle(sides)
        (left, left_cm, left_shown), (right, right_cm, right_shown) = sides
        return _symbols_choice(
            rng,
            f"Which sign goes in the box?  {left} □ {right}",
            _sign(left_cm, right_cm),
            {"UNIT_IGNORED": _sign(left_shown, right_shown)},
            {"metres": metres, "cm": cm},
        )
    unit = rng.choice(("cm", "m", "g", "kg", "ml", "l"))
    if level == 1:
        a, b = rng.sample(range(11, 100), 2)
        if a // 10 == b // 10:
            raise Resample
    else:
        x, y = rng.sample(range(1, 10), 2)
        a, b = 10 * x + y, 10 * y + x
    sign = _sign(a, b)
    return _symbols_choice(
        rng,
        f"Which sign goes in the box?  {a} {unit} □ {b} {unit}",
        sign,
        {"SYMBOL_REVERSED": _FLIP[sign]},
        {"a": a, "b": b},
    )


_MIXED_UNITS = (("m", "cm", 100), ("kg", "g", 1000), ("l", "ml", 1000))
_TAKE_AWAY_3DIGIT = {
    "ml": "A jug holds {a} of juice. {name} pours out {b}. How much juice is left in the jug?",
    "g": "A bag holds {a} of flour. {name} uses {b}. How much flour is left?",
    "cm": "A roll of tape is {a} long. {name} cuts off {b}. How much tape is left?",
}


def _small_part(rng: random.Random, factor: int) -> int:
    """A part of the smaller unit that is not a whole number of the larger one."""
    if factor == 100:
        return rng.randrange(5, 100, 5)
    value = rng.randrange(50, 1000, 10)
    if value % 100 == 0:
        value += 50
    return value


def _measures_y3(level: int, rng: random.Random) -> Draft:
    """Add and subtract lengths, masses and capacities, including mixed units."""
    if level == 1:
        unit = rng.choice(("cm", "g", "ml"))
        a, b = rng.randint(11, 88), rng.randint(11, 88)
        if a + b > 99 or (a % 10) + (b % 10) > 9:
            raise Resample
        return Draft(
            prompt=f"{a} {unit} + {b} {unit} = □ {unit}",
            answer=_integer(a + b, unit),
            params={"a": a, "b": b},
            bugs={"OP_SWAP": canon_integer(abs(a - b))},
        )
    if level == 2:
        unit = rng.choice(sorted(_TAKE_AWAY_3DIGIT))
        a = rng.randrange(300, 1000, 10)
        b = rng.randrange(110, a - 50, 10 if unit != "cm" else 5)
        naive = _sub_smaller_from_larger(a, b)
        if naive == a - b:
            raise Resample
        prompt = _TAKE_AWAY_3DIGIT[unit].format(
            a=_measure(a, unit), b=_measure(b, unit), name=_name(rng)
        )
        return Draft(
            prompt=prompt,
            answer=_integer(a - b, unit),
            params={"a": a, "b": b},
            bugs={"SUB_SMALLER_FROM_LARGER": canon_integer(naive), "OP_SWAP": canon_integer(a + b)},
        )
    big, small, factor = rng.choice(_MIXED_UNITS)
    whole = rng.randint(1, 3)
    if level == 3:
        part, added = _small_part(rng, factor), _small_part(rng, factor)
        right = whole * factor + part + added
        return Draft(
            prompt=f"{whole} {big} {part} {small} + {added} {small} = □ {small}",
            answer=_integer(right, small),
            params={"whole": whole, "part": part, "added": added},
            bugs={
                "CONVERSION_FACTOR": canon_integer(whole * factor // 10 + part + added),
                "UNIT_IGNORED": canon_integer(whole + part + added),
            },
        )
    taken = _small_part(rng, factor)
    naive = _sub_smaller_from_larger(whole * factor, taken)
    if naive == whole * factor - taken:
        raise Resample
    return Draft(
        prompt=f"{whole} {big} − {number_text(taken)} {small} = □ {small}",
        answer=_integer(whole * factor - taken, small),
        params={"whole": whole, "taken": taken},
        bugs={
            "SUB_SMALLER_FROM_LARGER": canon_integer(naive),
            "UNIT_IGNORED": canon_integer(taken - whole),
        },
    )


_ADD_STORY = {
    "m": "{name} joins {a_} piece of rope to {b_} piece. How long is the rope now?",
    "kg": "{name} buys {a_} bag of flour and {b_} bag of sugar. What is their total mass?",
    "l": "{name} pours {a} of water and {b} of juice into a bowl. How much liquid is in it?",
}
_TAKE_STORY = {
    "m": "A rope is {a} long. {name} cuts off {b}. How long is the rope now?",
    "kg": "A sack holds {a} of potatoes. {name} takes out {b}. What mass of potatoes is left?",
    "l": "A tank holds {a} of water. {name} uses {b}. How much water is left?",
}
_FRACTIONS_OF_MEASURE = (
    (Fraction(3, 4),),
    (Fraction(2, 5), Fraction(3, 5), Fraction(4, 5)),
    (Fraction(3, 10), Fraction(7, 10), Fraction(9, 10)),
)


def _story(table: Mapping[str, str], unit: str, a: Decimal | int, b: Decimal | int, name: str):
    first, second = _measure(a, unit), _measure(b, unit)
    return table[unit].format(a=first, b=second, a_=_a(first), b_=_a(second), name=name)


def _measures_decimal_add(rng: random.Random, a: Decimal, b: Decimal) -> Draft:
    unit = rng.choice(sorted(_ADD_STORY))
    total = a + b
    if total == total.to_integral_value():
        raise Resample
    bugs = {"OP_SWAP": canon_decimal(abs(a - b))}
    if _places(a) != _places(b):
        bugs["DEC_RIGHT_ALIGNED"] = canon_decimal(_right_aligned_sum(a, b))
    else:
        bugs["DEC_POINT_LOST"] = canon_decimal(total.scaleb(_places(total)))
    return Draft(
        prompt=_story(_ADD_STORY, unit, a, b, _name(rng)),
        answer=_decimal(total, unit),
        params={"a": str(a), "b": str(b)},
        bugs=bugs,
    )


def _measures_decimal_take(rng: random.Random, a: Decimal, b: Decimal) -> Draft:
    unit = rng.choice(sorted(_TAKE_STORY))
    places = max(_places(a), _places(b), 1)
    scale = 10**places
    naive = Decimal(_sub_smaller_from_larger(int(a * scale), int(b * scale))) / scale
    if b >= a or naive == a - b or (a - b) == (a - b).to_integral_value():
        raise Resample
    return Draft(
        prompt=_story(_TAKE_STORY, unit, a, b, _name(rng)),
        answer=_decimal(a - b, unit),
        params={"a": str(a), "b": str(b)},
        bugs={"SUB_SMALLER_FROM_LARGER": canon_decimal(naive), "OP_SWAP": canon_decimal(a + b)},
    )


def _measures_y4_decimals(level: int, rng: random.Random) -> Draft:
    """Measure problems with decimals to 2 dp and simple fractions (Y4-FR-10)."""
    if level == 1:
        return _measures_decimal_add(rng, _random_dp(rng, 11, 49, 1), _random_dp(rng, 11, 49, 1))
    if level == 2:
        return _measures_decimal_take(rng, _random_dp(rng, 21, 99, 1), _random_dp(rng, 11, 89, 1))
    if level == 3:
        return _measures_decimal_add(rng, _random_dp(rng, 101, 499, 2), _random_dp(rng, 1, 9, 1))
    big, small, factor = rng.choice(_MIXED_UNITS)
    fraction = rng.choice(rng.choice(_FRACTIONS_OF_MEASURE))
    whole = rng.randint(1, 5)
    right = whole * factor * fraction
    if right.denominator != 1:
        raise Resample
    return Draft(
        prompt=f"What is {fraction} of {whole} {big}? Give your answer in {small}.",
        answer=_integer(int(right), small),
        params={"fraction": str(fraction), "whole": whole},
        bugs={"UNIT_ONLY": canon_integer(int(whole * factor / fraction.denominator))},
    )


_COMPARE_BIG = (
    ("kg", "g", 1000, "Which is heavier"),
    ("km", "m", 1000, "Which is longer"),
    ("l", "ml", 1000, "Which holds more"),
    ("m", "cm", 100, "Which is longer"),
)
_ESTIMATE_STEMS = {
    "ml": "A jug holds {m}. About how many litres is that?",
    "g": "A bag of potatoes weighs {m}. About how many kilograms is that?",
    "m": "A walk is {m} long. About how many kilometres is that?",
}
_ESTIMATE_BIG = {"ml": "l", "g": "kg", "m": "km"}
_ADD_REPEATED = (
    (
        "kg",
        "g",
        "A box weighs {w} kg. {name} puts in {n} books that weigh {p} g each. "
        "What is the total mass in grams?",
    ),
    (
        "l",
        "ml",
        "A bowl holds {w} l of water. {name} adds {n} cups of {p} ml each. "
        "How many millilitres of water are in the bowl now?",
    ),
)


def _measures_y4(level: int, rng: random.Random) -> Draft:
    """Estimate, compare and calculate measures (Y4-ME-04)."""
    if level == 1:
        big, small, factor, question = rng.choice(_COMPARE_BIG)
        whole = rng.randint(1, 5)
        part = rng.randrange(
            11 if factor == 100 else 110, whole * factor, 5 if factor == 100 else 10
        )
        texts = [f"{whole} {big}", f"{number_text(part)} {small}"]
        rng.shuffle(texts)
        return _choice(
            rng,
            f"{question}: {texts[0]} or {texts[1]}?",
            f"{whole} {big}",
            {"UNIT_IGNORED": f"{number_text(part)} {small}"},
            fillers=("They are the same",),
            params={"whole": whole, "part": part},
            count=3,
        )
    if level == 2:
        big, small, factor = rng.choice((("km", "m", 1000), ("kg", "g", 1000), ("l", "ml", 1000)))
        whole = rng.randint(1, 5)
        part, added = rng.randrange(50, 1000, 50), rng.randrange(100, 1000, 50)
        if part + added <= factor or (part % 100 == 0 and added % 100 == 0):
            raise Resample
        return Draft(
            prompt=f"{whole} {big} {part} {small} + {added} {small} = □ {small}",
            answer=_integer(whole * factor + part + added, small),
            params={"whole": whole, "part": part, "added": added},
            bugs={
                "CONVERSION_FACTOR": canon_integer(whole * 100 + part + added),
                "UNIT_IGNORED": canon_integer(whole + part + added),
            },
        )
    if level == 3:
        small = rng.choice(sorted(_ESTIMATE_STEMS))
        big = _ESTIMATE_BIG[small]
        near = rng.randint(2, 9)
        amount = near * 1000 + rng.choice((-1, 1)) * rng.randrange(10, 80, 5)
        below = near - 1 if amount < near * 1000 else near + 1
        return _choice(
            rng,
            _ESTIMATE_STEMS[small].format(m=_measure(amount, small)),
            f"about {near} {big}",
            {
                "CONVERSION_FACTOR": f"about {near * 10} {big}",
                "ROUND_TRUNCATE": f"about {amount // 1000} {big}",
            },
            fillers=(f"about {below} {big}", f"about {near * 100} {big}"),
            params={"amount": amount},
        )
    big, small, stem = rng.choice(_ADD_REPEATED)
    whole, count = rng.randint(1, 3), rng.randint(3, 6)
    piece = rng.randrange(120, 500, 10)
    if piece % 100 == 0:
        raise Resample
    right = whole * 1000 + count * piece
    return Draft(
        prompt=stem.format(w=whole, n=count, p=piece, name=_name(rng)),
        answer=_integer(right, small),
        params={"whole": whole, "count": count, "piece": piece},
        bugs={
            "CONVERSION_FACTOR": canon_integer(whole * 100 + count * piece),
            "ADD_FOR_MULT": canon_integer(whole * 1000 + count + piece),
        },
    )


def _measures_y5_decimals(level: int, rng: random.Random) -> Draft:
    """Measure problems with up to three decimal places (Y5-FR-10)."""
    if level == 1:
        return _measures_decimal_add(rng, _random_dp(rng, 101, 899, 2), _random_dp(rng, 11, 59, 1))
    if level == 2:
        return _measures_decimal_take(rng, Decimal(rng.randint(3, 9)), _random_dp(rng, 111, 289, 2))
    if level == 3:
        return _measures_decimal_add(
            rng, _random_dp(rng, 101, 2999, 3), _random_dp(rng, 11, 99, rng.choice((1, 2)))
        )
    unit = rng.choice(sorted(_TAKE_STORY))
    start = _random_dp(rng, 15, 49, 1)
    first, second = _random_dp(rng, 11, 99, 2), _random_dp(rng, 101, 499, 3)
    left = start - first - second
    if left <= 0:
        raise Resample
    name = _name(rng)
    stems = {
        "m": f"A rope is {_measure(start, 'm')} long. {name} cuts off {_measure(first, 'm')} "
        f"and then {_measure(second, 'm')}. How long is the rope now?",
        "kg": f"A sack holds {_measure(start, 'kg')} of rice. {name} takes out "
        f"{_measure(first, 'kg')} and then {_measure(second, 'kg')}. How much rice is left?",
        "l": f"A jug holds {_measure(start, 'l')} of water. {name} pours out "
        f"{_measure(first, 'l')} and then {_measure(second, 'l')}. How much water is left?",
    }
    return Draft(
        prompt=stems[unit],
        answer=_decimal(left, unit),
        params={"start": str(start), "first": str(first), "second": str(second)},
        bugs={
            "SUBTRACTED_ONE_ONLY": canon_decimal(start - first),
            "DEC_RIGHT_ALIGNED": canon_decimal(start - _right_aligned_sum(first, second)),
        },
    )


_SCALE_ONE = {
    "kg": "One bag of rice weighs {a}. How much do {n} bags weigh altogether?",
    "l": "One bottle holds {a} of juice. How much juice do {n} bottles hold?",
    "m": "One strip of tape is {a} long. How long are {n} strips laid end to end?",
}
_SHARE = {
    "m": "A ribbon {a} long is cut into {n} equal pieces. How long is each piece?",
    "kg": "{a} of sand is shared equally into {n} buckets. How much sand is in each bucket?",
    "l": "{a} of juice is poured equally into {n} jugs. How much juice is in each jug?",
}
_RECIPE = (("flour", "g"), ("milk", "ml"), ("butter", "g"), ("sugar", "g"), ("water", "ml"))
_RECIPE_SCALES = ((2, 3), (2, 5), (4, 6), (4, 10), (3, 5), (5, 8), (6, 9))
_SCALE_MANY = {
    "l": "{n1} bottles hold {a} altogether. How much do {n2} of the same bottles hold?",
    "kg": "{n1} tins weigh {a} altogether. How much do {n2} of the same tins weigh?",
    "m": "{n1} tiles in a row are {a} long. How long is a row of {n2} of the same tiles?",
}


def _measures_y5_operations(level: int, rng: random.Random) -> Draft:
    """Four operations on measures in decimal notation, including scaling (Y5-ME-07)."""
    if level == 1:
        unit = rng.choice(sorted(_SCALE_ONE))
        each, count = _random_dp(rng, 2, 9, 1), rng.randint(3, 9)
        total = each * count
        if total == total.to_integral_value():
            raise Resample
        return Draft(
            prompt=_SCALE_ONE[unit].format(a=_measure(each, unit), n=count),
            answer=_decimal(total, unit),
            params={"each": str(each), "count": count},
            bugs={
                "DEC_POINT_LOST": canon_decimal(total * 10),
                "ADD_FOR_MULT": canon_decimal(each + count),
            },
        )
    if level == 2:
        unit = rng.choice(sorted(_SHARE))
        each = _random_dp(rng, 2, 29, 1)
        count = rng.randint(3, 8)
        total = each * count
        return Draft(
            prompt=_SHARE[unit].format(a=_measure(total, unit), n=count),
            answer=_decimal(each, unit),
            params={"total": str(total), "count": count},
            bugs={
                "DEC_POINT_MISPLACED": canon_decimal(each * 10),
                "OP_SWAP": canon_decimal(total * count),
            },
        )
    if level == 3:
        ingredient, unit = rng.choice(_RECIPE)
        first, second = rng.choice(_RECIPE_SCALES)
        each = rng.choice((15, 20, 25, 30, 40, 50, 60, 75))
        amount = each * first
        return Draft(
            prompt=f"A recipe for {first} people uses {amount} {unit} of {ingredient}. "
            f"How much {ingredient} is needed for {second} people?",
            answer=_integer(each * second, unit),
            params={"first": first, "second": second, "amount": amount},
            bugs={"ADDITIVE_SCALING": canon_integer(amount + second - first)},
        )
    unit = rng.choice(sorted(_SCALE_MANY))
    first, second = rng.choice(((4, 6), (5, 8), (4, 7), (5, 3), (6, 9), (8, 5)))
    each = _random_dp(rng, 3, 19, 1)
    total, right = each * first, each * second
    if right == right.to_integral_value():
        raise Resample
    return Draft(
        prompt=_SCALE_MANY[unit].format(n1=first, n2=second, a=_measure(total, unit)),
        answer=_decimal(right, unit),
        params={"first": first, "second": second, "total": str(total)},
        bugs={"ADDITIVE_SCALING": canon_decimal(total + second - first)}
        if total + second - first > 0
        else {},
    )


_CONVERT_PAIRS = (("kg", "g"), ("l", "ml"), ("km", "m"))


def _measures_y6(level: int, rng: random.Random) -> Draft:
    """Calculate with and convert measures, using up to three decimal places (Y6-ME-01)."""
    big, small = rng.choice(_CONVERT_PAIRS)
    if level == 1:
        whole = rng.choice((_random_dp(rng, 11, 49, 1), _random_dp(rng, 101, 499, 2)))
        part = rng.randrange(110, 1000, 5)
        if part % 100 == 0:
            raise Resample
        return Draft(
            prompt=f"{_measure(whole, big)} + {_measure(part, small)} = □ {small}",
            answer=_integer(int(whole * 1000) + part, small),
            params={"whole": str(whole), "part": part},
            bugs={
                "UNIT_IGNORED": canon_decimal(whole + part),
                "CONVERSION_FACTOR": canon_decimal(whole * 100 + part),
            },
        )
    if level == 2:
        whole = _random_dp(rng, 15, 95, 1)
        part = rng.randrange(110, 1000, 10)
        right = whole - Decimal(part) / 1000
        if right <= 0 or right == right.to_integral_value():
            raise Resample
        bugs = {"DEC_POINT_MISPLACED": canon_decimal(whole - Decimal(part) / 10000)}
        if whole - Decimal(part) / 100 > 0:
            bugs["CONVERSION_FACTOR"] = canon_decimal(whole - Decimal(part) / 100)
        return Draft(
            prompt=f"{_measure(whole, big)} − {_measure(part, small)} = □ {big}",
            answer=_decimal(right, big),
            params={"whole": str(whole), "part": part},
            bugs=bugs,
        )
    if level == 3:
        jug = _random_dp(rng, 15, 30, 1)
        glass, count = rng.randrange(150, 310, 10), rng.randint(2, 8)
        left = int(jug * 1000) - glass * count
        if left <= 0:
            raise Resample
        bugs = {"SUBTRACTED_ONE_ONLY": canon_integer(int(jug * 1000) - glass)}
        if int(jug * 100) > glass * count:
            bugs["CONVERSION_FACTOR"] = canon_integer(int(jug * 100) - glass * count)
        return Draft(
            prompt=f"A jug holds {_measure(jug, 'l')} of water. {_name(rng)} fills {count} "
            f"glasses with {glass} ml each. How much water is left in the jug, in ml?",
            answer=_integer(left, "ml"),
            params={"jug": str(jug), "glass": glass, "count": count},
            bugs=bugs,
        )
    first, third = _random_dp(rng, 101, 299, 2), _random_dp(rng, 2, 9, 1)
    middle = rng.randrange(105, 1000, 5)
    total = first + Decimal(middle) / 1000 + third
    if total == total.to_integral_value() or middle % 100 == 0:
        raise Resample
    return Draft(
        prompt=f"Three parcels weigh {_measure(first, 'kg')}, {_measure(middle, 'g')} and "
        f"{_measure(third, 'kg')}. What is their total mass in kg?",
        answer=_decimal(total, "kg"),
        params={"first": str(first), "middle": middle, "third": str(third)},
        bugs={
            "UNIT_IGNORED": canon_decimal(first + middle + third),
            "CONVERSION_FACTOR": canon_decimal(first + Decimal(middle) / 100 + third),
        },
    )


_MEASURES: dict[str, Generator] = {
    "Y1-ME-01": _measures_y1,
    "Y2-ME-02": _measures_y2,
    "Y3-ME-01": _measures_y3,
    "Y4-FR-10": _measures_y4_decimals,
    "Y4-ME-04": _measures_y4,
    "Y5-FR-10": _measures_y5_decimals,
    "Y5-ME-07": _measures_y5_operations,
    "Y6-ME-01": _measures_y6,
}


@family("MEASURES", objectives=tuple(_MEASURES))
def measures(objective: str, level: int, rng: random.Random) -> Draft:
    return _MEASURES[objective](level, rng)


# --- MONEY ------------------------------------------------------------------------------------

_PENCE_COINS = (1, 2, 5, 10, 20, 50)
_SMALL_ITEMS = ("an apple", "a banana", "a pencil", "a rubber", "a sticker", "a lolly", "a ruler")
_ITEMS = (
    "a sandwich",
    "a drink",
    "a book",
    "a cap",
    "a torch",
    "a puzzle",
    "a kite",
    "a lunchbox",
    "a notebook",
    "a scarf",
    "a plant",
    "a football",
)
_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def _coin(pence: int) -> str:
    return _money_text(pence, "whole")


def _two_items(rng: random.Random, bank: Sequence[str] = _ITEMS) -> tuple[str, str]:
    first, second = rng.sample(list(bank), 2)
    return first, second


def _coins_making(rng: random.Random, target: int, coins: Sequence[int]) -> list[int]:
    """A random handful (2-4) of the given coins worth ``target``."""
    for _ in range(50):
        chosen: list[int] = []
        while sum(chosen) < target and len(chosen) < 4:
            chosen.append(rng.choice([c for c in coins if c <= target - sum(chosen)] or [0]))
        if sum(chosen) == target and len(chosen) >= 2 and 0 not in chosen:
            return sorted(chosen, reverse=True)
    raise Resample


def _coin_set_text(coins: Iterable[int]) -> str:
    return ", ".join(_coin(c) for c in sorted(coins, reverse=True))


def _coin_sets_choice(rng: random.Random, prompt: str, target: int, params: Mapping) -> Draft:
    coins = [c for c in (1, 2, 5, 10, 20, 50) if c < target]
    right = _coins_making(rng, target, coins)
    wrong: list[str] = []
    for _ in range(40):
        changed = list(right)
        changed[rng.randrange(len(changed))] = rng.choice(coins)
        if sum(changed) != target and _coin_set_text(changed) not in wrong:
            wrong.append(_coin_set_text(changed))
        if len(wrong) == 3:
            break
    return _choice(rng, prompt, _coin_set_text(right), fillers=wrong, params=params)


def _money_y1(level: int, rng: random.Random) -> Draft:
    """Values of coins and notes, by name (Y1-ME-03)."""
    more = rng.random() < 0.5
    ask = "more" if more else "less"
    if level in (1, 2):
        count = level + 1
        coins = rng.sample(_PENCE_COINS, count)
        texts = [_coin(c) for c in coins]
        high, low = _coin(max(coins)), _coin(min(coins))
        right, wrong = (high, low) if more else (low, high)
        if count == 2:
            prompt = f"Which coin is worth {ask}: {texts[0]} or {texts[1]}?"
        else:
            word = "the most" if more else "the least"
            prompt = f"Which coin is worth {word}: {texts[0]}, {texts[1]} or {texts[2]}?"
        return _choice(rng, prompt, right, {"COMPARE_REVERSED": wrong}, texts, {"coins": coins})
    if level == 3:
        pounds = rng.choice((1, 2, 5, 10, 20))
        pence = rng.choice([c for c in (2, 5, 10, 20, 50) if c > pounds])
        texts = [f"£{pounds}", f"{pence}p"]
        rng.shuffle(texts)
        right, wrong = (f"£{pounds}", f"{pence}p") if more else (f"{pence}p", f"£{pounds}")
        return _choice(
            rng,
            f"Which is worth {ask}: {texts[0]} or {texts[1]}?",
            right,
            {"PENCE_POUND_CONFUSION": wrong},
            texts,
            {"pounds": pounds, "pence": pence},
        )
    big = rng.choice((10, 20, 50, 100))
    small = rng.choice([c for c in (1, 2, 5, 10, 20) if c < big])
    count = rng.randint(2, 5)
    if count * small >= big:
        raise Resample
    one = f"one {_coin(big)} coin"
    many = f"{_NUMBER_WORDS[count]} {_coin(small)} coins"
    return _choice(
        rng,
        f"Which is worth more: {one} or {many}?",
        one,
        {"COIN_COUNT_NOT_VALUE": many},
        ("They are worth the same",),
        {"big": big, "small": small, "count": count},
        count=3,
    )


def _money_y2_symbols(level: int, rng: random.Random) -> Draft:
    """Use £ and p and combine amounts to make a value (Y2-ME-03)."""
    name = _name(rng)
    if level == 1:
        coins = sorted(rng.sample((1, 2, 5, 10, 20, 50), 3), reverse=True)
        listed = ", ".join(f"a {_coin(c)} coin" for c in coins[:-1])
        return Draft(
            prompt=f"{name} has {listed} and a {_coin(coins[-1])} coin. "
            "How much money is that altogether?",
            answer=_money(sum(coins), "p"),
            params={"coins": coins},
            bugs={"COIN_COUNT_NOT_VALUE": canon_money(len(coins))},
        )
    if level == 2:
        pounds = rng.choice((100, 200, 500))
        coins = sorted(rng.sample((5, 10, 20, 50), 2), reverse=True)
        total = pounds + sum(coins)
        what = "note" if pounds == 500 else "coin"
        return Draft(
            prompt=f"{name} has a {_coin(pounds)} {what}, a {_coin(coins[0])} coin and a "
            f"{_coin(coins[1])} coin. How much money is that in pounds?",
            answer=_money(total),
            params={"pounds": pounds, "coins": coins},
            bugs={
                "PENCE_POUND_CONFUSION": _pounds_typed_as_pence(total),
                "UNIT_IGNORED": canon_money((pounds // 100 + sum(coins)) * 100),
            },
        )
    if level == 3:
        target = rng.randrange(20, 101, 10)
        return _coin_sets_choice(
            rng, f"Which set of coins makes exactly {_coin(target)}?", target, {"target": target}
        )
    known = sorted(rng.sample((2, 5, 10, 20, 50), 2), reverse=True)
    missing = rng.choice((2, 5, 10, 20, 50))
    target = sum(known) + missing
    if target > 100:
        raise Resample
    return Draft(
        prompt=f"Which coin is missing?  {_coin(known[0])} + {_coin(known[1])} + □ = "
        f"{_coin(target)}",
        answer=_money(missing, "p"),
        params={"known": known, "target": target},
        bugs={"OP_SWAP": canon_money(target + sum(known))},
    )


def _fewest_coins(pence: int) -> int:
    count = 0
    for coin in (200, 100, 50, 20, 10, 5, 2, 1):
        count += pence // coin
        pence %= coin
    return count


def _money_y2_combinations(level: int, rng: random.Random) -> Draft:
    """Different coins that make the same amount (Y2-ME-04)."""
    if level == 1:
        target = rng.choice((10, 20, 50, 100))
        return _coin_sets_choice(
            rng,
            f"Which set of coins is worth the same as one {_coin(target)} coin?",
            target,
            {"target": target},
        )
    if level in (2, 3):
        amount = rng.randint(11, 49) if level == 2 else rng.randint(51, 99)
        fewest = _fewest_coins(amount)
        if fewest < (2 if level == 2 else 4):
            raise Resample
        return Draft(
            prompt=f"What is the smallest number of coins that make {amount}p?",
            answer=_integer(fewest),
            params={"amount": amount},
        )
    small, big = rng.choice(((2, 5), (5, 10), (10, 20), (5, 20), (10, 50)))
    amount = rng.randrange(big, 4 * big + 1, small)
    ways = sum(1 for k in range(amount // big + 1) if (amount - k * big) % small == 0)
    if not 2 <= ways <= 5 or amount > 100:
        raise Resample
    return Draft(
        prompt=f"How many different ways can you make {_coin(amount)} using only {_coin(small)} "
        f"and {_coin(big)} coins? You can use as many of each as you like, and you do not have "
        "to use both.",
        answer=_integer(ways),
        params={"amount": amount, "small": small, "big": big},
    )


def _money_y2_problems(level: int, rng: random.Random) -> Draft:
    """Money problems in one unit, including change (Y2-ME-05)."""
    name = _name(rng)
    first, second = _two_items(rng, _SMALL_ITEMS)
    if level == 1:
        a, b = rng.randint(11, 59), rng.randint(11, 59)
        if a + b > 99 or a % 10 + b % 10 > 9 or a == b:
            raise Resample
        return Draft(
            prompt=f"{name} buys {first} for {a}p and {second} for {b}p. "
            "How much does that cost altogether?",
            answer=_money(a + b, "p"),
            params={"a": a, "b": b},
            bugs={"OP_SWAP": canon_money(abs(a - b))},
        )
    if level in (2, 3):
        paid = 50 if level == 2 else 100
        cost = rng.randint(11, paid - 6)
        if cost % 10 == 0:
            raise Resample
        coin = "a 50p coin" if paid == 50 else "a £1 coin"
        return Draft(
            prompt=f"{name} buys {first} for {cost}p and pays with {coin}. "
            "How much change does " + name + " get?",
            answer=_money(paid - cost, "p"),
            params={"cost": cost, "paid": paid},
            bugs={
                "CHANGE_ADDED": canon_money(paid + cost),
                "SUB_SMALLER_FROM_LARGER": canon_money(_sub_smaller_from_larger(paid, cost)),
            },
        )
    first, second = _two_items(rng)
    note = rng.choice((10, 20))
    a, b = rng.randint(2, 9), rng.randint(2, 9)
    if a + b >= note:
        raise Resample
    return Draft(
        prompt=f"{name} buys {first} for £{a} and {second} for £{b}. {name} pays with a "
        f"£{note} note. How much change is that?",
        answer=_money((note - a - b) * 100),
        params={"a": a, "b": b, "note": note},
        bugs={
            "CHANGE_ADDED": canon_money((note + a + b) * 100),
            "SUBTRACTED_ONE_ONLY": canon_money((note - a) * 100),
        },
    )


def _price(rng: random.Random, low: int, high: int) -> int:
    """A price in pence between low and high that is not a whole number of pounds or 10p."""
    while True:
        pence = rng.randrange(low, high, 5)
        if pence % 10:
            return pence


def _money_y3(level: int, rng: random.Random) -> Draft:
    """Add and subtract amounts in £ and p, and give change (Y3-ME-03)."""
    name = _name(rng)
    first, second = _two_items(rng)
    if level in (1, 2):
        a, b = rng.randrange(105, 500, 5), rng.randrange(105, 500, 5)
        if a % 100 == 0 or b % 100 == 0:
            raise Resample
        carry = a % 100 + b % 100 >= 100
        if carry != (level == 2) or (level == 1 and _add_no_carry(a, b) != a + b):
            raise Resample
        bugs = {"PENCE_POUND_CONFUSION": _pounds_typed_as_pence(a + b)}
        if level == 1:
            bugs["OP_SWAP"] = canon_money(abs(a - b))
        else:
            bugs["ADD_NO_CARRY"] = canon_money(_add_no_carry(a, b))
        return Draft(
            prompt=f"{first.capitalize()} costs {_money_text(a)} and {second} costs "
            f"{_money_text(b)}. How much do they cost altogether?",
            answer=_money(a + b),
            params={"a": a, "b": b},
            bugs=bugs,
        )
    note = rng.choice((500, 1000))
    if level == 3:
        cost = _price(rng, 105, note - 50)
        naive = _sub_smaller_from_larger(note, cost)
        return Draft(
            prompt=f"{name} buys {first} for {_money_text(cost)} and pays with a "
            f"{_coin(note)} note. How much change does {name} get?",
            answer=_money(note - cost),
            params={"cost": cost, "note": note},
            bugs={
                "CHANGE_ADDED": canon_money(note + cost),
                "SUB_SMALLER_FROM_LARGER": canon_money(naive),
            },
        )
    pounds, pence = _price(rng, 105, 300), rng.randrange(15, 100, 5)
    return Draft(
        prompt=f"{name} buys {first} for {_money_text(pounds)} and {second} for {pence}p, "
        f"and pays with a {_coin(note)} note. How much change does {name} get?",
        answer=_money(note - pounds - pence),
        params={"pounds": pounds, "pence": pence, "note": note},
        bugs={
            "CHANGE_ADDED": canon_money(note + pounds + pence),
            "SUBTRACTED_ONE_ONLY": canon_money(note - pounds),
        },
    )


_UNIT_FRACTIONS = (2, 3, 4, 5, 10)
_NON_UNIT = (Fraction(3, 4), Fraction(2, 3), Fraction(2, 5), Fraction(3, 5), Fraction(3, 10))


def _money_y4_decimals(level: int, rng: random.Random) -> Draft:
    """Money problems with decimals to two places and simple fractions (Y4-FR-10)."""
    name = _name(rng)
    if level == 1:
        a, b = _price(rng, 105, 1000), _price(rng, 105, 1000)
        if _add_no_carry(a, b) == a + b:
            raise Resample
        first, second = _two_items(rng)
        return Draft(
            prompt=f"{first.capitalize()} costs {_money_text(a)} and {second} costs "
            f"{_money_text(b)}. What is the total cost?",
            answer=_money(a + b),
            params={"a": a, "b": b},
            bugs={
                "ADD_NO_CARRY": canon_money(_add_no_carry(a, b)),
                "PENCE_POUND_CONFUSION": _pounds_typed_as_pence(a + b),
            },
        )
    if level == 2:
        has, spent = _price(rng, 505, 2000), _price(rng, 105, 500)
        naive = _sub_smaller_from_larger(has, spent)
        if naive == has - spent:
            raise Resample
        return Draft(
            prompt=f"{name} has {_money_text(has)} and spends {_money_text(spent)}. "
            f"How much money does {name} have left?",
            answer=_money(has - spent),
            params={"has": has, "spent": spent},
            bugs={
                "SUB_SMALLER_FROM_LARGER": canon_money(naive),
                "OP_SWAP": canon_money(has + spent),
            },
        )
    if level == 3:
        parts = rng.choice(_UNIT_FRACTIONS)
        share = rng.randrange(15, 260, 5)
        amount = share * parts
        if amount % 100 == 0:
            raise Resample
        return Draft(
            prompt=f"What is 1/{parts} of {_money_text(amount, '£')}?",
            answer=_money(share),
            params={"parts": parts, "amount": amount},
            bugs={
                "PENCE_POUND_CONFUSION": _pounds_typed_as_pence(share),
                "OP_SWAP": canon_money(amount * parts),
            },
        )
    fraction = rng.choice(_NON_UNIT)
    unit = rng.randrange(20, 300, 5)
    amount = unit * fraction.denominator
    spent = unit * fraction.numerator
    return Draft(
        prompt=f"{name} has {_money_text(amount, '£')} and spends {fraction} of it. "
        f"How much money does {name} have left?",
        answer=_money(amount - spent),
        params={"fraction": str(fraction), "amount": amount},
        bugs={"OTHER_PART": canon_money(spent), "UNIT_ONLY": canon_money(unit)},
    )


def _money_y4(level: int, rng: random.Random) -> Draft:
    """Estimate, compare and calculate with money in pounds and pence (Y4-ME-04)."""
    name = _name(rng)
    if level == 1:
        pounds = rng.randrange(150, 1000, 5)
        pence = pounds if rng.random() < 0.3 else rng.randrange(101, pounds, 1)
        texts = [_money_text(pounds, "£"), f"{pence}p"]
        rng.shuffle(texts)
        same = "They are worth the same"
        return _choice(
            rng,
            f"Which is worth more: {texts[0]} or {texts[1]}?",
            same if pence == pounds else _money_text(pounds, "£"),
            {"UNIT_IGNORED": f"{pence}p"},
            (same, *texts),
            {"pounds": pounds, "pence": pence},
            count=3,
        )
    if level == 2:
        prices = [_price(rng, 105, 1000) for _ in range(3)]
        things = rng.sample(_ITEMS, 3)
        total = sum(prices)
        listed = ", ".join(f"{t} for {_money_text(p)}" for t, p in zip(things, prices, strict=True))
        return Draft(
            prompt=f"{name} buys {listed}. What is the total cost?",
            answer=_money(total),
            params={"prices": prices},
            bugs={
                "ADD_NO_CARRY": canon_money(_add_no_carry(*prices)),
                "PENCE_POUND_CONFUSION": _pounds_typed_as_pence(total),
            },
        )
    if level == 3:
        prices = []
        for _ in range(3):
            pounds, off = rng.randint(1, 9), rng.randint(1, 9)
            prices.append(pounds * 100 + (off if rng.random() < 0.5 else -off))
        estimate = sum(round(p / 100) for p in prices)
        truncated = sum(p // 100 for p in prices)
        listed = ", ".join(_money_text(p, "£") for p in prices[:-1])
        return _choice(
            rng,
            f"{name} buys three things costing {listed} and {_money_text(prices[-1], '£')}. "
            "Which is the best estimate of the total cost?",
            f"£{estimate}",
            {"ROUND_TRUNCATE": f"£{truncated}"},
            (f"£{estimate + 2}", f"£{estimate - 2}", f"£{estimate * 10}"),
            {"prices": prices},
        )
    small, big = rng.choice(((4, 6), (3, 5), (2, 5), (4, 10), (5, 8)))
    each_small = rng.randrange(30, 100, 5)
    each_big = each_small - rng.randrange(5, 20, 5)
    thing = rng.choice(("pens", "pencils", "rubbers", "stickers", "badges"))
    return Draft(
        prompt=f"A pack of {small} {thing} costs {_money_text(small * each_small, '£')}. A pack of "
        f"{big} {thing} costs {_money_text(big * each_big, '£')}. How much more does one of the "
        f"{thing} cost in the pack of {small} than in the pack of {big}?",
        answer=_money(each_small - each_big, "p"),
        params={"small": small, "big": big, "each_small": each_small, "each_big": each_big},
    )


_THINGS = (
    ("pencil", "pencils"),
    ("cake", "cakes"),
    ("ticket", "tickets"),
    ("notebook", "notebooks"),
    ("plant", "plants"),
    ("sandwich", "sandwiches"),
    ("drink", "drinks"),
)


def _money_y5(level: int, rng: random.Random) -> Draft:
    """Money problems with the four operations, including scaling (Y5-ME-07)."""
    name = _name(rng)
    one, thing = rng.choice(_THINGS)
    if level == 1:
        each, count = _price(rng, 35, 300), rng.randint(3, 9)
        return Draft(
            prompt=f"One {one} costs {_money_text(each, '£')}. How much do {count} {thing} cost?",
            answer=_money(each * count),
            params={"each": each, "count": count},
            bugs={
                "ADD_FOR_MULT": canon_money(each + count * 100),
                "PENCE_POUND_CONFUSION": _pounds_typed_as_pence(each * count),
            },
        )
    if level == 2:
        count = rng.randint(3, 8)
        each = rng.randrange(24, 150, 2)
        total = each * count
        return Draft(
            prompt=f"{count} {thing} cost {_money_text(total, '£')} altogether. "
            "How much does one cost? Give your answer in pounds.",
            answer=_money(each),
            params={"total": total, "count": count},
            bugs={
                "PENCE_POUND_CONFUSION": _pounds_typed_as_pence(each),
                "OP_SWAP": canon_money(total * count),
            },
        )
    if level == 3:
        first, second = rng.choice(((6, 9), (4, 6), (3, 5), (5, 8), (4, 10), (6, 4), (8, 6)))
        each = rng.randrange(15, 95)
        total = each * first
        return Draft(
            prompt=f"{first} {thing} cost {_money_text(total, '£')}. "
            f"How much do {second} {thing} cost?",
            answer=_money(each * second),
            params={"first": first, "second": second, "total": total},
            bugs={"ADDITIVE_SCALING": canon_money(total + (second - first) * 100)}
            if total + (second - first) * 100 > 0
            else {},
        )
    (_, first), (_, second) = rng.sample(_THINGS, 2)
    a, b = _price(rng, 105, 300), _price(rng, 45, 150)
    m, n = rng.randint(2, 4), rng.randint(2, 4)
    note = 1000 if m * a + n * b < 1000 else 2000
    spent = m * a + n * b
    return Draft(
        prompt=f"{name} buys {m} {first} at {_money_text(a, '£')} each and {n} {second} at "
        f"{_money_text(b, '£')} each. "
        f"{name} pays with a {_coin(note)} note. How much change does {name} get?",
        answer=_money(note - spent),
        params={"a": a, "b": b, "m": m, "n": n, "note": note},
        bugs={
            "CHANGE_ADDED": canon_money(note + spent),
            "SUBTRACTED_ONE_ONLY": canon_money(note - m * a),
        },
    )


_MONEY: dict[str, Generator] = {
    "Y1-ME-03": _money_y1,
    "Y2-ME-03": _money_y2_symbols,
    "Y2-ME-04": _money_y2_combinations,
    "Y2-ME-05": _money_y2_problems,
    "Y3-ME-03": _money_y3,
    "Y4-FR-10": _money_y4_decimals,
    "Y4-ME-04": _money_y4,
    "Y5-ME-07": _money_y5,
}


@family("MONEY", objectives=tuple(_MONEY))
def money(objective: str, level: int, rng: random.Random) -> Draft:
    return _MONEY[objective](level, rng)


# --- time helpers -----------------------------------------------------------------------------

_HOUR_WORDS = (
    "twelve",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
)
_MINUTE_WORDS = {5: "five", 10: "ten", 15: "quarter", 20: "twenty", 25: "twenty-five", 30: "half"}
_MORNING_HOURS = (6, 7, 8, 9, 10)
_PM_HOURS = (13, 14, 15, 16, 19, 20, 21)


def _part_of_day(hour: int) -> str:
    if hour < 12:
        return "in the morning"
    return "in the afternoon" if hour < 18 else "in the evening"


def _clock_words(hour: int, minute: int, part: bool = True) -> str:
    """Analogue time in words: 'twenty to four in the afternoon' (minutes a multiple of 5)."""
    if minute == 0:
        words = f"{_HOUR_WORDS[hour % 12]} o'clock"
    elif minute <= 30:
        words = f"{_MINUTE_WORDS[minute]} past {_HOUR_WORDS[hour % 12]}"
    else:
        words = f"{_MINUTE_WORDS[60 - minute]} to {_HOUR_WORDS[(hour + 1) % 12]}"
    return f"{words} {_part_of_day(hour)}" if part else words


def _digital(hour: int, minute: int) -> str:
    return f"{hour:02d}:{minute:02d}"


def _twelve_hour(hour: int, minute: int) -> str:
    return f"{hour % 12 or 12}:{minute:02d} {'am' if hour < 12 else 'pm'}"


def _to_past_swap(hour: int, minute: int) -> str:
    """'twenty to four' read as 4:20: the named hour with the minute word as minutes past."""
    return canon_time(hour + 1, 60 - minute)


def _pm_add_10(hour: int, minute: int) -> str:
    """PM_ADD_10: 3 pm written as 13:00 (adds 10 instead of 12)."""
    return canon_time(hour - 2, minute)


# --- TIME-FORMAT ------------------------------------------------------------------------------


def _time_format_y3_clock(level: int, rng: random.Random) -> Draft:
    """12-hour and 24-hour clocks, o'clock and half past (Y3-ME-04)."""
    if level in (1, 2):
        hour, minute = rng.choice(_PM_HOURS), 0 if level == 1 else 30
        return Draft(
            prompt=f"Write {_twelve_hour(hour, minute)} as a 24-hour clock time.",
            answer=_time(hour, minute),
            params={"hour": hour, "minute": minute},
            bugs={"PM_ADD_10": _pm_add_10(hour, minute)},
        )
    if level == 3:
        hour, minute = rng.choice(_PM_HOURS), rng.choice((0, 30))
        return Draft(
            prompt=f"Write {_digital(hour, minute)} as a 12-hour clock time (am or pm).",
            answer=_time(hour, minute, "12h"),
            params={"hour": hour, "minute": minute},
            bugs={
                "PM_ADD_10": canon_time(hour + 2, minute),
                "AM_PM_SWAP": canon_time(hour - 12, minute),
            },
        )
    hour, minute = rng.choice((0, 12)), rng.choice((0, 30))
    flipped = canon_time(12 - hour, minute)
    if rng.random() < 0.5:
        if minute == 0:
            said = "midnight" if hour == 0 else "noon (midday)"
        else:
            said = "half past twelve " + ("at night" if hour == 0 else "in the afternoon")
        return Draft(
            prompt=f"Write {said} as a 24-hour clock time.",
            answer=_time(hour, minute),
            params={"hour": hour, "minute": minute},
            bugs={"MIDNIGHT_NOON": flipped},
        )
    return Draft(
        prompt=f"Write {_digital(hour, minute)} as a 12-hour clock time (am or pm).",
        answer=_time(hour, minute, "12h"),
        params={"hour": hour, "minute": minute},
        bugs={"MIDNIGHT_NOON": flipped},
    )


_DAY_EVENTS = (
    ("has breakfast", (7, 8)),
    ("starts school", (8, 9)),
    ("has lunch", (13,)),
    ("goes swimming", (15, 16, 17)),
    ("has dinner", (18, 19)),
    ("goes to bed", (19, 20)),
)


def _time_format_y3_am_pm(level: int, rng: random.Random) -> Draft:
    """am and pm, morning and afternoon, noon and midnight (Y3-ME-05)."""
    name = _name(rng)
    if level == 1:
        event, hours = rng.choice(_DAY_EVENTS)
        hour = rng.choice(hours)
        said = _clock_words(hour, 0, part=False)
        right, wrong = _twelve_hour(hour, 0), _twelve_hour((hour + 12) % 24, 0)
        when = _part_of_day(hour)
        return _choice(
            rng,
            f"{name} {event} at {said} {when}. Is that {right.split(':')[0]} am or "
            f"{right.split(':')[0]} pm?",
            right.replace(":00", ""),
            {"AM_PM_SWAP": wrong.replace(":00", "")},
            params={"hour": hour},
        )
    if level == 2:
        morning = (rng.randint(8, 11), rng.randrange(0, 60, 5))
        evening = (rng.randint(1, morning[0] - 1) + 12, rng.randrange(0, 60, 5))
        texts = [_twelve_hour(*morning), _twelve_hour(*evening)]
        rng.shuffle(texts)
        return _choice(
            rng,
            f"Which time is later in the day: {texts[0]} or {texts[1]}?",
            _twelve_hour(*evening),
            {"AM_PM_SWAP": _twelve_hour(*morning)},
            params={"morning": list(morning), "evening": list(evening)},
        )
    if level == 3:
        hour = rng.choice((13, 14, 15, 16, 19, 20))
        minute = rng.randrange(5, 60, 5)
        bugs = {"AM_PM_SWAP": canon_time(hour - 12, minute)}
        if minute > 30:
            bugs["TO_PAST_SWAP"] = _to_past_swap(hour, minute)
        return Draft(
            prompt=f"Write {_clock_words(hour, minute)} as a 12-hour clock time (am or pm).",
            answer=_time(hour, minute, "12h"),
            params={"hour": hour, "minute": minute},
            bugs=bugs,
        )
    gap = rng.randrange(5, 60, 5)
    after = rng.random() < 0.5
    base = rng.choice((0, 12))
    total = (base * 60 + (gap if after else -gap)) % (24 * 60)
    hour, minute = divmod(total, 60)
    said = "midnight" if base == 0 else "noon"
    return Draft(
        prompt=f"What time is {gap} minutes {'after' if after else 'before'} {said}? "
        "Write it as a 12-hour clock time (am or pm).",
        answer=_time(hour, minute, "12h"),
        params={"base": base, "gap": gap, "after": after},
        bugs={"MIDNIGHT_NOON": canon_time(hour + 12, minute)},
    )


def _time_format_y4(level: int, rng: random.Random) -> Draft:
    """Times in words and digital 12-hour and 24-hour clocks (Y4-ME-05)."""
    if level == 1:
        hour, minute = rng.choice(_PM_HOURS), rng.choice((15, 30, 45))
    elif level == 2:
        hour, minute = rng.choice(_PM_HOURS), rng.randrange(35, 60, 5)
    if level in (1, 2):
        bugs = {"PM_ADD_10": _pm_add_10(hour, minute)}
        if minute > 30:
            bugs["TO_PAST_SWAP"] = _to_past_swap(hour, minute)
        return Draft(
            prompt=f"Write {_clock_words(hour, minute)} as a 24-hour clock time.",
            answer=_time(hour, minute),
            params={"hour": hour, "minute": minute},
            bugs=bugs,
        )
    if level == 3:
        hour, minute = rng.choice(_PM_HOURS + _MORNING_HOURS), rng.randrange(35, 60, 5)
        right = _clock_words(hour, minute)
        bugs = {
            "TO_PAST_SWAP": f"{_clock_words(hour - 1, minute, part=False)} {_part_of_day(hour)}"
        }
        if hour > 12:
            bugs["PM_ADD_10"] = (
                f"{_clock_words(hour - 10, minute, part=False)} {_part_of_day(hour)}"
            )
        past = f"{_MINUTE_WORDS[60 - minute]} past {_HOUR_WORDS[(hour + 1) % 12]}"
        return _choice(
            rng,
            f"Which of these is the same time as {_digital(hour, minute)}?",
            right,
            bugs,
            (f"{past} {_part_of_day(hour)}", _clock_words((hour + 12) % 24, minute)),
            {"hour": hour, "minute": minute},
        )
    hour, minute = rng.choice((0, 12)), rng.randrange(5, 60, 5)
    flipped = canon_time(12 - hour, minute)
    if rng.random() < 0.5:
        return Draft(
            prompt=f"Write {_digital(hour, minute)} as a 12-hour clock time (am or pm).",
            answer=_time(hour, minute, "12h"),
            params={"hour": hour, "minute": minute},
            bugs={"MIDNIGHT_NOON": flipped},
        )
    words = _clock_words(hour, minute, part=False)
    when = "just after midnight" if hour == 0 else "just after midday"
    if minute > 30:
        hour = (hour - 1) % 24
        words = _clock_words(hour, minute, part=False)
        when = "just before midnight" if hour == 23 else "just before midday"
        flipped = canon_time((hour + 12) % 24, minute)
    return Draft(
        prompt=f"Write {words}, {when}, as a 24-hour clock time.",
        answer=_time(hour, minute),
        params={"hour": hour, "minute": minute},
        bugs={"MIDNIGHT_NOON": flipped},
    )


_TIME_FORMAT: dict[str, Generator] = {
    "Y3-ME-04": _time_format_y3_clock,
    "Y3-ME-05": _time_format_y3_am_pm,
    "Y4-ME-05": _time_format_y4,
}


@family("TIME-FORMAT", objectives=tuple(_TIME_FORMAT))
def time_format(objective: str, level: int, rng: random.Random) -> Draft:
    return _TIME_FORMAT[objective](level, rng)


# --- TIME-FACTS -------------------------------------------------------------------------------

_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_DAY_ROUTINE = (
    "wake up",
    "eat breakfast",
    "go to school",
    "eat lunch",
    "go home",
    "eat dinner",
    "go to bed",
)


def _cycle_choice(
    rng: random.Random, prompt: str, names: Sequence[str], start: int, step: int, params: Mapping
) -> Draft:
    """Which day or month is ``step`` places after (or before) ``start``; the swap goes the
    other way."""
    right = names[(start + step) % len(names)]
    swapped = names[(start - step) % len(names)]
    fillers = [names[(start + step + k) % len(names)] for k in (1, -1)] + [names[start]]
    return _choice(rng, prompt, right, {"BEFORE_AFTER_SWAP": swapped}, fillers, params)


def _time_facts_y1_events(level: int, rng: random.Random) -> Draft:
    """Before and after, yesterday, today and tomorrow (Y1-ME-04)."""
    today = rng.randrange(7)
    if level in (1, 2):
        tomorrow = level == 1
        question = "What day will it be tomorrow?" if tomorrow else "What day was it yesterday?"
        return _cycle_choice(
            rng,
            f"Today is {_DAYS[today]}. {question}",
            _DAYS,
            today,
            1 if tomorrow else -1,
            {"today": today},
        )
    if level == 3:
        chosen = sorted(rng.sample(range(len(_DAY_ROUTINE)), 4))
        events = [_DAY_ROUTINE[i] for i in chosen]
        return _order(
            rng, "Put these in the order they happen in a school day, first one first.", events
        )
    after = rng.random() < 0.5
    question = (
        "What day will it be the day after tomorrow?"
        if after
        else "What day was it the day before yesterday?"
    )
    return _cycle_choice(
        rng, f"Today is {_DAYS[today]}. {question}", _DAYS, today, 2 if after else -2, {}
    )


_CALENDAR_FACTS = (
    ("How many days are there in a week?", 7),
    ("How many months are there in a year?", 12),
    ("How many days are there in a weekend?", 2),
    ("How many days are there in two weeks?", 14),
)


def _time_facts_y1_dates(level: int, rng: random.Random) -> Draft:
    """Days of the week, weeks, months and years (Y1-ME-05)."""
    if level == 1:
        question, answer = rng.choice(_CALENDAR_FACTS)
        return Draft(prompt=question, answer=_integer(answer), params={"question": question})
    if level == 2:
        month, after = rng.randrange(12), rng.random() < 0.5
        word = "after" if after else "before"
        return _cycle_choice(
            rng,
            f"Which month comes just {word} {_MONTHS[month]}?",
            _MONTHS,
            month,
            1 if after else -1,
            {"month": month},
        )
    if level == 3:
        names, label = rng.choice(((_DAYS, "days"), (_MONTHS, "months")))
        picked = sorted(rng.sample(range(len(names)), 4))
        ordered = [names[i] for i in picked]
        first = "Monday" if names is _DAYS else "January"
        return _order(
            rng, f"Put these {label} in order, starting from {first}.", ordered, {"picked": picked}
        )
    gap = rng.randint(2, 4)
    month = rng.randrange(12 - gap, 12)
    return _cycle_choice(
        rng,
        f"It is {_MONTHS[month]}. Which month will it be in {gap} months' time?",
        _MONTHS,
        month,
        gap,
        {"month": month, "gap": gap},
    )


def _time_facts_y2(level: int, rng: random.Random) -> Draft:
    """Minutes in an hour and hours in a day (Y2-ME-08)."""
    if level == 1:
        if rng.random() < 0.5:
            return Draft(
                prompt="How many minutes are there in one hour?",
                answer=_minutes(60),
                bugs={"HOUR_AS_100_MIN": canon_integer(100)},
            )
        return Draft(prompt="How many hours are there in one day?", answer=_integer(24, "hours"))
    if level == 2:
        part, minutes = rng.choice((("half an hour", 30), ("a quarter of an hour", 15)))
        return Draft(
            prompt=f"How many minutes are there in {part}?",
            answer=_minutes(minutes),
            params={"part": part},
            bugs={"HOUR_AS_100_MIN": canon_integer(minutes * 100 // 60)},
        )
    if level == 3:
        hours = rng.randint(2, 5)
        if rng.random() < 0.7:
            return Draft(
                prompt=f"How many minutes are there in {hours} hours?",
                answer=_minutes(60 * hours),
                params={"hours": hours},
                bugs={"HOUR_AS_100_MIN": canon_integer(100 * hours)},
            )
        return Draft(
            prompt=f"How many hours are there in {hours} days?",
            answer=_integer(24 * hours, "hours"),
            params={"days": hours},
            bugs={"ADD_FOR_MULT": canon_integer(24 + hours)},
        )
    hours, minutes = rng.randint(1, 2), rng.randrange(5, 60, 5)
    return Draft(
        prompt=f"{hours} hour{'s' if hours > 1 else ''} {minutes} minutes = □ minutes",
        answer=_minutes(60 * hours + minutes),
        params={"hours": hours, "minutes": minutes},
        bugs={"HOUR_AS_100_MIN": canon_integer(100 * hours + minutes)},
    )


def _duration_text(seconds: int) -> str:
    minutes, rest = divmod(seconds, 60)
    parts = []
    if minutes:
        parts.append(f"{minutes} minute{'s' if minutes > 1 else ''}")
    if rest:
        parts.append(f"{rest} seconds")
    return " ".join(parts)


def _time_facts_y3_compare(level: int, rng: random.Random) -> Draft:
    """Record and compare times in seconds, minutes and hours (Y3-ME-05)."""
    if level == 1:
        minutes = rng.randint(1, 3)
        seconds = rng.randrange(max(minutes + 10, minutes * 60 - 55), minutes * 60, 5)
        texts = [_duration_text(minutes * 60), f"{seconds} seconds"]
        rng.shuffle(texts)
        return _choice(
            rng,
            f"Which is longer: {texts[0]} or {texts[1]}?",
            _duration_text(minutes * 60),
            {"UNIT_IGNORED": f"{seconds} seconds"},
            ("They are the same",),
            {"minutes": minutes, "seconds": seconds},
            count=3,
        )
    if level == 2:
        minutes = rng.randint(2, 9)
        return Draft(
            prompt=f"{minutes} minutes = □ seconds",
            answer=_integer(60 * minutes, "seconds"),
            params={"minutes": minutes},
            bugs={"TIME_BASE_10": canon_integer(100 * minutes)},
        )
    if level == 3:
        minutes, rest = rng.randint(1, 2), rng.randrange(10, 60, 5)
        real = minutes * 60 + rest
        seconds = rng.randrange(real + 5, min(real + 45, minutes * 100 + rest), 5)
        texts = [_duration_text(real), f"{seconds} seconds"]
        rng.shuffle(texts)
        return _choice(
            rng,
            f"Which is longer: {texts[0]} or {texts[1]}?",
            f"{seconds} seconds",
            {"TIME_BASE_10": _duration_text(real)},
            ("They are the same",),
            {"real": real, "seconds": seconds},
            count=3,
        )
    values = set()
    values.add(rng.choice((60, 120)))
    values.add(rng.choice((90, 100, 110)))
    while len(values) < 4:
        values.add(rng.randrange(45, 180, 5))
    ordered = sorted(values)
    texts = [_duration_text(v) if i % 2 else f"{v} seconds" for i, v in enumerate(ordered)]
    return _order(rng, "Put these times in order, shortest first.", texts, {"seconds": ordered})


def _time_facts_y3_calendar(level: int, rng: random.Random) -> Draft:
    """Seconds in a minute, days in each month, in a year and in a leap year (Y3-ME-06)."""
    if level == 1:
        if rng.random() < 0.5:
            return Draft(
                prompt="How many seconds are there in one minute?",
                answer=_integer(60, "seconds"),
                bugs={"TIME_BASE_10": canon_integer(100)},
            )
        return Draft(
            prompt="How many days are there in a year that is not a leap year?",
            answer=_integer(365, "days"),
            bugs={"DAYS_IN_MONTH": canon_integer(366)},
        )
    if level == 2:
        month = rng.choice([m for m in range(12) if m != 1])
        days = _DAYS_IN_MONTH[month]
        return Draft(
            prompt=f"How many days are there in {_MONTHS[month]}?",
            answer=_integer(days, "days"),
            params={"month": month},
            bugs={"DAYS_IN_MONTH": canon_integer(61 - days)},
        )
    if level == 3:
        question, answer, wrong = rng.choice(
            (
                ("How many days are there in February in a leap year?", 29, 28),
                ("How many days are there in February when it is not a leap year?", 28, 29),
                ("How many days are there in a leap year?", 366, 365),
            )
        )
        return Draft(
            prompt=question,
            answer=_integer(answer, "days"),
            params={"question": question},
            bugs={"DAYS_IN_MONTH": canon_integer(wrong)},
        )
    first = rng.choice([m for m in range(11) if 1 not in (m, m + 1)])
    count = rng.randint(2, 3)
    months = [(first + k) % 12 for k in range(count)]
    if 1 in months:
        raise Resample
    total = sum(_DAYS_IN_MONTH[m] for m in months)
    wrong = 30 * count if 30 * count != total else 31 * count
    named = ", ".join(_MONTHS[m] for m in months[:-1]) + f" and {_MONTHS[months[-1]]}"
    return Draft(
        prompt=f"How many days are there in {named} altogether?",
        answer=_integer(total, "days"),
        params={"months": months},
        bugs={"DAYS_IN_MONTH": canon_integer(wrong)},
    )


# (larger unit, smaller unit, factor, bug label for a decimal factor or None)
_TIME_UNITS = (
    ("hours", "minutes", 60, "HOUR_AS_100_MIN"),
    ("minutes", "seconds", 60, "TIME_BASE_10"),
    ("years", "months", 12, None),
    ("weeks", "days", 7, None),
)


def _time_conversion_draft(prompt: str, right: int, unit: str, params: Mapping, bugs: Mapping):
    return Draft(prompt=prompt, answer=_integer(right, unit), params=params, bugs=bugs)


def _time_facts_y4(level: int, rng: random.Random) -> Draft:
    """Hours to minutes, minutes to seconds, years to months, weeks to days (Y4-ME-06)."""
    big, small, factor, label = rng.choice(
        _TIME_UNITS[2:] if level == 1 else _TIME_UNITS[:2] if level == 2 else _TIME_UNITS
    )
    if level in (1, 2):
        count = rng.randint(2, 9)
        bugs = {"ADD_FOR_MULT": canon_integer(count + factor)}
        if label:
            bugs[label] = canon_integer(count * 100)
        return _time_conversion_draft(
            f"How many {small} are there in {count} {big}?",
            count * factor,
            small,
            {"count": count, "unit": big},
            bugs,
        )
    whole, rest = rng.randint(2, 9), rng.randint(1, factor - 1)
    bugs = {label: canon_integer(whole * 100 + rest)} if label else {}
    if level == 3:
        return _time_conversion_draft(
            f"{whole} {big} and {_plural(rest, small)} = □ {small}",
            whole * factor + rest,
            small,
            {"whole": whole, "rest": rest, "unit": big},
            bugs,
        )
    first, second = _two_names(rng)
    if big == "years":
        whole = rng.randint(7, 11)
    other = whole * factor + rest - rng.randint(2, factor + 5)
    right = whole * factor + rest - other
    stem = {
        "hours": "{a}'s coach journey took {w} hours and {r}. {b}'s took {o} minutes. "
        "How many minutes longer was {a}'s journey?",
        "minutes": "{a} took {w} minutes and {r} to finish a puzzle. {b} took {o} "
        "seconds. How many seconds longer did {a} take?",
        "years": "{a} is {w} years and {r} old. {b} is {o} months old. "
        "How many months older is {a}?",
        "weeks": "{a}'s holiday lasted {w} weeks and {r}. {b}'s lasted {o} days. "
        "How many days longer was {a}'s holiday?",
    }[big]
    return _time_conversion_draft(
        stem.format(a=first, b=second, w=whole, r=_plural(rest, small), o=other),
        right,
        small,
        {"whole": whole, "rest": rest, "other": other, "unit": big},
        {label: canon_integer(whole * 100 + rest - other)} if label else {},
    )


def _time_facts_y5(level: int, rng: random.Random) -> Draft:
    """Converting between units of time with larger numbers (Y5-ME-06)."""
    if level == 1:
        days = rng.randint(2, 7)
        return Draft(
            prompt=f"How many hours are there in {days} days?",
            answer=_integer(24 * days, "hours"),
            params={"days": days},
            bugs={"ADD_FOR_MULT": canon_integer(24 + days)},
        )
    if level == 2:
        question, answer, label, wrong = rng.choice(
            (
                ("How many minutes are there in one day?", 1440, "HOUR_AS_100_MIN", 2400),
                ("How many hours are there in one week?", 168, "ADD_FOR_MULT", 31),
            )
        )
        return Draft(
            prompt=question,
            answer=_integer(answer, "minutes" if "minutes" in question else "hours"),
            params={"question": question},
            bugs={label: canon_integer(wrong)},
        )
    if level == 3:
        hours = rng.randint(1, 4)
        return Draft(
            prompt=f"How many seconds are there in {hours} hour{'s' if hours > 1 else ''}?",
            answer=_integer(3600 * hours, "seconds"),
            params={"hours": hours},
            bugs={"TIME_BASE_10": canon_integer(10000 * hours)},
        )
    years = rng.randint(2, 4)
    return Draft(
        prompt=f"How many days are there in {years} years, if one of them is a leap year?",
        answer=_integer(365 * years + 1, "days"),
        params={"years": years},
        bugs={"DAYS_IN_MONTH": canon_integer(365 * years)},
    )


_TIME_FACTS: dict[str, Generator] = {
    "Y1-ME-04": _time_facts_y1_events,
    "Y1-ME-05": _time_facts_y1_dates,
    "Y2-ME-08": _time_facts_y2,
    "Y3-ME-05": _time_facts_y3_compare,
    "Y3-ME-06": _time_facts_y3_calendar,
    "Y4-ME-06": _time_facts_y4,
    "Y5-ME-06": _time_facts_y5,
}


@family("TIME-FACTS", objectives=tuple(_TIME_FACTS))
def time_facts(objective: str, level: int, rng: random.Random) -> Draft:
    return _TIME_FACTS[objective](level, rng)


# --- DURATION ---------------------------------------------------------------------------------

_STOPS = (
    "Station Road",
    "Market Square",
    "Park Lane",
    "Hospital",
    "Library",
    "Castle Street",
    "Riverside",
    "High Street",
    "Leisure Centre",
)
_BUS_NAMES = ("Bus A", "Bus B", "Bus C", "Bus D")


def _hm(minutes: int) -> tuple[int, int]:
    hours, rest = divmod(minutes, 60)
    return hours % 24, rest


def _clock(minutes: int) -> str:
    return _digital(*_hm(minutes))


def _base_10_gap(start: int, end: int) -> int:
    """TIME_BASE_10: end − start worked out on the clock digits as if they were numbers."""
    return (end // 60 * 100 + end % 60) - (start // 60 * 100 + start % 60)


def _timetable(
    rng: random.Random, stops: int, buses: int
) -> tuple[list[str], list[list[int]], tuple[tuple[str, ...], ...]]:
    """Stop names, departure times [stop][bus] in minutes after midnight, and the table."""
    names = rng.sample(_STOPS, stops)
    legs = [rng.randint(6, 25) for _ in range(stops - 1)]
    first = rng.randrange(7 * 60, 10 * 60, 5) + rng.randint(0, 4)
    gap = rng.choice((15, 20, 25, 30, 40))
    times = [[0] * buses for _ in range(stops)]
    for bus in range(buses):
        at = first + bus * gap
        for stop in range(stops):
            if stop:
                at += legs[stop - 1] + rng.randint(0, 4)
            times[stop][bus] = at
    header = ("Stop", *_BUS_NAMES[:buses])
    rows = tuple((names[s], *(_clock(t) for t in times[s])) for s in range(stops))
    return names, times, (header, *rows)


def _duration_y2(level: int, rng: random.Random) -> Draft:
    """Compare and order intervals of time (Y2-ME-06)."""
    if level == 1:
        hours = rng.randint(1, 2)
        minutes = rng.randrange(20, 60, 5)
        hour_text = f"{hours} hour{'s' if hours > 1 else ''}"
        texts = [hour_text, f"{minutes} minutes"]
        rng.shuffle(texts)
        return _choice(
            rng,
            f"Which is longer: {texts[0]} or {texts[1]}?",
            hour_text,
            {"UNIT_IGNORED": f"{minutes} minutes"},
            ("They are the same",),
            {"hours": hours, "minutes": minutes},
            count=3,
        )
    bank = [("a quarter of an hour", 15), ("half an hour", 30), ("1 hour", 60), ("2 hours", 120)]
    bank += [(f"{m} minutes", m) for m in (10, 20, 40, 45, 50)]
    if level == 2:
        longest = rng.random() < 0.5
        hour = rng.choice((("1 hour", 60), ("2 hours", 120)))
        others = rng.sample([b for b in bank if b[0].endswith("minutes")], 2)
        chosen = [hour, *others]
        rng.shuffle(chosen)
        pick = max if longest else min
        right = pick(chosen, key=lambda b: b[1])[0]
        biggest_number = max(others, key=lambda b: b[1]) if longest else hour
        word = "longest" if longest else "shortest"
        return _choice(
            rng,
            f"Which time is the {word}: {chosen[0][0]}, {chosen[1][0]} or {chosen[2][0]}?",
            right,
            {"UNIT_IGNORED": biggest_number[0]},
            [c[0] for c in chosen],
            {"minutes": [c[1] for c in chosen]},
        )
    if level == 3:
        chosen = sorted(rng.sample(bank, 4), key=lambda b: b[1])
        if len({b[1] for b in chosen}) < 4:
            raise Resample
        return _order(
            rng,
            "Put these lengths of time in order, shortest first.",
            [b[0] for b in chosen],
            {"minutes": [b[1] for b in chosen]},
        )
    done = rng.randrange(10, 60, 5)
    task = rng.choice(("A cake bakes", "A film lasts", "A football practice lasts"))
    return Draft(
        prompt=f"{task} for 1 hour. {done} minutes have gone by. How many more minutes are left?",
        answer=_minutes(60 - done),
        params={"done": done},
        bugs={"HOUR_AS_100_MIN": canon_integer(100 - done)},
    )


def _duration_y3_compare(level: int, rng: random.Random) -> Draft:
    """Record and compare durations in seconds, minutes and hours (Y3-ME-05)."""
    first, second = _two_names(rng)
    if level == 1:
        minutes = rng.randint(1, 2)
        seconds = rng.randrange(15, minutes * 60, 5)
        return Draft(
            prompt=f"How many seconds longer is {_duration_text(minutes * 60)} than "
            f"{seconds} seconds?",
            answer=_integer(minutes * 60 - seconds, "seconds"),
            params={"minutes": minutes, "seconds": seconds},
            bugs={"TIME_BASE_10": canon_integer(minutes * 100 - seconds)},
        )
    if level == 2:
        hours, rest = 1, rng.randrange(10, 60, 5)
        real = 60 * hours + rest
        other = rng.randrange(real + 5, min(real + 40, 100 * hours + rest), 5)
        return _choice(
            rng,
            f"{first} reads for {hours} hour {rest} minutes. {second} reads for {other} minutes. "
            "Who reads for longer?",
            second,
            {"TIME_BASE_10": first},
            params={"real": real, "other": other},
        )
    if level == 3:
        hours, rest = rng.randint(1, 2), rng.randrange(5, 60, 5)
        return Draft(
            prompt=f"A film is {hours} hour{'s' if hours > 1 else ''} and {rest} minutes long. "
            "How many minutes is that?",
            answer=_minutes(60 * hours + rest),
            params={"hours": hours, "rest": rest},
            bugs={"HOUR_AS_100_MIN": canon_integer(100 * hours + rest)},
        )
    minutes, rest = rng.randint(2, 4), rng.randint(1, 20)
    real = minutes * 60 + rest
    other = real - rng.randint(5, 40)
    return Draft(
        prompt=f"{first} ran a race in {minutes} minutes {_plural(rest, 'seconds')}. {second} took "
        f"{other} seconds. How many seconds quicker was {second}?",
        answer=_integer(real - other, "seconds"),
        params={"real": real, "other": other},
        bugs={"TIME_BASE_10": canon_integer(minutes * 100 + rest - other)},
    )


_ACTIVITIES = (
    "A swimming lesson",
    "A school trip",
    "A football match",
    "A baking class",
    "A music lesson",
    "A film",
)


def _duration_y3(level: int, rng: random.Random) -> Draft:
    """How long something took, from start and end times (Y3-ME-07)."""
    activity = rng.choice(_ACTIVITIES)
    if level == 4:
        start = rng.randrange(8 * 60, 12 * 60)
        length = rng.randint(15, 55)
        end = start + length
        if start % 60 + length < 60 or start % 5 == 0:
            raise Resample
        return Draft(
            prompt=f"{activity} starts at {_clock(start)} and lasts {length} minutes. "
            "What time does it finish?",
            answer=_time(*_hm(end)),
            params={"start": start, "length": length},
            bugs={"ADD_NO_CARRY": canon_time(start // 60, end % 60)},
        )
    step = 1 if level == 3 else 5
    start = rng.randrange(8 * 60, 12 * 60, step)
    length = rng.randrange(15, 90 if level == 3 else 60, step)
    end = start + length
    crosses = end // 60 != start // 60
    if crosses != (level > 1):
        raise Resample
    bugs = {"TIME_BASE_10": canon_integer(_base_10_gap(start, end))} if crosses else {}
    return Draft(
        prompt=f"{activity} starts at {_clock(start)} and finishes at {_clock(end)}. "
        "How many minutes does it last?",
        answer=_minutes(length),
        params={"start": start, "end": end},
        bugs=bugs,
    )


def _duration_y5(level: int, rng: random.Random) -> Draft:
    """Problems converting between units of time (Y5-ME-06)."""
    activity = rng.choice(_ACTIVITIES)
    if level == 1:
        hours, rest = rng.randint(1, 3), rng.randrange(5, 60, 5)
        total = 60 * hours + rest
        return Draft(
            prompt=f"{total} minutes = {hours} hour{'s' if hours > 1 else ''} and □ minutes",
            answer=_minutes(rest),
            params={"total": total},
            bugs={"HOUR_AS_100_MIN": canon_integer(total - 100 * hours)}
            if total > 100 * hours
            else {},
        )
    if level == 2:
        start = rng.randrange(13 * 60, 18 * 60)
        length = rng.randint(65, 150)
        end = start + length
        return Draft(
            prompt=f"A train leaves at {_clock(start)} and arrives at {_clock(end)}. "
            "How many minutes does the journey take?",
            answer=_minutes(length),
            params={"start": start, "end": end},
            bugs={"TIME_BASE_10": canon_integer(_base_10_gap(start, end))},
        )
    if level == 3:
        start = rng.randrange(14 * 60, 19 * 60, 5)
        length = rng.randrange(105, 200, 5)
        if length % 60 == 0:
            raise Resample
        misread = length // 100 * 60 + length % 100
        return Draft(
            prompt=f"{activity} starts at {_clock(start)} and lasts {length} minutes. "
            "What time does it finish? Use the 24-hour clock.",
            answer=_time(*_hm(start + length)),
            params={"start": start, "length": length},
            bugs={"HOUR_AS_100_MIN": canon_time(*_hm(start + misread))},
        )
    hours = rng.choice((Decimal("0.75"), Decimal("1.25"), Decimal("1.5"), Decimal("1.75")))
    hours += rng.randint(0, 1)
    start = rng.randrange(9 * 60, 15 * 60, 5)
    length = int(hours * 60)
    whole, fraction = divmod(hours, 1)
    misread = int(whole) * 60 + int(canon_decimal(fraction).split(".")[1].ljust(2, "0"))
    return Draft(
        prompt=f"A walk takes {number_text(hours)} hours. It starts at {_clock(start)}. "
        "What time does it finish? Use the 24-hour clock.",
        answer=_time(*_hm(start + length)),
        params={"hours": str(hours), "start": start},
        bugs={"HOUR_AS_100_MIN": canon_time(*_hm(start + misread))},
    )


def _duration_timetable(level: int, rng: random.Random) -> Draft:
    """Journey and waiting times read from a bus timetable (Y5-ST-02)."""
    names, times, table = _timetable(rng, 4, 3)
    bus = rng.randrange(3)
    if level in (1, 2):
        stop_a, stop_b = (0, 1) if level == 1 else (0, 3)
        start, end = times[stop_a][bus], times[stop_b][bus]
        crosses = start // 60 != end // 60
        if crosses != (level == 2):
            raise Resample
        bugs = {"TIME_BASE_10": canon_integer(_base_10_gap(start, end))} if crosses else {}
        return Draft(
            prompt=f"Look at the bus timetable. How many minutes does {_BUS_NAMES[bus]} take to "
            f"get from {names[stop_a]} to {names[stop_b]}?",
            answer=_minutes(end - start),
            params={"bus": bus, "times": times},
            bugs=bugs,
            table=table,
        )
    if level == 3:
        first, second = rng.sample(range(3), 2)
        a = times[3][first] - times[0][first]
        b = times[3][second] - times[0][second]
        if a < b + 2:
            raise Resample
        return Draft(
            prompt=f"Look at the bus timetable. How many minutes longer does {_BUS_NAMES[first]} "
            f"take than {_BUS_NAMES[second]} to get from {names[0]} to {names[3]}?",
            answer=_minutes(a - b),
            params={"first": first, "second": second, "times": times},
            bugs={"DIFF_AS_SUM": canon_integer(a + b)},
            table=table,
        )
    stop = rng.randrange(1, 4)
    arrive = times[stop][bus] + rng.randint(3, 12)
    if bus == 2:
        raise Resample
    wait = times[stop][bus + 1] - arrive
    other = (stop + 1) % 4 if stop < 3 else stop - 1
    bugs = {"READ_WRONG_ROW": canon_integer(times[other][bus + 1] - arrive)}
    if times[stop][bus + 1] // 60 != arrive // 60:
        bugs["TIME_BASE_10"] = canon_integer(_base_10_gap(arrive, times[stop][bus + 1]))
    if wait <= 0:
        raise Resample
    name = _name(rng)
    return Draft(
        prompt=f"Look at the bus timetable. {name} gets to {names[stop]} at {_clock(arrive)} "
        f"and catches the next bus. How many minutes does {name} wait?",
        answer=_minutes(wait),
        params={"stop": stop, "arrive": arrive, "times": times},
        bugs={k: v for k, v in bugs.items() if not v.startswith("-")},
        table=table,
    )


_DURATION: dict[str, Generator] = {
    "Y2-ME-06": _duration_y2,
    "Y3-ME-05": _duration_y3_compare,
    "Y3-ME-07": _duration_y3,
    "Y5-ME-06": _duration_y5,
    "Y5-ST-02": _duration_timetable,
}


@family("DURATION", objectives=tuple(_DURATION))
def duration(objective: str, level: int, rng: random.Random) -> Draft:
    return _DURATION[objective](level, rng)


# --- CONVERT-UNITS ----------------------------------------------------------------------------

_METRIC = (
    ("km", "m", 1000),
    ("m", "cm", 100),
    ("cm", "mm", 10),
    ("kg", "g", 1000),
    ("l", "ml", 1000),
)
_WRONG_FACTOR = {1000: 100, 100: 1000, 10: 100}


def _exact(value: Fraction) -> str | None:
    """The canonical decimal of a fraction, or None if it does not terminate."""
    try:
        return canon_decimal(value)
    except ValueError:
        return None


def _conversion(
    amount: Decimal, factor: int, down: bool, unit: str, prompt: str, params: Mapping
) -> Draft:
    """Convert ``amount`` by ``factor`` (down: to the smaller unit, so multiply)."""
    scale = Fraction(factor) if down else Fraction(1, factor)
    wrong = Fraction(_WRONG_FACTOR[factor]) if down else Fraction(1, _WRONG_FACTOR[factor])
    right = Fraction(amount) * scale
    bugs = {
        "CONVERSION_FACTOR": _exact(Fraction(amount) * wrong),
        "CONVERSION_DIRECTION": _exact(Fraction(amount) / scale),
    }
    return Draft(
        prompt=prompt,
        answer=_decimal(right, unit) if right.denominator != 1 else _integer(int(right), unit),
        params=dict(params),
        bugs={k: v for k, v in bugs.items() if v is not None},
    )


def _convert_y4(level: int, rng: random.Random) -> Draft:
    """Convert between units with whole numbers: km and m, kg and g, hours and minutes…
    (Y4-ME-01)."""
    if level in (1, 2):
        if rng.random() < 0.25:
            big, small, label = rng.choice(
                (("hours", "minutes", "HOUR_AS_100_MIN"), ("minutes", "seconds", "TIME_BASE_10"))
            )
            count = rng.randint(2, 9)
            if level == 1:
                return Draft(
                    prompt=f"{count} {big} = □ {small}",
                    answer=_integer(60 * count, small),
                    params={"count": count, "from": big},
                    bugs={label: canon_integer(100 * count)},
                )
            return Draft(
                prompt=f"{60 * count} {small} = □ {big}",
                answer=_integer(count, big),
                params={"count": count, "from": small},
                bugs={"CONVERSION_DIRECTION": canon_integer(3600 * count)},
            )
        big, small, factor = rng.choice(_METRIC)
        count = rng.randint(2, 9)
        if level == 1:
            return _conversion(
                Decimal(count), factor, True, small, f"{count} {big} = □ {small}", {"count": count}
            )
        return _conversion(
            Decimal(count * factor),
            factor,
            False,
            big,
            f"{_measure(count * factor, small)} = □ {big}",
            {"count": count},
        )
    big, small, factor = rng.choice(
        (("km", "m", 1000), ("kg", "g", 1000), ("l", "ml", 1000), ("m", "cm", 100))
    )
    whole = rng.randint(1, 5)
    if level == 3:
        small_part = factor == 100 or rng.random() < 0.4
        part = rng.randrange(10, 100, 5) if small_part else rng.randrange(105, factor, 5)
        bugs = {"CONVERSION_FACTOR": canon_integer(whole * _WRONG_FACTOR[factor] + part)}
        if len(str(part)) < len(str(factor)) - 1:
            bugs["ZERO_PLACEHOLDER"] = canon_integer(int(f"{whole}{part}"))
        return Draft(
            prompt=f"{whole} {big} {part} {small} = □ {small}",
            answer=_integer(whole * factor + part, small),
            params={"whole": whole, "part": part},
            bugs=bugs,
        )
    part = rng.randrange(105, factor, 5) if factor == 1000 else rng.randrange(15, 100, 5)
    name = _name(rng)
    stem = {
        "km": f"A path is {whole} km long. {name} has walked {part} m of it. "
        "How many metres are left to walk?",
        "kg": f"A bag holds {whole} kg of flour. {name} uses {part} g. How many grams are left?",
        "l": f"A bottle holds {whole} l of water. {name} drinks {part} ml. "
        "How many millilitres are left?",
        "m": f"A ribbon is {whole} m long. {name} cuts off {part} cm. "
        "How many centimetres are left?",
    }[big]
    return Draft(
        prompt=stem,
        answer=_integer(whole * factor - part, small),
        params={"whole": whole, "part": part},
        bugs={
            "UNIT_IGNORED": canon_integer(part - whole),
            "SUB_SMALLER_FROM_LARGER": canon_integer(
                _sub_smaller_from_larger(whole * factor, part)
            ),
        },
    )


# (larger unit, smaller unit, factor, bug label when the factor is taken as 100)
_TIME_PAIRS = (
    ("hours", "minutes", 60, "HOUR_AS_100_MIN"),
    ("minutes", "seconds", 60, "TIME_BASE_10"),
    ("weeks", "days", 7, None),
    ("years", "months", 12, None),
    ("days", "hours", 24, None),
)


def _convert_time_y4(level: int, rng: random.Random) -> Draft:
    """Hours, minutes, seconds, weeks, days, years and months, both ways (Y4-ME-06)."""
    big, small, factor, label = rng.choice(_TIME_PAIRS)
    count = rng.randint(2, 9)
    if level == 1:
        bugs = {label: canon_integer(100 * count)} if label else {}
        return Draft(
            prompt=f"{count} {big} = □ {small}",
            answer=_integer(count * factor, small),
            params={"count": count, "from": big},
            bugs={"ADD_FOR_MULT": canon_integer(count + factor), **bugs},
        )
    if level == 2:
        return Draft(
            prompt=f"{count * factor} {small} = □ {big}",
            answer=_integer(count, big),
            params={"count": count, "from": small},
            bugs={"CONVERSION_DIRECTION": canon_integer(count * factor * factor)},
        )
    rest = rng.randint(1, factor - 1)
    total = count * factor + rest
    if level == 3:
        bugs = {}
        if label and total - 100 * count > 0:
            bugs[label] = canon_integer(total - 100 * count)
        return Draft(
            prompt=f"{total} {small} = {count} {big} and □ {small}",
            answer=_integer(rest, small),
            params={"total": total, "from": small},
            bugs=bugs,
        )
    other = total - rng.randint(2, factor)
    bugs = {label: canon_integer(100 * count + rest - other)} if label else {}
    return Draft(
        prompt=f"How many {small} longer is {count} {big} and {_plural(rest, small)} than {other} "
        f"{small}?",
        answer=_integer(total - other, small),
        params={"count": count, "rest": rest, "other": other, "from": big},
        bugs=bugs,
    )


def _convert_y5_metric(level: int, rng: random.Random) -> Draft:
    """Metric conversions with decimals: 1.5 kg = 1,500 g; 250 cm = 2.5 m (Y5-ME-01)."""
    big, small, factor = rng.choice(_METRIC)
    if level == 1:
        count = rng.randint(2, 12)
        return _conversion(
            Decimal(count), factor, True, small, f"{count} {big} = □ {small}", {"count": count}
        )
    if level == 2:
        amount = _random_dp(rng, 11, 99, 1)
        draft = _conversion(
            amount,
            factor,
            True,
            small,
            f"{_measure(amount, big)} = □ {small}",
            {"amount": str(amount)},
        )
        return Draft(
            prompt=draft.prompt,
            answer=draft.answer,
            params=draft.params,
            bugs={**draft.bugs, "X10_APPEND_ZERO": canon_decimal(amount)},
        )
    places = 1 if level == 3 else 2
    if factor == 10 and places == 2:
        places = 1
    units = rng.randint(11, 99) if level == 3 else rng.randint(101, 999)
    amount = Decimal(units) * factor / 10**places
    if amount != int(amount):
        raise Resample
    value = amount / factor
    if value == int(value):
        raise Resample
    return _conversion(
        amount,
        factor,
        False,
        big,
        f"{_measure(int(amount), small)} = □ {big}",
        {"amount": int(amount)},
    )


# (imperial unit, metric unit, metric per imperial, statement)
_IMPERIAL = {
    "inches": ("cm", Decimal("2.5"), "1 inch is about 2.5 cm"),
    "feet": ("cm", Decimal(30), "1 foot is about 30 cm"),
    "pints": ("ml", Decimal(570), "1 pint is about 570 ml"),
    "gallons": ("litres", Decimal("4.5"), "1 gallon is about 4.5 litres"),
}


def _convert_imperial(level: int, rng: random.Random) -> Draft:
    """Approximate imperial-metric equivalences, with the relation stated (Y5-ME-02)."""
    if level == 2:
        kg = rng.randint(2, 12)
        pounds = Decimal("2.2") * kg
        return Draft(
            prompt=f"1 kg is about 2.2 pounds. About how many pounds is {kg} kg?",
            answer=_decimal(pounds, "pounds"),
            params={"kg": kg},
            bugs={
                "ADD_FOR_MULT": canon_decimal(Decimal("2.2") + kg),
                "DEC_POINT_LOST": canon_decimal(22 * kg),
            },
        )
    imperial = rng.choice(("inches", "feet") if level == 1 else sorted(_IMPERIAL))
    metric, factor, statement = _IMPERIAL[imperial]
    if level in (1, 3):
        count = rng.randint(2, 12)
        right = factor * count
        return Draft(
            prompt=f"{statement}. About how many {metric} is {count} {imperial}?",
            answer=_decimal(right, metric),
            params={"count": count, "unit": imperial},
            bugs=_known(
                ADD_FOR_MULT=canon_decimal(factor + count),
                CONVERSION_DIRECTION=_exact(Fraction(count) / Fraction(factor)),
            ),
        )
    count = rng.randint(2, 12)
    amount = factor * count
    return Draft(
        prompt=f"{statement}. About how many {imperial} is {_measure(amount, metric)}?",
        answer=_integer(count, imperial),
        params={"amount": str(amount), "unit": imperial},
        bugs={"CONVERSION_DIRECTION": canon_decimal(amount * factor)},
    )


def _convert_time_y5(level: int, rng: random.Random) -> Draft:
    """Time conversions with decimals: 2.5 hours = 150 minutes (Y5-ME-06)."""
    if level == 1:
        hours = rng.randint(2, 9)
        return Draft(
            prompt=f"{hours} hours = □ minutes",
            answer=_minutes(60 * hours),
            params={"hours": hours},
            bugs={"HOUR_AS_100_MIN": canon_integer(100 * hours)},
        )
    quarters = rng.choice((2, 6, 10, 5, 7, 9, 3))
    hours = Decimal(quarters) / 4
    minutes = 15 * quarters
    if level == 2:
        return Draft(
            prompt=f"{minutes} minutes = □ hours",
            answer=_decimal(hours, "hours"),
            params={"minutes": minutes},
            bugs={"HOUR_AS_100_MIN": canon_decimal(Decimal(minutes) / 100)},
        )
    if level == 3:
        whole, fraction = divmod(hours, 1)
        digits = canon_decimal(fraction).split(".")[1].ljust(2, "0") if fraction else "0"
        return Draft(
            prompt=f"{number_text(hours)} hours = □ minutes",
            answer=_minutes(minutes),
            params={"hours": str(hours)},
            bugs={"HOUR_AS_100_MIN": canon_integer(int(whole) * 60 + int(digits))},
        )
    big, small, label = rng.choice(
        (("hours", "minutes", "HOUR_AS_100_MIN"), ("minutes", "seconds", "TIME_BASE_10"))
    )
    part = rng.choice((15, 30, 45)) + 60 * rng.randint(0, 2)
    value = Fraction(part, 60)
    return Draft(
        prompt=f"{part} {small} = □ {big}",
        answer=_decimal(value, big),
        params={"part": part, "to": big},
        bugs={label: canon_decimal(Decimal(part) / 100)},
    )


def _convert_y5_problems(level: int, rng: random.Random) -> Draft:
    """Problems that mix a calculation with a conversion (Y5-ME-07)."""
    name = _name(rng)
    if level == 1:
        count = rng.randint(3, 8)
        each = rng.randrange(15, 95, 5)
        total = Decimal(each * count) / 100
        if total == int(total):
            raise Resample
        return Draft(
            prompt=f"A ribbon {_measure(total, 'm')} long is cut into {count} equal pieces. "
            "How many centimetres long is each piece?",
            answer=_integer(each, "cm"),
            params={"total": str(total), "count": count},
            bugs={
                "CONVERSION_FACTOR": canon_decimal(Decimal(each) / 10),
                "UNIT_IGNORED": canon_decimal(Decimal(each) / 100),
            },
        )
    if level == 2:
        glass = rng.choice((100, 125, 150, 200, 250, 300))
        count = rng.randint(3, 12)
        litres = Decimal(glass * count) / 1000
        return Draft(
            prompt=f"A bottle holds {_measure(litres, 'l')} of juice. How many {glass} ml glasses "
            "can be filled from it?",
            answer=_integer(count),
            params={"glass": glass, "litres": str(litres)},
            bugs={"CONVERSION_FACTOR": _exact(Fraction(glass * count, 10) / glass)},
        )
    if level == 3:
        each, count = Decimal(rng.randrange(105, 1000, 5)) / 1000, rng.randint(3, 9)
        grams = int(each * 1000) * count
        return Draft(
            prompt=f"A parcel weighs {_measure(each, 'kg')}. What do {count} of these parcels "
            "weigh altogether, in grams?",
            answer=_integer(grams, "g"),
            params={"each": str(each), "count": count},
            bugs={
                "CONVERSION_FACTOR": canon_decimal(Decimal(grams) / 10),
                "UNIT_IGNORED": canon_decimal(each * count),
            },
        )
    metres, piece, count = rng.randint(2, 5), rng.randrange(25, 95, 5), rng.randint(3, 5)
    left = metres * 100 - piece * count
    if left <= 0:
        raise Resample
    return Draft(
        prompt=f"A plank is {metres} m long. {name} cuts off {count} pieces, each {piece} cm "
        "long. How many centimetres of the plank are left?",
        answer=_integer(left, "cm"),
        params={"metres": metres, "piece": piece, "count": count},
        bugs={"SUBTRACTED_ONE_ONLY": canon_integer(metres * 100 - piece)},
    )


def _convert_y6_problems(level: int, rng: random.Random) -> Draft:
    """Calculate and convert, answering in the larger unit with decimals (Y6-ME-01)."""
    big, small = rng.choice(_CONVERT_PAIRS)
    if level == 1:
        whole = _random_dp(rng, 11, 49, 1)
        part = rng.randrange(110, 1000, 10)
        total = whole + Decimal(part) / 1000
        if part % 100 == 0 or total == int(total):
            raise Resample
        return Draft(
            prompt=f"{_measure(whole, big)} + {_measure(part, small)} = □ {big}",
            answer=_decimal(total, big),
            params={"whole": str(whole), "part": part},
            bugs={
                "UNIT_IGNORED": canon_decimal(whole + part),
                "CONVERSION_FACTOR": canon_decimal(whole + Decimal(part) / 100),
            },
        )
    if level == 2:
        whole = rng.randint(2, 5)
        part = rng.randrange(105, 1000, 5)
        left = whole - Decimal(part) / 1000
        stems = {
            "kg": f"A sack holds {whole} kg of sand. {{n}} takes out {part} g. How many kilograms "
            "are left?",
            "l": f"A jug holds {whole} l of water. {{n}} pours out {part} ml. How many litres are "
            "left?",
            "km": f"A race is {whole} km long. {{n}} has run {part} m. How many kilometres are "
            "left to run?",
        }
        return Draft(
            prompt=stems[big].format(n=_name(rng)),
            answer=_decimal(left, big),
            params={"whole": whole, "part": part},
            bugs={
                "DEC_POINT_MISPLACED": canon_decimal(whole - Decimal(part) / 10000),
                "UNIT_IGNORED": canon_decimal(part - whole),
            },
        )
    if level == 3:
        each, count = rng.randrange(125, 1000, 25), rng.randint(3, 9)
        total = Decimal(each * count) / 1000
        if total == int(total):
            raise Resample
        thing = {"kg": "A tin of beans weighs", "l": "A carton holds", "km": "A lap of the park is"}
        return Draft(
            prompt=f"{thing[big]} {_measure(each, small)}. How many {_UNIT_WORDS[big]} are "
            f"{count} of them altogether?",
            answer=_decimal(total, big),
            params={"each": each, "count": count},
            bugs={
                "CONVERSION_FACTOR": canon_decimal(total * 10),
                "DEC_POINT_MISPLACED": canon_decimal(total / 10),
            },
        )
    lap, laps = _random_dp(rng, 11, 25, 1), rng.randint(2, 4)
    extra = rng.randrange(150, 950, 50)
    total = lap * laps + Decimal(extra) / 1000
    return Draft(
        prompt=f"A path around a park is {_measure(lap, 'km')} long. {_name(rng)} walks round it "
        f"{laps} times and then another {extra} m. How many kilometres is that altogether?",
        answer=_decimal(total, "km"),
        params={"lap": str(lap), "laps": laps, "extra": extra},
        bugs={
            "UNIT_IGNORED": canon_decimal(lap * laps + extra),
            "CONVERSION_FACTOR": canon_decimal(lap * laps + Decimal(extra) / 100),
        },
    )


_UNIT_WORDS = {"kg": "kilograms", "l": "litres", "km": "kilometres"}


def _convert_y6(level: int, rng: random.Random) -> Draft:
    """Smaller to larger units and back, with up to three decimal places (Y6-ME-02)."""
    if level == 1:
        big, small, factor = rng.choice(_METRIC)
        amount = _random_dp(rng, 1, 99, 1)
        return _conversion(
            amount,
            factor,
            True,
            small,
            f"{_measure(amount, big)} = □ {small}",
            {"amount": str(amount)},
        )
    if level in (2, 3):
        big, small, factor = rng.choice([p for p in _METRIC if p[2] == 1000])
        units = rng.randint(101, 499) * 10 if level == 2 else rng.randint(1, 99)
        if units % (100 if level == 2 else 10) == 0:
            raise Resample
        return _conversion(
            Decimal(units),
            factor,
            False,
            big,
            f"{_measure(units, small)} = □ {big}",
            {"amount": units},
        )
    big, small, factor = rng.choice((("km", "cm", 100000), ("m", "mm", 1000)))
    amount = _random_dp(rng, 1, 999, 3)
    right = amount * factor
    if right != int(right):
        raise Resample
    wrong_factor = 1000 if factor == 100000 else 100
    return Draft(
        prompt=f"{_measure(amount, big)} = □ {small}",
        answer=_integer(int(right), small),
        params={"amount": str(amount)},
        bugs={"CONVERSION_FACTOR": canon_decimal(amount * wrong_factor)},
    )


def _convert_miles(level: int, rng: random.Random) -> Draft:
    """Miles and kilometres: 5 miles is about 8 km (Y6-ME-03)."""
    stated = "5 miles is about 8 km."
    if level == 1:
        miles = 5 * rng.randint(2, 12)
        return Draft(
            prompt=f"{stated} About how many kilometres is {miles} miles?",
            answer=_integer(miles * 8 // 5, "km"),
            params={"miles": miles},
            bugs={"CONVERSION_DIRECTION": _exact(Fraction(miles * 5, 8))},
        )
    if level == 2:
        km = 8 * rng.randint(2, 12)
        return Draft(
            prompt=f"{stated} About how many miles is {km} km?",
            answer=_integer(km * 5 // 8, "miles"),
            params={"km": km},
            bugs={"CONVERSION_DIRECTION": _exact(Fraction(km * 8, 5))},
        )
    if level == 3:
        miles = rng.randint(3, 19)
        if miles % 5 == 0:
            raise Resample
        right = Fraction(miles * 8, 5)
        return Draft(
            prompt=f"1 mile is about 1.6 km. About how many kilometres is {miles} miles?",
            answer=_decimal(right, "km"),
            params={"miles": miles},
            bugs={
                "CONVERSION_DIRECTION": _exact(Fraction(miles * 5, 8)),
                "ADD_FOR_MULT": canon_decimal(Decimal("1.6") + miles),
            },
        )
    miles = 5 * rng.randint(2, 10)
    km = rng.randrange(miles + 1, miles * 8 // 5)
    texts = [f"{miles} miles", f"{km} km"]
    rng.shuffle(texts)
    return _choice(
        rng,
        f"{stated} Which is further: {texts[0]} or {texts[1]}?",
        f"{miles} miles",
        {"CONVERSION_DIRECTION": f"{km} km"},
        ("They are about the same",),
        {"miles": miles, "km": km},
        count=3,
    )


_CONVERT_UNITS: dict[str, Generator] = {
    "Y4-ME-01": _convert_y4,
    "Y4-ME-06": _convert_time_y4,
    "Y5-ME-01": _convert_y5_metric,
    "Y5-ME-02": _convert_imperial,
    "Y5-ME-06": _convert_time_y5,
    "Y5-ME-07": _convert_y5_problems,
    "Y6-ME-01": _convert_y6_problems,
    "Y6-ME-02": _convert_y6,
    "Y6-ME-03": _convert_miles,
}


@family("CONVERT-UNITS", objectives=tuple(_CONVERT_UNITS))
def convert_units(objective: str, level: int, rng: random.Random) -> Draft:
    return _CONVERT_UNITS[objective](level, rng)


# --- UNIT-CHOICE ------------------------------------------------------------------------------

# quantity -> the units pupils choose from, smaller first
_UNIT_KINDS = {
    "length": ("cm", "m"),
    "mass": ("g", "kg"),
    "capacity": ("ml", "litres"),
    "temperature": ("°C",),
    "volume": ("cm³", "m³"),
}
# (thing, what is measured, quantity, best unit, sensible estimate)
_THINGS_TO_MEASURE = (
    ("a pencil", "length", "length", "cm", 15),
    ("a door", "height", "length", "m", 2),
    ("a classroom", "length", "length", "m", 8),
    ("a book", "width", "length", "cm", 20),
    ("a bus", "length", "length", "m", 12),
    ("a hand", "width", "length", "cm", 8),
    ("an apple", "mass", "mass", "g", 150),
    ("a bag of potatoes", "mass", "mass", "kg", 2),
    ("a pencil", "mass", "mass", "g", 5),
    ("a bicycle", "mass", "mass", "kg", 12),
    ("a banana", "mass", "mass", "g", 120),
    ("a mug", "capacity", "capacity", "ml", 300),
    ("a bucket", "capacity", "capacity", "litres", 10),
    ("a teaspoon", "capacity", "capacity", "ml", 5),
    ("a bath", "capacity", "capacity", "litres", 100),
    ("a glass", "capacity", "capacity", "ml", 200),
    ("a paddling pool", "capacity", "capacity", "litres", 500),
    ("a warm summer day", "temperature", "temperature", "°C", 25),
    ("a cup of hot chocolate", "temperature", "temperature", "°C", 60),
    ("a classroom", "temperature", "temperature", "°C", 20),
)
_VOLUMES = (
    ("a sugar cube", "cm³", 1),
    ("a dice", "cm³", 8),
    ("a shoebox", "cm³", 6000),
    ("a classroom", "m³", 200),
    ("a garden shed", "m³", 10),
    ("a lunchbox", "cm³", 1500),
)


def _unit_question(rng: random.Random, kinds: Sequence[str]) -> Draft:
    thing, measured, quantity, unit, _ = rng.choice(
        [t for t in _THINGS_TO_MEASURE if t[2] in kinds]
    )
    same = [u for u in _UNIT_KINDS[quantity] if u != unit]
    others = [
        u
        for q, units in sorted(_UNIT_KINDS.items())
        if q not in (quantity, "volume")
        for u in units
    ]
    return _choice(
        rng,
        f"Which unit would you use to measure the {measured} of {thing}?",
        unit,
        {"UNIT_SCALE": same[0]} if same else {},
        rng.sample(others, 3),
        {"thing": thing, "measured": measured},
    )


def _amount(value: int, unit: str) -> str:
    return "1 litre" if (value, unit) == (1, "litres") else f"{number_text(value)} {unit}"


def _estimate_options(rng: random.Random, prompt: str, unit: str, value: int, quantity: str):
    same = [u for u in _UNIT_KINDS[quantity] if u != unit]
    fillers = [_amount(value * 10, unit), _amount(value * 100, unit)]
    if value % 10 == 0:
        fillers.insert(0, _amount(value // 10, unit))
    return _choice(
        rng,
        prompt,
        _amount(value, unit),
        {"UNIT_SCALE": _amount(value, same[0])} if same else {},
        fillers,
        {"value": value, "unit": unit},
    )


def _unit_choice_y2(level: int, rng: random.Random) -> Draft:
    """Choose a suitable unit, and a sensible estimate (Y2-ME-01)."""
    if level in (1, 2, 3):
        kinds = {
            1: ("length", "mass"),
            2: ("capacity", "temperature"),
            3: ("length", "mass", "capacity", "temperature"),
        }
        return _unit_question(rng, kinds[level])
    thing, measured, quantity, unit, value = rng.choice(
        [t for t in _THINGS_TO_MEASURE if t[2] != "temperature"]
    )
    return _estimate_options(
        rng, f"Which is the best estimate of the {measured} of {thing}?", unit, value, quantity
    )


def _unit_choice_y5(level: int, rng: random.Random) -> Draft:
    """Sensible estimates of capacity and volume (Y5-ME-05)."""
    if level == 1:
        return _unit_question(rng, ("capacity",))
    if level == 2:
        thing, _, quantity, unit, value = rng.choice(
            [t for t in _THINGS_TO_MEASURE if t[2] == "capacity"]
        )
        return _estimate_options(
            rng, f"Which is the best estimate of the capacity of {thing}?", unit, value, quantity
        )
    if level == 3:
        thing, unit, value = rng.choice(_VOLUMES)
        return _estimate_options(
            rng, f"Which is the best estimate of the volume of {thing}?", unit, value, "volume"
        )
    capacities = [t for t in _THINGS_TO_MEASURE if t[2] == "capacity"]
    thing, _, _, unit, value = rng.choice(capacities)
    others = [t[0] for t in capacities if t[0] != thing and t[4] != value]
    return _choice(
        rng,
        f"Which of these holds about {number_text(value)} {unit}?",
        thing,
        fillers=rng.sample(others, 3),
        params={"value": value, "unit": unit},
    )


_UNIT_CHOICE: dict[str, Generator] = {"Y2-ME-01": _unit_choice_y2, "Y5-ME-05": _unit_choice_y5}


@family("UNIT-CHOICE", objectives=tuple(_UNIT_CHOICE))
def unit_choice(objective: str, level: int, rng: random.Random) -> Draft:
    return _UNIT_CHOICE[objective](level, rng)


# --- PERIM-AREA -------------------------------------------------------------------------------


def _rectangle(rng: random.Random, low: int, high: int) -> tuple[int, int]:
    length, width = rng.sample(range(low, high + 1), 2)
    return max(length, width), min(length, width)


def _rectangle_bugs(length: int, width: int, asked: str) -> dict[str, str]:
    """Perimeter/area confusions; a rectangle whose area equals its perimeter cannot show them."""
    area, perimeter = length * width, 2 * (length + width)
    if area == perimeter:
        raise Resample
    if asked == "perimeter":
        return {
            "PERIM_TWO_SIDES": canon_integer(length + width),
            "AREA_PERIM_SWAP": canon_integer(area),
        }
    return {
        "AREA_PERIM_SWAP": canon_integer(perimeter),
        "PERIM_TWO_SIDES": canon_integer(length + width),
    }


def _perimeter_y3(level: int, rng: random.Random) -> Draft:
    """Perimeter from side lengths given in words (Y3-ME-02)."""
    unit = rng.choice(("cm", "m"))
    if level == 1:
        sides = [rng.randint(2, 9) for _ in range(3)]
        if 2 * max(sides) >= sum(sides):
            raise Resample
        return Draft(
            prompt=f"A triangle has sides of {sides[0]} {unit}, {sides[1]} {unit} and {sides[2]} "
            f"{unit}. What is its perimeter?",
            answer=_integer(sum(sides), unit),
            params={"sides": sides},
        )
    if level == 2:
        length, width = _rectangle(rng, 2, 12)
        return Draft(
            prompt=f"A rectangle is {length} {unit} long and {width} {unit} wide. "
            "What is its perimeter?",
            answer=_integer(2 * (length + width), unit),
            params={"length": length, "width": width},
            bugs=_rectangle_bugs(length, width, "perimeter"),
        )
    if level == 3:
        count = rng.randint(4, 6)
        sides = [rng.randint(5, 25) for _ in range(count)]
        shape = {4: "quadrilateral", 5: "pentagon", 6: "hexagon"}[count]
        listed = ", ".join(f"{s} {unit}" for s in sides[:-1]) + f" and {sides[-1]} {unit}"
        return Draft(
            prompt=f"A {shape} has sides of {listed}. What is its perimeter?",
            answer=_integer(sum(sides), unit),
            params={"sides": sides},
            bugs={"MISSED_ONE_VALUE": canon_integer(sum(sides[:-1]))},
        )
    first, second = rng.randint(5, 20), rng.randint(5, 20)
    third = rng.randint(abs(first - second) + 1, first + second - 1)
    perimeter = first + second + third
    return Draft(
        prompt=f"A triangle has a perimeter of {perimeter} {unit}. Two of its sides are {first} "
        f"{unit} and {second} {unit}. How long is the third side?",
        answer=_integer(third, unit),
        params={"perimeter": perimeter, "first": first, "second": second},
        bugs={"OP_SWAP": canon_integer(perimeter + first + second)},
    )


def _perimeter_y4(level: int, rng: random.Random) -> Draft:
    """Perimeter of rectilinear shapes, including squares, in cm and m (Y4-ME-02)."""
    unit = rng.choice(("cm", "m"))
    if level == 1:
        side = rng.choice([s for s in range(3, 13) if s != 4])
        return Draft(
            prompt=f"A square has sides of {side} {unit}. What is its perimeter?",
            answer=_integer(4 * side, unit),
            params={"side": side},
            bugs={
                "PERIM_TWO_SIDES": canon_integer(2 * side),
                "AREA_PERIM_SWAP": canon_integer(side * side),
            },
        )
    if level == 2:
        length, width = _rectangle(rng, 8, 45)
        return Draft(
            prompt=f"A rectangular {'garden' if unit == 'm' else 'card'} is {length} {unit} long "
            f"and {width} {unit} wide. What is its perimeter?",
            answer=_integer(2 * (length + width), unit),
            params={"length": length, "width": width},
            bugs=_rectangle_bugs(length, width, "perimeter"),
        )
    length, width = _rectangle(rng, 6, 20)
    cut_long, cut_wide = rng.randint(2, length - 2), rng.randint(2, width - 2)
    perimeter = 2 * (length + width)
    if level == 3:
        sides = [length, width, length - cut_long, cut_wide, cut_long, width - cut_wide]
        listed = ", ".join(f"{s} {unit}" for s in sides[:-1]) + f" and {sides[-1]} {unit}"
        return Draft(
            prompt=f"An L-shape has six sides. Going round it, they are {listed}. "
            "What is its perimeter?",
            answer=_integer(perimeter, unit),
            params={"sides": sides},
            bugs={"MISSED_ONE_VALUE": canon_integer(perimeter - sides[-1])},
        )
    return Draft(
        prompt=f"A rectangle is {length} {unit} by {width} {unit}. "
        f"{_a(str(cut_long)).capitalize()} {unit} by {cut_wide} {unit} rectangle is cut from "
        "one corner to make an L-shape. What is the perimeter of the L-shape?",
        answer=_integer(perimeter, unit),
        params={"length": length, "width": width, "cut": [cut_long, cut_wide]},
        bugs={"PERIM_CUT_SUBTRACTED": canon_integer(perimeter - 2 * (cut_long + cut_wide))},
    )


def _area_y5(level: int, rng: random.Random) -> Draft:
    """Areas of rectangles and squares in cm² and m² (Y5-ME-04)."""
    unit = rng.choice(("cm", "m"))
    if level == 1:
        length, width = _rectangle(rng, 2, 9)
        return Draft(
            prompt=f"A rectangle is {length} {unit} long and {width} {unit} wide. "
            "What is its area?",
            answer=_integer(length * width, f"{unit}²"),
            params={"length": length, "width": width},
            bugs=_rectangle_bugs(length, width, "area"),
        )
    if level == 2:
        side = rng.choice([s for s in range(3, 13) if s != 4])
        return Draft(
            prompt=f"A square has sides of {side} {unit}. What is its area?",
            answer=_integer(side * side, f"{unit}²"),
            params={"side": side},
            bugs={
                "SQUARE_AS_DOUBLE": canon_integer(2 * side),
                "AREA_PERIM_SWAP": canon_integer(4 * side),
            },
        )
    if level == 3:
        length, width = rng.randint(11, 25), rng.randint(3, 9)
        return Draft(
            prompt=f"A rectangular {'playground' if unit == 'm' else 'photo'} is {length} {unit} "
            f"by {width} {unit}. What is its area?",
            answer=_integer(length * width, f"{unit}²"),
            params={"length": length, "width": width},
            bugs=_rectangle_bugs(length, width, "area"),
        )
    length, width = _rectangle(rng, 3, 12)
    area = length * width
    return Draft(
        prompt=f"A rectangle has an area of {area} {unit}². Its length is {length} {unit}. "
        "How wide is it?",
        answer=_integer(width, unit),
        params={"area": area, "length": length},
        bugs={"OP_SWAP": canon_integer(area - length)},
    )


def _rectangle_facts(level: int, rng: random.Random) -> Draft:
    """Missing lengths from the properties of rectangles (Y5-GS-05)."""
    unit = rng.choice(("cm", "m"))
    if level == 1:
        side = rng.randint(3, 15)
        return Draft(
            prompt=f"A square has a perimeter of {4 * side} {unit}. How long is each side?",
            answer=_integer(side, unit),
            params={"side": side},
            bugs={"PERIM_TWO_SIDES": canon_integer(2 * side)},
        )
    if level in (2, 3):
        length, width = _rectangle(rng, 3, 15 if level == 2 else 40)
        perimeter = 2 * (length + width)
        return Draft(
            prompt=f"A rectangle has a perimeter of {perimeter} {unit}. One side is {length} "
            f"{unit} long. How long is the shorter side?",
            answer=_integer(width, unit),
            params={"perimeter": perimeter, "length": length},
            bugs={
                "PERIM_TWO_SIDES": canon_integer(perimeter - length),
            },
        )
    length, width = _rectangle(rng, 3, 12)
    long_way = rng.random() < 0.5
    if long_way:
        big = (2 * length, width)
        how = "end to end, with their short sides touching,"
    else:
        big = (length, 2 * width)
        how = "side by side, with their long sides touching,"
    perimeter = 2 * sum(big)
    return Draft(
        prompt=f"Two rectangles, each {length} {unit} by {width} {unit}, are put {how} to make "
        "a bigger rectangle. What is the perimeter of the bigger rectangle?",
        answer=_integer(perimeter, unit),
        params={"length": length, "width": width, "long_way": long_way},
    )


def _same_area(level: int, rng: random.Random) -> Draft:
    """Same area, different perimeters, and the other way round (Y6-ME-04)."""
    unit = rng.choice(("cm", "m"))
    if level == 1:
        area = rng.choice((12, 16, 18, 20, 24, 30, 36))
        pairs = [(area // w, w) for w in range(2, 7) if area % w == 0 and area // w > w]
        if len(pairs) < 2:
            raise Resample
        (a1, b1), (a2, b2) = rng.sample(pairs, 2)
        return _choice(
            rng,
            f"Rectangle A is {a1} {unit} by {b1} {unit}. Rectangle B is {a2} {unit} by {b2} "
            f"{unit}. Which is true?",
            "Same area, different perimeters",
            {"AREA_PERIM_SWAP": "Same perimeter, different areas"},
            ("Same area and same perimeter", "Different areas and different perimeters"),
            {"a": [a1, b1], "b": [a2, b2]},
        )
    if level == 2:
        side = rng.choice((4, 6, 8, 9, 10, 12))
        length = rng.choice(
            [d for d in range(side + 1, side * side // 2 + 1) if side * side % d == 0]
        )
        width = side * side // length
        return Draft(
            prompt=f"A rectangle {length} {unit} by {width} {unit} has the same area as a square. "
            "How long is each side of the square?",
            answer=_integer(side, unit),
            params={"length": length, "width": width},
        )
    if level == 3:
        area = rng.choice((24, 36, 48, 60, 72))
        widths = [w for w in range(2, 9) if area % w == 0 and area // w > w]
        w1, w2 = sorted(rng.sample(widths, 2))
        p1, p2 = 2 * (area // w1 + w1), 2 * (area // w2 + w2)
        return Draft(
            prompt=f"Two rectangles both have an area of {area} {unit}². One is {w1} {unit} wide "
            f"and the other is {w2} {unit} wide. How much longer is the perimeter of the first "
            "rectangle?",
            answer=_integer(p1 - p2, unit),
            params={"area": area, "widths": [w1, w2]},
            bugs={"PERIM_TWO_SIDES": canon_integer((p1 - p2) // 2)},
        )
    perimeter = rng.choice((16, 20, 24, 28, 32))
    half = perimeter // 2
    w1, w2 = sorted(rng.sample(range(1, half // 2 + 1), 2))
    a1, a2 = (half - w1) * w1, (half - w2) * w2
    return Draft(
        prompt=f"Two rectangles both have a perimeter of {perimeter} {unit}. One is {half - w1} "
        f"{unit} by {w1} {unit}. The other is {half - w2} {unit} by {w2} {unit}. "
        "What is the difference between their areas?",
        answer=_integer(a2 - a1, f"{unit}²"),
        params={"perimeter": perimeter, "widths": [w1, w2]},
        bugs={"DIFF_AS_SUM": canon_integer(a1 + a2)},
    )


def _formula_choice(level: int, rng: random.Random) -> Draft:
    """Which calculation finds an area or a perimeter (Y6-ME-05)."""
    a, b = _rectangle(rng, 3, 12)
    if level == 1:
        return _choice(
            rng,
            f"Which calculation gives the area of a rectangle {a} cm long and {b} cm wide?",
            f"{a} × {b}",
            {"AREA_PERIM_SWAP": f"2 × ({a} + {b})", "PERIM_TWO_SIDES": f"{a} + {b}"},
            (f"{a} × {b} × 2",),
            {"a": a, "b": b},
        )
    if level == 2:
        return _choice(
            rng,
            f"Which calculation gives the perimeter of a rectangle {a} m long and {b} m wide?",
            f"2 × ({a} + {b})",
            {"AREA_PERIM_SWAP": f"{a} × {b}", "PERIM_TWO_SIDES": f"{a} + {b}"},
            (f"{a} × {b} × 2",),
            {"a": a, "b": b},
        )
    if level == 3:
        return _choice(
            rng,
            f"A triangle has a base of {a} cm and a perpendicular height of {b} cm. Which "
            "calculation gives its area?",
            f"½ × {a} × {b}",
            {"TRIANGLE_NO_HALF": f"{a} × {b}", "PERIM_TWO_SIDES": f"{a} + {b}"},
            (f"2 × {a} × {b}",),
            {"a": a, "b": b},
        )
    slant = b + rng.randint(1, 4)
    return _choice(
        rng,
        f"A parallelogram has a base of {a} cm, sloping sides of {slant} cm and a perpendicular "
        f"height of {b} cm. Which calculation gives its area?",
        f"{a} × {b}",
        {"SLANT_AS_HEIGHT": f"{a} × {slant}"},
        (f"½ × {a} × {b}", f"2 × ({a} + {slant})"),
        {"a": a, "b": b, "slant": slant},
    )


def _triangle_area(level: int, rng: random.Random) -> Draft:
    """Areas of parallelograms and triangles (Y6-ME-06)."""
    unit = rng.choice(("cm", "m"))
    base, height = rng.randint(4, 15), rng.randint(3, 12)
    if level == 3:
        base, height = rng.randrange(5, 16, 2), rng.randrange(3, 13, 2)
    if level == 1:
        slant = height + rng.randint(1, 4)
        return Draft(
            prompt=f"A parallelogram has a base of {base} {unit} and a perpendicular height of "
            f"{height} {unit}. Its sloping sides are {slant} {unit}. What is its area?",
            answer=_integer(base * height, f"{unit}²"),
            params={"base": base, "height": height, "slant": slant},
            bugs={"SLANT_AS_HEIGHT": canon_integer(base * slant)},
        )
    if level in (2, 3):
        if (base * height % 2 == 0) != (level == 2):
            raise Resample
        area = Fraction(base * height, 2)
        return Draft(
            prompt=f"A triangle has a base of {base} {unit} and a perpendicular height of "
            f"{height} {unit}. What is its area?",
            answer=_decimal(area, f"{unit}²") if level == 3 else _integer(int(area), f"{unit}²"),
            params={"base": base, "height": height},
            bugs={"TRIANGLE_NO_HALF": canon_integer(base * height)},
        )
    if base * height % 2 or base == height:
        raise Resample
    area = base * height // 2
    return Draft(
        prompt=f"A triangle has an area of {area} {unit}². Its base is {base} {unit}. "
        "What is its perpendicular height?",
        answer=_integer(height, unit),
        params={"area": area, "base": base},
        bugs={"TRIANGLE_NO_HALF": _exact(Fraction(area, base)) or "0"},
    )


_PERIM_AREA: dict[str, Generator] = {
    "Y3-ME-02": _perimeter_y3,
    "Y4-ME-02": _perimeter_y4,
    "Y5-ME-04": _area_y5,
    "Y5-GS-05": _rectangle_facts,
    "Y6-ME-04": _same_area,
    "Y6-ME-05": _formula_choice,
    "Y6-ME-06": _triangle_area,
}


@family("PERIM-AREA", objectives=tuple(_PERIM_AREA))
def perim_area(objective: str, level: int, rng: random.Random) -> Draft:
    return _PERIM_AREA[objective](level, rng)


# --- VOLUME -----------------------------------------------------------------------------------


def _volume_bugs(a: int, b: int, c: int) -> dict[str, str]:
    return {"VOLUME_ADD_DIMS": canon_integer(a + b + c), "VOLUME_TWO_DIMS": canon_integer(a * b)}


def _volume_y5(level: int, rng: random.Random) -> Draft:
    """Count the cubes in a cuboid described by its layers (Y5-ME-05)."""
    a, b = rng.randint(2, 6), rng.randint(2, 6)
    if level == 1:
        return Draft(
            prompt=f"One layer of centimetre cubes is {a} cubes long and {b} cubes wide. "
            "How many cubes are in the layer?",
            answer=_integer(a * b),
            params={"a": a, "b": b},
            bugs={"ADD_FOR_MULT": canon_integer(a + b)},
        )
    c = rng.randint(2, 4 if level == 2 else 8)
    if level in (2, 3):
        if level == 3:
            a, b = rng.randint(4, 10), rng.randint(3, 8)
        return Draft(
            prompt=f"A cuboid is built from centimetre cubes. It is {a} cubes long, {b} cubes wide "
            f"and {c} cubes high. How many cubes are used?",
            answer=_integer(a * b * c),
            params={"a": a, "b": b, "c": c},
            bugs=_volume_bugs(a, b, c),
        )
    total = a * b * c
    return Draft(
        prompt=f"A cuboid is built from {total} centimetre cubes. Its bottom layer is {a} cubes "
        f"long and {b} cubes wide. How many layers does it have?",
        answer=_integer(c),
        params={"total": total, "a": a, "b": b},
        bugs={"OP_SWAP": canon_integer(total - a * b)},
    )


def _volume_formula(level: int, rng: random.Random) -> Draft:
    """When the volume formula can be used (Y6-ME-05)."""
    a, b, c = sorted(rng.sample(range(2, 13), 3), reverse=True)
    if level == 1:
        return _choice(
            rng,
            f"Which calculation gives the volume of a cuboid {a} cm long, {b} cm wide and {c} cm "
            "high?",
            f"{a} × {b} × {c}",
            {"VOLUME_ADD_DIMS": f"{a} + {b} + {c}", "VOLUME_TWO_DIMS": f"{a} × {b}"},
            (f"2 × ({a} + {b} + {c})",),
            {"a": a, "b": b, "c": c},
        )
    if level == 2:
        return _choice(
            rng,
            f"Which calculation gives the volume of a cube with edges of {a} cm?",
            f"{a} × {a} × {a}",
            {"CUBE_AS_TRIPLE": f"{a} × 3", "VOLUME_TWO_DIMS": f"{a} × {a}"},
            (f"{a} + {a} + {a}",),
            {"a": a},
        )
    if level == 3:
        return _choice(
            rng,
            "For which of these can you find the volume by multiplying length × width × height?",
            rng.choice(("a shoebox", "a brick", "a cereal box", "a fish tank")),
            fillers=rng.sample(
                ("a football", "a tin of beans", "an ice-cream cone", "a pyramid"), 3
            ),
        )
    return _choice(
        rng,
        f"A box is {a} cm long, {b} cm wide and {c} cm high. Which calculation gives the number of "
        "centimetre cubes that fill it?",
        f"{a} × {b} × {c}",
        {"VOLUME_ADD_DIMS": f"{a} + {b} + {c}", "VOLUME_TWO_DIMS": f"{a} × {b}"},
        (f"{a} × {b} + {c}",),
        {"a": a, "b": b, "c": c},
    )


def _volume_y6(level: int, rng: random.Random) -> Draft:
    """Volumes of cubes and cuboids in cm³ and m³ (Y6-ME-07)."""
    unit = rng.choice(("cm", "m"))
    if level == 1:
        a, b, c = rng.randint(2, 10), rng.randint(2, 8), rng.randint(2, 6)
        if len({a, b, c}) < 3:
            raise Resample
        return Draft(
            prompt=f"A cuboid is {a} {unit} long, {b} {unit} wide and {c} {unit} high. "
            "What is its volume?",
            answer=_integer(a * b * c, f"{unit}³"),
            params={"a": a, "b": b, "c": c},
            bugs=_volume_bugs(a, b, c),
        )
    if level == 2:
        side = rng.randint(3, 10)
        return Draft(
            prompt=f"A cube has edges of {side} {unit}. What is its volume?",
            answer=_integer(side**3, f"{unit}³"),
            params={"side": side},
            bugs={
                "CUBE_AS_TRIPLE": canon_integer(3 * side),
                "VOLUME_TWO_DIMS": canon_integer(side * side),
            },
        )
    if level == 3:
        a, b, c = rng.randint(3, 12), rng.randint(2, 9), rng.randint(2, 9)
        volume = a * b * c
        return Draft(
            prompt=f"A cuboid has a volume of {number_text(volume)} {unit}³. It is {a} {unit} "
            f"long and {b} {unit} wide. How high is it?",
            answer=_integer(c, unit),
            params={"volume": volume, "a": a, "b": b},
            bugs={"OP_SWAP": canon_integer(volume - a * b)},
        )
    a, b = _random_dp(rng, 11, 39, 1), rng.randint(2, 5)
    c = rng.randint(2, 4)
    volume = a * b * c
    if volume == int(volume):
        raise Resample
    return Draft(
        prompt=f"A storage container is {_measure(a, 'm')} long, {b} m wide and {c} m high. "
        "What is its volume?",
        answer=_decimal(volume, "m³"),
        params={"a": str(a), "b": b, "c": c},
        bugs={
            "VOLUME_ADD_DIMS": canon_decimal(a + b + c),
            "VOLUME_TWO_DIMS": canon_decimal(a * b),
        },
    )


_VOLUME: dict[str, Generator] = {
    "Y5-ME-05": _volume_y5,
    "Y6-ME-05": _volume_formula,
    "Y6-ME-07": _volume_y6,
}


@family("VOLUME", objectives=tuple(_VOLUME))
def volume(objective: str, level: int, rng: random.Random) -> Draft:
    return _VOLUME[objective](level, rng)


# --- SHAPE-PROPS ------------------------------------------------------------------------------

_POLYGON_SIDES = {
    "triangle": 3,
    "square": 4,
    "rectangle": 4,
    "pentagon": 5,
    "hexagon": 6,
    "heptagon": 7,
    "octagon": 8,
}
# name: (faces, edges, vertices, face description)
_SOLIDS = {
    "cube": (6, 12, 8, "6 square faces"),
    "cuboid": (6, 12, 8, "6 rectangular faces"),
    "square-based pyramid": (5, 8, 5, "1 square face and 4 triangular faces"),
    "triangular prism": (5, 9, 6, "2 triangular faces and 3 rectangular faces"),
    "tetrahedron (triangle-based pyramid)": (4, 6, 4, "4 triangular faces"),
    "pentagonal prism": (7, 15, 10, "2 pentagon faces and 5 rectangular faces"),
}
# (question, right shape, other shapes that could be offered)
_FACE_SHAPES = (
    ("What shape are the faces of a cube?", "square", ("circle", "triangle", "pentagon")),
    ("What shape are the two flat faces of a cylinder?", "circle", ("square", "triangle", "oval")),
    (
        "What shape is the base of a square-based pyramid?",
        "square",
        ("circle", "triangle", "hexagon"),
    ),
    (
        "What shape are the sloping faces of a square-based pyramid?",
        "triangle",
        ("square", "circle", "rectangle"),
    ),
    (
        "What shape are the two end faces of a triangular prism?",
        "triangle",
        ("square", "circle", "pentagon"),
    ),
    ("What shape is the flat face of a cone?", "circle", ("triangle", "square", "oval")),
)
_FACE_COUNTS = (
    ("How many triangular faces does a square-based pyramid have?", 4, 5),
    ("How many rectangular faces does a triangular prism have?", 3, 5),
    ("How many square faces does a cube have?", 6, 8),
    ("How many triangular faces does a triangular prism have?", 2, 5),
    ("How many rectangular faces does a pentagonal prism have?", 5, 7),
)
# name: (pairs of parallel sides, number of sides)
_PARALLEL = {
    "square": (2, 4),
    "rectangle": (2, 4),
    "parallelogram": (2, 4),
    "trapezium": (1, 4),
    "regular hexagon": (3, 6),
    "regular octagon": (4, 8),
    "equilateral triangle": (0, 3),
}
_RIGHT_ANGLES = {"square": 4, "rectangle": 4, "right-angled triangle": 1, "regular hexagon": 0}
# name: (lines of symmetry, a typical miscount)
_SYMMETRY = {
    "square": (4, 2),
    "rectangle (not a square)": (2, 4),
    "isosceles triangle": (1, 3),
    "equilateral triangle": (3, 1),
    "regular pentagon": (5, 2),
    "rhombus (not a square)": (2, 4),
    "regular hexagon": (6, 3),
    "regular octagon": (8, 4),
    "parallelogram (not a rectangle)": (0, 2),
}
_SYMMETRY_LEVELS = {
    1: ("square", "rectangle (not a square)", "isosceles triangle"),
    2: ("equilateral triangle", "regular pentagon", "rhombus (not a square)"),
    3: ("regular hexagon", "regular octagon", "parallelogram (not a rectangle)"),
}
_TRIANGLE_WORDS = (
    ("three equal sides", "equilateral"),
    ("exactly two equal sides", "isosceles"),
    ("no equal sides", "scalene"),
    ("one right angle", "right-angled"),
)
_QUADRILATERALS = (
    ("four equal sides and four right angles", "square"),
    ("four equal sides and no right angles", "rhombus"),
    ("four right angles, with opposite sides equal but not all sides equal", "rectangle"),
    ("exactly one pair of parallel sides", "trapezium"),
    ("two pairs of equal sides next to each other, and no parallel sides", "kite"),
    ("two pairs of parallel sides, no right angles, and not all sides equal", "parallelogram"),
)
_ALWAYS_SOMETIMES_NEVER = (
    ("A square is a rectangle.", "Always true"),
    ("A rectangle is a square.", "Sometimes true"),
    ("A triangle has a right angle.", "Sometimes true"),
    ("A rhombus has four equal sides.", "Always true"),
    ("A triangle has two right angles.", "Never true"),
    ("A trapezium has three pairs of parallel sides.", "Never true"),
    ("An isosceles triangle has a right angle.", "Sometimes true"),
    ("A parallelogram has four equal sides.", "Sometimes true"),
    ("An equilateral triangle has a right angle.", "Never true"),
)
_DIAGONALS = (
    ("are equal in length, cross at right angles and cut each other in half", "square"),
    (
        "are equal in length and cut each other in half, but do not cross at right angles",
        "rectangle",
    ),
    ("cross at right angles and cut each other in half, but are not equal", "rhombus"),
    ("cross at right angles, and only one of them is cut in half by the other", "kite"),
)
# shape: (true of every one, statements that are not)
_ALWAYS_TRUE = {
    "parallelogram": (
        "Opposite sides are parallel",
        ("All four angles are right angles", "All four sides are equal", "Its diagonals are equal"),
    ),
    "rhombus": (
        "All four sides are equal",
        (
            "All four angles are right angles",
            "Its diagonals are equal",
            "It has exactly one line of symmetry",
        ),
    ),
    "rectangle": (
        "All four angles are right angles",
        (
            "All four sides are equal",
            "It has exactly one line of symmetry",
            "Its diagonals cross at right angles",
        ),
    ),
    "trapezium": (
        "At least one pair of sides is parallel",
        ("All four sides are equal", "Opposite sides are equal", "Its diagonals are equal"),
    ),
}


def _named_choice(
    rng: random.Random, prompt: str, right: str, pool: Iterable[str], params: Mapping, **bugs: str
) -> Draft:
    others = sorted(set(pool) - {right})
    return _choice(rng, prompt, right, bugs, rng.sample(others, min(3, len(others))), params)


def _shapes_2d(level: int, rng: random.Random) -> Draft:
    """Sides and vertices of named 2-D shapes (Y2-GS-01)."""
    pools = {1: ("triangle", "square", "rectangle"), 2: ("pentagon", "hexagon", "square")}
    if level in (1, 2, 3):
        shape = rng.choice(pools.get(level, ("hexagon", "heptagon", "octagon", "pentagon")))
        feature = "sides" if level == 1 else rng.choice(("sides", "vertices (corners)"))
        return Draft(
            prompt=f"How many {feature} does {_a(shape)} have?",
            answer=_integer(_POLYGON_SIDES[shape]),
            params={"shape": shape, "feature": feature},
        )
    shape = rng.choice(("pentagon", "hexagon", "octagon", "triangle"))
    sides = _POLYGON_SIDES[shape]
    return _named_choice(
        rng,
        f"I am a flat shape with {sides} straight sides and {sides} vertices. What am I?",
        shape,
        _POLYGON_SIDES,
        {"sides": sides},
    )


def _shapes_3d(level: int, rng: random.Random) -> Draft:
    """Faces, edges and vertices of 3-D shapes (Y2-GS-02)."""
    basic = ("cube", "cuboid", "square-based pyramid", "triangular prism")
    if level in (1, 2, 3):
        solid = rng.choice(basic)
        faces, edges, vertices, _ = _SOLIDS[solid]
        if level == 1:
            return Draft(
                prompt=f"How many faces does {_a(solid)} have?",
                answer=_integer(faces),
                params={"solid": solid},
            )
        asked, right, swapped = (
            ("vertices", vertices, edges) if level == 2 else ("edges", edges, vertices)
        )
        return Draft(
            prompt=f"How many {asked} does {_a(solid)} have?",
            answer=_integer(right),
            params={"solid": solid},
            bugs={"VERTEX_EDGE_SWAP": canon_integer(swapped)},
        )
    solid = rng.choice(sorted(_SOLIDS))
    faces, edges, vertices, _ = _SOLIDS[solid]
    lookalikes = [s for s in _SOLIDS if _SOLIDS[s][:3] != _SOLIDS[solid][:3]]
    return _named_choice(
        rng,
        f"Which 3-D shape has {faces} faces, {edges} edges and {vertices} vertices?",
        solid,
        [*lookalikes, solid],
        {"solid": solid},
    )


def _shapes_faces(level: int, rng: random.Random) -> Draft:
    """2-D shapes on the surfaces of 3-D shapes (Y2-GS-03)."""
    if level in (1, 2):
        question, right, others = _FACE_SHAPES[0] if level == 1 else rng.choice(_FACE_SHAPES[1:])
        return _choice(rng, question, right, fillers=others, params={"question": question})
    if level == 3:
        question, right, total = rng.choice(_FACE_COUNTS)
        return Draft(
            prompt=question,
            answer=_integer(right),
            params={"question": question},
            bugs={"SIDES_FOR_PAIRS": canon_integer(total)} if total != right else {},
        )
    pool = [s for s in sorted(_SOLIDS) if s != "cuboid"]  # a cube is a cuboid too
    solid = rng.choice(pool)
    return _named_choice(
        rng,
        f"A 3-D shape has {_SOLIDS[solid][3]}. What is it?",
        solid,
        pool,
        {"solid": solid},
    )


def _shapes_sort(level: int, rng: random.Random) -> Draft:
    """Compare and sort shapes by their properties (Y2-GS-04)."""
    distinct = ("triangle", "square", "pentagon", "hexagon", "octagon")
    if level == 1:
        first, second = rng.sample(distinct, 2)
        more = rng.random() < 0.5
        bigger, smaller = sorted((first, second), key=_POLYGON_SIDES.get, reverse=True)
        right, wrong = (bigger, smaller) if more else (smaller, bigger)
        return _choice(
            rng,
            f"Which shape has {'more' if more else 'fewer'} sides: {_a(first)} or {_a(second)}?",
            right,
            {"COMPARE_REVERSED": wrong},
            params={"shapes": [first, second]},
        )
    if level == 2:
        solid = rng.choice(("cube", "cylinder", "sphere", "cone", "cuboid", "pyramid"))
        return _choice(
            rng,
            "Which of these is a 3-D shape?",
            solid,
            fillers=rng.sample(("circle", "square", "triangle", "rectangle", "pentagon"), 3),
            params={"solid": solid},
        )
    if level == 3:
        chosen = sorted(rng.sample(distinct, 4), key=_POLYGON_SIDES.get)
        return _order(
            rng, "Put these shapes in order of how many sides they have, fewest first.", chosen
        )
    feature, index = rng.choice((("faces", 0), ("edges", 1), ("vertices", 2)))
    pool = (
        "cube",
        "square-based pyramid",
        "triangular prism",
        "tetrahedron (triangle-based pyramid)",
    )
    values = {s: _SOLIDS[s][index] for s in pool}
    most = max(values, key=values.get)
    least = min(values, key=values.get)
    if list(values.values()).count(values[most]) > 1:
        raise Resample
    return _choice(
        rng,
        f"Which of these 3-D shapes has the most {feature}?",
        most,
        {"COMPARE_REVERSED": least},
        pool,
        {"feature": feature},
    )


def _shapes_parallel(level: int, rng: random.Random) -> Draft:
    """Parallel and perpendicular sides of named shapes (Y3-GS-04)."""
    if level in (1, 3):
        shape = rng.choice(
            ("square", "rectangle")
            if level == 1
            else ("regular hexagon", "regular octagon", "trapezium", "parallelogram")
        )
        pairs, sides = _PARALLEL[shape]
        return Draft(
            prompt=f"How many pairs of parallel sides does {_a(shape)} have?",
            answer=_integer(pairs),
            params={"shape": shape},
            bugs={"SIDES_FOR_PAIRS": canon_integer(sides)},
        )
    if level == 2:
        shape = rng.choice(sorted(_RIGHT_ANGLES))
        return Draft(
            prompt=f"How many right angles does {_a(shape)} have?",
            answer=_integer(_RIGHT_ANGLES[shape]),
            params={"shape": shape},
        )
    shape = rng.choice(("trapezium", "regular hexagon", "regular octagon", "equilateral triangle"))
    pairs = _PARALLEL[shape][0]
    others = [s for s in _PARALLEL if _PARALLEL[s][0] != pairs]
    wording = {0: "no parallel sides", 1: "exactly one pair of parallel sides"}
    return _named_choice(
        rng,
        f"Which shape has {wording.get(pairs, f'exactly {pairs} pairs of parallel sides')}?",
        shape,
        [*others, shape],
        {"shape": shape},
    )


def _shapes_classify(level: int, rng: random.Random) -> Draft:
    """Classify triangles and quadrilaterals by their properties (Y4-GS-01)."""
    names = [n for _, n in _TRIANGLE_WORDS]
    if level == 1:
        words, right = rng.choice(_TRIANGLE_WORDS)
        return _choice(
            rng,
            f"What do we call a triangle with {words}?",
            right,
            fillers=names,
            params={"words": words},
        )
    if level == 2:
        kind = rng.choice(("equilateral", "isosceles", "scalene"))
        a = rng.randint(4, 12)
        if kind == "equilateral":
            sides = [a, a, a]
        elif kind == "isosceles":
            b = rng.randint(3, 2 * a - 1)
            sides = [a, a, b] if b != a else [a, a, a + 1]
        else:
            sides = sorted(rng.sample(range(4, 13), 3))
            if sides[0] + sides[1] <= sides[2]:
                raise Resample
        rng.shuffle(sides)
        return _choice(
            rng,
            f"A triangle has sides of {sides[0]} cm, {sides[1]} cm and {sides[2]} cm. "
            "What type of triangle is it?",
            kind,
            {},
            ("equilateral", "isosceles", "scalene"),
            {"sides": sides},
            count=3,
        )
    if level == 3:
        words, right = rng.choice(_QUADRILATERALS)
        return _named_choice(
            rng,
            f"Which quadrilateral has {words}?",
            right,
            [n for _, n in _QUADRILATERALS],
            {"words": words},
        )
    statement, right = rng.choice(_ALWAYS_SOMETIMES_NEVER)
    return _choice(
        rng,
        f"Is this always true, sometimes true or never true? '{statement}'",
        right,
        fillers=("Always true", "Sometimes true", "Never true"),
        params={"statement": statement},
        count=3,
    )


def _shapes_symmetry(level: int, rng: random.Random) -> Draft:
    """Lines of symmetry of named shapes (Y4-GS-03)."""
    if level in (1, 2, 3):
        shape = rng.choice(_SYMMETRY_LEVELS[level])
        lines, miscount = _SYMMETRY[shape]
        return Draft(
            prompt=f"How many lines of symmetry does {_a(shape)} have?",
            answer=_integer(lines),
            params={"shape": shape},
            bugs={"SYMMETRY_MISCOUNT": canon_integer(miscount)},
        )
    lines = rng.choice((1, 2, 3, 4, 6))
    right = rng.choice([s for s, (n, _) in _SYMMETRY.items() if n == lines])
    wrong = [s for s, (n, _) in _SYMMETRY.items() if n != lines]
    miscounted = [s for s in wrong if _SYMMETRY[s][1] == lines]
    bugs = {"SYMMETRY_MISCOUNT": miscounted[0]} if miscounted else {}
    return _choice(
        rng,
        f"Which shape has exactly {lines} line{'s' if lines > 1 else ''} of symmetry?",
        right,
        bugs,
        rng.sample(wrong, 3),
        {"lines": lines},
    )


def _shapes_rectangle(level: int, rng: random.Random) -> Draft:
    """Facts about rectangles: opposite sides, diagonals, angles (Y5-GS-05)."""
    unit = rng.choice(("cm", "m"))
    long_side, short_side = _rectangle(rng, 3, 20)
    if level == 1:
        return Draft(
            prompt=f"ABCD is a rectangle. AB is {long_side} {unit} and BC is {short_side} {unit}. "
            "How long is CD?",
            answer=_integer(long_side, unit),
            params={"ab": long_side, "bc": short_side},
        )
    diagonal = rng.randint(8, 30) * 2
    if level == 2:
        return Draft(
            prompt=f"ABCD is a rectangle. Its diagonal AC is {diagonal} {unit} long. "
            "How long is the other diagonal, BD?",
            answer=_integer(diagonal, unit),
            params={"diagonal": diagonal},
        )
    if level == 3:
        return Draft(
            prompt=f"The diagonals of rectangle ABCD cross at M. AC is {diagonal} {unit} long. "
            "How long is AM?",
            answer=_integer(diagonal // 2, unit),
            params={"diagonal": diagonal},
        )
    angle = rng.randint(15, 75)
    if angle == 45:
        raise Resample
    return Draft(
        prompt=f"A diagonal of a rectangle splits one of its corners into two angles. One of them "
        f"is {angle}°. What is the other?",
        answer=_integer(90 - angle, "°"),
        params={"angle": angle},
        bugs={"WRONG_TOTAL": canon_integer(180 - angle)},
    )


_POLYGON_NAMES = {5: "pentagon", 6: "hexagon", 8: "octagon", 4: "square", 3: "triangle"}


def _shapes_regular(level: int, rng: random.Random) -> Draft:
    """Regular or irregular, from side lengths and angles (Y5-GS-06)."""
    options = ("Regular", "Irregular")
    if level == 1:
        if rng.random() < 0.5:
            side = rng.randint(3, 12)
            text = f"4 sides, all {side} cm long, and all its angles are 90°"
            right = "Regular"
        else:
            sides = sorted(rng.sample(range(3, 13), 3))
            if sides[0] + sides[1] <= sides[2]:
                raise Resample
            text = f"3 sides of {sides[0]} cm, {sides[1]} cm and {sides[2]} cm"
            right = "Irregular"
        return _choice(
            rng,
            f"A polygon has {text}. Is it regular or irregular?",
            right,
            fillers=options,
            params={"text": text},
        )
    if level in (2, 3):
        side = rng.randint(3, 12)
        if level == 2:
            small = rng.choice((50, 60, 70, 80))
            text = (
                f"4 sides, all {side} cm long, and angles of {small}°, {180 - small}°, {small}° "
                f"and {180 - small}°"
            )
        else:
            other = side + rng.randint(2, 6)
            text = f"4 angles of 90° and sides of {side} cm, {other} cm, {side} cm and {other} cm"
        return _choice(
            rng,
            f"A polygon has {text}. Is it regular or irregular?",
            "Irregular",
            {"REGULAR_ONE_CONDITION": "Regular"},
            options,
            {"text": text},
        )
    sides = rng.choice((5, 6, 8))
    length = rng.randint(3, 15)
    return Draft(
        prompt=f"A regular {_POLYGON_NAMES[sides]} has a perimeter of {sides * length} cm. "
        "How long is each side?",
        answer=_integer(length, "cm"),
        params={"sides": sides, "length": length},
    )


def _shapes_y6(level: int, rng: random.Random) -> Draft:
    """Compare and classify shapes by their properties (Y6-GS-03)."""
    if level == 1:
        words, right = rng.choice(_QUADRILATERALS)
        return _named_choice(
            rng,
            f"I am a quadrilateral with {words}. What am I?",
            right,
            [n for _, n in _QUADRILATERALS],
            {"words": words},
        )
    if level == 2:
        kind = rng.choice(("equilateral", "isosceles", "right-angled", "scalene"))
        if kind == "equilateral":
            angles, options = [60, 60, 60], ("equilateral", "right-angled", "scalene")
        elif kind == "isosceles":
            apex = rng.choice([a for a in range(20, 160, 10) if a not in (60, 90)])
            angles = [apex, (180 - apex) // 2, (180 - apex) // 2]
            options = ("equilateral", "isosceles", "right-angled", "scalene")
        elif kind == "right-angled":
            small = rng.choice([a for a in range(15, 80, 5) if a != 45])
            angles, options = [90, small, 90 - small], ("equilateral", "isosceles", "right-angled")
        else:
            a = rng.randint(25, 80)
            b = rng.randint(25, 150 - a)
            angles = [a, b, 180 - a - b]
            if len(set(angles)) < 3 or 90 in angles:
                raise Resample
            options = ("equilateral", "isosceles", "right-angled", "scalene")
        rng.shuffle(angles)
        return _choice(
            rng,
            f"A triangle has angles of {angles[0]}°, {angles[1]}° and {angles[2]}°. "
            "Which word describes it?",
            kind,
            fillers=options,
            params={"angles": angles},
        )
    if level == 3:
        shape = rng.choice(sorted(_ALWAYS_TRUE))
        right, wrong = _ALWAYS_TRUE[shape]
        return _choice(
            rng,
            f"Which of these is true for every {shape}?",
            right,
            fillers=wrong,
            params={"shape": shape},
        )
    words, right = rng.choice(_DIAGONALS)
    return _named_choice(
        rng,
        f"A quadrilateral has diagonals that {words}. What is it?",
        right,
        [n for _, n in _DIAGONALS] + ["trapezium"],
        {"words": words},
    )


_SHAPE_PROPS: dict[str, Generator] = {
    "Y2-GS-01": _shapes_2d,
    "Y2-GS-02": _shapes_3d,
    "Y2-GS-03": _shapes_faces,
    "Y2-GS-04": _shapes_sort,
    "Y3-GS-04": _shapes_parallel,
    "Y4-GS-01": _shapes_classify,
    "Y4-GS-03": _shapes_symmetry,
    "Y5-GS-05": _shapes_rectangle,
    "Y5-GS-06": _shapes_regular,
    "Y6-GS-03": _shapes_y6,
}


@family("SHAPE-PROPS", objectives=tuple(_SHAPE_PROPS))
def shape_props(objective: str, level: int, rng: random.Random) -> Draft:
    return _SHAPE_PROPS[objective](level, rng)


# --- ANGLE-FACTS ------------------------------------------------------------------------------

_TURNS = {1: "a quarter turn", 2: "a half turn", 3: "a three-quarter turn", 4: "a whole turn"}
_COMPASS = ("north", "east", "south", "west")
_CLOCK_WORDS = ("clockwise", "anticlockwise")


def _angle_turns_y1(level: int, rng: random.Random) -> Draft:
    """Whole, half, quarter and three-quarter turns (Y1-GP-01)."""
    if level in (1, 2):
        part, whole = rng.choice(((2, 4), (1, 2)) if level == 1 else ((1, 4), (1, 3), (2, 4)))
        return Draft(
            prompt=f"How many {_TURNS[part][2:]}s make {_TURNS[whole]}?",
            answer=_integer(whole // part),
            params={"part": part, "whole": whole},
        )
    name = _name(rng)
    if level == 3:
        turn = rng.choice((2, 4))
        thing = rng.choice(("the door", "the window", "the board", "the clock"))
        right = f"towards {thing}" if turn == 4 else f"away from {thing}"
        wrong = f"away from {thing}" if turn == 4 else f"towards {thing}"
        return _choice(
            rng,
            f"{name} is facing {thing}. {name} makes {_TURNS[turn]}. Which way is {name} "
            "facing now?",
            right,
            fillers=(wrong, f"sideways to {thing}"),
            params={"turn": turn},
            count=3,
        )
    first, second = rng.choice(((1, 2), (2, 1), (1, 1), (2, 2), (1, 3), (3, 1)))
    right = _TURNS[first + second]
    return _choice(
        rng,
        f"{_TURNS[first].capitalize()} and then {_TURNS[second]} in the same direction is the "
        "same as …",
        right,
        fillers=[t for t in _TURNS.values() if t != right],
        params={"first": first, "second": second},
    )


def _angle_compass_y2(level: int, rng: random.Random) -> Draft:
    """Quarter, half and three-quarter turns, clockwise and anticlockwise (Y2-GP-02)."""
    start = rng.randrange(4)
    name = _name(rng)
    if level in (1, 2, 3):
        quarters = {1: 1, 2: 1, 3: rng.choice((2, 3))}[level]
        clockwise = level == 1 or (level == 3 and rng.random() < 0.5)
        step = quarters if clockwise else -quarters
        return _choice(
            rng,
            f"{name} is facing {_COMPASS[start]}. {name} makes {_TURNS[quarters]} "
            f"{_CLOCK_WORDS[0 if clockwise else 1]}. Which way is {name} facing now?",
            _COMPASS[(start + step) % 4],
            {"CLOCKWISE_REVERSED": _COMPASS[(start - step) % 4]},
            _COMPASS,
            {"start": start, "step": step},
        )
    quarters = rng.choice((1, 3))
    clockwise = rng.random() < 0.5
    end = (start + (quarters if clockwise else -quarters)) % 4
    return _choice(
        rng,
        f"{name} turns {_CLOCK_WORDS[0 if clockwise else 1]} from facing {_COMPASS[start]} to "
        f"facing {_COMPASS[end]}. What turn did {name} make?",
        _TURNS[quarters],
        {"CLOCKWISE_REVERSED": _TURNS[4 - quarters]},
        (_TURNS[2], _TURNS[4]),
        {"start": start, "quarters": quarters, "clockwise": clockwise},
    )


def _clock_angle(hour: int) -> int:
    return min(hour, 12 - hour) * 30


def _angle_size_words(hour: int) -> str:
    angle = _clock_angle(hour)
    if angle == 90:
        return "a right angle"
    return "smaller than a right angle" if angle < 90 else "bigger than a right angle"


def _angle_right_y3(level: int, rng: random.Random) -> Draft:
    """Right angles, turns, and angles bigger or smaller than a right angle (Y3-GS-03)."""
    if level == 1:
        quarters = rng.choice((2, 3, 4))
        return Draft(
            prompt=f"How many right angles make {_TURNS[quarters]}?",
            answer=_integer(quarters),
            params={"quarters": quarters},
        )
    if level == 2:
        quarters = rng.choice((2, 3, 4))
        return _choice(
            rng,
            f"{_NUMBER_WORDS[quarters].capitalize()} right angles make …",
            _TURNS[quarters],
            fillers=[t for q, t in _TURNS.items() if q != quarters],
            params={"quarters": quarters},
        )
    if level == 3:
        start = rng.choice((12, 3, 6, 9))
        quarters = rng.randint(1, 3)
        end = (start + 3 * quarters - 1) % 12 + 1
        return Draft(
            prompt=f"The minute hand of a clock turns clockwise from {start} to {end}. "
            "How many right angles does it turn through?",
            answer=_integer(quarters),
            params={"start": start, "end": end},
            bugs={"CLOCKWISE_REVERSED": canon_integer(4 - quarters)},
        )
    hour = rng.choice((1, 2, 3, 4, 5, 7, 8, 9, 10, 11))
    options = ("smaller than a right angle", "a right angle", "bigger than a right angle")
    return _choice(
        rng,
        f"At {_HOUR_WORDS[hour]} o'clock, the hands of a clock make an angle. Is the smaller "
        "angle between them smaller than, bigger than or equal to a right angle?",
        _angle_size_words(hour),
        fillers=options,
        params={"hour": hour},
        count=3,
    )


_TURN_FRACTIONS = {
    Fraction(1, 8): "an eighth of a turn",
    Fraction(1, 6): "a sixth of a turn",
    Fraction(1, 4): "a right angle",
    Fraction(1, 3): "a third of a turn",
    Fraction(3, 8): "three-eighths of a turn",
    Fraction(1, 2): "two right angles",
}


def _angle_acute_y4(level: int, rng: random.Random) -> Draft:
    """Acute and obtuse angles; compare and order angles up to two right angles (Y4-GS-02)."""
    options = ("acute", "obtuse", "a right angle")
    if level == 1:
        smaller = rng.random() < 0.5
        words = (
            "smaller than a right angle"
            if smaller
            else "bigger than a right angle but smaller than two right angles"
        )
        right, wrong = ("acute", "obtuse") if smaller else ("obtuse", "acute")
        return _choice(
            rng,
            f"What do we call an angle that is {words}?",
            right,
            {"ACUTE_OBTUSE_SWAP": wrong},
            options,
            {"smaller": smaller},
            count=3,
        )
    if level == 2:
        hour = rng.choice((1, 2, 3, 4, 5, 7, 8, 10, 11))
        angle = _clock_angle(hour)
        right = "acute" if angle < 90 else "obtuse" if angle > 90 else "a right angle"
        swap = {"acute": "obtuse", "obtuse": "acute"}.get(right)
        return _choice(
            rng,
            f"At {_HOUR_WORDS[hour]} o'clock, what type of angle do the hands of a clock make "
            "(the smaller angle between them)?",
            right,
            {"ACUTE_OBTUSE_SWAP": swap} if swap else {},
            options,
            {"hour": hour},
            count=3,
        )
    if level == 3:
        chosen = sorted(rng.sample(sorted(_TURN_FRACTIONS), 4))
        return _order(
            rng,
            "Put these angles in order of size, smallest first.",
            [_TURN_FRACTIONS[f] for f in chosen],
            {"fractions": [str(f) for f in chosen]},
        )
    obtuse = rng.choice((Fraction(1, 3), Fraction(3, 8)))
    acute = rng.choice((Fraction(1, 8), Fraction(1, 6)))
    return _choice(
        rng,
        "Which of these angles is obtuse?",
        _TURN_FRACTIONS[obtuse],
        {"ACUTE_OBTUSE_SWAP": _TURN_FRACTIONS[acute]},
        (_TURN_FRACTIONS[Fraction(1, 4)], _TURN_FRACTIONS[Fraction(1, 2)]),
        {"obtuse": str(obtuse), "acute": str(acute)},
    )


def _degree_type(angle: int) -> str:
    if angle < 90:
        return "acute"
    if angle == 90:
        return "right angle"
    return "obtuse" if angle < 180 else "reflex"


def _angle_degrees_y5(level: int, rng: random.Random) -> Draft:
    """Acute, obtuse and reflex angles in degrees (Y5-GS-02)."""
    options = ("acute", "obtuse", "reflex", "right angle")
    if level in (1, 2, 3):
        if level == 1:
            angle = rng.choice((rng.randint(15, 70), rng.randint(110, 170)))
        elif level == 2:
            angle = rng.choice((rng.randint(80, 89), rng.randint(91, 100)))
        else:
            angle = rng.randint(190, 350)
        right = _degree_type(angle)
        bugs = {
            "acute": {"ACUTE_OBTUSE_SWAP": "obtuse"},
            "obtuse": {"ACUTE_OBTUSE_SWAP": "acute"},
            "reflex": {"REFLEX_AS_OBTUSE": "obtuse"},
        }[right]
        return _choice(
            rng,
            f"What type of angle is {angle}°?",
            right,
            bugs,
            options,
            {"angle": angle},
        )
    reflex = rng.randint(190, 340)
    obtuse = rng.randint(100, 170)
    acute = rng.randint(20, 80)
    return _choice(
        rng,
        "Which of these angles is a reflex angle?",
        f"{reflex}°",
        {"REFLEX_AS_OBTUSE": f"{obtuse}°"},
        (f"{acute}°", "90°"),
        {"reflex": reflex, "obtuse": obtuse, "acute": acute},
    )


def _angle_multiples_y5(level: int, rng: random.Random) -> Draft:
    """Degrees in turns, and multiples of 90° (Y5-GS-04)."""
    if level in (1, 2):
        quarters = rng.choice((1, 2) if level == 1 else (3, 4))
        turn = "a right angle" if quarters == 1 else _TURNS[quarters]
        return Draft(
            prompt=f"How many degrees are there in {turn}?",
            answer=_integer(90 * quarters, "°"),
            params={"quarters": quarters},
        )
    if level == 3:
        multiple = 90 * rng.randint(2, 4)
        return Draft(
            prompt=f"How many right angles make {multiple}°?",
            answer=_integer(multiple // 90),
            params={"multiple": multiple},
        )
    start = rng.choice((12, 3, 6, 9))
    quarters = rng.choice((1, 3))
    end = (start + 3 * quarters - 1) % 12 + 1
    return Draft(
        prompt=f"The minute hand of a clock turns clockwise from {start} to {end}. How many "
        "degrees does it turn through?",
        answer=_integer(90 * quarters, "°"),
        params={"start": start, "end": end},
        bugs={"CLOCKWISE_REVERSED": canon_integer(90 * (4 - quarters))},
    )


_ANGLE_FACTS: dict[str, Generator] = {
    "Y1-GP-01": _angle_turns_y1,
    "Y2-GP-02": _angle_compass_y2,
    "Y3-GS-03": _angle_right_y3,
    "Y4-GS-02": _angle_acute_y4,
    "Y5-GS-02": _angle_degrees_y5,
    "Y5-GS-04": _angle_multiples_y5,
}


@family("ANGLE-FACTS", objectives=tuple(_ANGLE_FACTS))
def angle_facts(objective: str, level: int, rng: random.Random) -> Draft:
    return _ANGLE_FACTS[objective](level, rng)


# --- MISSING-ANGLE ----------------------------------------------------------------------------


def _angles_text(angles: Sequence[int]) -> str:
    texts = [f"{a}°" for a in angles]
    return texts[0] if len(texts) == 1 else ", ".join(texts[:-1]) + f" and {texts[-1]}"


def _missing(total: int, known: Sequence[int], prompt: str, wrong_total: int | None) -> Draft:
    right = total - sum(known)
    if right <= 0 or right in known:
        raise Resample
    bugs = {}
    if wrong_total is not None and wrong_total - sum(known) > 0:
        bugs["WRONG_TOTAL"] = canon_integer(wrong_total - sum(known))
    if len(known) > 1:
        bugs["SUBTRACTED_ONE_ONLY"] = canon_integer(total - known[0])
    return Draft(
        prompt=prompt,
        answer=_integer(right, "°"),
        params={"total": total, "known": list(known)},
        bugs=bugs,
    )


def _missing_y5(level: int, rng: random.Random) -> Draft:
    """Angles in a right angle, on a straight line and at a point (Y5-GS-04)."""
    if level == 1:
        known = [rng.randint(15, 75)]
        return _missing(
            90,
            known,
            f"A right angle is split into two angles. One of them is {known[0]}°. "
            "What is the other?",
            180,
        )
    if level == 2:
        known = [rng.randint(20, 160)]
        return _missing(
            180,
            known,
            f"Two angles sit together on a straight line. One of them is {known[0]}°. "
            "What is the other?",
            360,
        )
    if level == 3:
        known = [rng.randint(40, 160), rng.randint(40, 160)]
        return _missing(
            360,
            known,
            f"Three angles meet at a point. Two of them are {_angles_text(known)}. "
            "What is the third?",
            180,
        )
    known = [rng.randint(15, 80), rng.randint(15, 80)]
    return _missing(
        180,
        known,
        f"Three angles sit together on a straight line. Two of them are {_angles_text(known)}. "
        "What is the third?",
        360,
    )


_REGULAR_POLYGONS = {5: "pentagon", 6: "hexagon", 8: "octagon", 10: "decagon", 9: "nonagon"}


def _missing_y6_shapes(level: int, rng: random.Random) -> Draft:
    """Unknown angles in triangles, quadrilaterals and regular polygons (Y6-GS-03)."""
    if level == 1:
        known = [rng.randint(25, 100), rng.randint(25, 80)]
        return _missing(
            180,
            known,
            f"Two angles of a triangle are {_angles_text(known)}. What is the third angle?",
            360,
        )
    if level == 2:
        known = [rng.randint(50, 130) for _ in range(3)]
        return _missing(
            360,
            known,
            f"Three angles of a quadrilateral are {_angles_text(known)}. What is the fourth angle?",
            180,
        )
    if level == 3:
        if rng.random() < 0.5:
            apex = rng.randrange(20, 160, 2)
            base = (180 - apex) // 2
            return Draft(
                prompt=f"An isosceles triangle has one angle of {apex}° between its two equal "
                "sides. What is the size of each of the other two angles?",
                answer=_integer(base, "°"),
                params={"apex": apex},
                bugs={
                    "ISOSCELES_WRONG_PAIR": canon_integer(apex),
                },
            )
        base = rng.randint(20, 85)
        if base == 60:
            raise Resample
        return Draft(
            prompt=f"An isosceles triangle has two equal angles of {base}°. "
            "What is the third angle?",
            answer=_integer(180 - 2 * base, "°"),
            params={"base": base},
            bugs={
                "SUBTRACTED_ONE_ONLY": canon_integer(180 - base),
                "ISOSCELES_WRONG_PAIR": _exact(Fraction(180 - base, 2)) or "0",
            },
        )
    sides = rng.choice(sorted(_REGULAR_POLYGONS))
    interior = 180 * (sides - 2) // sides
    if 180 * (sides - 2) % sides:
        raise Resample
    return Draft(
        prompt=f"The angles of a regular {_REGULAR_POLYGONS[sides]} add up to "
        f"{number_text(180 * (sides - 2))}°. What is the size of each angle?",
        answer=_integer(interior, "°"),
        params={"sides": sides},
        bugs={"WRONG_TOTAL": canon_integer(360 // sides)},
    )


def _missing_y6_lines(level: int, rng: random.Random) -> Draft:
    """Vertically opposite angles, angles on a line and at a point (Y6-GS-05)."""
    angle = rng.randint(25, 155)
    if angle == 90:
        raise Resample
    if level == 1:
        return Draft(
            prompt=f"Two straight lines cross. One of the four angles is {angle}°. "
            "What is the angle vertically opposite it?",
            answer=_integer(angle, "°"),
            params={"angle": angle},
            bugs={"VERT_OPP_AS_LINE": canon_integer(180 - angle)},
        )
    if level == 2:
        return Draft(
            prompt=f"Two straight lines cross. One of the four angles is {angle}°. "
            "What is the angle next to it?",
            answer=_integer(180 - angle, "°"),
            params={"angle": angle},
            bugs={
                "WRONG_TOTAL": canon_integer(360 - angle),
                "VERT_OPP_AS_LINE": canon_integer(angle),
            },
        )
    if level == 3:
        known = [rng.randint(40, 120) for _ in range(3)]
        return _missing(
            360,
            known,
            f"Four angles meet at a point. Three of them are {_angles_text(known)}. "
            "What is the fourth?",
            180,
        )
    times = rng.choice((2, 3, 4, 5, 8, 9))
    smaller = 180 // (times + 1)
    return Draft(
        prompt=f"Two straight lines cross. One of the angles is "
        f"{'twice' if times == 2 else _NUMBER_WORDS[times] + ' times'} the size of the angle next "
        "to it. What is the smaller angle?",
        answer=_integer(smaller, "°"),
        params={"times": times},
        bugs={"WRONG_TOTAL": canon_integer(360 // (times + 1))},
    )


_MISSING_ANGLE: dict[str, Generator] = {
    "Y5-GS-04": _missing_y5,
    "Y6-GS-03": _missing_y6_shapes,
    "Y6-GS-05": _missing_y6_lines,
}


@family("MISSING-ANGLE", objectives=tuple(_MISSING_ANGLE))
def missing_angle(objective: str, level: int, rng: random.Random) -> Draft:
    return _MISSING_ANGLE[objective](level, rng)


# --- CIRCLE-PARTS -----------------------------------------------------------------------------

_CIRCLE_PARTS = (
    ("the distance all the way round the circle", "circumference"),
    ("a straight line from the centre to the edge", "radius"),
    ("a straight line across the circle through the centre", "diameter"),
)


def _circle_parts(level: int, rng: random.Random) -> Draft:
    """Radius, diameter and circumference (Y6-GS-04)."""
    unit = rng.choice(("cm", "m", "mm"))
    if level == 1:
        radius = rng.randint(3, 25)
        return Draft(
            prompt=f"A circle has a radius of {radius} {unit}. What is its diameter?",
            answer=_integer(2 * radius, unit),
            params={"radius": radius},
            bugs={"RADIUS_DIAMETER_SWAP": _exact(Fraction(radius, 2)) or "0"},
        )
    if level == 2:
        diameter = rng.randint(5, 49)
        return Draft(
            prompt=f"A circle has a diameter of {diameter} {unit}. What is its radius?",
            answer=_decimal(Fraction(diameter, 2), unit),
            params={"diameter": diameter},
            bugs={"RADIUS_DIAMETER_SWAP": canon_integer(2 * diameter)},
        )
    if level == 3:
        words, right = rng.choice(_CIRCLE_PARTS)
        swap = {"radius": "diameter", "diameter": "radius"}.get(right)
        return _choice(
            rng,
            f"What is the name for {words}?",
            right,
            {"RADIUS_DIAMETER_SWAP": swap} if swap else {},
            ("radius", "diameter", "circumference", "centre"),
            {"part": right},
        )
    count, radius = rng.randint(2, 5), rng.randint(2, 9)
    return Draft(
        prompt=f"{_NUMBER_WORDS[count].capitalize()} circles, each with a radius of {radius} "
        f"{unit}, fit exactly in a row inside a rectangle, touching each other and the sides. "
        "How long is the rectangle?",
        answer=_integer(2 * radius * count, unit),
        params={"count": count, "radius": radius},
        bugs={"RADIUS_DIAMETER_SWAP": canon_integer(radius * count)},
    )


_CIRCLE: dict[str, Generator] = {"Y6-GS-04": _circle_parts}


@family("CIRCLE-PARTS", objectives=tuple(_CIRCLE))
def circle_parts(objective: str, level: int, rng: random.Random) -> Draft:
    return _CIRCLE[objective](level, rng)


# --- COORDINATES ------------------------------------------------------------------------------


def _point(x: int, y: int) -> str:
    return canon_coordinate(x, y).replace("-", "−")


def _coordinate_draft(prompt: str, x: int, y: int, params: Mapping, **bugs: tuple[int, int]):
    wrong = {label: canon_coordinate(*p) for label, p in bugs.items() if p is not None}
    return Draft(
        prompt=prompt,
        answer=AnswerSpec(kind="coordinate", value=canon_coordinate(x, y)),
        params=dict(params),
        bugs=wrong,
    )


def _moves_text(dx: int, dy: int) -> str:
    parts = []
    if dx:
        parts.append(f"{abs(dx)} {'right' if dx > 0 else 'left'}")
    if dy:
        parts.append(f"{abs(dy)} {'up' if dy > 0 else 'down'}")
    return " and ".join(parts)


def _translate(
    rng: random.Random, low: int, high: int, dx: int, dy: int, *, reverse: bool = False
) -> Draft:
    x, y = rng.randint(low, high), rng.randint(low, high)
    nx, ny = x + dx, y + dy
    if not (low <= nx <= high and low <= ny <= high) or nx == ny:
        raise Resample
    opposite = (x - dx, y - dy)
    if not (low <= opposite[0] <= high and low <= opposite[1] <= high):
        opposite = None
    if reverse:
        return _coordinate_draft(
            f"A point is moved {_moves_text(dx, dy)}. It ends at {_point(nx, ny)}. "
            "Where did it start?",
            x,
            y,
            {"end": [nx, ny], "move": [dx, dy]},
            TRANSLATE_DIRECTION=(nx + dx, ny + dy),
            XY_SWAP=(y, x) if x != y else None,
        )
    return _coordinate_draft(
        f"The point {_point(x, y)} is moved {_moves_text(dx, dy)}. What are its new coordinates?",
        nx,
        ny,
        {"start": [x, y], "move": [dx, dy]},
        TRANSLATE_DIRECTION=opposite,
        XY_SWAP=(ny, nx),
    )


def _move(rng: random.Random, low: int = 1, high: int = 6) -> int:
    return rng.choice((-1, 1)) * rng.randint(low, high)


def _coordinates_y4_translate(level: int, rng: random.Random) -> Draft:
    """Translations in the first quadrant: right/left and up/down (Y4-GP-02)."""
    if level == 1:
        dx, dy = (rng.randint(1, 6), 0) if rng.random() < 0.5 else (0, rng.randint(1, 6))
        return _translate(rng, 0, 10, dx, dy)
    if level == 2:
        return _translate(rng, 0, 10, rng.randint(1, 6), rng.randint(1, 6))
    if level == 3:
        dx, dy = -rng.randint(1, 6), _move(rng)
        return _translate(rng, 0, 10, dx, dy)
    return _translate(rng, 0, 10, _move(rng), _move(rng), reverse=True)


def _fourth_vertex(
    rng: random.Random, corners: list[tuple[int, int]], shape: str, params: Mapping
) -> Draft:
    """Show three corners (in a shuffled order) and ask for the one left out."""
    missing = corners[rng.randrange(4)]
    shown = [c for c in corners if c != missing]
    rng.shuffle(shown)
    listed = ", ".join(_point(*c) for c in shown[:2]) + f" and {_point(*shown[2])}"
    return _coordinate_draft(
        f"Three corners of {_a(shape)} are at {listed}. What are the coordinates of the fourth "
        "corner?",
        *missing,
        params,
        XY_SWAP=(missing[1], missing[0]) if missing[0] != missing[1] else None,
    )


def _coordinates_y4_polygon(level: int, rng: random.Random) -> Draft:
    """The missing corner of a square or rectangle (Y4-GP-03)."""
    if level in (1, 2, 3):
        most = 5 if level < 3 else 9
        w = rng.randint(2, most)
        h = w if level == 1 else rng.randint(2, most)
        if level > 1 and w == h:
            raise Resample
        x, y = rng.randint(0, 12 - w), rng.randint(0, 12 - h)
        corners = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
        return _fourth_vertex(rng, corners, "square" if w == h else "rectangle", {"w": w, "h": h})
    x, y = rng.randint(0, 4), rng.randint(0, 4)
    a, b = rng.randint(1, 4), rng.randint(1, 4)
    corners = [(x + b, y), (x + b + a, y + b), (x + a, y + a + b), (x, y + a)]
    return _fourth_vertex(rng, corners, "square", {"a": a, "b": b})


def _coordinates_y5(level: int, rng: random.Random) -> Draft:
    """Translations and reflections in a line parallel to an axis (Y5-GP-01)."""
    if level == 1:
        return _translate(rng, 0, 12, _move(rng), _move(rng))
    x, y = rng.randint(0, 12), rng.randint(0, 12)
    if level in (2, 3):
        k = rng.randint(2, 10)
        vertical = level == 2
        if vertical:
            nx, ny, line = 2 * k - x, y, f"the vertical line x = {k}"
            wrong = (x, 2 * k - y)
        else:
            nx, ny, line = x, 2 * k - y, f"the horizontal line y = {k}"
            wrong = (2 * k - x, y)
        if not (0 <= nx <= 12 and 0 <= ny <= 12) or (nx, ny) == (x, y):
            raise Resample
        return _coordinate_draft(
            f"The point {_point(x, y)} is reflected in {line}. Where is its reflection?",
            nx,
            ny,
            {"point": [x, y], "k": k, "vertical": vertical},
            REFLECT_WRONG_AXIS=wrong if min(wrong) >= 0 else None,
            XY_SWAP=(ny, nx) if nx != ny else None,
        )
    dx, k = _move(rng, 2, 5), rng.randint(4, 10)
    mx = x + dx
    nx = 2 * k - mx
    if not (0 <= mx <= 12 and 0 <= nx <= 12) or nx in (mx, x):
        raise Resample
    return _coordinate_draft(
        f"Corner A of a triangle is at {_point(x, y)}. The triangle is moved {_moves_text(dx, 0)}, "
        f"then reflected in the vertical line x = {k}. Where is corner A now?",
        nx,
        y,
        {"point": [x, y], "dx": dx, "k": k},
        TRANSLATE_DIRECTION=(2 * k - (x - dx), y),
    )


def _signed(rng: random.Random, low: int = 1, high: int = 9) -> int:
    return rng.choice((-1, 1)) * rng.randint(low, high)


def _coordinates_y6_quadrants(level: int, rng: random.Random) -> Draft:
    """Positions in all four quadrants (Y6-GP-01)."""
    if level in (1, 2):
        a, b = rng.sample(range(1, 10), 2)
        sx, sy = rng.choice((-1, 1)), rng.choice((-1, 1))
        x, y = sx * a, sy * b
        side = "left" if x < 0 else "right"
        height = "below" if y < 0 else "above"
        if level == 1:
            right = _point(x, y)
            return _choice(
                rng,
                f"Which point is to the {side} of the y-axis and {height} the x-axis?",
                right,
                {"SIGN_ERROR": _point(-x, y), "XY_SWAP": _point(y, x)},
                (_point(-x, -y), _point(x, -y)),
                {"point": [x, y]},
            )
        return _coordinate_draft(
            f"A point is {a} units to the {side} of the y-axis and {b} units {height} the x-axis. "
            "What are its coordinates?",
            x,
            y,
            {"point": [x, y]},
            XY_SWAP=(y, x),
            SIGN_ERROR=(a, b) if (a, b) != (x, y) else (-x, -y),
        )
    if level == 3:
        x, y = _signed(rng, 1, 6), _signed(rng, 1, 6)
        dx, dy = _signed(rng, 3, 8), _signed(rng, 3, 8)
        nx, ny = x + dx, y + dy
        crosses = nx * x < 0 or ny * y < 0
        if not crosses or abs(nx) > 10 or abs(ny) > 10 or 0 in (nx, ny):
            raise Resample
        return _coordinate_draft(
            f"The point {_point(x, y)} is moved {_moves_text(dx, dy)}. "
            "What are its new coordinates?",
            nx,
            ny,
            {"start": [x, y], "move": [dx, dy]},
            TRANSLATE_DIRECTION=(x - dx, y - dy),
            XY_SWAP=(ny, nx) if nx != ny else None,
        )
    left, bottom = rng.randint(-8, -1), rng.randint(-8, -1)
    right, top = rng.randint(1, 8), rng.randint(1, 8)
    corners = [(left, bottom), (right, bottom), (right, top), (left, top)]
    return _fourth_vertex(rng, corners, "rectangle", {"corners": corners})


def _coordinates_y6_transform(level: int, rng: random.Random) -> Draft:
    """Translate shapes and reflect them in the axes (Y6-GP-02)."""
    x, y = _signed(rng), _signed(rng)
    if abs(x) == abs(y):
        raise Resample
    if level in (1, 2):
        axis = "y-axis" if level == 1 else "x-axis"
        nx, ny = (-x, y) if level == 1 else (x, -y)
        wrong = (x, -y) if level == 1 else (-x, y)
        return _coordinate_draft(
            f"The point {_point(x, y)} is reflected in the {axis}. Where is its reflection?",
            nx,
            ny,
            {"point": [x, y], "axis": axis},
            REFLECT_WRONG_AXIS=wrong,
            SIGN_ERROR=(-x, -y),
        )
    if level == 3:
        dx, dy = _signed(rng, 2, 7), _signed(rng, 2, 7)
        nx, ny = x + dx, y + dy
        if abs(nx) > 10 or abs(ny) > 10 or nx == ny:
            raise Resample
        return _coordinate_draft(
            f"A triangle has a corner at {_point(x, y)}. The triangle is translated "
            f"{_moves_text(dx, dy)}. Where is that corner now?",
            nx,
            ny,
            {"point": [x, y], "move": [dx, dy]},
            TRANSLATE_DIRECTION=(x - dx, y - dy),
            XY_SWAP=(ny, nx),
        )
    dy = _signed(rng, 2, 6)
    nx, ny = -x, y + dy
    if abs(ny) > 10:
        raise Resample
    return _coordinate_draft(
        f"The point {_point(x, y)} is reflected in the y-axis, then moved {_moves_text(0, dy)}. "
        "Where does it end?",
        nx,
        ny,
        {"point": [x, y], "dy": dy},
        REFLECT_WRONG_AXIS=(x, -y + dy),
        TRANSLATE_DIRECTION=(-x, y - dy),
    )


_COORDINATES: dict[str, Generator] = {
    "Y4-GP-02": _coordinates_y4_translate,
    "Y4-GP-03": _coordinates_y4_polygon,
    "Y5-GP-01": _coordinates_y5,
    "Y6-GP-01": _coordinates_y6_quadrants,
    "Y6-GP-02": _coordinates_y6_transform,
}


@family("COORDINATES", objectives=tuple(_COORDINATES))
def coordinates(objective: str, level: int, rng: random.Random) -> Draft:
    return _COORDINATES[objective](level, rng)


# --- PATTERN ----------------------------------------------------------------------------------

_PATTERN_BANKS = (
    ("circle", "square", "triangle", "star"),
    ("red", "blue", "green", "yellow"),
    ("cat", "dog", "fish", "bird"),
)
_ORDINALS = {n: f"{n}th" for n in range(4, 31)} | {21: "21st", 22: "22nd", 23: "23rd"}


def _pattern_unit(rng: random.Random, length: int, bank: Sequence) -> list:
    """A repeating unit of ``length`` items using two or three different things."""
    kinds = rng.sample(list(bank), 2 if length == 2 else rng.choice((2, 3)))
    while True:
        unit = [rng.choice(kinds) for _ in range(length)]
        if len(set(unit)) >= 2 and (length == 2 or unit[0] != unit[-1]):
            return unit


def _pattern(level: int, rng: random.Random) -> Draft:
    """Repeating patterns of shapes, colours, animals and numbers (Y2-GP-01)."""
    numbers = level == 4
    bank = rng.sample(range(1, 10), 4) if numbers else rng.choice(_PATTERN_BANKS)
    length = 2 if level == 1 else 3
    unit = _pattern_unit(rng, length, bank)
    shown = 6 if level == 1 else rng.choice([n for n in range(7, 10) if n % length])
    terms = [unit[i % length] for i in range(shown)]
    listed = ", ".join(str(t) for t in terms)
    position = shown + 1 if level <= 2 else rng.randint(shown + 4, 20 if level == 3 else 30)
    right = unit[(position - 1) % length]
    restart = unit[(position - shown - 1) % length]
    if level > 1 and restart == right:
        raise Resample
    question = (
        "What comes next?"
        if position == shown + 1
        else f"What is the {_ORDINALS[position]} {'number' if numbers else 'item'}?"
    )
    prompt = f"Here is a repeating pattern: {listed}, … {question}"
    params = {"unit": [str(u) for u in unit], "shown": shown, "position": position}
    if numbers:
        return Draft(
            prompt=prompt,
            answer=_integer(right),
            params=params,
            bugs={"PATTERN_RESTART": canon_integer(restart)},
        )
    return _choice(
        rng,
        prompt,
        right,
        {"PATTERN_RESTART": restart},
        sorted(set(unit)) + [b for b in bank if b not in unit][:1],
        params,
    )


_PATTERN: dict[str, Generator] = {"Y2-GP-01": _pattern}


@family("PATTERN", objectives=tuple(_PATTERN))
def pattern(objective: str, level: int, rng: random.Random) -> Draft:
    return _PATTERN[objective](level, rng)


# --- TABLE-DATA -------------------------------------------------------------------------------

# (what was asked, header of the first column, the categories)
_SURVEYS = (
    ("favourite fruit", "Fruit", ("apple", "banana", "orange", "pear", "grapes")),
    ("favourite colour", "Colour", ("red", "blue", "green", "yellow", "purple")),
    ("favourite pet", "Pet", ("cat", "dog", "rabbit", "fish", "hamster")),
    ("favourite sport", "Sport", ("football", "netball", "swimming", "tennis", "cricket")),
)
_TRAVEL = ("walk", "car", "bus", "bike")
_DAYS_OPEN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def _tally(count: int) -> str:
    """Tally marks as text: bars in groups of five ("||||| ||")."""
    fives, rest = divmod(count, 5)
    return " ".join(["|||||"] * fives + (["|" * rest] if rest else []))


def _survey(
    rng: random.Random, rows: int, low: int, high: int, step: int = 1, tally: bool = False
) -> tuple[str, list[str], list[int], tuple[tuple[str, ...], ...]]:
    """A one-way frequency table with different counts in every row."""
    asked, header, categories = rng.choice(_SURVEYS)
    names = rng.sample(categories, rows)
    counts = rng.sample(range(low, high + 1, step), rows)
    column = "Tally" if tally else "Number of children"
    body = tuple((n, _tally(c) if tally else str(c)) for n, c in zip(names, counts, strict=True))
    return asked, names, counts, ((header, column), *body)


def _neighbour(counts: Sequence[int], index: int) -> int:
    return counts[index + 1] if index + 1 < len(counts) else counts[index - 1]


def _read_one(asked: str, names, counts, table, rng: random.Random) -> Draft:
    index = rng.randrange(len(names))
    return Draft(
        prompt=f"Children chose their {asked}. How many children chose {names[index]}?",
        answer=_integer(counts[index]),
        params={"counts": counts, "index": index},
        bugs={"READ_WRONG_ROW": canon_integer(_neighbour(counts, index))},
        table=table,
    )


def _most_or_least(asked: str, names, counts, table, rng: random.Random, most: bool) -> Draft:
    top = names[counts.index(max(counts))]
    bottom = names[counts.index(min(counts))]
    right, wrong = (top, bottom) if most else (bottom, top)
    return _choice(
        rng,
        f"Children chose their {asked}. Which was chosen by the {'most' if most else 'fewest'} "
        "children?",
        right,
        {"COMPARE_REVERSED": wrong},
        names,
        {"counts": counts},
        table=table,
    )


def _two_rows(asked: str, names, counts, table, rng: random.Random, more: bool) -> Draft:
    i, j = rng.sample(range(len(names)), 2)
    if more:
        i, j = (i, j) if counts[i] > counts[j] else (j, i)
        return Draft(
            prompt=f"Children chose their {asked}. How many more children chose {names[i]} "
            f"than {names[j]}?",
            answer=_integer(counts[i] - counts[j]),
            params={"counts": counts, "rows": [i, j]},
            bugs={"DIFF_AS_SUM": canon_integer(counts[i] + counts[j])},
            table=table,
        )
    return Draft(
        prompt=f"Children chose their {asked}. How many children chose {names[i]} or "
        f"{names[j]} altogether?",
        answer=_integer(counts[i] + counts[j]),
        params={"counts": counts, "rows": [i, j]},
        bugs={"OP_SWAP": canon_integer(abs(counts[i] - counts[j]))},
        table=table,
    )


def _table_y2_tally(level: int, rng: random.Random) -> Draft:
    """Read tally charts and tables (Y2-ST-01)."""
    asked, names, counts, table = _survey(rng, 4, 2, 14, tally=True)
    if level == 1:
        return _read_one(asked, names, counts, table, rng)
    if level == 2:
        return _most_or_least(asked, names, counts, table, rng, most=True)
    return _two_rows(asked, names, counts, table, rng, more=level == 4)


def _table_y2_sort(level: int, rng: random.Random) -> Draft:
    """Count in each category and sort the categories (Y2-ST-02)."""
    asked, names, counts, table = _survey(rng, 4 if level < 3 else 5, 2, 20)
    if level in (1, 2):
        return _most_or_least(asked, names, counts, table, rng, most=level == 1)
    if level == 3:
        ordered = [n for _, n in sorted(zip(counts, names, strict=True), reverse=True)]
        draft = _order(
            rng,
            f"Children chose their {asked}. Put them in order, from the most popular to the "
            "least popular.",
            ordered,
            {"counts": counts},
        )
        return Draft(draft.prompt, draft.answer, draft.params, draft.bugs, table)
    threshold = sorted(counts)[rng.randint(1, 3)]
    above = sum(1 for c in counts if c > threshold)
    return Draft(
        prompt=f"Children chose their {asked}. How many of the choices were picked by more than "
        f"{threshold} children?",
        answer=_integer(above),
        params={"counts": counts, "threshold": threshold},
        bugs={"COMPARE_REVERSED": canon_integer(sum(1 for c in counts if c < threshold))},
        table=table,
    )


def _table_y2_totals(level: int, rng: random.Random) -> Draft:
    """Totals and comparisons of categorical data (Y2-ST-03)."""
    asked, names, counts, table = _survey(rng, 4, 2, 20)
    if level in (1, 2):
        return _two_rows(asked, names, counts, table, rng, more=level == 2)
    if level == 3:
        return Draft(
            prompt=f"Children chose their {asked}. How many children were asked altogether?",
            answer=_integer(sum(counts)),
            params={"counts": counts},
            bugs={"MISSED_ONE_VALUE": canon_integer(sum(counts[:-1]))},
            table=table,
        )
    i = counts.index(max(counts))
    j, k = rng.sample([n for n in range(4) if n != i], 2)
    if counts[i] <= counts[j] + counts[k]:
        raise Resample
    return Draft(
        prompt=f"Children chose their {asked}. How many more children chose {names[i]} than "
        f"{names[j]} and {names[k]} put together?",
        answer=_integer(counts[i] - counts[j] - counts[k]),
        params={"counts": counts, "rows": [i, j, k]},
        bugs={"DIFF_AS_SUM": canon_integer(counts[i] + counts[j] + counts[k])},
        table=table,
    )


def _two_way(rng: random.Random, step: int, high: int):
    """Classes by way of travelling to school: rows classes, columns ways."""
    classes = ["Class 3A", "Class 3B", "Class 3C"][: rng.choice((2, 3))]
    ways = rng.sample(_TRAVEL, rng.choice((3, 4)))
    values = [[rng.randrange(step, high + 1, step) for _ in ways] for _ in classes]
    header = ("", *(w.capitalize() for w in ways))
    rows = [(c, *(str(v) for v in row)) for c, row in zip(classes, values, strict=True)]
    table = (header, *rows)
    return classes, ways, values, table


def _table_y3_two_way(level: int, rng: random.Random) -> Draft:
    """Read and interpret tables, including two-way tables (Y3-ST-01)."""
    classes, ways, values, table = _two_way(rng, rng.choice((2, 5)), 30)
    r, c = rng.randrange(len(classes)), rng.randrange(len(ways))
    about = "The table shows how children travel to school."
    if level == 1:
        other = values[(r + 1) % len(classes)][c]
        return Draft(
            prompt=f"{about} How many children in {classes[r]} {ways[c]} to school?"
            if ways[c] in ("walk",)
            else f"{about} How many children in {classes[r]} come by {ways[c]}?",
            answer=_integer(values[r][c]),
            params={"values": values, "cell": [r, c]},
            bugs={"READ_WRONG_ROW": canon_integer(other)},
            table=table,
        )
    if level == 2:
        return Draft(
            prompt=f"{about} How many children are in {classes[r]} altogether?",
            answer=_integer(sum(values[r])),
            params={"values": values, "row": r},
            bugs={"MISSED_ONE_VALUE": canon_integer(sum(values[r][:-1]))},
            table=table,
        )
    totals = [sum(row[k] for row in values) for k in range(len(ways))]
    if level == 3:
        return Draft(
            prompt=f"{about} How many children altogether come by {ways[c]}?"
            if ways[c] != "walk"
            else f"{about} How many children altogether walk to school?",
            answer=_integer(totals[c]),
            params={"values": values, "column": c},
            bugs={"READ_WRONG_ROW": canon_integer(sum(values[r]))},
            table=table,
        )
    if totals.count(max(totals)) > 1:
        raise Resample
    best = ways[totals.index(max(totals))]
    first_row_best = ways[values[0].index(max(values[0]))]
    return _choice(
        rng,
        f"{about} Which way of travelling is used by the most children in all the classes "
        "together?",
        best,
        {"READ_WRONG_ROW": first_row_best},
        ways,
        {"values": values},
        table=table,
    )


def _table_y3_steps(level: int, rng: random.Random) -> Draft:
    """One-step and two-step 'how many more/fewer' questions (Y3-ST-02)."""
    if level < 4:
        asked, names, counts, table = _survey(rng, 4, 5, 50, step=5)
    if level == 1:
        return _two_rows(asked, names, counts, table, rng, more=True)
    if level == 2:
        i, j = rng.sample(range(4), 2)
        i, j = (i, j) if counts[i] < counts[j] else (j, i)
        return Draft(
            prompt=f"Children chose their {asked}. How many fewer children chose {names[i]} "
            f"than {names[j]}?",
            answer=_integer(counts[j] - counts[i]),
            params={"counts": counts, "rows": [i, j]},
            bugs={"DIFF_AS_SUM": canon_integer(counts[i] + counts[j])},
            table=table,
        )
    if level == 3:
        i, j, k = rng.sample(range(4), 3)
        if counts[i] + counts[j] <= counts[k]:
            raise Resample
        return Draft(
            prompt=f"Children chose their {asked}. How many more children chose {names[i]} or "
            f"{names[j]} than chose {names[k]}?",
            answer=_integer(counts[i] + counts[j] - counts[k]),
            params={"counts": counts, "rows": [i, j, k]},
            bugs={"MISSED_ONE_VALUE": canon_integer(abs(counts[i] - counts[k]))},
            table=table,
        )
    classes, _, values, table = _two_way(rng, 2, 20)
    totals = [sum(row) for row in values]
    a, b = rng.sample(range(len(classes)), 2)
    if totals[a] <= totals[b]:
        a, b = b, a
    if totals[a] == totals[b]:
        raise Resample
    return Draft(
        prompt=f"The table shows how children travel to school. How many more children are in "
        f"{classes[a]} than in {classes[b]}?",
        answer=_integer(totals[a] - totals[b]),
        params={"values": values, "rows": [a, b]},
        bugs={"DIFF_AS_SUM": canon_integer(totals[a] + totals[b])},
        table=table,
    )


def _visitors(rng: random.Random, days: int):
    place = rng.choice(("museum", "swimming pool", "library", "farm park"))
    names = list(_DAYS_OPEN[:days])
    counts = rng.sample(range(105, 990), days)
    rows = [(d, number_text(c)) for d, c in zip(names, counts, strict=True)]
    table = (("Day", "Number of visitors"), *rows)
    return place, names, counts, table


def _table_y4(level: int, rng: random.Random) -> Draft:
    """Sum and difference problems with larger numbers in tables (Y4-ST-02)."""
    place, names, counts, table = _visitors(rng, 5)
    about = f"The table shows the visitors to a {place}."
    i, j = rng.sample(range(5), 2)
    if level == 1:
        return Draft(
            prompt=f"{about} How many visitors were there on {names[i]} and {names[j]} altogether?",
            answer=_integer(counts[i] + counts[j]),
            params={"counts": counts, "rows": [i, j]},
            bugs={
                "ADD_NO_CARRY": canon_integer(_add_no_carry(counts[i], counts[j])),
                "READ_WRONG_ROW": canon_integer(counts[i] + _neighbour(counts, j)),
            },
            table=table,
        )
    if level == 2:
        i, j = (i, j) if counts[i] > counts[j] else (j, i)
        return Draft(
            prompt=f"{about} How many more visitors were there on {names[i]} than on {names[j]}?",
            answer=_integer(counts[i] - counts[j]),
            params={"counts": counts, "rows": [i, j]},
            bugs={
                "DIFF_AS_SUM": canon_integer(counts[i] + counts[j]),
                "SUB_SMALLER_FROM_LARGER": canon_integer(
                    _sub_smaller_from_larger(counts[i], counts[j])
                ),
            },
            table=table,
        )
    if level == 3:
        return Draft(
            prompt=f"{about} How many visitors were there altogether in the five days?",
            answer=_integer(sum(counts)),
            params={"counts": counts},
            bugs={"ADD_NO_CARRY": canon_integer(_add_no_carry(*counts))},
            table=table,
        )
    k = rng.choice([d for d in range(5) if d not in (i, j)])
    if counts[k] >= counts[i] + counts[j]:
        raise Resample
    return Draft(
        prompt=f"{about} How many more visitors would there need to have been on {names[k]} to "
        f"equal the number on {names[i]} and {names[j]} put together?",
        answer=_integer(counts[i] + counts[j] - counts[k]),
        params={"counts": counts, "rows": [i, j, k]},
        bugs={"DIFF_AS_SUM": canon_integer(counts[i] + counts[j] + counts[k])},
        table=table,
    )


def _table_y5(level: int, rng: random.Random) -> Draft:
    """Complete, read and interpret tables, including timetables (Y5-ST-02)."""
    if level == 1:
        place, names, counts, _ = _visitors(rng, 4)
        total = sum(counts)
        gap = rng.randrange(4)
        rows = [
            (d, "?" if k == gap else number_text(c))
            for k, (d, c) in enumerate(zip(names, counts, strict=True))
        ]
        table = (("Day", "Number of visitors"), *rows, ("Total", number_text(total)))
        known = total - counts[gap]
        return Draft(
            prompt=f"The table shows the visitors to a {place}, but one number is missing. "
            f"How many visitors were there on {names[gap]}?",
            answer=_integer(counts[gap]),
            params={"counts": counts, "gap": gap},
            bugs={"OP_SWAP": canon_integer(total + known)},
            table=table,
        )
    if level in (2, 3):
        names, times, table = _timetable(rng, 4, 4)
        bus = rng.randrange(4)
        if level == 2:
            stop = rng.randrange(1, 4)
            other = stop - 1
            return Draft(
                prompt=f"Look at the bus timetable. What time does {_BUS_NAMES[bus]} reach "
                f"{names[stop]}?",
                answer=_time(*_hm(times[stop][bus])),
                params={"times": times, "bus": bus, "stop": stop},
                bugs={"READ_WRONG_ROW": canon_time(*_hm(times[other][bus]))},
                table=table,
            )
        arrive = times[3][bus] + rng.randint(0, 4)
        return Draft(
            prompt=f"Look at the bus timetable. {_name(rng)} must get to {names[3]} by "
            f"{_clock(arrive)}. What is the latest time they can catch a bus at {names[0]}?",
            answer=_time(*_hm(times[0][bus])),
            params={"times": times, "arrive_by": arrive},
            bugs={"READ_WRONG_ROW": canon_time(*_hm(times[3][bus]))},
            table=table,
        )
    a, b = rng.randint(8, 20), rng.randint(8, 20)
    c, d = rng.randint(8, 20), rng.randint(8, 20)
    meal = rng.choice((("Packed lunch", "School dinner"), ("Fruit", "Biscuit")))
    table = (
        ("", *meal, "Total"),
        ("Boys", str(a), "?", str(a + b)),
        ("Girls", "?", str(d), "?"),
        ("Total", "?", "?", str(a + b + c + d)),
    )
    return Draft(
        prompt=f"The table shows what children chose, but some numbers are missing. How many "
        f"girls chose {meal[0].lower()}?",
        answer=_integer(c),
        params={"a": a, "b": b, "c": c, "d": d},
        bugs={"SUBTRACTED_ONE_ONLY": canon_integer(c + d)},
        table=table,
    )


_TABLE_DATA: dict[str, Generator] = {
    "Y2-ST-01": _table_y2_tally,
    "Y2-ST-02": _table_y2_sort,
    "Y2-ST-03": _table_y2_totals,
    "Y3-ST-01": _table_y3_two_way,
    "Y3-ST-02": _table_y3_steps,
    "Y4-ST-02": _table_y4,
    "Y5-ST-02": _table_y5,
}


@family("TABLE-DATA", objectives=tuple(_TABLE_DATA))
def table_data(objective: str, level: int, rng: random.Random) -> Draft:
    return _TABLE_DATA[objective](level, rng)


# --- MEAN -------------------------------------------------------------------------------------

# (sentence with {values}, unit for the answer)
_MEAN_CONTEXTS = (
    ("A team scored {values} goals in {n} matches.", "goals"),
    ("{n} children read {values} books in a term.", "books"),
    ("The temperature at noon on {n} days was {values} °C.", "°C"),
    ("{n} plants grew {values} cm in a month.", "cm"),
    ("{name} scored {values} points in {n} games.", "points"),
)


def _listed(values: Sequence[int | Decimal]) -> str:
    texts = [number_text(v) for v in values]
    return ", ".join(texts[:-1]) + f" and {texts[-1]}"


def _mean_bugs(values: Sequence[int]) -> dict[str, str]:
    total, count = sum(values), len(values)
    bugs = {"MEAN_NO_DIVIDE": canon_integer(total)}
    for wrong_count in (count - 1, count + 1):
        text = _exact(Fraction(total, wrong_count))
        if text is not None:
            bugs["MEAN_WRONG_COUNT"] = text
            break
    if count % 2:
        bugs["MEAN_AS_MIDDLE"] = canon_integer(sorted(values)[count // 2])
    return bugs


def _mean(level: int, rng: random.Random) -> Draft:
    """Calculate and interpret the mean (Y6-ST-02)."""
    stem, unit = rng.choice(_MEAN_CONTEXTS)
    count = {1: 3, 2: rng.choice((4, 5)), 3: rng.choice((4, 5)), 4: rng.choice((4, 5))}[level]
    high = 12 if level == 1 else 30
    values = [rng.randint(1, high) for _ in range(count)]
    if level < 3:  # make the total a multiple of the count by adjusting the last value
        values[-1] += -sum(values) % count
    total = sum(values)
    name = _name(rng)
    if level in (1, 2, 3):
        whole = total % count == 0
        if whole != (level < 3) or len(set(values)) < 2:
            raise Resample
        mean = Fraction(total, count)
        if level == 3 and (mean * 10).denominator != 1:
            raise Resample
        bugs = _mean_bugs(values)
        if level < 3 and bugs.get("MEAN_AS_MIDDLE") == canon_integer(int(mean)) and count == 3:
            raise Resample
        sentence = stem.format(
            values=_listed(values),
            n=_NUMBER_WORDS[count].capitalize() if stem.startswith("{n}") else count,
            name=name,
        )
        return Draft(
            prompt=f"{sentence} What is the mean?",
            answer=_decimal(mean, unit) if level == 3 else _integer(int(mean), unit),
            params={"values": values},
            bugs=bugs,
        )
    mean = rng.randint(5, 20)
    known = [rng.randint(max(1, mean - 8), mean + 8) for _ in range(count - 1)]
    missing = mean * count - sum(known)
    if missing <= 0 or missing in known:
        raise Resample
    return Draft(
        prompt=f"{name} played {count} games. The mean score was {mean}. The scores in the "
        f"first {count - 1} games were {_listed(known)}. What was the score in the last game?",
        answer=_integer(missing, "points"),
        params={"mean": mean, "known": known},
        bugs={
            "MEAN_NO_DIVIDE": canon_integer(mean * count),
            "MEAN_WRONG_COUNT": canon_integer(abs(mean * (count - 1) - sum(known))),
        },
    )


_MEAN: dict[str, Generator] = {"Y6-ST-02": _mean}


@family("MEAN", objectives=tuple(_MEAN))
def mean(objective: str, level: int, rng: random.Random) -> Draft:
    return _MEAN[objective](level, rng)
