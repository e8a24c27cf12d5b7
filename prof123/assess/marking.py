"""Marking generated assessment items: pure functions from what was asked (an ``AnswerSpec``)
and what was typed to a ``Mark``. No Flask, no database, and no exceptions for any typed text.

How an answer is read (question-design.md §3):

1. Clean: vulgar fractions become `` a/b`` ("1½" -> "1 1/2"), then Unicode NFKC, dashes to
   "-", fraction slashes to "/", zero-width characters dropped, spaces collapsed. Text longer
   than ``MAX_RAW_CHARS`` (sets: ``MAX_SET_CHARS``), or holding control characters, is
   unreadable (flag ``UNREADABLE``, normalised None). Only ASCII digits count ("١٢" is not
   twelve), and no exponent is ever read, so no huge number is ever built.
2. Units: one trailing unit is stripped when it is the item's unit or a synonym (and "£" in
   front when the item's unit is "£"); a different recognised unit makes the answer wrong
   (``UNIT_MISMATCH``, never converted). "%" is optional on a percent and wrong on an amount
   (``PCT_SIGN_ON_AMOUNT``). Money reads its own "£" and "p".
3. Parse by the answer kind and compare *values* with exact ``Fraction`` arithmetic. The
   normalised text is the canonical spelling of ``items.py`` (built with its ``canon_*``
   helpers), so it can be looked up in an item's bug map.

A wrong answer is labelled, in this order: the item's bug map (canonical wrong answer ->
labels); then what the reading itself found (``PENCE_POUND_CONFUSION``, ``XY_SWAP``,
``ORDER_REVERSED``, ``FACTORS_OMIT_1_N``, ``REMAINDER_AS_DECIMAL``, ``REMAINDER_CONTEXT``,
``SIGN_ERROR``, ``PCT_SIGN_ON_AMOUNT``, ``UNIT_MISMATCH``, ``WRONG_FORM``); else the generic
checks of §6.1 for numbers (``OFF_BY_ONE``, ``DIGITS_TRANSPOSED``, ``PLACE_VALUE_SHIFT``,
``OTHER_OPERATION`` from integer ``params["a"]`` and ``params["b"]``, ``SIGN_DROPPED``); else
``UNCLASSIFIED``. Blank is ``NO_RESPONSE``. An answer whose value is right but whose form is
not (a decimal comma, "2/4" where simplest form is asked, "7/4" where a mixed number is asked:
``WRONG_FORM``, "£3.2" in test mode, a missing am/pm) is labelled with that reason only, so
reports can tell format slips from maths errors; the same names are kept in ``flags``.

Modes: "test" is strict (KS2 mark-scheme rules). "practice" gives the same marks, except that a
slip in ``REENTRY_FLAGS`` asks the pupil to type again (``needs_reentry``, no labels, no mark)
and "£3.2" for £3.20 is accepted (flag ``MONEY_ONE_DP`` kept), as §3.5 says. Any other mode
string is marked as "test".

Remainders: the divisor is ``params["divisor"]``; failing that, ``params["b"]`` when
``params["a"]`` divided by it gives the answer's quotient and remainder. Without a divisor only
the "q r r" spelling (or a whole number when the remainder is 0) can score, because a mixed
number or decimal cannot be checked. ``context`` items want one whole number: ``answer.value``
is that number, or "q r r" meaning round up (``params["round"] == "down"`` rounds down).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import localcontext
from fractions import Fraction
from math import gcd
from types import MappingProxyType

from prof123.assess.items import (
    ORDER_SEPARATOR,
    AnswerSpec,
    Item,
    canon_coordinate,
    canon_decimal,
    canon_fraction,
    canon_integer,
    canon_money,
    canon_order,
    canon_percent,
    canon_remainder,
    canon_set,
    canon_time,
)

MAX_RAW_CHARS = 64  # longer typed answers are unreadable (choice and order allow their options)
MAX_SET_CHARS = 256  # all the factors of 360, say, with commas and spaces
REENTRY_FLAGS = frozenset({"DECIMAL_COMMA", "INVALID_GROUPING", "MISSING_AM_PM"})
_OPERAND_LIMIT = 10**12  # params larger than this are not tried as "another operation"
_EMPTY: Mapping = MappingProxyType({})


@dataclass(frozen=True)
class Mark:
    is_correct: bool
    marks: int  # answer.marks when correct, else 0
    normalised: str | None  # canonical text of what was typed; None if blank or unreadable
    labels: tuple[str, ...]  # misconceptions (or the format reason) for a wrong answer
    flags: tuple[str, ...]  # format notes kept for the teacher
    needs_reentry: bool  # practice mode: a format slip to fix, not a wrong answer


def normalise(answer: AnswerSpec, raw: str | None) -> str | None:
    """The canonical text of what was typed, or None when blank or unreadable. (A remainder
    typed as a mixed number needs the divisor from the item's params to become "q r r": use
    ``mark(...).normalised`` for that; a decimal stays a decimal either way.)"""
    return mark(answer, raw).normalised


def mark_item(item: Item, raw: str | None, mode: str = "test") -> Mark:
    return mark(item.answer, raw, item.bugs, item.params, mode)


def mark(
    answer: AnswerSpec,
    raw: str | None,
    bugs: Mapping[str, tuple[str, ...]] = _EMPTY,
    params: Mapping[str, object] = _EMPTY,
    mode: str = "test",
) -> Mark:
    """Mark one typed answer (see the module docstring for the rules)."""
    practice = mode == "practice"
    if not isinstance(raw, str):
        raw = "" if raw is None else "\x00"  # anything but text is unreadable
    text = _clean(raw, MAX_SET_CHARS if answer.kind == "set" else MAX_RAW_CHARS)
    if answer.kind in ("choice", "order") and text != "":
        text = raw  # matched against the options as shown, by _match_option
    if text == "":
        return Mark(False, 0, None, ("NO_RESPONSE",), (), False)
    if text is None:
        reading = _unreadable()
    else:
        reading = _READERS[answer.kind](answer, raw, text, params, practice)
    flags = tuple(dict.fromkeys(reading.flags))
    if practice and REENTRY_FLAGS.intersection(flags):
        return Mark(False, 0, reading.text, (), flags, True)
    if reading.right and not reading.faults:
        return Mark(True, answer.marks, reading.text, (), flags, False)
    if reading.right:
        labels = list(reading.faults)
    else:
        labels = []
        if reading.comparable and reading.text is not None:
            labels += _bug_labels(bugs, reading.text)
        labels += reading.reasons
        if not labels and reading.comparable:
            labels += _generic_labels(reading.number, reading.target, params)
    return Mark(
        False, 0, reading.text, tuple(dict.fromkeys(labels or ["UNCLASSIFIED"])), flags, False
    )


def out_of_place_pairs(answer: AnswerSpec, raw: str | None) -> int:
    """For an order answer: how many pairs the pupil put the wrong way round (0 when right,
    n(n-1)/2 for the exact reverse), or -1 when the text is not an arrangement of the options."""
    if answer.kind != "order" or not isinstance(raw, str):
        return -1
    placed = _read_arrangement(answer, raw)
    if placed is None:
        return -1
    # Give each typed option the position of its next unused copy in the right order.
    slots: dict[str, list[int]] = {}
    for position, text in enumerate(answer.value.split(ORDER_SEPARATOR)):
        slots.setdefault(text, []).append(position)
    ranks = [slots[text].pop(0) for text in placed]
    return sum(
        1 for i in range(len(ranks)) for j in range(i + 1, len(ranks)) if ranks[i] > ranks[j]
    )


# --- cleaning ----------------------------------------------------------------------------------

_VULGAR = {
    "½": "1/2",
    "⅓": "1/3",
    "⅔": "2/3",
    "¼": "1/4",
    "¾": "3/4",
    "⅕": "1/5",
    "⅖": "2/5",
    "⅗": "3/5",
    "⅘": "4/5",
    "⅙": "1/6",
    "⅚": "5/6",
    "⅐": "1/7",
    "⅛": "1/8",
    "⅜": "3/8",
    "⅝": "5/8",
    "⅞": "7/8",
    "⅑": "1/9",
    "⅒": "1/10",
    "↉": "0/3",
}
_DASHES = str.maketrans(dict.fromkeys("‐‑‒–—―−﹣－", "-") | dict.fromkeys("⁄∕", "/"))


def _clean(raw: str, limit: int) -> str | None:
    """Steps 1-2 of §3.2: "" for blank, None for unreadable text."""
    raw = raw.strip()
    if not raw:
        return ""
    if len(raw) > limit:
        return None
    text = "".join(f" {_VULGAR[c]}" if c in _VULGAR else c for c in raw)
    text = unicodedata.normalize("NFKC", text).translate(_DASHES)
    text = " ".join(text.split())
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if category == "Cf":  # zero-width spaces and joiners, soft hyphens: pasted, invisible
            continue
        if category.startswith("C"):
            return None
        kept.append(char)
    text = " ".join("".join(kept).split())
    return text if len(text) <= 2 * limit else None


# --- readings ----------------------------------------------------------------------------------


@dataclass
class _Reading:
    text: str | None = None  # the normalised answer
    right: bool = False  # the value is the right one (form aside)
    number: Fraction | None = None  # typed value, for the generic checks
    target: Fraction | None = None  # right value on the same scale
    flags: list[str] = field(default_factory=list)  # notes kept on the Mark
    faults: list[str] = field(default_factory=list)  # withhold the mark even when right
    reasons: list[str] = field(default_factory=list)  # explain a wrong value
    comparable: bool = True  # False skips the bug map and generic checks (another unit)

    def add(self, label: str, *, fault: bool = False, reason: bool = False) -> None:
        self.flags.append(label)
        if fault:
            self.faults.append(label)
        if reason:
            self.reasons.append(label)


def _unreadable() -> _Reading:
    return _Reading(flags=["UNREADABLE"])


# --- numbers -----------------------------------------------------------------------------------

_DIGITS = re.compile(r"[0-9]+")
_GROUPED = re.compile(r"[1-9][0-9]{0,2}(?:,[0-9]{3})+")
_SPACED = re.compile(r"[0-9]{1,3}(?: [0-9]{3})+(?:\.[0-9]*)?")
_MIXED = re.compile(r"(?:([0-9]+) )?([0-9]+)/([0-9]+)")
_SLASH_SPACES = re.compile(r" ?/ ?")


@dataclass(frozen=True)
class _Numeral:
    value: Fraction
    point: bool  # a decimal point was typed
    dp: int  # digits after the point
    whole: str  # digits before the point (commas dropped)
    frac: str  # digits after the point
    negative: bool
    flags: tuple[str, ...] = ()


def _take_sign(text: str) -> tuple[bool, str]:
    low = text.lower()
    for word in ("minus ", "negative "):
        if low.startswith(word):
            return True, text[len(word) :]
    if text[:1] in ("-", "+"):
        return text[0] == "-", text[1:].lstrip()
    return False, text


def _parse_numeral(
    text: str, *, space_groups: bool = False, fractional_expected: bool = False
) -> _Numeral | None:
    """A decimal numeral (§3.3): commas in valid groups of three, optionally spaces too; a
    decimal comma or bad grouping is read (and flagged) so the pupil can be told."""
    negative, body = _take_sign(text)
    flags: tuple[str, ...] = ()
    if " " in body:
        if not (space_groups and _SPACED.fullmatch(body)):
            return None
        body = body.replace(" ", "")
    whole, point, frac = body.partition(".")
    if frac and not _DIGITS.fullmatch(frac):
        return None
    if "," in whole:
        parts = whole.split(",")
        if _GROUPED.fullmatch(whole):
            whole = "".join(parts)
        elif (
            len(parts) == 2
            and not point
            and _DIGITS.fullmatch(parts[1])
            and (not parts[0] or _DIGITS.fullmatch(parts[0]))
            and (parts[0] in ("", "0") or (fractional_expected and len(parts[1]) != 3))
        ):
            flags = ("DECIMAL_COMMA",)
            whole, point, frac = parts[0], ".", parts[1]
        elif all(_DIGITS.fullmatch(part) for part in parts):
            flags = ("INVALID_GROUPING",)
            whole = "".join(parts)
        else:
            return None
    if not whole and not frac:
        return None
    if whole and not _DIGITS.fullmatch(whole):
        return None
    value = Fraction(int(whole or "0") * 10 ** len(frac) + int(frac or "0"), 10 ** len(frac))
    return _Numeral(
        -value if negative else value, bool(point), len(frac), whole, frac, negative, flags
    )


@dataclass(frozen=True)
class _Rational:
    value: Fraction
    shape: str  # "whole" | "decimal" | "fraction" | "mixed"
    num: int = 0  # the fraction part as typed
    den: int = 1
    numeral: _Numeral | None = None
    flags: tuple[str, ...] = ()


def _parse_rational(text: str, *, fractional_expected: bool = False) -> _Rational | None:
    """A whole number, decimal, "a/b", "a / b" or "w a/b" (§3.4); never "1-1/2"."""
    text = _SLASH_SPACES.sub("/", text)
    if "/" not in text:
        numeral = _parse_numeral(text, fractional_expected=fractional_expected)
        if numeral is None:
            return None
        shape = "decimal" if numeral.point else "whole"
        return _Rational(numeral.value, shape, numeral=numeral, flags=numeral.flags)
    negative, rest = _take_sign(text)
    match = _MIXED.fullmatch(rest)
    if match is None:
        return None
    whole, num, den = match.group(1), int(match.group(2)), int(match.group(3))
    if den == 0:
        return None
    value = Fraction(num, den) + int(whole or "0")
    flags = ("IMPROPER_MIXED",) if whole is not None and num >= den else ()
    shape = "fraction" if whole is None else "mixed"
    return _Rational(-value if negative else value, shape, num, den, flags=flags)


def _expected_number(value: str) -> Fraction | None:
    parsed = _parse_rational(value)
    return None if parsed is None else parsed.value


def _terminates(value: Fraction) -> bool:
    denominator = value.denominator
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    return denominator == 1


def _decimal_text(value: Fraction, canon: Callable[[Fraction], str] = canon_decimal) -> str:
    """A canon_* decimal spelling, exact however many digits were typed (the default decimal
    context keeps 28). ``value`` must terminate."""
    with localcontext() as context:
        context.prec = len(str(value.numerator)) + 4 * len(str(value.denominator)) + 10
        return canon(value)


def _number_text(kind: str, value: Fraction) -> str:
    if kind == "integer" and value.denominator == 1:
        return canon_integer(value.numerator)
    return _decimal_text(value, canon_percent if kind == "percent" else canon_decimal)


# --- units -------------------------------------------------------------------------------------

_UNITS = {
    "mm": ("mm", "millimetre", "millimetres", "millimeter", "millimeters"),
    "cm": ("cm", "centimetre", "centimetres", "centimeter", "centimeters"),
    "m": ("m", "metre", "metres", "meter", "meters"),
    "km": ("km", "kilometre", "kilometres", "kilometer", "kilometers"),
    "mm2": ("mm2", "sq mm", "square millimetres", "mm squared"),
    "cm2": ("cm2", "sq cm", "square centimetres", "square centimeters", "cm squared"),
    "m2": ("m2", "sq m", "square metres", "square meters", "m squared"),
    "km2": ("km2", "square kilometres", "km squared"),
    "cm3": ("cm3", "cubic centimetres", "cubic centimeters", "cm cubed"),
    "m3": ("m3", "cubic metres", "cubic meters", "m cubed"),
    "g": ("g", "gram", "grams", "gramme", "grammes"),
    "kg": ("kg", "kilogram", "kilograms", "kilogramme", "kilogrammes", "kilo", "kilos"),
    "ml": ("ml", "millilitre", "millilitres", "milliliter", "milliliters"),
    "l": ("l", "litre", "litres", "liter", "liters"),
    "min": ("min", "mins", "minute", "minutes"),
    "h": ("h", "hr", "hrs", "hour", "hours"),
    "s": ("s", "sec", "secs", "second", "seconds"),
    "day": ("day", "days"),
    "week": ("week", "weeks"),
    "month": ("month", "months"),
    "year": ("year", "years", "yr", "yrs"),
    "°C": ("°c", "degrees c", "degrees celsius", "degree celsius", "celsius"),
    "°": ("°", "degree", "degrees", "deg"),
    "p": ("p", "pence"),
    "£": ("pound", "pounds"),
    "%": ("%", "percent", "per cent"),
}
_UNIT_OF = {spelling: group for group, spellings in _UNITS.items() for spelling in spellings}
_SPELLINGS = sorted(_UNIT_OF.items(), key=lambda pair: -len(pair[0]))
_UNIT_OF["£"] = "£"


def _unit_spellings(unit: str) -> tuple[str, ...]:
    """The item's own unit when it is not a recognised one ("sweets", "buses")."""
    unit = " ".join(unicodedata.normalize("NFKC", unit).lower().split())
    if not unit or unit in _UNIT_OF:
        return ()
    spellings = dict.fromkeys((unit, unit + "s", unit.removesuffix("s")))
    return tuple(sorted((s for s in spellings if s), key=len, reverse=True))


def _accepted_units(answer: AnswerSpec) -> set[str]:
    unit = " ".join(unicodedata.normalize("NFKC", answer.unit).lower().split())
    groups = set()
    if unit:
        group = _UNIT_OF.get(unit, "item")
        groups.add(group)
        if group == "°C":
            groups.add("°")
    if answer.kind == "percent":
        groups.add("%")
    return groups


def _split_unit(text: str, own: tuple[str, ...]) -> tuple[str, str | None, bool]:
    """(body, the trailing unit's group or None, whether "£" was written in front)."""
    pound = False
    if text.startswith("£"):
        pound, text = True, text[1:].lstrip()
    elif text.startswith("-£"):
        pound, text = True, "-" + text[2:].lstrip()
    low = text.lower()
    for spelling, group in [(s, "item") for s in own] + _SPELLINGS:
        if low.endswith(spelling):
            body = text[: len(text) - len(spelling)]
            if body.strip() and not body[-1].isalpha():
                return body.rstrip(), group, pound
    return text, None, pound


def _read_units(answer: AnswerSpec, text: str, reading: _Reading) -> str:
    """Strip an accepted unit; note a different one (or a "%" on an amount) on the reading."""
    body, group, pound = _split_unit(text, _unit_spellings(answer.unit))
    accepted = _accepted_units(answer)
    if (pound and "£" not in accepted) or (group not in (None, "%") and group not in accepted):
        reading.add("UNIT_MISMATCH", reason=True)
        reading.comparable = False
    elif group == "%" and "%" not in accepted:
        reading.add("PCT_SIGN_ON_AMOUNT", fault=True, reason=True)
    return body


# --- readers by answer kind --------------------------------------------------------------------


def _read_number(
    answer: AnswerSpec, raw: str, text: str, params: Mapping, practice: bool
) -> _Reading:
    """integer, decimal, percent."""
    reading = _Reading()
    body = _read_units(answer, text, reading)
    expected = _expected_number(answer.value)
    fractional = expected is not None and expected.denominator != 1
    numeral = _parse_numeral(body, space_groups=True, fractional_expected=fractional)
    if numeral is None:
        return _unreadable()
    for flag in numeral.flags:
        reading.add(flag, fault=True)
    reading.text = _number_text(answer.kind, numeral.value)
    reading.number, reading.target = numeral.value, expected
    if reading.comparable:
        reading.right = (
            numeral.value == expected if expected is not None else reading.text == answer.value
        )
    return reading


def _read_money(
    answer: AnswerSpec, raw: str, text: str, params: Mapping, practice: bool
) -> _Reading:
    """answer.value is pence; answer.unit "p" is a pence box, anything else a pounds box."""
    reading = _Reading()
    pence_box = answer.unit.strip().lower() in ("p", "pence")
    expected = int(answer.value) if re.fullmatch(r"-?[0-9]{1,40}", answer.value) else None
    body, group, pound = _split_unit(text, ())
    if group == "%":
        reading.add("PCT_SIGN_ON_AMOUNT", fault=True, reason=True)
    elif group not in (None, "p", "£"):
        reading.add("UNIT_MISMATCH", reason=True)
        reading.comparable = False
    in_pence = group == "p"
    if in_pence and (pound or group == "£"):
        return _unreadable()  # "£3.20p"
    pound = pound or group == "£"
    split = re.fullmatch(r"([0-9]+) ([0-9]{2})", body)
    if split and not in_pence and not pence_box:  # "3 20" in a pounds box
        numeral = _parse_numeral(f"{split.group(1)}.{split.group(2)}")
    else:
        fractional = not pence_box and expected is not None and expected % 100 != 0
        numeral = _parse_numeral(body, space_groups=True, fractional_expected=fractional)
    if numeral is None:
        return _unreadable()
    for flag in numeral.flags:
        reading.add(flag, fault=True)
    as_pounds = not in_pence and (pound or numeral.point or not pence_box)
    pence = numeral.value * 100 if as_pounds else numeral.value
    if expected is not None and expected != 0:
        # The digits were right but read in the other unit: 320 in a £ box, "£45" for 45p.
        other = numeral.value if as_pounds else numeral.value * 100
        if other == expected and not numeral.flags:
            reading.add("PENCE_POUND_CONFUSION", reason=True)
    if as_pounds and numeral.dp == 1 and not numeral.flags:
        reading.add("MONEY_ONE_DP", fault=not practice)
    reading.number = pence
    reading.target = None if expected is None else Fraction(expected)
    if pence.denominator == 1 and (numeral.dp <= 2 if as_pounds else not numeral.point):
        reading.text = canon_money(pence.numerator)
        reading.right = reading.comparable and pence == expected
    return reading


def _fraction_form(answer: AnswerSpec, typed: _Rational) -> tuple[list[str], list[str]]:
    """(faults, notes) for a fraction of the right value, by answer.form (§3.4)."""
    form, shape = answer.form, typed.shape
    lowest = shape in ("whole", "decimal") or (
        gcd(typed.num, typed.den) == 1 and (shape == "mixed" or typed.den != 1)
    )
    if shape == "decimal":
        allowed = form == "decimal" or (form not in ("mixed", "improper") and answer.accept_decimal)
        return ([] if allowed else ["WRONG_FORM"]), []
    if form == "decimal":
        return ([] if shape == "whole" else ["WRONG_FORM"]), []
    if form == "mixed" and not (
        shape in ("mixed", "whole") or (shape == "fraction" and typed.num < typed.den)
    ):
        return ["WRONG_FORM"], []
    if form == "improper" and shape == "mixed":
        return ["WRONG_FORM"], []
    if form == "simplest":
        return ([] if lowest else ["NOT_SIMPLEST"]), []
    return [], ([] if lowest else ["NOT_SIMPLEST"])


def _read_fraction(
    answer: AnswerSpec, raw: str, text: str, params: Mapping, practice: bool
) -> _Reading:
    reading = _Reading()
    body = _read_units(answer, text, reading)
    expected = _expected_number(answer.value)
    fractional = expected is not None and expected.denominator != 1
    typed = _parse_rational(body, fractional_expected=fractional)
    if typed is None:
        return _unreadable()
    for flag in typed.flags:
        reading.add(flag, fault=True)
    reading.text = canon_fraction(typed.value)
    reading.number, reading.target = typed.value, expected
    reading.right = reading.comparable and (
        typed.value == expected if expected is not None else reading.text == answer.value
    )
    if reading.right:
        faults, notes = _fraction_form(answer, typed)
        for label in faults:
            reading.add(label, fault=True)
        reading.flags += notes
    return reading


_REMAINDER = re.compile(r"([0-9]+) ?(?:r|rem|remainder) ?([0-9]+)")


def _divisor(params: Mapping, quotient: int, remainder: int) -> int | None:
    divisor = params.get("divisor")
    if type(divisor) is int and remainder < divisor < _OPERAND_LIMIT:
        return divisor
    a, b = params.get("a"), params.get("b")
    if (
        type(a) is int
        and type(b) is int
        and 0 < b < _OPERAND_LIMIT
        and 0 <= a < _OPERAND_LIMIT
        and divmod(a, b) == (quotient, remainder)
    ):
        return b
    return None


def _read_remainder(
    answer: AnswerSpec, raw: str, text: str, params: Mapping, practice: bool
) -> _Reading:
    reading = _Reading()
    body = _read_units(answer, text, reading)
    wanted = _REMAINDER.fullmatch(answer.value)
    if wanted:
        quotient, remainder = int(wanted.group(1)), int(wanted.group(2))
    elif _DIGITS.fullmatch(answer.value):
        quotient, remainder = int(answer.value), 0
    else:
        quotient = remainder = -1  # nothing typed can match
    low = body.lower()
    pair = _REMAINDER.fullmatch(low)
    typed = None if pair else _parse_rational(low)
    if pair is None and typed is None:
        return _unreadable()
    for flag in () if typed is None else typed.flags:
        reading.add(flag, fault=True)
    if answer.form == "context":
        return _read_context(answer, params, reading, pair, typed, quotient, remainder)
    divisor = _divisor(params, quotient, remainder)
    exact = None if divisor is None else quotient + Fraction(remainder, divisor)
    if pair is not None:
        reading.text = canon_remainder(int(pair.group(1)), int(pair.group(2)))
        reading.right = (int(pair.group(1)), int(pair.group(2))) == (quotient, remainder)
        shape = "r"
    else:
        assert typed is not None
        value, shape = typed.value, typed.shape
        # A decimal keeps its spelling (families spell REMAINDER_AS_DECIMAL as "23.4"); a
        # whole number (however it was typed: "7", "7.0") or a fraction that the divisor
        # makes exact is written "q r r", so a normalised answer reads back as itself.
        if shape == "decimal" and value.denominator != 1:
            reading.text = _decimal_text(value)
        elif value < 0:
            reading.text = canon_fraction(value)
        elif value.denominator == 1:
            reading.text = canon_remainder(value.numerator, 0)
        elif divisor is not None and (value * divisor).denominator == 1:
            reading.text = canon_remainder(*divmod((value * divisor).numerator, divisor))
        else:
            reading.text = canon_fraction(value)
        if shape == "whole":
            reading.right = value == quotient and remainder == 0
        else:
            reading.right = exact is not None and value == exact
        numeral = typed.numeral
        if (
            shape == "decimal"
            and numeral is not None
            and remainder > 0
            and not numeral.negative
            and (numeral.whole or "0").lstrip("0") == str(quotient).lstrip("0")
            and numeral.frac == str(remainder)
            and not reading.right
        ):
            reading.add("REMAINDER_AS_DECIMAL", reason=True)
    reading.right = reading.right and reading.comparable
    allowed = {
        "r": {"r"},
        "fraction": {"fraction", "mixed"},
        "decimal": {"decimal"},
    }.get(answer.form, {"r", "fraction", "mixed", "decimal"})
    if reading.right and shape != "whole" and shape not in allowed:
        reading.add("WRONG_FORM", fault=True)
    return reading


def _read_context(
    answer: AnswerSpec,
    params: Mapping,
    reading: _Reading,
    pair: re.Match | None,
    typed: _Rational | None,
    quotient: int,
    remainder: int,
) -> _Reading:
    """A remainder problem in context wants one whole number (buses needed, boxes filled)."""
    exact: tuple[int, int] | None = None
    if _REMAINDER.fullmatch(answer.value):
        exact = (quotient, remainder)
        down = params.get("round") == "down"
        wanted = quotient if down or remainder == 0 else quotient + 1
    else:
        wanted = quotient
        dividend, divisor = params.get("dividend"), params.get("divisor")
        if (
            type(dividend) is int
            and type(divisor) is int
            and 0 < divisor < _OPERAND_LIMIT
            and 0 <= dividend < _OPERAND_LIMIT
        ):
            exact = divmod(dividend, divisor)
    if pair is not None:
        reading.text = canon_remainder(int(pair.group(1)), int(pair.group(2)))
        reading.add("WRONG_FORM", reason=True)
        return reading
    assert typed is not None
    if typed.shape != "whole":
        decimal = typed.shape == "decimal"
        reading.text = _decimal_text(typed.value) if decimal else canon_fraction(typed.value)
        reading.add("WRONG_FORM", reason=True)
        return reading
    reading.text = canon_integer(int(typed.value))
    reading.number, reading.target = typed.value, Fraction(wanted)
    reading.right = reading.comparable and typed.value == wanted
    if exact is not None and exact[1] > 0 and not reading.right:
        other = exact[0] + 1 if wanted == exact[0] else exact[0]
        if typed.value == other:
            reading.add("REMAINDER_CONTEXT", reason=True)
    return reading


_TIME = re.compile(r"([0-9]{1,2})(?:[:.]([0-9]{2}))?(?: ?(am|pm|a\.m\.?|p\.m\.?))?")
_TIME_COMPACT = re.compile(r"([0-9]{1,2})([0-9]{2})")


def _read_time(
    answer: AnswerSpec, raw: str, text: str, params: Mapping, practice: bool
) -> _Reading:
    """Times of day; answer.value is 24-hour "HH:MM", answer.form "24h" or "12h"."""
    reading = _Reading()
    low = text.lower()
    match = _TIME.fullmatch(low) or _TIME_COMPACT.fullmatch(low)
    if match is None:
        return _unreadable()
    hour, minutes = int(match.group(1)), int(match.group(2) or "0")
    half = match.group(3) if match.re is _TIME else None
    if minutes > 59:
        return _unreadable()
    if half:
        if not 1 <= hour <= 12:
            return _unreadable()
        readings = [(hour % 12 + (12 if half.startswith("p") else 0), minutes)]
    else:
        if match.group(2) is None or hour > 23:
            return _unreadable()  # "15" alone is not a time
        if answer.form == "12h" and 1 <= hour <= 12:
            readings = [(hour, minutes), (hour % 12 + 12 if hour < 12 else 0, minutes)]
            reading.add("MISSING_AM_PM", fault=True)
        else:
            readings = [(hour, minutes)]
    wanted = re.fullmatch(r"([01][0-9]|2[0-3]):([0-5][0-9])", answer.value)
    expected = (int(wanted.group(1)), int(wanted.group(2))) if wanted else None
    reading.right = expected in readings
    chosen = expected if reading.right else readings[0]
    assert chosen is not None
    reading.text = canon_time(*chosen)
    if reading.right and half and answer.form == "24h":
        reading.add("WRONG_FORM", fault=True)
    return reading


_TRUTH_WORDS = frozenset({"true", "false", "yes", "no"})


def _match_option(options: tuple[str, ...], piece: str) -> str | None:
    """The option typed: exact after trimming, else after cleaning (true/false any case)."""
    stripped = piece.strip()
    for option in options:
        if option.strip() == stripped:
            return option
    cleaned = _clean(piece, len(piece) + 1)
    if not cleaned:
        return None
    loose = {o for o in options if _clean(o, len(o) + 1) == cleaned}
    if not loose and cleaned.lower() in _TRUTH_WORDS:
        loose = {o for o in options if (_clean(o, len(o) + 1) or "").lower() == cleaned.lower()}
    return loose.pop() if len(loose) == 1 else None


def _read_choice(
    answer: AnswerSpec, raw: str, text: str, params: Mapping, practice: bool
) -> _Reading:
    if len(raw) > _option_limit(answer):
        return _unreadable()
    chosen = _match_option(answer.options, raw)
    if chosen is None:
        return _unreadable()
    return _Reading(text=chosen, right=chosen == answer.value)


def _option_limit(answer: AnswerSpec) -> int:
    """Typed text may be as long as all the options, never unbounded."""
    return max(MAX_RAW_CHARS, sum(len(o) + 3 for o in answer.options) + 8)


def _read_arrangement(answer: AnswerSpec, raw: str) -> list[str] | None:
    if len(raw) > _option_limit(answer):
        return None
    placed = [_match_option(answer.options, piece) for piece in raw.split(ORDER_SEPARATOR)]
    if any(text is None for text in placed) or Counter(placed) != Counter(answer.options):
        return None
    return [text for text in placed if text is not None]


def _read_order(
    answer: AnswerSpec, raw: str, text: str, params: Mapping, practice: bool
) -> _Reading:
    placed = _read_arrangement(answer, raw)
    if placed is None:
        return _unreadable()
    right_order = answer.value.split(ORDER_SEPARATOR)
    reading = _Reading(text=canon_order(placed), right=placed == right_order)
    if not reading.right and placed == right_order[::-1]:
        reading.add("ORDER_REVERSED", reason=True)
    return reading


_SET_SEPARATORS = re.compile(r"(?: ?[,;] ?| and | )")
_INTEGER = re.compile(r"-?[0-9]+")


def _parse_set(text: str) -> set[int] | None:
    pieces = [p for p in _SET_SEPARATORS.split(text.strip("{}[]() ")) if p]
    if not pieces or not all(_INTEGER.fullmatch(p) for p in pieces):
        return None
    return {int(p) for p in pieces}


def _read_set(answer: AnswerSpec, raw: str, text: str, params: Mapping, practice: bool) -> _Reading:
    """Integers in any order, duplicates ignored; commas always separate here ("1,000" is two
    numbers), as sets are of small numbers such as factors."""
    typed = _parse_set(text.lower())
    if typed is None:
        return _unreadable()
    expected = _parse_set(answer.value)
    reading = _Reading(text=canon_set(typed), right=typed == expected)
    if expected and not reading.right and typed < expected:
        n = params.get("n")
        ends = {1, n} if type(n) is int else {1}
        if expected - typed <= ends:
            reading.add("FACTORS_OMIT_1_N", reason=True)
    return reading


_COORDINATE = re.compile(r"(\()? ?(-? ?[0-9]+) ?, ?(-? ?[0-9]+) ?(\))?")


def _parse_coordinate(text: str) -> tuple[int, int] | None:
    match = _COORDINATE.fullmatch(text)
    if match is None or bool(match.group(1)) != bool(match.group(4)):
        return None
    return int(match.group(2).replace(" ", "")), int(match.group(3).replace(" ", ""))


def _read_coordinate(
    answer: AnswerSpec, raw: str, text: str, params: Mapping, practice: bool
) -> _Reading:
    typed = _parse_coordinate(text)
    if typed is None:
        return _unreadable()
    expected = _parse_coordinate(answer.value)
    reading = _Reading(text=canon_coordinate(*typed), right=typed == expected)
    if expected is not None and not reading.right:
        (x, y), (ex, ey) = typed, expected
        if (y, x) == expected:
            reading.add("XY_SWAP", reason=True)
        elif abs(x) == abs(ex) and abs(y) == abs(ey):
            reading.add("SIGN_ERROR", reason=True)
    return reading


_READERS = {
    "integer": _read_number,
    "decimal": _read_number,
    "percent": _read_number,
    "money": _read_money,
    "fraction": _read_fraction,
    "remainder": _read_remainder,
    "time": _read_time,
    "choice": _read_choice,
    "order": _read_order,
    "set": _read_set,
    "coordinate": _read_coordinate,
}


# --- detection (§6.1) --------------------------------------------------------------------------


def _bug_labels(bugs: Mapping, text: str) -> list[str]:
    labels = bugs.get(text)
    if isinstance(labels, str):
        return [labels]
    if not labels:
        return []
    return [label for label in labels if isinstance(label, str)]


def _is_power_of_ten(n: int) -> bool:
    digits = str(n)
    return n >= 10 and digits[0] == "1" and not digits[1:].strip("0")


def _generic_labels(number: Fraction | None, target: Fraction | None, params: Mapping) -> list[str]:
    if number is None or target is None or number == target:
        return []
    labels = []
    if abs(number - target) == 1:
        labels.append("OFF_BY_ONE")
    if _transposed(number, target):
        labels.append("DIGITS_TRANSPOSED")
    if number != 0 and target != 0 and (number > 0) == (target > 0):
        ratio = number / target
        if (ratio.denominator == 1 and _is_power_of_ten(ratio.numerator)) or (
            ratio.numerator == 1 and _is_power_of_ten(ratio.denominator)
        ):
            labels.append("PLACE_VALUE_SHIFT")
    if number in _other_operations(params, target):
        labels.append("OTHER_OPERATION")
    if number == -target:
        labels.append("SIGN_DROPPED")
    return labels


def _transposed(number: Fraction, target: Fraction) -> bool:
    """Two digits swapped (52 for 25, 3.45 for 3.54), same sign and length."""
    if (number < 0) != (target < 0) or not (_terminates(number) and _terminates(target)):
        return False
    typed, right = _decimal_text(abs(number)), _decimal_text(abs(target))
    if len(typed) != len(right):
        return False
    differ = [i for i, (a, b) in enumerate(zip(typed, right, strict=True)) if a != b]
    if len(differ) != 2:
        return False
    i, j = differ
    return typed[i] == right[j] and typed[j] == right[i] and "." not in (typed[i], typed[j])


def _other_operations(params: Mapping, target: Fraction) -> set[Fraction]:
    a, b = params.get("a"), params.get("b")
    if type(a) is not int or type(b) is not int:
        return set()
    if max(abs(a), abs(b)) > _OPERAND_LIMIT:
        return set()
    results = {Fraction(a + b), Fraction(a - b), Fraction(b - a), Fraction(a * b)}
    if b:
        results.add(Fraction(a, b))
    results.discard(target)
    return results
