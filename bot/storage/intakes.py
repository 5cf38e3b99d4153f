"""Queries and changes on intakes, inside a caller's session (``Store`` adds the transaction).

Free text never reaches the database unmasked: ``save_intake`` runs every string of the
profile, advice, summary, resume state and transcript through the BSN 11-proef first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import and_, false, func, or_, select
from sqlalchemy.orm import Session, joinedload, selectinload
from sqlalchemy.sql import Select

from bot.pii.masking import mask_personal, mask_personal_json
from bot.storage.errors import ValidationError
from bot.storage.models import (
    CHAT_STATUSES,
    REVIEW_STATUSES,
    ROUTES,
    Intake,
    Transcript,
    utcnow,
)
from bot.storage.record import IntakeRecord


def _jsonable(value: Any) -> Any:
    """Dates to ISO text, sets and tuples to lists: what the chat may hand over naturally.

    Anything else that JSON cannot hold is left as is and makes the save fail (and roll back)
    rather than being stored as a meaningless string.
    """
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((_jsonable(v) for v in value), key=str)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def _clip(value: Any, length: int) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value[:length] or None


def _profile_school_name(profile: dict[str, Any]) -> str | None:
    school = profile.get("school")
    if isinstance(school, dict):
        return _clip(school.get("name"), 200)
    return None


def _clean_transcript(
    transcript: list[dict[str, Any]], stored: list[dict[str, Any]] | None = None
) -> list[dict[str, Any]]:
    """The lines as JSON, masked. A line stored before with the same role, time and text
    holds nothing to mask: only the other lines are looked at, not the whole transcript
    on every turn."""
    lines = [_jsonable(dict(turn)) for turn in transcript if isinstance(turn, dict)]
    known = {(m.get("role"), m.get("ts"), m.get("text")) for m in stored or ()
             if isinstance(m, dict)}
    fresh = [i for i, line in enumerate(lines)
             if (line.get("role"), line.get("ts"), line.get("text")) not in known]
    if len(fresh) == len(lines):
        return mask_personal_json(lines)
    for index, line in zip(fresh, mask_personal_json([lines[i] for i in fresh]), strict=True):
        lines[index] = line
    return lines


def _continued(stored: list[dict[str, Any]], latest: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The stored transcript followed by the latest one.

    The chat sends the lines of its current session; after a pause a new session starts and
    the earlier lines are no longer in it. Lines from before the first new line are kept.
    """
    first = latest[0].get("ts") if latest else None
    if not first:
        return latest
    earlier = [m for m in stored if isinstance(m.get("ts"), str) and m["ts"] < first]
    return earlier + latest


def save_intake(session: Session, sender_id: str, record: IntakeRecord) -> Intake:
    """Insert or update the intake stored under ``sender_id`` (the record's own id, or its
    pseudonym); see ``IntakeRecord`` for the rules."""
    status, profile, advice = record.status, record.profile, record.advice
    summary_text, urgent, respondent = record.summary_text, record.urgent, record.respondent
    school_name, conversation_state = record.school_name, record.conversation_state
    transcript = record.transcript
    if not isinstance(sender_id, str) or not sender_id.strip():
        raise ValidationError("sender_id must be a non-empty string")
    if status not in CHAT_STATUSES:
        raise ValidationError(f"status must be one of {CHAT_STATUSES}, not {status!r}")
    if profile is not None and not isinstance(profile, dict):
        raise ValidationError("profile must be a dict")
    if advice is not None and not isinstance(advice, dict):
        raise ValidationError("advice must be a dict or None")

    clean_profile = mask_personal_json(_jsonable(profile or {}))
    clean_advice = mask_personal_json(_jsonable(advice)) if advice is not None else None
    now = utcnow()

    # The transcript is replaced on most saves: load it in the same query.
    query = select(Intake).where(Intake.sender_id == sender_id).options(
        joinedload(Intake.transcript)
    )
    if session.bind is not None and session.bind.dialect.name == "postgresql":
        query = query.with_for_update(of=Intake)
    intake = session.execute(query).scalar_one_or_none()
    if intake is not None and intake.status == "complete" and status != "complete":
        # A complete intake is never overwritten by an unfinished one: the conversation that
        # made it is gone (purged, or started again), so this is the person's next intake.
        # The complete one stays, with the coach's decisions and notes, as an earlier intake.
        intake.sender_id = earlier_id(sender_id, intake.id)
        session.flush()
        intake = None
    if intake is None:
        intake = Intake(sender_id=sender_id, created_at=now, review_status="nieuw", urgent=False)
        session.add(intake)

    intake.status = status
    intake.profile = clean_profile
    intake.advice = clean_advice
    intake.summary_text = mask_personal(summary_text) if summary_text else None
    # Sticky: a crisis seen once stays visible to the coach even if later turns are calm.
    intake.urgent = bool(intake.urgent) or bool(urgent) or bool(clean_profile.get("crisis"))
    if respondent is not None:
        intake.respondent = _clip(respondent, 20)
    elif clean_profile.get("respondent") and not intake.respondent:
        intake.respondent = _clip(clean_profile.get("respondent"), 20)
    school = _clip(mask_personal(school_name), 200) if school_name else None
    school = school or _profile_school_name(clean_profile)
    if school:
        intake.school_name = school
    intake.route = _clip((clean_advice or {}).get("route"), 40)
    intake.name = _clip(clean_profile.get("name"), 200)
    intake.droombaan = _clip(clean_profile.get("droombaan"), 500)
    if conversation_state is not None:
        intake.conversation_state = mask_personal_json(_jsonable(conversation_state))
    if transcript is not None:
        stored = intake.transcript.messages if intake.transcript is not None else None
        messages = _clean_transcript(transcript, stored)
        if intake.transcript is None:
            intake.transcript = Transcript(messages=messages, updated_at=now)
        else:
            intake.transcript.messages = _continued(intake.transcript.messages or [], messages)
            intake.transcript.updated_at = now
        intake.transcript_purged_at = None
    if status == "complete" and intake.completed_at is None:
        intake.completed_at = now
    intake.updated_at = now
    session.flush()
    return intake


EARLIER = "#"  # an earlier intake of a person is stored as "<sender id>#<row id>"


def earlier_id(sender_id: str, row_id: int) -> str:
    return f"{sender_id}{EARLIER}{row_id}"


def of_person(sender_id: str) -> Any:
    """The condition for every intake of one person: the current one and the earlier ones."""
    return or_(
        Intake.sender_id == sender_id,
        Intake.sender_id.startswith(sender_id + EARLIER, autoescape=True),
    )


def find(session: Session, sender_id: str, *, with_history: bool = False) -> Intake | None:
    if "\x00" in sender_id:
        # No stored id holds NUL (PostgreSQL cannot, the chat channel refuses control
        # characters); PostgreSQL would refuse the query itself (a 500 in the web app).
        return None
    query = select(Intake).where(Intake.sender_id == sender_id).options(
        selectinload(Intake.decisions), selectinload(Intake.transcript)
    )
    if with_history:
        query = query.options(selectinload(Intake.notes))
    return session.execute(query).scalar_one_or_none()


def find_person(session: Session, sender_id: str) -> list[Intake]:
    """Every intake of one person: the current one first, then the earlier ones, newest first."""
    if "\x00" in sender_id:
        return []
    rows = session.execute(
        select(Intake).where(of_person(sender_id)).options(
            selectinload(Intake.decisions), selectinload(Intake.transcript),
            selectinload(Intake.notes),
        )
    ).scalars()
    return sorted(rows, key=lambda i: (i.sender_id != sender_id, -i.id))


@dataclass
class IntakeFilter:
    """What the overview and ``GET /api/intakes`` can filter on. Empty fields do not filter."""

    route: str | None = None
    urgent: bool | None = None
    status: str | None = None  # the chat's: incomplete | complete
    review_status: str | None = None  # nieuw | in_behandeling | afgerond
    school: str | None = None  # exact school name, case-insensitive
    # Created on or after / on or before this UTC date. A datetime (naive UTC) is taken as an
    # exact bound instead: inclusive for date_from, exclusive for date_to; the web app uses
    # that to turn a local (Amsterdam) day into UTC moments.
    date_from: date | None = None
    date_to: date | None = None
    q: str | None = None  # part of the name or droombaan

    @classmethod
    def from_kwargs(cls, **filters: Any) -> IntakeFilter:
        known = set(cls.__dataclass_fields__)
        unknown = set(filters) - known
        if unknown:
            raise ValidationError(f"unknown filter(s): {', '.join(sorted(unknown))}")
        return cls(**filters)

    def validate(self) -> None:
        if self.route and self.route not in ROUTES:
            raise ValidationError(f"route must be one of {ROUTES}")
        if self.status and self.status not in CHAT_STATUSES:
            raise ValidationError(f"status must be one of {CHAT_STATUSES}")
        if self.review_status and self.review_status not in REVIEW_STATUSES:
            raise ValidationError(f"review_status must be one of {REVIEW_STATUSES}")
        for name in ("date_from", "date_to"):
            value = getattr(self, name)
            if isinstance(value, str) and value:
                try:
                    setattr(self, name, date.fromisoformat(value[:10]))
                except ValueError as exc:
                    raise ValidationError(f"{name} must be a date (YYYY-MM-DD)") from exc


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def apply_filter(query: Select, flt: IntakeFilter, school_scope: str | None) -> Select:
    """Add the filter's conditions; ``school_scope`` restricts a school user to own pupils."""
    flt.validate()
    conditions = []
    if school_scope is not None:
        conditions.append(func.lower(Intake.school_name) == school_scope.strip().lower())
    if flt.route:
        conditions.append(Intake.route == flt.route)
    if flt.urgent is not None:
        conditions.append(Intake.urgent.is_(bool(flt.urgent)))
    if flt.status:
        conditions.append(Intake.status == flt.status)
    if flt.review_status:
        conditions.append(Intake.review_status == flt.review_status)
    for text in (flt.school, flt.q, school_scope):
        if text and "\x00" in text:
            return query.where(false())  # matches nothing stored; PostgreSQL refuses NUL
    if flt.school:
        conditions.append(func.lower(Intake.school_name) == flt.school.strip().lower())
    if isinstance(flt.date_from, datetime):
        conditions.append(Intake.created_at >= flt.date_from)
    elif flt.date_from:
        conditions.append(Intake.created_at >= datetime.combine(flt.date_from, time.min))
    if isinstance(flt.date_to, datetime):
        conditions.append(Intake.created_at < flt.date_to)
    elif flt.date_to:
        end = datetime.combine(flt.date_to, time.min) + timedelta(days=1)
        conditions.append(Intake.created_at < end)
    if flt.q and flt.q.strip():
        pattern = _like_pattern(flt.q.strip())
        conditions.append(
            or_(
                Intake.name.ilike(pattern, escape="\\"),
                Intake.droombaan.ilike(pattern, escape="\\"),
            )
        )
    return query.where(and_(*conditions)) if conditions else query


def list_page(
    session: Session,
    flt: IntakeFilter,
    *,
    school_scope: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[Intake], int]:
    """One page, urgent first, newest first; and the total count for paging."""
    base = apply_filter(select(Intake), flt, school_scope)
    total = session.execute(
        apply_filter(select(func.count(Intake.id)), flt, school_scope)
    ).scalar_one()
    rows = (
        session.execute(
            base.options(selectinload(Intake.decisions), selectinload(Intake.transcript))
            .order_by(Intake.urgent.desc(), Intake.created_at.desc(), Intake.id.desc())
            .limit(max(1, min(limit, 500)))
            .offset(max(0, offset))
        )
        .scalars()
        .all()
    )
    return list(rows), int(total)


def school_names(session: Session) -> list[str]:
    rows = session.execute(
        select(Intake.school_name).where(Intake.school_name.isnot(None)).distinct()
    ).scalars()
    return sorted({name for name in rows if name}, key=str.lower)
