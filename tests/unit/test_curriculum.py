"""The objective catalogue: counts, code rules, own wording, and validation on load."""

from __future__ import annotations

import ast
import os
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from prof123.assess import curriculum
from prof123.assess.curriculum import (
    Objective,
    assessable_for_year,
    catalogue,
    objective,
    objectives_for_year,
    parse,
)

# The research list the facts were taken from; outside the repository, so optional.
REFERENCE = Path(
    os.environ.get("PROF123_CURRICULUM_REFERENCE", "/work/shared/reference/curriculum.yaml")
)
YEAR_COUNTS = {1: 21, 2: 35, 3: 34, 4: 42, 5: 49, 6: 49}
CODE = re.compile(r"^Y[1-6]-[A-Z]+-\d{2}$")


def _objectives() -> tuple[Objective, ...]:
    return catalogue().objectives


# --------------------------------------------------------------------------- counts


def test_catalogue_has_all_230_objectives():
    assert len(_objectives()) == 230
    assert catalogue().version == 1


def test_coverage_counts():
    counts = Counter(o.coverage for o in _objectives())
    assert counts == {"full": 158, "partial": 55, "none": 17}


def test_objectives_per_year():
    assert Counter(o.year for o in _objectives()) == YEAR_COUNTS
    for year, count in YEAR_COUNTS.items():
        assert len(objectives_for_year(year)) == count


def test_assessable_for_year_leaves_out_teacher_only_objectives():
    total = 0
    for year in YEAR_COUNTS:
        assessable = assessable_for_year(year)
        assert all(o.is_assessable and o.coverage != "none" for o in assessable)
        assert {o.code for o in objectives_for_year(year)} - {o.code for o in assessable} == {
            o.code for o in objectives_for_year(year) if o.coverage == "none"
        }
        total += len(assessable)
    assert total == 230 - 17
    assert objectives_for_year(7) == ()


# --------------------------------------------------------------------------- codes


def test_codes_are_unique_and_well_formed():
    codes = [o.code for o in _objectives()]
    assert len(codes) == len(set(codes))
    for o in _objectives():
        assert CODE.match(o.code), o.code
        year, domain, _ = o.code.split("-")
        assert year == f"Y{o.year}"
        assert domain == o.domain


def test_retired_codes_are_never_reused():
    cat = catalogue()
    assert cat.retired.isdisjoint(cat.by_code)
    assert all(CODE.match(code) for code in cat.retired)


def test_sequence_numbers_run_without_gaps_in_curriculum_order():
    numbers: dict[tuple[int, str], list[int]] = defaultdict(list)
    for o in _objectives():
        numbers[(o.year, o.domain)].append(int(o.code[-2:]))
    for key, seq in numbers.items():
        assert seq == list(range(1, len(seq) + 1)), key
    years = [o.year for o in _objectives()]
    assert years == sorted(years)


def test_by_code_indexes_every_objective():
    cat = catalogue()
    assert list(cat.by_code) == [o.code for o in cat.objectives]
    assert objective("Y4-MD-01") is cat.by_code["Y4-MD-01"]
    with pytest.raises(KeyError):
        objective("Y7-NPV-01")


# --------------------------------------------------------------------------- domains


def test_every_objective_domain_exists_and_covers_its_year():
    domains = catalogue().domains
    assert set(domains) == {"NPV", "AS", "MD", "CALC", "FR", "RP", "AL", "ME", "GS", "GP", "ST"}
    for o in _objectives():
        assert o.domain in domains, o.code
        assert o.year in domains[o.domain].years, o.code
    for d in domains.values():
        assert d.name.strip() and d.sta_strand


def test_key_stage():
    assert {o.key_stage for o in objectives_for_year(2)} == {"KS1"}
    assert {o.key_stage for o in objectives_for_year(3)} == {"KS2"}
    assert objective("Y1-NPV-01").key_stage == "KS1"
    assert objective("Y6-ST-02").key_stage == "KS2"


# --------------------------------------------------------------------------- wording


def test_statements_present_and_partial_objectives_say_what_is_assessed():
    for o in _objectives():
        assert o.statement.strip() and o.statement == o.statement.strip(), o.code
        assert o.statement[0].isupper() and o.statement[-1] in ".?'", o.code
        if o.coverage == "partial":
            assert o.assessable_part and o.assessable_part.strip(), o.code
        else:
            assert o.assessable_part is None, o.code
        # Families exactly when generated items assess the objective.
        assert bool(o.families) == o.is_assessable, o.code
        assert o.sta_refs and o.sta_confidence in ("high", "medium", "low"), o.code


def _reference_entries() -> dict[str, dict[str, object]]:
    # pyyaml is not a dependency: each reference entry is a one-line flow mapping of facts
    # followed by an `objective: "..."` line, which is all these tests read.
    text = REFERENCE.read_text(encoding="utf-8")
    entries: dict[str, dict[str, object]] = {}
    head = re.compile(
        r"^- \{code: (?P<code>\S+), year: (?P<year>\d), domain: (?P<domain>[A-Z]+), "
        r"sta_ref: \[(?P<refs>[^\]]*)\], .*coverage: (?P<coverage>\w+), "
        r"families: \[(?P<families>[^\]]*)\]",
        re.MULTILINE,
    )
    for match in head.finditer(text):
        statement = re.search(r'objective: "([^"]*)"', text[match.end() :])
        assert statement is not None
        entries[match["code"]] = {
            "year": int(match["year"]),
            "domain": match["domain"],
            "sta_refs": tuple(r.strip() for r in match["refs"].split(",") if r.strip()),
            "coverage": match["coverage"],
            "families": tuple(f.strip() for f in match["families"].split(",") if f.strip()),
            "objective": statement[1],
        }
    return entries


needs_reference = pytest.mark.skipif(
    not REFERENCE.is_file(), reason=f"curriculum reference not available at {REFERENCE}"
)


@needs_reference
def test_statements_are_our_own_words_not_the_reference_text():
    reference = _reference_entries()
    assert len(reference) == 230

    def norm(s: str) -> str:
        return re.sub(r"\W+", " ", s).strip().lower()

    copied = [
        o.code
        for o in _objectives()
        if norm(o.statement) == norm(str(reference[o.code]["objective"]))
    ]
    assert copied == []


@needs_reference
def test_facts_match_the_reference_in_curriculum_order():
    reference = _reference_entries()
    assert [o.code for o in _objectives()] == list(reference)
    for o in _objectives():
        ref = reference[o.code]
        facts = {
            "year": o.year,
            "domain": o.domain,
            "sta_refs": o.sta_refs,
            "coverage": o.coverage,
            "families": o.families,
        }
        assert facts == {k: v for k, v in ref.items() if k != "objective"}, o.code


# --------------------------------------------------------------------------- loading


def test_loading_is_cached():
    first = catalogue()
    hits = catalogue.cache_info().hits
    assert catalogue() is first
    assert catalogue.cache_info().hits == hits + 1
    assert objectives_for_year(4)[0] is first.by_code["Y4-NPV-01"]


def test_objectives_are_immutable():
    o = objective("Y3-FR-05")
    with pytest.raises(AttributeError):
        o.coverage = "none"  # type: ignore[misc]
    with pytest.raises(TypeError):
        catalogue().by_code["Y9-XX-01"] = o  # type: ignore[index]


GOOD = """
version = 1
retired = ["Y1-NPV-02"]
[[domain]]
key = "NPV"
name = "Number"
sta_strand = "N"
years = [1]
[[objective]]
code = "Y1-NPV-01"
year = 1
domain = "NPV"
sta_refs = ["1N1a"]
sta_confidence = "low"
coverage = "partial"
families = ["SEQ"]
statement = "Count to 100."
assessable_part = "Counting on in ones."
"""


def test_parse_accepts_a_minimal_catalogue():
    cat = parse(GOOD)
    assert [o.code for o in cat.objectives] == ["Y1-NPV-01"]
    assert cat.retired == {"Y1-NPV-02"}


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('code = "Y1-NPV-01"', 'code = "Y1-NPV-1"', "does not match"),
        ('code = "Y1-NPV-01"', 'code = "Y7-NPV-01"', "does not match"),
        ("year = 1\ndomain", "year = 2\ndomain", "year 2 does not match"),
        ('domain = "NPV"\nsta', 'domain = "AS"\nsta', "domain 'AS' does not match"),
        ('"Y1-NPV-01"\nyear', '"Y1-AS-01"\nyear', "domain 'NPV' does not match"),
        ('retired = ["Y1-NPV-02"]', 'retired = ["Y1-NPV-01"]', "never be reused"),
        ('coverage = "partial"', 'coverage = "most"', "coverage 'most'"),
        ('assessable_part = "Counting on in ones."', "", "needs an assessable_part"),
        ('coverage = "partial"', 'coverage = "full"', "only for partial"),
        ('sta_confidence = "low"', 'sta_confidence = "sure"', "sta_confidence"),
        ('statement = "Count to 100."', 'statement = " "', "statement is missing"),
        ("version = 1", 'version = "1"', "version"),
        ("years = [1]", "years = [2]", "no Year 1 content"),
        ("[[objective]]", "x = [", "not valid TOML"),
    ],
)
def test_parse_rejects_bad_catalogues(old, new, message):
    assert old in GOOD
    with pytest.raises(ValueError, match=re.escape(message)):
        parse(GOOD.replace(old, new, 1))


def test_parse_rejects_duplicate_codes_and_unknown_domains():
    entry = GOOD[GOOD.index("[[objective]]") :]
    with pytest.raises(ValueError, match="used twice"):
        parse(GOOD + entry)
    unknown = entry.replace("NPV", "ST")
    with pytest.raises(ValueError, match="unknown domain 'ST'"):
        parse(GOOD + unknown)


def test_module_stays_pure():
    tree = ast.parse(Path(curriculum.__file__).read_text(encoding="utf-8"))
    imported = {
        name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for name in (
            [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
        )
    }
    assert imported.isdisjoint({"flask", "sqlalchemy", "prof123"})
