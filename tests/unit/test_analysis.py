"""The pure analysis behind the assessment report, on small hand-made answer sets."""

from __future__ import annotations

import pytest

from prof123.reports import analysis
from prof123.reports.analysis import Answer, Band, Status


def _answer(pupil, number, correct, shown="", labels=(), chances=(), objective="O1", prompt=""):
    return Answer(
        pupil_id=pupil,
        item_number=number,
        objective=objective,
        prompt=prompt or f"Question {number}",
        shown=shown,
        key=shown or None,
        is_correct=correct,
        labels=tuple(labels),
        chances=frozenset(chances),
    )


# --- bands -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("right", "asked", "expected"),
    [
        (0, 0, Band.NO_EVIDENCE),
        (1, 1, Band.NO_EVIDENCE),  # one question never judges an objective
        (2, 2, Band.SECURE),
        (1, 2, Band.DEVELOPING),  # 50%
        (0, 2, Band.NOT_YET),
        (3, 3, Band.SECURE),
        (2, 3, Band.DEVELOPING),  # 67%
        (1, 3, Band.NOT_YET),  # 33%
        (4, 5, Band.SECURE),  # exactly 80%
        (3, 5, Band.DEVELOPING),  # 60%
        (2, 5, Band.NOT_YET),  # 40%
        (79, 100, Band.DEVELOPING),
        (49, 100, Band.NOT_YET),
    ],
)
def test_bands_at_their_edges(right, asked, expected):
    assert analysis.band(right, asked) is expected


def test_every_band_has_a_word_and_a_symbol_for_black_and_white():
    symbols = {b.symbol for b in Band}
    assert len(symbols) == len(Band)
    assert [b.word for b in Band] == ["Secure", "Developing", "Not yet", "Not enough evidence"]


# --- questions ---------------------------------------------------------------------------------


def test_facility_blanks_and_common_wrong_answers_with_the_same_numbers():
    answers = [
        _answer(1, 1, True, "85"),
        _answer(2, 1, False, "75", ["ADD_NO_CARRY"]),
        _answer(3, 1, False, "75", ["ADD_NO_CARRY"]),
        _answer(4, 1, False, "715", ["ADD_CARRY_WRITTEN"]),
        _answer(5, 1, False, ""),  # blank
        _answer(6, 1, False, "9", ["UNCLASSIFIED"]),
        _answer(1, 2, True, "3"),
    ]
    [first, second] = analysis.question_stats([(1, "O1"), (2, "O1")], answers, limit=2)
    assert (first.taken, first.right, first.blank, first.wrong, first.facility) == (6, 1, 1, 4, 17)
    assert first.same_numbers
    assert [(w.shown, w.count, w.labels) for w in first.common_wrong] == [
        ("75", 2, ("ADD_NO_CARRY",)),
        ("715", 1, ("ADD_CARRY_WRITTEN",)),  # limit 2: the unclassified 9 is left off
    ]
    assert first.common_wrong[0].wording == "Does not carry in column addition"
    assert first.common_wrong[0].prompt is None
    assert (second.taken, second.facility, second.common_wrong) == (1, 100, ())


def test_with_different_numbers_wrong_answers_group_by_what_they_reveal():
    answers = [
        _answer(1, 1, False, "75", ["ADD_NO_CARRY"], prompt="48 + 37 = □"),
        _answer(2, 1, False, "81", ["ADD_NO_CARRY"], prompt="56 + 35 = □"),
        _answer(3, 1, False, "12", ["UNCLASSIFIED"], prompt="19 + 16 = □"),
    ]
    [stat] = analysis.question_stats([(1, "O1")], answers)
    assert not stat.same_numbers
    [no_carry, other] = stat.common_wrong
    assert (no_carry.count, no_carry.shown, no_carry.prompt) == (2, "75", "48 + 37 = □")
    assert (other.count, other.wording) == (1, "No known pattern")


def test_the_same_answer_typed_two_ways_is_one_wrong_answer():
    answers = [
        Answer(1, 1, "O1", "Q", "1,000", "1000", False, ("OFF_BY_ONE",)),
        Answer(2, 1, "O1", "Q", "1000", "1000", False, ("OFF_BY_ONE",)),
        Answer(3, 1, "O1", "Q", "1000", "1000", False, ("OFF_BY_ONE",)),
    ]
    [stat] = analysis.question_stats([(1, "O1")], answers)
    assert [(w.shown, w.count) for w in stat.common_wrong] == [("1000", 3)]


def test_difficult_questions_are_below_80_percent_hardest_first():
    answers = []
    for number, right in ((1, 4), (2, 1), (3, 5), (4, 3), (5, 1)):
        answers += [_answer(p, number, p <= right, "x") for p in range(1, 6)]
    stats = analysis.question_stats([(n, "O1") for n in range(1, 6)], answers)
    assert [s.facility for s in stats] == [80, 20, 100, 60, 20]
    assert [s.number for s in analysis.difficult_questions(stats)] == [2, 5, 4]
    assert [s.number for s in analysis.difficult_questions(stats, limit=1)] == [2]


# --- objectives --------------------------------------------------------------------------------


def _grid_answers(sheet: dict[int, dict[str, str]]) -> list[Answer]:
    """pupil -> objective -> "RW" string of right/wrong per question."""
    answers = []
    for pupil, per_objective in sheet.items():
        number = 0
        for objective, marks in per_objective.items():
            for mark in marks:
                number += 1
                answers.append(_answer(pupil, number, mark == "R", "x", objective=objective))
    return answers


def test_objective_grid_cells_summaries_and_what_to_teach_next():
    numbers = [(1, "A"), (2, "A"), (3, "B"), (4, "B"), (5, "B"), (6, "C"), (7, "D"), (8, "D")]
    sheet = {
        1: {"A": "RR", "B": "RRR", "C": "R", "D": "WW"},
        2: {"A": "RW", "B": "RRW", "C": "W", "D": "WW"},
        3: {"A": "WW", "B": "RWW", "C": "W", "D": "RW"},
        4: {"A": "RR", "B": "WWW", "C": "R", "D": "RW"},
    }
    grid = analysis.objective_grid(
        numbers, [1, 2, 3, 4], _grid_answers(sheet), order={"D": 0, "A": 1, "B": 2, "C": 3}
    )
    assert grid.codes == ("D", "A", "B", "C")
    assert grid.cells[2]["B"] == analysis.Cell(2, 3)
    assert grid.cells[2]["B"].band is Band.DEVELOPING
    assert grid.cells[1]["C"].band is Band.NO_EVIDENCE
    a, b, c, d = (grid.summaries[code] for code in "ABCD")
    assert (a.secure, a.developing, a.not_yet, a.judged, a.facility) == (2, 1, 1, 4, 62)
    assert (b.secure, b.developing, b.not_yet, b.facility) == (1, 1, 2, 50)
    assert (c.can_be_judged, c.judged, c.facility) == (False, 0, 50)
    assert (d.secure, d.developing, d.not_yet, d.not_secure) == (0, 2, 2, 4)
    # D: 4 of 4 not secure; B: 3 of 4; A: 2 of 4 is not "most of the class"; C not judged.
    assert [s.code for s in analysis.teach_next(grid)] == ["D", "B"]


def test_teach_next_breaks_ties_by_not_yet_then_facility():
    numbers = [(1, "A"), (2, "A"), (3, "B"), (4, "B"), (5, "C"), (6, "C")]
    sheet = {
        1: {"A": "RW", "B": "WW", "C": "RW"},
        2: {"A": "RW", "B": "RW", "C": "WW"},
        3: {"A": "WW", "B": "RR", "C": "RR"},
    }
    grid = analysis.objective_grid(numbers, [1, 2, 3], _grid_answers(sheet))
    # A: 3 not secure (1 not yet); B and C: 2 not secure (1 not yet each), same facility:
    # curriculum (here: question) order decides.
    assert [s.code for s in analysis.teach_next(grid)] == ["A", "B", "C"]


# --- misconceptions ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hits", "chances", "expected"),
    [
        (0, 3, None),
        (1, 1, Status.POSSIBLE),  # one hit may be a slip
        (2, 2, Status.LIKELY),
        (2, 3, Status.LIKELY),
        (2, 4, Status.LIKELY),  # exactly half
        (2, 5, Status.POSSIBLE),
        (3, 6, Status.LIKELY),
    ],
)
def test_likely_needs_two_hits_and_half_the_chances(hits, chances, expected):
    assert analysis.status(hits, chances) is expected


def test_misconception_summary_counts_hits_of_chances_per_pupil():
    fd = "FRAC_DOUBLE_DENOM"
    chances = {fd}
    answers = [
        # pupil 1: 2 hits in 3 chances -> likely
        _answer(1, 1, False, "2/14", [fd], chances, objective="Y4-FR-04"),
        _answer(1, 2, False, "5/18", [fd], chances, objective="Y4-FR-04"),
        _answer(1, 3, True, "4/7", [], chances),
        _answer(1, 4, True, "9", [], ()),  # no chance to show it: does not count
        # pupil 2: 1 hit in 3 chances -> possible
        _answer(2, 1, False, "2/14", [fd], chances, objective="Y4-FR-04"),
        _answer(2, 2, True, "5/9", [], chances),
        _answer(2, 3, True, "4/7", [], chances),
        # pupil 3: wrong, but not that way
        _answer(3, 1, False, "1/7", ["UNCLASSIFIED"], chances),
        # pupil 4: an off-by-one (the marker's generic check): every question was a chance
        _answer(4, 1, True, "1", [], chances),
        _answer(4, 2, False, "10", ["OFF_BY_ONE"], ()),
        _answer(4, 3, False, "", ["NO_RESPONSE"], chances),
        # a format slip
        _answer(3, 2, False, "2/4", ["NOT_SIMPLEST"], ()),
    ]
    rows = {row.label: row for row in analysis.misconception_summary([1, 2, 3, 4], answers)}
    assert set(rows) == {fd, "OFF_BY_ONE", "NOT_SIMPLEST"}  # blank and unclassified say nothing
    row = rows[fd]
    assert [(e.pupil_id, e.text) for e in row.likely] == [(1, "2 of 3 chances")]
    assert [(e.pupil_id, e.text) for e in row.possible] == [(2, "1 of 3 chances")]
    assert row.objectives == ("Y4-FR-04",)
    assert (row.example.pupil_id, row.example.shown) == (1, "2/14")
    assert row.wording == "Adds the denominators too when they are the same"
    assert row.kind == "maths"
    assert [(e.pupil_id, e.text) for e in rows["OFF_BY_ONE"].possible] == [(4, "1 of 3 chances")]
    assert rows["NOT_SIMPLEST"].kind == "format"
    assert [(e.pupil_id, e.text) for e in rows["NOT_SIMPLEST"].possible] == [(3, "1 of 2 chances")]
    # Most likely pupils first.
    # Most "likely" pupils first, then most "possible", then by wording.
    assert [r.label for r in analysis.misconception_summary([1, 2, 3, 4], answers)] == [
        fd,
        "OFF_BY_ONE",
        "NOT_SIMPLEST",
    ]
    assert analysis.misconception_summary([1], []) == []


def test_a_label_shown_by_one_pupil_counts_a_hit_as_a_chance_even_outside_the_map():
    # The marker's reasons (e.g. XY_SWAP on a coordinate) can label an answer whose question
    # did not list that label: the hit itself was a chance.
    answers = [
        _answer(1, 1, False, "(4, 5)", ["XY_SWAP"], ()),
        _answer(1, 2, False, "(2, 1)", ["XY_SWAP"], {"XY_SWAP"}),
        _answer(1, 3, True, "(3, 3)", [], ()),
    ]
    [row] = analysis.misconception_summary([1], answers)
    assert [(e.pupil_id, e.text) for e in row.likely] == [(1, "2 of 2 chances")]
