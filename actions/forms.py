"""Form validation: the base class reads answers through ``bot.conversation.engine``.

Every form slot has a ``custom`` mapping, so Rasa extracts nothing itself; this action reads
the latest message as the answer to ``requested_slot``, decides the next question, asks it
(in the wording that fits the answers so far) and saves progress. Returning no events makes
the form reject the message, so the rules can answer a digression ("waarom vraag je dit?",
"stop", a crisis) and come back to the same question.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT, FormValidationAction
from rasa_sdk.types import DomainDict

from actions.common import (
    is_fresh_answer,
    latest_intent,
    latest_text,
    save_complete,
    save_progress,
    say,
    slot_events,
    slot_values,
)
from bot.conversation import catalogue as cat
from bot.conversation import engine
from bot.conversation.catalogue import BotMessage


class IntakeFormValidationBase(FormValidationAction, ABC):
    """Reads answers with the engine instead of one ``validate_<slot>`` method per slot."""

    @abstractmethod
    def name(self) -> str: ...

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        from bot.conversation.flow import required_slots

        return required_slots(slot_values(tracker))

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        values = slot_values(tracker)
        events: list[EventType] = []
        requested = tracker.get_slot(REQUESTED_SLOT)
        answered = False
        if requested and is_fresh_answer(tracker):
            text = latest_text(tracker)
            intent, confidence = latest_intent(tracker)
            if engine.is_digression(intent, confidence, text, requested):
                return []  # the form rejects; a rule handles the digression
            truncated = bool((tracker.latest_message or {}).get("input_truncated"))
            updates: dict[str, Any] = {}
            reply = engine.care_check_reply(text) if values.get("care_check_pending") else None
            if values.get("care_check_pending"):
                updates["care_check_pending"] = None
            if reply == "not_ok":
                # "Nee, niet echt" to "Gaat het goed met je?": the numbers and the urgent flag.
                say(dispatcher, engine.care_messages(values))
                signals = list(dict.fromkeys([*(values.get("crisis_signals") or []), "other"]))
                updates.update(crisis=True, crisis_signals=signals)
                values.update(updates)
                save_progress(tracker, values, urgent=True)
            elif reply == "ok":
                say(dispatcher, [BotMessage(cat.text("care_check_ok"))])
            elif engine.care_check_needed(intent, confidence, text):
                # Something heavy may have been said: ask first, and do not keep the message
                # as the answer to the question (it was not meant as one).
                say(dispatcher, [engine.care_check_message()])
                updates["care_check_pending"] = True
            else:
                result = engine.handle_answer(requested, text, values, truncated=truncated)
                say(dispatcher, result.messages)
                updates.update(result.slots)
            # Always set the asked slot (None when the answer could not be read), so the form
            # does not reject a message that was meant as an answer: it asks again instead.
            updates.setdefault(requested, values.get(requested))
            values.update(updates)
            events += slot_events(updates)
            answered = True
        reopened = values.get("intake_status") == "complete"
        if values.get("intake_status") not in ("in_progress", "complete") and answered:
            values["intake_status"] = "in_progress"
            events.append(SlotSet("intake_status", "in_progress"))
        upcoming = engine.upcoming_slot(values)
        events.append(SlotSet(REQUESTED_SLOT, upcoming))
        if upcoming:
            # Asking here saves a second call to the action server per turn: the domain has no
            # action_ask_<slot>, so the form itself asks nothing (Rasa allows this).
            say(dispatcher, engine.question_messages(upcoming, values))
        if answered and reopened:
            # Changing answers after the advice: the stored intake stays complete, with the
            # advice worked out again, until the read-back is confirmed once more.
            save_complete(tracker, values)
        elif answered:
            save_progress(tracker, values)
        return events


class ValidateIntakeForm(IntakeFormValidationBase):
    def name(self) -> str:
        return "validate_intake_form"
