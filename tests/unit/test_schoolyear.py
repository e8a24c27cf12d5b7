from datetime import date

import pytest

from prof123.schoolyear import (
    academic_year_label,
    academic_year_of,
    cohort_start_year_for,
    year_group_label,
)


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (date(2026, 8, 31), 2025),
        (date(2026, 9, 1), 2026),
        (date(2027, 1, 15), 2026),
        (date(2026, 12, 31), 2026),
    ],
)
def test_academic_year_rolls_over_on_1_september(day, year):
    assert academic_year_of(day) == year


@pytest.mark.parametrize(
    ("start", "academic_year", "label"),
    [
        (2026, 2026, "Reception"),
        (2022, 2026, "Year 4"),
        (2020, 2026, "Year 6"),
        (2019, 2026, "Left primary school"),
        (2027, 2026, "Not started yet"),
    ],
)
def test_year_group_follows_from_the_cohort(start, academic_year, label):
    assert year_group_label(start, academic_year) == label


def test_year_group_moves_up_each_september():
    cohort = cohort_start_year_for(3, 2026)
    assert year_group_label(cohort, academic_year_of(date(2027, 8, 31))) == "Year 3"
    assert year_group_label(cohort, academic_year_of(date(2027, 9, 1))) == "Year 4"


def test_academic_year_label():
    assert academic_year_label(2026) == "2026/27"
    assert academic_year_label(2099) == "2099/00"
