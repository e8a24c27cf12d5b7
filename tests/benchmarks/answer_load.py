"""Benchmark: 30 pupils answering times-tables questions at once through gunicorn.

Each pupil signs in, starts a 30-question practice game and sends every answer as soon as
the last one is stored (far faster than a child, who answers every few seconds).
Run: .venv/bin/python -m tests.benchmarks.answer_load [--workers 2] [--database-url URL]
Prints timings; asserts nothing about speed.
"""

from __future__ import annotations

import http.cookiejar
import re
import statistics
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from tests.benchmarks import parse_options, served_school
from tests.web.test_concurrent_sign_in import TOKEN, _NoRedirect

QUESTION = re.compile(r'data-questions="([^"]*)"')
GAME_TOKEN = re.compile(r'data-game-token="([^"]*)"')
ANY_TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def _answer_of(text: str) -> str:
    left, operation, right = text.split()
    return str(int(left) * int(right) if operation == "×" else int(left) // int(right))


def play(base: str, school_code: str, username: str) -> list[float]:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect)

    def post(path: str, fields: dict, token: str):
        data = urllib.parse.urlencode({"csrf_token": token, **fields}, doseq=True).encode()
        try:
            return opener.open(base + path, data=data, timeout=30)
        except urllib.error.HTTPError as error:
            return error

    with opener.open(f"{base}/signin/pupil", timeout=30) as page:
        token = TOKEN.search(page.read().decode()).group(1)
    post(
        "/signin/pupil", {"school_code": school_code, "username": username, "secret": "2345"}, token
    ).close()
    with opener.open(f"{base}/timestables/", timeout=30) as page:
        token = ANY_TOKEN.search(page.read().decode()).group(1)
    started = post(
        "/timestables/start", {"mode": "practice", "tables": ["7", "8"], "count": "30"}, token
    )
    game_path = urllib.parse.urlsplit(started.headers["Location"]).path
    started.close()
    with opener.open(base + game_path, timeout=30) as page:
        html = page.read().decode()
    questions = QUESTION.search(html).group(1).split(",")
    game = GAME_TOKEN.search(html).group(1)
    post(game_path + "/begin", {}, token).close()
    timings = []
    for number, text in enumerate(questions, start=1):
        begun = time.perf_counter()
        with post(
            game_path + "/answers",
            {"number": number, "typed": _answer_of(text), "client_ms": 1500, "game": game},
            token,
        ):
            pass
        timings.append(time.perf_counter() - begun)
    return timings


def main() -> None:
    options = parse_options(__doc__)
    with served_school(options) as (base, code, pupils, database):
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=len(pupils)) as pool:
            results = list(pool.map(lambda p: play(base, code, p.username), pupils))
        total = time.perf_counter() - started
    timings = sorted(t for result in results for t in result)
    print(f"{len(pupils)} pupils × 30 answers, {options.workers} workers, {database}")
    print(f"  {len(timings)} answers in {total:.1f} s ({len(timings) / total:.0f} answers/s)")
    print(
        f"  answer round trip: median {statistics.median(timings) * 1000:.0f} ms, "
        f"p95 {timings[int(0.95 * (len(timings) - 1))] * 1000:.0f} ms, "
        f"p99 {timings[int(0.99 * (len(timings) - 1))] * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
