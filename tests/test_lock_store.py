"""Rasa's Redis lock store with atomic changes (components/lock_store.py), on the real Redis
at 127.0.0.1:6379: two stores stand for two Rasa servers."""

from __future__ import annotations

import asyncio
import threading
import uuid

import pytest
import redis

from components.lock_store import AtomicRedisLockStore

pytestmark = pytest.mark.redis


@pytest.fixture
def servers():
    try:
        redis.Redis(host="127.0.0.1", port=6379, socket_timeout=2).ping()
    except redis.ConnectionError:
        pytest.fail("Redis is not running at 127.0.0.1:6379 (scripts/setup.sh --test starts it)")
    prefix = "test" + uuid.uuid4().hex[:8]
    stores = [AtomicRedisLockStore(host="127.0.0.1", port=6379, db=5, key_prefix=prefix)
              for _ in range(2)]
    yield stores
    for key in stores[0].red.scan_iter(f"{prefix}:*"):
        stores[0].red.delete(key)


def test_tickets_issued_at_the_same_moment_by_two_servers_are_all_different(servers) -> None:
    tickets: list[int] = []
    start = threading.Barrier(16)

    def issue(store: AtomicRedisLockStore) -> None:
        start.wait()
        for _ in range(10):
            tickets.append(store.issue_ticket("person-1"))

    threads = [threading.Thread(target=issue, args=(servers[i % 2],)) for i in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(tickets) == list(range(160))
    lock = servers[0].get_lock("person-1")
    assert len(lock.tickets) == 160


def test_one_persons_messages_on_two_servers_are_handled_one_at_a_time(servers) -> None:
    inside: list[str] = []
    overlaps: list[bool] = []

    async def message(store: AtomicRedisLockStore, name: str) -> None:
        async with store.lock("person-2", wait_time_in_seconds=0.01):
            overlaps.append(bool(inside))
            inside.append(name)
            await asyncio.sleep(0.05)
            inside.remove(name)

    async def main() -> None:
        await asyncio.gather(*(message(servers[i % 2], f"m{i}") for i in range(8)))

    asyncio.run(main())
    assert overlaps == [False] * 8
    assert servers[0].get_lock("person-2") is None  # released when nobody waits


def test_a_release_keeps_the_lock_of_someone_still_waiting(servers) -> None:
    first = servers[0].issue_ticket("person-3")
    second = servers[1].issue_ticket("person-3")
    servers[0].cleanup("person-3", first)
    lock = servers[1].get_lock("person-3")
    assert lock is not None and [t.number for t in lock.tickets] == [second]
    assert not lock.is_locked(second)  # the waiting message goes ahead now
    servers[1].cleanup("person-3", second)
    assert servers[0].get_lock("person-3") is None


def test_a_lock_left_by_a_dead_server_expires(servers) -> None:
    servers[0].issue_ticket("person-4", lock_lifetime=30)
    ttl = servers[0].red.ttl(servers[0].key_prefix + "person-4")
    assert 0 < ttl <= 36
