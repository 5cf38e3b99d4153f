"""The coach's workflow on one intake: decision, notes, review status. Each change is audited
in the same transaction, so a change never exists without its audit entry (or vice versa)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.pii.masking import mask_personal
from bot.storage import audit
from bot.storage.audit import Actor
from bot.storage.errors import ValidationError
from bot.storage.models import REVIEW_STATUSES, ROUTES, Decision, Intake, Note, utcnow

MAX_TEXT = 5000


def _clean_text(text: str | None) -> str:
    return mask_personal((text or "").strip())[:MAX_TEXT]


def record_decision(
    session: Session,
    intake: Intake,
    actor: Actor,
    *,
    follow_advice: bool,
    chosen_route: str | None = None,
    reason: str | None = None,
) -> Decision:
    """Accept the advice, or choose another route with a mandatory reason."""
    advised = (intake.advice or {}).get("route")
    reason_text = _clean_text(reason)
    if follow_advice:
        if not advised:
            raise ValidationError("Er is nog geen advies om over te nemen. Kies een route.")
        route = advised
    else:
        route = (chosen_route or "").strip()
        if route not in ROUTES:
            raise ValidationError("Kies een route uit de lijst.")
        if not reason_text:
            raise ValidationError("Geef een reden waarom u een andere route kiest.")
    decision = Decision(
        intake_id=intake.id,
        user_id=actor.user_id,
        username=actor.name,
        advised_route=advised,
        chosen_route=route,
        follows_advice=route == advised,
        reason=reason_text or None,
        created_at=utcnow(),
    )
    session.add(decision)
    intake.decisions.append(decision)
    if intake.review_status == "nieuw":
        intake.review_status = "in_behandeling"
    if intake.first_reviewed_at is None:
        intake.first_reviewed_at = decision.created_at  # deciding implies having reviewed
    audit.record(
        session,
        actor,
        "decision",
        intake.sender_id,
        {"chosen_route": route, "advised_route": advised, "follows_advice": route == advised},
    )
    session.flush()
    return decision


def add_note(session: Session, intake: Intake, actor: Actor, text: str) -> Note:
    clean = _clean_text(text)
    if not clean:
        raise ValidationError("Een notitie mag niet leeg zijn.")
    note = Note(
        intake_id=intake.id,
        user_id=actor.user_id,
        username=actor.name,
        text=clean,
        created_at=utcnow(),
    )
    session.add(note)
    intake.notes.append(note)
    # The note's text stays out of the audit log: it may hold personal details.
    audit.record(session, actor, "note_added", intake.sender_id, {"length": len(clean)})
    session.flush()
    return note


def set_review_status(session: Session, intake: Intake, actor: Actor, status: str) -> None:
    if status not in REVIEW_STATUSES:
        raise ValidationError("Onbekende status.")
    previous = intake.review_status
    if previous == status:
        return
    intake.review_status = status
    audit.record(
        session, actor, "review_status", intake.sender_id, {"from": previous, "to": status}
    )


def mark_viewed(session: Session, intake: Intake, actor: Actor, action: str = "view") -> None:
    """Audit a view; a klantbegeleider's first look starts the "time to first review" clock."""
    if actor.role == "klantbegeleider" and intake.first_reviewed_at is None:
        intake.first_reviewed_at = utcnow()
    audit.record(session, actor, action, intake.sender_id)


# Keep the set of valid review statuses importable from here for the web layer.
__all__ = ["REVIEW_STATUSES", "add_note", "mark_viewed", "record_decision", "set_review_status"]
