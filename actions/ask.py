"""One ``action_ask_<slot>`` per intake question, generated from the question catalogue.

The question text depends on the answers so far (school mode, "de leerling", variants after
"weet ik niet"), so each is an action rather than a fixed response.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import say, slot_values
from bot.conversation import engine
from bot.conversation.flow import all_form_slots


class AskQuestion(Action, ABC):
    """Asks the question for ``slot``; subclasses set the slot (abstract, so not registered)."""

    @property
    @abstractmethod
    def slot(self) -> str: ...

    def name(self) -> str:
        return f"action_ask_{self.slot}"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        say(dispatcher, engine.question_messages(self.slot, slot_values(tracker)))
        return []


def _make(slot: str) -> type[AskQuestion]:
    attrs: dict[str, Any] = {"slot": slot, "__module__": __name__}
    return type(f"AskQuestion_{slot}", (AskQuestion,), attrs)


# rasa-sdk registers every Action subclass that exists when this module is imported.
ASK_ACTIONS = {slot: _make(slot) for slot in all_form_slots()}
