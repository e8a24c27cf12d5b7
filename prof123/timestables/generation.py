"""Times-tables questions: pure and seeded, no Flask and no database.

The Multiplication Tables Check form follows the statutory design (peers.md §1.1): 25 items
from the 2–12 tables, no item twice, never a fact together with its reverse, the 6, 7, 8, 9
and 12 tables weighted up, and a minimum and maximum per table counted by the first factor
(the second factor kept within one of the same limits). Forms are rebuilt from their seed.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass

FORM_VERSION = 1
FORM_LENGTH = 25
MTC_TABLES = range(2, 13)
HARD_TABLES = (6, 7, 8, 9, 12)
KS1_TABLES = (2, 5, 10)
# Items per table, counted by the first factor: (minimum, maximum).
TABLE_LIMITS = {t: (3, 4) if t in HARD_TABLES else (1, 3) for t in MTC_TABLES}
KS1_LIMITS = (3, 7)
SECOND_FACTOR_SLACK = 1
WARM_UP = ((1, 12), (2, 2), (10, 10))
MAX_DRAWS = 5000  # about 18 draws are needed on average (measured over 20,000 seeds)


@dataclass(frozen=True)
class Question:
    """One fact as asked: ``left × right``, or ``product ÷ right`` when dividing."""

    left: int
    right: int
    operation: str = "×"

    @property
    def answer(self) -> int:
        return self.left * self.right if self.operation == "×" else self.left

    @property
    def text(self) -> str:
        if self.operation == "×":
            return f"{self.left} × {self.right}"
        return f"{self.left * self.right} ÷ {self.right}"

    @property
    def fact(self) -> frozenset[int]:
        """The multiplication fact behind the question, whichever way round it is asked."""
        return frozenset((self.left, self.right))


@dataclass(frozen=True)
class RuleCheck:
    rule: str
    passed: bool
    detail: str


@dataclass(frozen=True)
class FormReport:
    checks: tuple[RuleCheck, ...]

    @property
    def valid(self) -> bool:
        return all(check.passed for check in self.checks)

    def explain(self) -> str:
        return "\n".join(
            f"{'ok ' if c.passed else 'NO '} {c.rule}: {c.detail}" for c in self.checks
        )


def warm_up_questions() -> list[Question]:
    """The three unrecorded practice questions every check starts with."""
    return [Question(left, right) for left, right in WARM_UP]


def generate_mtc_form(seed: int) -> list[Question]:
    """A valid 25-item form; the same seed always gives the same form."""
    rng = random.Random(seed)
    for _ in range(MAX_DRAWS):
        form = _draw_form(rng)
        if form is not None and validate_mtc_form(form).valid:
            return form
    raise RuntimeError(f"no valid form after {MAX_DRAWS} draws (seed {seed})")


def _draw_form(rng: random.Random) -> list[Question] | None:
    counts = _draw_table_counts(rng)
    used: set[frozenset[int]] = set()
    form: list[Question] = []
    # Hard tables first: they need the most distinct partners.
    for table in sorted(counts, key=lambda t: (-counts[t], rng.random())):
        partners = [p for p in MTC_TABLES if frozenset((table, p)) not in used]
        if len(partners) < counts[table]:
            return None
        for partner in rng.sample(partners, counts[table]):
            used.add(frozenset((table, partner)))
            form.append(Question(table, partner))
    rng.shuffle(form)
    return form


def _draw_table_counts(rng: random.Random) -> dict[int, int]:
    counts = {table: low for table, (low, _high) in TABLE_LIMITS.items()}
    while sum(counts.values()) < FORM_LENGTH:
        open_tables = [
            t
            for t in MTC_TABLES
            if counts[t] < TABLE_LIMITS[t][1]
            and (t not in KS1_TABLES or sum(counts[k] for k in KS1_TABLES) < KS1_LIMITS[1])
        ]
        counts[rng.choice(open_tables)] += 1
    return counts


def validate_mtc_form(form: list[Question]) -> FormReport:
    """Every rule of the form design, each with the reason it holds or fails."""
    firsts = Counter(q.left for q in form)
    seconds = Counter(q.right for q in form)
    facts = Counter(q.fact for q in form)
    ks1 = sum(firsts[t] for t in KS1_TABLES)
    out_of_range = [q.text for q in form if q.left not in MTC_TABLES or q.right not in MTC_TABLES]
    table_faults = [
        f"{t}× has {firsts[t]} (allowed {low}–{high})"
        for t, (low, high) in TABLE_LIMITS.items()
        if not low <= firsts[t] <= high
    ]
    second_faults = [
        f"×{t} has {seconds[t]} (allowed {max(low - SECOND_FACTOR_SLACK, 0)}–"
        f"{high + SECOND_FACTOR_SLACK})"
        for t, (low, high) in TABLE_LIMITS.items()
        if not low - SECOND_FACTOR_SLACK <= seconds[t] <= high + SECOND_FACTOR_SLACK
    ]
    repeated = sorted("×".join(map(str, sorted(f))) for f, n in facts.items() if n > 1)
    hard = sum(firsts[t] for t in HARD_TABLES)
    return FormReport(
        (
            RuleCheck("25 items", len(form) == FORM_LENGTH, f"{len(form)} items"),
            RuleCheck(
                "only multiplication",
                all(q.operation == "×" for q in form),
                "every item is a × question",
            ),
            RuleCheck(
                "2–12 tables only",
                not out_of_range,
                "all factors 2–12" if not out_of_range else f"outside: {out_of_range}",
            ),
            RuleCheck(
                "no item twice, never a fact and its reverse",
                not repeated,
                "all 25 facts differ" if not repeated else f"repeated: {repeated}",
            ),
            RuleCheck(
                "items per table (first factor)",
                not table_faults,
                "every table within its limits" if not table_faults else "; ".join(table_faults),
            ),
            RuleCheck(
                "2, 5 and 10 tables together",
                KS1_LIMITS[0] <= ks1 <= KS1_LIMITS[1],
                f"{ks1} items (allowed {KS1_LIMITS[0]}–{KS1_LIMITS[1]})",
            ),
            RuleCheck(
                "second factor balanced",
                not second_faults,
                "every second factor within one of its table's limits"
                if not second_faults
                else "; ".join(second_faults),
            ),
            RuleCheck(
                "6, 7, 8, 9 and 12 weighted up",
                hard >= 3 * len(HARD_TABLES),
                f"{hard} of 25 items from those tables",
            ),
        )
    )


def unseen_seed(seen: set[int], rng: random.Random) -> int:
    """A form seed this pupil has not had (restarts get a new form)."""
    while True:
        seed = rng.randrange(2**31)
        if seed not in seen:
            return seed


def practice_questions(
    tables: list[int], operations: list[str], count: int, rng: random.Random
) -> list[Question]:
    """Practice from chosen tables (1–12), × and/or ÷, no fact twice in a row."""
    if not tables or not operations:
        raise ValueError("choose at least one table and one operation")
    questions: list[Question] = []
    while len(questions) < count:
        table, partner = rng.choice(tables), rng.randint(1, 12)
        operation = rng.choice(operations)
        question = (
            Question(table, partner, "×")
            if operation == "×"
            else Question(partner, table, "÷")  # (partner × table) ÷ table = partner
        )
        if questions and questions[-1].fact == question.fact:
            continue
        questions.append(question)
    return questions


@dataclass(frozen=True)
class FactHistory:
    """What one pupil has done with one fact so far."""

    answered: int
    correct: int
    median_ms: int | None

    @property
    def accuracy(self) -> float:
        return self.correct / self.answered if self.answered else 0.0


SECURE_ACCURACY = 0.9
SLOW_MS = 3000
NEW_FACTS_PER_GAME = 3


def fact_weight(history: FactHistory) -> int:
    """How often a known fact comes up: weak ones most, slow ones next, secure ones spaced out."""
    if history.accuracy < SECURE_ACCURACY:
        return 6
    if history.median_ms is None or history.median_ms > SLOW_MS:
        return 3
    return 1


def adaptive_questions(
    histories: dict[frozenset[int], FactHistory], tables: list[int], count: int, rng: random.Random
) -> list[Question]:
    """Questions from the pupil's own record: weak and slow facts more often, secure ones
    less, and at most a few facts they have never met, so new ones come in gradually."""
    facts = {frozenset((table, partner)) for table in tables for partner in range(1, 13)}
    known = [f for f in sorted(facts, key=sorted) if f in histories]
    new = [f for f in sorted(facts, key=sorted) if f not in histories]
    chosen_new = rng.sample(new, min(NEW_FACTS_PER_GAME, len(new)))
    pool = known + chosen_new
    weights = [fact_weight(histories[f]) if f in histories else 4 for f in pool]
    questions: list[Question] = []
    while len(questions) < count:
        fact = rng.choices(pool, weights)[0]
        pair = sorted(fact) * (2 if len(fact) == 1 else 1)
        left, right = pair if rng.random() < 0.5 else pair[::-1]
        question = Question(left, right)
        if questions and questions[-1].fact == question.fact and len(pool) > 1:
            continue
        questions.append(question)
    return questions
