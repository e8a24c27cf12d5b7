"""How dates and times are shown: in the school's clock (UK time), not UTC."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from zoneinfo import ZoneInfo

from flask import Flask

SCHOOL_TIME_ZONE = ZoneInfo("Europe/London")


def local_time(moment: datetime) -> str:
    """09:22 as a classroom clock shows it, summer time included."""
    return moment.astimezone(SCHOOL_TIME_ZONE).strftime("%H:%M")


def display_names(pupils) -> dict[str, str]:
    """Names a class sees on the sign-in screen, by public id: first name and surname
    initial, with the whole surname only where two would otherwise look the same."""
    short = {p.public_id: f"{p.first_name} {p.last_name[:1]}." for p in pupils}
    counts = Counter(short.values())
    return {
        p.public_id: f"{p.first_name} {p.last_name}"
        if counts[short[p.public_id]] > 1
        else short[p.public_id]
        for p in pupils
    }


def local_date(moment: datetime) -> str:
    """7 June, in UK time."""
    local = moment.astimezone(SCHOOL_TIME_ZONE)
    return f"{local.day} {local:%B}"


def init_app(app: Flask) -> None:
    app.add_template_filter(local_time)
    app.add_template_filter(local_date)
