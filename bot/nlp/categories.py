"""Closed-list answers: education, benefit, respondent, school type, VSO exit profile.

Design choices:
- Education: the highest level named wins ("vmbo en toen mbo 2" -> mbo2); a level beats
  "geen diploma" ("mbo 2 maar geen diploma" -> mbo2). A bare "mbo" (no level) and foreign
  schooling ("school in Syrië") give None: the caller keeps the free text and may ask the level.
- Benefit: the first in the priority list wajong, wia, bijstand, anders, geen. "WW",
  "ziektewet", "studiefinanciering", "AOW" are "anders". Toeslagen (zorgtoeslag, huurtoeslag) are
  not a benefit: "alleen toeslagen" is "geen". "uitkering van UWV" names no type: None.
  A negated name does not count ("geen bijstand, wel wajong" -> wajong).
- Respondent: a pupil speaking about themselves ("ik ben leerling") is "self"; any school role
  or "voor een leerling" is "school", also when "ik" is in the sentence; a parent or friend
  ("ik vul het in voor mijn zoon") is None.
"""

from __future__ import annotations

import functools

from bot.nlp import lexicon
from bot.nlp.answers import is_dont_know
from bot.nlp.matcher import Match, PhraseMatcher, split_negated
from bot.nlp.text import safe, tokens


@functools.cache
def _edu(strict: bool) -> PhraseMatcher:
    data = lexicon.load("education")
    entries = lexicon.labelled(data["levels"])
    if not strict:
        entries += lexicon.labelled(data["ambiguous"])
    return PhraseMatcher(entries)


@functools.cache
def _benefit(strict: bool) -> PhraseMatcher:
    data = lexicon.load("benefit")
    entries = lexicon.labelled(data["explicit"])
    if not strict:
        entries += lexicon.labelled(data["answer_only"])
    return PhraseMatcher(entries)


@functools.cache
def _respondent(section: str) -> PhraseMatcher:
    phrases = lexicon.load("respondent")["respondent"][section]
    return PhraseMatcher((p, section, None) for p in phrases)


def _live(toks: tuple[str, ...], found: list[Match], ahead: bool = True) -> list[Match]:
    """Matches that are not negated; phrases that carry "geen" themselves always count.

    ``ahead=False`` ignores a "niet" after the match: "mbo 2 niet afgemaakt" is still mbo 2.
    """
    return split_negated(toks, found, ahead=ahead)[0]


def education_level(text: str, strict: bool, blockers: frozenset[str] = frozenset()) -> str | None:
    """Highest level named. A match with a ``blockers`` word in the four words before it is
    ignored (extraction uses this to skip wishes: "ik wil mbo 2 doen")."""
    toks = tokens(text)
    live = _live(toks, _edu(strict).find_all(toks), ahead=False)
    kept = [m for m in live if not set(toks[max(0, m.start - 4) : m.start]) & blockers]
    if not kept:
        return None
    # "mbo 2 niet afgemaakt, alleen mavo diploma": the finished level counts; with only
    # unfinished ones, the highest stays (the person's own words go to the coach as well).
    named = [m for m in kept if m.label != "geen"] or kept  # "zonder diploma" names no level
    named = sorted(named, key=lambda m: m.start)
    finished = [
        m
        for i, m in enumerate(named)
        # The words up to the next level named are about this one ("havo en daarna hbo, maar
        # gestopt": the hbo was not finished, the havo was).
        if not _unfinished(toks, m, named[i + 1].start if i + 1 < len(named) else len(toks))
    ]
    labels = {m.label for m in (finished or named)}
    order = lexicon.load("education")["order"]
    return max(labels, key=order.index)


def _unfinished(toks: tuple[str, ...], match: Match, limit: int) -> bool:
    after: list[str] = []
    for tok in toks[match.end : min(match.end + 7, limit)]:
        if tok in {".", ";", "!", "?"}:
            break  # "hbo, maar gestopt in jaar 2" is still about the hbo
        after.append(tok)
    window = " " + " ".join(after) + " "
    return any(f" {phrase} " in window for phrase in _UNFINISHED)


_UNFINISHED = (
    "niet afgemaakt", "niet af", "nooit afgemaakt", "niet afgerond", "niet gehaald",
    "zonder diploma", "geen diploma", "gestopt", "afgebroken", "half", "stopgezet",
)


def _pending(toks: tuple[str, ...], match: Match) -> bool:
    """ "Wajong aangevraagd", "we vragen bijstand aan": applied for, not received (yet)."""
    after: list[str] = []
    for tok in toks[match.end : match.end + 3]:
        if tok in _CLAUSE_STOPS:
            break
        after.append(tok)
    before: list[str] = []
    for tok in reversed(toks[max(0, match.start - 3) : match.start]):
        if tok in _CLAUSE_STOPS:
            break
        before.append(tok)
    return bool(set(after + before) & _PENDING_WORDS)


_CLAUSE_STOPS = frozenset({"en", "maar", "want", "of", ",", ".", ";", "!", "?"})


_PENDING_WORDS = frozenset(
    {"aangevraagd", "aanvragen", "aanvraag", "aanvraagt", "aanvroeg", "aangemeld", "aan",
     # "nu WW, daarna waarschijnlijk bijstand": what may come later is not what the person has.
     "daarna", "straks", "later", "waarschijnlijk", "binnenkort"}
)


def benefit_type(text: str, strict: bool) -> str | None:
    toks = tokens(text)
    found = _benefit(strict).find_all(toks)
    live, dead = split_negated(toks, found)
    pending = [m for m in live if m.label != "geen" and _pending(toks, m)]
    live = [m for m in live if m not in pending]
    dead = [*dead, *pending]
    labels = {m.label for m in live}
    if not labels:
        negated_names = [m for m in dead if m.label != "geen"]
        # "geen bijstand" / "ik heb nog geen wajong": the answer is that there is no benefit.
        return "geen" if negated_names and not strict else None
    for label in lexicon.load("benefit")["priority"]:
        if label in labels:
            return str(label)
    return None


@safe(lambda: None)
def parse_education(text: str) -> str | None:
    """ "PrO", "VSO", "entree", "mbo2", "mbo3", "mbo4", "havo", "vwo", "hbo", "wo", "geen",
    "vmbo" or "basisschool"; None when unclear (bare "mbo", schooling abroad, "weet niet")."""
    if is_dont_know(text):
        return None
    return education_level(text, strict=False)


@safe(lambda: None)
def parse_benefit(text: str) -> str | None:
    """ "bijstand" | "wajong" | "wia" | "geen" | "anders", or None when unclear."""
    if is_dont_know(text):
        return None
    return benefit_type(text, strict=False)


@safe(lambda: None)
def parse_respondent(text: str) -> str | None:
    """ "self" (the job seeker) | "school" (staff filling in about a pupil) | None."""
    toks = tokens(text)
    if not toks:
        return None
    if _respondent("pupil_self").find_all(toks):
        return "self"
    if _live(toks, _respondent("school").find_all(toks)):
        return "school"
    if _respondent("other_person").find_all(toks):
        return None  # a parent or friend: the contract has no value for that
    if _respondent("self").find_all(toks):
        return "self"
    return None


@functools.cache
def _section(section: str) -> PhraseMatcher:
    return PhraseMatcher(lexicon.labelled(lexicon.load("respondent")[section]))


def _first_live(text: str, section: str) -> str | None:
    toks = tokens(text)
    live = _live(toks, _section(section).find_all(toks))
    return live[0].label if live else None


@safe(lambda: None)
def parse_school_type(text: str) -> str | None:
    """ "PrO" | "VSO" | None; the first one named."""
    return _first_live(text, "school_type")


@safe(lambda: None)
def parse_uitstroomprofiel(text: str) -> str | None:
    """ "arbeidsmarkt" | "dagbesteding" | "vervolgonderwijs" | None; the first one named."""
    if is_dont_know(text):
        return None
    return _first_live(text, "uitstroomprofiel")
