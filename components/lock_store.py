"""Rasa's Redis lock store, with every change of a lock made in one Redis transaction.

Rasa's ``RedisLockStore`` reads a conversation's ticket lock, changes it in Python and writes
it back. Two Rasa servers that take two messages of one person at the same moment both read
"no tickets", both write ticket 0 and both go ahead: the conversation is then handled twice at
once and one of the answers is lost (seen in tests/e2e/test_scale.py, about one run in two).
Releasing has the same gap: a server that finishes can delete the lock just after another one
queued its ticket. Here each read-change-write is a Redis ``WATCH``/``MULTI`` transaction that
is retried when another server changed the lock in between. Keys, the lock format and the
waiting are Rasa's own; the key also gets an expiry, so a server that dies while holding a
lock cannot leave it behind for longer than the lock lifetime.

endpoints.scale.yml::

    lock_store:
      type: components.lock_store.AtomicRedisLockStore
      url: ${REDIS_HOST}
      port: ${REDIS_PORT}
      db: ${REDIS_LOCK_DB}
      key_prefix: intake
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Callable
from typing import Any, TypeVar

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore

logger = logging.getLogger(__name__)
T = TypeVar("T")
_UNCHANGED = object()


class AtomicRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: Any = None, **kwargs: Any) -> None:
        # Rasa builds a custom lock store from its endpoint; tests pass the settings directly.
        if endpoint_config is not None:
            kwargs = {"host": endpoint_config.url or "localhost", **endpoint_config.kwargs}
        super().__init__(**kwargs)

    def _change(
        self, conversation_id: str, change: Callable[[TicketLock | None], tuple[Any, T]]
    ) -> T:
        """Apply ``change`` to the stored lock atomically.

        ``change`` gets the lock (or None) and returns (new lock, result); a new lock of None
        deletes it, ``_UNCHANGED`` writes nothing.
        """
        import redis

        key = self.key_prefix + conversation_id
        with self.red.pipeline() as pipe:
            while True:
                try:
                    pipe.watch(key)
                    raw = pipe.get(key)
                    lock = TicketLock.from_dict(json.loads(raw)) if raw else None
                    new_lock, result = change(lock)
                    pipe.multi()
                    if new_lock is None:
                        pipe.delete(key)
                    elif new_lock is not _UNCHANGED:
                        pipe.set(key, new_lock.dumps(), ex=self._expiry(new_lock))
                    pipe.execute()
                    return result
                except redis.WatchError:
                    continue  # another server changed the lock first: read it again

    @staticmethod
    def _expiry(lock: TicketLock) -> int:
        """Seconds until the last ticket expires, plus a margin."""
        import time

        last = max((t.expires for t in lock.tickets), default=time.time() + LOCK_LIFETIME)
        return max(1, math.ceil(last - time.time()) + 5)

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def issue(lock: TicketLock | None) -> tuple[TicketLock, int]:
            lock = lock or self.create_lock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime)

        try:
            return self._change(conversation_id, issue)
        except Exception as error:
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error

    def update_lock(self, conversation_id: str) -> None:
        def drop_expired(lock: TicketLock | None) -> tuple[Any, None]:
            if lock is None:
                return _UNCHANGED, None
            lock.remove_expired_tickets()
            return lock, None

        self._change(conversation_id, drop_expired)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        self.cleanup(conversation_id, ticket_number)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Hand in the ticket; remove the lock only if nobody else holds a ticket for it."""

        def release(lock: TicketLock | None) -> tuple[Any, None]:
            if lock is None:
                return _UNCHANGED, None
            lock.remove_ticket_for(ticket_number)
            return (lock if lock.is_someone_waiting() else None), None

        self._change(conversation_id, release)
