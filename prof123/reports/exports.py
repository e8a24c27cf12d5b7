"""What every report shares: a CSV download of a table, and hiding names for the board."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from flask import Response, request

from prof123.csvsafe import to_csv

NONE = "–"


@dataclass(frozen=True)
class Cell:
    """One cell of a report table: its text (also what the CSV holds), and a link or class."""

    text: str
    href: str | None = None
    css: str = ""


@dataclass(frozen=True)
class Table:
    """A report table: the page and its CSV download (``?format=csv&table=<key>``) are made
    from the same cells, so a download always holds the numbers on the screen."""

    key: str
    title: str
    header: tuple[str, ...]
    rows: list[tuple[Cell, ...]]
    empty: str = "Nothing yet."

    def csv_rows(self) -> list[list[str]]:
        return [[cell.text for cell in row] for row in self.rows]


def wants_csv() -> bool:
    return request.args.get("format") == "csv"


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> Response:
    """A table as a CSV download, protected against spreadsheet formulas. The file name
    keeps letters, digits, dashes and underscores only (it goes into a header)."""
    safe = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_") else "-" for ch in filename)
    response = Response(to_csv(header, rows), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{safe}.csv"'
    return response


def hides_names() -> bool:
    """ "Hide names": for showing a report on the classroom screen."""
    return request.args.get("names") == "hidden"


def pupil_labels(pupils: Sequence, hidden: bool) -> dict[int, str]:
    """Each pupil's name, or "Pupil 1", "Pupil 2" … in the list's order when hidden."""
    if hidden:
        return {pupil.id: f"Pupil {n}" for n, pupil in enumerate(pupils, start=1)}
    return {pupil.id: f"{pupil.first_name} {pupil.last_name}" for pupil in pupils}
