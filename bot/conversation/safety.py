"""Safety first: the crisis answer with 113, 112 and Veilig Thuis, and the gentle care check
("Gaat het goed met je?") when only the intent model heard distress."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.conversation import catalogue as cat
from bot.conversation.catalogue import BotMessage
from bot.nlp import parse

# Below this confidence an intent heard by the classifier (a digression, a crisis) is more
# likely an answer that reads oddly: keep it as the answer.
DIGRESSION_MIN_CONFIDENCE = 0.6


def crisis_signals(text: str) -> list[str]:
    return parse.detect_crisis(text or "")


def care_check_needed(intent: str | None, confidence: float, text: str) -> bool:
    """The classifier heard a crisis that the crisis words did not confirm: ask gently."""
    return (
        intent == "crisis" and confidence >= DIGRESSION_MIN_CONFIDENCE and not crisis_signals(text)
    )


def care_check_message() -> BotMessage:
    return BotMessage(cat.text("care_check"), cat.buttons("care_check_buttons"))


def care_messages(values: Mapping[str, Any]) -> list[BotMessage]:
    """A "no" to the care check: every number at once, the urgent flag said, the choice."""
    respondent = values.get("respondent")
    numbers = crisis_messages(["other"], respondent)[:2]
    return [*numbers, BotMessage(cat.text("care_check_go_on"))]


def crisis_messages(
    signals: list[str] | None = None, respondent: str | None = None, *, again: bool = False
) -> list[BotMessage]:
    """The safety answer: the numbers for what was said (all of them when unclear), 112 always,
    and the choice to go on, talk to someone or stop. ``again``: the numbers were given in this
    conversation already, and nothing new came up; a short reminder is kinder than the block."""
    texts = cat.texts()["crisis"]
    buttons = cat.buttons("crisis_buttons")
    if again:
        return [BotMessage(cat.fill(cat.pick(texts["again"], respondent)), buttons)]
    known = [s for s in parse.SIGNALS if s in (signals or [])] or list(parse.SIGNALS)
    lines = [cat.fill(cat.pick(texts[s], respondent)) for s in known]
    lines.append(cat.fill(cat.pick(texts["danger"], respondent)))
    others = [cat.fill(texts["short"][s]) for s in ("suicide", "violence") if s not in known]
    if others:
        lines.append(cat.fill(texts["also"], items=", ".join(others)))
    return [
        BotMessage(cat.fill(cat.pick(texts["opening"], respondent))),
        BotMessage("\n".join(lines)),
        BotMessage(cat.fill(cat.pick(texts["closing"], respondent)), buttons),
    ]
