"""Rasa's SQL tracker store with a cache that stays correct when another instance writes.

Conversations live in Rasa's own ``SQLTrackerStore`` table (``events``: one row per event,
Rasa's schema and row format), so every Rasa instance behind the load balancer sees the same
conversation, a restart resumes at the same question, and erasure and purge reach it.

Rasa reads the whole conversation back from the database before every message and turns each
row into an event again (at the end of an intake about 15 ms per turn). This store keeps the
events of recent conversations as objects and asks the database only for a fingerprint of the
stored rows first: their number, the highest id and the latest timestamp. The cache is used
only when the fingerprint is unchanged; rows that another instance added are read and
appended; anything else (an erasure, a purge, rows that do not add up) reads everything again.
Saving writes only the events after the ones stored, in one statement.

endpoints.yml::

    tracker_store:
      type: components.tracker_store.CachedSQLTrackerStore
      url: ${TRACKER_DATABASE_URL}   # optional: default $TRACKER_DATABASE_URL, var/tracker.sqlite3
      max_cached_conversations: 500
      max_idle_hours: 2

Every event is masked for BSN and IBAN before it is written (bot.pii.masking); the
in-memory copy of the running turn is not, so the answer can still be read.
"""

from __future__ import annotations

import json
import logging
import time
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from bot.pii.masking import mask_personal_json
from bot.settings import tracker_database_url
from bot.storage.engine import create_db_engine, enable_wal

logger = logging.getLogger(__name__)

_INSERT_CHUNK = 100  # rows per INSERT statement (SQLite limits bound parameters)


Fingerprint = tuple[int, "int | None", "float | None"]  # (rows, max id, max timestamp)


@dataclass
class _Cached:
    events: list[Event]  # every stored event of the sender, all sessions, in id order
    session: list[Event]  # those of the latest session, as Rasa's SQL store selects them
    start: float | None  # the latest session's start (timestamp)
    fingerprint: Fingerprint
    used: float = 0.0  # time.monotonic() of the last use

    @classmethod
    def of(cls, events: list[Event], fingerprint: Fingerprint) -> _Cached:
        starts = [e.timestamp for e in events if isinstance(e, SessionStarted)]
        start = max(starts) if starts else None
        return cls(events, _since(events, start), start, fingerprint)

    def extended(self, new: list[Event], fingerprint: Fingerprint) -> _Cached:
        if any(isinstance(e, SessionStarted) for e in new):
            return _Cached.of(self.events + new, fingerprint)
        return _Cached(self.events + new, self.session + _since(new, self.start), self.start,
                       fingerprint)


def _since(events: Sequence[Event], start: float | None) -> list[Event]:
    """Rasa's SQL store gives the events with a timestamp from the latest session start on."""
    if start is None:
        return list(events)
    return [e for e in events if e.timestamp is not None and e.timestamp >= start]


class CachedSQLTrackerStore(SQLTrackerStore):
    def __init__(
        self,
        domain: Domain | None = None,
        host: str | None = None,
        event_broker: EventBroker | None = None,
        max_cached_conversations: int = 500,
        max_idle_hours: float = 2,
        **kwargs: Any,
    ) -> None:
        url = host if host and "://" in host else tracker_database_url()
        kwargs.pop("dialect", None)
        super().__init__(domain=domain, host=url, event_broker=event_broker, **kwargs)
        # Our engine: WAL, busy timeout and pooled connections for SQLite, pre-ping for
        # PostgreSQL (a restarted database server does not break the next turn).
        self.engine.dispose()
        self.engine = create_db_engine(url)
        enable_wal(self.engine)
        self.sessionmaker = sa.orm.sessionmaker(bind=self.engine)
        self._cache: OrderedDict[str, _Cached] = OrderedDict()
        self.max_cached = max(0, int(max_cached_conversations))
        self.max_idle_seconds = float(max_idle_hours) * 3600
        self._table = self.SQLEvent.__table__
        self._pyformat = self.engine.dialect.paramstyle in ("format", "pyformat")
        self._q_fingerprint = self._sql(
            "SELECT count(id), max(id), max(timestamp) FROM events WHERE sender_id = ?"
        )
        self._q_rows = self._sql("SELECT data FROM events WHERE sender_id = ? ORDER BY id")
        self._q_rows_after = self._sql(
            "SELECT data FROM events WHERE sender_id = ? AND id > ? ORDER BY id"
        )
        self._q_insert = (
            "INSERT INTO events (sender_id, type_name, timestamp, intent_name, action_name, data)"
            " VALUES"
        )

    # -- reading ------------------------------------------------------------------------------

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        return self._tracker(sender_id, all_sessions=False)

    async def retrieve_full_tracker(self, conversation_id: str) -> DialogueStateTracker | None:
        return self._tracker(conversation_id, all_sessions=True)

    def _tracker(self, sender_id: str, *, all_sessions: bool) -> DialogueStateTracker | None:
        cached = self._current(sender_id)
        if cached is None:
            return None
        chosen = cached.events if all_sessions else cached.session
        # A new list, the same event objects: the turn appends to its own copy.
        return DialogueStateTracker.from_events(
            sender_id, chosen, self.domain.slots, self.max_event_history
        )

    # The hot path in plain driver SQL on Rasa's table: the ORM's per-query overhead was a
    # third of the store's time per turn.
    def _sql(self, statement: str) -> str:
        return statement.replace("?", "%s") if self._pyformat else statement

    def _fingerprint(self, conn: Any, sender_id: str) -> tuple[int, int | None, float | None]:
        row = conn.exec_driver_sql(self._q_fingerprint, (sender_id,)).one()
        return int(row[0]), row[1], row[2]

    def _rows(self, conn: Any, sender_id: str, after_id: int | None = None) -> list[Event]:
        if after_id is None:
            result = conn.exec_driver_sql(self._q_rows, (sender_id,))
        else:
            result = conn.exec_driver_sql(self._q_rows_after, (sender_id, after_id))
        return [Event.from_parameters(json.loads(data)) for (data,) in result]

    def _current(self, sender_id: str) -> _Cached | None:
        """The sender's stored events, from the cache when the database still agrees."""
        with self.engine.connect() as conn:
            fingerprint = self._fingerprint(conn, sender_id)
            cached = self._cache.get(sender_id)
            if fingerprint[0] == 0:
                self._cache.pop(sender_id, None)
                return None
            if cached is not None and cached.fingerprint == fingerprint:
                current = cached
            elif cached is not None and fingerprint[0] > cached.fingerprint[0]:
                # Another instance went on with this conversation: read only its new rows,
                # and use them only if they account for every row that was added.
                added = self._rows(conn, sender_id, after_id=cached.fingerprint[1])
                if len(added) == fingerprint[0] - cached.fingerprint[0]:
                    current = cached.extended(added, fingerprint)
                else:
                    current = _Cached.of(self._rows(conn, sender_id), fingerprint)
            else:
                current = _Cached.of(self._rows(conn, sender_id), fingerprint)
            conn.rollback()
        self._remember(sender_id, current)
        return current

    # -- writing ------------------------------------------------------------------------------

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self.stream_events(tracker)
        sender_id = tracker.sender_id
        with self.engine.begin() as conn:
            fingerprint = self._fingerprint(conn, sender_id)
            cached = self._cache.get(sender_id)
            if cached is not None and cached.fingerprint == fingerprint:
                stored = cached
            elif cached is not None and fingerprint[0] == 0:
                # Erased (or purged) while this turn ran: do not bring the conversation back.
                logger.info("conversation removed during a turn; not stored again")
                self._cache.pop(sender_id, None)
                return
            else:
                rows = self._rows(conn, sender_id) if fingerprint[0] else []
                stored = _Cached.of(rows, fingerprint)
            new_events = list(tracker.events)[len(stored.session) :]
            if not new_events:
                self._remember(sender_id, stored)
                return
            rows = [self._row(sender_id, event) for event in new_events]
            ids: list[int] = []
            for start in range(0, len(rows), _INSERT_CHUNK):
                chunk = rows[start : start + _INSERT_CHUNK]
                values = ", ".join([self._sql("(?, ?, ?, ?, ?, ?)")] * len(chunk))
                result = conn.exec_driver_sql(
                    f"{self._q_insert} {values} RETURNING id",
                    tuple(v for row in chunk for v in row),
                )
                ids += [row_id for (row_id,) in result]
            # The new fingerprint follows from the old one and the rows just written.
            stamps = [t for t in (fingerprint[2], *(row[2] for row in rows)) if t is not None]
            fingerprint = (fingerprint[0] + len(rows), max(ids, default=fingerprint[1]),
                           max(stamps) if stamps else None)
        self._remember(sender_id, stored.extended(new_events, fingerprint))

    @staticmethod
    def _row(sender_id: str, event: Event) -> tuple[Any, ...]:
        data = mask_personal_json(event.as_dict())
        raw = json.dumps(data)
        intent = (data.get("parse_data") or {}).get("intent") or {}
        return (
            sender_id,
            event.type_name,
            data.get("timestamp"),
            intent.get(INTENT_NAME_KEY),
            data.get("name"),
            raw,
        )

    # -- the cache ----------------------------------------------------------------------------

    def _remember(self, sender_id: str, cached: _Cached) -> None:
        if self.max_cached == 0:
            return
        now = cached.used = time.monotonic()
        self._cache[sender_id] = cached
        self._cache.move_to_end(sender_id)
        while self._cache:
            oldest_id, oldest = next(iter(self._cache.items()))
            if len(self._cache) <= self.max_cached and now - oldest.used <= self.max_idle_seconds:
                break
            del self._cache[oldest_id]

    def ping(self) -> bool:
        """Can conversations be read and written now? (The channel asks before a turn.)"""
        try:
            with self.engine.begin() as conn:
                conn.exec_driver_sql("SELECT 1")
            return True
        except Exception as exc:  # any driver error: not now
            logger.error("tracker store unavailable: %s", type(exc).__name__)
            return False

    # -- the rest of Rasa's interface ---------------------------------------------------------

    async def keys(self) -> Iterable[str]:
        with self.session_scope() as session:
            return [
                sender
                for (sender,) in session.execute(sa.select(self._table.c.sender_id).distinct())
            ]

    async def delete(self, sender_id: str) -> None:
        """Remove one conversation (erasure): its rows here, and this instance's copy."""
        with self.session_scope() as session:
            session.execute(sa.delete(self._table).where(self._table.c.sender_id == sender_id))
            session.commit()
        self._cache.pop(sender_id, None)


def tracker_store_available(store: Any) -> bool:
    """``ping`` of our store inside Rasa's wrapper; other stores are taken as available."""
    inner = getattr(store, "_tracker_store", store)
    ping = getattr(inner, "ping", None)
    return bool(ping()) if callable(ping) else True
