import csv
import io

import pytest

from prof123.csvsafe import safe_cell, to_csv


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+44 20", "'+44 20"),
        ("-3", "'-3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("Amara", "Amara"),
        (None, ""),
        (12, "12"),
    ],
)
def test_cells_that_look_like_formulas_are_written_as_text(value, written):
    assert safe_cell(value) == written


def test_csv_has_a_bom_and_quotes_what_needs_quoting():
    text = to_csv(["name", "note"], [['O"Neil, Sam', "=HYPERLINK()"]])
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows == [["name", "note"], ['O"Neil, Sam', "'=HYPERLINK()"]]
