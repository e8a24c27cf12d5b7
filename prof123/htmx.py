"""htmx mechanics in one place: the only module that reads or writes HX-* headers."""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, g, make_response, render_template, request

VARY_HEADERS = "HX-Request, HX-History-Restore-Request"


def is_htmx() -> bool:
    return request.headers.get("HX-Request") == "true"


def is_partial_request() -> bool:
    """A fragment is wanted: an htmx request that is neither boosted nor a history restore
    (those two must get a whole page)."""
    return (
        is_htmx()
        and "HX-Boosted" not in request.headers
        and "HX-History-Restore-Request" not in request.headers
    )


def render_page_or_fragment(page: str, fragment: str, **context: Any) -> str:
    """One URL, two representations: the fragment for htmx, the whole page otherwise."""
    g.htmx_varies = True
    return render_template(fragment if is_partial_request() else page, **context)


def redirect_response(url: str, status: int = 303) -> Response:
    """Navigate after a form post: HX-Redirect for htmx (a 302 would be followed inside
    the request and its page swapped into a fragment), a 303 otherwise."""
    if is_htmx():
        response = make_response("", 204)
        response.headers["HX-Redirect"] = url
        return response
    response = make_response("", status)
    response.headers["Location"] = url
    return response


def sign_in_required_response(url: str) -> Response:
    """What an expired or missing session gets: 401 + HX-Redirect for htmx, else a redirect."""
    if is_htmx():
        response = make_response("", 401)
        response.headers["HX-Redirect"] = url
        return response
    return redirect_response(url, 302)


def init_app(app: Flask) -> None:
    @app.after_request
    def _vary_on_htmx(response: Response) -> Response:
        if g.get("htmx_varies"):
            response.vary.update(h.strip() for h in VARY_HEADERS.split(","))
        return response
