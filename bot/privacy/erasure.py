"""Erasure of one person's data on request (AVG art. 17).

Deletes the intake with its transcript, resume state, decisions and notes. Audit entries stay,
because the municipality must be able to account for what happened, but their link to the
person is replaced by a one-way pseudonym. The erasure itself is logged under that pseudonym.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from bot.privacy import tracker
from bot.storage import Store, audit, intakes
from bot.storage.audit import Actor
from bot.storage.engine import checkpoint
from bot.storage.models import AuditEntry
from bot.storage.outbox import Outbox


def erase_person(
    store: Store, sender_id: str, actor: Actor, *, tracker_url: str | None = None,
    dry_run: bool = False,
) -> dict[str, Any]:
    tracker_events = None
    tracker_id, sender_id = sender_id, store.key(sender_id)
    if tracker_url:
        # First, and outside the store's transaction (SQLite: it may be the same file).
        tracker_events = tracker.delete_events(tracker_url, sender_id=tracker_id, dry_run=dry_run)
    with store.transaction() as session:
        # The current intake and any earlier ones of this person (bot/storage/intakes.py).
        found = intakes.find_person(session, sender_id)
        report: dict[str, Any] = {
            "sender_id": audit.pseudonym(sender_id),
            "found": bool(found),
            "intakes": len(found),
            "decisions": sum(len(i.decisions) for i in found),
            "notes": sum(len(i.notes) for i in found),
            "transcript": any(i.transcript is not None for i in found),
            "dry_run": dry_run,
        }
        if dry_run:
            report["audit_entries"] = int(session.execute(
                select(func.count(AuditEntry.id)).where(AuditEntry.sender_id == sender_id)
            ).scalar_one())
        else:
            earlier = [i.sender_id for i in found if i.sender_id != sender_id]
            for intake in found:
                session.delete(intake)
            session.flush()
            report["audit_entries"] = audit.pseudonymise(session, sender_id, *earlier)
        if tracker_events is not None:
            report["tracker_events"] = tracker_events
        if not dry_run:
            audit.record(session, actor, "erasure", audit.pseudonym(sender_id),
                         {k: v for k, v in report.items() if k != "sender_id"})
    if not dry_run:
        # A save of this person still waiting for the database would bring them back.
        Outbox().take(tracker_id)
        checkpoint(store.engine)
    return report
