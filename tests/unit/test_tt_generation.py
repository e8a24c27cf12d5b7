"""The Multiplication Tables Check form and practice questions: rules proved over many seeds."""

from __future__ import annotations

import itertools
import random
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from prof123.timestables.generation import (
    HARD_TABLES,
    KS1_TABLES,
    FactHistory,
    Question,
    adaptive_questions,
    fact_weight,
    generate_mtc_form,
    practice_questions,
    unseen_seed,
    validate_mtc_form,
    warm_up_questions,
)

seeds = st.integers(min_value=0, max_value=2**31 - 1)


@settings(max_examples=3000, deadline=None)
@given(seeds)
def test_every_form_keeps_every_rule(seed):
    form = generate_mtc_form(seed)
    report = validate_mtc_form(form)
    assert report.valid, report.explain()
    # The rules, checked again here without the validator:
    assert len(form) == 25
    assert all(2 <= q.left <= 12 and 2 <= q.right <= 12 and q.operation == "×" for q in form)
    assert len({q.fact for q in form}) == 25  # no repeat, no fact with its reverse
    firsts = Counter(q.left for q in form)
    seconds = Counter(q.right for q in form)
    for table in range(2, 13):
        low, high = (3, 4) if table in HARD_TABLES else (1, 3)
        assert low <= firsts[table] <= high
        assert low - 1 <= seconds[table] <= high + 1  # the second factor within one
    assert 3 <= sum(firsts[t] for t in KS1_TABLES) <= 7
    assert sum(firsts[t] for t in HARD_TABLES) > sum(firsts[t] for t in (3, 4, 11))


@settings(max_examples=200, deadline=None)
@given(seeds)
def test_a_seed_rebuilds_the_same_form(seed):
    assert generate_mtc_form(seed) == generate_mtc_form(seed)


def test_different_seeds_give_different_forms():
    forms = {tuple(generate_mtc_form(seed)) for seed in range(200)}
    assert len(forms) == 200


def test_hard_tables_come_up_more_than_the_others_over_many_forms():
    firsts = Counter(q.left for seed in range(500) for q in generate_mtc_form(seed))
    easiest_hard = min(firsts[t] for t in HARD_TABLES)
    assert all(firsts[t] < easiest_hard for t in (2, 3, 4, 5, 10, 11))


def test_the_validator_says_why_a_form_is_wrong():
    form = generate_mtc_form(7)
    broken = [*form[:-1], Question(form[0].right, form[0].left)]  # a reversed fact
    report = validate_mtc_form(broken)
    assert not report.valid
    assert "NO  no item twice, never a fact and its reverse" in report.explain()
    short = validate_mtc_form(form[:24])
    assert "NO  25 items: 24 items" in short.explain()
    ones = validate_mtc_form([Question(1, 12), *form[1:]])
    assert "outside: ['1 × 12']" in ones.explain()


def test_warm_up_is_the_statutory_three():
    assert [q.text for q in warm_up_questions()] == ["1 × 12", "2 × 2", "10 × 10"]


def test_a_restart_gets_a_form_not_seen_before():
    class Rigged(random.Random):
        """Offers the seen seeds first, as an unlucky draw would."""

        def __init__(self, offers):
            super().__init__(0)
            self.offers = list(offers)

        def randrange(self, *_args):
            return self.offers.pop(0)

    seen = {11, 22, 33}
    assert unseen_seed(seen, Rigged([22, 11, 33, 44])) == 44


@settings(max_examples=300, deadline=None)
@given(
    tables=st.lists(st.integers(1, 12), min_size=1, max_size=12, unique=True),
    operations=st.sampled_from([["×"], ["÷"], ["×", "÷"]]),
    count=st.sampled_from([10, 20, 30]),
    seed=seeds,
)
def test_practice_draws_only_from_the_chosen_tables(tables, operations, count, seed):
    questions = practice_questions(tables, operations, count, random.Random(seed))
    assert len(questions) == count
    for question in questions:
        assert question.operation in operations
        table = question.left if question.operation == "×" else question.right
        assert table in tables
        # The text a pupil reads works out to the answer that is marked right.
        dividend, divisor = (int(n) for n in question.text.split(question.operation))
        expected = dividend * divisor if question.operation == "×" else dividend / divisor
        assert expected == question.answer
    assert all(a.fact != b.fact for a, b in itertools.pairwise(questions))


def test_adaptive_practice_favours_weak_and_slow_facts_and_spaces_secure_ones():
    weak = frozenset((7, 8))
    slow = frozenset((6, 7))
    secure = frozenset((7, 2))
    histories = {
        weak: FactHistory(answered=10, correct=4, median_ms=2500),
        slow: FactHistory(answered=10, correct=10, median_ms=5200),
        secure: FactHistory(answered=10, correct=10, median_ms=1200),
    }
    counts = Counter()
    for seed in range(200):
        for question in adaptive_questions(histories, [7], 20, random.Random(seed)):
            counts[question.fact] += 1
    assert counts[weak] > counts[slow] > counts[secure] > 0


@settings(max_examples=200, deadline=None)
@given(seed=seeds, tables=st.lists(st.integers(1, 12), min_size=1, max_size=4, unique=True))
def test_adaptive_practice_brings_in_at_most_three_new_facts(seed, tables):
    questions = adaptive_questions({}, tables, 20, random.Random(seed))
    assert len(questions) == 20
    assert len({q.fact for q in questions}) <= 3
    assert all(set(q.fact) & set(tables) for q in questions)


def test_fact_weights_order():
    assert fact_weight(FactHistory(5, 2, 1000)) > fact_weight(FactHistory(5, 5, 4000))
    assert fact_weight(FactHistory(5, 5, 4000)) > fact_weight(FactHistory(5, 5, 1000))
