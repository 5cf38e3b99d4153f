"""Retention periods: environment defaults, overridden by what the beheerder set in the app."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.settings import RetentionDefaults
from bot.storage.errors import ValidationError
from bot.storage.models import PolicySetting, utcnow

# Bounds keep a typo from deleting everything (0 days) or keeping data forever.
LIMITS = {
    "transcript_days": (1, 365),
    "incomplete_days": (1, 365),
    "summary_days": (30, 3650),
    "audit_days": (180, 3650),
}


@dataclass(frozen=True)
class RetentionPolicy:
    transcript_days: int
    incomplete_days: int
    summary_days: int
    audit_days: int

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def _key(name: str) -> str:
    return f"retention.{name}"


def effective(session: Session, defaults: RetentionDefaults) -> RetentionPolicy:
    stored = {
        row.key: row.value
        for row in session.execute(
            select(PolicySetting).where(PolicySetting.key.like("retention.%"))
        ).scalars()
    }
    values = {}
    for name in LIMITS:
        raw = stored.get(_key(name))
        try:
            values[name] = int(raw) if raw is not None else getattr(defaults, name)
        except ValueError:
            values[name] = getattr(defaults, name)
    return RetentionPolicy(**values)


def update(session: Session, changes: dict[str, int], by: str) -> None:
    for name, value in changes.items():
        if name not in LIMITS:
            raise ValidationError(f"Onbekende instelling: {name}")
        low, high = LIMITS[name]
        if not isinstance(value, int) or not low <= value <= high:
            raise ValidationError(f"{name}: kies een aantal dagen tussen {low} en {high}.")
    now = utcnow()
    for name, value in changes.items():
        row = session.get(PolicySetting, _key(name))
        if row is None:
            session.add(
                PolicySetting(key=_key(name), value=str(value), updated_at=now, updated_by=by)
            )
        else:
            row.value, row.updated_at, row.updated_by = str(value), now, by
