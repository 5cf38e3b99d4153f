"""Retention purge, inzage export and erasure (SQLite + PostgreSQL)."""

from __future__ import annotations

from datetime import timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text

from bot.privacy.erasure import erase_person
from bot.privacy.inzage import export_person
from bot.privacy.retention import purge
from bot.settings import RetentionDefaults
from bot.storage import Actor, NotFound, Store
from bot.storage.audit import pseudonym
from bot.storage.models import Intake, Transcript, utcnow

DEFAULTS = RetentionDefaults(transcript_days=30, incomplete_days=30, summary_days=365,
                             audit_days=730)
KB = Actor("kim", "klantbegeleider")
ADMIN = Actor("beheer", "beheerder")
TURNS = [{"role": "user", "text": "hoi", "ts": "2025-01-01T10:00:00+00:00"}]


def age(store: Store, sender_id: str, days: int) -> None:
    """Pretend the last chat activity was ``days`` ago."""
    moment = utcnow() - timedelta(days=days)
    with store.transaction() as session:
        intake = session.execute(select(Intake).where(Intake.sender_id == sender_id)).scalar_one()
        intake.updated_at = moment
        intake.created_at = moment
        if intake.transcript is not None:
            intake.transcript.updated_at = moment


def seed(store: Store) -> None:
    store.save_intake("fresh", status="complete", profile={"name": "A"}, advice={"route": "ips"},
                      summary_text="s", transcript=TURNS, conversation_state={"x": 1})
    store.save_intake("old_complete", status="complete", profile={"name": "B"},
                      advice={"route": "ips"}, summary_text="s", transcript=TURNS,
                      conversation_state={"x": 1})
    store.save_intake("old_incomplete", status="incomplete", profile={"name": "C"},
                      transcript=TURNS)
    store.save_intake("old_incomplete_worked_on", status="incomplete", profile={"name": "D"},
                      transcript=TURNS, urgent=True)
    store.add_note("old_incomplete_worked_on", KB, "gebeld, geen gehoor")
    store.save_intake("ancient", status="complete", profile={"name": "E"}, advice={"route": "ips"})
    age(store, "old_complete", 40)
    age(store, "old_incomplete", 40)
    age(store, "old_incomplete_worked_on", 40)
    age(store, "ancient", 400)


def test_purge_applies_defaults(store: Store) -> None:
    seed(store)
    dry = purge(store, DEFAULTS, dry_run=True)
    assert (dry.incomplete_intakes, dry.summaries, dry.transcripts) == (1, 1, 2)
    assert store.count_intakes() == 5  # dry run changed nothing
    report = purge(store, DEFAULTS)
    assert report.as_dict() == {**dry.as_dict(), "dry_run": False}
    remaining = {d["sender_id"] for d in store.list_intakes()}
    assert remaining == {"fresh", "old_complete", "old_incomplete_worked_on"}
    old = store.get_intake("old_complete")
    assert old["summary_text"] == "s"  # summary kept
    assert old["transcript_available"] is False and old["transcript_purged_at"]
    assert store.get_transcript("old_complete") is None
    assert store.get_conversation_state("old_complete") is None
    assert store.get_transcript("fresh") == TURNS
    assert store.get_conversation_state("fresh") == {"x": 1}
    with store.transaction() as session:
        assert len(session.execute(select(Transcript)).all()) == 1
    assert store.audit_entries(action="purge")[0]["detail"]["summaries"] == 1
    again = purge(store, DEFAULTS)
    assert (again.summaries, again.incomplete_intakes, again.transcripts) == (0, 0, 0)


def test_purge_follows_beheerder_policy(store: Store) -> None:
    seed(store)
    store.update_retention({"transcript_days": 60, "summary_days": 3650}, ADMIN)
    report = purge(store, DEFAULTS)
    assert report.summaries == 0 and report.transcripts == 0
    assert report.incomplete_intakes == 1


def test_purge_removes_old_audit_entries(store: Store) -> None:
    store.record_audit(KB, "list")
    from bot.storage.models import AuditEntry

    with store.transaction() as session:
        for entry in session.execute(select(AuditEntry)).scalars():
            entry.created_at = utcnow() - timedelta(days=800)
    assert purge(store, DEFAULTS).audit_entries == 1


def test_inzage_export(store: Store) -> None:
    seed(store)
    store.decide("fresh", KB, follow_advice=False, chosen_route="wmo", reason="eerst wonen")
    store.view_intake("fresh", KB)
    document = export_person(store, "fresh", ADMIN)
    assert document["intake"]["profile"] == {"name": "A"}
    assert document["transcript"] == TURNS
    assert document["conversation_state"] == {"x": 1}
    assert document["intake"]["decisions"][0]["reason"] == "eerst wonen"
    assert {"decision", "view"} <= {e["action"] for e in document["access_log"]}
    assert "BSN" in document["explanation"]
    assert store.audit_entries(sender_id="fresh")[0]["action"] == "inzage_export"
    with pytest.raises(NotFound):
        export_person(store, "nobody", ADMIN)


def test_erasure(store: Store) -> None:
    seed(store)
    store.view_intake("fresh", KB)
    store.add_note("fresh", KB, "notitie")
    dry = erase_person(store, "fresh", ADMIN, dry_run=True)
    assert dry["found"] and store.get_intake("fresh") is not None
    report = erase_person(store, "fresh", ADMIN)
    assert report["found"] and report["notes"] == 1 and report["transcript"]
    assert store.get_intake("fresh") is None
    assert store.audit_entries(sender_id="fresh") == []
    pseudo = store.audit_entries(sender_id=pseudonym("fresh"))
    assert {"view", "note_added", "erasure"} <= {e["action"] for e in pseudo}
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM notes")).scalar_one() == 1  # other person
        assert conn.execute(text("SELECT COUNT(*) FROM transcripts")).scalar_one() == 3
    assert erase_person(store, "fresh", ADMIN)["found"] is False


def test_tracker_events_are_cleaned(store: Store, tmp_path: Path) -> None:
    tracker_url = f"sqlite:///{tmp_path / 'tracker.db'}"
    engine = create_engine(tracker_url)
    now = utcnow()
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id TEXT, "
                          "type_name TEXT, timestamp FLOAT, data TEXT)"))
        old = (now - timedelta(days=45)).replace(tzinfo=timezone.utc).timestamp()
        new = now.replace(tzinfo=timezone.utc).timestamp()
        # "a" chatted 45 days ago and today; "b" only today; "c" only 45 and 44 days ago.
        later = (now - timedelta(days=44)).replace(tzinfo=timezone.utc).timestamp()
        conn.execute(text("INSERT INTO events (sender_id, type_name, timestamp, data) VALUES "
                          "('a','user',:old,'{}'),('a','user',:new,'{}'),('b','user',:new,'{}'),"
                          "('c','user',:old,'{}'),('c','bot',:later,'{}')"),
                     {"old": old, "new": new, "later": later})
    assert purge(store, DEFAULTS, tracker_url=tracker_url, dry_run=True).tracker_events == 2
    # Only whole conversations whose last activity is past the period: "c".
    assert purge(store, DEFAULTS, tracker_url=tracker_url).tracker_events == 2
    store.save_intake("b", status="incomplete", profile={})
    assert erase_person(store, "b", ADMIN, tracker_url=tracker_url)["tracker_events"] == 1
    with engine.connect() as conn:
        assert conn.execute(text("SELECT sender_id FROM events")).scalars().all() == ["a", "a"]
    engine.dispose()
