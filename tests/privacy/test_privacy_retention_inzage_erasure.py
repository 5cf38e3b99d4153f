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


def _complete_then_a_new_start(store: Store, sender: str = "p-7") -> None:
    """A complete intake the coach decided on, its conversation purged, then the same person
    writes again and a new intake starts (helper finding in issue 11)."""
    store.save_intake(sender, status="complete", profile={"name": "Ayse", "droombaan": "kapper"},
                      advice={"route": "jobcoaching"}, summary_text="Ayse wil kapper worden.",
                      transcript=TURNS)
    store.decide(sender, KB, follow_advice=True, chosen_route=None, reason="passend")
    store.save_intake(sender, status="incomplete", profile={"name": "Ayse"},
                      conversation_state={"slots": {"name": "Ayse"}})


def test_a_new_intake_never_overwrites_a_complete_one(store: Store) -> None:
    _complete_then_a_new_start(store)
    current = store.get_intake("p-7")
    assert current["status"] == "incomplete" and current["profile"] == {"name": "Ayse"}
    with store.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT sender_id, status, summary_text FROM intakes ORDER BY id")
        ).all()
    (earlier_id, status, summary), (now_id, *_rest) = rows
    assert earlier_id.startswith("p-7#") and now_id == "p-7"
    assert status == "complete" and summary == "Ayse wil kapper worden."
    assert store.get_intake(earlier_id)["advice"] == {"route": "jobcoaching"}
    with store.engine.connect() as conn:
        decided = conn.execute(text(
            "SELECT i.sender_id FROM decisions d JOIN intakes i ON i.id = d.intake_id"
        )).scalar_one()
    assert decided == earlier_id  # the coach's decision stays with the intake it was about
    # The new intake goes on as one intake: a second save updates it.
    store.save_intake("p-7", status="incomplete", profile={"name": "Ayse", "age": 30})
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM intakes")).scalar_one() == 2


def test_inzage_and_erasure_include_the_earlier_intakes(store: Store) -> None:
    _complete_then_a_new_start(store)
    _complete_then_a_new_start(store, "p-70")  # "p-7" must not reach this person
    document = export_person(store, "p-7", ADMIN)
    (earlier,) = document["earlier_intakes"]
    assert earlier["intake"]["summary_text"] == "Ayse wil kapper worden."
    assert earlier["transcript"] == TURNS
    report = erase_person(store, "p-7", ADMIN)
    assert report["intakes"] == 2 and report["decisions"] == 1
    with store.engine.connect() as conn:
        ids = {r[0] for r in conn.execute(text("SELECT sender_id FROM intakes"))}
        logged = {r[0] for r in conn.execute(text("SELECT sender_id FROM audit_log"))}
    assert ids and all(i == "p-70" or i.startswith("p-70#") for i in ids)
    assert not any(i and i.startswith("p-7#") for i in logged)
