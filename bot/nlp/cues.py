"""Cue words for the intents that interrupt an intake (stop, a person, start again, correct).

The intent classifier sometimes hears "stop" or "ik bedoel" in an ordinary answer ("ik ben
altijd op tijd" once came out as pause_intake). Such a mistake costs the person their answer
and their place, so during the intake these intents need a cue in the message itself
(``lexicon/intent_cues.yml``: phrases, typo-tolerant, and a few regular expressions for
shapes such as "24, niet 23") before they may interrupt an answer.
"""

from __future__ import annotations

import functools
import re

from bot.nlp import lexicon
from bot.nlp.answers import answer_tokens
from bot.nlp.matcher import PhraseMatcher
from bot.nlp.text import PARSE_LIMIT, safe

CUED_INTENTS = frozenset(lexicon.load("intent_cues")["phrases"])


@functools.cache
def _matcher() -> PhraseMatcher:
    return PhraseMatcher(lexicon.labelled(lexicon.load("intent_cues")["phrases"]))


@functools.cache
def _patterns() -> dict[str, re.Pattern[str]]:
    section = lexicon.load("intent_cues").get("patterns") or {}
    return {
        intent: re.compile("|".join(f"(?:{p})" for p in patterns))
        for intent, patterns in section.items()
    }


@safe(lambda: False)
def has_intent_cue(text: str, intent: str) -> bool:
    """True when ``text`` holds a cue for ``intent`` (always False for other intents)."""
    if intent not in CUED_INTENTS:
        return False
    pattern = _patterns().get(intent)
    if pattern is not None and pattern.search(text[:PARSE_LIMIT].lower()):
        return True
    return any(m.label == intent for m in _matcher().find_all(answer_tokens(text)))


# "Nee laat maar, gewoon verder", "ja graag verder": going on, whatever else the words suggest
# (after the crisis answer a "nee" in it once paused the intake against the person's words).
_GO_ON = re.compile(
    r"^\W*(?:(?:nee|ja|oke?|ok|prima|goed|nou)\W+)*(?:laat\s+maar\W+)?(?:(?:gewoon|maar|graag|we|"
    r"gaan|ga|ik\s+wil|wil|doe|toch)\s+)*(?:door|verder)(?:\s+(?:gaan|graag|hoor|met\s+de\s+vragen|"
    r"met\s+de\s+intake|dan|maar))*\W*$",
    re.IGNORECASE,
)


def wants_to_go_on(text: str) -> bool:
    """A short message that only says: go on with the questions."""
    return bool(_GO_ON.match(text or "")) and not re.search(r"\bniet\s+verder\b", text or "", re.I)


# "Ik wil nog iets veranderen", "kan ik mijn antwoord aanpassen": a wish to change an answer,
# said outright. (Not "aanpassingen op het werk": that is a support need.)
_CHANGE = re.compile(
    r"\b(?:iets|antwoord\w*|dat|mijn\s+(?:antwoord\w*|leeftijd|uren|droombaan|opleiding|naam|"
    r"uitkering|gegevens))\s+(?:nog\s+|even\s+|toch\s+)?"
    r"(?:veranderen|aanpassen|wijzigen|corrigeren|verbeteren)\b",
    re.IGNORECASE,
)


def wants_to_change(text: str) -> bool:
    return bool(_CHANGE.search(text or ""))
