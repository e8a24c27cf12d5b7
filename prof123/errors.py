"""Error pages in the site's style: never a stack trace, SQL or version string."""

from __future__ import annotations

import logging
import secrets

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from prof123.extensions import db
from prof123.htmx import is_partial_request

log = logging.getLogger(__name__)

MESSAGES = {
    400: ("Something went wrong with that request", "Please go back and try again."),
    401: ("Please sign in", "You need to sign in to see this page."),
    403: ("This page is not for you", "Your account cannot open this page."),
    404: ("Page not found", "We could not find that page. It may have been moved or deleted."),
    405: ("That did not work", "This page cannot be used that way."),
    413: ("That file is too big", "Please choose a smaller file."),
    422: ("Please check what you typed", "Some of the details were not right."),
    429: ("Too many tries", "Please wait a few minutes, then try again."),
    500: ("Sorry, something broke", "We have been told about it. Please try again in a moment."),
}
CSRF_MESSAGE = (
    "This form has expired",
    "Please reload the page and try again. Nothing was saved.",
)


def render_error(code: int, title: str, message: str, incident: str | None = None):
    template = "_partials/error.html" if is_partial_request() else "errors/error.html"
    return (
        render_template(template, code=code, title=title, message=message, incident=incident),
        code,
    )


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def _csrf_error(_error: CSRFError):
        db.session.rollback()
        return render_error(400, *CSRF_MESSAGE)

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException):
        if isinstance(error, InternalServerError):
            return _unexpected_error(error)
        db.session.rollback()
        code = error.code or 500
        title, message = MESSAGES.get(code, (error.name, "Please go back and try again."))
        response_body, status = render_error(code, title, message)
        response = app.make_response((response_body, status))
        if code == 405 and error.valid_methods:
            response.headers["Allow"] = ", ".join(error.valid_methods)
        return response

    @app.errorhandler(Exception)
    def _unexpected_error(error: Exception):
        db.session.rollback()
        incident = secrets.token_hex(4)
        log.error("incident %s", incident, exc_info=error)
        return render_error(500, *MESSAGES[500], incident=incident)
