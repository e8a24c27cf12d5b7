"""Generated assessment items: the types every question family shares, and the registry.

Pure: no Flask, no database. An item is rebuilt from (family, objective, level, seed) alone,
so a stored seed re-renders the same question after any upgrade; golden tests pin a sample.

Answers are compared as *canonical text*, one spelling per value, per answer kind:

| kind       | canonical value                                   | example          |
|------------|---------------------------------------------------|------------------|
| integer    | base-10 integer, leading minus for negatives      | ``-6``, ``1087`` |
| decimal    | shortest exact decimal, no exponent, no trailing 0 | ``2.5``, ``10``  |
| fraction   | lowest terms ``n/d``; a whole number alone         | ``7/4``, ``3``   |
| money      | whole pence                                        | ``320``          |
| percent    | the number before the % sign, as ``decimal``       | ``12.5``         |
| remainder  | ``q r r``                                          | ``23 r 4``       |
| time       | 24-hour ``HH:MM``                                  | ``15:40``        |
| choice     | the text of the right option                       | ``>``            |
| order      | option texts in order, joined by ``|``             | ``0.5|0.45``     |
| set        | distinct integers ascending, joined by ``,``       | ``1,2,3,6``      |
| coordinate | ``(x, y)``                                         | ``(5, 9)``       |

The canonical helpers below build those strings, so families never spell them by hand.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

ANSWER_KINDS = (
    "integer",
    "decimal",
    "fraction",
    "money",
    "percent",
    "remainder",
    "time",
    "choice",
    "order",
    "set",
    "coordinate",
)
LEVELS = (1, 2, 3, 4)
MAX_DRAWS = 200  # a family that needs more draws than this for one item is a bug
ORDER_SEPARATOR = "|"


# --- canonical spellings ----------------------------------------------------------------------


def canon_integer(value: int) -> str:
    return str(int(value))


def canon_decimal(value: Decimal | Fraction | int | str) -> str:
    """Exact decimals only: a fraction that does not terminate raises ValueError."""
    if isinstance(value, Fraction):
        denominator = value.denominator
        for prime in (2, 5):
            while denominator % prime == 0:
                denominator //= prime
        if denominator != 1:
            raise ValueError(f"{value} has no exact decimal")
        value = Decimal(value.numerator) / Decimal(value.denominator)
    number = Decimal(str(value)) if not isinstance(value, Decimal) else value
    text = format(number.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def canon_fraction(value: Fraction | int) -> str:
    value = Fraction(value)
    if value.denominator == 1:
        return str(value.numerator)
    return f"{value.numerator}/{value.denominator}"


def canon_money(pence: int) -> str:
    return str(int(pence))


def canon_percent(value: Decimal | Fraction | int | str) -> str:
    return canon_decimal(value)


def canon_remainder(quotient: int, remainder: int) -> str:
    return f"{quotient} r {remainder}"


def canon_time(hours: int, minutes: int) -> str:
    return f"{hours % 24:02d}:{minutes:02d}"


def canon_order(texts: Iterable[str]) -> str:
    return ORDER_SEPARATOR.join(texts)


def canon_set(values: Iterable[int]) -> str:
    return ",".join(str(v) for v in sorted(set(values)))


def canon_coordinate(x: int, y: int) -> str:
    return f"({x}, {y})"


def number_text(value: int | Decimal | Fraction | str) -> str:
    """A number as printed in a question: thousands separated by commas, as in KS2 papers."""
    text = canon_decimal(value) if not isinstance(value, int) else str(value)
    sign, text = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, _, decimals = text.partition(".")
    grouped = f"{int(whole):,}"
    return sign + grouped + (f".{decimals}" if decimals else "")


def shuffled_options(
    rng: random.Random, right: str, wrong: Iterable[str], count: int = 4
) -> tuple[str, ...]:
    """The right option and up to ``count - 1`` distinct wrong ones (bug answers first, so a
    wrong choice is diagnostic), in a seeded order."""
    options = [right]
    for text in wrong:
        if text not in options and len(options) < count:
            options.append(text)
    rng.shuffle(options)
    return tuple(options)


# --- what a family returns, and the item built from it ----------------------------------------


@dataclass(frozen=True)
class AnswerSpec:
    """What counts as right, and how the answer box looks.

    ``unit`` is the printed unit beside the box: "£" or "p" for money (it decides how typed
    money is read), "cm", "kg", "minutes", "%" … for measures. ``form`` refines a kind:
    fractions ``any`` | ``simplest`` | ``mixed`` | ``improper`` | ``decimal``; remainders
    ``r`` | ``fraction`` | ``decimal`` | ``any`` | ``context``; times ``24h`` | ``12h``.
    ``options`` are the choices (choice) or the things to put in order (order), as shown.
    """

    kind: str
    value: str
    unit: str = ""
    options: tuple[str, ...] = ()
    form: str = "any"
    accept_decimal: bool = True
    marks: int = 1

    def __post_init__(self) -> None:
        if self.kind not in ANSWER_KINDS:
            raise ValueError(f"unknown answer kind {self.kind!r}")
        if self.kind == "choice" and self.value not in self.options:
            raise ValueError("the right choice must be one of the options")
        if self.kind == "order" and sorted(self.value.split(ORDER_SEPARATOR)) != sorted(
            self.options
        ):
            raise ValueError("an order answer must use every option once")


@dataclass(frozen=True)
class Draft:
    """One family's output for one draw: everything but the identity of the template.

    ``bugs`` maps a misconception label (question-design.md §6.2) to the canonical answer a
    pupil with that misconception would give. ``table`` is data shown as an HTML table
    (header row first), for families that present data without a picture.
    """

    prompt: str
    answer: AnswerSpec
    params: Mapping[str, Any] = field(default_factory=dict)
    bugs: Mapping[str, str] = field(default_factory=dict)
    table: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Item:
    family: str
    objective: str
    level: int
    seed: int
    prompt: str
    answer: AnswerSpec
    params: Mapping[str, Any]
    # canonical wrong answer -> the misconception labels that predict it
    bugs: Mapping[str, tuple[str, ...]]
    table: tuple[tuple[str, ...], ...] = ()

    @property
    def template_id(self) -> str:
        return f"{self.family}:{self.objective}:L{self.level}"


class Resample(Exception):
    """Raised by a family when a draw breaks a constraint; the next draw is taken."""


FamilyFunction = Callable[[str, int, random.Random], Draft]


@dataclass(frozen=True)
class Family:
    code: str
    objectives: tuple[str, ...]
    draw: FamilyFunction
    levels: tuple[int, ...] = LEVELS


FAMILIES: dict[str, Family] = {}


def family(code: str, objectives: Iterable[str], levels: Iterable[int] = LEVELS):
    """Register ``draw(objective, level, rng) -> Draft`` as the family ``code``."""

    def register(draw: FamilyFunction) -> FamilyFunction:
        if code in FAMILIES:
            raise ValueError(f"family {code} registered twice")
        FAMILIES[code] = Family(code, tuple(objectives), draw, tuple(levels))
        return draw

    return register


def families_for(objective: str) -> list[Family]:
    _load_families()
    return [f for f in FAMILIES.values() if objective in f.objectives]


def generate(family_code: str, objective: str, level: int, seed: int) -> Item:
    """The item for this template and seed: the same arguments give the same item forever."""
    _load_families()
    chosen = FAMILIES[family_code]
    if objective not in chosen.objectives:
        raise ValueError(f"family {family_code} does not assess {objective}")
    if level not in chosen.levels:
        raise ValueError(f"family {family_code} has no level {level}")
    # String seeds are hashed with SHA-512 by random.Random: stable across Python versions.
    rng = random.Random(f"{family_code}|{objective}|{level}|{seed}")
    for _ in range(MAX_DRAWS):
        try:
            draft = chosen.draw(objective, level, rng)
        except Resample:
            continue
        return _build(chosen.code, objective, level, seed, draft)
    raise RuntimeError(f"{family_code} found no item for {objective} L{level} seed {seed}")


def _build(code: str, objective: str, level: int, seed: int, draft: Draft) -> Item:
    bugs: dict[str, list[str]] = {}
    for label, wrong in draft.bugs.items():
        if wrong is not None and wrong != draft.answer.value:
            bugs.setdefault(wrong, []).append(label)
    return Item(
        family=code,
        objective=objective,
        level=level,
        seed=seed,
        prompt=draft.prompt,
        answer=draft.answer,
        params=dict(draft.params),
        bugs={wrong: tuple(labels) for wrong, labels in bugs.items()},
        table=draft.table,
    )


def _load_families() -> None:
    # Importing the package registers every family (each module decorates its functions).
    import prof123.assess.families  # noqa: F401
