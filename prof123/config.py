"""Configuration defaults and the start-up check that refuses unsafe settings.

Layering (see ``create_app``): these defaults, then ``instance/config.py``, then
``PROF123_*`` environment variables, then test overrides.
"""

from __future__ import annotations

from datetime import timedelta

from flask import Flask

# Values that must never reach production as a SECRET_KEY.
KNOWN_WEAK_KEYS = {"", "dev", "secret", "changeme", "change-me", "development"}
MIN_SECRET_KEY_LENGTH = 32


class DefaultConfig:
    # "production" unless told otherwise: safe settings are the default.
    ENV = "production"
    SECRET_KEY = ""
    # Empty means the SQLite file in the instance folder.
    DATABASE_URL = ""
    # Empty means failure counters are kept in the database (shared by all workers).
    REDIS_URL = ""

    SQLALCHEMY_ENGINE_OPTIONS: dict = {}
    # SQLite durability: FULL survives power loss (security.md R5); tests may use NORMAL.
    SQLITE_SYNCHRONOUS = "FULL"
    SQLITE_BUSY_TIMEOUT_MS = 5000

    # Sessions: a browser-session cookie, limits enforced on the server.
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    PUPIL_IDLE_TIMEOUT = timedelta(minutes=15)
    PUPIL_ABSOLUTE_LIFETIME = timedelta(hours=2)
    STAFF_IDLE_TIMEOUT = timedelta(minutes=30)
    STAFF_ABSOLUTE_LIFETIME = timedelta(hours=12)

    # The CSRF token lives as long as the session, which is already bounded above.
    WTF_CSRF_TIME_LIMIT = None
    # Flask-WTF's strict mode wants a same-origin Referer over HTTPS, but every response
    # says Referrer-Policy: no-referrer; the Origin header is checked instead (security.py).
    WTF_CSRF_SSL_STRICT = False
    # How many proxies in front of the app set X-Forwarded-For/-Proto (0 = none trusted).
    TRUSTED_PROXY_HOPS = 0

    # Argon2id cost. t=2, m=19 MiB, p=1 is the OWASP minimum and hashes in about
    # 20 ms here, so a class of 30 signs in within a second on one core.
    PASSWORD_HASH_TIME_COST = 2
    PASSWORD_HASH_MEMORY_KIB = 19456
    PASSWORD_HASH_PARALLELISM = 1

    # Sign-in throttling (security.md A3): never keyed on the IP address alone.
    THROTTLE_WINDOW = timedelta(minutes=15)
    THROTTLE_ACCOUNT_FAILURES = 10
    # A longer net: at most this many wrong tries a day, then only a teacher can unpause.
    THROTTLE_DAILY_WINDOW = timedelta(hours=24)
    THROTTLE_ACCOUNT_DAILY_FAILURES = 30
    THROTTLE_CLASS_FAILURES = 100
    THROTTLE_ADDRESS_FAILURES = 2000

    CLASS_CODE_LIFETIME = timedelta(hours=3)

    # After a school's subscription ends, its admins have this many days to download the
    # school's data; then ``flask purge`` deletes every row of the school (security.md G6).
    DATA_GRACE_DAYS = 30

    # The Multiplication Tables Check's timing (statutory: 6 s a question, 3 s between).
    # Only the browser tests shorten these, so a whole check plays in seconds.
    CHECK_QUESTION_MS = 6000
    CHECK_PAUSE_MS = 3000
    PRACTICE_PAUSE_MS = 1000

    MAX_CONTENT_LENGTH = 1024 * 1024
    SEND_FILE_MAX_AGE_DEFAULT = timedelta(days=365)


DURATION_SETTINGS = (
    "PUPIL_IDLE_TIMEOUT",
    "PUPIL_ABSOLUTE_LIFETIME",
    "STAFF_IDLE_TIMEOUT",
    "STAFF_ABSOLUTE_LIFETIME",
    "THROTTLE_WINDOW",
    "THROTTLE_DAILY_WINDOW",
    "CLASS_CODE_LIFETIME",
)


def apply_environment_settings(app: Flask) -> None:
    """Settings that follow from ENV and DATABASE_URL rather than being set by hand."""
    # Durations arrive from the environment as numbers of seconds.
    for name in DURATION_SETTINGS:
        value = app.config[name]
        if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
            app.config[name] = timedelta(seconds=value)
        elif not isinstance(value, timedelta):
            raise ConfigError(f"{name} must be a number of seconds, e.g. PROF123_{name}=900")
    production = app.config["ENV"] != "development" and not app.config.get("TESTING")
    # A __Host- cookie must be Secure (HTTPS only), so plain-HTTP development and tests
    # use an ordinary name.
    app.config["SESSION_COOKIE_SECURE"] = production
    app.config["SESSION_COOKIE_NAME"] = "__Host-prof123" if production else "prof123"
    app.config["SQLALCHEMY_DATABASE_URI"] = database_uri(app)
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        # A sync worker serves one request at a time: a small pool per worker keeps
        # workers × hosts well under PostgreSQL's 100 connections (performance.md §3).
        options = {"pool_size": 2, "max_overflow": 2, "pool_pre_ping": True, "pool_recycle": 1800}
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {
            **options,
            **app.config["SQLALCHEMY_ENGINE_OPTIONS"],
        }


def database_uri(app: Flask) -> str:
    url = app.config.get("DATABASE_URL") or ""
    if not url:
        return f"sqlite:///{app.instance_path}/prof123.sqlite3"
    # Accept the usual postgres:// spellings but always drive it with psycopg 3.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


class ConfigError(RuntimeError):
    pass


def validate_config(app: Flask) -> None:
    """Refuse to start with settings that are unsafe outside development."""
    if app.config["ENV"] not in {"production", "development"}:
        raise ConfigError("PROF123_ENV must be 'production' or 'development'.")
    if app.config.get("TESTING") or app.config["ENV"] == "development":
        if not app.config.get("SECRET_KEY"):
            raise ConfigError(
                "SECRET_KEY is not set. `make run` writes one to instance/config.py; "
                "or set PROF123_SECRET_KEY."
            )
        return
    key = app.config.get("SECRET_KEY") or ""
    if key.lower() in KNOWN_WEAK_KEYS or len(key) < MIN_SECRET_KEY_LENGTH:
        raise ConfigError(
            "Refusing to start: SECRET_KEY must be at least "
            f"{MIN_SECRET_KEY_LENGTH} random characters in production. Generate one with\n"
            '  python -c "import secrets; print(secrets.token_hex(32))"\n'
            "and set it as PROF123_SECRET_KEY or SECRET_KEY in instance/config.py."
        )
    if app.config.get("DEBUG"):
        raise ConfigError("Refusing to start: DEBUG must be off in production.")
