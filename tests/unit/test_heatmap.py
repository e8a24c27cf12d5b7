"""The times-tables report rules, pure: fact states, merging, the grid, tables, readiness and
slow typing."""

from __future__ import annotations

import random
import statistics

import pytest

from prof123.reports import heatmap
from prof123.reports.heatmap import (
    FactState,
    Readiness,
    Tally,
    WhySlow,
    classify,
    grid,
    merge_reverse,
    pupil_speed,
    readiness,
    table_accuracy,
)


@pytest.mark.parametrize(
    ("tally", "state"),
    [
        (Tally(0, 0, 0), FactState.UNSEEN),
        (Tally(1, 0, 0), FactState.WRONG),
        (Tally(1, 1, 0), FactState.FAST),
        (Tally(1, 1, 1), FactState.SLOW),
        # 80% right is enough; 79% is not (4 of 5; 3 of 4 and 79 of 100 are not).
        (Tally(5, 4, 0), FactState.FAST),
        (Tally(4, 3, 0), FactState.WRONG),
        (Tally(100, 79, 0), FactState.WRONG),
        (Tally(100, 80, 40), FactState.FAST),
        # Slow when MORE than half of the right answers took over 4 s.
        (Tally(4, 4, 2), FactState.FAST),
        (Tally(4, 4, 3), FactState.SLOW),
        (Tally(3, 3, 2), FactState.SLOW),
        # Wrong too often wins over slow.
        (Tally(10, 5, 5), FactState.WRONG),
    ],
)
def test_a_fact_is_classified_from_its_counts(tally, state):
    assert classify(tally) == state
    assert tally.state == state


def test_slow_by_count_is_the_same_as_a_median_over_4_seconds():
    """More than half of the right answers over 4 s is the same as the median right answer
    over 4 s, the median being the middle answer (the lower middle one for an even count)."""
    rng = random.Random(6)
    for _ in range(2000):
        times = [rng.choice([1000, 3999, 4000, 4001, 6000]) for _ in range(rng.randint(1, 9))]
        slow = sum(1 for t in times if t > heatmap.SLOW_MS)
        by_count = classify(Tally(len(times), len(times), slow)) == FactState.SLOW
        assert by_count == (statistics.median_low(times) > heatmap.SLOW_MS), times


def test_merging_adds_a_fact_to_its_reverse():
    tallies = {(7, 8): Tally(4, 3, 1), (8, 7): Tally(1, 1, 0), (6, 6): Tally(2, 2, 0)}
    assert merge_reverse(tallies) == {(7, 8): Tally(5, 4, 1), (6, 6): Tally(2, 2, 0)}


def test_a_pupils_grid_has_every_fact_in_its_place():
    g = grid({(7, 8): Tally(4, 3, 1), (8, 7): Tally(1, 1, 0)})
    assert len(g.rows) == 12 and all(len(row) == 12 for row in g.rows)
    assert g.cell(7, 8).fact == (7, 8) and g.cell(7, 8).state == FactState.WRONG
    assert g.cell(8, 7).state == FactState.FAST
    assert g.cell(1, 1).state == FactState.UNSEEN
    assert len(g.cells()) == 144
    assert g.count(FactState.UNSEEN) == 142
    assert g.cell(7, 8).pupils_seen is None and g.pupils is None
    assert (
        g.cell(7, 8).description == "7 × 8: wrong too often, 3 of 4 right (75%), 1 right but slow"
    )


def test_a_merged_grid_shows_the_pair_in_both_places_and_lists_it_once():
    g = grid({(7, 8): Tally(4, 3, 1), (8, 7): Tally(1, 1, 0)}, merge=True)
    assert g.cell(7, 8).tally == g.cell(8, 7).tally == Tally(5, 4, 1)
    assert g.cell(8, 7).state == FactState.FAST  # 80%, 1 of 4 right answers slow
    assert g.cell(8, 7).text == "7 × 8 and 8 × 7"
    assert g.cell(6, 6).text == "6 × 6"
    assert len(g.cells()) == 78  # 12 squares + 66 pairs


def test_a_class_grid_counts_the_pupils_who_met_and_missed_each_fact():
    pupils = [
        {(7, 8): Tally(4, 3, 1), (8, 7): Tally(1, 1, 0)},
        {(7, 8): Tally(2, 0, 0)},
        {},
    ]
    g = grid(heatmap.add_up(pupils), pupil_tallies=pupils)
    cell = g.cell(7, 8)
    assert cell.tally == Tally(6, 3, 1) and (cell.pupils_seen, cell.pupils_wrong) == (2, 2)
    assert g.pupils == 3
    merged = grid(heatmap.add_up(pupils), merge=True, pupil_tallies=pupils)
    # Pupil 0's pair is 4 of 5 (80%): only pupil 1 misses it.
    assert (merged.cell(8, 7).pupils_seen, merged.cell(8, 7).pupils_wrong) == (2, 1)
    assert [c.fact for c in merged.hardest()] == [(7, 8)]
    assert grid({}, pupil_tallies=[{}]).hardest() == []


def test_the_hardest_facts_come_first():
    pupils = [
        {(6, 7): Tally(2, 0, 0), (9, 9): Tally(2, 0, 0)},
        {(6, 7): Tally(1, 0, 0), (9, 9): Tally(3, 3, 0)},
    ]
    g = grid(heatmap.add_up(pupils), pupil_tallies=pupils)
    assert [c.fact for c in g.hardest()] == [(6, 7), (9, 9)]


def test_a_fact_counts_for_both_its_tables_and_a_square_once():
    accuracy = dict(table_accuracy({(7, 8): Tally(6, 3, 0), (7, 7): Tally(2, 2, 0)}))
    assert accuracy[7] == Tally(8, 5, 0)
    assert accuracy[8] == Tally(6, 3, 0)
    assert accuracy[1] == Tally() and accuracy[1].percent is None
    assert list(accuracy) == list(range(1, 13))


def _known(facts):
    return {fact: Tally(1, 1, 0) for fact in facts}


@pytest.mark.parametrize(
    ("scores", "known", "word"),
    [
        ([], 66, Readiness.NO_CHECK),
        ([25, 25, 25], 50, Readiness.READY),  # 50 of 66 is 75.8%
        ([25, 25, 25], 49, Readiness.NEARLY),  # 74.2%: good scores, too few facts
        ([20, 20, 20], 66, Readiness.READY),
        ([20, 20, 19], 66, Readiness.NEARLY),
        ([15, 15, 15], 0, Readiness.NEARLY),
        ([15, 15, 14], 66, Readiness.NOT_YET),
        # Only the latest three count (latest first).
        ([10, 10, 10, 25], 66, Readiness.NOT_YET),
    ],
)
def test_readiness_words(scores, known, word):
    result = readiness(scores, _known(heatmap.MTC_FACTS[:known]))
    assert result.word == word
    assert result.facts_known == known and result.facts_total == 66
    assert len(result.scores) == min(len(scores), 3)


def test_readiness_counts_check_facts_both_ways_once_and_only_quick_ones():
    tallies = {
        (7, 8): Tally(1, 1, 0),
        (8, 7): Tally(1, 1, 0),  # the same check fact
        (1, 5): Tally(1, 1, 0),  # the 1s are not in the check
        (6, 7): Tally(1, 1, 1),  # slow
        (9, 9): Tally(1, 0, 0),  # wrong
    }
    assert readiness([20], tallies).facts_known == 1
    assert readiness([20, 21], {}).mean == 20.5


@pytest.mark.parametrize(
    ("tallies", "ms_per_digit", "why"),
    [
        ({}, 1500, WhySlow.NO_ANSWERS),
        ({(3, 4): Tally(2, 2, 0)}, None, WhySlow.NOTHING_SLOW),
        ({(6, 7): Tally(3, 3, 2)}, None, WhySlow.NOT_MEASURED),
        ({(6, 7): Tally(3, 3, 2)}, 1000, WhySlow.SLOW_TO_TYPE),
        ({(6, 7): Tally(3, 3, 2)}, 999, WhySlow.DOES_NOT_KNOW),
    ],
)
def test_slow_to_type_or_does_not_know(tallies, ms_per_digit, why):
    assert pupil_speed(tallies, ms_per_digit).why == why


def test_slow_and_wrong_facts_are_counted_as_the_grid_shows_them():
    speed = pupil_speed(
        {(6, 7): Tally(3, 3, 2), (7, 6): Tally(1, 1, 1), (7, 8): Tally(2, 0, 0)}, 400
    )
    assert (speed.slow_facts, speed.wrong_facts, speed.answered) == (2, 1, 6)


def test_every_state_has_a_symbol_a_label_and_a_rule():
    symbols = {state.symbol for state in FactState}
    assert len(symbols) == 4  # told apart without colour
    for state in FactState:
        assert state.label and state.rule
    assert set(heatmap.READINESS_RULES) == set(Readiness)
    assert set(heatmap.WHY_SLOW_RULES) == set(WhySlow)
