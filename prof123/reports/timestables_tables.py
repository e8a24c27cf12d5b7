"""What the times-tables report pages show, as tables of text: each page table and its CSV
download (``?format=csv&table=<key>``) are made from the same cells, so a download always
holds the numbers on the screen. Pure apart from url_for."""

from __future__ import annotations

from collections.abc import Callable

from prof123.formatting import local_date
from prof123.reports import heatmap
from prof123.reports.charts import Bar, BarChart
from prof123.reports.exports import NONE, Cell, Table
from prof123.reports.timestables_queries import PupilTimesTables, TimesTablesReport


def _number(value: int | None) -> str:
    return NONE if value is None else str(value)


def heatmap_table(grid: heatmap.Heatmap) -> Table:
    """The grid as rows (each fact once; merged, the smaller factor first)."""
    header = ("Fact", "Answered", "Right", "Right but over 4 s", "State")
    if grid.pupils is not None:
        header += ("Pupils who answered", "Pupils wrong too often")
    rows = []
    for cell in grid.cells():
        t = cell.tally
        row = (cell.text, str(t.answered), str(t.correct), str(t.slow), cell.state.label)
        if grid.pupils is not None:
            row += (str(cell.pupils_seen), str(cell.pupils_wrong))
        rows.append(tuple(Cell(text) for text in row))
    return Table("heatmap", grid.caption, header, rows)


def tables_table(report: TimesTablesReport) -> Table:
    rows = [
        (
            Cell(f"{table}×"),
            Cell(str(t.answered)),
            Cell(str(t.correct)),
            Cell(NONE if t.percent is None else f"{t.percent}%"),
        )
        for table, t in report.tables
    ]
    header = ("Table", "Answered", "Right", "Per cent right")
    return Table("tables", "Right answers by table", header, rows)


def tables_chart(report: TimesTablesReport) -> BarChart:
    bars = tuple(
        Bar(str(table), t.percent or 0, f"{t.correct} of {t.answered}" if t.answered else "none")
        for table, t in report.tables
    )
    return BarChart("Right answers by table (per cent)", bars, maximum=100, unit="%")


def scores_table(report: TimesTablesReport) -> Table:
    scores = report.check_scores
    rows = [(Cell(str(score)), Cell(str(scores.count(score)))) for score in range(26)]
    return Table("scores", "Latest check scores", ("Score (of 25)", "Pupils"), rows)


def scores_chart(report: TimesTablesReport) -> BarChart:
    scores = report.check_scores
    counts = [scores.count(score) for score in range(26)]
    bars = tuple(Bar(str(score), count) for score, count in enumerate(counts))
    title = f"Latest check scores: number of pupils ({len(scores)} with a check)"
    return BarChart(title, bars, maximum=max(max(counts), 4))


def _check_cell(row: PupilTimesTables, check_url: Callable[[str], str]) -> Cell:
    attempt = row.link_check
    if attempt is None:
        return Cell("No check yet")
    if attempt.restart_reason is not None:
        text = f"Restarted {local_date(attempt.started_at)}"
    elif attempt.finished_at is None:
        text = f"In progress (Q{attempt.next_number})"
    else:
        text = f"{attempt.score} of 25, {local_date(attempt.finished_at)}"
    if row.restarts:
        text += f" ({row.restarts} restart{'s' if row.restarts != 1 else ''})"
    return Cell(text, check_url(attempt.public_id))


def readiness_table(
    report: TimesTablesReport,
    names: dict[int, str],
    pupil_url: Callable[[str], str | None],
    check_url: Callable[[str], str],
) -> Table:
    rows = []
    for row in report.pupils:
        r = row.readiness
        rows.append(
            (
                Cell(names[row.pupil.id], pupil_url(row.pupil.public_id)),
                Cell(", ".join(str(s) for s in r.scores) or NONE),
                Cell(NONE if r.mean is None else f"{r.mean:.1f}"),
                Cell(f"{r.facts_known} of {r.facts_total} ({r.facts_percent}%)"),
                Cell(r.word.value, css=f"tt-ready-{r.word.name.lower()}"),
                _check_cell(row, check_url),
            )
        )
    header = (
        "Pupil",
        "Last 3 scores (of 25)",
        "Mean",
        "Check facts known",
        "Readiness",
        "Latest check",
    )
    return Table("readiness", "MTC readiness", header, rows)


def typing_table(
    report: TimesTablesReport, names: dict[int, str], pupil_url: Callable[[str], str | None]
) -> Table:
    rows = []
    for row in report.pupils:
        s = row.speed
        rows.append(
            (
                Cell(names[row.pupil.id], pupil_url(row.pupil.public_id)),
                Cell(str(s.slow_facts)),
                Cell(str(s.wrong_facts)),
                Cell(NONE if s.ms_per_digit is None else f"{s.ms_per_digit / 1000:.1f} s"),
                Cell(s.why.value, css=f"tt-why-{s.why.name.lower()}"),
            )
        )
    header = ("Pupil", "Right but slow", "Wrong too often", "Typing a digit", "Why slow?")
    return Table("typing", "Slow to type, or does not know?", header, rows)
