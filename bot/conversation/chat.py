"""The shapes of one chat turn: the person's conversation (``Chat``), their latest message
(``Message``) and what the turn gives back (``Reply``), plus where a turn saves to
(``ChatStorage``). Plain data: Rasa's tracker is turned into these by ``actions/common.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from bot.conversation.catalogue import BotMessage
from bot.conversation.flow import HELPER_SLOTS, all_form_slots
from bot.storage.record import IntakeRecord

# The slots that are the intake: answers and the helpers around them (crisis, wants_human, ...).
INTAKE_SLOTS: tuple[str, ...] = (*all_form_slots(), *HELPER_SLOTS)
# What is kept between sessions and in the saved conversation state.
PERSISTED_SLOTS: tuple[str, ...] = (*INTAKE_SLOTS, "intake_status")
REQUESTED_SLOT = "requested_slot"  # Rasa's name for the form's open question


class ChatStorage(Protocol):
    """Where a turn saves to and restores from (the action server passes the store)."""

    def save(self, record: IntakeRecord) -> str:
        """Save now or keep the save for later: ``SAVED``, ``QUEUED`` or ``FAILED``."""
        ...

    def saved_state(self, sender_id: str) -> dict[str, Any] | None:
        """The conversation state saved earlier for this person, or None."""
        ...


@dataclass
class Chat:
    """One person's conversation as a turn sees it."""

    sender_id: str
    values: dict[str, Any]  # the persisted slots, None where not answered
    storage: ChatStorage
    transcript: Callable[[], list[dict[str, Any]]] = list
    requested: str | None = None  # the form's open question, if the form is active
    in_form: bool = False


@dataclass(frozen=True)
class Message:
    """The person's latest message as the NLU heard it."""

    text: str = ""
    intent: str | None = None
    confidence: float = 0.0
    truncated: bool = False  # the NLU clipped a very long message
    fresh: bool = True  # not yet handled by another action (after a digression it was)
    school_code: str | None = None  # from a school link's start command


@dataclass
class Reply:
    slots: dict[str, Any] = field(default_factory=dict)
    messages: list[BotMessage] = field(default_factory=list)
    custom: list[dict[str, Any]] = field(default_factory=list)  # extra JSON items (contract §1)
    reject: bool = False  # the form rejects the message: a rule answers the digression

    def say(self, *messages: BotMessage) -> None:
        self.messages.extend(messages)

    def text(self, text: str) -> None:
        self.messages.append(BotMessage(text))


def chat_status(values: dict[str, Any]) -> str:
    """new, in_progress or complete."""
    if values.get("intake_status") in ("in_progress", "complete"):
        return str(values["intake_status"])
    return "in_progress" if values.get("respondent") else "new"
