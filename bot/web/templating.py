"""Jinja2 setup: autoescaping on for every template, Dutch date formatting, label filters."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.templating import Jinja2Templates

from bot.web import labels

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"

try:
    from zoneinfo import ZoneInfo

    LOCAL_TZ: Any = ZoneInfo("Europe/Amsterdam")
except Exception:  # no tz database on this machine: show UTC rather than fail
    LOCAL_TZ = timezone.utc

MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def to_local(value: str | datetime | None) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(LOCAL_TZ)


def format_datetime(value: str | datetime | None) -> str:
    local = to_local(value)
    if local is None:
        return "–"
    return f"{local.day} {MONTHS[local.month - 1]} {local.year}, {local:%H:%M}"


def format_date(value: str | date | datetime | None) -> str:
    if isinstance(value, date) and not isinstance(value, datetime):
        return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    local = to_local(value)
    if local is None:
        return "–"
    return f"{local.day} {MONTHS[local.month - 1]} {local.year}"


def format_percent(value: float | None) -> str:
    return "–" if value is None else f"{round(value * 100)}%"


def format_hours(value: float | None) -> str:
    """A duration for people: minutes under an hour, hours under two days, else days."""
    if value is None:
        return "–"
    if value < 1:
        return f"{round(value * 60)} min"
    if value < 48:
        return f"{value:.1f} uur".replace(".", ",")
    return f"{value / 24:.1f} dagen".replace(".", ",")


def make_environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        # Everything shown comes from people typing in a chat: escape all of it, always.
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        dt=format_datetime,
        path_id=lambda value: quote(str(value), safe=""),
        date_nl=format_date,
        pct=format_percent,
        hours=format_hours,
        route_label=labels.route_label,
        route_short=lambda r: labels.ROUTE_SHORT.get(r or "geen", r),
        field_label=labels.field_label,
        fmt=labels.format_value,
        review_label=lambda s: labels.REVIEW_STATUS_LABELS.get(s, s),
        chat_label=lambda s: labels.CHAT_STATUS_LABELS.get(s, s),
        role_label=lambda s: labels.ROLE_LABELS.get(s, s),
    )
    env.globals.update(
        ROUTE_LABELS=labels.ROUTE_LABELS,
        REVIEW_STATUS_LABELS=labels.REVIEW_STATUS_LABELS,
        CHAT_STATUS_LABELS=labels.CHAT_STATUS_LABELS,
        ROLE_LABELS=labels.ROLE_LABELS,
        READINESS_PARTS=labels.READINESS_PARTS,
    )
    return env


def make_templates() -> Jinja2Templates:
    return Jinja2Templates(env=make_environment())
