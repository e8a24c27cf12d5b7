"""Every objective that typed answers can assess has questions, and the ready-made
assessments are built as question-design.md §7 describes."""

from __future__ import annotations

from collections import Counter

import pytest

from prof123.assess import blueprints, curriculum, items


def test_every_assessable_objective_has_a_family_that_makes_items():
    assessable = [o for o in curriculum.catalogue().objectives if o.is_assessable]
    assert len(assessable) == 158 + 55
    missing = [o.code for o in assessable if not blueprints.families_for(o)]
    assert missing == []
    for objective in assessable:
        for code in blueprints.families_for(objective):
            for level in items.FAMILIES[code].levels:
                assert items.generate(code, objective.code, level, 0).objective == objective.code


def test_every_family_in_the_catalogue_is_registered_and_claims_its_objectives():
    items.families_for("")
    named = {code for o in curriculum.catalogue().objectives for code in o.families}
    assert named == set(items.FAMILIES)
    for objective in curriculum.catalogue().objectives:
        for code in objective.families:
            assert objective.code in items.FAMILIES[code].objectives, (code, objective.code)
    # and no family claims an objective the catalogue does not give it
    for family in items.FAMILIES.values():
        for code in family.objectives:
            assert family.code in curriculum.objective(code).families, (family.code, code)


@pytest.mark.parametrize("year", range(1, 7))
def test_the_three_terms_together_cover_the_years_assessable_objectives(year):
    terms = [blueprints.termly(year, term) for term in range(3)]
    covered = [code for term in terms for code in term.objectives]
    assert len(covered) == len(set(covered)), "an objective in two terms"
    assert set(covered) == {o.code for o in curriculum.assessable_for_year(year)}
    for term in terms:
        counts = Counter(t.objective for t in term.templates)
        assert set(counts.values()) == {blueprints.TERMLY_PER_OBJECTIVE}  # each can be judged
        levels = [t.level for t in term.templates]
        assert levels == sorted(levels), "easier questions first"
        assert 8 <= len(term.templates) <= 40  # Year 1 has the fewest objectives


def test_the_arithmetic_mock_is_36_questions_worth_40_marks_in_the_2016_mix():
    mock = blueprints.arithmetic_mock()
    assert len(mock.templates) == 36 and mock.time_limit_minutes == 30
    by_year = Counter(int(t.objective[1]) for t in mock.templates)
    assert by_year == {3: 8, 4: 5, 5: 11, 6: 12}
    marks = [
        items.generate(t.family, t.objective, t.level, seed).answer.marks
        for seed in (1, 2)
        for t in mock.templates
    ]
    assert sum(marks) == 80  # 40 marks on each of two forms
    assert Counter(marks) == {1: 64, 2: 8}  # four 2-mark long methods on each form


def test_teacher_made_questions_rise_in_level_and_take_turns_between_families():
    templates = blueprints.teacher_made(["Y4-MD-04", "Y4-AS-01"], 4)
    assert [t.objective for t in templates] == ["Y4-AS-01"] * 4 + ["Y4-MD-04"] * 4
    assert [t.level for t in templates[:4]] == [1, 2, 3, 4]
    assert {t.family for t in templates[:4]} == {"ADD", "SUB"}
    with pytest.raises(blueprints.BlueprintError, match="at least one objective"):
        blueprints.teacher_made([], 2)
    with pytest.raises(blueprints.BlueprintError, match="cannot be assessed"):
        blueprints.teacher_made(["Y1-ME-02"], 2)
    with pytest.raises(blueprints.BlueprintError, match="between 1 and 4"):
        blueprints.teacher_made(["Y4-AS-01"], 5)
