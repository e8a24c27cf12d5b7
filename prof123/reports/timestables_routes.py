"""Report pages: times tables for a class and for one of its pupils. The staff of the class
only (teachers: their classes; admins: every class).

Query arguments: ``merge=1`` merges each fact with its reverse, ``names=hidden`` shows
"Pupil 1", "Pupil 2" … everywhere (downloads too), ``view=print`` gives the one-page A4
version, ``format=csv&table=<key>`` downloads one table."""

from __future__ import annotations

import re

from flask import abort, render_template, request, url_for

from prof123 import security
from prof123.reports import bp, exports, heatmap
from prof123.reports import timestables_queries as queries
from prof123.reports import timestables_tables as tables
from prof123.schoolyear import academic_year_label

KEPT_ARGUMENTS = ("merge", "names")


@bp.get("/classes/<class_id>/times-tables")
def class_timestables(class_id: str):
    school_class = security.get_class_for_staff_or_404(class_id)
    merge = _merging()
    report = queries.class_report(school_class, merge)
    hidden = exports.hides_names()
    names = exports.pupil_labels([row.pupil for row in report.pupils], hidden)

    def pupil_url(pupil_id: str) -> str:
        return _url("reports.pupil_timestables", class_id=class_id, pupil_id=pupil_id)

    def check_url(attempt_id: str) -> str:
        return url_for("teacher.attempt_show", class_id=class_id, attempt_id=attempt_id)

    page_tables = {
        table.key: table
        for table in (
            tables.heatmap_table(report.heatmap),
            tables.tables_table(report),
            tables.scores_table(report),
            tables.readiness_table(report, names, pupil_url, check_url),
            tables.typing_table(report, names, pupil_url),
        )
    }
    if exports.wants_csv():
        return _csv(page_tables, school_class.name, "class" if hidden else "")
    printing = request.args.get("view") == "print"
    return render_template(
        f"reports/timestables/{'print' if printing else 'class'}.html",
        school_class=school_class,
        report=report,
        tables=page_tables,
        tables_chart=tables.tables_chart(report),
        scores_chart=tables.scores_chart(report),
        year_label=academic_year_label(report.academic_year),
        **_common(merge, hidden),
    )


@bp.get("/classes/<class_id>/times-tables/pupils/<pupil_id>")
def pupil_timestables(class_id: str, pupil_id: str):
    school_class = security.get_class_for_staff_or_404(class_id)
    pupil = security.get_pupil_in_class_or_404(school_class, pupil_id)
    if pupil.is_restricted or pupil.left_on is not None:
        abort(404)  # left out of reports, as out of the class list
    merge = _merging()
    report = queries.pupil_report(school_class, pupil, merge)
    hidden = exports.hides_names()
    # "Pupil 3" is the pupil's place in the class list, as on the class page.
    name = exports.pupil_labels(queries.report_pupils(school_class.id), hidden)[pupil.id]
    row = report.pupils[0]

    def check_url(attempt_id: str) -> str:
        return url_for("teacher.attempt_show", class_id=class_id, attempt_id=attempt_id)

    page_tables = {
        table.key: table
        for table in (
            tables.heatmap_table(report.heatmap),
            tables.tables_table(report),
            tables.readiness_table(report, {pupil.id: name}, lambda _id: None, check_url),
            tables.typing_table(report, {pupil.id: name}, lambda _id: None),
        )
    }
    if exports.wants_csv():
        return _csv(page_tables, school_class.name, "pupil" if hidden else pupil.username)
    return render_template(
        "reports/timestables/pupil.html",
        school_class=school_class,
        pupil_name=name,
        report=report,
        row=row,
        tables=page_tables,
        tables_chart=tables.tables_chart(report),
        year_label=academic_year_label(report.academic_year),
        class_url=_url("reports.class_timestables", class_id=class_id),
        **_common(merge, hidden),
    )


def _merging() -> bool:
    return request.args.get("merge") == "1"


def _common(merge: bool, hidden: bool) -> dict:
    return {
        "merge": merge,
        "hidden": hidden,
        "self_url": _self_url,
        "states": heatmap.STATES,
        "rules": heatmap,
    }


def _url(endpoint: str, **values) -> str:
    """Another report page, keeping "merge" and "hide names"."""
    kept = {k: request.args[k] for k in KEPT_ARGUMENTS if k in request.args}
    return url_for(endpoint, **values, **kept)


def _self_url(**changes) -> str:
    """This page with some query arguments changed (None drops one)."""
    args = {k: v for k, v in request.args.items() if k in (*KEPT_ARGUMENTS, "view")}
    args.update(changes)
    return url_for(
        request.endpoint, **request.view_args, **{k: v for k, v in args.items() if v is not None}
    )


def _csv(page_tables: dict[str, tables.Table], *name_parts: str):
    table = page_tables.get(request.args.get("table", "heatmap"))
    if table is None:
        abort(404)
    parts = ["times-tables", *name_parts, table.key, "merged" if _merging() else ""]
    filename = re.sub(r"[^A-Za-z0-9]+", "-", "-".join(p for p in parts if p)).strip("-").lower()
    return exports.csv_response(filename[:100], table.header, table.csv_rows())
