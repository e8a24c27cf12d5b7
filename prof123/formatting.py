"""How dates and times are shown: in the school's clock (UK time), not UTC."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import Flask

SCHOOL_TIME_ZONE = ZoneInfo("Europe/London")


def local_time(moment: datetime) -> str:
    """09:22 as a classroom clock shows it, summer time included."""
    return moment.astimezone(SCHOOL_TIME_ZONE).strftime("%H:%M")


def init_app(app: Flask) -> None:
    app.add_template_filter(local_time)
