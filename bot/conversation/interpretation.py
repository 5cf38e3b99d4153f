"""What reading one answer gives: the slot values to store and the bubbles to say."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.conversation.catalogue import BotMessage

MAX_FREE_TEXT = 500  # characters kept of one free-text answer; the coach can ask for more


@dataclass
class Interpretation:
    slots: dict[str, Any] = field(default_factory=dict)
    messages: list[BotMessage] = field(default_factory=list)
    accepted: bool = False  # the requested slot has a value now (possibly UNKNOWN/SKIPPED)

    def say(self, text: str) -> None:
        self.messages.append(BotMessage(text))

    def reject(self, text: str) -> Interpretation:
        self.say(text)
        self.accepted = False
        return self


def clip(text: str) -> str:
    """A free-text answer as kept: at most MAX_FREE_TEXT characters, cut at a word."""
    text = text.strip()
    if len(text) <= MAX_FREE_TEXT:
        return text
    cut = text[:MAX_FREE_TEXT].rsplit(" ", 1)[0]
    return cut + " …"
