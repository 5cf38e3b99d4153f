"""Which save a turn makes: progress as it stands, or complete with the advice worked out.

The record goes to the ``ChatStorage`` the turn was given; a storage failure never breaks the
chat, and the person is told the truth about a save that waits or failed.
"""

from __future__ import annotations

from typing import Any

from bot.conversation import catalogue as cat
from bot.conversation import closing
from bot.conversation.catalogue import BotMessage
from bot.conversation.chat import Chat
from bot.conversation.profile_builder import build_profile
from bot.storage.record import QUEUED, SAVED, IntakeRecord


def save_progress(chat: Chat, values: dict[str, Any], *, urgent: bool | None = None) -> str:
    """Store the intake as it stands; a storage failure never breaks the chat (the storage
    queues the save, or says FAILED). Once the intake is complete every save is a complete one,
    with the advice worked out on the answers as they are now: a crisis told after the advice,
    or a number given for a call back, must not take the advice away."""
    if values.get("intake_status") == "complete":
        return _complete(chat, values, urgent=bool(urgent))[1]
    profile = build_profile(values)
    return _write(chat, values, "incomplete", profile, urgent=urgent)


def save_complete(chat: Chat, values: dict[str, Any]) -> closing.Outcome:
    """Work out the advice on the answers as they are and store the intake as complete.
    The outcome's messages tell the truth about the save: "klaar" only when it is kept."""
    outcome, saved = _complete(chat, values)
    if saved != SAVED:
        respondent = values.get("respondent")
        if saved == QUEUED:
            outcome.messages.append(BotMessage(cat.text("save_queued", respondent)))
        else:
            outcome.messages[:] = [BotMessage(cat.text("save_failed", respondent))]
    return outcome


def _complete(
    chat: Chat, values: dict[str, Any], *, urgent: bool = False
) -> tuple[closing.Outcome, str]:
    outcome = closing.finish(values)
    saved = _write(
        chat, values, "complete", outcome.profile,
        advice=outcome.advice, summary_text=outcome.summary_text,
        urgent=urgent or bool(outcome.advice.get("urgent")),
    )
    return outcome, saved


def _write(
    chat: Chat,
    values: dict[str, Any],
    status: str,
    profile: dict[str, Any],
    *,
    advice: dict[str, Any] | None = None,
    summary_text: str | None = None,
    urgent: bool | None = None,
) -> str:
    school = profile.get("respondent") == "school"
    record = IntakeRecord(
        sender_id=chat.sender_id,
        status=status,
        profile=profile,
        advice=advice,
        summary_text=summary_text,
        urgent=bool(urgent if urgent is not None else profile.get("crisis")),
        respondent=profile.get("respondent"),
        school_name=values.get("school_name") if school else None,
        conversation_state={"slots": {k: v for k, v in values.items() if v is not None}},
        transcript=chat.transcript(),
    )
    return chat.storage.save(record)
