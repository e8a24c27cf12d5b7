"""School-admin pages: the school's data rights. Download everything about a pupil or the
whole school, erase or restrict a pupil, read and download the audit log, and choose how
long leavers' data is kept."""

from __future__ import annotations

from flask import (
    abort,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_login import current_user

from prof123 import htmx, security
from prof123.admin import bp, rights
from prof123.admin.rights_forms import (
    ActionForm,
    AuditFilterForm,
    EraseForm,
    RestrictionForm,
    RetentionForm,
)
from prof123.extensions import db
from prof123.models import Pupil, School, utcnow

SEARCH_LENGTH = 60


def _school() -> School:
    return db.session.get(School, current_user.school_id)


@bp.get("/data")
def rights_home():
    school = _school()
    query = request.args.get("q", "").strip()[:SEARCH_LENGTH]
    return htmx.render_page_or_fragment(
        "admin/rights/home.html",
        "admin/rights/_pupil_results.html",
        school=school,
        query=query,
        results=rights.search_pupils(query),
        restricted=rights.list_restricted_pupils(),
        leavers=rights.list_leavers(school),
        retention=dict(rights.RETENTION_CHOICES).get(school.leaver_retention_days),
        ended=security.current_subscription_end(),
        form=ActionForm(),
    )


def _pupil_page(pupil: Pupil, restriction_form: RestrictionForm | None = None):
    return render_template(
        "admin/rights/pupil.html",
        pupil=pupil,
        holdings=rights.count_pupil_data(pupil),
        ended=security.current_subscription_end(),
        form=ActionForm(),
        restriction_form=restriction_form or RestrictionForm(),
    )


@bp.get("/data/pupils/<pupil_id>")
def pupil_data(pupil_id: str):
    return _pupil_page(security.get_in_school_or_404(Pupil, pupil_id))


# --- downloads: an audited request, then the file as a read-only request -------------------


def _send(export: rights.Export):
    return send_file(
        export.file,
        mimetype="application/zip",
        as_attachment=True,
        download_name=export.filename,
        max_age=0,
    )


@bp.post("/data/pupils/<pupil_id>/export")
def pupil_export(pupil_id: str):
    pupil = security.get_in_school_or_404(Pupil, pupil_id)
    rights.record_pupil_export(pupil)
    db.session.commit()
    ticket = rights.export_ticket(current_user.public_id, "pupil", pupil.public_id)
    return htmx.redirect_response(
        url_for("admin.pupil_export_file", pupil_id=pupil.public_id, ticket=ticket)
    )


@bp.get("/data/pupils/<pupil_id>/export")
def pupil_export_file(pupil_id: str):
    pupil = security.get_in_school_or_404(Pupil, pupil_id)
    ticket = request.args.get("ticket", "")
    if not rights.ticket_is_valid(ticket, current_user.public_id, "pupil", pupil.public_id):
        flash("That download link has run out. Press the download button again.")
        return redirect(url_for("admin.pupil_data", pupil_id=pupil.public_id))
    return _send(rights.export_pupil(pupil, utcnow()))


@bp.post("/data/export")
def school_export():
    school = _school()
    rights.record_school_export(school)
    db.session.commit()
    ticket = rights.export_ticket(current_user.public_id, "school", school.public_id)
    return htmx.redirect_response(url_for("admin.school_export_file", ticket=ticket))


@bp.get("/data/export")
def school_export_file():
    school = _school()
    ticket = request.args.get("ticket", "")
    if not rights.ticket_is_valid(ticket, current_user.public_id, "school", school.public_id):
        flash("That download link has run out. Press the download button again.")
        return redirect(url_for("admin.rights_home"))
    return _send(rights.export_school(school, utcnow()))


# --- erasure and restriction ---------------------------------------------------------------


@bp.route("/data/pupils/<pupil_id>/erase", methods=["GET", "POST"])
def pupil_erase(pupil_id: str):
    pupil = security.get_in_school_or_404(Pupil, pupil_id)
    form = EraseForm()
    context = {"pupil": pupil, "form": form, "holdings": rights.count_pupil_data(pupil)}
    if not form.validate_on_submit():
        return render_template("admin/rights/erase.html", **context), 422 if form.errors else 200
    try:
        rights.check_erasure_confirmation(pupil, form.username.data)
    except rights.ConfirmationMismatch:
        form.username.errors.append(f"That is not their username. Type {pupil.username}.")
        return render_template("admin/rights/erase.html", **context), 422
    deleted = rights.erase_pupil(pupil)
    db.session.commit()
    flash(
        f"Erased: the pupil and {sum(deleted.values()) - 1} records about them are deleted. "
        "The audit log keeps a note of it, with no personal data."
    )
    return htmx.redirect_response(url_for("admin.rights_home"))


@bp.post("/data/pupils/<pupil_id>/restriction")
def pupil_restrict(pupil_id: str):
    pupil = security.get_in_school_or_404(Pupil, pupil_id)
    form = RestrictionForm()
    if not form.validate_on_submit():
        return _pupil_page(pupil, form), 422
    restricted = form.restricted.data == "yes"
    rights.set_restriction(pupil, restricted)
    db.session.commit()
    flash(
        "Restricted: the pupil\u2019s data is kept, but they cannot start anything new and "
        "are left out of class results."
        if restricted
        else "The restriction is lifted: the pupil can take part again."
    )
    back = form.back.data or url_for("admin.pupil_data", pupil_id=pupil.public_id)
    return htmx.redirect_response(back)


# --- retention -----------------------------------------------------------------------------


@bp.route("/data/retention", methods=["GET", "POST"])
def retention_edit():
    school = _school()
    form = RetentionForm(days=school.leaver_retention_days)
    if not form.validate_on_submit():
        status = 422 if form.errors else 200
        return render_template("admin/rights/retention.html", form=form, school=school), status
    rights.set_leaver_retention(school, form.days.data)
    db.session.commit()
    flash(f"Leavers\u2019 data is now kept for {dict(rights.RETENTION_CHOICES)[form.days.data]}.")
    return htmx.redirect_response(url_for("admin.rights_home"))


# --- the audit log -------------------------------------------------------------------------


def _audit_filter() -> tuple[AuditFilterForm, rights.AuditFilter, dict[int, str], bool]:
    """The filters typed in the query string; a bad one is reported and left out."""
    actions, kinds, staff = rights.audit_choices()
    form = AuditFilterForm(formdata=request.args)
    form.offer(actions, kinds, [(s.public_id, s.display_name) for s in staff])
    valid = form.validate()
    by_public_id = {s.public_id: s.id for s in staff}
    chosen = rights.AuditFilter(
        action="" if form.action.errors else form.action.data or "",
        object_type="" if form.object_type.errors else form.object_type.data or "",
        staff_id=None if form.staff.errors else by_public_id.get(form.staff.data or ""),
        since=None if form.since.errors else form.since.data,
        until=None if form.until.errors else form.until.data,
    )
    return form, chosen, {s.id: s.display_name for s in staff}, valid


def _filter_arguments() -> dict[str, str]:
    names = ("action", "object_type", "staff", "since", "until")
    return {name: request.args[name] for name in names if request.args.get(name)}


@bp.get("/data/audit")
def audit_log():
    form, chosen, staff_names, valid = _audit_filter()
    page = rights.page_of_audit(chosen, request.args.get("page", 1, type=int) or 1)
    entries = page.items
    pupil_ids = [e.object_id for e in entries if e.object_type == "pupil"]
    return render_template(
        "admin/rights/audit_log.html",
        form=form,
        page=page,
        entries=entries,
        who={e.id: rights.actor_label(e, staff_names) for e in entries},
        existing_pupils=rights.existing_pupil_ids(pupil_ids),
        filters=_filter_arguments(),
    ), 200 if valid else 422


@bp.get("/data/audit.csv")
def audit_export():
    _form, chosen, staff_names, valid = _audit_filter()
    if not valid:
        abort(422)
    response = make_response(rights.audit_csv(chosen, staff_names))
    response.mimetype = "text/csv"
    response.headers["Content-Disposition"] = (
        f"attachment; filename=prof123-audit-log-{utcnow():%Y-%m-%d}.csv"
    )
    return response
