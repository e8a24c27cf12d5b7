"""Every misconception label a family or the marker can produce has teacher wording."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from prof123.assess import items, marking, misconceptions
from prof123.assess.families import measures_geometry_stats

SEEDS = range(12)
LABEL = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Z]{4,}")
NOT_LABELS = {"NFKC"}  # capitals in marking.py that are not labels (a Unicode form)
DESIGN_DOC_EXAMPLES = {  # question-design.md §6.2, one per row, in our own words
    "FRAC_ADD_DENOMS": "Adds the numerators and the denominators",
    "TIME_BASE_10": "Treats time as decimal (100 minutes in an hour)",
    "OP_SWAP": "Used the wrong operation",
}


def _family_labels() -> set[str]:
    items.families_for("")  # loads every family
    found: set[str] = set()
    for family in items.FAMILIES.values():
        for objective in family.objectives:
            for level in family.levels:
                for seed in SEEDS:
                    item = items.generate(family.code, objective, level, seed)
                    for labels in item.bugs.values():
                        found.update(labels)
    return found


def _marker_labels() -> set[str]:
    """Every label-like string constant in marking.py: labels, reasons, faults and flags."""
    tree = ast.parse(Path(marking.__file__).read_text(encoding="utf-8"))
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and LABEL.fullmatch(node.value)
        and node.value not in NOT_LABELS
    }


def test_every_label_in_every_family_bug_map_has_wording():
    labels = _family_labels()
    assert len(labels) > 150  # the families label widely; a sudden drop means a broken load
    missing = sorted(label for label in labels if label not in misconceptions.WORDING)
    assert missing == []


def test_every_label_the_marker_can_give_has_wording():
    labels = _marker_labels()
    assert {"NO_RESPONSE", "UNCLASSIFIED", "OFF_BY_ONE", "WRONG_FORM", "XY_SWAP"} <= labels
    missing = sorted(label for label in labels if label not in misconceptions.WORDING)
    assert missing == []


def test_the_labels_families_added_are_worded_and_none_is_left_raw():
    for label in measures_geometry_stats.NEW_BUG_LABELS:
        assert label in misconceptions.WORDING
    for label, words in misconceptions.WORDING.items():
        assert words and words[0].isupper() and not words.endswith("."), label
        assert "_" not in words and label not in words, label


def test_what_marking_a_blank_or_a_stray_answer_gives_is_worded():
    spec = items.AnswerSpec("integer", "12")
    for raw in ("", "13", "x y z", "21", "-12", "120", "\x00"):
        for label in marking.mark(spec, raw, params={"a": 3, "b": 4}).labels:
            assert label in misconceptions.WORDING, (raw, label)


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("FRAC_ADD_DENOMS", misconceptions.MATHS),
        ("OFF_BY_ONE", misconceptions.MATHS),
        ("NOT_SIMPLEST", misconceptions.FORMAT),
        ("DECIMAL_COMMA", misconceptions.FORMAT),
        ("NO_RESPONSE", misconceptions.NONE),
        ("UNCLASSIFIED", misconceptions.NONE),
    ],
)
def test_labels_are_maths_format_or_silent(label, kind):
    assert misconceptions.kind(label) == kind


def test_wording_describe_and_split():
    for label, words in DESIGN_DOC_EXAMPLES.items():
        assert misconceptions.wording(label) == words
    assert misconceptions.wording("SOMETHING_NEW") == "Something new"
    assert misconceptions.describe(["OP_SWAP", "UNCLASSIFIED", "OP_SWAP", "NOT_SIMPLEST"]) == (
        "Used the wrong operation; Right value, but not in its simplest form"
    )
    assert misconceptions.describe(["NO_RESPONSE"]) == ""
    assert misconceptions.split_labels("A_B,C_D") == ("A_B", "C_D")
    assert misconceptions.split_labels("") == ()
    assert misconceptions.split_labels(None) == ()
