"""``Store``: the one object the chat, the web app and the command line talk to.

Every public method is one transaction. Workspace reads and changes take an ``Actor`` and
write their audit entry inside that same transaction, so nothing is shown or changed without
a trace, and a failure leaves neither half of it behind.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.pii.bsn import mask_bsn, safe_identifier
from bot.settings import RetentionDefaults
from bot.storage import audit, intakes, policy, review, stats, users, websessions
from bot.storage.audit import API_ACTOR, Actor
from bot.storage.engine import (
    create_db_engine,
    files_writable,
    make_session_factory,
    transaction,
)
from bot.storage.errors import Forbidden, NotFound, StorageUnavailable, ValidationError
from bot.storage.intakes import IntakeFilter
from bot.storage.models import Intake, User, utcnow
from bot.storage.passwords import burn_time, verify_password
from bot.storage.record import IntakeRecord
from bot.storage.serialize import intake_to_dict
from bot.storage.store_schools import SchoolStoreMixin

log = logging.getLogger(__name__)


def _school_scope(actor: Actor) -> str | None:
    """School users see only their own pupils; an empty school name sees nothing."""
    if actor.role == "school":
        return (actor.school_name or "").strip() or "\x00no-school"
    return None


class Store(SchoolStoreMixin):
    def __init__(self, database_url: str, *, migrate: bool = True) -> None:
        self.database_url = database_url
        self.engine: Engine = create_db_engine(database_url)
        self._factory = make_session_factory(self.engine)
        self._migrate = migrate
        self._schema_ready = False
        self._schema_lock = threading.Lock()
        self._identifier_key: str | None = None

    def key(self, sender_id: str) -> str:
        """The id under which ``sender_id`` is stored: itself, unless it contains a BSN."""
        if not isinstance(sender_id, str) or mask_bsn(sender_id) == sender_id:
            return sender_id
        if self._identifier_key is None:
            from bot.settings import load_settings

            self._identifier_key = load_settings().resolved_secret_key()
        return safe_identifier(sender_id, self._identifier_key)

    # -- plumbing --------------------------------------------------------------------------

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def ensure_schema(self) -> None:
        """Run migrations once per process (retried on the next call if the DB was down)."""
        if self._schema_ready or not self._migrate:
            return
        with self._schema_lock:
            if self._schema_ready:
                return
            from bot.storage.engine import is_unavailable_error
            from bot.storage.migrate import upgrade

            try:
                upgrade(self.engine)
            except Exception as exc:
                if is_unavailable_error(exc):
                    raise StorageUnavailable("De database is niet bereikbaar.") from exc
                raise
            self._schema_ready = True

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        self.ensure_schema()
        try:
            with transaction(self._factory) as session:
                yield session
        except StorageUnavailable:
            # Pooled connections may be stuck in a bad state (a SQLite file opened read-only
            # while it was read-only, a PostgreSQL server that restarted): new ones next
            # time, but only once a SQLite file can be written again (see files_writable).
            if files_writable(self.engine):
                self.engine.dispose()
            raise

    def ping(self) -> bool:
        try:
            with self.transaction() as session:
                session.execute(Intake.__table__.select().limit(1))
            return True
        except StorageUnavailable:
            return False

    def dispose(self) -> None:
        self.engine.dispose()

    # -- the chat's interface --------------------------------------------------------------

    def save(self, record: IntakeRecord) -> None:
        """Insert or update the intake of ``record.sender_id`` in one transaction (the fields'
        rules: ``IntakeRecord``). Every string is masked for BSN and IBAN first. Raises
        ``ValidationError`` for a bad status and ``StorageUnavailable`` when the database is
        down (then nothing was written)."""
        key = self.key(record.sender_id)
        try:
            with self.transaction() as session:
                intakes.save_intake(session, key, record)
        except IntegrityError:
            # Two first saves for the same new sender raced; the other one inserted the row,
            # so this attempt becomes an update.
            with self.transaction() as session:
                intakes.save_intake(session, key, record)

    def save_intake(self, sender_id: str, **values: Any) -> None:
        """``save`` with the record's fields as keywords (tests, scripts)."""
        self.save(IntakeRecord(sender_id=sender_id, **values))

    def get_intake(self, sender_id: str) -> dict[str, Any] | None:
        """Contract §4 dict plus extras, or None. Not audited: the caller is the chat itself."""
        with self.transaction() as session:
            intake = intakes.find(session, self.key(sender_id))
            if intake is None:
                return None
            # The caller's own id back, also when it is stored under a pseudonym.
            return {**intake_to_dict(intake), "sender_id": sender_id}

    def get_conversation_state(self, sender_id: str) -> dict[str, Any] | None:
        with self.transaction() as session:
            intake = intakes.find(session, self.key(sender_id))
            return dict(intake.conversation_state) if intake and intake.conversation_state else None

    def get_transcript(self, sender_id: str) -> list[dict[str, Any]] | None:
        with self.transaction() as session:
            intake = intakes.find(session, self.key(sender_id))
            if intake is None or intake.transcript is None:
                return None
            return list(intake.transcript.messages or [])

    def list_intakes(self, *, limit: int = 100, offset: int = 0, **filters: Any) -> list[dict]:
        """Intakes matching ``filters`` (see ``IntakeFilter``), urgent first, newest first."""
        flt = IntakeFilter.from_kwargs(**filters)
        with self.transaction() as session:
            rows, _ = intakes.list_page(session, flt, limit=limit, offset=offset)
            return [intake_to_dict(row) for row in rows]

    def count_intakes(self, **filters: Any) -> int:
        flt = IntakeFilter.from_kwargs(**filters)
        with self.transaction() as session:
            _, total = intakes.list_page(session, flt, limit=1)
            return total

    # -- workspace reads (audited) ---------------------------------------------------------

    def overview(
        self, actor: Actor, flt: IntakeFilter, *, limit: int = 50, offset: int = 0,
        action: str = "list",
    ) -> tuple[list[dict[str, Any]], int]:
        with self.transaction() as session:
            rows, total = intakes.list_page(
                session, flt, school_scope=_school_scope(actor), limit=limit, offset=offset
            )
            filters = {k: str(v) for k, v in vars(flt).items() if v not in (None, "")}
            audit.record(session, actor, action, None, {"filters": filters, "count": len(rows)})
            return [intake_to_dict(row) for row in rows], total

    def _load(self, session: Session, sender_id: str, actor: Actor) -> Intake:
        intake = intakes.find(session, self.key(sender_id), with_history=True)
        if intake is None:
            raise NotFound(sender_id)
        scope = _school_scope(actor)
        if scope is not None and (intake.school_name or "").strip().lower() != scope.lower():
            raise Forbidden(sender_id)
        return intake

    def _denied(self, actor: Actor, sender_id: str, action: str) -> None:
        """Log a refused access in its own transaction (the refused one rolls back)."""
        with self.transaction() as session:
            audit.record(session, actor, "access_denied", self.key(sender_id),
                         {"attempted": action})

    @contextmanager
    def _intake_for(self, sender_id: str, actor: Actor, action: str) -> Iterator[tuple]:
        try:
            with self.transaction() as session:
                yield session, self._load(session, sender_id, actor)
        except Forbidden:
            self._denied(actor, sender_id, action)
            raise

    def view_intake(
        self, sender_id: str, actor: Actor, *, action: str = "view",
        with_transcript: bool = True,
    ) -> dict[str, Any]:
        """The intake with decisions, notes and (while kept) transcript; audited as ``action``.

        Raises ``NotFound`` or ``Forbidden`` (school user, other school's pupil).
        """
        with self._intake_for(sender_id, actor, action) as (session, intake):
            review.mark_viewed(session, intake, actor, action)
            data = intake_to_dict(intake, with_history=True)
            if with_transcript and intake.transcript is not None:
                data["transcript"] = list(intake.transcript.messages or [])
            return data

    def api_get_intake(self, sender_id: str) -> dict[str, Any]:
        with self._intake_for(sender_id, API_ACTOR, "api_get") as (session, intake):
            audit.record(session, API_ACTOR, "api_get", intake.sender_id)
            return {**intake_to_dict(intake), "sender_id": sender_id}

    # -- workspace changes (audited) -------------------------------------------------------

    def decide(
        self, sender_id: str, actor: Actor, *, follow_advice: bool,
        chosen_route: str | None = None, reason: str | None = None,
    ) -> dict[str, Any]:
        with self._intake_for(sender_id, actor, "decision") as (session, intake):
            decision = review.record_decision(
                session, intake, actor, follow_advice=follow_advice,
                chosen_route=chosen_route, reason=reason,
            )
            return {"chosen_route": decision.chosen_route,
                    "follows_advice": decision.follows_advice}

    def add_note(self, sender_id: str, actor: Actor, text: str) -> None:
        with self._intake_for(sender_id, actor, "note_added") as (session, intake):
            review.add_note(session, intake, actor, text)

    def set_review_status(self, sender_id: str, actor: Actor, status: str) -> None:
        with self._intake_for(sender_id, actor, "review_status") as (session, intake):
            review.set_review_status(session, intake, actor, status)

    def record_audit(
        self, actor: Actor, action: str, sender_id: str | None = None,
        detail: dict[str, Any] | None = None,
    ) -> None:
        with self.transaction() as session:
            key = self.key(sender_id) if sender_id else None
            audit.record(session, actor, action, key, detail)

    def audit_entries(self, **filters: Any) -> list[dict[str, Any]]:
        if filters.get("sender_id"):
            filters["sender_id"] = self.key(filters["sender_id"])
        with self.transaction() as session:
            return audit.list_entries(session, **filters)

    def school_names(self) -> list[str]:
        with self.transaction() as session:
            return intakes.school_names(session)

    def team_figures(self, since: date, until: date, actor: Actor) -> stats.TeamFigures:
        with self.transaction() as session:
            figures = stats.compute(session, since, until)
            audit.record(
                session, actor, "figures", None,
                {"since": since.isoformat(), "until": until.isoformat()},
            )
            return figures

    # -- users and sessions ----------------------------------------------------------------

    def create_user(
        self, username: str, password: str, role: str, *, school_name: str | None = None,
        display_name: str | None = None, actor: Actor | None = None,
    ) -> dict[str, Any]:
        with self.transaction() as session:
            user = users.create_user(
                session, username, password, role,
                school_name=school_name, display_name=display_name,
            )
            audit.record(
                session, actor or audit.SYSTEM_ACTOR, "user_created", None,
                {"username": user.username, "role": role, "school_name": user.school_name},
            )
            return users.user_to_dict(user)

    def count_users(self, role: str) -> int:
        with self.transaction() as session:
            return users.count_by_role(session, role)

    def list_users(self) -> list[dict[str, Any]]:
        with self.transaction() as session:
            return [users.user_to_dict(u) for u in users.list_users(session)]

    def _user(self, session: Session, user_id: int) -> User:
        user = session.get(User, user_id)
        if user is None:
            raise NotFound(f"user {user_id}")
        return user

    def set_user_active(self, user_id: int, active: bool, actor: Actor) -> None:
        with self.transaction() as session:
            user = self._user(session, user_id)
            if not active and user.role == "beheerder" and user.active and \
                    users.count_by_role(session, "beheerder") <= 1:
                raise ValidationError("De laatste beheerder kan niet worden uitgeschakeld.")
            user.active = active
            if not active:
                websessions.end_all_for_user(session, user.id)
            audit.record(
                session, actor, "user_activated" if active else "user_deactivated", None,
                {"username": user.username},
            )

    def reset_password(self, user_id: int, password: str, actor: Actor) -> None:
        with self.transaction() as session:
            user = self._user(session, user_id)
            users.set_password(session, user, password)
            websessions.end_all_for_user(session, user.id)
            audit.record(session, actor, "password_reset", None, {"username": user.username})

    def change_own_password(self, user_id: int, current: str, new: str, actor: Actor) -> None:
        with self.transaction() as session:
            user = self._user(session, user_id)
            if not verify_password(current, user.password_hash):
                raise ValidationError("Het huidige wachtwoord klopt niet.")
            users.set_password(session, user, new)
            audit.record(session, actor, "password_changed", None)

    def authenticate(self, username: str, password: str, ip: str | None = None) -> User | None:
        """The active user with this password, or None. Both outcomes are audited."""
        with self.transaction() as session:
            user = users.find_by_username(session, username)
            ok = False
            if user is None:
                burn_time(password)
            else:
                ok = verify_password(password, user.password_hash) and user.active
            name = users.normalise_username(username)[:100] or "?"
            if ok and user is not None:
                user.last_login_at = utcnow()
                audit.record(session, Actor(user.username, user.role, user.id, ip), "login")
                return user
            audit.record(session, Actor(name, None, None, ip), "login_failed")
            return None

    def start_session(self, secret_key: str, user: User, hours: int) -> tuple[str, str]:
        with self.transaction() as session:
            return websessions.create(session, secret_key, user, hours)

    def resolve_session(self, secret_key: str, token: str) -> tuple[User, str] | None:
        with self.transaction() as session:
            return websessions.resolve(session, secret_key, token)

    def end_session(self, secret_key: str, token: str, actor: Actor) -> None:
        with self.transaction() as session:
            websessions.end(session, secret_key, token)
            audit.record(session, actor, "logout")

    # -- retention policy ------------------------------------------------------------------

    def retention_policy(self, defaults: RetentionDefaults) -> policy.RetentionPolicy:
        with self.transaction() as session:
            return policy.effective(session, defaults)

    def update_retention(self, changes: dict[str, int], actor: Actor) -> None:
        with self.transaction() as session:
            policy.update(session, changes, actor.name)
            audit.record(session, actor, "retention_changed", None, dict(changes))
