"""Which questions make an assessment: pure, from the objective catalogue and the families.

A blueprint is a list of item templates (family, objective, level); the numbers come later,
from a seed per class or per pupil. Three kinds:
- ready-made termly assessments for each year group (question-design.md §7.1/§7.2): the
  year's assessable objectives split into autumn, spring and summer by programme-of-study
  order within each domain, two questions per objective so each one can be judged;
- the KS2 arithmetic mock (§7.3): 36 bare calculations in 30 minutes, 40 marks, in the
  2016 paper's mix of year levels, easiest first;
- teacher-made: chosen objectives, a chosen number of questions for each.
"""

from __future__ import annotations

from dataclasses import dataclass

from prof123.assess import curriculum, items

TERMS = ("Autumn", "Spring", "Summer")
# Levels for n questions on one objective: rising, and mostly at the expected standard.
LEVELS_FOR_COUNT = {1: (3,), 2: (2, 3), 3: (2, 3, 4), 4: (1, 2, 3, 4)}
MAX_PER_OBJECTIVE = max(LEVELS_FOR_COUNT)
TERMLY_PER_OBJECTIVE = 2
ARITHMETIC_MINUTES = 30


@dataclass(frozen=True)
class ItemTemplate:
    family: str
    objective: str
    level: int


@dataclass(frozen=True)
class ReadyMade:
    key: str
    title: str
    kind: str  # AssessmentKind value
    year: int
    time_limit_minutes: int | None
    templates: tuple[ItemTemplate, ...]

    @property
    def objectives(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t.objective for t in self.templates))


class BlueprintError(ValueError):
    """A choice no assessment can be built from; the message is safe to show."""


def families_for(objective: curriculum.Objective) -> list[str]:
    """The registered families for an objective, the catalogue's first choice first."""
    registered = {f.code for f in items.families_for(objective.code)}
    return [code for code in objective.families if code in registered]


def templates_for(objective_code: str, count: int) -> list[ItemTemplate]:
    """``count`` questions on one objective, rising in level, taking turns between its
    families so that more than one kind of question judges it."""
    if count not in LEVELS_FOR_COUNT:
        raise BlueprintError(f"Choose between 1 and {MAX_PER_OBJECTIVE} questions per objective.")
    objective = curriculum.objective(objective_code)
    families = families_for(objective)
    if not families:
        raise BlueprintError(f"{objective_code} cannot be assessed with generated questions.")
    return [
        ItemTemplate(families[index % len(families)], objective.code, level)
        for index, level in enumerate(LEVELS_FOR_COUNT[count])
    ]


def teacher_made(objective_codes: list[str], per_objective: int) -> list[ItemTemplate]:
    """Questions grouped by objective in curriculum order, whatever order they were ticked."""
    if not objective_codes:
        raise BlueprintError("Choose at least one objective.")
    order = {o.code: n for n, o in enumerate(curriculum.catalogue().objectives)}
    unknown = [code for code in objective_codes if code not in order]
    if unknown:
        raise BlueprintError(f"Unknown objective: {', '.join(unknown)}.")
    chosen = sorted(set(objective_codes), key=order.__getitem__)
    return [t for code in chosen for t in templates_for(code, per_objective)]


def term_objectives(year: int, term: int) -> list[curriculum.Objective]:
    """The assessable objectives of one term: each domain's objectives in programme order,
    cut into three nearly equal runs (schools teach a domain's objectives in that order far
    more often than not; teachers make their own assessment for anything else)."""
    chosen = []
    for domain in curriculum.catalogue().domains.values():
        objectives = [
            o
            for o in curriculum.assessable_for_year(year)
            if o.domain == domain.key and families_for(o)
        ]
        size = len(objectives)
        start, end = size * term // len(TERMS), size * (term + 1) // len(TERMS)
        chosen.extend(objectives[start:end])
    return chosen


def termly(year: int, term: int) -> ReadyMade:
    objectives = term_objectives(year, term)
    templates = [t for o in objectives for t in templates_for(o.code, TERMLY_PER_OBJECTIVE)]
    # Easier questions first (question-design.md §7.2), curriculum order within a level.
    templates.sort(key=lambda t: t.level)
    return ReadyMade(
        key=f"y{year}-{TERMS[term].lower()}",
        title=f"Year {year} {TERMS[term].lower()} term",
        kind="termly",
        year=year,
        time_limit_minutes=None,
        templates=tuple(templates),
    )


# The 2016 arithmetic paper's mix (question-design.md §1, §7.3): 8 questions at Year 3
# level, 5 at Year 4, 11 at Year 5, 12 at Year 6; long multiplication and division are
# worth 2 marks each (their families say so), making 40 marks.
ARITHMETIC_MOCK = (
    ItemTemplate("MORE-LESS", "Y3-NPV-02", 3),
    ItemTemplate("ADD", "Y3-AS-01", 3),
    ItemTemplate("ADD", "Y3-AS-02", 3),
    ItemTemplate("SUB", "Y3-AS-01", 3),
    ItemTemplate("SUB", "Y3-AS-02", 3),
    ItemTemplate("TABLES", "Y3-MD-01", 3),
    ItemTemplate("DIV-SHORT", "Y3-MD-02", 3),
    ItemTemplate("MUL-SHORT", "Y3-MD-02", 3),
    ItemTemplate("MENTAL-MD", "Y4-MD-02", 3),
    ItemTemplate("MENTAL-MD", "Y4-MD-03", 3),
    ItemTemplate("MUL-SHORT", "Y4-MD-04", 3),
    ItemTemplate("POWERS-10", "Y4-FR-07", 3),
    ItemTemplate("FRAC-ADD-SUB", "Y4-FR-04", 3),
    ItemTemplate("ADD", "Y5-AS-01", 3),
    ItemTemplate("SUB", "Y5-AS-01", 3),
    ItemTemplate("MENTAL-MD", "Y5-MD-05", 3),
    ItemTemplate("POWERS-10", "Y5-MD-07", 3),
    ItemTemplate("DEC-ADD-SUB", "Y5-FR-10", 3),
    ItemTemplate("DIV-SHORT", "Y5-MD-06", 3),
    ItemTemplate("ADD", "Y5-AS-02", 3),
    ItemTemplate("SUB", "Y5-AS-02", 3),
    ItemTemplate("FRAC-ADD-SUB", "Y5-FR-04", 3),
    ItemTemplate("FRAC-MUL", "Y5-FR-05", 3),
    ItemTemplate("MUL-LONG", "Y5-MD-04", 3),
    ItemTemplate("ORDER-OPS", "Y6-CALC-06", 3),
    ItemTemplate("POWERS-10", "Y6-FR-07", 3),
    ItemTemplate("DEC-MUL", "Y6-FR-08", 3),
    ItemTemplate("PERCENT-OF", "Y6-RP-02", 3),
    ItemTemplate("SQUARES-CUBES", "Y6-CALC-06", 3),
    ItemTemplate("FRAC-DIV", "Y6-FR-05", 3),
    ItemTemplate("FRAC-ADD-SUB", "Y6-FR-03", 3),
    ItemTemplate("PERCENT-OF", "Y6-RP-02", 4),
    ItemTemplate("ORDER-OPS", "Y6-CALC-06", 4),
    ItemTemplate("MUL-LONG", "Y6-CALC-01", 3),
    ItemTemplate("DIV-LONG", "Y6-CALC-02", 3),
    ItemTemplate("DIV-LONG", "Y6-CALC-02", 4),
)


def arithmetic_mock() -> ReadyMade:
    return ReadyMade(
        key="ks2-arithmetic",
        title="KS2 arithmetic practice paper",
        kind="arithmetic",
        year=6,
        time_limit_minutes=ARITHMETIC_MINUTES,
        templates=ARITHMETIC_MOCK,
    )


def library() -> list[ReadyMade]:
    """Every ready-made assessment: three a year for Years 1-6, then the arithmetic mock."""
    return [termly(year, term) for year in range(1, 7) for term in range(len(TERMS))] + [
        arithmetic_mock()
    ]


def ready_made(key: str) -> ReadyMade:
    for candidate in library():
        if candidate.key == key:
            return candidate
    raise BlueprintError("There is no such ready-made assessment.")
