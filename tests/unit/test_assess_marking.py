"""Marking typed answers to generated items (question-design.md §3 and §6.1)."""

from __future__ import annotations

import dataclasses
import inspect
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prof123.assess.items import (
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
    number_text,
)
from prof123.assess.marking import (
    MAX_RAW_CHARS,
    Mark,
    mark,
    mark_item,
    normalise,
    out_of_place_pairs,
)

INTEGER = AnswerSpec("integer", "1087")
NEGATIVE = AnswerSpec("integer", "-6")
HALF = AnswerSpec("decimal", "0.5")
POUNDS = AnswerSpec("money", "320", unit="£")
PENCE = AnswerSpec("money", "45", unit="p")
WHOLE_POUNDS = AnswerSpec("money", "700", unit="£")
SEVEN_QUARTERS = AnswerSpec("fraction", "7/4")
THREE_EIGHTHS = AnswerSpec("fraction", "3/8", form="decimal")
PERCENT = AnswerSpec("percent", "12.5", unit="%")
REMAINDER = AnswerSpec("remainder", "23 r 4", form="any")
SEVENTHS = {"divisor": 7}
TIME_24 = AnswerSpec("time", "15:40", form="24h")
TIME_12 = AnswerSpec("time", "15:40", form="12h")
SYMBOL = AnswerSpec("choice", ">", options=("<", ">", "="))
ORDER = AnswerSpec("order", "0.5|0.45|0.4", options=("0.4", "0.45", "0.5"))
FACTORS = AnswerSpec("set", "1,2,3,6")
POINT = AnswerSpec("coordinate", "(5, 9)")


def outcome(answer, raw, mode="test", **kwargs):
    result = mark(answer, raw, mode=mode, **kwargs)
    return result.is_correct, result.normalised, result.labels


# --- §3.2 the pipeline -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "raw", "normalised"),
    [
        (SEVEN_QUARTERS, "1¾", "7/4"),
        (SEVEN_QUARTERS, "1 ¾", "7/4"),
        (AnswerSpec("fraction", "1/2"), "½", "1/2"),
        (AnswerSpec("fraction", "-1/2"), "−½", "-1/2"),
        (AnswerSpec("fraction", "7/8"), "⅞", "7/8"),
        (AnswerSpec("fraction", "1/3"), "1⁄3", "1/3"),  # fraction slash
        (AnswerSpec("fraction", "1/3"), "¹⁄₃", "1/3"),  # super- and subscripts (NFKC)
        (INTEGER, "１０８７", "1087"),  # full-width digits are ASCII after NFKC
        (INTEGER, "  1087\t", "1087"),
        (INTEGER, "1087\u200b", "1087"),  # a pasted zero-width space
        (INTEGER, "\ufeff1087", "1087"),  # and a byte-order mark
        (INTEGER, "𝟏𝟎𝟖𝟕", "1087"),  # mathematical bold digits are ASCII after NFKC
        (NEGATIVE, "—6", "-6"),
        (NEGATIVE, "‒6", "-6"),
        (AnswerSpec("decimal", "2.5", unit="cm"), "2.5 cm", "2.5"),
        (AnswerSpec("decimal", "2.5", unit="cm"), "2.5cm", "2.5"),
        (AnswerSpec("decimal", "2.5", unit="cm"), "2.5 centimetres", "2.5"),
        (AnswerSpec("integer", "3", unit="m"), "3 metres", "3"),
        (AnswerSpec("integer", "3", unit="mm"), "3mm", "3"),
        (AnswerSpec("integer", "3", unit="km"), "3 km", "3"),
        (AnswerSpec("integer", "500", unit="g"), "500 grams", "500"),
        (AnswerSpec("integer", "2", unit="kg"), "2 kg", "2"),
        (AnswerSpec("integer", "250", unit="ml"), "250 millilitres", "250"),
        (AnswerSpec("integer", "2", unit="l"), "2 litres", "2"),
        (AnswerSpec("integer", "35", unit="minutes"), "35 min", "35"),
        (AnswerSpec("integer", "35", unit="minutes"), "35 mins", "35"),
        (AnswerSpec("integer", "35", unit="min"), "35 minutes", "35"),
        (AnswerSpec("integer", "2", unit="hours"), "2 h", "2"),
        (AnswerSpec("integer", "40", unit="s"), "40 seconds", "40"),
        (AnswerSpec("integer", "-4", unit="°C"), "-4°C", "-4"),
        (AnswerSpec("integer", "-4", unit="°C"), "-4 ℃", "-4"),
        (AnswerSpec("integer", "-4", unit="°C"), "minus 4 degrees", "-4"),
        (AnswerSpec("integer", "90", unit="°"), "90°", "90"),
        (AnswerSpec("integer", "12", unit="cm²"), "12 cm²", "12"),
        (AnswerSpec("integer", "7", unit="buses"), "7 buses", "7"),
        (AnswerSpec("integer", "45", unit="p"), "45p", "45"),
        (AnswerSpec("decimal", "3.2", unit="£"), "£3.2", "3.2"),
    ],
)
def test_pipeline_reads_the_answer(answer, raw, normalised):
    assert outcome(answer, raw) == (True, normalised, ())
    assert normalise(answer, raw) == normalised


@pytest.mark.parametrize(
    ("answer", "raw"),
    [
        (AnswerSpec("integer", "300", unit="cm"), "300 m"),
        (AnswerSpec("integer", "300", unit="cm"), "300 mm"),
        (AnswerSpec("integer", "3", unit="kg"), "3 g"),
        (AnswerSpec("integer", "35", unit="minutes"), "35 s"),
        (AnswerSpec("integer", "35", unit="minutes"), "35 hours"),
        (AnswerSpec("integer", "12"), "12 cm"),  # a unit where the answer has none
        (AnswerSpec("integer", "12", unit="cm²"), "12 cm"),
        (AnswerSpec("integer", "12", unit="cm"), "£12"),
        (AnswerSpec("integer", "90", unit="°"), "90°C"),
        (AnswerSpec("fraction", "1/2", unit="kg"), "1/2 g"),
        (POUNDS, "3.20 kg"),
    ],
)
def test_a_different_unit_is_wrong_and_never_converted(answer, raw):
    result = mark(answer, raw)
    assert not result.is_correct
    assert result.labels == ("UNIT_MISMATCH",)
    assert "UNIT_MISMATCH" in result.flags


def test_a_unit_mismatch_is_not_looked_up_as_a_bug():
    # "300" is the conversion bug in metres; "300 cm" is a different unit, not that bug.
    answer = AnswerSpec("integer", "3000", unit="m")
    bugs = {"300": ("CONVERSION_FACTOR",)}
    assert mark(answer, "300 m", bugs).labels == ("CONVERSION_FACTOR",)
    assert mark(answer, "300 cm", bugs).labels == ("UNIT_MISMATCH",)


@pytest.mark.parametrize("raw", ["12.5", "12.5%", "12.5 %", "12.5 percent", "12.5 per cent"])
def test_percent_sign_is_optional_on_a_percentage(raw):
    assert outcome(PERCENT, raw) == (True, "12.5", ())
    assert mark(AnswerSpec("percent", "40"), raw.replace("12.5", "40")).is_correct


@pytest.mark.parametrize(
    ("answer", "raw"),
    [(AnswerSpec("integer", "360"), "360%"), (HALF, "0.5%"), (POUNDS, "3.20%")],
)
def test_percent_sign_on_an_amount_is_wrong(answer, raw):
    for mode in ("test", "practice"):
        result = mark(answer, raw, mode=mode)
        assert (result.is_correct, result.labels) == (False, ("PCT_SIGN_ON_AMOUNT",))
        assert not result.needs_reentry


def test_percent_sign_on_a_wrong_amount_keeps_the_bug():
    answer = AnswerSpec("integer", "360")  # 20% of 1,800
    result = mark(answer, "90%", {"90": ("PCT_DIVIDE_BY_P",)})
    assert result.labels == ("PCT_DIVIDE_BY_P", "PCT_SIGN_ON_AMOUNT")


def test_printed_percent_unit_on_an_integer_answer_is_just_the_unit():
    assert mark(AnswerSpec("integer", "25", unit="%"), "25%").is_correct


# --- §3.3 number formats -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "raw", "correct", "normalised", "flag"),
    [
        (INTEGER, "1,087", True, "1087", None),
        (INTEGER, "1087", True, "1087", None),
        (INTEGER, " 1087 ", True, "1087", None),
        (INTEGER, "1 087", True, "1087", None),
        (AnswerSpec("integer", "1234567"), "1,234,567", True, "1234567", None),
        (AnswerSpec("integer", "1234567"), "1 234 567", True, "1234567", None),
        (AnswerSpec("decimal", "1087.5"), "1 087.5", True, "1087.5", None),
        (AnswerSpec("decimal", "1087.5"), "1,087.5", True, "1087.5", None),
        (INTEGER, "1,08,7", False, "1087", "INVALID_GROUPING"),
        (INTEGER, "10,87", False, "1087", "INVALID_GROUPING"),
        (INTEGER, "1087,", False, None, "UNREADABLE"),
        (HALF, "0,5", False, "0.5", "DECIMAL_COMMA"),
        (AnswerSpec("decimal", "2.5"), "2,5", False, "2.5", "DECIMAL_COMMA"),
        (AnswerSpec("integer", "7"), "007", True, "7", None),
        (HALF, "0.50", True, "0.5", None),
        (HALF, ".5", True, "0.5", None),
        (AnswerSpec("decimal", "2.5"), "2.50", True, "2.5", None),
        (AnswerSpec("decimal", "10"), "10.0", True, "10", None),
        (AnswerSpec("integer", "10"), "10.0", True, "10", None),
        (NEGATIVE, "-6", True, "-6", None),
        (NEGATIVE, "−6", True, "-6", None),
        (NEGATIVE, "– 6", True, "-6", None),
        (NEGATIVE, "minus 6", True, "-6", None),
        (NEGATIVE, "Negative 6", True, "-6", None),
        (NEGATIVE, "6-", False, None, "UNREADABLE"),
        (NEGATIVE, "6−", False, None, "UNREADABLE"),
        (NEGATIVE, "--6", False, None, "UNREADABLE"),
        (AnswerSpec("integer", "24"), "24 or 25", False, None, "UNREADABLE"),
        (AnswerSpec("integer", "24"), "24, 25", False, None, "UNREADABLE"),
        (AnswerSpec("integer", "24"), "24 25", False, None, "UNREADABLE"),
        (AnswerSpec("integer", "12"), "١٢", False, None, "UNREADABLE"),
        (AnswerSpec("integer", "12"), "1e1", False, None, "UNREADABLE"),
        (AnswerSpec("integer", "12"), "12.", True, "12", None),
        (AnswerSpec("integer", "12"), ".", False, None, "UNREADABLE"),
        (AnswerSpec("integer", "12"), "twelve", False, None, "UNREADABLE"),
        (AnswerSpec("decimal", "3"), "1.2.3", False, None, "UNREADABLE"),
    ],
)
def test_number_formats(answer, raw, correct, normalised, flag):
    result = mark(answer, raw)
    assert (result.is_correct, result.normalised) == (correct, normalised)
    assert result.flags == ((flag,) if flag else ())


@pytest.mark.parametrize(
    ("answer", "raw", "flag"),
    [
        (INTEGER, "1,08,7", "INVALID_GROUPING"),
        (INTEGER, "10,87", "INVALID_GROUPING"),
        (HALF, "0,5", "DECIMAL_COMMA"),
        (POUNDS, "3,20", "DECIMAL_COMMA"),
    ],
)
def test_format_slips_are_wrong_in_tests_and_typed_again_in_practice(answer, raw, flag):
    strict = mark(answer, raw)
    assert (strict.is_correct, strict.labels, strict.flags) == (False, (flag,), (flag,))
    assert not strict.needs_reentry
    forgiving = mark(answer, raw, mode="practice")
    assert (forgiving.is_correct, forgiving.marks, forgiving.labels) == (False, 0, ())
    assert forgiving.needs_reentry and forgiving.flags == (flag,)


def test_a_format_slip_on_a_wrong_value_is_labelled_by_its_value():
    result = mark(AnswerSpec("decimal", "5"), "0,5")
    assert result.labels == ("PLACE_VALUE_SHIFT",) and result.flags == ("DECIMAL_COMMA",)
    assert mark(AnswerSpec("decimal", "5"), "0,5", mode="practice").needs_reentry


def test_values_are_compared_exactly_never_as_floats():
    tenth = AnswerSpec("decimal", "0.1")
    assert not mark(tenth, "0.1000000000000000000000000000001").is_correct
    long = "1." + "0" * 40 + "1"
    assert normalise(AnswerSpec("decimal", long), long) == long  # beyond 28 digits
    assert mark(AnswerSpec("decimal", long), long + "000").is_correct
    assert not mark(AnswerSpec("decimal", "0.3"), "0.30000000000000004").is_correct


# --- §3.4 fractions ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "raw", "correct", "labels"),
    [
        (SEVEN_QUARTERS, "7/4", True, ()),
        (SEVEN_QUARTERS, "7 / 4", True, ()),
        (SEVEN_QUARTERS, "1 3/4", True, ()),
        (SEVEN_QUARTERS, "14/8", True, ()),
        (SEVEN_QUARTERS, "1 6/8", True, ()),
        (SEVEN_QUARTERS, "1.75", True, ()),
        (SEVEN_QUARTERS, "-7/4", False, ("SIGN_DROPPED",)),
        (AnswerSpec("fraction", "-7/4"), "-1 3/4", True, ()),
        (AnswerSpec("fraction", "-7/4"), "minus 1 3/4", True, ()),
        (AnswerSpec("fraction", "3/4", accept_decimal=False), "0.75", False, ("WRONG_FORM",)),
        (AnswerSpec("fraction", "11/12"), "0.92", False, ("UNCLASSIFIED",)),
        (AnswerSpec("fraction", "1/3"), "0.33", False, ("UNCLASSIFIED",)),
        (
            AnswerSpec("fraction", "1/3"),
            "0.333333333333333333333333333333",
            False,
            ("UNCLASSIFIED",),
        ),
        (AnswerSpec("fraction", "21/10"), "1 11/10", False, ("IMPROPER_MIXED",)),
        (AnswerSpec("fraction", "3"), "3", True, ()),
        (AnswerSpec("fraction", "3"), "6/2", True, ()),
        # simplest
        (AnswerSpec("fraction", "2/5", form="simplest"), "2/5", True, ()),
        (AnswerSpec("fraction", "2/5", form="simplest"), "6/15", False, ("NOT_SIMPLEST",)),
        (AnswerSpec("fraction", "7/4", form="simplest"), "1 3/4", True, ()),
        (AnswerSpec("fraction", "7/4", form="simplest"), "1 6/8", False, ("NOT_SIMPLEST",)),
        (AnswerSpec("fraction", "2", form="simplest"), "4/2", False, ("NOT_SIMPLEST",)),
        (AnswerSpec("fraction", "2", form="simplest"), "2/1", False, ("NOT_SIMPLEST",)),
        (AnswerSpec("fraction", "2", form="simplest"), "2", True, ()),
        # mixed / improper: the item tests the conversion
        (AnswerSpec("fraction", "7/4", form="mixed"), "1 3/4", True, ()),
        (AnswerSpec("fraction", "7/4", form="mixed"), "7/4", False, ("WRONG_FORM",)),
        (AnswerSpec("fraction", "7/4", form="mixed"), "1.75", False, ("WRONG_FORM",)),
        (AnswerSpec("fraction", "3/4", form="mixed"), "3/4", True, ()),
        (AnswerSpec("fraction", "7/4", form="improper"), "7/4", True, ()),
        (AnswerSpec("fraction", "7/4", form="improper"), "14/8", True, ()),
        (AnswerSpec("fraction", "7/4", form="improper"), "1 3/4", False, ("WRONG_FORM",)),
        (AnswerSpec("fraction", "7/4", form="improper"), "1.75", False, ("WRONG_FORM",)),
        # decimal: only a decimal scores
        (THREE_EIGHTHS, "0.375", True, ()),
        (THREE_EIGHTHS, ".375", True, ()),
        (THREE_EIGHTHS, "3/8", False, ("WRONG_FORM",)),
        (THREE_EIGHTHS, "0.38", False, ("UNCLASSIFIED",)),
    ],
)
def test_fractions_by_form(answer, raw, correct, labels):
    result = mark(answer, raw)
    assert (result.is_correct, result.labels) == (correct, labels)
    if result.normalised is not None:
        assert result.normalised == canon_fraction(Fraction(result.normalised))


@pytest.mark.parametrize(
    "raw", ["1-3/4", "7/0", "0/0", "1.5/2", "7/4.0", "1 087", "1 1 3/4", "7//4", "1  /", "/4"]
)
def test_malformed_fractions_are_unreadable(raw):
    assert outcome(SEVEN_QUARTERS, raw) == (False, None, ("UNCLASSIFIED",))


def test_unsimplified_right_fraction_keeps_a_note_when_simplest_is_not_asked():
    result = mark(SEVEN_QUARTERS, "14/8")
    assert result.is_correct and result.flags == ("NOT_SIMPLEST",)


def test_a_mixed_number_with_an_improper_part_is_flagged():
    result = mark(AnswerSpec("fraction", "21/10"), "1 11/10")
    assert result.flags == ("IMPROPER_MIXED",) and result.normalised == "21/10"


# --- §3.5 money ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "raw", "correct", "normalised", "labels"),
    [
        (POUNDS, "3.20", True, "320", ()),
        (POUNDS, "£3.20", True, "320", ()),
        (POUNDS, "£ 3.20", True, "320", ()),
        (POUNDS, "320p", True, "320", ()),
        (POUNDS, "320 pence", True, "320", ()),
        (POUNDS, "3 20", True, "320", ()),
        (POUNDS, "320", False, "32000", ("PENCE_POUND_CONFUSION",)),
        (POUNDS, "3.20p", False, None, ("PENCE_POUND_CONFUSION",)),
        (POUNDS, "£3.20p", False, None, ("UNCLASSIFIED",)),
        (POUNDS, "3.2", False, "320", ("MONEY_ONE_DP",)),
        (POUNDS, "£3.2", False, "320", ("MONEY_ONE_DP",)),
        (POUNDS, "3.205", False, None, ("UNCLASSIFIED",)),
        (PENCE, "45", True, "45", ()),
        (PENCE, "45p", True, "45", ()),
        (PENCE, "£0.45", True, "45", ()),
        (PENCE, "0.45", True, "45", ()),
        (PENCE, ".45", True, "45", ()),
        (PENCE, "0.45p", False, None, ("PENCE_POUND_CONFUSION",)),
        (PENCE, "£45", False, "4500", ("PENCE_POUND_CONFUSION",)),
        (PENCE, "4.5", False, "450", ("PLACE_VALUE_SHIFT",)),
        (WHOLE_POUNDS, "7", True, "700", ()),
        (WHOLE_POUNDS, "7.00", True, "700", ()),
        (WHOLE_POUNDS, "£7", True, "700", ()),
        (WHOLE_POUNDS, "700", False, "70000", ("PENCE_POUND_CONFUSION",)),
        (AnswerSpec("money", "125000", unit="£"), "£1,250", True, "125000", ()),
        (AnswerSpec("money", "125000", unit="£"), "1 250.00", True, "125000", ()),
    ],
)
def test_money_by_the_printed_unit(answer, raw, correct, normalised, labels):
    assert outcome(answer, raw) == (correct, normalised, labels)


def test_one_decimal_place_money_is_accepted_in_practice_with_a_note():
    result = mark(POUNDS, "3.2", mode="practice")
    assert (result.is_correct, result.marks, result.flags) == (True, 1, ("MONEY_ONE_DP",))
    assert not result.needs_reentry
    assert mark(POUNDS, "3.2").flags == ("MONEY_ONE_DP",)


# --- §3.6 remainders ----------------------------------------------------------------------------


@pytest.mark.parametrize("raw", ["23 r 4", "23r4", "23 R4", "23 remainder 4", "23 R 4", "23 rem 4"])
@pytest.mark.parametrize("form", ["r", "any"])
def test_remainder_spellings_are_the_same(raw, form):
    answer = dataclasses.replace(REMAINDER, form=form)
    assert outcome(answer, raw) == (True, "23 r 4", ())
    assert outcome(answer, raw, params=SEVENTHS) == (True, "23 r 4", ())


@pytest.mark.parametrize(
    ("form", "raw", "correct", "labels"),
    [
        ("any", "23 4/7", True, ()),
        ("any", "23 8/14", True, ()),
        ("any", "165/7", True, ()),
        ("fraction", "23 4/7", True, ()),
        ("fraction", "23 r 4", False, ("WRONG_FORM",)),
        ("r", "23 4/7", False, ("WRONG_FORM",)),
        ("any", "22 11/7", False, ("IMPROPER_MIXED",)),
        ("any", "23 3/7", False, ("UNCLASSIFIED",)),
        ("any", "23.4", False, ("REMAINDER_AS_DECIMAL",)),
        ("r", "23.4", False, ("REMAINDER_AS_DECIMAL",)),
        ("any", "23.57", False, ("UNCLASSIFIED",)),  # 23 4/7 has no exact decimal
        ("any", "22 r 11", False, ("UNCLASSIFIED",)),  # remainder not below the divisor
        ("any", "23", False, ("UNCLASSIFIED",)),
    ],
)
def test_remainders_by_form_with_the_divisor(form, raw, correct, labels):
    answer = dataclasses.replace(REMAINDER, form=form)
    assert outcome(answer, raw, params=SEVENTHS)[::2] == (correct, labels)


@pytest.mark.parametrize(
    ("form", "raw", "correct"),
    [
        ("any", "23.5", True),
        ("decimal", "23.5", True),
        ("decimal", "23 1/2", False),
        ("decimal", "23 r 1", False),
        ("fraction", "23.5", False),
        ("any", "23 1/2", True),
    ],
)
def test_remainder_divisor_can_come_from_a_and_b(form, raw, correct):
    answer = AnswerSpec("remainder", "23 r 1", form=form)  # 47 ÷ 2
    result = mark(answer, raw, params={"a": 47, "b": 2})
    assert result.is_correct is correct
    assert result.normalised == ("23.5" if raw == "23.5" else "23 r 1")


def test_remainder_without_a_divisor_scores_only_q_r_r():
    assert mark(REMAINDER, "23 r 4").is_correct
    result = mark(REMAINDER, "23 4/7")
    assert not result.is_correct and result.normalised == "165/7"
    # a and b that do not give this quotient and remainder are not taken as the divisor
    assert not mark(REMAINDER, "23 4/7", params={"a": 100, "b": 7}).is_correct


def test_an_exact_division_accepts_the_whole_number():
    answer = AnswerSpec("remainder", "12 r 0", form="r")
    assert outcome(answer, "12") == (True, "12 r 0", ())
    assert mark(answer, "12 r 0").is_correct


def test_remainder_as_decimal_matches_the_family_spelling():
    # muldiv spells the bug canon_decimal("23.4"); 119 ÷ 5 = 23.8, and 23.4 is also 23 r 2
    answer = AnswerSpec("remainder", "23 r 4")
    for params in ({"dividend": 119, "divisor": 5}, {"dividend": 165, "divisor": 7}, {}):
        result = mark(answer, "23.4", {"23.4": ("REMAINDER_AS_DECIMAL",)}, params)
        assert (result.normalised, result.labels) == ("23.4", ("REMAINDER_AS_DECIMAL",))


def test_context_bugs_from_the_family_and_the_reading_are_one_label():
    answer = AnswerSpec("remainder", "8", form="context")
    params = {"dividend": 59, "divisor": 8, "round": "up"}
    bugs = {"7": ("REMAINDER_CONTEXT",)}
    assert mark(answer, "7", bugs, params).labels == ("REMAINDER_CONTEXT",)


@pytest.mark.parametrize(
    ("answer", "params", "raw", "correct", "labels"),
    [
        (
            AnswerSpec("remainder", "8", form="context"),
            {"dividend": 59, "divisor": 8},
            "8",
            True,
            (),
        ),
        (
            AnswerSpec("remainder", "8", form="context"),
            {"dividend": 59, "divisor": 8},
            "7",
            False,
            ("REMAINDER_CONTEXT",),
        ),
        (
            AnswerSpec("remainder", "8", form="context"),
            {"dividend": 59, "divisor": 8},
            "7 r 3",
            False,
            ("WRONG_FORM",),
        ),
        (
            AnswerSpec("remainder", "8", form="context"),
            {"dividend": 59, "divisor": 8},
            "7.375",
            False,
            ("WRONG_FORM",),
        ),
        (AnswerSpec("remainder", "7 r 3", form="context"), {}, "8", True, ()),
        (AnswerSpec("remainder", "7 r 3", form="context"), {}, "7", False, ("REMAINDER_CONTEXT",)),
        (AnswerSpec("remainder", "7 r 3", form="context"), {"round": "down"}, "7", True, ()),
        (
            AnswerSpec("remainder", "7 r 3", form="context"),
            {"round": "down"},
            "8",
            False,
            ("REMAINDER_CONTEXT",),
        ),
        (AnswerSpec("remainder", "8", form="context"), {}, "9", False, ("OFF_BY_ONE",)),
        (AnswerSpec("remainder", "8", form="context", unit="buses"), {}, "8 buses", True, ()),
    ],
)
def test_remainders_in_context_want_one_whole_number(answer, params, raw, correct, labels):
    assert outcome(answer, raw, params=params)[::2] == (correct, labels)


# --- §3.6 times ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "raw", "correct", "normalised", "labels"),
    [
        (TIME_24, "15:40", True, "15:40", ()),
        (TIME_24, "15.40", True, "15:40", ()),
        (TIME_24, "1540", True, "15:40", ()),
        (TIME_24, "3:40 pm", False, "15:40", ("WRONG_FORM",)),
        (TIME_24, "3:40", False, "03:40", ("UNCLASSIFIED",)),
        (TIME_24, "15:4", False, None, ("UNCLASSIFIED",)),
        (TIME_24, "15:60", False, None, ("UNCLASSIFIED",)),
        (TIME_24, "24:00", False, None, ("UNCLASSIFIED",)),
        (TIME_24, "15", False, None, ("UNCLASSIFIED",)),
        (TIME_12, "3:40 pm", True, "15:40", ()),
        (TIME_12, "3.40pm", True, "15:40", ()),
        (TIME_12, "3:40 p.m.", True, "15:40", ()),
        (TIME_12, "3:40 P.M.", True, "15:40", ()),
        (TIME_12, "15:40", True, "15:40", ()),
        (TIME_12, "1540", True, "15:40", ()),
        (TIME_12, "3:40 am", False, "03:40", ("UNCLASSIFIED",)),
        (TIME_12, "3:40", False, "15:40", ("MISSING_AM_PM",)),
        (TIME_12, "15:40 pm", False, None, ("UNCLASSIFIED",)),
        (AnswerSpec("time", "00:15", form="12h"), "12:15 am", True, "00:15", ()),
        (AnswerSpec("time", "00:15", form="12h"), "00:15", True, "00:15", ()),
        (AnswerSpec("time", "00:15", form="12h"), "12:15", False, "00:15", ("MISSING_AM_PM",)),
        (AnswerSpec("time", "12:00", form="12h"), "12 pm", True, "12:00", ()),
        (AnswerSpec("time", "15:00", form="12h"), "3pm", True, "15:00", ()),
        (AnswerSpec("time", "09:05", form="24h"), "09:05", True, "09:05", ()),
        (AnswerSpec("time", "09:05", form="24h"), "9:05", True, "09:05", ()),
        (AnswerSpec("time", "09:05", form="24h"), "0905", True, "09:05", ()),
    ],
)
def test_times_of_day(answer, raw, correct, normalised, labels):
    assert outcome(answer, raw) == (correct, normalised, labels)


def test_missing_am_pm_is_typed_again_in_practice():
    result = mark(TIME_12, "3:40", mode="practice")
    assert result.needs_reentry and not result.is_correct
    assert result.flags == ("MISSING_AM_PM",)


# --- choice, order, set, coordinate -------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "raw", "correct", "normalised"),
    [
        (SYMBOL, ">", True, ">"),
        (SYMBOL, "  >  ", True, ">"),
        (SYMBOL, "＞", True, ">"),
        (SYMBOL, "<", False, "<"),
        (SYMBOL, ">=", False, None),
        (SYMBOL, "greater", False, None),
        (AnswerSpec("choice", "True", options=("True", "False")), "true", True, "True"),
        (AnswerSpec("choice", "True", options=("True", "False")), "TRUE", True, "True"),
        (AnswerSpec("choice", "True", options=("True", "False")), "false", False, "False"),
        (AnswerSpec("choice", "Yes", options=("Yes", "No")), "yes", True, "Yes"),
        (AnswerSpec("choice", "XL", options=("XL", "xl", "LX")), "xl", False, "xl"),
        (AnswerSpec("choice", "½", options=("½", "⅓")), "½", True, "½"),
    ],
)
def test_choice_is_the_option_text(answer, raw, correct, normalised):
    result = mark(answer, raw)
    assert (result.is_correct, result.normalised) == (correct, normalised)


def test_choosing_a_bug_option_is_diagnostic():
    result = mark(SYMBOL, "<", {"<": ("LONGER_IS_LARGER",)})
    assert result.labels == ("LONGER_IS_LARGER",)


@pytest.mark.parametrize(
    ("raw", "correct", "labels", "pairs"),
    [
        ("0.5|0.45|0.4", True, (), 0),
        (" 0.5 | 0.45 | 0.4 ", True, (), 0),
        ("0.4|0.45|0.5", False, ("ORDER_REVERSED",), 3),
        ("0.45|0.5|0.4", False, ("UNCLASSIFIED",), 1),
        ("0.45|0.4|0.5", False, ("UNCLASSIFIED",), 2),
        ("0.5|0.45", False, ("UNCLASSIFIED",), -1),
        ("0.5|0.5|0.4", False, ("UNCLASSIFIED",), -1),
        ("0.5, 0.45, 0.4", False, ("UNCLASSIFIED",), -1),
    ],
)
def test_order_scores_only_when_fully_right(raw, correct, labels, pairs):
    result = mark(ORDER, raw)
    assert (result.is_correct, result.labels) == (correct, labels)
    assert out_of_place_pairs(ORDER, raw) == pairs


def test_order_bug_comes_before_the_reverse_label():
    result = mark(ORDER, "0.4|0.45|0.5", {"0.4|0.45|0.5": ("SHORTER_IS_LARGER",)})
    assert result.labels == ("SHORTER_IS_LARGER", "ORDER_REVERSED")
    assert out_of_place_pairs(SYMBOL, ">") == -1


def test_order_with_repeated_options():
    answer = AnswerSpec("order", "1|2|2|3", options=("2", "3", "1", "2"))
    assert mark(answer, "1|2|2|3").is_correct
    assert out_of_place_pairs(answer, "3|2|2|1") == 5
    assert mark(answer, "3|2|2|1").labels == ("ORDER_REVERSED",)


@pytest.mark.parametrize(
    ("raw", "correct", "normalised", "labels"),
    [
        ("1, 2, 3, 6", True, "1,2,3,6", ()),
        ("1 2 3 6", True, "1,2,3,6", ()),
        ("6,3,2,1", True, "1,2,3,6", ()),
        ("1, 2, 2, 3, 6, 6", True, "1,2,3,6", ()),
        ("1, 2, 3 and 6", True, "1,2,3,6", ()),
        ("{1; 2; 3; 6}", True, "1,2,3,6", ()),
        ("2, 3", False, "2,3", ("FACTORS_OMIT_1_N",)),
        ("2, 3, 6", False, "2,3,6", ("FACTORS_OMIT_1_N",)),
        ("1, 2, 3", False, "1,2,3", ("FACTORS_OMIT_1_N",)),
        ("1, 2, 6", False, "1,2,6", ("UNCLASSIFIED",)),
        ("1, 2, 3, 4, 6", False, "1,2,3,4,6", ("UNCLASSIFIED",)),
        ("1, 2, 3.5", False, None, ("UNCLASSIFIED",)),
    ],
)
def test_sets_are_order_free(raw, correct, normalised, labels):
    assert outcome(FACTORS, raw, params={"n": 6}) == (correct, normalised, labels)


def test_omitting_the_number_itself_needs_n_in_params():
    assert mark(FACTORS, "1, 2, 3").labels == ("UNCLASSIFIED",)
    assert mark(FACTORS, "2, 3, 6").labels == ("FACTORS_OMIT_1_N",)  # 1 is always an end


@pytest.mark.parametrize(
    ("raw", "correct", "normalised", "labels"),
    [
        ("(5, 9)", True, "(5, 9)", ()),
        ("5,9", True, "(5, 9)", ()),
        ("( 5 , 9 )", True, "(5, 9)", ()),
        ("(9, 5)", False, "(9, 5)", ("XY_SWAP",)),
        ("(-5, 9)", False, "(-5, 9)", ("SIGN_ERROR",)),
        ("(5, 8)", False, "(5, 8)", ("UNCLASSIFIED",)),
        ("(5, 9", False, None, ("UNCLASSIFIED",)),
        ("(5; 9)", False, None, ("UNCLASSIFIED",)),
        ("(5, 9, 1)", False, None, ("UNCLASSIFIED",)),
    ],
)
def test_coordinates(raw, correct, normalised, labels):
    assert outcome(POINT, raw) == (correct, normalised, labels)


def test_negative_coordinates():
    answer = AnswerSpec("coordinate", canon_coordinate(-3, 4))
    assert outcome(answer, "(−3, 4)") == (True, "(-3, 4)", ())


# --- §6.1 detection ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "raw", "labels"),
    [
        (AnswerSpec("integer", "56"), "57", ("OFF_BY_ONE",)),
        (AnswerSpec("integer", "56"), "55", ("OFF_BY_ONE",)),
        (AnswerSpec("integer", "56"), "65", ("DIGITS_TRANSPOSED",)),
        (AnswerSpec("integer", "1087"), "1807", ("DIGITS_TRANSPOSED",)),
        (AnswerSpec("decimal", "3.54"), "3.45", ("DIGITS_TRANSPOSED",)),
        (AnswerSpec("integer", "56"), "560", ("PLACE_VALUE_SHIFT",)),
        (AnswerSpec("integer", "56"), "5.6", ("PLACE_VALUE_SHIFT",)),
        (AnswerSpec("decimal", "0.36"), "36", ("PLACE_VALUE_SHIFT",)),
        (AnswerSpec("integer", "56"), "-56", ("SIGN_DROPPED",)),
        (AnswerSpec("integer", "-9"), "9", ("SIGN_DROPPED",)),
        (AnswerSpec("integer", "1"), "0", ("OFF_BY_ONE",)),
        (AnswerSpec("integer", "56"), "91", ("UNCLASSIFIED",)),
        (AnswerSpec("percent", "25"), "0.25", ("PLACE_VALUE_SHIFT",)),
        (AnswerSpec("fraction", "3/4"), "7/4", ("OFF_BY_ONE",)),
    ],
)
def test_generic_checks(answer, raw, labels):
    assert mark(answer, raw).labels == labels


@pytest.mark.parametrize(
    ("a", "b", "right", "raw"),
    [
        (7, 8, "56", "15"),  # a + b
        (36, 9, "45", "27"),  # a − b
        (36, 9, "27", "45"),
        (9, 36, "45", "27"),  # b − a
        (7, 8, "15", "56"),  # a × b
        (36, 9, "27", "4"),  # a ÷ b
    ],
)
def test_another_operation_on_the_same_numbers(a, b, right, raw):
    assert mark(AnswerSpec("integer", right), raw, params={"a": a, "b": b}).labels == (
        "OTHER_OPERATION",
    )


def test_other_operation_needs_integer_params():
    answer = AnswerSpec("integer", "56")
    assert mark(answer, "15", params={"a": "7", "b": 8}).labels == ("UNCLASSIFIED",)
    assert mark(answer, "15", params={"a": True, "b": 14}).labels == ("UNCLASSIFIED",)


def test_several_generic_checks_can_agree():
    assert mark(AnswerSpec("integer", "12"), "21", params={"a": 20, "b": 1}).labels == (
        "DIGITS_TRANSPOSED",
        "OTHER_OPERATION",
    )


def test_the_bug_map_comes_before_the_generic_checks():
    answer = AnswerSpec("integer", "55")  # 73 − 18
    bugs = {"65": ("SUB_EXCHANGE_NO_DECREMENT",), "91": ("OP_SWAP", "ADD_FOR_SUB")}
    assert mark(answer, "65", bugs).labels == ("SUB_EXCHANGE_NO_DECREMENT",)
    assert mark(answer, "91", bugs).labels == ("OP_SWAP", "ADD_FOR_SUB")
    assert mark(answer, "56", bugs).labels == ("OFF_BY_ONE",)
    assert mark(answer, "6,5", bugs).labels == ("SUB_EXCHANGE_NO_DECREMENT",)  # bad commas


def test_bug_map_matches_the_normalised_spelling():
    answer = AnswerSpec("fraction", "3/4")  # 1/2 + 1/4
    bugs = {"1/2": ("FRAC_NUM_NOT_SCALED",), "1/3": ("FRAC_ADD_DENOMS",)}
    assert mark(answer, "2/4", bugs).labels == ("FRAC_NUM_NOT_SCALED",)
    assert mark(answer, "2 / 6", bugs).labels == ("FRAC_ADD_DENOMS",)
    money = AnswerSpec("money", "320", unit="£")
    assert mark(money, "£3.02", {"302": ("DEC_POINT_MISPLACED",)}).labels == (
        "DEC_POINT_MISPLACED",
    )


@pytest.mark.parametrize("raw", [None, "", "   ", "\t\n", "\u200b"])
@pytest.mark.parametrize("answer", [INTEGER, POUNDS, SEVEN_QUARTERS, TIME_12, SYMBOL, ORDER])
def test_blank_is_no_response(answer, raw):
    for mode in ("test", "practice"):
        result = mark(answer, raw, mode=mode)
        assert result == Mark(False, 0, None, ("NO_RESPONSE",), (), False)


def test_mark_item_passes_the_item_bugs_and_params():
    item = Item(
        family="demo",
        objective="Y4-MD-01",
        level=2,
        seed=7,
        prompt="7 × 8 = ?",
        answer=AnswerSpec("integer", "56", marks=2),
        params={"a": 7, "b": 8},
        bugs={"63": ("TABLE_ADJACENT",)},
    )
    assert mark_item(item, "56") == Mark(True, 2, "56", (), (), False)
    assert mark_item(item, "63").labels == ("TABLE_ADJACENT",)
    assert mark_item(item, "15").labels == ("OTHER_OPERATION",)
    assert mark_item(item, "0,56", mode="practice").needs_reentry


def test_defaults_are_read_only_and_marks_follow_the_spec():
    parameters = inspect.signature(mark).parameters
    assert isinstance(parameters["bugs"].default, MappingProxyType)
    assert isinstance(parameters["params"].default, MappingProxyType)
    assert mark(AnswerSpec("integer", "5", marks=2), "5").marks == 2
    assert mark(AnswerSpec("integer", "5", marks=2), "6").marks == 0
    with pytest.raises(dataclasses.FrozenInstanceError):
        mark(INTEGER, "1").is_correct = True  # type: ignore[misc]


def test_an_unknown_mode_is_strict():
    assert mark(POUNDS, "3.2", mode="exam").labels == ("MONEY_ONE_DP",)
    assert not mark(HALF, "0,5", mode="Practice").needs_reentry


def test_overlong_text_is_unreadable():
    assert mark(INTEGER, "1087" + " " * MAX_RAW_CHARS).is_correct  # trimmed first
    assert mark(INTEGER, "0" * MAX_RAW_CHARS + "1087").normalised is None


# --- properties ---------------------------------------------------------------------------------

EVERY_KIND = [
    INTEGER,
    NEGATIVE,
    HALF,
    AnswerSpec("decimal", "2.5", unit="cm"),
    POUNDS,
    PENCE,
    SEVEN_QUARTERS,
    THREE_EIGHTHS,
    AnswerSpec("fraction", "7/4", form="simplest"),
    AnswerSpec("fraction", "7/4", form="mixed", unit="kg"),
    PERCENT,
    REMAINDER,
    AnswerSpec("remainder", "8", form="context"),
    TIME_24,
    TIME_12,
    SYMBOL,
    ORDER,
    FACTORS,
    POINT,
]
NASTY = [
    "9" * 5000,
    "1e999999",
    "1E-999999",
    "1/0",
    "0/0",
    "9" * 60 + "/1" + "0" * 3,
    "0." + "0" * 62 + "1",
    "1/" + "2" * 62,
    "-" * 64,
    "NaN",
    "inf",
    "Infinity",
    "١٢",
    "۱۲",
    "१२",
    "\x00",
    "\x1b[31m1087",
    "1087\x00",
    "½½",
    "1½/2",
    "1 1/2/3",
    "£",
    "£p",
    "p",
    "%",
    "r",
    "23 r",
    "r 4",
    ":",
    "am",
    "(,)",
    "|",
    "||||",
    ",",
    "1,",
    ",1",
    "1,,2",
    "﷽" * 10,
    "ﷺ",
    "\U0010ffff",
]
TYPING = st.one_of(
    st.text(max_size=80),
    st.sampled_from(NASTY),
    st.text(alphabet="0123456789.,/ -−r:%£p½¼am()|", max_size=20),
)


def _check_invariants(answer, result, mode):
    assert isinstance(result, Mark)
    assert result.marks == (answer.marks if result.is_correct else 0)
    if result.is_correct:
        assert result.labels == () and not result.needs_reentry
    elif result.needs_reentry:
        assert mode == "practice" and result.labels == ()
    else:
        assert result.labels and all(isinstance(label, str) for label in result.labels)
    if result.normalised is None:
        assert not result.is_correct


@settings(max_examples=150, deadline=None)
@given(raw=TYPING, answer=st.sampled_from(EVERY_KIND), mode=st.sampled_from(["test", "practice"]))
def test_marking_never_raises(raw, answer, mode):
    params = {"divisor": 7, "a": 161, "b": 7, "n": 6, "dividend": 59}
    result = mark(answer, raw, {"1087": ("X",)}, params, mode)
    _check_invariants(answer, result, mode)
    assert normalise(answer, raw) == mark(answer, raw).normalised
    if answer.kind == "order":
        assert out_of_place_pairs(answer, raw) >= -1


@pytest.mark.parametrize("answer", EVERY_KIND, ids=lambda a: f"{a.kind}-{a.form}")
def test_nasty_text_is_unreadable_not_an_error(answer):
    for raw in NASTY:
        for mode in ("test", "practice"):
            result = mark(answer, raw, mode=mode)
            _check_invariants(answer, result, mode)
            assert not result.is_correct, raw


def _mixed(value: Fraction) -> str:
    sign = "-" if value < 0 else ""
    whole, part = divmod(abs(value.numerator), value.denominator)
    if part == 0:
        return f"{sign}{whole}"
    if whole == 0:
        return f"{sign}{part}/{value.denominator}"
    return f"{sign}{whole} {part}/{value.denominator}"


def _terminates(value: Fraction) -> bool:
    d = value.denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    return d == 1


@st.composite
def right_answers(draw):
    """An answer spec built with the canon_* helpers, and spellings a pupil could type."""
    kind = draw(st.sampled_from(["integer", "decimal", "fraction", "money", "percent"]))
    if kind == "integer":
        n = draw(st.integers(-(10**12), 10**12))
        return AnswerSpec("integer", canon_integer(n)), [canon_integer(n), number_text(n)]
    if kind in ("decimal", "percent"):
        d = draw(st.decimals(-(10**6), 10**6, places=draw(st.integers(0, 4))))
        canon = canon_decimal if kind == "decimal" else canon_percent
        spec = AnswerSpec(kind, canon(d), unit="%" if kind == "percent" else "")
        return spec, [canon(d), number_text(d), number_text(d) + ("%" if spec.unit else "")]
    if kind == "money":
        pence = draw(st.integers(0, 10**7))
        pounds = f"{pence // 100}.{pence % 100:02d}"
        if draw(st.booleans()):
            return AnswerSpec("money", canon_money(pence), unit="£"), [pounds, f"£{pounds}"]
        return AnswerSpec("money", canon_money(pence), unit="p"), [str(pence), f"{pence}p"]
    value = draw(st.fractions(-1000, 1000, max_denominator=500))
    form = draw(st.sampled_from(["any", "simplest", "mixed", "improper", "decimal"]))
    if form == "decimal" and not _terminates(value):
        form = "any"
    spec = AnswerSpec("fraction", canon_fraction(value), form=form)
    if form == "decimal":
        return spec, [canon_decimal(value)]
    if form == "mixed":
        return spec, [_mixed(value)]
    typed = [canon_fraction(value)]
    if form == "any":
        typed.append(_mixed(value))
        if value.denominator > 1:
            typed.append(f"{value.numerator * 3}/{value.denominator * 3}")
    return spec, typed


@settings(max_examples=300, deadline=None)
@given(right_answers())
def test_the_right_value_always_marks_right(case):
    spec, spellings = case
    for typed in spellings:
        for mode in ("test", "practice"):
            result = mark(spec, typed, mode=mode)
            assert result.is_correct, (spec, typed, result)
            assert result.normalised == spec.value


@settings(max_examples=150, deadline=None)
@given(
    st.integers(0, 10**6),
    st.integers(2, 99),
    st.data(),
)
def test_the_right_remainder_always_marks_right(quotient, divisor, data):
    remainder = data.draw(st.integers(0, divisor - 1))
    params = {"divisor": divisor}
    value = canon_remainder(quotient, remainder)
    for form in ("r", "any"):
        assert mark(AnswerSpec("remainder", value, form=form), value, params=params).is_correct
    exact = quotient + Fraction(remainder, divisor)
    assert mark(AnswerSpec("remainder", value, form="fraction"), _mixed(exact), {}, params)
    assert mark(AnswerSpec("remainder", value), _mixed(exact), params=params).is_correct
    if _terminates(exact):
        spec = AnswerSpec("remainder", value, form="decimal")
        assert mark(spec, canon_decimal(exact), params=params).is_correct
    context = AnswerSpec("remainder", canon_integer(quotient), form="context")
    assert mark(context, str(quotient)).is_correct


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 23), st.integers(0, 59))
def test_the_right_time_always_marks_right(hours, minutes):
    value = canon_time(hours, minutes)
    assert mark(AnswerSpec("time", value, form="24h"), value).normalised == value
    assert mark(AnswerSpec("time", value, form="24h"), value).is_correct
    twelve = f"{hours % 12 or 12}:{minutes:02d} {'am' if hours < 12 else 'pm'}"
    assert mark(AnswerSpec("time", value, form="12h"), twelve).is_correct


# Option texts as families write them: visible characters (no control or invisible format
# characters such as a soft hyphen, which the marker drops from what is typed).
OPTION = st.text(
    st.characters(exclude_categories=("Cc", "Cf", "Cs", "Co", "Cn"), exclude_characters="|"),
    min_size=1,
    max_size=12,
).filter(lambda s: s.strip())


@settings(max_examples=150, deadline=None)
@given(st.lists(OPTION, min_size=2, max_size=6, unique_by=str.strip), st.data())
def test_the_right_choice_and_order_always_mark_right(options, data):
    options = tuple(options)
    chosen = data.draw(st.sampled_from(options))
    assert mark(AnswerSpec("choice", chosen, options=options), chosen).is_correct
    ordered = data.draw(st.permutations(options))
    spec = AnswerSpec("order", canon_order(ordered), options=options)
    assert mark(spec, spec.value).is_correct
    assert out_of_place_pairs(spec, spec.value) == 0
    n = len(options)
    assert out_of_place_pairs(spec, canon_order(reversed(ordered))) == n * (n - 1) // 2


@settings(max_examples=150, deadline=None)
@given(st.sets(st.integers(-1000, 10**6), min_size=1, max_size=30), st.randoms())
def test_the_right_set_and_coordinate_always_mark_right(values, rng):
    spec = AnswerSpec("set", canon_set(values))
    shuffled = list(values)
    rng.shuffle(shuffled)
    assert mark(spec, spec.value).is_correct
    assert mark(spec, ", ".join(map(str, shuffled + shuffled[:1]))).is_correct
    assert mark(spec, " ".join(map(str, shuffled))).is_correct
    x, y = shuffled[0], shuffled[-1]
    point = AnswerSpec("coordinate", canon_coordinate(x, y))
    assert mark(point, point.value).is_correct
    assert mark(point, f"{x},{y}").is_correct


@settings(max_examples=150, deadline=None)
@given(raw=TYPING, answer=st.sampled_from([a for a in EVERY_KIND if a.kind != "money"]))
def test_normalised_text_reads_back_as_itself(raw, answer):
    first = normalise(answer, raw)
    if first is not None and answer.kind not in ("time", "choice", "order"):
        assert normalise(answer, first) == first


def test_decimal_answers_spelled_by_families_read_back():
    for value in (Decimal("2.50"), Decimal("10"), Decimal("-0.125"), Fraction(3, 8)):
        text = canon_decimal(value)
        assert normalise(AnswerSpec("decimal", text), text) == text
        assert normalise(AnswerSpec("percent", text), text + "%") == text


@pytest.mark.parametrize("raw", ["0.", "7.0", "7.00"])
def test_a_whole_number_typed_with_a_point_reads_as_a_remainder_of_zero(raw):
    spec = AnswerSpec("remainder", "23 r 4", form="any")
    first = normalise(spec, raw)
    assert first == f"{int(float(raw))} r 0"
    assert normalise(spec, first) == first
