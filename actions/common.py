"""Helpers shared by the actions: slot values in, messages and storage out."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime, timezone
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.conversation import catalogue as cat
from bot.conversation import school_codes
from bot.conversation.catalogue import BotMessage
from bot.conversation.flow import HELPER_SLOTS, all_form_slots
from bot.conversation.profile_builder import build_profile
from bot.nlp import parse
from bot.storage.outbox import Flusher

logger = logging.getLogger(__name__)

# Load the Dutch vocabularies at server start, not on the first person's first message.
parse.warm_up()


def _store() -> Any:
    from bot.storage import get_store

    return get_store()


# Writes saves that waited in the outbox while the database was away (bot/storage/outbox.py).
_FLUSHER = Flusher(_store)


def _school_for_code(code: str) -> str | None:
    from bot.storage import get_store

    return get_store().school_for_code(code)


# A school code (school link, or typed at "Van welke school bent u?") is looked up in the store.
school_codes.set_resolver(_school_for_code)

INTAKE_SLOTS: tuple[str, ...] = (*all_form_slots(), *HELPER_SLOTS)
PERSISTED_SLOTS: tuple[str, ...] = (*INTAKE_SLOTS, "intake_status")
# Events of the form's own machinery: seeing only these since the user's message means the
# message has not been handled yet.
_FORM_MACHINERY = {"action_listen", "action_extract_slots", "intake_form", "validate_intake_form"}


def slot_values(tracker: Tracker) -> dict[str, Any]:
    return {slot: tracker.slots.get(slot) for slot in PERSISTED_SLOTS}


def latest_text(tracker: Tracker) -> str:
    return str((tracker.latest_message or {}).get("text") or "")


def latest_intent(tracker: Tracker) -> tuple[str | None, float]:
    intent = (tracker.latest_message or {}).get("intent") or {}
    return intent.get("name"), float(intent.get("confidence") or 0.0)


def is_fresh_answer(tracker: Tracker) -> bool:
    """True when the latest user message was not yet handled by another action (a digression).

    After a digression Rasa runs the form again with the same user message still the latest
    one; that message must not be read as an answer a second time.
    """
    for event in reversed(tracker.events):
        kind = event.get("event")
        if kind == "user":
            return True
        if kind == "action_execution_rejected":
            return False
        if kind == "action" and event.get("name") not in _FORM_MACHINERY:
            return False
    return False


def say(dispatcher: CollectingDispatcher, messages: Iterable[BotMessage]) -> None:
    for message in messages:
        buttons = [b.to_dict() for b in message.buttons]
        dispatcher.utter_message(text=message.text, buttons=buttons or None)


def slot_events(updates: dict[str, Any]) -> list[EventType]:
    return [SlotSet(slot, value) for slot, value in updates.items()]


def transcript(tracker: Tracker) -> list[dict[str, Any]]:
    """The conversation so far as [{role, text, ts}] (masked for BSN by the store)."""
    lines: list[dict[str, Any]] = []
    for event in tracker.events:
        kind = event.get("event")
        if kind not in ("user", "bot") or not event.get("text"):
            continue
        text = event["text"]
        if kind == "user" and text.startswith("/"):
            # A command the widget sent (the school link's start), not words of a person.
            if "school_code" not in text:
                continue
            text = "(gestart met de schoollink)"
        ts = event.get("timestamp")
        when = datetime.fromtimestamp(ts, tz=timezone.utc).isoformat() if ts else None
        lines.append({"role": kind, "text": text, "ts": when})
    return lines


def save_progress(
    tracker: Tracker,
    values: dict[str, Any],
    *,
    status: str = "incomplete",
    profile: dict[str, Any] | None = None,
    advice: dict[str, Any] | None = None,
    summary_text: str | None = None,
    urgent: bool | None = None,
) -> str:
    """Store the intake as it stands: ``outbox.SAVED``; when the database is away the save
    waits in the outbox (``QUEUED``) and is written later; ``FAILED`` when even that was not
    possible. A storage failure never breaks the chat."""
    from bot.storage import get_store, outbox

    profile = profile if profile is not None else build_profile(values)
    record = {
        "sender_id": tracker.sender_id,
        "status": status,
        "profile": profile,
        "advice": advice,
        "summary_text": summary_text,
        "urgent": bool(urgent if urgent is not None else profile.get("crisis")),
        "respondent": profile.get("respondent"),
        "school_name": values.get("school_name") if profile.get("respondent") == "school"
        else None,
        "conversation_state": {"slots": {k: v for k, v in values.items() if v is not None}},
        "transcript": transcript(tracker),
    }
    _FLUSHER.start()
    return outbox.save_or_queue(get_store(), record)


def save_complete(tracker: Tracker, values: dict[str, Any]) -> Any:
    """Work out the advice on the answers as they are and store the intake as complete.
    Returns the engine's outcome (profile, advice, summary, closing messages)."""
    from bot.conversation import engine
    from bot.storage import outbox

    outcome = engine.finish(values)
    saved = save_progress(
        tracker,
        values,
        status="complete",
        profile=outcome.profile,
        advice=outcome.advice,
        summary_text=outcome.summary_text,
        urgent=bool(outcome.advice.get("urgent")),
    )
    if saved != outbox.SAVED:
        # The truth: not (yet) at the municipality. "Klaar" only when it is kept somewhere.
        respondent = values.get("respondent")
        if saved == outbox.QUEUED:
            outcome.messages.append(BotMessage(cat.text("save_queued", respondent)))
        else:
            outcome.messages[:] = [BotMessage(cat.text("save_failed", respondent))]
    return outcome


def restored_values(sender_id: str) -> dict[str, Any]:
    """Answers saved earlier for this person (after a pause or a server restart)."""
    from bot.storage import get_store

    try:
        state = get_store().get_conversation_state(sender_id) or {}
    except Exception:
        logger.exception("could not load saved state for %s", sender_id)
        return {}
    slots = state.get("slots") or {}
    return {k: v for k, v in slots.items() if k in PERSISTED_SLOTS}
