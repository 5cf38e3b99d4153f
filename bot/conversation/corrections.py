"""Corrections of an earlier answer: "ik bedoel 20 uur", "mijn leeftijd klopt niet", or a topic
chosen after "Nee, ik wil iets aanpassen" at the read-back.

A correction either carries a new value that can be read safely (a number, a choice) and is
stored at once, or it names a topic whose questions are asked again. Free-text answers (the
droombaan, ...) are always asked again rather than guessed from the correcting sentence.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.conversation.answers import describe, interpret, parser_of
from bot.conversation.catalogue import Button
from bot.conversation.flow import DOMAIN_SLOT_PREFIX, required_slots
from bot.nlp import parse

# Topic -> (button title, keywords (regex), slots asked again). Order matters: the first topic
# whose keywords match wins, so the more specific ones come first.
TOPICS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "naam": ("Naam", r"\bnaam\b|\bheet\b", ("name",)),
    # "jaar" only as an age: "ik ben 52", "52 jaar." -- not "25 jaar inkoper" or "3 jaar gewerkt".
    "leeftijd": (
        "Leeftijd",
        r"leeftijd|\boud\b|geboren|\b(?:ben|word|wordt|is)\s+(?:nu\s+|al\s+)?\d+\b"
        r"|\d+\s+jaar\b(?!\s*[a-z])",
        ("age",),
    ),
    "alternatief": ("Ander werk", r"ander werk|ook goed|alternatie", ("droombaan_alternatives",)),
    "droombaan": ("Droombaan", r"droom|\bbaan\b|beroep|wil worden", ("droombaan",)),
    "cijfers": (
        "Cijfers",
        r"cijfer|vertrouwen|belangrijk|klaar om",
        ("importance", "confidence", "readiness"),
    ),
    "motivatie": (
        "Waarom werken, wat belangrijk is",
        r"motivatie|waarom|reden|belangrijk aan werk|belangrijk in werk|werkwaarde",
        ("motivation_text", "work_values"),
    ),
    "willen": (
        "Willen werken",
        r"wil(?:t)? (?:ik )?(?:niet |wel )?werken|twijfel",
        ("wants_to_work",),
    ),
    "schooleinde": (
        "Klaar met school",
        r"van school\b|klaar met school|einde? van (?:de )?school|schooljaar|einddatum",
        ("school_leaving_date",),
    ),
    "opleiding": ("Opleiding", r"opleiding|school|diploma|\bmbo\b|\bpro\b|\bvso\b", ("education",)),
    "ervaring": (
        "Werkervaring",
        r"ervaring|gewerkt|stage|vrijwillig|bijbaan",
        ("work_experience",),
    ),
    "vaardigheden": ("Waar ik goed in ben", r"goed in|vaardigheid|kan ik goed", ("skills",)),
    "werknemer": (
        "Op tijd en afspraken",
        r"op tijd|afspraken|collega|\bbaas\b",
        ("employee_skills",),
    ),
    "uren": (
        "Uren",
        r"\buur\b|\buren\b|fulltime|parttime|voltijd|deeltijd|dagen",
        ("hours_per_week",),
    ),
    "beginnen": ("Beginnen", r"beginnen|starten|\bstart\b|wanneer", ("start_moment",)),
    "loon": ("Minimumloon", r"loon|salaris|verdienen", ("can_earn_minimum_wage_alone",)),
    "hulp": (
        "Hulp bij werk",
        r"\bhulp\b|ondersteuning|begeleiding|solliciteren",
        ("support_needs",),
    ),
    "ggz": ("GGZ", r"\bggz\b|psycholoog|psychiater|behandel|\bepa\b", ("in_ggz_treatment",)),
    "leven": (
        "Mijn leven",
        r"leven|geld|schuld|wonen|\bhuis\b|gezond|thuis|\bziek|verslav|politie|vervoer",
        ("life_domains_open",),
    ),
    "uitkering": ("Uitkering", r"uitkering|bijstand|wajong|\bwia\b|\bwga\b", ("benefit",)),
    "contact": ("Telefoon of e-mail", r"telefoon|nummer|e-?mail|\bmail\b|bereik", ("contact",)),
    "school": ("School", r"welke school|schoolnaam|uitstroom", ("school_name", "uitstroomprofiel")),
}
# Button titles in the first person, said about the pupil when school staff fill in.
SCHOOL_TITLES = {
    "vaardigheden": "Waar de leerling goed in is",
    "leven": "Leven van de leerling",
    "contact": "Uw telefoon of e-mail",
}
# Slots that are reset together with a topic because they follow from it.
DEPENDENTS = {
    "life_domains_open": (
        "life_domains_mentioned",
        "life_domains_clarify",
        "life_domains_text_draft",
    ),
    "in_ggz_treatment": ("severe_mental_illness",),
    "start_moment": ("can_start_within_6_months",),
    "support_needs": ("support_needs_text",),
    "employee_skills": ("employee_skills_text",),
    "education": ("education_text",),
}
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
NUMERIC_SLOTS = ("age", "hours_per_week", "importance", "confidence", "readiness")
TOPIC_PAYLOAD = "aanpassen: "


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
        for key, (title, _, slots) in TOPICS.items()
        if any(s in asked for s in slots)
    )


def topic_named(text: str) -> bool:
    """Does the message name one of the answers ("uren", "waarom werken", "uitkering")?"""
    return _topic_of(text) is not None


def _topic_of(text: str) -> str | None:
    lowered = text.lower()
    if lowered.startswith(TOPIC_PAYLOAD):
        key = lowered[len(TOPIC_PAYLOAD) :].strip()
        return key if key in TOPICS else None
    # The topic named first wins ("gezondheid gaat beter met hulp" is about health, not about
    # the help question); at the same place the longer keyword ("belangrijk aan werk").
    best: tuple[int, int, str] | None = None
    for key, (_, pattern, _) in TOPICS.items():
        m = re.search(pattern, lowered)
        if m and (best is None or (m.start(), -len(m.group(0))) < best[:2]):
            best = (m.start(), -len(m.group(0)), key)
    return best[2] if best else None


_LABELLED_DROOMBAAN = re.compile(
    r"\bdroom\s*(?:baan|beroep|werk)\s*(?:is|wordt|:|=)\s*"
    r"(?:toch\s+|eigenlijk\s+|eerder\s+|nu\s+|gewoon\s+)*"
    r"(?P<job>[^.!?]+?)\s*(?:zei\s+ik\s+(?:toch|al))?\s*"
    r"(?:[.!?]|,?\s+(?:en|maar)\s+(?:ik|mijn|mn|de|het)\b|,\s*(?:dat|die|want|maar)\b|$)",
    re.IGNORECASE,
)


_CLAUSE_CUT = re.compile(r"[.;:!?]\s|,\s*(?:en|maar|ook)\b")


def _own_clause(text: str) -> str:
    """The value's own clause: "uren moet 24 zijn (na school), en bij leven ..." -> up to ", en"."""
    return re.split(r",\s*(?:en|maar|ook)\b|;|\.\s", text, maxsplit=1)[0]


def _topics_in(text: str) -> list[str]:
    lowered = text.lower()
    keys = [key for key, (_, pattern, _) in TOPICS.items() if re.search(pattern, lowered)]
    if "motivatie" in keys:  # "waarom ik wil werken" is the motivation, not "wil je werken?"
        keys = [k for k in keys if k != "willen"]
    return keys


def _holds_value(text: str, slot: str) -> bool:
    """Only numbers ("24", "twintig"), an e-mail address or a named level or benefit ("havo",
    "Wajong") are read from a correcting sentence: a "niet" in it must never become a "nee"
    to a yes/no question."""
    if re.search(r"\d|@", text):
        return True
    kind = parser_of(slot)
    if kind in {"age", "hours", "ruler"}:
        return parse.parse_number(text) is not None
    if kind == "education":
        return parse.parse_education(text) is not None
    if kind == "benefit":
        return parse.parse_benefit(text) not in (None, "geen")
    if kind in {"yes_no", "yes_no_doubt"}:
        return _EXPLICIT_YES_NO.search(text) is not None
    return False


# "bij het minimumloon bedoelde ik nee": a yes or no said outright, so it can be read.
_EXPLICIT_YES_NO = re.compile(
    r"\b(?:bedoel\w*|zeg|zei|moet|moest|antwoord\w*)\s+(?:ik\s+|het\s+|dat\s+|is\s+|zijn\s+)*"
    r"(?:ja|nee)\b",
    re.IGNORECASE,
)


# "niet mbo 2 maar mbo 1", "geen 8 maar een 9": the new value is after "maar";
# "havo, niet vwo": before the "niet".
_NOT_BUT = re.compile(r"\b(?:niet|geen)\b.*?\bmaar\b\s*(?P<new>.+)$", re.IGNORECASE)
_BUT_NOT = re.compile(r"^(?P<new>.+?)[,;]?\s+\b(?:niet|geen)\b\s+\S+\s*$", re.IGNORECASE)


_MAKE_IT = re.compile(
    r"\b(?:maak\s+er\s+(?:maar\s+)?|het\s+(?:moet|wordt)\s+|liever\s+)(?P<new>\S+(?:\s+uur)?)"
    r"(?:\s+van)?\b",
    re.IGNORECASE,
)


def _new_part(text: str) -> str:
    made = _MAKE_IT.search(text)
    if made and re.search(r"\d|tig|tien|twaalf|elf|acht|zes|vier|vijf|twee|drie|zeven|negen",
                          made.group("new"), re.IGNORECASE):
        return made.group("new")  # "24 uur is te veel, maak er maar 16 van": the new one
    for pattern in (_NOT_BUT, _BUT_NOT):
        m = pattern.search(text.strip())
        if m and m.group("new").strip():
            if pattern is _BUT_NOT and not _is_value(text.strip().split()[-1]):
                continue  # "mbo 2 heb ik niet afgemaakt": no old value after the "niet"
            return m.group("new")
    return text


def _is_value(word: str) -> bool:
    word = word.strip(" .,;!?")
    return bool(
        re.search(r"\d", word)
        or parse.parse_number(word) is not None
        or parse.parse_education(word) is not None
        or parse.parse_benefit(word) is not None
    )


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
    topic = _topic_of(text)
    if topic is not None:
        slots = TOPICS[topic][2]
        asked = set(required_slots(values))
        slots = tuple(s for s in slots if s in asked) or slots
        # "Twee dingen: uren moet 24 zijn": the value is read from the clause naming the topic.
        named_at = re.search(TOPICS[topic][1], text.lower())
        start = 0
        if named_at:
            cuts = [m.end() for m in _CLAUSE_CUT.finditer(text, 0, named_at.start())]
            start = cuts[-1] if cuts else 0
        new_text = _new_part(text[start:])
        if len(slots) == 1 and parser_of(slots[0]) in DIRECT_PARSERS and _holds_value(
            new_text, slots[0]
        ):
            reading = interpret(slots[0], _own_clause(new_text), values)
            value = reading.slots.get(slots[0])
            if reading.accepted and value is not None:
                result.updates.update(reading.slots)
                result.described.append(describe(slots[0], value))
                # "..., en bij leven mist thuis": other answers named after it are asked again.
                rest = new_text[len(_own_clause(new_text)) :]
                others = [k for k in _topics_in(rest) if k != topic]
                extra = [s for k in others for s in TOPICS[k][2] if s in asked]
                result.reset = _reset_slots(tuple(dict.fromkeys(extra)), values)
                return result
        if topic == "droombaan":
            # "Mijn droombaan is toch eerder bakker": the person's own words after the label.
            named = _LABELLED_DROOMBAAN.search(text)
            if named and re.search(r"\w", named["job"]):
                job = named["job"].strip(" .!,")
                result.updates["droombaan"] = job
                result.described.append(f"droombaan: {job}")
                # "... nagelstyliste en ik ben 29 geworden": the rest changes another answer.
                rest = text[named.end("job") :]
                if _topic_of(rest) not in (None, "droombaan"):
                    more = find_correction(rest, values)
                    result.updates.update(more.updates)
                    result.described.extend(more.described)
                    result.reset.extend(more.reset)
                return result
        # "Dat ander werk en waarom ik wil werken klopt niet": every topic named is asked again.
        # Only in a short message: in a story every word that names a topic is no request.
        short = len(re.findall(r"\w+", text)) <= 14
        named_slots = (
            [s for key in _topics_in(text) for s in TOPICS[key][2] if s in asked] if short else []
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


_SENTENCE = re.compile(r"(?<=[.;!?\n])\s+|\n")


def find_corrections(text: str, values: Mapping[str, Any]) -> Correction:
    """Like :func:`find_correction`, sentence by sentence: "Uren moet 16 zijn, niet 32.
    Opleiding: havo." changes both answers."""
    sentences: list[str] = []
    for sentence in (s for s in _SENTENCE.split(text) if s and s.strip(" .;!?")):
        if sentences and _topic_of(sentence) is None:
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
    numbers = set(re.findall(r"\d+", text))
    if len(numbers) < 2:
        return None
    for slot in NUMERIC_SLOTS:
        old = values.get(slot)
        if isinstance(old, int) and str(old) in numbers:
            rest = re.sub(rf"\b{old}\b", " ", text, count=1)
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
