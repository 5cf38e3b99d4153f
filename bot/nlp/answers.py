"""Short answers: yes / no / doubt / don't know, skipping, and the two rating scales.

Design choices:
- ``parse_yes_no`` reads the first clause ("nee want ik ben ziek" -> nee). If the first clause
  has no answer word it looks at the whole message ("ik wil graag werken" -> ja).
- Self-correction wins: "nee, ik bedoel ja" -> ja; "ja sorry nee" -> nee; "nee toch wel" -> ja.
- "ja en nee", "ja nee", "jein" -> twijfel; "ja, maar ..." -> ja (the remark is for the caller).
- "ik denk het wel" -> ja, "ik denk het niet" -> nee, a bare "ik denk het" -> twijfel.
- "?" alone -> weet_niet: the person does not know or does not understand the question.
- Rulers and scales: digits win over words; a range gives its lower end ("7 of 8" -> 7,
  "3 of 4" -> 3): when a person hesitates, the lower number is the careful choice.
"""

from __future__ import annotations

import functools
import math
import re

from bot.nlp import lexicon
from bot.nlp.guard import emoji_meaning_of
from bot.nlp.matcher import Match, PhraseMatcher
from bot.nlp.numbers import find_numbers
from bot.nlp.text import (
    BOUNDARY,
    PARSE_LIMIT,
    normalise,
    register_message_cache,
    safe,
    squeeze,
    tokens,
)

_CLAUSE_END = BOUNDARY | {"want", "omdat", "maar", "dus", "als", "alleen"}
_SKIP_FILLERS = frozenset({"maar", "liever", "deze", "die", "vraag", "alsjeblieft", "aub", "graag"})
_PERCENT_RE = re.compile(r"(\d{1,3})\s*(?:%|procent)")


@functools.cache
def _yes_no() -> PhraseMatcher:
    return PhraseMatcher(lexicon.labelled(lexicon.load("answers")["yes_no"]))


@functools.cache
def _dont_know() -> PhraseMatcher:
    return PhraseMatcher((p, "weet_niet", None) for p in lexicon.load("answers")["dont_know"])


@functools.cache
def _skip() -> PhraseMatcher:
    return PhraseMatcher((p, "skip", None) for p in lexicon.load("answers")["skip"])


@functools.cache
def _words(key: str) -> frozenset[str]:
    return frozenset(normalise(w) for w in lexicon.load("answers")[key])


@functools.cache
def _scale(key: str) -> PhraseMatcher:
    return PhraseMatcher(lexicon.scored(lexicon.load("scales")[key]))


def answer_tokens(text: str) -> list[str]:
    """Tokens with repeated letters squeezed ("jaaaa" -> "jaa")."""
    return list(_answer_tokens(text[:PARSE_LIMIT]))


@functools.lru_cache(maxsize=4096)
def _answer_tokens(text: str) -> tuple[str, ...]:
    return tuple(squeeze(t) for t in tokens(text))


register_message_cache(_answer_tokens.cache_clear)


def _first_clause(toks: list[str]) -> list[str]:
    for k, tok in enumerate(toks):
        if tok in _CLAUSE_END and k > 0:
            return toks[:k]
    return toks


def _strip_fillers(toks: list[str]) -> list[str]:
    fillers = _words("fillers")
    k = 0
    while k < len(toks) and (toks[k] in fillers or toks[k] in BOUNDARY):
        k += 1
    return toks[k:]


def _only_question_marks(text: str) -> bool:
    stripped = "".join(text.split())
    return bool(stripped) and set(stripped) <= {"?", "¿"}


@safe(lambda: None)
def parse_yes_no(text: str) -> str | None:
    """ "ja" | "nee" | "twijfel" | "weet_niet", or None when the message holds no such answer."""
    if _only_question_marks(text):
        return "weet_niet"
    emoji = emoji_meaning_of(text)
    if emoji:
        return emoji
    if is_dont_know(text):
        return "weet_niet"
    # "Dat weet ik eigenlijk niet zo goed ... misschien": the "niet" of "weet ik niet" is no no.
    unsure = _UNSURE.search(text)
    if unsure:
        # "Ik weet niet of ik dat kan": not sure, whatever follows.
        before = answer_tokens(text[: unsure.start()])
        if re.search(r"\bof\b", text[unsure.end() : unsure.end() + 6]) and not (
            before and _yes_no().find_all(before)
        ):
            return "twijfel"
        text = _UNSURE.sub(" ", text)
    toks = answer_tokens(text)
    if not toks:
        return "twijfel" if unsure else None
    concluded = _conclusion(toks)
    if concluded is not None:
        return concluded
    matcher = _yes_no()
    rest = _strip_fillers(toks)
    found: Match | None = None
    for candidate in (rest, toks):
        if not candidate:
            continue
        head = matcher.find_all(_first_clause(candidate))
        if head:
            found, toks = head[0], candidate
            break
    if found is None:
        everywhere = matcher.find_all(toks)
        if not everywhere:
            return "twijfel" if unsure else None
        found = everywhere[0]
    label = found.label
    if label in {"ja", "nee"}:
        label = _corrected(toks, found, label)
    return label


@functools.cache
def _corrections() -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(normalise(c).split()) for c in lexicon.load("answers")["corrections"])


_UNSURE = re.compile(
    r"\bweet\s+(?:ik\s+|je\s+)?(?:het\s+|dat\s+|t\s+)?(?:eigenlijk\s+|echt\s+|nog\s+)?niet"
    r"(?:\s+(?:zo\s+goed|precies|zeker|goed))?\b",
    re.IGNORECASE,
)

# "Het tempo kan ik aan, maar ... Dus strikt genomen: nee.": the conclusion is the answer.
_CONCLUDERS = (("dus",), ("kortom",), ("samengevat",), ("al", "met", "al"), ("strikt", "genomen"),
               ("conclusie",), ("eerlijk", "gezegd"))


def _conclusion(toks: list[str]) -> str | None:
    for k in range(len(toks) - 1, -1, -1):
        for marker in _CONCLUDERS:
            if tuple(toks[k : k + len(marker)]) == marker:
                tail = [t for t in toks[k + len(marker) :] if t.isalnum()]
                if not tail or len(tail) > 4:
                    continue
                found = _yes_no().find_all(tail)
                if found and found[0].label in {"ja", "nee"}:
                    return found[0].label
    return None


_YES_VERBS = frozenset({"klopt", "wil", "kan", "lukt", "past", "gaat", "wel"})
_SOFTENERS = frozenset({"ook", "eigenlijk", "toch", "echt", "helemaal", "zo", "nog"})


def _corrected(toks: list[str], found: Match, label: str) -> str:
    """Apply a self-correction later in the message: "nee, ik bedoel ja" -> ja."""
    corrections = _corrections()
    tail = toks[found.end :]
    if label == "ja" and found.phrase[-1] in _YES_VERBS:
        # "klopt ook niet", "wil eigenlijk niet": the verb of a yes, negated a word later.
        window = [t for t in tail[:3] if t not in _SOFTENERS][:1]
        if window and window[0] in {"niet", "niks", "geen", "nooit"}:
            return "nee"
    later = _yes_no().find_all(toks[found.end :])
    for m in later:
        if m.phrase in {("toch", "wel"), ("toch", "niet")} and m.label != label:
            return m.label
    tail = toks[found.end :]
    for k in range(len(tail)):
        for corr in corrections:
            if tuple(tail[k : k + len(corr)]) == corr:
                after = _yes_no().find_all(tail[k + len(corr) :])
                if after and after[0].label in {"ja", "nee"}:
                    return after[0].label
    return label


def _remaining(toks: list[str], m: Match, fillers: frozenset[str]) -> list[str]:
    return [t for k, t in enumerate(toks) if not (m.start <= k < m.end) and t not in fillers]


@safe(lambda: False)
def is_dont_know(text: str) -> bool:
    """True when the whole answer is "I don't know" ("weet ik niet", "geen idee", "idk", "?").

    "geen idee wat ik wil" counts; "ik weet niet of ik dat kan" does not (that is doubt), and
    neither does "weet ik niet, misschien kok" (a tentative answer the caller should keep).
    """
    return _is_dont_know(text[:PARSE_LIMIT])


@functools.lru_cache(maxsize=4096)  # most parsers ask this first about the same message
def _is_dont_know(text: str) -> bool:
    if _only_question_marks(text):
        return True
    toks = [t for t in answer_tokens(text) if t not in BOUNDARY]
    if not toks:
        return False
    found = _dont_know().find_all(toks)
    if not found:
        return False
    m = found[0]
    fillers = _words("dont_know_fillers")
    before = [t for t in toks[: m.start] if t not in fillers]
    if m.end < len(toks) and toks[m.end] in _words("wh_words") and not before:
        clause = [t for t in toks[m.end + 1 :] if t not in _words("wh_clause_words")]
        return len(clause) <= 1
    return not _remaining(toks, m, fillers)


register_message_cache(_is_dont_know.cache_clear)


@safe(lambda: False)
def is_question(text: str) -> bool:
    """Is the message a question back ("wat betekent EPA precies?", "telt uitzendwerk ook?")?

    A question word at the start counts with a "?" or with a typical next word ("wat is
    dat", "hoeveel verdien je"); a verb at the start ("telt", "kan ik", "is het") only with a
    "?". "Wat ik wil is koken" and "kok?" are answers.
    """
    toks = [t for t in answer_tokens(text) if t not in BOUNDARY]
    openers = _words("question_openers")
    while len(toks) > 1 and toks[0] in openers:
        toks = toks[1:]
    if not toks:
        return False
    has_mark = "?" in text
    first = toks[0]
    if first in _words("question_words"):
        if has_mark:
            return True
        return len(toks) > 1 and toks[1] in _words("question_after_wh") and len(toks) <= 12
    return has_mark and first in _words("question_verbs") and len(toks) >= 2


@safe(lambda: False)
def is_skip(text: str) -> bool:
    """True for "sla over", "overslaan", "wil ik niet zeggen", "gaat je niks aan", "pas"."""
    toks = [t for t in answer_tokens(text) if t not in BOUNDARY]
    if not toks:
        return False
    body = _strip_fillers(toks) or toks
    if len(body) == 1 and body[0] in _words("skip_alone"):
        return True
    found = _skip().find_all(toks)
    if not found:
        return False
    fillers = _words("dont_know_fillers") | _SKIP_FILLERS
    return len(_remaining(toks, found[0], fillers)) <= 2


def _number_on_scale(text: str, low: int, high: int) -> int | None:
    """Digits or number words on a scale; a range gives its lower end; off the scale -> -1."""
    norm = normalise(text)
    pct = _PERCENT_RE.search(norm)
    if pct and high == 10:
        value = int(pct.group(1))
        return round(value / 10) if 0 <= value <= 100 else None
    spans = [
        s
        for s in find_numbers(norm)
        if not norm[: s.start].rstrip().endswith("/")  # "8/10": the 10 is the scale
        and not _COUNTED.match(norm[s.end :])  # "twee jaar gezocht": a story, no rating
    ]
    if not spans:
        return None
    # "Een drie misschien ... zeg maar een vier": the number after the last "zeg maar" /
    # "dus" / "ik geef" is the rating; otherwise the first one.
    marker = None
    for m in _RATING_MARKER.finditer(norm):
        marker = m
    if marker is not None:
        after = [s for s in spans if s.start >= marker.end()]
        if after:
            spans = after
    value = math.floor(spans[0].low)
    return value if low <= value <= high else -1  # -1: a number, but off the scale


_COUNTED = re.compile(
    r"\s*(?:jaar|jaren|maand|maanden|week|weken|dag|dagen|uur|uren|keer|kinderen|euro|procent)\b"
)
_RATING_MARKER = re.compile(
    r"\b(?:zeg\s+maar|dus|ik\s+geef|ik\s+kies|ik\s+zou\s+zeggen|laten\s+we\s+zeggen|"
    r"eerder|eigenlijk|toch|uiteindelijk|wordt)\b"
)


# A one-word rating ("niet", "goed") only counts in a short answer: in "ik zie het allemaal
# niet meer zo zitten" the "niet" is no rating, and guessing one would put words in the
# person's mouth. Longer phrases ("heel belangrijk", "lukt niet zonder hulp") count anywhere.
_SHORT_ANSWER = 5


# "Gaat slecht, er komt een brief van de deurwaarder": the rating first, then why.
_LEAD_CLAUSE = re.compile(
    r"^(?P<lead>[^,;:.!?]+?)\s*(?:[,;:.!?]|\s(?:want|omdat|door)\s)(?P<rest>.+)$",
    re.IGNORECASE | re.DOTALL,
)
# A rest that turns the rating around ("goed, maar de schulden worden erger") keeps it unread.
_TURNS_AROUND = re.compile(r"\b(?:maar|alleen|behalve|toch|echter)\b", re.IGNORECASE)


def _scale_words(text: str, key: str) -> int | None:
    toks = answer_tokens(text)
    for found in _scale(key).find_all(toks):
        if found.end - found.start > 1 or len(toks) <= _SHORT_ANSWER:
            return int(found.payload)
    clause = _LEAD_CLAUSE.match(text.strip())
    if clause and not _TURNS_AROUND.search(clause["rest"]):
        lead = answer_tokens(clause["lead"])
        if len(lead) <= _SHORT_ANSWER:
            for found in _scale(key).find_all(lead):
                return int(found.payload)
    return None


@safe(lambda: None)
def parse_ruler(text: str) -> int | None:
    """0-10 ruler: "8", "acht", "een 7", "8/10", "7 of 8" (-> 7), "heel belangrijk" (-> 9).
    None for "weet niet", for numbers above 10 and for answers without a rating."""
    if is_dont_know(text):
        return None
    value = _number_on_scale(text, 0, 10)
    if value is not None:
        return None if value < 0 else value
    return _scale_words(text, "ruler")


@safe(lambda: False)
def is_off_scale(text: str, low: int, high: int) -> bool:
    """A number that is not on the scale: "15" or "-2" for a 0-10 ruler, "7" for 1-5.
    The person gave a number; the hint should say it does not fit, not "not understood"."""
    if is_dont_know(text):
        return False
    return _number_on_scale(text, low, high) == -1


@safe(lambda: None)
def parse_domain_scale(text: str) -> int | None:
    """1-5 self-reliance scale: 1 acute ... 5 manages fully alone. Digits 1-5 or words."""
    if is_dont_know(text):
        return None
    value = _number_on_scale(text, 1, 5)
    if value is not None:
        return None if value < 0 else value
    return _scale_words(text, "domain_scale")


@safe(lambda: None)
def parse_employee_skills(text: str) -> str | None:
    """ "goed" | "wisselend" | "lastig" for the question about being on time, keeping
    appointments, calling in sick and dealing with a boss and colleagues. A mix of good and
    hard parts ("op tijd gaat goed, maar ziek melden vind ik moeilijk") is "wisselend"."""
    if is_dont_know(text):
        return None
    found = {m.label for m in _employee_skills().find_all(answer_tokens(text))}
    if "wisselend" in found or {"goed", "lastig"} <= found:
        return "wisselend"
    if "lastig" in found:
        return "lastig"
    return "goed" if "goed" in found else None


@functools.cache
def _employee_skills() -> PhraseMatcher:
    return PhraseMatcher(lexicon.labelled(lexicon.load("scales")["employee_skills"]))
