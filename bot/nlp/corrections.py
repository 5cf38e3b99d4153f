"""Reading a correction of an earlier answer: which topic it names ("mijn leeftijd klopt niet",
"uren moet 24 zijn"), and which part holds the new value ("niet mbo 2 maar mbo 1", "maak er
maar 16 van", "mijn droombaan is toch eerder bakker").

The topic keywords are in ``lexicon/correction_topics.yml``; which questions a topic asks
again is the dialogue's business (``bot/conversation/corrections.py``).
"""

from __future__ import annotations

import functools
import re

from bot.nlp import lexicon
from bot.nlp.categories import parse_benefit, parse_education
from bot.nlp.numbers import parse_number

TOPIC_PAYLOAD = "aanpassen: "  # the payload of a topic button: "aanpassen: uren"


@functools.cache
def topic_patterns() -> dict[str, re.Pattern[str]]:
    """Topic key -> its keywords, in the lexicon's order (more specific topics first)."""
    section = lexicon.load("correction_topics")["topics"]
    return {key: re.compile("|".join(patterns)) for key, patterns in section.items()}


def topic_of(text: str) -> str | None:
    """The topic a correction names, or a topic button's payload ("aanpassen: uren")."""
    lowered = text.lower()
    if lowered.startswith(TOPIC_PAYLOAD):
        key = lowered[len(TOPIC_PAYLOAD) :].strip()
        return key if key in topic_patterns() else None
    # The topic named first wins ("gezondheid gaat beter met hulp" is about health, not about
    # the help question); at the same place the longer keyword ("belangrijk aan werk").
    best: tuple[int, int, str] | None = None
    for key, pattern in topic_patterns().items():
        m = pattern.search(lowered)
        if m and (best is None or (m.start(), -len(m.group(0))) < best[:2]):
            best = (m.start(), -len(m.group(0)), key)
    return best[2] if best else None


def topics_in(text: str) -> list[str]:
    """Every topic the message names, in the lexicon's order."""
    lowered = text.lower()
    keys = [key for key, pattern in topic_patterns().items() if pattern.search(lowered)]
    if "motivatie" in keys:  # "waarom ik wil werken" is the motivation, not "wil je werken?"
        keys = [k for k in keys if k != "willen"]
    return keys


_CLAUSE_CUT = re.compile(r"[.;:!?]\s|,\s*(?:en|maar|ook)\b")


def topic_clause(text: str, topic: str) -> str:
    """ "Twee dingen: uren moet 24 zijn": the text from the clause that names ``topic``."""
    named_at = topic_patterns()[topic].search(text.lower())
    start = 0
    if named_at:
        cuts = [m.end() for m in _CLAUSE_CUT.finditer(text, 0, named_at.start())]
        start = cuts[-1] if cuts else 0
    return text[start:]


def own_clause(text: str) -> str:
    """The value's own clause: "uren moet 24 zijn (na school), en bij leven ..." -> up to ", en"."""
    return re.split(r",\s*(?:en|maar|ook)\b|;|\.\s", text, maxsplit=1)[0]


# "bij het minimumloon bedoelde ik nee": a yes or no said outright, so it can be read.
_EXPLICIT_YES_NO = re.compile(
    r"\b(?:bedoel\w*|zeg|zei|moet|moest|antwoord\w*)\s+(?:ik\s+|het\s+|dat\s+|is\s+|zijn\s+)*"
    r"(?:ja|nee)\b",
    re.IGNORECASE,
)


def holds_value(text: str, kind: str) -> bool:
    """Can a new answer of parser ``kind`` be read safely from this correcting sentence?

    Only numbers ("24", "twintig"), an e-mail address or a named level or benefit ("havo",
    "Wajong"): a "niet" in it must never become a "nee" to a yes/no question."""
    if re.search(r"\d|@", text):
        return True
    if kind in {"age", "hours", "ruler"}:
        return parse_number(text) is not None
    if kind == "education":
        return parse_education(text) is not None
    if kind == "benefit":
        return parse_benefit(text) not in (None, "geen")
    if kind in {"yes_no", "yes_no_doubt"}:
        return _EXPLICIT_YES_NO.search(text) is not None
    return False


# "niet mbo 2 maar mbo 1", "geen 8 maar een 9": the new value is after "maar";
# "havo, niet vwo": before the "niet".
_NOT_BUT = re.compile(r"\b(?:niet|geen)\b.*?\bmaar\b\s*(?P<new>.+)$", re.IGNORECASE)
_BUT_NOT = re.compile(r"^(?P<new>.+?)[,;]?\s+\b(?:niet|geen)\b\s+\S+\s*$", re.IGNORECASE)
_MAKE_IT = re.compile(
    r"\b(?:maak\s+er\s+(?:maar\s+)?|het\s+(?:moet|wordt)\s+|liever\s+)(?P<new>\S+(?:\s+uur)?)"
    r"(?:\s+van)?\b",
    re.IGNORECASE,
)
_NUMBER_WORD = re.compile(
    r"\d|tig|tien|twaalf|elf|acht|zes|vier|vijf|twee|drie|zeven|negen", re.IGNORECASE
)


def new_part(text: str) -> str:
    """The part of a correction that holds the new value (the whole text when unclear)."""
    made = _MAKE_IT.search(text)
    if made and _NUMBER_WORD.search(made.group("new")):
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
        or parse_number(word) is not None
        or parse_education(word) is not None
        or parse_benefit(word) is not None
    )


_LABELLED_DROOMBAAN = re.compile(
    r"\bdroom\s*(?:baan|beroep|werk)\s*(?:is|wordt|:|=)\s*"
    r"(?:toch\s+|eigenlijk\s+|eerder\s+|nu\s+|gewoon\s+)*"
    r"(?P<job>[^.!?]+?)\s*(?:zei\s+ik\s+(?:toch|al))?\s*"
    r"(?:[.!?]|,?\s+(?:en|maar)\s+(?:ik|mijn|mn|de|het)\b|,\s*(?:dat|die|want|maar)\b|$)",
    re.IGNORECASE,
)


def labelled_droombaan(text: str) -> tuple[str, str] | None:
    """ "Mijn droombaan is toch eerder bakker, en ik ben 29": ("bakker", the text after it)."""
    named = _LABELLED_DROOMBAAN.search(text)
    if not named or not re.search(r"\w", named["job"]):
        return None
    return named["job"].strip(" .!,"), text[named.end("job") :]


def word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))


_SENTENCE = re.compile(r"(?<=[.;!?\n])\s+|\n")


def sentences(text: str) -> list[str]:
    """The sentences of a message, empty ones and bare punctuation left out."""
    return [s for s in _SENTENCE.split(text) if s and s.strip(" .;!?")]


def numbers_in(text: str) -> set[str]:
    return set(re.findall(r"\d+", text))


def without_number(text: str, number: int) -> str:
    """ "ik ben 24, niet 23" without the old value 23 (its first occurrence)."""
    return re.sub(rf"\b{number}\b", " ", text, count=1)
