"""Asking: the next question in the wording that fits the answers so far, with its buttons,
and the answers to "waarom vraag je dit?", "wat bedoel je?" and "wat is een jobcoach?"."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.conversation import catalogue as cat
from bot.conversation.catalogue import BotMessage, Button
from bot.conversation.corrections import topic_buttons
from bot.conversation.flow import domain_of, next_slot, progress, question_for
from bot.conversation.summary import readback_text
from bot.profile import LIFE_DOMAIN_LABELS

SCALE_BUTTONS = tuple(Button(cat.label("scale", n).capitalize(), str(n)) for n in (1, 2, 3, 4, 5))


RULER_BUTTONS = tuple(Button(str(n), str(n)) for n in range(11))


DOMAIN_BUTTONS = tuple(
    Button(title, payload)
    for title, payload in (
        ("Geld of schulden", "geld en schulden"),
        ("Wonen", "problemen met wonen"),
        ("Gezondheid", "mijn gezondheid"),
        ("Psychische klachten", "psychische klachten"),
        ("Thuis of gezin", "problemen thuis"),
        ("Vervoer", "vervoer naar werk"),
        ("Iets anders", "iets anders"),
    )
)


def _name_of(values: Mapping[str, Any]) -> str:
    name = values.get("name")
    return name if isinstance(name, str) and name not in cat.NO_ANSWER else "de leerling"


def _resolve_buttons(spec: Any, values: Mapping[str, Any]) -> tuple[Button, ...]:
    if spec == "ruler":
        return RULER_BUTTONS
    if spec == "scale":
        return SCALE_BUTTONS
    if spec == "domains":
        return DOMAIN_BUTTONS
    if isinstance(spec, Mapping):
        return tuple(cat.pick(spec, values.get("respondent")) or ())
    return tuple(spec or ())


def question_messages(slot: str, values: Mapping[str, Any]) -> list[BotMessage]:
    """The bubble(s) that ask for ``slot``."""
    respondent = values.get("respondent")
    if slot == "summary_confirmed":
        if values.get("correction_requested"):
            return [
                BotMessage(
                    cat.text("correction_which", values.get("respondent")), topic_buttons(values)
                )
            ]
        question = question_for(slot)
        return [
            BotMessage(readback_text(values)),
            BotMessage(
                cat.pick(question.ask, respondent), _resolve_buttons(question.buttons, values)
            ),
        ]
    question = question_for(slot)
    ask, buttons = question.ask, question.buttons
    for variant in question.variants:
        if all(values.get(k) in allowed for k, allowed in variant.when.items()):
            ask = {**ask, **variant.ask}
            if variant.buttons is not None:
                buttons = variant.buttons
            break
    domain = domain_of(slot)
    text = cat.fill(
        cat.pick(ask, respondent),
        name=_name_of(values),
        domain=LIFE_DOMAIN_LABELS.get(domain, "") if domain else None,
    )
    return [BotMessage(text, _resolve_buttons(buttons, values))]


def why_message(slot: str | None, values: Mapping[str, Any]) -> BotMessage:
    if not slot:
        return BotMessage(cat.text("why_general"))
    why = cat.pick(question_for(slot).why, values.get("respondent"))
    return BotMessage(cat.fill(why, name=_name_of(values)))


def upcoming_slot(values: Mapping[str, Any]) -> str | None:
    return next_slot(values)


def explain_message(slot: str, values: Mapping[str, Any]) -> BotMessage:
    """Explain the question in other words; without an explanation, say why it is asked."""
    question = question_for(slot)
    if question.explain:
        explain = cat.pick(question.explain, values.get("respondent"))
        droombaan = values.get("droombaan")
        if not isinstance(droombaan, str) or droombaan in cat.NO_ANSWER:
            droombaan = "je droombaan"
        return BotMessage(cat.fill(explain, name=_name_of(values), droombaan=droombaan))
    return why_message(slot, values)


def info_message(
    text: str, values: Mapping[str, Any], requested_slot: str | None = None
) -> BotMessage:
    """Answer "wat is een jobcoach?" from the glossary; a bare "wat is dat?" is about the
    question just asked."""
    entry = cat.explain_word(text)
    if entry is not None:
        position, total = progress(values)
        return BotMessage(cat.fill(entry.text, position=position, total=total))
    if requested_slot:
        return explain_message(requested_slot, values)
    return BotMessage(cat.text("info_unknown"))
