"""What a class's answers to one assessment say: pure functions, no Flask, no database.

The input is one ``Answer`` per question on each handed-in paper. From them:
- facility: the share of pupils who got a question (or an objective's questions) right;
- the most common wrong answers, each with its misconception labels;
- each pupil's security on each objective, judged only on two or more questions
  (question-design.md §7.4) in the app's bands (§8): secure at 80% or more, developing
  50-79%, not yet under 50%, and "not enough evidence" below two questions;
- what to teach next: the objectives most of the class has not secured;
- misconceptions per pupil from hits and chances (§6.1): "likely" with at least 2 hits and
  at least half the chances, "possible" with any other hit; always shown as "2 of 3 chances".
"""

from __future__ import annotations

import enum
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from prof123.assess import misconceptions

MIN_ITEMS_TO_JUDGE = 2
SECURE_PERCENT = 80
DEVELOPING_PERCENT = 50
COMMON_WRONG_LIMIT = 3
DIFFICULT_BELOW_PERCENT = 80  # a question fewer than this share got right is "difficult"


class Band(enum.Enum):
    """(css key, word, symbol): colour is never the only sign, so print stays readable."""

    SECURE = ("secure", "Secure", "●")
    DEVELOPING = ("developing", "Developing", "◐")
    NOT_YET = ("not-yet", "Not yet", "○")
    NO_EVIDENCE = ("no-evidence", "Not enough evidence", "–")

    @property
    def key(self) -> str:
        return self.value[0]

    @property
    def word(self) -> str:
        return self.value[1]

    @property
    def symbol(self) -> str:
        return self.value[2]


def band(right: int, asked: int) -> Band:
    """Security from ``right`` of ``asked`` questions on one objective."""
    if asked < MIN_ITEMS_TO_JUDGE:
        return Band.NO_EVIDENCE
    if right * 100 >= SECURE_PERCENT * asked:
        return Band.SECURE
    if right * 100 >= DEVELOPING_PERCENT * asked:
        return Band.DEVELOPING
    return Band.NOT_YET


def percent(part: int, whole: int) -> int | None:
    return None if whole == 0 else round(100 * part / whole)


@dataclass(frozen=True)
class Answer:
    """One pupil's answer to one question of a handed-in paper."""

    pupil_id: int
    item_number: int
    objective: str
    prompt: str
    shown: str  # what the pupil gave, as a person reads it ("" when blank)
    key: str | None  # what it means (the normalised answer), for grouping; None when blank
    is_correct: bool
    labels: tuple[str, ...] = ()
    # labels whose answer the question could reveal (its bug map): the chances
    chances: frozenset[str] = frozenset()

    @property
    def is_blank(self) -> bool:
        return self.key is None and not self.shown


# --- questions ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class WrongAnswer:
    shown: str  # the answer (an example of it, when pupils had different numbers)
    labels: tuple[str, ...]
    count: int
    prompt: str | None = None  # the question it answered, when pupils had different numbers

    @property
    def wording(self) -> str:
        return misconceptions.describe(self.labels) or "No known pattern"


@dataclass(frozen=True)
class QuestionStat:
    number: int
    objective: str
    prompt: str  # the question (an example, when the numbers differ)
    same_numbers: bool  # every pupil had the same question
    taken: int  # handed-in papers with this question
    right: int
    blank: int
    common_wrong: tuple[WrongAnswer, ...]

    @property
    def facility(self) -> int | None:
        return percent(self.right, self.taken)

    @property
    def wrong(self) -> int:
        return self.taken - self.right - self.blank


def question_stats(
    numbers: Sequence[tuple[int, str]],
    answers: Iterable[Answer],
    limit: int = COMMON_WRONG_LIMIT,
) -> list[QuestionStat]:
    """Per question (number, objective) in the given order: facility and common wrong
    answers. With the same numbers for everyone, wrong answers are grouped by their value;
    otherwise by what they reveal (their labels), with an example."""
    by_number: dict[int, list[Answer]] = defaultdict(list)
    for answer in answers:
        by_number[answer.item_number].append(answer)
    stats = []
    for number, objective in numbers:
        given = by_number.get(number, [])
        prompts = {a.prompt for a in given}
        same = len(prompts) <= 1
        wrong = [a for a in given if not a.is_correct and not a.is_blank]
        stats.append(
            QuestionStat(
                number=number,
                objective=objective,
                prompt=min(prompts) if prompts else "",
                same_numbers=same,
                taken=len(given),
                right=sum(1 for a in given if a.is_correct),
                blank=sum(1 for a in given if not a.is_correct and a.is_blank),
                common_wrong=tuple(common_wrong_answers(wrong, same, limit)),
            )
        )
    return stats


def common_wrong_answers(
    wrong: Sequence[Answer], same_numbers: bool, limit: int = COMMON_WRONG_LIMIT
) -> list[WrongAnswer]:
    groups: dict[object, list[Answer]] = defaultdict(list)
    for answer in wrong:
        key = (answer.key or answer.shown) if same_numbers else _label_key(answer.labels)
        groups[key].append(answer)
    found = []
    for group in groups.values():
        example = min(group, key=lambda a: (a.prompt, a.shown))
        # The spelling most pupils used (with the same numbers), else the example's.
        spellings = Counter(a.shown for a in group)
        shown = min(spellings, key=lambda s: (-spellings[s], s)) if same_numbers else example.shown
        found.append(
            WrongAnswer(
                shown=shown,
                labels=_common_labels(group),
                count=len(group),
                prompt=None if same_numbers else example.prompt,
            )
        )
    # Most pupils first; at a tie, an answer with a known pattern before one without.
    found.sort(key=lambda w: (-w.count, not misconceptions.describe(w.labels), w.shown))
    return found[:limit]


def _label_key(labels: Sequence[str]) -> tuple[str, ...]:
    return tuple(sorted(label for label in labels if misconceptions.kind(label) != "none"))


def _common_labels(group: Sequence[Answer]) -> tuple[str, ...]:
    counts = Counter(label for a in group for label in dict.fromkeys(a.labels))
    return tuple(label for label, _n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def difficult_questions(
    stats: Sequence[QuestionStat], limit: int | None = None
) -> list[QuestionStat]:
    """Questions fewer than 80% got right, lowest facility first."""
    hard = [s for s in stats if s.facility is not None and s.facility < DIFFICULT_BELOW_PERCENT]
    hard.sort(key=lambda s: (s.right * 1.0 / s.taken, s.number))
    return hard[:limit] if limit is not None else hard


# --- objectives --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    right: int
    asked: int

    @property
    def band(self) -> Band:
        return band(self.right, self.asked)


@dataclass
class ObjectiveSummary:
    code: str
    items: int  # questions on it in the assessment
    right: int = 0  # right answers by the class
    asked: int = 0  # answers by the class (items × papers)
    bands: Counter = field(default_factory=Counter)  # Band -> pupils

    @property
    def can_be_judged(self) -> bool:
        return self.items >= MIN_ITEMS_TO_JUDGE

    @property
    def facility(self) -> int | None:
        return percent(self.right, self.asked)

    @property
    def judged(self) -> int:
        return sum(n for b, n in self.bands.items() if b is not Band.NO_EVIDENCE)

    @property
    def secure(self) -> int:
        return self.bands[Band.SECURE]

    @property
    def developing(self) -> int:
        return self.bands[Band.DEVELOPING]

    @property
    def not_yet(self) -> int:
        return self.bands[Band.NOT_YET]

    @property
    def not_secure(self) -> int:
        return self.developing + self.not_yet


@dataclass(frozen=True)
class ObjectiveGrid:
    codes: tuple[str, ...]
    cells: Mapping[int, Mapping[str, Cell]]  # pupil id -> objective code -> cell
    summaries: Mapping[str, ObjectiveSummary]


def objective_grid(
    numbers: Sequence[tuple[int, str]],
    pupil_ids: Iterable[int],
    answers: Iterable[Answer],
    order: Mapping[str, int] | None = None,
) -> ObjectiveGrid:
    """Each handed-in pupil's right/asked on each objective; ``order`` sorts the objectives
    (curriculum order), else they come in the order of their first question."""
    items_per: dict[str, int] = {}
    for _number, code in numbers:
        items_per[code] = items_per.get(code, 0) + 1
    codes = list(items_per)
    if order is not None:
        codes.sort(key=lambda c: (order.get(c, len(order)), c))
    tallies: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for answer in answers:
        tally = tallies[answer.pupil_id][answer.objective]
        tally[0] += answer.is_correct
        tally[1] += 1
    summaries = {code: ObjectiveSummary(code, items_per[code]) for code in codes}
    cells: dict[int, dict[str, Cell]] = {}
    for pupil_id in pupil_ids:
        row = {}
        for code in codes:
            right, asked = tallies.get(pupil_id, {}).get(code, (0, 0))
            cell = Cell(right, asked)
            row[code] = cell
            summary = summaries[code]
            summary.right += right
            summary.asked += asked
            summary.bands[cell.band] += 1
        cells[pupil_id] = row
    return ObjectiveGrid(tuple(codes), cells, summaries)


def teach_next(grid: ObjectiveGrid) -> list[ObjectiveSummary]:
    """Objectives judged on 2+ questions that more than half the judged pupils have not
    secured: most pupils not secure first, then most "not yet", then lowest facility."""
    chosen = [
        s
        for s in grid.summaries.values()
        if s.can_be_judged and s.judged and 2 * s.not_secure > s.judged
    ]
    position = {code: n for n, code in enumerate(grid.codes)}
    chosen.sort(
        key=lambda s: (
            -s.not_secure,
            -s.not_yet,
            s.right * 1.0 / s.asked if s.asked else 0.0,
            position[s.code],
        )
    )
    return chosen


# --- misconceptions ----------------------------------------------------------------------------


class Status(enum.StrEnum):
    LIKELY = "likely"
    POSSIBLE = "possible"


def status(hits: int, chances: int) -> Status | None:
    """§6.1: likely with at least 2 hits and at least half the chances; any other hit is
    possible (one hit may be a slip; a few hits in many chances are not a pattern yet)."""
    if hits >= 2 and 2 * hits >= chances:
        return Status.LIKELY
    return Status.POSSIBLE if hits >= 1 else None


@dataclass(frozen=True)
class PupilEvidence:
    pupil_id: int
    hits: int
    chances: int

    @property
    def text(self) -> str:
        return f"{self.hits} of {self.chances} {'chance' if self.chances == 1 else 'chances'}"


@dataclass(frozen=True)
class MisconceptionRow:
    label: str
    likely: tuple[PupilEvidence, ...]
    possible: tuple[PupilEvidence, ...]
    example: Answer  # one wrong answer that showed it
    objectives: tuple[str, ...]  # objectives of the questions where it showed

    @property
    def wording(self) -> str:
        return misconceptions.wording(self.label)

    @property
    def kind(self) -> str:
        return misconceptions.kind(self.label)


def misconception_summary(
    pupil_ids: Sequence[int],
    answers: Sequence[Answer],
    order: Mapping[str, int] | None = None,
) -> list[MisconceptionRow]:
    """Per label that any pupil showed: who likely has it and who possibly, with hits of
    chances. A label some question was built to reveal (it is in a bug map) has as chances
    the pupil's questions that could reveal it; a label only the marker's generic checks give
    (off by one, …) could show on any question, so every question the pupil answered counts."""
    targeted = set().union(*(a.chances for a in answers)) if answers else set()
    per_pupil: dict[int, list[Answer]] = defaultdict(list)
    for answer in answers:
        per_pupil[answer.pupil_id].append(answer)
    shown_labels = sorted(
        {
            label
            for a in answers
            if not a.is_correct
            for label in a.labels
            if misconceptions.kind(label) != "none"
        }
    )
    ranking = {pupil_id: n for n, pupil_id in enumerate(pupil_ids)}
    rows = []
    for label in shown_labels:
        likely, possible = [], []
        example: Answer | None = None
        objectives: dict[str, None] = {}
        for pupil_id in pupil_ids:
            own = per_pupil.get(pupil_id, [])
            hit = [a for a in own if not a.is_correct and label in a.labels]
            if not hit:
                continue
            if label in targeted:
                chances = sum(
                    1 for a in own if label in a.chances or (not a.is_correct and label in a.labels)
                )
            else:
                chances = len(own)
            evidence = PupilEvidence(pupil_id, len(hit), chances)
            (likely if status(len(hit), chances) is Status.LIKELY else possible).append(evidence)
            for a in hit:
                objectives.setdefault(a.objective, None)
            if example is None:
                example = hit[0]
        if example is None:
            continue
        rows.append(
            MisconceptionRow(
                label,
                tuple(sorted(likely, key=lambda e: (-e.hits, ranking[e.pupil_id]))),
                tuple(sorted(possible, key=lambda e: (-e.hits, ranking[e.pupil_id]))),
                example,
                tuple(sorted(objectives, key=lambda c: (order or {}).get(c, 0))),
            )
        )
    rows.sort(key=lambda r: (-len(r.likely), -len(r.possible), r.wording))
    return rows
