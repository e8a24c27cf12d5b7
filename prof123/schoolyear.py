"""School years in England: pure date arithmetic, no Flask and no database.

A cohort is named by the academic year its pupils started Reception; the academic year
runs from 1 September, so a pupil's year group moves on by itself each September.
"""

from __future__ import annotations

from datetime import date

ROLLOVER_MONTH = 9  # 1 September
FINAL_YEAR_GROUP = 6  # Year 6 is the last year of primary school


def academic_year_of(day: date) -> int:
    """The calendar year in which the academic year containing ``day`` began."""
    return day.year if day.month >= ROLLOVER_MONTH else day.year - 1


def academic_year_label(start_year: int) -> str:
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def year_group_number(cohort_start_year: int, academic_year: int) -> int:
    """0 for Reception, 1-6 for Years 1-6; negative before school, above 6 after it."""
    return academic_year - cohort_start_year


def year_group_label(cohort_start_year: int, academic_year: int) -> str:
    number = year_group_number(cohort_start_year, academic_year)
    if number < 0:
        return "Not started yet"
    if number == 0:
        return "Reception"
    if number > FINAL_YEAR_GROUP:
        return "Left primary school"
    return f"Year {number}"


def cohort_start_year_for(year_group: int, academic_year: int) -> int:
    """The cohort that is in ``year_group`` (0 = Reception) during ``academic_year``."""
    return academic_year - year_group
