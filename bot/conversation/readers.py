"""Reads one answer to one intake question into slot values.

``interpret(slot, text, values)`` returns the slot values to store and what to say. It never
raises and never drops what the person wrote: an answer that cannot be read gets a friendly
hint and the same question again; a free-text answer is kept verbatim (their own words).
The reader for each parser kind is in ``reader_kinds``; the Dutch is read by ``bot.nlp``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.conversation import catalogue as cat
from bot.conversation.catalogue import SKIPPED, UNKNOWN
from bot.conversation.describe import describe
from bot.conversation.flow import question_for
from bot.conversation.interpretation import MAX_FREE_TEXT, Interpretation, clip
from bot.conversation.reader_kinds import reader_for
from bot.nlp import parse
from bot.nlp.contact import extract_contact
from bot.nlp.jobs import job_in
from bot.nlp.names import age_beside_name

# Questions that need a real answer to go on ("weet ik niet" is not possible here).
REQUIRED = {"respondent", "summary_confirmed"}
# Questions whose answer may also hold answers to other questions ("kok, 24 uur per week").
FREE_PARSERS = {"free_text", "list", "support_needs", "life_domains", "work_values"}
# Answers that never also hold another answer: the contact (its numbers are no hours) and
# the read-back.
NO_EXTRAS = {"contact", "confirm"}
# Opportunistic extraction: key from parse.extract_other_answers -> slot.
OTHER_ANSWER_SLOTS = {
    "hours_per_week": "hours_per_week",
    "age": "age",
    "benefit": "benefit",
    "education": "education",
    "can_start_within_6_months": "can_start_within_6_months",
    "in_ggz_treatment": "in_ggz_treatment",
}


def parser_of(slot: str) -> str:
    return question_for(slot).parser


def interpret(
    slot: str, raw_text: str, values: Mapping[str, Any], *, truncated: bool = False
) -> Interpretation:
    """Read ``raw_text`` as the answer to ``slot``, given the answers so far.

    ``truncated`` says the message was already clipped before it got here (by the NLU guard).
    """
    out = Interpretation()
    guard = parse.guard_input(raw_text or "")
    kind = parser_of(slot)
    text = guard.text

    if guard.empty:
        # Only markup ("<script>...</script>"): say so, rather than "I see no text".
        return out.reject(cat.text("input_only_html" if guard.had_html else "input_empty"))
    if guard.emoji_only:
        if guard.emoji_meaning and kind in ("yes_no", "yes_no_doubt", "confirm"):
            text = guard.emoji_meaning
        else:
            return out.reject(cat.text("input_emoji"))

    if slot not in REQUIRED:
        if parse.is_skip(text):
            out.slots[slot] = SKIPPED
            out.accepted = True
            out.say(cat.text("skip_ok"))
            return out
        if parse.is_dont_know(text) and kind not in ("yes_no_doubt",):
            out.slots[slot] = UNKNOWN
            out.accepted = True
            out.say(cat.text("dont_know_ok"))
            return out

    out.accepted = True
    reader_for(slot)(slot, text, values, out)
    if out.accepted and slot not in out.slots:
        out.accepted = False
    if out.accepted:
        _side_effects(slot, text, values, out)
        if guard.truncated or truncated:
            out.say(cat.text("input_too_long"))
        elif guard.had_html:
            out.say(cat.text("input_html"))
        if kind not in NO_EXTRAS and out.slots.get(slot) not in (UNKNOWN, SKIPPED):
            # "Ik ben Sandra, 45 jaar": the age is taken too, so it is not asked next.
            _take_other_answers(slot, text, values, out)
            if kind == "name" and "age" not in out.slots and values.get("age") is None:
                _age_beside_name(text, out)
    return out


def _side_effects(slot: str, text: str, values: Mapping[str, Any], out: Interpretation) -> None:
    """Answers that settle a later question too, so it is not asked again."""
    value = out.slots.get(slot)
    if slot == "wants_to_work" and value == "ja" and values.get("droombaan") is None:
        job = job_in(text)
        if job:
            # "Ja graag, ik wil in de ouderenzorg werken": the droombaan is said already.
            out.slots["droombaan"] = clip(job)
            out.say(cat.text("noted_extra", items=f"droombaan: {job}"))
    if (
        slot == "motivation_text"
        and isinstance(value, str)
        and values.get("work_values") is None
        and values.get("wants_to_work") != "nee"  # "why not" answers name no work values
    ):
        found = parse.parse_work_values(value)
        if found:
            out.slots["work_values"] = found
    if slot == "school_type" and value in ("PrO", "VSO") and values.get("education") is None:
        out.slots["education"] = value  # the pupil's education is this school


def _age_beside_name(text: str, out: Interpretation) -> None:
    """ "Ik ben Sandra, 45": the age said beside the name is taken too."""
    said = age_beside_name(text)
    if said:
        age = parse.parse_age(said)
        if age.value is not None:
            out.slots["age"] = age.value
            out.say(cat.text("noted_extra", items=describe("age", age.value)))


def _take_other_answers(
    slot: str, text: str, values: Mapping[str, Any], out: Interpretation
) -> None:
    """Fill questions still to come when a free answer already holds them (high precision)."""
    exclude = {key for key, target in OTHER_ANSWER_SLOTS.items() if values.get(target) is not None}
    found = parse.extract_other_answers(text, exclude=exclude | {slot})
    noted: list[str] = []
    for key, value in found.items():
        target = OTHER_ANSWER_SLOTS.get(key)
        if target is None or target == slot or values.get(target) is not None or value is None:
            continue
        out.slots[target] = value
        if target == "can_start_within_6_months" and values.get("start_moment") is None:
            out.slots["start_moment"] = clip(text)
        if (
            target == "education"
            and value in ("PrO", "VSO")
            and values.get("respondent") == "school"
            and values.get("school_type") is None
        ):
            # "VSO de Brug" from school staff: the kind of school, and so the pupil's education.
            out.slots["school_type"] = value
            noted.append(describe("school_type", value))
            continue
        noted.append(describe(target, value))
    if noted:
        out.say(cat.text("noted_extra", items=", ".join(noted)))


__all__ = [
    "FREE_PARSERS",
    "MAX_FREE_TEXT",
    "NO_EXTRAS",
    "OTHER_ANSWER_SLOTS",
    "REQUIRED",
    "Interpretation",
    "extract_contact",
    "interpret",
    "parser_of",
]
