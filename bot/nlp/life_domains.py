"""Life domains named in the open answer to "Hoe gaat het verder in je leven?".

``detect_life_domains`` returns the domains (contract keys) the person raises, each with a
suggested 1-5 self-reliance score when the words make it clear ("deurwaarder" -> financien 2,
"schuldsanering"/"bewindvoering" -> financien 3, "dakloos" -> wonen 1, "ik slaap bij vrienden op
de bank" -> wonen 2) and None when the caller should ask ("ik heb schulden"). Following the data
minimisation advice, the bot asks further only about the domains returned here.

Negation: "geen schulden" and "ik heb geen problemen met geld" name no domain; phrases that
carry their own "geen" ("geen geld", "geen vrienden", "geen rijbewijs") do.
"""

from __future__ import annotations

import functools
import re

from bot.nlp import lexicon
from bot.nlp.matcher import PhraseMatcher, split_negated
from bot.nlp.text import safe, tokens

DOMAINS = (
    "financien",
    "wonen",
    "gezondheid",
    "psychisch",
    "verslaving",
    "thuis",
    "netwerk",
    "justitie",
    "vervoer",
    "dagbesteding",
)


@functools.cache
def _domains() -> PhraseMatcher:
    return PhraseMatcher(lexicon.labelled(lexicon.load("life_domains")["domains"]))


@functools.cache
def _fine() -> PhraseMatcher:
    return PhraseMatcher((p, "fine", None) for p in lexicon.load("life_domains")["all_fine"])


@safe(dict)
def detect_life_domains(text: str) -> dict[str, int | None]:
    """{domain: suggested score or None}, in the order the person mentions them."""
    toks = tokens(text)
    out: dict[str, int | None] = {}
    live, dead = split_negated(toks, _domains().find_all(toks), stop_at_matches=True)
    # "psychisch niet goed", "mijn geld is niet goed": a "niet" after the domain word that
    # says it goes badly is the problem itself, not a negation of it.
    revived = {id(m) for m in dead if _goes_badly_after(toks, m.end)}
    live = [m for m in _domains().find_all(toks) if m in live or id(m) in revived]
    # "gezondheid is prima, wel schulden": a domain said to go well is not raised.
    live = [m for m in live if id(m) in revived or not _goes_well_after(toks, m.end)]
    for m in live:
        score = int(m.payload) if m.payload is not None else None
        label = m.label
        if label in _ABOUT_OTHERS and _family_subject(toks, m.start):
            # "mama is ziek, ik zorg voor haar", "mijn moeder heeft schulden": a problem of
            # someone at home weighs on the person at home (thuis), it is not their own.
            label, score = "thuis", None
        if label not in out:
            out[label] = score
        elif score is not None:
            current = out[label]
            out[label] = score if current is None else min(current, score)
    return out


_BADLY_AFTER = frozenset(
    {"goed", "lekker", "zo", "best", "fijn", "oke", "ok", "prima", "makkelijk"}
)
_TROUBLE = frozenset(
    {
        "slecht",
        "zwaar",
        "moeilijk",
        "lastig",
        "mis",
        "kut",
        "shit",
        "snap",
        "zorgen",
        "stress",
        "bang",
        "ruzie",
        "pijn",
        "help",
        "hulp",
    }
)


_FAMILY = frozenset(
    {"mama", "moeder", "ma", "papa", "vader", "pa", "oma", "opa", "broer", "zus", "zusje",
     "broertje", "kind", "kinderen", "zoon", "dochter", "partner", "man", "vrouw", "vriend",
     "vriendin", "ouders", "schoonmoeder", "schoonvader", "tante", "oom"}
)
_ABOUT_OTHERS = frozenset({"gezondheid", "financien", "verslaving", "psychisch", "justitie"})
_FAMILY_VERBS = frozenset(
    {"is", "heeft", "zit", "drinkt", "gebruikt", "rookt", "blowt", "gokt", "was", "werd", "wordt"}
)


def _family_subject(toks: tuple[str, ...], start: int) -> bool:
    """A family member as the subject just before the problem: "mijn moeder heeft schulden"."""
    window = toks[max(0, start - 4) : start]
    for i, tok in enumerate(window):
        if tok in _FAMILY and (set(window[i + 1 :]) & _FAMILY_VERBS or tok in window[-1:]):
            return True
    return False


_WELL = frozenset({"prima", "goed", "ok", "oke", "top", "uitstekend", "perfect", "geregeld"})
_LINKING = frozenset({"is", "zijn", "gaat", "gaan", "het", "wel", "best", "ook", "helemaal", "heel",
                      "erg", "allemaal", "verder", "nu", "op", "zich", "prima"})


def _goes_well_after(toks: tuple[str, ...], end: int) -> bool:
    """ "gezondheid is prima", "wonen gaat goed", "geld is op zich geregeld"."""
    for tok in toks[end : end + 5]:
        if tok in _WELL:
            return True
        if tok not in _LINKING:
            return False
    return False


def _goes_badly_after(toks: tuple[str, ...], end: int) -> bool:
    return (
        end + 1 < len(toks) and toks[end] in {"niet", "nooit"} and toks[end + 1] in _BADLY_AFTER
    ) or (end + 2 < len(toks) and toks[end + 1] in {"niet"} and toks[end + 2] in _BADLY_AFTER)


@safe(lambda: False)
def says_all_fine(text: str) -> bool:
    """True for "alles goed", "gaat prima", "geen problemen", "nee hoor" and the like, when the
    message names no life domain ("gaat prima, alleen wat schulden" is not all fine).

    A one-word answer ("nee", "geen", "goed") only counts as the whole message; a longer story
    that says something is hard ("ik snap het niet", "het gaat NIET goed") never does, even
    when a fine-word is in it: better to ask than to say "fijn dat het goed gaat"."""
    toks = tokens(text)
    words = [t for t in toks if t.isalnum()]
    if set(words) & _TROUBLE or "niet goed" in " ".join(words):
        return False
    fine = [
        m
        for m in split_negated(toks, _fine().find_all(toks))[0]
        if (m.end - m.start > 1 and len(words) <= 10) or len(words) <= 4
    ]
    return bool(fine) and not detect_life_domains(text)


@functools.cache
def _topic_words() -> dict[str, re.Pattern[str]]:
    section = lexicon.load("life_domains")["topic_words"]
    return {domain: re.compile(lexicon.word_pattern(words)) for domain, words in section.items()}


_NEGATED_BEFORE = re.compile(r"\b(?:geen|niet|nooit)\s+(?:\w+\s+)?$")


def topic_domains(text: str) -> dict[str, int | None]:
    """The areas named by a bare topic word ("wonen", "geld"), after "Waar gaat het vooral
    over?"; no score is suggested."""
    lowered = text.lower()
    out: dict[str, int | None] = {}
    for domain, pattern in _topic_words().items():
        for m in pattern.finditer(lowered):
            # "het is geen ziekte": a word said not to apply names no area.
            if not _NEGATED_BEFORE.search(lowered[: m.start()]):
                out[domain] = None
                break
    return out


# "Dat heb ik niet genoemd", "mijn moeder wel": the follow-up question came from a misreading.
_NOT_RAISED = re.compile(
    r"\b(?:(?:heb|had)\s+ik\s+niet\s+(?:genoemd|gezegd)|niet\s+(?:genoemd|gezegd)|"
    r"niet\s+van\s+toepassing|nvt|speelt\s+niet|gaat\s+niet\s+over\s+mij|"
    r"(?:mijn\s+)?(?:moeder|vader|broer|zus|partner|man|vrouw|vriend|vriendin)\s+wel)\b",
    re.IGNORECASE,
)


def says_not_raised(text: str) -> bool:
    """The person says they never raised this area (or that it is someone else's)."""
    return bool(_NOT_RAISED.search(text))
