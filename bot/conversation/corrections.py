"""Corrections of an earlier answer: "ik bedoel 20 uur", "mijn leeftijd klopt niet", or a topic
chosen after "Nee, ik wil iets aanpassen" at the read-back.

A correction either carries a new value that can be read safely (a number, a choice) and is
stored at once, or it names a topic whose questions are asked again. Free-text answers (the
droombaan, ...) are always asked again rather than guessed from the correcting sentence.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot import codes
from bot.conversation.catalogue import Button, questions
from bot.conversation.describe import describe
from bot.conversation.flow import DOMAIN_SLOT_PREFIX, required_slots
from bot.conversation.readers import interpret, parser_of
from bot.nlp import parse
from bot.nlp.corrections import (
    TOPIC_PAYLOAD,
    holds_value,
    labelled_droombaan,
    new_part,
    numbers_in,
    own_clause,
    topic_clause,
    topic_of,
    topics_in,
    without_number,
    word_count,
)
from bot.nlp.corrections import (
    sentences as split_sentences,
)


def _topics() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Topic -> (button title, slots asked again), in the order of the buttons (bot/codes.yml);
    a question joins a topic by its ``topic`` in questions.yml. Which words name a topic is read
    by bot.nlp.corrections (lexicon/correction_topics.yml, the same keys)."""
    slots: dict[str, list[str]] = {}
    for question in questions().values():
        if question.topic:
            slots.setdefault(question.topic, []).append(question.slot)
    return {
        key: (title, tuple(slots[key]))
        for key, title in codes.labels("correction_topics", "b1").items()
        if key in slots
    }


TOPICS = _topics()
# Button titles in the first person, said about the pupil when school staff fill in.
SCHOOL_TITLES = codes.labels("correction_topics", "school")
# Slots that are reset together with a topic because they follow from it.
DEPENDENTS = {q.slot: q.dependents for q in questions().values() if q.dependents}

# Answers that can be read safely from a correcting sentence that names the topic.
DIRECT_PARSERS = {
    "age",
    "hours",
    "ruler",
    "yes_no",
    "yes_no_doubt",
    "benefit",
    "education",
    "contact",
}
# Numeric answers: "ik ben 24, niet 23" names no topic, but the old value gives it away.
NUMERIC_SLOTS = tuple(
    q.slot for q in sorted(questions().values(), key=lambda q: q.numeric) if q.numeric
)


@dataclass
class Correction:
    updates: dict[str, Any] = field(default_factory=dict)  # slot -> new value
    reset: list[str] = field(default_factory=list)  # slots to ask again
    described: list[str] = field(default_factory=list)  # Dutch descriptions of updates

    @property
    def found(self) -> bool:
        return bool(self.updates or self.reset)


def topic_buttons(values: Mapping[str, Any]) -> tuple[Button, ...]:
    """Buttons for "Wat wil je aanpassen?": only topics that were asked."""
    asked = set(required_slots(values))
    school = values.get("respondent") == "school"
    return tuple(
        Button(SCHOOL_TITLES.get(key, title) if school else title, TOPIC_PAYLOAD + key)
        for key, (title, slots) in TOPICS.items()
        if any(s in asked for s in slots)
    )


def topic_named(text: str) -> bool:
    """Does the message name one of the answers ("uren", "waarom werken", "uitkering")?"""
    return topic_of(text) is not None


def _holds_value(text: str, slot: str) -> bool:
    return holds_value(text, parser_of(slot))


def _reset_slots(slots: tuple[str, ...], values: Mapping[str, Any]) -> list[str]:
    reset: list[str] = []
    for slot in slots:
        reset.append(slot)
        reset.extend(DEPENDENTS.get(slot, ()))
        if slot == "life_domains_open":
            reset.extend(s for s in values if s.startswith(DOMAIN_SLOT_PREFIX))
    return reset


def find_correction(text: str, values: Mapping[str, Any]) -> Correction:
    """What the person wants to change, and the new value when it can be read safely."""
    result = Correction()
    topic = topic_of(text)
    if topic is not None:
        slots = TOPICS[topic][1]
        asked = set(required_slots(values))
        slots = tuple(s for s in slots if s in asked) or slots
        # "Twee dingen: uren moet 24 zijn": the value is read from the clause naming the topic.
        new_text = new_part(topic_clause(text, topic))
        if len(slots) == 1 and parser_of(slots[0]) in DIRECT_PARSERS and _holds_value(
            new_text, slots[0]
        ):
            reading = interpret(slots[0], own_clause(new_text), values)
            value = reading.slots.get(slots[0])
            if reading.accepted and value is not None:
                result.updates.update(reading.slots)
                result.described.append(describe(slots[0], value))
                # "..., en bij leven mist thuis": other answers named after it are asked again.
                rest = new_text[len(own_clause(new_text)) :]
                others = [k for k in topics_in(rest) if k != topic]
                extra = [s for k in others for s in TOPICS[k][1] if s in asked]
                result.reset = _reset_slots(tuple(dict.fromkeys(extra)), values)
                return result
        if topic == "droombaan":
            # "Mijn droombaan is toch eerder bakker": the person's own words after the label.
            named = labelled_droombaan(text)
            if named:
                job, rest = named
                result.updates["droombaan"] = job
                result.described.append(f"droombaan: {job}")
                # "... nagelstyliste en ik ben 29 geworden": the rest changes another answer.
                if topic_of(rest) not in (None, "droombaan"):
                    more = find_correction(rest, values)
                    result.updates.update(more.updates)
                    result.described.extend(more.described)
                    result.reset.extend(more.reset)
                return result
        # "Dat ander werk en waarom ik wil werken klopt niet": every topic named is asked again.
        # Only in a short message: in a story every word that names a topic is no request.
        short = word_count(text) <= 14
        named_slots = (
            [s for key in topics_in(text) for s in TOPICS[key][1] if s in asked] if short else []
        )
        result.reset = _reset_slots(tuple(dict.fromkeys([*slots, *named_slots])), values)
        return result
    # No topic named. "Niet 23 maar 24": the old value in the sentence names the answer.
    numeric = _numeric_correction(text, values)
    if numeric:
        return numeric
    # A bare new value with its unit ("nee, 32 uur") for an answer given earlier.
    found = parse.extract_other_answers(text)
    for key, value in found.items():
        if key in values and values.get(key) is not None and value is not None:
            result.updates[key] = value
            result.described.append(describe(key, value))
    return result


def find_corrections(text: str, values: Mapping[str, Any]) -> Correction:
    """Like :func:`find_correction`, sentence by sentence: "Uren moet 16 zijn, niet 32.
    Opleiding: havo." changes both answers."""
    sentences: list[str] = []
    for sentence in split_sentences(text):
        if sentences and topic_of(sentence) is None:
            # "... mbo 2 niet afgemaakt. Alleen mavo." -- still about the same answer.
            sentences[-1] = f"{sentences[-1].rstrip()} {sentence.strip()}"
        else:
            sentences.append(sentence)
    if len(sentences) < 2:
        return find_correction(text, values)
    merged = Correction()
    described: dict[str, list[str]] = {}
    for sentence in sentences:
        part = find_correction(sentence, values)
        for slot, value in part.updates.items():
            merged.updates[slot] = value  # the same answer twice: the later word counts
        merged.reset.extend(s for s in part.reset if s not in merged.reset)
        key = next(iter(part.updates), sentence)
        described[key] = part.described
    merged.described = [d for parts in described.values() for d in parts]
    merged.reset = [s for s in merged.reset if s not in merged.updates]
    return merged if merged.found else find_correction(text, values)


def _numeric_correction(text: str, values: Mapping[str, Any]) -> Correction | None:
    numbers = numbers_in(text)
    if len(numbers) < 2:
        return None
    for slot in NUMERIC_SLOTS:
        old = values.get(slot)
        if isinstance(old, int) and str(old) in numbers:
            rest = without_number(text, old)
            reading = interpret(slot, rest, values)
            value = reading.slots.get(slot)
            if reading.accepted and isinstance(value, int) and value != old:
                return Correction(updates={slot: value}, described=[describe(slot, value)])
    return None


def correct_last_answer(text: str, values: Mapping[str, Any], last_slot: str | None) -> Correction:
    """ "Nee wacht, ik bedoel 20": a correction that names no topic refers to the last answer."""
    result = find_correction(text, values)
    if result.found or not last_slot:
        return result
    # Only numbers (or an e-mail address) are read from a sentence that names no topic: a
    # "niet" in "ik bedoel niet 20" must never turn into a "nee" to the last yes/no question.
    if parser_of(last_slot) in {"age", "hours", "ruler", "contact"}:
        reading = interpret(last_slot, text, values)
        value = reading.slots.get(last_slot)
        if reading.accepted and value is not None and _holds_value(text, last_slot):
            result.updates.update(reading.slots)
            result.described.append(describe(last_slot, value))
            return result
    result.reset = _reset_slots((last_slot,), values)
    return result
