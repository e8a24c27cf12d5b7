"""Headers on every response, one cookie, CSRF on every change, nothing from other sites."""

from __future__ import annotations

import hashlib
import re
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from flask import url_for

from tests.conftest import own_route_values, settings_for_tests, sign_in
from tests.security.test_access_matrix import MATRIX

ROOT = Path(__file__).resolve().parents[2]
REQUIRED_HEADERS = {
    "Content-Security-Policy": None,
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}


def assert_security_headers(response, signed_in: bool) -> None:
    headers = response.headers
    for name, value in REQUIRED_HEADERS.items():
        assert name in headers, f"{name} missing on {response.request.path}"
        if value is not None:
            assert headers[name] == value
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "http" not in csp
    policy = headers["Permissions-Policy"]
    for feature in ("geolocation=()", "camera=()", "microphone=()"):
        assert feature in policy
    if signed_in and response.request.path.startswith("/static/") is False:
        assert headers["Cache-Control"] == "no-store"


def _get_routes(app):
    own_args = {}
    for endpoint, method in MATRIX:
        if method == "GET":
            rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
            own_args[endpoint] = rule.arguments
    return own_args


@pytest.mark.parametrize("role", ["anonymous", "pupil", "teacher", "admin"])
def test_every_response_carries_the_security_headers(app, client, world_with_games, role):
    world = world_with_games
    account = {
        "anonymous": None,
        "pupil": world.a.classes[0].pupils[0],
        "teacher": world.a.teachers[0],
        "admin": world.a.admin,
    }[role]
    if account:
        sign_in(client, account)
    urls = ["/no-such-page", "/teacher/classes/not-a-real-id"]
    with app.test_request_context():
        for endpoint, arguments in _get_routes(app).items():
            values = own_route_values(world, endpoint)
            urls.append(url_for(endpoint, **{name: values[name] for name in arguments}))
    for url in urls:
        for headers in ({}, {"HX-Request": "true"}):
            response = client.get(url, headers=headers)
            response.close()
            assert_security_headers(response, signed_in=account is not None)


def test_htmx_fragment_carries_the_headers_too(client, world):
    sign_in(client, world.a.teachers[0])
    school_class = world.a.classes[0]
    response = client.post(
        f"/teacher/classes/{school_class.public_id}/pupils/{school_class.pupils[0].public_id}/secret",
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "<html" not in body and f'id="pupil-{school_class.pupils[0].public_id}"' in body
    assert_security_headers(response, signed_in=True)


def test_unexpected_error_is_a_styled_page_without_internals(database_url, make_app):
    app = make_app(settings_for_tests(database_url, PROPAGATE_EXCEPTIONS=False))

    @app.get("/boom")
    def boom():
        raise RuntimeError("SELECT secret FROM pupils -- Traceback")

    response = app.test_client().get("/boom")
    body = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Sorry, something broke" in body and "quote reference" in body
    for leak in ("Traceback", "SELECT", "RuntimeError", 'File "'):
        assert leak not in body
    assert_security_headers(response, signed_in=False)


@pytest.mark.parametrize(
    ("method", "url", "status", "text"),
    [
        ("GET", "/nothing-here", 404, "Page not found"),
        ("PUT", "/signin", 405, "That did not work"),
        ("POST", "/signin/pupil", 422, "Type your username."),
    ],
)
def test_error_pages_are_in_the_site_style(client, method, url, status, text):
    response = client.open(url, method=method, data={})
    assert response.status_code == status
    body = response.get_data(as_text=True)
    assert text in body and 'class="site-header"' in body
    assert "Traceback" not in body


def test_forbidden_page_is_friendly(client, world):
    sign_in(client, world.a.classes[0].pupils[0])
    response = client.get("/admin/")
    assert response.status_code == 403
    assert "This page is not for you" in response.get_data(as_text=True)


def test_too_many_tries_page_exists(app):
    from prof123.errors import MESSAGES

    assert 429 in MESSAGES and 400 in MESSAGES and 422 in MESSAGES


# --- cookies --------------------------------------------------------------------------------


def _set_cookies(response) -> list[SimpleCookie]:
    cookies = []
    for header in response.headers.getlist("Set-Cookie"):
        cookie = SimpleCookie()
        cookie.load(header)
        cookies.append((cookie, header))
    return cookies


def _drive_every_kind_of_visit(client, world) -> list:
    responses = [client.get("/signin"), client.get("/privacy")]
    for account in (world.a.admin, world.a.teachers[0], world.a.classes[0].pupils[0]):
        if hasattr(account, "email"):
            responses.append(
                client.post("/signin/staff", data={"email": account.email, "password": "x"})
            )
        sign_in(client, account)
        responses.append(client.get("/", follow_redirects=True))
        responses.append(client.post("/signout"))
    return responses


def test_the_only_cookie_is_the_session_cookie_and_the_privacy_page_lists_it(app, client, world):
    names, headers = set(), []
    for response in _drive_every_kind_of_visit(client, world):
        for cookie, header in _set_cookies(response):
            names |= set(cookie.keys())
            headers.append(header)
    assert names == {app.config["SESSION_COOKIE_NAME"]}
    for header in headers:
        assert "HttpOnly" in header and "SameSite=Lax" in header
        assert "Expires=Thu, 01 Jan 1970" in header or "Expires" not in header, "no lasting cookie"
    page = BeautifulSoup(client.get("/privacy").get_data(as_text=True), "html.parser")
    listed = {cell.get_text(strip=True) for cell in page.select("#cookie-table .cookie-name")}
    assert listed == names


def test_production_cookie_is_secure_host_only(database_url, world, make_app):
    app = make_app(
        {
            **settings_for_tests(database_url),
            "TESTING": False,
            "ENV": "production",
            "SECRET_KEY": "p" * 64,
        }
    )
    client = app.test_client()
    response = client.get("/signin")
    [header] = response.headers.getlist("Set-Cookie")
    assert header.startswith("__Host-prof123=")
    assert "Secure" in header and "HttpOnly" in header and "Path=/" in header
    assert "Domain" not in header
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


# --- CSRF -------------------------------------------------------------------------------------

UNSAFE_ROUTES = sorted(key for key in MATRIX if key[1] != "GET")


@pytest.mark.parametrize(("endpoint", "method"), UNSAFE_ROUTES)
def test_every_state_change_needs_the_csrf_token(app, client, world_with_games, endpoint, method):
    world = world_with_games
    sign_in(client, world.a.admin)
    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
    values = own_route_values(world, endpoint)
    with app.test_request_context():
        url = url_for(endpoint, **{name: values[name] for name in rule.arguments})
    refused = client.open(url, method=method, data={}, csrf=False)
    assert refused.status_code == 400
    assert "This form has expired" in refused.get_data(as_text=True)
    # Another browser's token is no good either.
    other = app.test_client()
    forged = client.open(
        url, method=method, data={}, csrf=False, headers={"X-CSRFToken": other.csrf_token()}
    )
    assert forged.status_code == 400


def test_htmx_requests_send_the_token_as_a_header_from_the_body(client, world):
    sign_in(client, world.a.teachers[0])
    page = BeautifulSoup(client.get("/teacher/").get_data(as_text=True), "html.parser")
    header_json = page.body["hx-headers:inherited"]
    assert "X-CSRFToken" in header_json
    import json

    token = json.loads(header_json)["X-CSRFToken"]
    school_class = world.a.classes[0]
    response = client.post(
        f"/teacher/classes/{school_class.public_id}/sign-in-code",
        headers={"X-CSRFToken": token, "HX-Request": "true"},
        csrf=False,
    )
    assert response.status_code == 204 and "HX-Redirect" in response.headers


# --- nothing from another site ------------------------------------------------------------------

URL_PATTERN = re.compile(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}", re.IGNORECASE)


def _served_files():
    for folder in ("templates", "static"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and not path.name.endswith(".LICENSE"):
                yield path


def test_no_template_or_static_file_names_another_site():
    offenders = []
    for path in _served_files():
        text = path.read_text(errors="replace")
        offenders += [f"{path.relative_to(ROOT)}: {m}" for m in URL_PATTERN.findall(text)]
    assert offenders == []


def test_vendored_files_are_exactly_the_published_ones():
    expected = {
        # htmx.org 4.0.1 dist/htmx.min.js from the npm registry (performance.md §5)
        "htmx-4.0.1.min.js": "a0abb04f2f45a1f89d1d4844023245537e5e6014c87b144553e0607b4cc32130",
    }
    vendor = ROOT / "static" / "vendor"
    found = {p.name for p in vendor.iterdir() if not p.name.endswith(".LICENSE")}
    assert found == set(expected)
    for name, digest in expected.items():
        assert hashlib.sha256((vendor / name).read_bytes()).hexdigest() == digest
        assert (vendor / name.replace(".min.js", ".LICENSE")).exists()


def _assert_no_inline_code(html: BeautifulSoup, url: str) -> None:
    assert html.select("[style]") == [], url
    assert all(script.get("src") for script in html.find_all("script")), url
    assert html.find_all("style") == [], url
    for tag in html.find_all(True):
        # No event-handler attributes, and no hx-on (htmx evaluates those as code).
        assert not any(a.startswith(("on", "hx-on", "data-hx-on")) for a in tag.attrs), url


def test_pages_use_no_inline_script_or_style(client, world):
    for url in ("/signin", "/signin/pupil", "/signin/staff", "/privacy", "/privacy/pupils"):
        _assert_no_inline_code(
            BeautifulSoup(client.get(url).get_data(as_text=True), "html.parser"), url
        )
    for account, urls in (
        (world.a.classes[0].pupils[0], ["/pupil/", "/assess/", "/timestables/"]),
        (
            world.a.admin,
            [
                "/admin/",
                "/admin/staff/new",
                "/teacher/",
                f"/teacher/classes/{world.a.classes[0].public_id}",
            ],
        ),
    ):
        sign_in(client, account)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200
            _assert_no_inline_code(
                BeautifulSoup(response.get_data(as_text=True), "html.parser"), url
            )
        client.post("/signout")


def test_forms_work_over_https_behind_the_proxy(database_url, world, make_app):
    """Referrer-Policy: no-referrer means no Referer; CSRF must not depend on one."""
    app = make_app(settings_for_tests(database_url, TRUSTED_PROXY_HOPS=1))
    client = app.test_client()
    site = "https://prof123.example"
    proxied = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.4"}
    page = client.get("/signin/pupil", base_url=site, headers=proxied)
    token = BeautifulSoup(page.get_data(as_text=True), "html.parser").select_one(
        "input[name=csrf_token]"
    )["value"]
    pupil = world.a.classes[0].pupils[0]
    response = client.post(
        "/signin/pupil",
        base_url=site,
        headers={**proxied, "Origin": site},
        data={
            "csrf_token": token,
            "school_code": pupil.school_code,
            "username": pupil.username,
            "secret": "2345",
        },
    )
    assert response.status_code == 303


@pytest.mark.parametrize(
    "headers",
    [{"Origin": "https://evil.example"}, {"Sec-Fetch-Site": "cross-site", "Origin": "null"}],
)
def test_a_post_from_another_site_is_refused_even_with_a_token(client, headers):
    response = client.post("/signin/pupil", headers=headers, data={"school_code": "X"})
    assert response.status_code == 400


def test_a_same_site_post_under_no_referrer_is_accepted(client):
    headers = {"Origin": "null", "Sec-Fetch-Site": "same-origin"}
    assert client.post("/signin/pupil", headers=headers, data={}).status_code == 422


@pytest.mark.parametrize(
    ("method", "url", "data"),
    [
        ("POST", "/signin/pupil", {"school_code": "A\x00", "username": "b", "secret": "2345"}),
        ("POST", "/signin/staff", {"email": "a\x00@b.example", "password": "x"}),
        ("GET", "/teacher/classes/ab%00cd", None),
        ("GET", "/signin?next=%00", None),
    ],
)
def test_nul_bytes_get_a_400_not_a_crash(client, world, method, url, data):
    assert client.open(url, method=method, data=data).status_code == 400
