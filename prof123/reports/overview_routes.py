"""Report pages: a class at a glance, one pupil's profile, and the whole school (admins).
Each page's tables also download as CSV (``?format=csv&table=<key>``), and ``?names=hidden``
puts "Pupil 1", "Pupil 2" … in place of names everywhere, downloads included."""

from __future__ import annotations

from flask import abort, render_template, request, url_for

from prof123 import security
from prof123.models import Role, utcnow
from prof123.reports import bp, exports
from prof123.reports import overview_queries as queries
from prof123.reports import overview_tables as tables
from prof123.schoolyear import academic_year_of


@bp.get("/classes/<class_id>/overview")
def class_overview(class_id: str):
    school_class = security.get_class_for_staff_or_404(class_id)
    overview = queries.class_overview(school_class, utcnow())
    page = tables.class_page(overview, exports.hides_names())
    return _page_or_csv("reports/overview/class.html", page)


@bp.get("/classes/<class_id>/pupils/<pupil_id>")
def pupil_profile(class_id: str, pupil_id: str):
    school_class = security.get_class_for_staff_or_404(class_id)
    pupil = security.get_pupil_in_class_or_404(school_class, pupil_id)
    if pupil.is_restricted or pupil.left_on is not None:
        abort(404)  # left out of reports, as out of the class list
    page = tables.pupil_page(
        school_class,
        queries.report_pupils(school_class.id),
        queries.pupil_profile(pupil),
        exports.hides_names(),
    )
    printing = request.args.get("view") == "print"
    return _page_or_csv(f"reports/overview/pupil{'_print' if printing else ''}.html", page)


@bp.get("/school")
@security.roles_required(Role.SCHOOL_ADMIN)
def school_overview():
    now = utcnow()
    year = academic_year_of(now.date())
    overview = queries.school_overview(year, queries.start_of_academic_year(year))
    return _page_or_csv("reports/overview/school.html", tables.school_page(overview))


def _page_or_csv(template: str, page: tables.Page):
    if exports.wants_csv():
        table = page.table(request.args.get("table", ""))
        return exports.csv_response(page.csv_name(table), table.header, table.csv_rows())
    return render_template(
        template, page=page, hidden=exports.hides_names(), self_url=_self_url, **page.context
    )


def _self_url(**changes) -> str:
    """This page's address with some query arguments changed (None drops one)."""
    args = {k: v for k, v in request.args.items() if k not in ("format", "table")}
    args.update(changes)
    return url_for(
        request.endpoint,
        **request.view_args,
        **{k: v for k, v in args.items() if v is not None},
    )
