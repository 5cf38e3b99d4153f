"""Database tables (SQLAlchemy 1.4 declarative). The schema itself is created by Alembic.

Times are stored as naive UTC datetimes: SQLite has no time-zone type, and one convention for
both databases keeps the comparisons in retention and figures simple. ``utcnow()`` is the only
clock; output code adds the ``+00:00``.
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import declarative_base, relationship

Base = declarative_base()

CHAT_STATUSES = ("incomplete", "complete")
REVIEW_STATUSES = ("nieuw", "in_behandeling", "afgerond")
ROLES = ("klantbegeleider", "school", "beheerder")
ROUTES = ("ips", "jobcoaching", "wmo", "niet_klaar", "regulier")


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Intake(Base):
    """One person's intake: what the chat gathered, the advice, and the coach's workflow."""

    __tablename__ = "intakes"

    id = Column(Integer, primary_key=True)
    sender_id = Column(String(255), nullable=False, unique=True)
    status = Column(String(20), nullable=False, default="incomplete")  # the chat's (contract §4)
    review_status = Column(String(20), nullable=False, default="nieuw")  # the coach's workflow
    profile = Column(JSON, nullable=False, default=dict)
    advice = Column(JSON, nullable=True)
    summary_text = Column(Text, nullable=True)
    urgent = Column(Boolean, nullable=False, default=False)
    respondent = Column(String(20), nullable=True)
    school_name = Column(String(200), nullable=True)
    # Copies of profile/advice fields, so the overview can filter, sort and search in SQL.
    route = Column(String(40), nullable=True)
    name = Column(String(200), nullable=True)
    droombaan = Column(String(500), nullable=True)
    conversation_state = Column(JSON, nullable=True)
    created_at = Column(DateTime, nullable=False, default=utcnow)
    updated_at = Column(DateTime, nullable=False, default=utcnow)
    completed_at = Column(DateTime, nullable=True)
    first_reviewed_at = Column(DateTime, nullable=True)
    transcript_purged_at = Column(DateTime, nullable=True)

    transcript = relationship(
        "Transcript", uselist=False, cascade="all, delete-orphan", passive_deletes=True
    )
    decisions = relationship(
        "Decision", cascade="all, delete-orphan", passive_deletes=True,
        order_by="Decision.id",
    )
    notes = relationship(
        "Note", cascade="all, delete-orphan", passive_deletes=True, order_by="Note.id"
    )

    __table_args__ = (
        Index("ix_intakes_urgent_created", "urgent", "created_at"),
        Index("ix_intakes_school_name", "school_name"),
        Index("ix_intakes_route", "route"),
        Index("ix_intakes_updated_at", "updated_at"),
    )


class Transcript(Base):
    """The chat transcript, kept apart from the intake so it can be purged on its own."""

    __tablename__ = "transcripts"

    intake_id = Column(Integer, ForeignKey("intakes.id", ondelete="CASCADE"), primary_key=True)
    messages = Column(JSON, nullable=False, default=list)
    updated_at = Column(DateTime, nullable=False, default=utcnow)


class User(Base):
    __tablename__ = "users"

    id = Column(Integer, primary_key=True)
    username = Column(String(100), nullable=False, unique=True)
    display_name = Column(String(200), nullable=True)
    password_hash = Column(String(300), nullable=False)
    role = Column(String(20), nullable=False)
    school_name = Column(String(200), nullable=True)  # only for role "school"
    active = Column(Boolean, nullable=False, default=True)
    created_at = Column(DateTime, nullable=False, default=utcnow)
    last_login_at = Column(DateTime, nullable=True)


class Decision(Base):
    """A coach's decision on an intake; the latest one counts, earlier ones stay as history."""

    __tablename__ = "decisions"

    id = Column(Integer, primary_key=True)
    intake_id = Column(Integer, ForeignKey("intakes.id", ondelete="CASCADE"), nullable=False)
    user_id = Column(Integer, ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    username = Column(String(100), nullable=False)  # kept if the account is removed
    advised_route = Column(String(40), nullable=True)
    chosen_route = Column(String(40), nullable=False)
    follows_advice = Column(Boolean, nullable=False)
    reason = Column(Text, nullable=True)  # mandatory when not following the advice
    created_at = Column(DateTime, nullable=False, default=utcnow)

    __table_args__ = (Index("ix_decisions_intake", "intake_id"),)


class Note(Base):
    __tablename__ = "notes"

    id = Column(Integer, primary_key=True)
    intake_id = Column(Integer, ForeignKey("intakes.id", ondelete="CASCADE"), nullable=False)
    user_id = Column(Integer, ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    username = Column(String(100), nullable=False)
    text = Column(Text, nullable=False)
    created_at = Column(DateTime, nullable=False, default=utcnow)

    __table_args__ = (Index("ix_notes_intake", "intake_id"),)


class AuditEntry(Base):
    """Who saw or changed what. Details name fields and routes, never free text about a person."""

    __tablename__ = "audit_log"

    id = Column(Integer, primary_key=True)
    created_at = Column(DateTime, nullable=False, default=utcnow)
    actor = Column(String(100), nullable=False)  # username, "api", "chat" or "system"
    actor_role = Column(String(20), nullable=True)
    action = Column(String(50), nullable=False)
    sender_id = Column(String(255), nullable=True)
    detail = Column(JSON, nullable=True)
    ip = Column(String(64), nullable=True)

    __table_args__ = (
        Index("ix_audit_created", "created_at"),
        Index("ix_audit_sender", "sender_id"),
    )


class WebSession(Base):
    """A login. The cookie holds a random token; only its keyed hash is stored here."""

    __tablename__ = "web_sessions"

    token_hash = Column(String(64), primary_key=True)
    user_id = Column(Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    csrf_token = Column(String(64), nullable=False)
    created_at = Column(DateTime, nullable=False, default=utcnow)
    expires_at = Column(DateTime, nullable=False)


class PolicySetting(Base):
    """Settings the beheerder changes in the workspace (retention periods)."""

    __tablename__ = "policy_settings"

    key = Column(String(100), primary_key=True)
    value = Column(String(500), nullable=False)
    updated_at = Column(DateTime, nullable=False, default=utcnow)
    updated_by = Column(String(100), nullable=True)


class LoginFailure(Base):
    """Failed logins and API-token tries per (hashed) key: shared by every web app, and kept
    over a restart, so guessing passwords stays slow (bot/web/throttle.py)."""

    __tablename__ = "login_failures"

    key = Column(String(64), primary_key=True)
    failures = Column(Integer, nullable=False, default=0)
    last_failure = Column(Float, nullable=False, default=0.0)
# --- PrO/VSO schools: the school link and batch pre-screening (issue 12) -----------------------

BATCH_STATUSES = ("concept", "verstuurd")


class SchoolCode(Base):
    """The code in a school's link (``/?school=CODE``): the chat then knows the school, so
    the school name always matches the school's account. One code per school; a new code
    replaces the old one."""

    __tablename__ = "school_codes"

    code = Column(String(16), primary_key=True)  # without the dash, upper case
    school_name = Column(String(200), nullable=False, unique=True)
    created_at = Column(DateTime, nullable=False, default=utcnow)
    created_by = Column(String(100), nullable=True)


class SchoolBatch(Base):
    """A school's list of pupils for pre-screening: a concept until the school sends it to the
    municipality; then it is read-only and klantbegeleiders see it."""

    __tablename__ = "school_batches"

    id = Column(Integer, primary_key=True)
    school_name = Column(String(200), nullable=False)
    title = Column(String(200), nullable=False)
    status = Column(String(20), nullable=False, default="concept")
    created_by = Column(String(100), nullable=False)
    created_at = Column(DateTime, nullable=False, default=utcnow)
    updated_at = Column(DateTime, nullable=False, default=utcnow)
    sent_at = Column(DateTime, nullable=True)
    sent_by = Column(String(100), nullable=True)
    first_viewed_at = Column(DateTime, nullable=True)  # first look by the municipality

    rows = relationship(
        "SchoolBatchRow", cascade="all, delete-orphan", passive_deletes=True,
        order_by="SchoolBatchRow.position",
    )

    __table_args__ = (
        Index("ix_school_batches_school", "school_name"),
        Index("ix_school_batches_status", "status"),
    )


class SchoolBatchRow(Base):
    """One pupil of a batch: the cells as the school wrote them (so a row can be corrected),
    and either the normalised profile with its advice or the errors naming the field."""

    __tablename__ = "school_batch_rows"

    id = Column(Integer, primary_key=True)
    batch_id = Column(
        Integer, ForeignKey("school_batches.id", ondelete="CASCADE"), nullable=False
    )
    position = Column(Integer, nullable=False)  # 1-based row number in the upload
    line = Column(Integer, nullable=True)  # line in the CSV file, for the error messages
    cells = Column(JSON, nullable=False, default=dict)
    profile = Column(JSON, nullable=True)
    advice = Column(JSON, nullable=True)
    errors = Column(JSON, nullable=True)
    updated_at = Column(DateTime, nullable=False, default=utcnow)

    __table_args__ = (Index("ix_school_batch_rows_batch", "batch_id", "position"),)
