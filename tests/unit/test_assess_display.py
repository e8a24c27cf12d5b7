"""The answer shown to teachers and pupils is one the marker accepts, for every family."""

from __future__ import annotations

import pytest

from prof123.assess import items, marking
from prof123.assess.display import answer_text, typed_text

items.families_for("")  # registers every family
TEMPLATES = [
    (family.code, objective, level)
    for family in sorted(items.FAMILIES.values(), key=lambda f: f.code)
    for objective in family.objectives
    for level in family.levels
]


@pytest.mark.parametrize(("code", "objective", "level"), TEMPLATES)
def test_the_answer_key_marks_right(code, objective, level):
    for seed in range(8):
        item = items.generate(code, objective, level, seed)
        spec = item.answer
        shown = (
            spec.value
            if spec.kind == "order"
            else answer_text(spec.kind, spec.value, spec.unit, spec.form, item.params)
        )
        result = marking.mark(spec, shown, item.bugs, item.params)
        assert result.is_correct, f"{item.template_id} seed {seed}: {shown!r} for {spec}"
        assert result.marks == spec.marks


@pytest.mark.parametrize(
    ("args", "text"),
    [
        (("money", "320", "£"), "£3.20"),
        (("money", "45", "p"), "45p"),
        (("money", "-68", "£"), "-£0.68"),
        (("fraction", "7/4", "", "mixed"), "1 3/4"),
        (("fraction", "3/8", "", "decimal"), "0.375"),
        (("fraction", "7/4"), "7/4"),
        (("percent", "12.5"), "12.5%"),
        (("order", "0.5|0.45|0.4"), "0.5, 0.45, 0.4"),
        (("time", "15:40", "", "12h"), "3:40 pm"),
        (("time", "00:05", "", "12h"), "12:05 am"),
        (("integer", "45", "cm"), "45 cm"),
        (("remainder", "23 r 4", "", "fraction", {"divisor": 7}), "23 4/7"),
        (("remainder", "23 r 2", "", "decimal", {"divisor": 8}), "23.25"),
    ],
)
def test_answers_are_written_as_a_teacher_writes_them(args, text):
    assert answer_text(*args) == text


def test_an_order_typed_is_shown_as_a_list():
    assert typed_text("order", "3|1|2") == "3, 1, 2"
    assert typed_text("integer", None) == ""


def test_fractions_in_a_question_are_stacked_and_read_plainly():
    from prof123.assess.display import question_html

    html = str(question_html("6/10 + 9/10 = □ <b>"))
    assert html.count('class="fraction"') == 2 and "&lt;b&gt;" in html
    assert '<span class="visually-hidden">6/10</span>' in html
    # Dates, decimals and longer runs are left alone.
    assert 'class="fraction"' not in str(question_html("12/02/2026 and 3.5/2"))
