"""Reading a message in the conversation: is it a digression, the answer to the open question,
a correction, or the read-back's "klopt"? Asking lives in ``asking.py``, safety in
``safety.py``, the end in ``closing.py``; ``turn.py`` puts a whole turn together."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.conversation import catalogue as cat
from bot.conversation.asking import info_message
from bot.conversation.catalogue import BotMessage
from bot.conversation.corrections import (
    correct_last_answer,
    find_correction,
    find_corrections,
    topic_named,
)
from bot.conversation.describe import describe
from bot.conversation.readers import interpret, parser_of
from bot.conversation.safety import DIGRESSION_MIN_CONFIDENCE, crisis_signals
from bot.nlp import parse
from bot.nlp.contact import extract_contact
from bot.nlp.jobs import says_wants_work
from bot.nlp.names import name_in_opening
from bot.nlp.remarks import has_words
from bot.nlp.replies import (
    asks_meaning,
    names_who_fills_in,
    nothing_to_change,
    says_something,
    sounds_wrong,
)
from bot.nlp.sensitive import without_bsn_words, without_iban_words
from bot.pii.bsn import MASK, mask_bsn
from bot.pii.masking import IBAN_MASK, mask_iban

# Intents that interrupt the intake: the message is not stored as an answer and a rule answers it.
DIGRESSION_INTENTS = frozenset(
    {
        "ask_why",
        "ask_privacy",
        "ask_info",
        "request_human",
        "crisis",
        "pause_intake",
        "restart_intake",
        "correct",
        "chitchat",
        "bot_challenge",
        "out_of_scope",
        "other_language",
        "greet",
        "goodbye",
        "thank",
    }
)
# Parsers whose answers are short and exact (a button payload, a number): when the text reads
# as a valid answer, it is one, whatever the intent classifier thought.
CLOSED_PARSERS = frozenset(
    {
        "ruler",
        "hours",
        "age",
        "yes_no",
        "yes_no_doubt",
        "domain_scale",
        "school_type",
        "uitstroomprofiel",
        "choice",
        "respondent",
        "benefit",
        "contact",
        "employee_skills",
        "school_leaving",
    }
)


@dataclass
class TurnResult:
    slots: dict[str, Any] = field(default_factory=dict)
    messages: list[BotMessage] = field(default_factory=list)
    accepted: bool = False
    unread: bool = False  # the message was meant as the answer, but could not be read


# --- reading a message ----------------------------------------------------------------------


def is_digression(
    intent: str | None, confidence: float, text: str, requested_slot: str | None
) -> bool:
    """Should this message interrupt the intake instead of answering ``requested_slot``?"""
    if crisis_signals(text):
        return True  # safety first, whatever the classifier said
    if (text or "").startswith("/"):
        return intent in DIGRESSION_INTENTS  # a button payload names its intent itself
    guard = parse.guard_input(text or "")
    if guard.empty or guard.emoji_only:
        return False  # the answer reader has a friendly word for these
    if intent not in DIGRESSION_INTENTS or confidence < DIGRESSION_MIN_CONFIDENCE:
        return False
    if requested_slot == "summary_confirmed" and intent == "correct":
        return False  # the read-back reads corrections itself, and offers a menu for "nee"
    if (
        requested_slot == "summary_confirmed"
        and intent not in ("pause_intake", "request_human", "restart")
        and not parse.is_question(parse.guard_input(text).text)
        and (topic_named(text) or sounds_wrong(text))
    ):
        return False  # "waarom werken klopt niet": about an answer, not "waarom vraag je dit?"
    if requested_slot:
        # "Stop", "a person", "start again", "I meant" heard without any word for it in the
        # message: read it as the answer (or give the hint for the question), not as a stop.
        if intent in parse.CUED_INTENTS and not parse.has_intent_cue(text, intent):
            return False
        # The classifier alone heard a crisis: an answer that reads as one stays an answer, with
        # a gentle check beside it (care_check_needed); anything else gets the crisis answer.
        if intent == "crisis" and _reads_as_answer(requested_slot, text):
            return False
    if requested_slot == "contact" and intent == "request_human" and extract_contact(text):
        return False  # "bel me maar op 06 ..." answers "hoe kan de klantbegeleider je bereiken?"
    if intent == "other_language" and parse.detect_language(text) in ("en", "other"):
        return True  # "is english ok?" holds an "ok", but it is no "ja" to the question
    # A clean answer to a closed question is an answer, even when the model heard something
    # else in it ("voor mezelf" once came out as crisis). Crisis *words* were handled above;
    # asking for a person or to stop always interrupts.
    if requested_slot and intent not in ("pause_intake", "request_human"):
        kind = parser_of(requested_slot)
        if kind in CLOSED_PARSERS and _reads_as_answer(requested_slot, text):
            return False
    return True


def _reads_as_answer(requested_slot: str, text: str) -> bool:
    if requested_slot == "summary_confirmed":
        return False  # the read-back has its own reading of "nee, ..." and corrections
    if parse.is_question(parse.guard_input(text).text):
        return False  # "wat is het verschil tussen WIA en Wajong?" is not the answer "Wajong"
    reading = interpret(requested_slot, text, {})
    return reading.accepted and reading.slots.get(requested_slot) not in cat.NO_ANSWER


def handle_answer(
    requested_slot: str, text: str, values: Mapping[str, Any], *, truncated: bool = False
) -> TurnResult:
    """Read the answer to the question that was asked; returns slot updates and replies."""
    masked = mask_bsn(text or "")
    if masked != (text or ""):
        # A BSN typed unasked: say it is not needed and not kept; read the rest, if any.
        rest = without_bsn_words(masked.replace(MASK, " ")).strip(" .,:;!?-")
        warning = BotMessage(cat.text("bsn_warning"))
        if not has_words(rest):
            return TurnResult(messages=[warning])
        result = handle_answer(requested_slot, rest, values, truncated=truncated)
        result.messages.insert(0, warning)
        return result
    masked = mask_iban(text or "")
    if masked != (text or ""):
        # A bank account number: not needed either, and never kept.
        rest = without_iban_words(masked.replace(IBAN_MASK, " ")).strip(" .,:;!?-")
        warning = BotMessage(cat.text("iban_warning"))
        if not has_words(rest):
            return TurnResult(messages=[warning])
        result = handle_answer(requested_slot, rest, values, truncated=truncated)
        result.messages.insert(0, warning)
        return result
    if requested_slot == "summary_confirmed":
        if asks_meaning(text):
            return TurnResult(messages=[info_message(text, values, requested_slot)])
        return _handle_confirmation(text, values)
    if asks_meaning(text) or parse.is_question(parse.guard_input(text).text):
        # A question back is not an answer (and certainly not "weet ik niet"), even when it
        # holds an answer word ("wat betekent EPA precies?", "telt uitzendwerk ook?"):
        # answer or explain, then ask again.
        return TurnResult(messages=[info_message(text, values, requested_slot)])
    if parse.has_intent_cue(text, "correct"):
        # "Ik bedoel 24 uur, niet 20" while another question is open: change that answer,
        # then ask the open question again (a "niet" here is no "nee" to the open question).
        correction = find_correction(text, values)
        last = values.get("last_answered_slot")
        if not correction.found and last and last != requested_slot:
            # "Oh nee sorry, maak er maar zestien van" at the next question: the answer before.
            back = correct_last_answer(text, values, last)
            if back.updates:
                correction = back
        if correction.updates and requested_slot not in correction.updates:
            # "vso zei ik al" at "wat voor school?" restates the answer (it sets the
            # education too): an answer, not a change of the education.
            as_answer = interpret(requested_slot, text, values)
            if not (as_answer.accepted and set(as_answer.slots) & set(correction.updates)):
                return _apply(correction, values, TurnResult())
    reading = interpret(requested_slot, text, values, truncated=truncated)
    result = TurnResult(slots=dict(reading.slots), messages=list(reading.messages))
    result.accepted = reading.accepted
    result.unread = not reading.accepted
    if reading.accepted:
        result.slots["last_answered_slot"] = requested_slot
    return result


def _handle_confirmation(text: str, values: Mapping[str, Any]) -> TurnResult:
    result = TurnResult()
    if values.get("correction_requested") and nothing_to_change(text):
        result.slots.update(summary_confirmed=True, correction_requested=False)
        result.accepted = True
        return result
    if not values.get("correction_requested"):
        clean = parse.guard_input(text).text
        answer = parse.parse_yes_no(clean)
        wrong = sounds_wrong(clean) or parse.has_intent_cue(clean, "correct")
        if answer == "ja" and not wrong:
            result.slots.update(summary_confirmed=True, correction_requested=False)
            result.accepted = True
            return result
    correction = find_corrections(text, values)
    if correction.found:
        return _apply(correction, values, result)
    # "Nee" or something unclear: ask which part, with topic buttons.
    if values.get("correction_requested"):
        result.messages.append(BotMessage(cat.text("correction_unclear")))
    result.slots["correction_requested"] = True
    return result


def _apply(correction: Any, values: Mapping[str, Any], result: TurnResult) -> TurnResult:
    result.slots.update(correction.updates)
    for slot in correction.reset:
        result.slots[slot] = None
    result.slots["correction_requested"] = False
    result.slots["summary_confirmed"] = None
    if correction.described:
        result.messages.append(
            BotMessage(cat.text("correction_done_short", items=", ".join(correction.described)))
        )
    elif correction.reset:
        result.messages.append(BotMessage(cat.text("correction_reask")))
    return result


def handle_correction(text: str, values: Mapping[str, Any]) -> TurnResult:
    """A correction while the intake runs ("ik bedoel 20 uur"), or after it ended."""
    result = TurnResult()
    last = values.get("last_answered_slot")
    if values.get("intake_status") == "complete" or says_something(text):
        # "Ik wil nog iets aanpassen": which thing is not said, so show the topics, unless a
        # topic or a new value is named.
        specific = find_corrections(text, values)
        if specific.found:
            return _apply(specific, values, result)
        if values.get("intake_status") != "complete":
            # "Kan ik iets terug veranderen?" halfway: say how, and go on with the questions.
            later = cat.text("correction_later", values.get("respondent"))
            result.messages.append(BotMessage(later))
            return result
        last = None
    correction = correct_last_answer(text, values, last)
    if not correction.found:
        result.slots["correction_requested"] = True
        result.slots["summary_confirmed"] = None
        return result
    return _apply(correction, values, result)


# --- the first message ----------------------------------------------------------------------

def opening_answers(text: str) -> TurnResult:
    """Answers in a first message ("Hoi, ik ben Marco, 45, ik zit in de bijstand en wil graag
    werken"), so those questions are not asked again. Only what is said plainly counts."""
    clean = parse.guard_input(text or "").text
    result = TurnResult()
    if not clean or crisis_signals(clean):
        return result
    slots = dict(parse.extract_other_answers(clean))
    respondent = parse.parse_respondent(clean)
    if respondent is not None and names_who_fills_in(clean):
        slots["respondent"] = respondent
    name = name_in_opening(clean)
    if name and slots.get("respondent", "self") == "self":
        slots["name"] = name
    if says_wants_work(clean) and slots.get("respondent", "self") == "self":
        slots["wants_to_work"] = "ja"
    slots = {k: v for k, v in slots.items() if v is not None}
    if slots:
        described = ", ".join(describe(k, v) for k, v in slots.items() if k != "respondent")
        if described:
            result.messages.append(BotMessage(cat.text("noted_opening", items=described)))
        result.slots = slots
    return result


# --- asking ---------------------------------------------------------------------------------


# --- information and safety -----------------------------------------------------------------


# --- the end --------------------------------------------------------------------------------
