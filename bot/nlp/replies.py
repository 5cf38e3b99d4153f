"""Replies to the bot itself rather than answers: anger at the bot, a question about the
question, the reply to the care check, and how the read-back is answered.

The word lists are in ``lexicon/replies.yml``; the shapes ("wat bedoel je?", "klopt niet")
are regular expressions here.
"""

from __future__ import annotations

import functools
import re

from bot.nlp import lexicon
from bot.nlp.answers import parse_yes_no
from bot.nlp.crisis import detect_crisis
from bot.nlp.guard import guard_input


@functools.cache
def _words(*keys: str) -> re.Pattern[str]:
    section = lexicon.load("replies")
    for key in keys:
        section = section[key]
    return re.compile(rf"(?:{lexicon.word_pattern(section)})", re.IGNORECASE)


def is_insult(text: str) -> bool:
    """Anger at the bot or the questions: answered calmly, not with "leuk dat je dat vraagt"."""
    return bool(_words("insults").search(text or ""))


def care_check_reply(text: str) -> str | None:
    """The reply to "Gaat het goed met je?": "not_ok", "ok", or None (it is something else,
    most likely the answer to the question)."""
    clean = guard_input(text or "").text
    words = re.findall(r"\w+", clean)
    if detect_crisis(clean):
        return "not_ok"
    if len(words) > 8:
        return None
    if _words("care_check", "not_ok").search(clean) or parse_yes_no(clean) == "nee":
        return "not_ok"
    if _words("care_check", "ok").search(clean):
        return "ok"
    return None


# "Wat is dat?", "wat bedoel je?", "snap de vraag niet": a question about the question.
_ASKS_MEANING = re.compile(
    r"\bwat\s+(?:is|zijn|betekent|betekend|bedoel\w*)\s+(?:dat|dit|je|u|jij|daarmee|ermee)\b"
    r"|\bwat\s+bedoel\w*\b|\bwat\s+moet\s+ik\s+(?:hier\s+)?(?:invullen|zeggen|antwoorden)"
    r"|\b(?:snap|begrijp)\s+(?:ik\s+)?(?:het|dat|dit|de\s+vraag|je|u)?\s*niet\s*[?.!]*\s*$"
    r"|\bsnap\s+er\s+niks\s+van\b|^\s*huh\s*\??\s*$|^\s*\?+\s*$"
    r"|\b(?:snap|begrijp|versta)\w*\s+(?:ik\s+)?(?:het\s+|de\s+)?niet\s+(?:de\s+|deze\s+)?vraag\b"
    r"|\bvraag\s+(?:is\s+)?(?:niet\s+duidelijk|onduidelijk|moeilijk)\b"
    r"|\b(?:not|don'?t|do\s+not)\s+understand\b",
    re.IGNORECASE,
)


def asks_meaning(text: str) -> bool:
    """ "Wat bedoel je?", "snap de vraag niet", "huh?": the question needs other words."""
    return bool(_ASKS_MEANING.search(text or ""))


# At the read-back, "ja" next to these words is no confirmation: "op tijd klopt niet, verder
# gaat het goed" must not close the intake.
_SOUNDS_WRONG = re.compile(
    r"\bfout|niet (?:goed|juist|waar|correct|helemaal)|"
    r"klopt\b(?:\s+\w+){0,2}\s+(?:niet|niks|geen)\b|\bbijna\b|verkeerd|aanpass|"
    r"verander|wijzig|\bmoet\b[^.?!]*\bzijn\b",
    re.IGNORECASE,
)


def sounds_wrong(text: str) -> bool:
    """ "Klopt niet helemaal", "fout", "moet 24 zijn": something in the read-back is wrong."""
    return bool(_SOUNDS_WRONG.search(text or ""))


# In the "Wat wil je aanpassen?" menu: nothing to change after all.
_NOTHING_TO_CHANGE = re.compile(
    r"^\s*(?:(?:nee|ja)[\s,!.]*)?(?:(?:dit|het|alles)\s+)?(?:klopt(?:\s+(?:wel|toch|allemaal))?|"
    r"(?:is\s+)?goed(?:\s+zo)?|(?:niks|niets)(?:\s+meer)?(?:\s+aanpassen)?|laat\s+maar|toch\s+niet|"
    r"hoeft\s+niet)?[\s,!.]*(?:(?:het\s+)?(?:is\s+)?goed(?:\s+zo)?)?[\s!.]*$",
    re.IGNORECASE,
)


def nothing_to_change(text: str) -> bool:
    """ "Nee, klopt wel", "laat maar", "niks": after all, nothing to change (not empty)."""
    return bool(_NOTHING_TO_CHANGE.match(text or "")) and bool((text or "").strip())


def short_no(text: str) -> bool:
    """ "Nee", "nee hoor", "niks": a no to "speelt er iets?". Not a longer message with a "niet"
    in it ("ik wil niet meer leven", "die staan niet tussen de knoppen")."""
    words = re.findall(r"\w+", text.lower())
    if len(words) <= 4:
        return parse_yes_no(text) == "nee"
    # "Nee, voor zover mij bekend niet": a no first, and no story after it.
    return words[0] in ("nee", "neen", "nope") and len(words) <= 8 and not detect_crisis(text)


def names_who_fills_in(text: str) -> bool:
    """A first message that says who fills in ("ik ben van school", "voor mezelf")."""
    return bool(re.search(r"\b(?:school|leerling|mezelf|zelf)\b", text, re.I))


def says_something(text: str) -> bool:
    """ "Ik wil nog iets aanpassen": a change asked for without saying which."""
    return bool(re.search(r"\biets\b", text or "", re.I))
