"""Slow down password guessing: after repeated failures, a lockout window that doubles.

Counted per username + client IP, so one attacker cannot lock a colleague out from
elsewhere. The first ``max_failures`` failures cost nothing; then each further failure locks
that pair for ``base_seconds`` × 2^(n − max_failures), at most 15 minutes. A success or 15
quiet minutes reset the count. One address trying many usernames (password spraying) is
counted too, over all usernames, with ``address_max_failures``. The counters live in the
database (shared by every web app, kept over a restart), or in Redis with ``REDIS_URL``;
if either is unreachable, this process's memory is used and a warning logged.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

log = logging.getLogger(__name__)

MAX_LOCK_SECONDS = 15 * 60
RESET_AFTER_SECONDS = 15 * 60


@dataclass
class FailureRecord:
    failures: int = 0
    last_failure: float = 0.0


class Backend(Protocol):
    def get(self, key: str) -> FailureRecord: ...

    def put(self, key: str, record: FailureRecord) -> None: ...

    def clear(self, key: str) -> None: ...


class MemoryBackend:
    def __init__(self) -> None:
        self._data: dict[str, FailureRecord] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> FailureRecord:
        with self._lock:
            record = self._data.get(key)
            if record is None:
                return FailureRecord()
            return FailureRecord(record.failures, record.last_failure)

    def put(self, key: str, record: FailureRecord) -> None:
        with self._lock:
            if len(self._data) > 10_000:  # bound memory under a spray of usernames
                self._data.clear()
            self._data[key] = record

    def clear(self, key: str) -> None:
        with self._lock:
            self._data.pop(key, None)


class RedisBackend:
    """Counters in Redis. If Redis is unreachable, fall back to this process's memory (logged)
    rather than locking everybody out of the workspace."""

    PREFIX = "intake:login-failures:"

    def __init__(self, url: str) -> None:
        import redis

        self._errors = (redis.RedisError, OSError)
        self._redis = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        self._fallback = MemoryBackend()

    def _key(self, key: str) -> str:
        return self.PREFIX + key

    def _warn(self, exc: BaseException) -> None:
        log.warning("Redis unreachable for login throttling, using memory: %s", exc)

    def get(self, key: str) -> FailureRecord:
        try:
            data = self._redis.hgetall(self._key(key))
        except self._errors as exc:
            self._warn(exc)
            return self._fallback.get(key)
        if not data:
            return self._fallback.get(key)
        return FailureRecord(int(data.get(b"failures", 0)), float(data.get(b"last", 0.0)))

    def put(self, key: str, record: FailureRecord) -> None:
        name = self._key(key)
        try:
            pipe = self._redis.pipeline()
            pipe.hset(name, mapping={"failures": record.failures, "last": record.last_failure})
            pipe.expire(name, MAX_LOCK_SECONDS + RESET_AFTER_SECONDS)
            pipe.execute()
        except self._errors as exc:
            self._warn(exc)
            self._fallback.put(key, record)

    def clear(self, key: str) -> None:
        self._fallback.clear(key)
        try:
            self._redis.delete(self._key(key))
        except self._errors as exc:
            self._warn(exc)


class DatabaseBackend:
    """Counters in our database (table ``login_failures``)."""

    def __init__(self, store: Any) -> None:
        self._store = store
        self._fallback = MemoryBackend()

    def _warn(self, exc: BaseException) -> None:
        log.warning("database unreachable for login throttling, using memory: %s", exc)

    def get(self, key: str) -> FailureRecord:
        from bot.storage.models import LoginFailure

        try:
            with self._store.transaction() as session:
                row = session.get(LoginFailure, key)
                if row is None:
                    return self._fallback.get(key)
                return FailureRecord(int(row.failures), float(row.last_failure))
        except Exception as exc:  # storage down: never lock everybody out
            self._warn(exc)
            return self._fallback.get(key)

    def put(self, key: str, record: FailureRecord) -> None:
        from bot.storage.models import LoginFailure

        try:
            with self._store.transaction() as session:
                row = session.get(LoginFailure, key)
                if row is None:
                    session.add(LoginFailure(key=key, failures=record.failures,
                                             last_failure=record.last_failure))
                else:
                    row.failures, row.last_failure = record.failures, record.last_failure
                # Old counters are of no use: keep the table small.
                session.query(LoginFailure).filter(
                    LoginFailure.last_failure < record.last_failure - 2 * MAX_LOCK_SECONDS
                    - RESET_AFTER_SECONDS
                ).delete(synchronize_session=False)
        except Exception as exc:
            self._warn(exc)
            self._fallback.put(key, record)

    def clear(self, key: str) -> None:
        from bot.storage.models import LoginFailure

        self._fallback.clear(key)
        try:
            with self._store.transaction() as session:
                session.query(LoginFailure).filter(LoginFailure.key == key).delete()
        except Exception as exc:
            self._warn(exc)


class LoginThrottle:
    def __init__(
        self,
        backend: Backend,
        *,
        max_failures: int = 5,
        base_seconds: int = 30,
        address_max_failures: int | None = None,
        namespace: str = "login",
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.backend = backend
        self.namespace = namespace
        self.max_failures = max_failures
        self.base_seconds = base_seconds
        # Failures from one address over all usernames before that address slows down.
        self.address_max_failures = address_max_failures or 4 * max_failures
        self.clock = clock

    def key(self, username: str, ip: str | None) -> str:
        # Hashed: usernames typed by attackers should not end up readable in the store.
        prefix = "" if self.namespace == "login" else f"{self.namespace}|"
        raw = f"{prefix}{(username or '').strip().lower()}|{ip or '-'}"
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()

    def address_key(self, ip: str | None) -> str:
        return hashlib.sha256(f"{self.namespace}|address|{ip or '-'}".encode()).hexdigest()

    def _current(self, key: str, limit: int) -> FailureRecord:
        record = self.backend.get(key)
        if record.failures and self.clock() - record.last_failure > RESET_AFTER_SECONDS + \
                self._lock_seconds(record.failures, limit):
            self.backend.clear(key)
            return FailureRecord()
        return record

    def _lock_seconds(self, failures: int, limit: int | None = None) -> float:
        limit = limit or self.max_failures
        if failures < limit:
            return 0.0
        return float(min(MAX_LOCK_SECONDS, self.base_seconds * 2 ** (failures - limit)))

    def _counters(self, username: str, ip: str | None) -> list[tuple[str, int]]:
        return [(self.key(username, ip), self.max_failures),
                (self.address_key(ip), self.address_max_failures)]

    def wait_seconds(self, username: str, ip: str | None) -> int:
        """Seconds until this username + IP may try again (0: now)."""
        waits = [0.0]
        for key, limit in self._counters(username, ip):
            record = self._current(key, limit)
            waits.append(record.last_failure + self._lock_seconds(record.failures, limit)
                         - self.clock())
        return max(0, int(max(waits) + 0.999))

    def failure(self, username: str, ip: str | None) -> int:
        """Count a failed attempt; returns the lockout in seconds that now applies."""
        locks = []
        for key, limit in self._counters(username, ip):
            record = self._current(key, limit)
            record.failures += 1
            record.last_failure = self.clock()
            self.backend.put(key, record)
            locks.append(self._lock_seconds(record.failures, limit))
        return int(max(locks))

    def success(self, username: str, ip: str | None) -> None:
        self.backend.clear(self.key(username, ip))


def make_backend(redis_url: str | None, store: Any | None) -> Backend:
    if redis_url:
        return RedisBackend(redis_url)
    return DatabaseBackend(store) if store is not None else MemoryBackend()


def make_throttle(redis_url: str | None, max_failures: int, base_seconds: int,
                  store: Any | None = None, namespace: str = "login") -> LoginThrottle:
    return LoginThrottle(make_backend(redis_url, store), max_failures=max_failures,
                         base_seconds=base_seconds, namespace=namespace)
