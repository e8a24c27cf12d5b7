"""The pupil's times-tables pages: choose a game, play it, see how it went."""

from __future__ import annotations

import random
import secrets

from flask import abort, current_app, render_template, url_for
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from prof123 import htmx, security
from prof123.extensions import db
from prof123.models import GameMode, TimesTablesAttempt, utcnow
from prof123.timestables import bp, queries, services
from prof123.timestables.forms import AnswerForm, StartGameForm, TypingSpeedForm


def _own_attempt_or_404(attempt_id: str) -> TimesTablesAttempt:
    attempt = security.get_in_school_or_404(TimesTablesAttempt, attempt_id)
    if attempt.pupil_id != current_user.id:
        abort(404)
    return attempt


@bp.get("/")
def index():
    return render_template(
        "timestables/index.html",
        form=StartGameForm(),
        **queries.menu_for(current_user, utcnow()),
    )


@bp.post("/start")
def game_start():
    form = StartGameForm()
    if not form.validate():
        return render_template(
            "timestables/index.html", form=form, **queries.menu_for(current_user, utcnow())
        ), 422
    game_request = services.GameRequest(
        mode=GameMode(form.mode.data),
        tables=tuple(int(t) for t in form.tables.data or ()),
        operations=form.operations.data,
        count=int(form.count.data),
        question_ms=current_app.config["CHECK_QUESTION_MS"] if form.timed.data else None,
    )
    try:
        attempt = _start_once(game_request)
    except services.GameError as error:
        return render_template(
            "timestables/index.html",
            form=form,
            refusal=error.message,
            **queries.menu_for(current_user, utcnow()),
        ), 409
    return htmx.redirect_response(url_for("timestables.game_play", attempt_id=attempt.public_id))


def _start_once(game_request: services.GameRequest) -> TimesTablesAttempt:
    """Start pressed twice at once: the database keeps one unfinished game per kind, and the
    second press gets the first one's game."""
    rng = random.Random(secrets.randbits(64))
    attempt = services.start_attempt(current_user, game_request, utcnow(), rng)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        attempt = services.start_attempt(current_user, game_request, utcnow(), rng)
        db.session.commit()
    return attempt


@bp.get("/play/<attempt_id>")
def game_play(attempt_id: str):
    attempt = _own_attempt_or_404(attempt_id)
    if attempt.finished_at is not None:
        return htmx.redirect_response(
            url_for("timestables.game_result", attempt_id=attempt_id), 303
        )
    return render_template("timestables/play.html", **queries.play_context(attempt))


@bp.post("/play/<attempt_id>/begin")
def game_begin(attempt_id: str):
    """Start pressed: the reply says which question is next (answers sent after a reload
    may have moved it on) and whether the game is over."""
    attempt = _own_attempt_or_404(attempt_id)
    services.begin_questions(attempt, utcnow())
    try:
        db.session.commit()
    except IntegrityError:  # the same answer, sent twice at once: the first one stands
        db.session.rollback()
        attempt = _own_attempt_or_404(attempt_id)
    return render_template("timestables/_answer_ack.html", ack=services.ack_for(attempt))


@bp.post("/play/<attempt_id>/finish")
def game_finish(attempt_id: str):
    """The page's clock says the game is over (the speed round's minute is up)."""
    attempt = _own_attempt_or_404(attempt_id)
    services.finish_if_over(attempt, utcnow())
    db.session.commit()
    return render_template("timestables/_answer_ack.html", ack=services.ack_for(attempt))


@bp.post("/play/<attempt_id>/answers")
def answer_submit(attempt_id: str):
    form = AnswerForm()
    if not form.validate():
        _own_attempt_or_404(attempt_id)  # someone else's game is not found, whatever was sent
        return render_template("timestables/_answer_ack.html", error="bad answer"), 400
    # The fast path finds the game only if it is this pupil's (UPDATE … WHERE pupil_id).
    now, typed, timed_out = utcnow(), form.typed.data or "", form.timed_out.data == "1"
    facts = services.read_game_token(form.game.data, attempt_id)
    if facts is not None and form.reconnected.data != "1":
        ack = services.take_answer(
            current_user, facts, form.number.data, typed, form.client_ms.data, now, timed_out
        )
        if ack is not None:
            db.session.commit()
            return render_template("timestables/_answer_ack.html", ack=ack)
    attempt = _own_attempt_or_404(attempt_id)
    try:
        services.submit_answer(
            attempt,
            form.number.data,
            typed,
            form.client_ms.data,
            now,
            timed_out=timed_out,
            reconnected=form.reconnected.data == "1",
        )
    except services.GameError as error:
        return render_template(
            "timestables/_answer_ack.html",
            error=error.message,
            finished=attempt.finished_at is not None,
        ), 409
    db.session.commit()
    return render_template("timestables/_answer_ack.html", ack=services.ack_for(attempt))


@bp.get("/results/<attempt_id>")
def game_result(attempt_id: str):
    attempt = _own_attempt_or_404(attempt_id)
    if attempt.finished_at is None:  # no score to show while the game is still going
        return htmx.redirect_response(url_for("timestables.game_play", attempt_id=attempt_id))
    return render_template("timestables/result.html", **queries.result_context(attempt))


@bp.route("/typing", methods=["GET", "POST"])
def typing_warm_up():
    """Copy a few numbers on the pad: how fast the pupil types, not what they know."""
    form = TypingSpeedForm()
    if not form.validate_on_submit():
        status = 422 if form.errors else 200
        return render_template(
            "timestables/typing.html",
            numbers=services.TYPING_NUMBERS,
            arrangements=queries.arrangements_for(current_user.id),
        ), status
    services.record_typing_speed(current_user, form.digits.data, form.total_ms.data, utcnow())
    db.session.commit()
    return htmx.redirect_response(url_for("timestables.index"))
