"""The login slowdown itself: doubling lockout, reset, and the Redis backend (db 15)."""

from __future__ import annotations

import os

import pytest

from bot.web.throttle import LoginThrottle, MemoryBackend, RedisBackend


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def exercise(throttle: LoginThrottle, clock: Clock) -> None:
    ip = "10.0.0.1"
    for _ in range(2):
        assert throttle.failure("kim", ip) == 0
    assert throttle.wait_seconds("kim", ip) == 0
    assert throttle.failure("kim", ip) == 30  # third failure: locked 30 s
    assert throttle.wait_seconds("kim", ip) == 30
    assert throttle.wait_seconds("kim", "10.0.0.2") == 0  # per username + IP
    assert throttle.wait_seconds("other", ip) == 0
    clock.now += 31
    assert throttle.wait_seconds("kim", ip) == 0
    assert throttle.failure("KIM", ip) == 60  # doubles, username case-insensitive
    clock.now += 61
    assert throttle.failure("kim", ip) == 120
    for _ in range(10):
        throttle.failure("kim", ip)
    assert throttle.wait_seconds("kim", ip) == 15 * 60  # capped
    throttle.success("kim", ip)
    assert throttle.wait_seconds("kim", ip) == 0
    throttle.failure("kim", ip)
    clock.now += 16 * 60  # a quiet quarter of an hour forgets old failures
    assert throttle.failure("kim", ip) == 0


def test_memory_backend() -> None:
    clock = Clock()
    exercise(LoginThrottle(MemoryBackend(), max_failures=3, base_seconds=30,
                           address_max_failures=100, clock=clock), clock)


@pytest.mark.redis
def test_redis_backend() -> None:
    import redis

    if os.environ.get("SKIP_REDIS") == "1":
        pytest.skip("SKIP_REDIS=1")
    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    client = redis.Redis.from_url(url)
    try:
        client.ping()
    except redis.RedisError as exc:
        pytest.fail(f"Redis not reachable at {url}: {exc}", pytrace=False)
    backend = RedisBackend(url)
    backend.PREFIX = f"intake:test:{os.getpid()}:"
    clock = Clock()
    try:
        exercise(LoginThrottle(backend, max_failures=3, base_seconds=30,
                               address_max_failures=100, clock=clock), clock)
        key = LoginThrottle(backend).key("kim", "10.0.0.1")
        assert client.ttl(backend.PREFIX + key) > 0  # counters expire by themselves
        # A second throttle (another worker) sees the same counters.
        other = LoginThrottle(RedisBackend(url), max_failures=3, base_seconds=30, clock=clock)
        other.backend.PREFIX = backend.PREFIX
        for _ in range(3):
            other.failure("eva", "10.0.0.9")
        throttle = LoginThrottle(backend, max_failures=3, base_seconds=30, clock=clock)
        assert throttle.wait_seconds("eva", "10.0.0.9") == 30
    finally:
        for name in client.scan_iter(match=backend.PREFIX + "*"):
            client.delete(name)
        client.close()


def test_redis_down_falls_back_to_memory() -> None:
    backend = RedisBackend("redis://127.0.0.1:1/15")
    clock = Clock()
    throttle = LoginThrottle(backend, max_failures=1, base_seconds=30, clock=clock)
    assert throttle.failure("kim", "ip") == 30
    assert throttle.wait_seconds("kim", "ip") == 30


def test_one_address_over_all_usernames() -> None:
    clock = Clock()
    throttle = LoginThrottle(MemoryBackend(), max_failures=5, base_seconds=30, clock=clock)
    for n in range(19):  # 4 x 5 failures, each with another username: the 20th locks
        assert throttle.failure(f"user{n}", "10.0.0.7") == 0
    assert throttle.failure("user19", "10.0.0.7") == 30
    assert throttle.wait_seconds("kim", "10.0.0.7") == 30  # every username from that address
    assert throttle.wait_seconds("kim", "10.0.0.8") == 0  # not another address


def test_database_backend_is_shared_and_kept(store) -> None:  # noqa: ANN001
    from bot.web.throttle import DatabaseBackend

    clock = Clock()
    exercise(LoginThrottle(DatabaseBackend(store), max_failures=3, base_seconds=30,
                           address_max_failures=100, clock=clock), clock)
    first = LoginThrottle(DatabaseBackend(store), max_failures=3, base_seconds=30, clock=clock)
    for _ in range(3):
        first.failure("eva", "10.0.0.9")
    second = LoginThrottle(DatabaseBackend(store), max_failures=3, base_seconds=30, clock=clock)
    assert second.wait_seconds("eva", "10.0.0.9") == 30


def test_database_down_falls_back_to_memory() -> None:
    from bot.storage import Store
    from bot.web.throttle import DatabaseBackend

    store = Store("postgresql://postgres:secret@127.0.0.1:1/x")
    throttle = LoginThrottle(DatabaseBackend(store), max_failures=1, base_seconds=30,
                             clock=Clock())
    assert throttle.failure("kim", "ip") == 30
    assert throttle.wait_seconds("kim", "ip") == 30
