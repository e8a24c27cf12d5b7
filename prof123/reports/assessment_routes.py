"""Report pages: one assessment set for one class. Its staff only (teachers: their classes;
admins: every class), as the first results page in assess."""

from __future__ import annotations

import re

from flask import abort, render_template, request

from prof123 import security
from prof123.models import utcnow
from prof123.reports import assessment_queries, assessment_tables, bp, exports


def _report(assignment_id: str):
    assignment, school_class = security.get_assignment_for_staff_or_404(assignment_id)
    report = assessment_queries.assignment_report(assignment, school_class)
    hidden = exports.hides_names()
    names = exports.pupil_labels(report.pupils, hidden)
    return report, names, hidden


def _filename(*parts: str) -> str:
    """Letters, digits and dashes only: safe inside a Content-Disposition header."""
    return re.sub(r"[^A-Za-z0-9]+", "-", "-".join(parts)).strip("-").lower()[:100] or "report"


@bp.get("/assessments/<assignment_id>")
def assignment_report(assignment_id: str):
    """The whole report; ``?format=csv&table=<slug>`` downloads one of its tables."""
    report, names, hidden = _report(assignment_id)
    if exports.wants_csv():
        slug = request.args.get("table", "questions")  # by default, every answer
        table = assessment_tables.all_tables(report, names).get(slug)
        if table is None:
            abort(404)
        return exports.csv_response(
            _filename(report.assessment.title, report.school_class.name, table.slug),
            table.header,
            table.rows,
        )
    return render_template(
        "reports/assessments/assignment.html",
        report=report,
        names=names,
        hidden=hidden,
        fmt=assessment_tables,
        now=utcnow(),
    )


@bp.get("/assessments/<assignment_id>/print")
def assignment_report_print(assignment_id: str):
    """One A4 page for the class file: readable in black and white."""
    report, names, hidden = _report(assignment_id)
    return render_template(
        "reports/assessments/print.html",
        report=report,
        names=names,
        hidden=hidden,
        fmt=assessment_tables,
        now=utcnow(),
        difficult=report.difficult(assessment_tables.DIFFICULT_ON_PAPER),
        judged_codes=[s.code for s in report.grid.summaries.values() if s.can_be_judged],
    )
