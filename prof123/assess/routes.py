"""Assessment pages. Staff: make, preview, print, set and read results. Pupils: their
work, one question at a time, hand in, see how they did."""

from __future__ import annotations

import random
import secrets
from datetime import timedelta

from flask import abort, flash, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from prof123 import htmx, security
from prof123.assess import blueprints, bp, curriculum, queries, services
from prof123.assess.forms import AnswerForm, AssessmentForm, AssignForm
from prof123.extensions import db
from prof123.formatting import SCHOOL_TIME_ZONE
from prof123.models import (
    Assessment,
    AssessmentAssignment,
    Role,
    School,
    utcnow,
)
from prof123.schoolyear import academic_year_of
from prof123.teacher import services as teacher_services
from prof123.timestables import queries as tt_queries

STAFF = (Role.TEACHER, Role.SCHOOL_ADMIN)


def _rng() -> random.Random:
    return random.Random(secrets.randbits(64))


@bp.get("/")
def index():
    now = utcnow()
    if security.current_role() == Role.PUPIL:
        work = queries.work_for_pupil(current_user, now)
        return render_template("assess/pupil_index.html", work=work, now=now)
    classes = teacher_services.list_visible_classes(current_user, academic_year_of(now.date()))
    return render_template(
        "assess/index.html",
        assessments=queries.list_assessments(),
        recent=queries.recent_assignments([c.id for c in classes]),
        class_names={c.id: c.name for c in classes},
        now=now,
    )


# --- making -------------------------------------------------------------------------------------


@bp.route("/new", methods=["GET", "POST"])
@security.roles_required(*STAFF)
def assessment_create():
    form = AssessmentForm(request.form if request.method == "POST" else request.args)
    year = int(form.year.data or 4) if (form.year.data or "4").isdigit() else 4
    year = year if 1 <= year <= 6 else 4
    offered = [o for o in curriculum.assessable_for_year(year) if blueprints.families_for(o)]
    form.objectives.choices = [(o.code, o.statement) for o in offered]
    if request.method == "GET" or not form.validate_on_submit():
        status = 422 if request.method == "POST" else 200
        return render_template("assess/new.html", form=form, offered=offered, year=year), status
    choices = services.Choices(
        title=form.title.data,
        year=year,
        time_limit_minutes=int(form.time_limit.data) or None,
        has_same_numbers=form.has_same_numbers.data,
        is_shuffled=form.is_shuffled.data,
        shows_corrections=form.shows_corrections.data,
    )
    try:
        assessment = services.create_teacher_made(
            db.session.get(School, current_user.school_id),
            current_user,
            choices,
            form.objectives.data or [],
            int(form.per_objective.data),
            _rng(),
        )
    except services.AssessmentError as error:
        form.objectives.errors = [error.message]
        return render_template("assess/new.html", form=form, offered=offered, year=year), 422
    db.session.commit()
    return htmx.redirect_response(
        url_for("assess.assessment_show", assessment_id=assessment.public_id)
    )


@bp.get("/ready-made")
@security.roles_required(*STAFF)
def library():
    return render_template("assess/library.html", library=blueprints.library())


@bp.post("/ready-made/<key>")
@security.roles_required(*STAFF)
def library_use(key: str):
    try:
        assessment = services.create_from_library(
            db.session.get(School, current_user.school_id), current_user, key, _rng()
        )
    except services.AssessmentError:
        abort(404)
    db.session.commit()
    return htmx.redirect_response(
        url_for("assess.assessment_show", assessment_id=assessment.public_id)
    )


def _preview_context(assessment: Assessment, form: AssignForm | None = None) -> dict:
    now = utcnow()
    classes = teacher_services.list_visible_classes(current_user, academic_year_of(now.date()))
    if form is None:
        form = AssignForm()
        local_now = now.astimezone(SCHOOL_TIME_ZONE).replace(second=0, microsecond=0, tzinfo=None)
        form.opens_at.data = local_now
        form.closes_at.data = local_now + timedelta(days=7)
    form.classes.choices = [(c.public_id, c.name) for c in classes]
    assessment_items = queries.items_of(assessment)
    return {
        "assessment": assessment,
        "examples": services.example_items(assessment, assessment_items),
        "objectives": _objectives_of(assessment_items),
        "assignments": queries.assignments_of(assessment),
        "form": form,
        "now": now,
    }


def _objectives_of(assessment_items) -> list[tuple[curriculum.Objective, int]]:
    counts: dict[str, int] = {}
    for item in assessment_items:
        counts[item.objective] = counts.get(item.objective, 0) + 1
    return [(curriculum.objective(code), n) for code, n in counts.items()]


@bp.get("/<assessment_id>")
@security.roles_required(*STAFF)
def assessment_show(assessment_id: str):
    assessment = security.get_in_school_or_404(Assessment, assessment_id)
    return render_template("assess/show.html", **_preview_context(assessment))


@bp.get("/<assessment_id>/paper")
@security.roles_required(*STAFF)
def assessment_paper(assessment_id: str):
    assessment = security.get_in_school_or_404(Assessment, assessment_id)
    examples = services.example_items(assessment, queries.items_of(assessment))
    return render_template("assess/paper.html", assessment=assessment, examples=examples)


@bp.post("/<assessment_id>/assign")
@security.roles_required(*STAFF)
def assessment_assign(assessment_id: str):
    assessment = security.get_in_school_or_404(Assessment, assessment_id)
    form = AssignForm()
    context = _preview_context(assessment, form)
    if not form.validate_on_submit():
        return render_template("assess/show.html", **context), 422
    # Only classes this teacher may set work for (every class, for an admin).
    chosen = [security.get_class_for_staff_or_404(public_id) for public_id in form.classes.data]
    try:
        services.assign(
            assessment,
            chosen,
            form.opens_at.data.replace(tzinfo=SCHOOL_TIME_ZONE),
            form.closes_at.data.replace(tzinfo=SCHOOL_TIME_ZONE),
            current_user,
        )
    except services.AssessmentError as error:
        return render_template("assess/show.html", refusal=error.message, **context), 422
    db.session.commit()
    flash(f"Set for {', '.join(c.name for c in chosen)}.")
    return htmx.redirect_response(url_for("assess.assessment_show", assessment_id=assessment_id))


@bp.get("/results/<assignment_id>")
@security.roles_required(*STAFF)
def results_show(assignment_id: str):
    assignment, school_class = security.get_assignment_for_staff_or_404(assignment_id)
    assessment = db.session.get(Assessment, assignment.assessment_id)
    results = queries.class_results(assignment, assessment, school_class)
    return render_template("assess/results.html", results=results, now=utcnow())


@bp.post("/results/<assignment_id>/close")
@security.roles_required(*STAFF)
def results_close(assignment_id: str):
    """Close it now: nobody can start, and every attempt still open is handed in."""
    assignment, _school_class = security.get_assignment_for_staff_or_404(assignment_id)
    services.close_and_hand_in(assignment, utcnow())
    db.session.commit()
    return htmx.redirect_response(url_for("assess.results_show", assignment_id=assignment_id))


# --- taking -------------------------------------------------------------------------------------


@bp.post("/work/<assignment_id>/start")
@security.roles_required(Role.PUPIL)
def attempt_start(assignment_id: str):
    assignment = security.get_assignment_for_pupil_or_404(assignment_id)
    assessment = db.session.get(Assessment, assignment.assessment_id)
    try:
        attempt = services.start_attempt(current_user, assignment, assessment, utcnow(), _rng())
        db.session.commit()
    except services.AssessmentError as error:
        flash(error.message)
        return htmx.redirect_response(url_for("assess.index"))
    except IntegrityError:  # Start pressed twice at once: the first attempt stands
        db.session.rollback()
        attempt = services.start_attempt(current_user, assignment, assessment, utcnow(), _rng())
    return htmx.redirect_response(url_for("assess.attempt_show", attempt_id=attempt.public_id))


def _taking(attempt_id: str):
    attempt = security.get_own_assessment_attempt_or_404(attempt_id)
    assignment = db.session.get(AssessmentAssignment, attempt.assignment_id)
    return attempt, assignment


def _question_context(attempt, assignment, position: int, moving: bool = False) -> dict:
    """The question at ``position``; ``moving`` (a POST) also records that it was shown."""
    responses = queries.responses_of(attempt)
    position = min(max(position, 1), len(responses))
    response = responses[position - 1]
    if moving:
        services.visit(attempt, response, utcnow())
    return {
        "attempt": attempt,
        "assessment": db.session.get(Assessment, assignment.assessment_id),
        "responses": responses,
        "response": response,
        "boxes": queries.boxes_of(response),
        "deadline": services.deadline(attempt, assignment) if attempt.due_at else None,
        "arrangements": tt_queries.arrangements_for(attempt.pupil_id),
    }


@bp.get("/attempts/<attempt_id>")
@security.roles_required(Role.PUPIL)
def attempt_show(attempt_id: str):
    """The question the pupil was on: a reload or signing in again comes back here."""
    attempt, assignment = _taking(attempt_id)
    if attempt.handed_in_at is not None:
        return htmx.redirect_response(url_for("assess.attempt_result", attempt_id=attempt_id))
    if services.is_past_deadline(attempt, assignment, utcnow()):
        return htmx.redirect_response(url_for("assess.attempt_review", attempt_id=attempt_id))
    position = request.args.get("at", type=int) or attempt.current_position
    return render_template("assess/take.html", **_question_context(attempt, assignment, position))


@bp.post("/attempts/<attempt_id>/answer")
@security.roles_required(Role.PUPIL)
def answer_save(attempt_id: str):
    attempt, assignment = _taking(attempt_id)
    form = AnswerForm()
    if not form.validate():
        abort(400)
    response = queries.response_at(attempt, form.position.data)
    if response is None:
        abort(404)
    try:
        services.save_answer(
            attempt,
            assignment,
            response,
            form.typed(response.answer_kind, response.answer_form),
            form.flagged.data,
            utcnow(),
        )
    except services.AssessmentError as error:
        db.session.commit()  # a hand-in at the time limit is kept
        flash(error.message)
        return htmx.redirect_response(url_for("assess.attempt_result", attempt_id=attempt_id))
    go = form.go.data or "next"
    if go == "review":
        db.session.commit()
        return htmx.redirect_response(url_for("assess.attempt_review", attempt_id=attempt_id))
    target = {"next": response.position + 1, "back": response.position - 1}.get(
        go, int(go) if go.isdigit() else response.position
    )
    context = _question_context(attempt, assignment, target, moving=True)
    db.session.commit()
    if not htmx.is_partial_request():
        return htmx.redirect_response(url_for("assess.attempt_show", attempt_id=attempt_id))
    return render_template("assess/_question.html", **context)


@bp.get("/attempts/<attempt_id>/review")
@security.roles_required(Role.PUPIL)
def attempt_review(attempt_id: str):
    attempt, assignment = _taking(attempt_id)
    if attempt.handed_in_at is not None:
        return htmx.redirect_response(url_for("assess.attempt_result", attempt_id=attempt_id))
    return render_template(
        "assess/review.html",
        attempt=attempt,
        assessment=db.session.get(Assessment, assignment.assessment_id),
        responses=queries.responses_of(attempt),
        deadline=services.deadline(attempt, assignment) if attempt.due_at else None,
        time_is_up=services.is_past_deadline(attempt, assignment, utcnow()),
    )


@bp.post("/attempts/<attempt_id>/hand-in")
@security.roles_required(Role.PUPIL)
def attempt_hand_in(attempt_id: str):
    attempt, _assignment = _taking(attempt_id)
    services.hand_in(attempt, utcnow())
    db.session.commit()
    return htmx.redirect_response(url_for("assess.attempt_result", attempt_id=attempt_id))


@bp.get("/attempts/<attempt_id>/result")
@security.roles_required(Role.PUPIL)
def attempt_result(attempt_id: str):
    attempt, assignment = _taking(attempt_id)
    if attempt.handed_in_at is None:
        return htmx.redirect_response(url_for("assess.attempt_show", attempt_id=attempt_id))
    return render_template(
        "assess/result.html",
        attempt=attempt,
        assessment=db.session.get(Assessment, assignment.assessment_id),
        responses=queries.responses_of(attempt),
    )
