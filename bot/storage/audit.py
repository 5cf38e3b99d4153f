"""The audit log: who viewed or changed what, and when (AVG accountability)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.storage.models import AuditEntry, utcnow
from bot.storage.serialize import iso


@dataclass(frozen=True)
class Actor:
    """Who does something: a workspace user, the API client ("api") or a job ("system")."""

    name: str
    role: str | None = None
    user_id: int | None = None
    ip: str | None = None
    school_name: str | None = None


API_ACTOR = Actor(name="api", role="api")
SYSTEM_ACTOR = Actor(name="system", role="system")


def record(
    session: Session,
    actor: Actor,
    action: str,
    sender_id: str | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    """Add an audit entry to the caller's transaction (it commits or rolls back with it)."""
    session.add(
        AuditEntry(
            created_at=utcnow(),
            actor=actor.name[:100],
            actor_role=actor.role,
            action=action,
            sender_id=sender_id,
            detail=detail or None,
            ip=(actor.ip or None) and actor.ip[:64],
        )
    )


def pseudonym(sender_id: str) -> str:
    """What an erased person's id becomes in the audit log: stable, but not reversible."""
    return "gewist:" + hashlib.sha256(sender_id.encode("utf-8")).hexdigest()[:16]


def pseudonymise(session: Session, sender_id: str, *also: str) -> int:
    """Replace the person's id in the log by its pseudonym; ``also``: the ids of their earlier
    intakes ("<sender id>#<row id>"), which get the person's pseudonym too."""
    count = 0
    for stored in (sender_id, *also):
        result = session.execute(
            update(AuditEntry)
            .where(AuditEntry.sender_id == stored)
            .values(sender_id=pseudonym(sender_id))
        )
        count += result.rowcount or 0
    return count


def entry_to_dict(entry: AuditEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "created_at": iso(entry.created_at),
        "actor": entry.actor,
        "actor_role": entry.actor_role,
        "action": entry.action,
        "sender_id": entry.sender_id,
        "detail": entry.detail,
        "ip": entry.ip,
    }


def list_entries(
    session: Session,
    *,
    sender_id: str | None = None,
    actor: str | None = None,
    action: str | None = None,
    since: datetime | None = None,
    limit: int = 200,
    offset: int = 0,
) -> list[dict[str, Any]]:
    query = select(AuditEntry).order_by(AuditEntry.id.desc())
    if sender_id:
        query = query.where(AuditEntry.sender_id == sender_id)
    if actor:
        query = query.where(AuditEntry.actor == actor)
    if action:
        query = query.where(AuditEntry.action == action)
    if since:
        query = query.where(AuditEntry.created_at >= since)
    rows = session.execute(query.limit(limit).offset(offset)).scalars().all()
    return [entry_to_dict(row) for row in rows]
