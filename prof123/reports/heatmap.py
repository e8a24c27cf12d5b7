"""Times-tables report rules, pure (no Flask, no database): the state of each fact from its
answer counts, the 12 × 12 grid for a pupil or a class, accuracy per table, MTC readiness and
"slow to type" versus "does not know".

Every rule works on counts that add up (answered, right, right but slow), so a fact and its
reverse, or a whole class, are combined exactly by adding, and one GROUP BY over the answers
is all the database has to do.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

SLOW_MS = 4000  # right but slow: over 4 s (question-design §8.7)
KNOWN_PERCENT = 80  # right less often than this: "wrong too often" (the secure band, §8)
FACTORS = tuple(range(1, 13))
MTC_FACTORS = tuple(range(2, 13))  # the check asks the 2 to 12 tables only

Fact = tuple[int, int]  # (first factor, second factor): 56 ÷ 8 counts for 7 × 8


class FactState(enum.Enum):
    FAST = "fast"
    SLOW = "slow"
    WRONG = "wrong"
    UNSEEN = "unseen"

    @property
    def symbol(self) -> str:
        """Shown in every cell with its colour, so the grid reads without colour too."""
        return {"fast": "✓", "slow": "S", "wrong": "✗", "unseen": "–"}[self.value]

    @property
    def label(self) -> str:
        return {
            "fast": "Quick and right",
            "slow": "Right but slow",
            "wrong": "Wrong too often",
            "unseen": "Not seen yet",
        }[self.value]

    @property
    def rule(self) -> str:
        return {
            "fast": f"right at least {KNOWN_PERCENT}% of the time, mostly within 4 s",
            "slow": "right often enough, but more than half of the right answers took over 4 s"
            " (the median right answer is over 4 s)",
            "wrong": f"right less than {KNOWN_PERCENT}% of the time",
            "unseen": "no answers yet",
        }[self.value]


STATES = tuple(FactState)


class Tally(NamedTuple):
    """Answers to one fact: how many, how many right, and how many of those took over 4 s.
    (A named tuple: thousands are made for a class report, and cheaply.)"""

    answered: int = 0
    correct: int = 0
    slow: int = 0

    def __add__(self, other: tuple) -> Tally:  # type: ignore[override]
        return Tally(self[0] + other[0], self[1] + other[1], self[2] + other[2])

    @property
    def percent(self) -> int | None:
        return None if not self.answered else round(100 * self.correct / self.answered)

    @property
    def state(self) -> FactState:
        return classify(self)


def classify(tally: Tally) -> FactState:
    """Integer comparisons only, so a boundary case never depends on rounding. "More than
    half of the right answers over 4 s" is exactly "the median right answer is over 4 s"
    (the median being the middle answer, the lower of the two middle ones for an even count)."""
    if tally.answered == 0:
        return FactState.UNSEEN
    if 100 * tally.correct < KNOWN_PERCENT * tally.answered:
        return FactState.WRONG
    if 2 * tally.slow > tally.correct:
        return FactState.SLOW
    return FactState.FAST


def fact_text(fact: Fact) -> str:
    return f"{fact[0]} × {fact[1]}"


def merged_key(fact: Fact) -> Fact:
    return (min(fact), max(fact))


def merge_reverse(tallies: Mapping[Fact, Tally]) -> dict[Fact, Tally]:
    """Each fact added to its reverse, keyed by the smaller factor first (merging twice
    changes nothing)."""
    merged: dict[Fact, Tally] = {}
    for (left, right), tally in tallies.items():
        key = (left, right) if left <= right else (right, left)
        old = merged.get(key)
        merged[key] = tally if old is None else old + tally
    return merged


# --- the grid -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    fact: Fact
    tally: Tally
    merged: bool = False
    pupils_seen: int | None = None  # a class grid: pupils with an answer to this fact
    pupils_wrong: int | None = None  # … and pupils for whom it is "wrong too often"

    @property
    def state(self) -> FactState:
        return self.tally.state

    @property
    def text(self) -> str:
        """ "7 × 8", or "7 × 8 and 8 × 7" when merged with its reverse."""
        left, right = self.fact
        if self.merged and left != right:
            return (
                f"{fact_text(merged_key(self.fact))} and {fact_text(merged_key(self.fact)[::-1])}"
            )
        return fact_text(self.fact)

    @property
    def description(self) -> str:
        """Everything the cell says, in words (for screen readers and the hover title)."""
        t = self.tally
        words = f"{self.text}: {self.state.label.lower()}"
        if t.answered:
            words += f", {t.correct} of {t.answered} right ({t.percent}%)"
            words += f", {t.slow} right but slow"
        if self.pupils_seen is not None:
            words += f"; answered by {self.pupils_seen} pupil{'s' if self.pupils_seen != 1 else ''}"
            if self.pupils_wrong:
                words += f", {self.pupils_wrong} of them wrong too often"
        return words


@dataclass(frozen=True)
class Heatmap:
    """Rows are the first factor 1-12, columns the second. Merged, a fact and its reverse
    show the same combined numbers in both places."""

    rows: tuple[tuple[Cell, ...], ...]
    merged: bool
    pupils: int | None = None  # a class grid: the number of pupils in the class
    caption: str = "Times-tables facts"
    # Include with {% include heatmap.template %} (the context it needs: ``heatmap``).
    template: str = "reports/timestables/_heatmap.html"

    @property
    def states(self) -> tuple[FactState, ...]:
        return STATES

    def cell(self, left: int, right: int) -> Cell:
        return self.rows[left - 1][right - 1]

    def cells(self) -> list[Cell]:
        """Each fact once: merged, only the smaller factor first."""
        return [
            cell
            for row in self.rows
            for cell in row
            if not self.merged or cell.fact[0] <= cell.fact[1]
        ]

    def count(self, state: FactState) -> int:
        return sum(1 for cell in self.cells() if cell.state == state)

    def hardest(self, limit: int = 8) -> list[Cell]:
        """A class's facts that most pupils get wrong too often (then the least often right)."""
        wrong = [cell for cell in self.cells() if cell.pupils_wrong]
        wrong.sort(key=lambda c: (-(c.pupils_wrong or 0), c.tally.percent or 0, c.fact))
        return wrong[:limit]

    @property
    def is_empty(self) -> bool:
        return all(cell.tally.answered == 0 for cell in self.cells())


def grid(
    tallies: Mapping[Fact, Tally],
    merge: bool = False,
    pupil_tallies: Sequence[Mapping[Fact, Tally]] | None = None,
    caption: str = "Times-tables facts",
) -> Heatmap:
    """A pupil's grid from their tallies, or a class's from the class's added-up tallies
    with each pupil's own (``pupil_tallies``) for how many pupils met and missed each fact."""
    source = merge_reverse(tallies) if merge else tallies
    pupils: dict[Fact, list[int]] = {}  # fact: [pupils who answered, pupils wrong too often]
    for own in pupil_tallies or ():
        for key, tally in (merge_reverse(own) if merge else own).items():
            if tally.answered:
                counts = pupils.setdefault(key, [0, 0])
                counts[0] += 1
                counts[1] += classify(tally) == FactState.WRONG
    per_pupil = pupil_tallies is not None
    empty = Tally()

    def cell(left: int, right: int) -> Cell:
        key = ((left, right) if left <= right else (right, left)) if merge else (left, right)
        seen, wrong = pupils.get(key, (0, 0)) if per_pupil else (None, None)
        return Cell((left, right), source.get(key, empty), merge, seen, wrong)

    rows = tuple(tuple(cell(left, right) for right in FACTORS) for left in FACTORS)
    return Heatmap(rows, merge, None if pupil_tallies is None else len(pupil_tallies), caption)


def add_up(pupil_tallies: Iterable[Mapping[Fact, Tally]]) -> dict[Fact, Tally]:
    sums: dict[Fact, list[int]] = {}
    for tallies in pupil_tallies:
        for fact, (answered, correct, slow) in tallies.items():
            total = sums.setdefault(fact, [0, 0, 0])
            total[0] += answered
            total[1] += correct
            total[2] += slow
    return {fact: Tally(*total) for fact, total in sums.items()}


def table_accuracy(tallies: Mapping[Fact, Tally]) -> list[tuple[int, Tally]]:
    """Each table 1-12 with the answers to its facts. A fact counts for both its tables
    (7 × 8 for the 7s and the 8s); a square (7 × 7) once."""
    totals = {table: Tally() for table in FACTORS}
    for (left, right), tally in tallies.items():
        for table in {left, right}:
            if table in totals:
                totals[table] = totals[table] + tally
    return list(totals.items())


# --- MTC readiness --------------------------------------------------------------------------

MTC_FACTS = tuple((a, b) for a in MTC_FACTORS for b in MTC_FACTORS if a <= b)  # 66, both ways
RECENT_CHECKS = 3
READY_MEAN = 20  # of 25: about the national mean (19.8 in 2021/22): our guide, not a pass mark
NEARLY_MEAN = 15
READY_FACTS_PERCENT = 75


class Readiness(enum.Enum):
    READY = "ready"
    NEARLY = "nearly"
    NOT_YET = "not yet"
    NO_CHECK = "no check yet"


READINESS_RULES = {
    Readiness.READY: f"recent checks average {READY_MEAN} or more of 25, and at least "
    f"{READY_FACTS_PERCENT}% of the check's {len(MTC_FACTS)} facts are quick and right",
    Readiness.NEARLY: f"recent checks average {NEARLY_MEAN} or more (or {READY_MEAN} or more "
    f"with fewer than {READY_FACTS_PERCENT}% of the facts quick and right)",
    Readiness.NOT_YET: f"recent checks average under {NEARLY_MEAN}",
    Readiness.NO_CHECK: "no finished check or “try it out” this year",
}


@dataclass(frozen=True)
class PupilReadiness:
    scores: tuple[int, ...]  # the last (up to) 3 check or "try it out" scores, latest first
    facts_known: int  # MTC facts (a fact and its reverse counted once) quick and right
    facts_total: int = len(MTC_FACTS)

    @property
    def mean(self) -> float | None:
        return sum(self.scores) / len(self.scores) if self.scores else None

    @property
    def facts_percent(self) -> int:
        return round(100 * self.facts_known / self.facts_total)

    @property
    def word(self) -> Readiness:
        mean = self.mean
        if mean is None:
            return Readiness.NO_CHECK
        facts_ok = 100 * self.facts_known >= READY_FACTS_PERCENT * self.facts_total
        if mean >= READY_MEAN and facts_ok:
            return Readiness.READY
        if mean >= NEARLY_MEAN:
            return Readiness.NEARLY
        return Readiness.NOT_YET


def merged_states(tallies: Mapping[Fact, Tally]) -> dict[Fact, FactState]:
    """The state of each fact with its reverse (the smaller factor first)."""
    return {fact: classify(tally) for fact, tally in merge_reverse(tallies).items()}


def mtc_facts_known(states: Mapping[Fact, FactState]) -> int:
    return sum(1 for fact in MTC_FACTS if states.get(fact) == FactState.FAST)


def readiness(scores: Sequence[int], tallies: Mapping[Fact, Tally]) -> PupilReadiness:
    return PupilReadiness(tuple(scores[:RECENT_CHECKS]), mtc_facts_known(merged_states(tallies)))


# --- slow to type, or does not know? --------------------------------------------------------

SLOW_TYPING_MS_PER_DIGIT = 1000  # a two-digit answer then takes 2 s to type: half the 4 s


class WhySlow(enum.Enum):
    SLOW_TO_TYPE = "Slow to type"
    DOES_NOT_KNOW = "Does not know them yet"
    NOT_MEASURED = "Typing not measured"
    NOTHING_SLOW = "Nothing slow"
    NO_ANSWERS = "No answers yet"


WHY_SLOW_RULES = {
    WhySlow.SLOW_TO_TYPE: "some facts are right but slow, and the typing warm-up took "
    f"{SLOW_TYPING_MS_PER_DIGIT / 1000:g} s or more a digit (a two-digit answer then takes "
    f"{2 * SLOW_TYPING_MS_PER_DIGIT / 1000:g} s just to type, half the 4 s): the facts may "
    "well be known",
    WhySlow.DOES_NOT_KNOW: "some facts are right but slow, though typing is quick (under "
    f"{SLOW_TYPING_MS_PER_DIGIT / 1000:g} s a digit): the time goes on working them out",
    WhySlow.NOT_MEASURED: "some facts are right but slow, and the pupil has not done the "
    "typing warm-up yet",
    WhySlow.NOTHING_SLOW: "no fact is right but slow",
    WhySlow.NO_ANSWERS: "no answers this year",
}


@dataclass(frozen=True)
class PupilSpeed:
    slow_facts: int  # facts right but slow, as the grid shows them (7 × 8 and 8 × 7 apart)
    wrong_facts: int  # … and wrong too often
    ms_per_digit: int | None  # the latest typing warm-up
    answered: int

    @property
    def why(self) -> WhySlow:
        if not self.answered:
            return WhySlow.NO_ANSWERS
        if not self.slow_facts:
            return WhySlow.NOTHING_SLOW
        if self.ms_per_digit is None:
            return WhySlow.NOT_MEASURED
        if self.ms_per_digit >= SLOW_TYPING_MS_PER_DIGIT:
            return WhySlow.SLOW_TO_TYPE
        return WhySlow.DOES_NOT_KNOW


def pupil_speed(tallies: Mapping[Fact, Tally], ms_per_digit: int | None) -> PupilSpeed:
    """Facts counted as the pupil's grid shows them (7 × 8 and 8 × 7 apart)."""
    states = [
        classify(tally)
        for (left, right), tally in tallies.items()
        if left in FACTORS and right in FACTORS
    ]
    return PupilSpeed(
        slow_facts=states.count(FactState.SLOW),
        wrong_facts=states.count(FactState.WRONG),
        ms_per_digit=ms_per_digit,
        answered=sum(tally.answered for tally in tallies.values()),
    )


def pupil_summary(
    tallies: Mapping[Fact, Tally], scores: Sequence[int], ms_per_digit: int | None
) -> tuple[PupilReadiness, PupilSpeed]:
    return readiness(scores, tallies), pupil_speed(tallies, ms_per_digit)
