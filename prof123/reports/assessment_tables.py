"""The assessment report's tables as text: the same strings fill the page and the CSV, so a
download always says what the screen says. Pure formatting, no database."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from prof123.reports import analysis
from prof123.reports.assessment_queries import AssignmentReport

DIFFICULT_ON_PAPER = 5


@dataclass(frozen=True)
class Table:
    slug: str
    title: str
    header: tuple[str, ...]
    rows: list[tuple[str, ...]]


# --- pieces --------------------------------------------------------------------------------------


def pupils_text(count: int) -> str:
    return f"{count} {'pupil' if count == 1 else 'pupils'}"


def facility_text(value: int | None) -> str:
    return "–" if value is None else f"{value}%"


def of_text(part: int, whole: int) -> str:
    return f"{part} of {whole}"


def question_text(stat: analysis.QuestionStat) -> str:
    if stat.same_numbers:
        return stat.prompt
    return f"{stat.prompt} (each pupil had their own numbers; this is one)"


def wrong_answer_text(wrong: analysis.WrongAnswer) -> str:
    """ "75 (3 pupils): Does not carry in column addition"; with different numbers the
    question is named: "75 for 48 + 37 (3 pupils): …"."""
    answer = wrong.shown if wrong.prompt is None else f"{wrong.shown} for {wrong.prompt}"
    return f"{answer} ({pupils_text(wrong.count)}): {wrong.wording}"


def wrong_answers_text(stat: analysis.QuestionStat) -> str:
    return " | ".join(wrong_answer_text(w) for w in stat.common_wrong) or "–"


def evidence_text(evidence: analysis.PupilEvidence, names: Mapping[int, str]) -> str:
    return f"{names[evidence.pupil_id]} ({evidence.text})"


def evidence_list(evidence: Sequence[analysis.PupilEvidence], names: Mapping[int, str]) -> str:
    return "; ".join(evidence_text(e, names) for e in evidence) or "–"


def example_text(row: analysis.MisconceptionRow) -> str:
    return f"{row.example.shown} for {row.example.prompt}"


def cell_text(cell: analysis.Cell) -> str:
    """An objective cell: symbol, right/asked and the band's word (colour is extra)."""
    if cell.asked == 0:
        return "–"
    return f"{cell.band.symbol} {cell.right}/{cell.asked} {cell.band.word}"


# --- tables --------------------------------------------------------------------------------------


def question_grid(report: AssignmentReport, names: Mapping[int, str]) -> Table:
    header = ("Pupil", "Score", *(f"Q{item.number}" for item in report.items))
    rows = [
        (names[line.pupil.id], line.score_text, *(cell.text for cell in line.cells))
        for line in report.lines
    ]
    rows.append(
        (
            "Class facility",
            "",
            *(facility_text(q.facility) for q in report.questions),
        )
    )
    return Table("questions", "Pupils and questions", header, rows)


def objective_grid(report: AssignmentReport, names: Mapping[int, str]) -> Table:
    grid = report.grid
    header = ("Pupil", "Score", *grid.codes)
    rows = [
        (
            names[line.pupil.id],
            line.score_text,
            *(cell_text(grid.cells[line.pupil.id][code]) for code in grid.codes),
        )
        for line in report.lines
        if line.handed_in
    ]
    summaries = [grid.summaries[code] for code in grid.codes]
    rows.append(("Class facility", "", *(facility_text(s.facility) for s in summaries)))
    rows.append(("Secure", "", *(secure_text(s) for s in summaries)))
    return Table("objectives", "Pupils and objectives", header, rows)


def secure_text(summary: analysis.ObjectiveSummary) -> str:
    if not summary.can_be_judged:
        return "Not enough questions"
    return of_text(summary.secure, summary.judged)


def question_analysis(report: AssignmentReport) -> Table:
    header = (
        "Question",
        "Question text",
        "Objective",
        "Facility",
        "Right",
        "Not answered",
        "Most common wrong answers",
    )
    rows = [
        (
            f"Q{q.number}",
            question_text(q),
            q.objective,
            facility_text(q.facility),
            of_text(q.right, q.taken),
            str(q.blank),
            wrong_answers_text(q),
        )
        for q in report.questions
    ]
    return Table("analysis", "Question by question", header, rows)


def difficult(report: AssignmentReport, limit: int | None = None) -> Table:
    header = ("Question", "Facility", "Question text", "Most common wrong answers")
    rows = [
        (f"Q{q.number}", facility_text(q.facility), question_text(q), wrong_answers_text(q))
        for q in report.difficult(limit)
    ]
    return Table("difficult", "Difficult questions", header, rows)


def teach_next(report: AssignmentReport) -> Table:
    header = ("Objective", "Statement", "Not secure", "Not yet", "Developing", "Class facility")
    rows = [
        (
            s.code,
            report.objectives[s.code].statement if s.code in report.objectives else "",
            of_text(s.not_secure, s.judged),
            str(s.not_yet),
            str(s.developing),
            facility_text(s.facility),
        )
        for s in report.teach_next
    ]
    return Table("teach-next", "What to teach next", header, rows)


def misconception_table(
    rows: Sequence[analysis.MisconceptionRow],
    names: Mapping[int, str],
    slug: str = "misconceptions",
    title: str = "Misconceptions",
) -> Table:
    header = (
        "Misconception",
        "Likely pupils",
        "Likely",
        "Possible pupils",
        "Possible",
        "Example",
        "Objectives",
    )
    return Table(
        slug,
        title,
        header,
        [
            (
                row.wording,
                str(len(row.likely)),
                evidence_list(row.likely, names),
                str(len(row.possible)),
                evidence_list(row.possible, names),
                example_text(row),
                ", ".join(row.objectives),
            )
            for row in rows
        ],
    )


def all_tables(report: AssignmentReport, names: Mapping[int, str]) -> dict[str, Table]:
    tables = [
        teach_next(report),
        objective_grid(report, names),
        misconception_table(report.misconceptions, names),
        misconception_table(
            report.format_slips, names, "format", "Right value, written the wrong way"
        ),
        difficult(report),
        question_analysis(report),
        question_grid(report, names),
    ]
    return {table.slug: table for table in tables}
