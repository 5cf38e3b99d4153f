"""The adapter between Rasa's tracker and ``bot.conversation.turn``: slot values and the latest
message in, events and messages out. No decisions are made here."""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from collections.abc import Iterable
from datetime import datetime, timezone
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT
from rasa_sdk.types import DomainDict

from bot.conversation import school_codes
from bot.conversation.catalogue import BotMessage
from bot.conversation.turn import INTAKE_SLOTS, PERSISTED_SLOTS, Chat, Message, Reply
from bot.nlp import parse
from bot.storage.outbox import Flusher
from bot.storage.record import IntakeRecord

__all__ = ["INTAKE_SLOTS", "PERSISTED_SLOTS", "TurnAction", "chat_of", "message_of", "respond"]

logger = logging.getLogger(__name__)

# Load the Dutch vocabularies at server start, not on the first person's first message.
parse.warm_up()


def _store() -> Any:
    from bot.storage import get_store

    return get_store()


# Writes saves that waited in the outbox while the database was away (bot/storage/outbox.py).
_FLUSHER = Flusher(_store)

# A school code (school link, or typed at "Van welke school bent u?") is looked up in the store.
school_codes.set_resolver(lambda code: _store().school_for_code(code))

# Events of the form's own machinery: seeing only these since the user's message means the
# message has not been handled yet.
_FORM_MACHINERY = {"action_listen", "action_extract_slots", "intake_form", "validate_intake_form"}


class StoreStorage:
    """``turn.ChatStorage`` on the database, with the outbox when the database is away."""

    def save(self, record: IntakeRecord) -> str:
        from bot.storage import outbox

        _FLUSHER.start()
        return outbox.save_or_queue(_store(), record)

    def saved_state(self, sender_id: str) -> dict[str, Any] | None:
        try:
            return _store().get_conversation_state(sender_id)
        except Exception:
            logger.exception("could not load saved state for %s", sender_id)
            return None


STORAGE = StoreStorage()


def slot_values(tracker: Tracker) -> dict[str, Any]:
    return {slot: tracker.slots.get(slot) for slot in PERSISTED_SLOTS}


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


def transcript(tracker: Tracker) -> list[dict[str, Any]]:
    """The conversation so far as [{role, text, ts}] (masked by the store)."""
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


def chat_of(tracker: Tracker) -> Chat:
    return Chat(
        sender_id=tracker.sender_id,
        values=slot_values(tracker),
        storage=STORAGE,
        transcript=lambda: transcript(tracker),
        requested=tracker.get_slot(REQUESTED_SLOT),
        in_form=bool(tracker.active_loop.get("name")),
    )


def message_of(tracker: Tracker) -> Message:
    latest = tracker.latest_message or {}
    intent = latest.get("intent") or {}
    code = next(tracker.get_latest_entity_values("school_code"), None)
    return Message(
        text=str(latest.get("text") or ""),
        intent=intent.get("name"),
        confidence=float(intent.get("confidence") or 0.0),
        truncated=bool(latest.get("input_truncated")),
        fresh=is_fresh_answer(tracker),
        school_code=str(code) if code else None,
    )


def say(dispatcher: CollectingDispatcher, messages: Iterable[BotMessage]) -> None:
    for message in messages:
        buttons = [b.to_dict() for b in message.buttons]
        dispatcher.utter_message(text=message.text, buttons=buttons or None)


def respond(dispatcher: CollectingDispatcher, reply: Reply) -> list[EventType]:
    """Hand a turn's reply to Rasa: messages to the dispatcher, slots as events."""
    say(dispatcher, reply.messages)
    for item in reply.custom:
        dispatcher.utter_message(json_message=item)
    return [SlotSet(slot, value) for slot, value in reply.slots.items()]


class TurnAction(Action, ABC):
    """An action that is one call of ``bot.conversation.turn``: set ``action_name`` and
    ``turn = staticmethod(turn.<function>)``. Abstract, so rasa-sdk registers only the
    concrete actions."""

    action_name: str

    @staticmethod
    @abstractmethod
    def turn(chat: Chat, message: Message) -> Reply: ...

    def name(self) -> str:
        return self.action_name

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        return respond(dispatcher, self.turn(chat_of(tracker), message_of(tracker)))
