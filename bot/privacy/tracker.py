"""Clean Rasa's SQL tracker store, which holds its own copy of every conversation.

Rasa's ``SQLTrackerStore`` keeps one row per event in a table ``events`` with ``sender_id`` and
a float ``timestamp`` (Unix seconds). Retention and erasure would be hollow if the chat's copy
stayed, so purge and erasure delete there too (``TRACKER_DATABASE_URL``, default
``var/tracker.sqlite3``). Purge removes whole conversations that have been quiet since the
cut-off, never the old half of a conversation that goes on. Every Rasa server notices at its
next message for that person (components/tracker_store.py checks the rows every turn). On
SQLite the write-ahead log is checkpointed afterwards, so deleted rows are not left readable
in it. If the table is not there (Rasa never ran) nothing happens.
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone

from sqlalchemy import create_engine, inspect, text

from bot.storage.engine import checkpoint

log = logging.getLogger(__name__)


def delete_events(url: str, *, sender_id: str | None = None,
                  before: datetime | None = None, dry_run: bool = False) -> int:
    """Delete the events of one sender, or of every conversation whose *latest* event is older
    than ``before`` (naive = UTC): retention counts from the last chat activity, as for our
    transcripts, and a conversation is removed whole. Cutting off only its old events would
    leave Rasa a conversation without its start, which it would go on from half-way."""
    if sender_id is None and before is None:
        raise ValueError("give sender_id or before")
    engine = create_engine(url)
    try:
        if "events" not in inspect(engine).get_table_names():
            return 0
        where, params = [], {}
        if sender_id is not None:
            where.append("sender_id = :sender_id")
            params["sender_id"] = sender_id
        if before is not None:
            moment = before if before.tzinfo else before.replace(tzinfo=timezone.utc)
            where.append(
                "sender_id IN (SELECT sender_id FROM events GROUP BY sender_id"
                " HAVING MAX(timestamp) < :before)"
            )
            params["before"] = moment.timestamp()
        clause = " AND ".join(where)
        with engine.begin() as conn:
            if dry_run:
                return int(conn.execute(
                    text(f"SELECT COUNT(*) FROM events WHERE {clause}"), params
                ).scalar_one())
            deleted = int(conn.execute(text(f"DELETE FROM events WHERE {clause}"), params).rowcount)
        if deleted:
            checkpoint(engine)
        return deleted
    finally:
        engine.dispose()
