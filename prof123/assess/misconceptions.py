"""What each misconception label means, in a teacher's words. Pure: no Flask, no database.

Labels come from two places: the bug maps of the question families (``items.Item.bugs``,
question-design.md §6.2 plus the few the families added) and the marker
(``marking.mark``: the generic checks of §6.1, the reasons a reading found, and the format
faults of a right value written the wrong way). Every label either can produce has wording
here; a unit test generates items from every family template to keep it so.

Labels are of three kinds:
- ``maths``: a misconception or error pattern in the mathematics;
- ``format``: the value was right (or nearly) but written in a form the mark scheme refuses,
  kept apart so reports can tell format slips from maths errors (§8.4);
- ``none``: says nothing about thinking (blank, unreadable, no known pattern).
"""

from __future__ import annotations

from collections.abc import Iterable
from types import MappingProxyType

MATHS = "maths"
FORMAT = "format"
NONE = "none"

_WORDING = {
    # --- addition and subtraction ----------------------------------------------------------
    "ADD_NO_CARRY": "Does not carry in column addition",
    "ADD_CARRY_WRITTEN": "Writes the whole column total instead of carrying",
    "MISALIGNED": "Lines up numbers of different lengths from the left",
    "SUB_SMALLER_FROM_LARGER": "Takes the smaller digit from the larger in every column",
    "SUB_EXCHANGE_NO_DECREMENT": "Exchanges but does not reduce the next column",
    "SUB_ACROSS_ZERO": "Struggles to exchange across a zero",
    "OP_SWAP": "Used the wrong operation",
    "MISSING_OPERATE_ON_GIVEN": (
        "Combines the numbers shown instead of finding the missing number"
    ),
    "EQUALS_AS_ANSWER_NEXT": "Reads = as 'the answer comes next', not 'the same as'",
    "ONE_STEP_ONLY": "Does only one step of a two-step calculation",
    "DIFF_AS_SUM": "Adds when asked for the difference",
    "SUBTRACTED_ONE_ONLY": "Takes away only one of the amounts",
    "INVERSE_WRONG_PAIR": "Uses the wrong pair of numbers for the inverse fact",
    "COMMUTE_SUB_DIV": "Thinks subtraction or division can be done in either order",
    "NO_CARRY": "Does not bridge to the next ten or hundred",
    "MORE_LESS_SWAP": "Mixes up 'more than' and 'less than'",
    "MISSED_ONE_VALUE": "Leaves out one of the numbers when adding several",
    # --- multiplication and division -------------------------------------------------------
    "TABLE_ADJACENT": "Recalls a neighbouring times-table fact",
    "DIGIT_TRANSPOSED": "Writes the digits of a times-table answer the wrong way round",
    "ADD_FOR_MULT": "Adds instead of multiplying",
    "ZERO_COUNT": "Wrong number of zeros when multiplying multiples of 10",
    "TIMES_ZERO_IS_N": "Thinks multiplying by 0 leaves the number unchanged",
    "DIV_BY_ONE_IS_ONE": "Thinks dividing by 1 gives 1",
    "LONGMUL_NO_PLACEHOLDER": "Leaves out the place-value zero in long multiplication",
    "LONGMUL_ONE_ROW": "Does only one row of a long multiplication",
    "MUL_NO_CARRY": "Does not carry in short multiplication",
    "MUL_CARRY_BEFORE_MULTIPLY": "Adds the carried digit before multiplying, not after",
    "MUL_ONES_ONLY": "Multiplies only the ones digit",
    "DIV_AS_SUB": "Subtracts instead of dividing",
    "DIV_DIGITWISE": "Divides each digit on its own, ignoring remainders",
    "QUOTIENT_ZERO_DROPPED": "Leaves out a zero in the answer to a division",
    "REMAINDER_AS_DECIMAL": "Writes the remainder after a decimal point",
    "REMAINDER_CONTEXT": "Rounds the answer to a division the wrong way for the story",
    "FACTORS_OMIT_1_N": "Leaves out 1 or the number itself from its factors",
    "FACTOR_MULTIPLE_CONFUSED": "Mixes up factors and multiples",
    "FACTOR_PAIR_INCOMPLETE": "Misses a factor pair",
    "ODD_IS_PRIME": "Thinks every odd number is prime",
    "ONE_IS_PRIME": "Thinks 1 is a prime number",
    "TWO_NOT_PRIME": "Thinks 2 is not prime because it is even",
    "SQUARE_AS_DOUBLE": "Doubles instead of squaring",
    "CUBE_AS_TRIPLE": "Multiplies by 3 instead of cubing",
    "LEFT_TO_RIGHT": "Works left to right, ignoring the order of operations",
    "CORRESPONDENCE_ADD": "Adds the choices instead of multiplying to count combinations",
    # --- place value, counting and rounding ------------------------------------------------
    "DIGIT_NOT_VALUE": "Gives the digit, not its value",
    "PV_WRONG_COLUMN": "Changes the wrong place-value column",
    "ZERO_PLACEHOLDER": "Leaves out a zero that holds a place",
    "CONCAT_PLACE": "Writes the parts side by side (40 + 3 as 403)",
    "TEEN_REVERSAL": "Mixes up teens and tens (19 and 91)",
    "X10_APPEND_ZERO": "Adds a zero to multiply by 10, even with decimals",
    "POWER_WRONG": "Moves the digits by the wrong number of places",
    "DIRECTION_WRONG": "Moves the digits the wrong way when multiplying or dividing by 10",
    "ROUND_TRUNCATE": "Rounds down by cutting off the digits",
    "ROUND_HALF_DOWN": "Rounds a 5 down instead of up",
    "ROUND_DROP_ZEROS": "Drops the zeros when rounding (900 as 9)",
    "ROUND_BRIDGE": "Does not carry into the next column when rounding up",
    "ROUND_WRONG_PLACE": "Rounds to the wrong place",
    "DEC_ROUND_BRIDGE": "Does not carry into the whole number when rounding a decimal up",
    "ESTIMATE_MAGNITUDE": "Estimate is the wrong size (a power of ten out)",
    "NEG_INTERVAL_SUBTRACT": "Finds a difference across zero by subtracting the numbers",
    "NEG_SKIP_ZERO": "Skips zero when counting through it",
    "NEG_DIRECTION": "Counts the wrong way on the number line",
    "NEG_SIGN_DROPPED": "Leaves off the minus sign of a negative number",
    "ROMAN_SUBTRACTIVE": "Reads IV, IX, XL and XC as additions",
    "ROMAN_NONSTANDARD": "Writes Roman numerals the long way (VIIII for IX)",
    "LENGTH_IGNORED": "Compares numbers by their first digit, ignoring how many digits",
    "SYMBOL_REVERSED": "Uses < and > the wrong way round",
    "ORDER_REVERSED": "Puts the order the wrong way round (largest first)",
    "BOUNDARY_CROSS": "Does not cross the tens boundary when counting (29 then 210)",
    "DIRECTION_REVERSED": "Counts the wrong way in a sequence",
    "STEP_WRONG": "Uses the wrong step in a sequence",
    "RULE_AS_STEP": "Confuses the position in a sequence with the step between terms",
    "OFF_BY_STEP": "Counts one step too many or too few on a scale",
    "ENDPOINT": "Gives an end of the line instead of the point between",
    "ODD_EVEN_TENS_DIGIT": "Decides odd or even from the tens digit",
    "PATTERN_RESTART": "Loses the place where a repeating pattern starts again",
    # --- fractions, decimals and percentages -----------------------------------------------
    "LONGER_IS_LARGER": "Thinks a decimal with more digits is larger",
    "SHORTER_IS_LARGER": "Thinks a decimal with fewer digits is larger",
    "WHOLE_PART_IGNORED": "Compares the decimal parts and ignores the whole numbers",
    "DEC_RIGHT_ALIGNED": "Lines up decimals by the last digit, not the decimal point",
    "DEC_POINT_LOST": "Leaves out the decimal point",
    "DEC_POINT_MISPLACED": "Puts the decimal point in the wrong place",
    "DEC_WHOLE_MINUS_IGNORE": "Takes away only the decimal part from a whole number",
    "DECIMAL_COUNT_0_10": "Counts past 9 hundredths (or tenths) without moving to the next column",
    "DECIMAL_PLACE_NAMES": "Mixes up tens and tenths, hundreds and hundredths",
    "DECIMAL_AS_UNIT_FRACTION": "Writes a decimal as 1 over its digit (0.8 as 1/8)",
    "FRACTION_AS_DECIMAL_DIGITS": "Writes a fraction's numbers either side of a decimal point",
    "QUARTER_AS_0_4": "Thinks a quarter (or three quarters) uses the digit 4 as a decimal",
    "PERCENT_POINT_SHIFT": "Shifts the decimal point wrongly between per cent and decimal",
    "FRAC_ADD_DENOMS": "Adds the numerators and the denominators",
    "FRAC_DOUBLE_DENOM": "Adds the denominators too when they are the same",
    "FRAC_NUM_NOT_SCALED": "Changes the denominator but not the numerator",
    "BIGGER_DENOM_BIGGER": "Thinks a bigger denominator means a bigger fraction",
    "NUMERATOR_ONLY": "Compares fractions by their numerators alone",
    "DENOMINATOR_ONLY": "Compares fractions by their denominators alone",
    "EQUIV_ADDITIVE": "Adds instead of multiplying to make an equivalent fraction",
    "EQUIV_ONE_PART": "Changes only one part of the fraction",
    "UNIT_ONLY": "Finds one part but forgets to multiply by the numerator",
    "DIV_BY_NUMERATOR": "Divides by the numerator instead of the denominator",
    "MULT_BY_DENOMINATOR": "Multiplies by the denominator instead of dividing",
    "MIXED_ADD_PARTS": "Adds the whole number to the numerator",
    "MIXED_WHOLE_IGNORED": "Leaves out the whole number of a mixed number",
    "MIXED_WHOLE_TIMES_NUMERATOR": "Multiplies the whole number by the numerator",
    "MULT_BOTH_PARTS": "Multiplies both numerator and denominator by the whole number",
    "FRAC_MUL_ADD": "Adds the whole number to the numerator instead of multiplying",
    "DIV_MULTIPLIED_NUMERATOR": "Multiplies the numerator when dividing a fraction",
    "DIV_WRONG_PART": "Divides the wrong part of the fraction",
    "NOT_SIMPLEST": "Right value, but not in its simplest form",
    "PCT_DIVIDE_BY_P": "Divides by the percentage number to find a percentage",
    "PCT_SUBTRACT_P": "Takes the percentage number away from the amount",
    "PCT_TEN_ONLY": "Finds 10% whatever the percentage asked",
    "PCT_SIGN_ON_AMOUNT": "Puts a % sign on an amount",
    # --- ratio and algebra -----------------------------------------------------------------
    "ADDITIVE_SCALING": "Adds instead of scaling",
    "INVERSE_SCALE": "Scales the wrong way (divides instead of multiplies)",
    "SHARE_BY_ONE_PART": "Divides by one part instead of the total number of parts",
    "GAVE_OTHER_SHARE": "Gives the other person's share",
    "CONCAT_VARIABLE": "Reads 2n as the digits 2 and n side by side",
    "INVERSE_ORDER": "Undoes the steps in the wrong order when solving",
    "PAIR_FAILS_EQUATION": "Gives a value that does not fit the equation",
    "ENUMERATION_INCOMPLETE": "Misses some of the possible values",
    # --- measurement -----------------------------------------------------------------------
    "TIME_BASE_10": "Treats time as decimal (100 minutes in an hour)",
    "HOUR_AS_100_MIN": "Thinks an hour has 100 minutes",
    "PM_ADD_10": "Adds 10, not 12, for a pm time on the 24-hour clock",
    "TO_PAST_SWAP": "Mixes up 'to' and 'past' the hour",
    "AM_PM_SWAP": "Mixes up am and pm",
    "MIDNIGHT_NOON": "Mixes up midnight and midday",
    "DAYS_IN_MONTH": "Wrong number of days in a month or year",
    "BEFORE_AFTER_SWAP": "Mixes up before and after (yesterday and tomorrow)",
    "CONVERSION_FACTOR": "Uses the wrong conversion factor between units",
    "CONVERSION_DIRECTION": "Converts the wrong way (divides instead of multiplies)",
    "UNIT_IGNORED": "Compares or works with amounts without making the units match",
    "UNIT_MISMATCH": "Answers in a different unit from the one asked",
    "UNIT_SCALE": "Chooses a unit of the wrong size",
    "PENCE_POUND_CONFUSION": "Mixes up pounds and pence",
    "COIN_COUNT_NOT_VALUE": "Counts the coins instead of adding their values",
    "CHANGE_ADDED": "Adds the price to the money paid instead of finding the change",
    "OTHER_PART": "Gives the part used instead of the part left",
    "COMPARE_REVERSED": "Picks the opposite of what was asked (shortest for longest)",
    "AREA_PERIM_SWAP": "Mixes up area and perimeter",
    "PERIM_TWO_SIDES": "Adds only two sides for the perimeter",
    "PERIM_CUT_SUBTRACTED": "Thinks cutting a corner off a rectangle shortens its perimeter",
    "TRIANGLE_NO_HALF": "Forgets to halve for the area of a triangle",
    "SLANT_AS_HEIGHT": "Uses the sloping side instead of the perpendicular height",
    "VOLUME_ADD_DIMS": "Adds the lengths instead of multiplying for volume",
    "VOLUME_TWO_DIMS": "Multiplies only two of the three lengths for volume",
    # --- geometry --------------------------------------------------------------------------
    "WRONG_TOTAL": "Uses the wrong angle total (180° or 360° mixed up)",
    "VERT_OPP_AS_LINE": "Mixes up vertically opposite angles and angles on a line",
    "ISOSCELES_WRONG_PAIR": "Picks the wrong pair of equal angles in an isosceles triangle",
    "ACUTE_OBTUSE_SWAP": "Mixes up acute and obtuse angles",
    "REFLEX_AS_OBTUSE": "Calls a reflex angle obtuse",
    "CLOCKWISE_REVERSED": "Turns the wrong way (clockwise and anticlockwise)",
    "RADIUS_DIAMETER_SWAP": "Mixes up radius and diameter",
    "VERTEX_EDGE_SWAP": "Mixes up vertices, edges and faces",
    "SIDES_FOR_PAIRS": "Counts sides (or faces) instead of pairs",
    "SYMMETRY_MISCOUNT": "Miscounts lines of symmetry (misses some, or adds diagonals)",
    "REGULAR_ONE_CONDITION": "Calls a shape regular when only its sides or only its angles match",
    "XY_SWAP": "Writes the coordinates the wrong way round (y before x)",
    "REFLECT_WRONG_AXIS": "Reflects in the wrong line",
    "TRANSLATE_DIRECTION": "Moves the point the wrong way",
    "SIGN_ERROR": "Gets the sign of a coordinate wrong",
    # --- statistics ------------------------------------------------------------------------
    "READ_WRONG_ROW": "Reads the wrong row or column of a table",
    "MEAN_NO_DIVIDE": "Gives the total instead of the mean",
    "MEAN_WRONG_COUNT": "Divides by the wrong number to find the mean",
    "MEAN_AS_MIDDLE": "Gives the middle value instead of the mean",
    # --- the marker's generic checks (question-design.md §6.1) -----------------------------
    "OFF_BY_ONE": "One more or one less than the answer (a counting slip)",
    "DIGITS_TRANSPOSED": "Two digits swapped",
    "PLACE_VALUE_SHIFT": "Out by a power of ten (a place-value shift)",
    "OTHER_OPERATION": "Did another operation on the same numbers",
    "SIGN_DROPPED": "Right number, wrong sign",
    # --- the value is right, its form is not -----------------------------------------------
    "WRONG_FORM": "Right value, written in the wrong form for the question",
    "IMPROPER_MIXED": "Mixed number with a fraction part bigger than one",
    "DECIMAL_COMMA": "Wrote a comma for the decimal point",
    "INVALID_GROUPING": "Put the thousands commas in the wrong places",
    "MISSING_AM_PM": "Left out am or pm",
    "MONEY_ONE_DP": "Wrote money with one decimal place (£2.4)",
    # --- nothing to say about thinking -----------------------------------------------------
    "NO_RESPONSE": "Not answered",
    "NO_RESPONSE_TIMEOUT": "Not answered in time",
    "UNREADABLE": "Could not be read as an answer",
    "UNCLASSIFIED": "Not a known pattern",
}
WORDING = MappingProxyType(_WORDING)

FORMAT_LABELS = frozenset(
    {
        "WRONG_FORM",
        "NOT_SIMPLEST",
        "IMPROPER_MIXED",
        "DECIMAL_COMMA",
        "INVALID_GROUPING",
        "MISSING_AM_PM",
        "MONEY_ONE_DP",
    }
)
SILENT_LABELS = frozenset({"NO_RESPONSE", "NO_RESPONSE_TIMEOUT", "UNREADABLE", "UNCLASSIFIED"})


def wording(label: str) -> str:
    """The teacher wording of a label; an unknown label is shown readable, never raw."""
    known = WORDING.get(label)
    if known is not None:
        return known
    return label.replace("_", " ").strip().capitalize() or "Not a known pattern"


def kind(label: str) -> str:
    if label in SILENT_LABELS:
        return NONE
    return FORMAT if label in FORMAT_LABELS else MATHS


def describe(labels: Iterable[str]) -> str:
    """Several labels as one phrase, skipping those that say nothing ("" if none)."""
    words = [wording(label) for label in dict.fromkeys(labels) if kind(label) != NONE]
    return "; ".join(words)


def split_labels(text: str | None) -> tuple[str, ...]:
    """A response's stored labels (comma-joined) as a tuple."""
    return tuple(label for label in (text or "").split(",") if label)
