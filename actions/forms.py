"""Form validation: the intake form's turn is one call of ``bot.conversation.turn.answer``.

Every form slot has a ``custom`` mapping, so Rasa extracts nothing itself; the turn reads the
latest message as the answer to ``requested_slot``, decides the next question, asks it and
saves progress. A rejected message (no events) lets the rules answer a digression ("waarom
vraag je dit?", "stop", a crisis); the form then asks the same question again.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions.common import chat_of, message_of, respond
from bot.conversation import turn


class IntakeFormValidationBase(FormValidationAction, ABC):
    """Reads answers with the conversation core instead of one ``validate_<slot>`` per slot."""

    @abstractmethod
    def name(self) -> str: ...

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        reply = turn.answer(chat_of(tracker), message_of(tracker))
        return [] if reply.reject else respond(dispatcher, reply)


class ValidateIntakeForm(IntakeFormValidationBase):
    def name(self) -> str:
        return "validate_intake_form"
