"""Storage of intakes, decisions, notes, users and the audit log (SQLAlchemy 1.4 + Alembic).

The chat's actions use::

    from bot.storage import get_store
    store = get_store()              # cached per DATABASE_URL; migrates on first use
    store.save_intake(sender_id, status="incomplete", profile={...}, transcript=[...])
    store.get_intake(sender_id)      # contract §4 dict, or None
    store.get_conversation_state(sender_id)
    store.list_intakes(route="ips", urgent=True)

SQLite by default (``var/intake.sqlite3``), PostgreSQL when ``DATABASE_URL`` says so.
"""

from __future__ import annotations

import threading

from bot.storage.audit import Actor
from bot.storage.errors import (
    Forbidden,
    NotFound,
    StorageError,
    StorageUnavailable,
    ValidationError,
)
from bot.storage.intakes import IntakeFilter
from bot.storage.store import Store

__all__ = [
    "Actor",
    "Forbidden",
    "IntakeFilter",
    "NotFound",
    "StorageError",
    "StorageUnavailable",
    "Store",
    "ValidationError",
    "get_store",
    "reset_stores",
]

_stores: dict[str, Store] = {}
_lock = threading.Lock()


def get_store(database_url: str | None = None) -> Store:
    """The process-wide ``Store`` for ``database_url`` (default: ``DATABASE_URL``).

    Migrates the schema on first use. If the database is down, the store is still returned
    and every call raises ``StorageUnavailable`` until it is back (migration is retried).
    """
    from bot.settings import load_settings, normalise_database_url

    url = normalise_database_url(database_url) if database_url else load_settings().database_url
    with _lock:
        store = _stores.get(url)
        if store is None:
            store = _stores[url] = Store(url)
    try:
        store.ensure_schema()
    except StorageUnavailable:
        import logging

        logging.getLogger(__name__).warning("database %s not reachable yet", store.engine.url)
    return store


def reset_stores() -> None:
    """Forget cached stores and close their connections (tests, and after forking)."""
    with _lock:
        for store in _stores.values():
            store.dispose()
        _stores.clear()
