"""The real app served by gunicorn on a loopback port, for browser and concurrency tests."""

from __future__ import annotations

import http.client
import os
import secrets
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]
GUNICORN = PROJECT_ROOT / ".venv" / "bin" / "gunicorn"
SERVER_START_TIMEOUT = 20.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(port: int) -> bool:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        connection.request("GET", "/signin")
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


def _server_env(
    database_url: str, fast_hashing: bool = True, extra: dict[str, str] | None = None
) -> dict[str, str]:
    # Nothing PROF123_* from the caller's shell leaks into the server under test.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PROF123_")}
    env.update(
        PROF123_ENV="development",
        PROF123_SECRET_KEY=secrets.token_hex(32),
        PROF123_DATABASE_URL=database_url,
        PYTHONUNBUFFERED="1",
    )
    if fast_hashing:
        env.update(PROF123_PASSWORD_HASH_TIME_COST="1", PROF123_PASSWORD_HASH_MEMORY_KIB="1024")
    env.update(extra or {})
    return env


def serve(
    database_url: str,
    log_path: Path,
    workers: int = 2,
    fast_hashing: bool = True,
    extra_env: dict[str, str] | None = None,
) -> Iterator[str]:
    """gunicorn with ``workers`` sync workers on a free port; yields its base URL."""
    port = _free_port()
    command = [str(GUNICORN), "-w", str(workers), "-b", f"127.0.0.1:{port}", "app:app"]
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            cwd=PROJECT_ROOT,
            env=_server_env(database_url, fast_hashing, extra_env),
            stdout=log,
            stderr=log,
        )
        try:
            deadline = time.monotonic() + SERVER_START_TIMEOUT
            while not _answers(port):
                if process.poll() is not None or time.monotonic() > deadline:
                    state = "exited" if process.poll() is not None else "did not answer"
                    pytest.fail(
                        f"gunicorn {state} within {SERVER_START_TIMEOUT:.0f} s; its log:\n"
                        + log_path.read_text(errors="replace")[-4000:]
                    )
                time.sleep(0.1)
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
