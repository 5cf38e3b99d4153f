"""Turn rows into the plain dicts the chat, the API (contract §4) and the templates use."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from bot.storage.models import Decision, Intake, Note


def iso(value: datetime | None) -> str | None:
    """ISO 8601 in UTC with an explicit offset, e.g. ``2025-01-31T09:15:00+00:00``."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc).isoformat(timespec="seconds")


def decision_to_dict(decision: Decision) -> dict[str, Any]:
    return {
        "id": decision.id,
        "chosen_route": decision.chosen_route,
        "advised_route": decision.advised_route,
        "follows_advice": decision.follows_advice,
        "reason": decision.reason,
        "by": decision.username,
        "created_at": iso(decision.created_at),
    }


def note_to_dict(note: Note) -> dict[str, Any]:
    return {
        "id": note.id,
        "text": note.text,
        "by": note.username,
        "created_at": iso(note.created_at),
    }


def intake_to_dict(intake: Intake, *, with_history: bool = False) -> dict[str, Any]:
    """Contract §4 keys first, then extras (never the transcript: see ``get_transcript``)."""
    latest = intake.decisions[-1] if intake.decisions else None
    data: dict[str, Any] = {
        "sender_id": intake.sender_id,
        "status": intake.status,
        "profile": intake.profile or {},
        "advice": intake.advice,
        "summary_text": intake.summary_text,
        "created_at": iso(intake.created_at),
        "updated_at": iso(intake.updated_at),
        "completed_at": iso(intake.completed_at),
        "urgent": bool(intake.urgent),
        "review_status": intake.review_status,
        "respondent": intake.respondent,
        "school_name": intake.school_name,
        "route": intake.route,
        "decision": decision_to_dict(latest) if latest else None,
        "first_reviewed_at": iso(intake.first_reviewed_at),
        "transcript_available": intake.transcript is not None,
        "transcript_purged_at": iso(intake.transcript_purged_at),
    }
    if with_history:
        data["decisions"] = [decision_to_dict(d) for d in intake.decisions]
        data["notes"] = [note_to_dict(n) for n in intake.notes]
    return data
