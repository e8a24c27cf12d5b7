"""A whole class signing in at once, behind one address, against the real server.

gunicorn runs two workers on the test database (SQLite in WAL mode, or PostgreSQL): every
sign-in writes a session row and throttle counts, so this is also the "database is locked"
test for concurrent writers.
"""

from __future__ import annotations

import http.cookiejar
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from tests import factories

TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _sign_in(base_url: str, school_code: str, username: str, secret: str) -> tuple[int, str]:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect)
    with opener.open(f"{base_url}/signin/pupil", timeout=30) as page:
        token = TOKEN.search(page.read().decode()).group(1)
    form = urllib.parse.urlencode(
        {"csrf_token": token, "school_code": school_code, "username": username, "secret": secret}
    ).encode()
    try:
        with opener.open(f"{base_url}/signin/pupil", data=form, timeout=30) as response:
            return response.status, response.headers.get("Location", "")
    except urllib.error.HTTPError as error:
        error.close()
        return error.code, error.headers.get("Location", "")


def test_thirty_classmates_sign_in_at_once_while_one_account_is_attacked(app, live_server):
    with app.app_context():
        school = factories.make_school("c", pupils_per_class=15)
    pupils = [p for c in school.classes for p in c.pupils]
    target, classmates = pupils[0], pupils[1:]
    assert len(classmates) == 29
    stop = threading.Event()
    attack_statuses: list[int] = []

    def attack() -> None:
        while len(attack_statuses) < 12 or (not stop.is_set() and len(attack_statuses) < 200):
            attack_statuses.append(_sign_in(live_server, school.code, target.username, "9999")[0])

    attacker = threading.Thread(target=attack)
    attacker.start()
    try:
        with ThreadPoolExecutor(max_workers=30) as pool:
            results = list(
                pool.map(
                    lambda p: _sign_in(
                        live_server, school.code, p.username, factories.PUPIL_SECRET
                    ),
                    classmates,
                )
            )
    finally:
        stop.set()
        attacker.join(timeout=60)
    assert all(status == 303 and location.endswith("/pupil/") for status, location in results)
    assert attack_statuses[:10] == [401] * 10 and set(attack_statuses[10:]) <= {429}
    # The attacked pupil is paused; their classmates never were.
    assert _sign_in(live_server, school.code, target.username, factories.PUPIL_SECRET)[0] == 429


def test_forty_guesses_at_once_get_no_more_than_ten_checks(app, live_server):
    """Every try is counted before its secret is checked, so a burst of parallel guesses
    (two workers; on PostgreSQL these really run at the same time) cannot get past the limit."""
    with app.app_context():
        school = factories.make_school("d", pupils_per_class=1)
    target = school.classes[0].pupils[0]
    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(
            pool.map(
                lambda _: _sign_in(live_server, school.code, target.username, "9999")[0], range(40)
            )
        )
    assert statuses.count(401) <= 10
    assert statuses.count(401) + statuses.count(429) == 40
