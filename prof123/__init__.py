"""prof123: maths assessments and times tables for primary schools."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    from prof123 import audit, cli, config, database, errors, formatting, hashing, htmx, security
    from prof123.auth import throttle
    from prof123.extensions import csrf, db, login_manager, migrate

    app = Flask(
        "prof123",
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
        instance_path=str(PROJECT_ROOT / "instance"),
        instance_relative_config=True,
    )
    app.config.from_object(config.DefaultConfig)
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("PROF123")
    if test_config is not None:
        app.config.update(test_config)
    config.apply_environment_settings(app)
    config.validate_config(app)
    Path(app.instance_path).mkdir(exist_ok=True)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "prof123" / "migrations"))
    login_manager.init_app(app)
    csrf.init_app(app)
    database.init_app(app)
    hashing.init_app(app)
    throttle.init_app(app)
    security.init_app(app)
    audit.init_app(app)
    htmx.init_app(app)
    errors.init_app(app)
    formatting.init_app(app)

    from prof123 import admin, assess, auth, public, pupil, reports, teacher, timestables

    for package in (public, auth, pupil, teacher, admin, assess, timestables, reports):
        app.register_blueprint(package.bp)
    security.check_every_view_is_guarded(app)
    cli.init_app(app)
    return app
