"""How a right answer is written for people: pure, no Flask.

The text is one the marker accepts (a test checks it for every family), so the answer key,
the preview and a pupil's corrections show what a pupil could have typed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from fractions import Fraction

from markupsafe import Markup, escape

from prof123.assess.items import ORDER_SEPARATOR, canon_decimal

# "3/4" standing alone in a question (not inside a longer number or a date).
FRACTION_IN_TEXT = re.compile(r"(?<![\w/.])(\d{1,4})/(\d{1,4})(?![\w/])")


def _mixed(number: Fraction) -> str:
    whole = int(number)  # towards zero, so the fraction part keeps the sign of the whole
    rest = abs(number - whole)
    if rest == 0:
        return str(whole)
    if whole == 0:
        return f"{number.numerator}/{number.denominator}"
    return f"{whole} {rest.numerator}/{rest.denominator}"


def answer_text(
    kind: str, value: str, unit: str = "", form: str = "any", params: Mapping | None = None
) -> str:
    """'£3.20', '1 3/4', '23 r 4', '25%', '45 cm', '3:40 pm' … as a teacher would write it."""
    try:
        if kind == "money":
            pence = int(value)
            if unit == "p":
                return f"{pence}p"
            sign = "-" if pence < 0 else ""
            return f"{sign}£{abs(pence) // 100}.{abs(pence) % 100:02d}"
        if kind == "fraction":
            number = Fraction(value)
            if form == "mixed":
                return _mixed(number)
            if form == "decimal":
                return canon_decimal(number)
            return value
        if kind == "percent":
            return f"{value}%"
        if kind == "order":
            return ", ".join(value.split(ORDER_SEPARATOR))
        if kind == "time" and form == "12h":
            hours, minutes = (int(part) for part in value.split(":"))
            half = "am" if hours < 12 else "pm"
            return f"{(hours + 11) % 12 + 1}:{minutes:02d} {half}"
        if kind == "remainder" and form in ("fraction", "decimal"):
            quotient, _, remainder = value.partition(" r ")
            divisor = int((params or {}).get("divisor") or (params or {}).get("b") or 0)
            exact = int(quotient) + Fraction(int(remainder), divisor)
            return canon_decimal(exact) if form == "decimal" else _mixed(exact)
    except (ValueError, ZeroDivisionError, TypeError):
        return value
    if unit and kind in ("integer", "decimal"):
        return f"{value} {unit}"
    return value


def typed_text(kind: str, raw: str | None) -> str:
    """What the pupil gave, readable (an order is shown as a list)."""
    if not raw:
        return ""
    return ", ".join(raw.split(ORDER_SEPARATOR)) if kind == "order" else raw


def question_html(prompt: str) -> Markup:
    """The question with each fraction set one number above the other, as children see
    fractions written; screen readers get the plain "3/4" instead. The prompt is escaped
    first, and the pattern inserts digits only."""
    return Markup(  # noqa: S704
        FRACTION_IN_TEXT.sub(
            lambda m: (
                f'<span class="visually-hidden">{m[1]}/{m[2]}</span>'
                f'<span class="fraction" aria-hidden="true"><span class="fraction-top">{m[1]}'
                f'</span><span class="fraction-bottom">{m[2]}</span></span>'
            ),
            str(escape(prompt)),
        )
    )
