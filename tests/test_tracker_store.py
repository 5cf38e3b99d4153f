"""Rasa's SQL tracker store with our cache (components/tracker_store.py), on SQLite and
PostgreSQL: two stores on one database stand for two Rasa servers."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
import yaml
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import create_engine, text

from bot.privacy import tracker as tracker_cleanup
from components.tracker_store import CachedSQLTrackerStore
from tests.fixtures_db import BACKENDS, postgres_url  # noqa: F401 (fixture)

DOMAIN = Domain.load("domain.yml")


def run(coro):  # noqa: ANN001, ANN201
    return asyncio.run(coro)


@pytest.fixture(params=BACKENDS)
def tracker_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'tracker.sqlite3'}"
    url = request.getfixturevalue("postgres_url")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS events"))
    engine.dispose()
    return url


def store(url: str, **kwargs) -> CachedSQLTrackerStore:  # noqa: ANN003
    return CachedSQLTrackerStore(DOMAIN, host=url, **kwargs)


def turn(tracker: DialogueStateTracker, said: str, slot: str | None = None, value=None) -> None:
    """One chat turn: the person says something, the bot sets a slot and answers."""
    tracker.update(UserUttered(said, {"name": "inform", "confidence": 1.0}))
    if slot:
        tracker.update(SlotSet(slot, value))
    tracker.update(BotUttered(f"antwoord op {said}"))
    tracker.update(ActionExecuted("action_listen"))


def new_tracker(sender: str) -> DialogueStateTracker:
    return DialogueStateTracker.from_events(
        sender,
        [ActionExecuted("action_session_start"), SessionStarted(),
         ActionExecuted("action_listen")],
        DOMAIN.slots,
    )


def dicts(tracker: DialogueStateTracker | None) -> list[dict]:
    assert tracker is not None
    return [e.as_dict() for e in tracker.events]


def stored_rows(url: str, sender: str) -> list[dict]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                text("SELECT data FROM events WHERE sender_id = :s ORDER BY id"), {"s": sender}
            ).all()
    finally:
        engine.dispose()
    return [json.loads(d) for (d,) in rows]


def test_saved_conversation_comes_back_equal_and_a_turn_in_progress_does_not_leak(
    tracker_url: str,
) -> None:
    one = store(tracker_url)
    tracker = new_tracker("a")
    turn(tracker, "Samira", "name", "Samira")
    run(one.save(tracker))
    back = run(one.retrieve("a"))
    # What Rasa's own SQL store gives: the latest session, from its session start on.
    assert dicts(back) == dicts(run(SQLTrackerStore(DOMAIN, host=tracker_url).retrieve("a")))
    assert dicts(back) == dicts(tracker)[1:] and back.get_slot("name") == "Samira"
    back.update(SlotSet("name", "Ali"))  # changed, never saved
    assert run(one.retrieve("a")).get_slot("name") == "Samira"
    assert run(one.retrieve("nobody")) is None


def test_rows_are_rasas_own_format_both_ways(tracker_url: str) -> None:
    ours, rasas = store(tracker_url), SQLTrackerStore(DOMAIN, host=tracker_url)
    tracker = new_tracker("a")
    turn(tracker, "hoi", "name", "Sam")
    run(ours.save(tracker))
    assert dicts(run(rasas.retrieve("a"))) == dicts(run(ours.retrieve("a")))
    tracker = run(rasas.retrieve("a"))
    turn(tracker, "23", "age", 23)
    run(rasas.save(tracker))  # Rasa's own store goes on with the conversation
    assert dicts(run(ours.retrieve("a"))) == dicts(tracker)
    assert stored_rows(tracker_url, "a")[-4]["text"] == "23"


def test_two_servers_on_one_database_see_each_others_turns(tracker_url: str) -> None:
    first, second = store(tracker_url), store(tracker_url)
    tracker = new_tracker("a")
    turn(tracker, "hoi")
    run(first.save(tracker))
    for number in range(6):  # the turns alternate between the two servers
        server = second if number % 2 == 0 else first
        current = run(server.retrieve("a"))
        turn(current, f"antwoord {number}", "age", 20 + number)
        run(server.save(current))
    final_first, final_second = run(first.retrieve("a")), run(second.retrieve("a"))
    assert dicts(final_first) == dicts(final_second)
    assert final_first.get_slot("age") == 25
    users = [e["text"] for e in stored_rows(tracker_url, "a") if e["event"] == "user"]
    assert users == ["hoi", *[f"antwoord {n}" for n in range(6)]]  # each stored once


def test_erasure_by_another_process_is_final_for_every_server(tracker_url: str) -> None:
    first, second = store(tracker_url), store(tracker_url)
    tracker = new_tracker("a")
    turn(tracker, "mijn naam is Samira", "name", "Samira")
    run(first.save(tracker))
    assert run(second.retrieve("a")) is not None  # both servers hold it in their cache
    assert tracker_cleanup.delete_events(tracker_url, sender_id="a") == len(tracker.events)
    assert run(first.retrieve("a")) is None
    assert run(second.retrieve("a")) is None
    fresh = new_tracker("a")  # a later message starts a fresh conversation
    turn(fresh, "hoi")
    run(second.save(fresh))
    assert run(first.retrieve("a")).get_slot("name") is None


def test_an_erasure_during_a_turn_is_not_undone_by_the_save(tracker_url: str) -> None:
    one = store(tracker_url)
    tracker = new_tracker("a")
    turn(tracker, "Samira", "name", "Samira")
    run(one.save(tracker))
    current = run(one.retrieve("a"))
    tracker_cleanup.delete_events(tracker_url, sender_id="a")  # while the turn runs
    turn(current, "23", "age", 23)
    run(one.save(current))
    assert stored_rows(tracker_url, "a") == []
    assert run(one.retrieve("a")) is None


def test_only_the_latest_session_is_given_and_saving_adds_only_new_events(
    tracker_url: str,
) -> None:
    one = store(tracker_url)
    tracker = new_tracker("a")
    turn(tracker, "Samira", "name", "Samira")
    run(one.save(tracker))
    # A new session (after a pause): Rasa appends a session start with the carried slots.
    current = run(one.retrieve("a"))
    for event in [ActionExecuted("action_session_start"), SessionStarted(),
                  SlotSet("name", "Samira"), ActionExecuted("action_listen")]:
        current.update(event)
    run(one.save(current))
    latest = run(one.retrieve("a"))
    assert not any(isinstance(e, UserUttered) for e in latest.events)  # the earlier session
    assert latest.get_slot("name") == "Samira"
    turn(latest, "23", "age", 23)
    run(one.save(latest))
    full = run(one.retrieve_full_tracker("a"))
    users = [e.text for e in full.events if isinstance(e, UserUttered)]
    assert users == ["Samira", "23"]
    assert len(stored_rows(tracker_url, "a")) == len(full.events)
    # The same as Rasa's own store gives for the latest session.
    rasas = SQLTrackerStore(DOMAIN, host=tracker_url)
    assert dicts(run(one.retrieve("a"))) == dicts(run(rasas.retrieve("a")))


def test_bsn_and_iban_are_masked_in_the_stored_events(tracker_url: str) -> None:
    one = store(tracker_url)
    tracker = new_tracker("a")
    turn(tracker, "mijn bsn is 111222333 en mijn iban NL91 ABNA 0417 1643 00, bel 0612345678",
         "contact", "0612345678")
    run(one.save(tracker))
    raw = json.dumps(stored_rows(tracker_url, "a"))
    assert "111222333" not in raw and "0417" not in raw
    assert "[BSN verwijderd]" in raw and "[IBAN verwijderd]" in raw
    assert "0612345678" in raw  # the contact answer the intake asks for stays
    # Another server reads the masked text; the slots are intact.
    other = run(store(tracker_url).retrieve("a"))
    assert other.get_slot("contact") == "0612345678"


def test_the_cache_stays_small(tracker_url: str) -> None:
    one = store(tracker_url, max_cached_conversations=2)
    for sender in ("a", "b", "c"):
        tracker = new_tracker(sender)
        turn(tracker, "hoi")
        run(one.save(tracker))
    assert list(one._cache) == ["b", "c"]
    assert run(one.retrieve("a")) is not None  # read from the database again
    assert sorted(run(one.keys())) == ["a", "b", "c"]
    run(one.delete("a"))
    assert run(one.retrieve("a")) is None and sorted(run(one.keys())) == ["b", "c"]


def test_endpoints_configure_rasas_stores() -> None:
    single = yaml.safe_load(Path("endpoints.yml").read_text(encoding="utf-8"))
    scaled = yaml.safe_load(Path("endpoints.scale.yml").read_text(encoding="utf-8"))
    for config in (single, scaled):
        assert config["tracker_store"]["type"] == "components.tracker_store.CachedSQLTrackerStore"
    assert "lock_store" not in single  # one server: Rasa's in-memory lock
    assert scaled["lock_store"]["type"] == "components.lock_store.AtomicRedisLockStore"


def test_the_fingerprint_kept_after_a_save_is_the_databases(tracker_url: str) -> None:
    one = store(tracker_url)
    tracker = new_tracker("a")
    for number in range(3):
        turn(tracker, f"antwoord {number}", "age", number)
        run(one.save(tracker))
        with one.engine.connect() as conn:
            assert one._cache["a"].fingerprint == one._fingerprint(conn, "a")
        tracker = run(one.retrieve("a"))
