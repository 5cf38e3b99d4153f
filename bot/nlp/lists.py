"""Open answers that name several things: work values, support needs, free-text lists.

Design choices:
- Work values and support needs come back deduplicated, in the order the person named them.
  A negated phrase does not count ("niet voor het geld", "geen hulp bij mijn cv").
- Support needs: "geen" (["geen"]) only when nothing else is named; "alles" / "overal hulp bij"
  gives every label except "geen" (the person says they need help with everything).
- ``split_list`` keeps the person's own words and case; it never drops "ik kan" or "ik heb".
"""

from __future__ import annotations

import functools
import re

from bot.nlp import lexicon
from bot.nlp.answers import is_dont_know
from bot.nlp.guard import clean_text
from bot.nlp.matcher import NEGATORS, PhraseMatcher, split_negated
from bot.nlp.text import BOUNDARY, PARSE_LIMIT, safe, tokens

_BULLET_RE = re.compile(r"^\s*(?:[-*•·‣▪–—>]+|\d{1,2}[.)]|[a-z][.)](?=\s))\s*")
_SEP_RE = re.compile(r"\s*(?:;|(?<!\d),|,(?!\d)|\s/\s|\s\|\s)\s*")
_JOIN_RE = re.compile(r"(\s+(?:en ook|en daarnaast|en|of|&)\s+)", re.I)
_HELP_WORDS = frozenset({"hulp", "nodig", "hoeft", "hoef", "helpen", "begeleiding"})
_TRIM = " \t.,;:!-•*·–—\"'"


@functools.cache
def _values() -> PhraseMatcher:
    return PhraseMatcher(lexicon.labelled(lexicon.load("work_values")["values"]))


@functools.cache
def _needs() -> PhraseMatcher:
    data = lexicon.load("support_needs")
    entries = lexicon.labelled(data["needs"])
    entries += [(p, "__geen__", None) for p in data["nothing"]]
    entries += [(p, "__alles__", None) for p in data["everything"]]
    return PhraseMatcher(entries)


def _ordered_labels(text: str, matcher: PhraseMatcher) -> list[str]:
    toks = tokens(text)
    out: list[str] = []
    for m in split_negated(toks, matcher.find_all(toks))[0]:
        if m.label not in out:
            out.append(m.label)
    return out


def _need_labels(text: str) -> list[str]:
    """Support needs, where a negation only counts when it is about help: "geen hulp bij mijn
    cv" drops the cv, but "ik kan geen vacatures vinden" is exactly a need."""
    toks = tokens(text)
    out: list[str] = []
    for m in _needs().find_all(toks):
        before = set(_clause_before(toks, m.start, 6))
        after = set(toks[m.end : m.end + 3])
        about_help = bool(before & _HELP_WORDS) and bool(before & NEGATORS)
        not_needed = bool(after & {"hoeft", "hoef", "hoeven", "nodig"}) and bool(after & NEGATORS)
        if not (about_help or not_needed) and m.label not in out:
            out.append(m.label)
    return out


def value_keys() -> list[str]:
    return list(lexicon.load("work_values")["values"])


def need_labels() -> list[str]:
    return list(lexicon.load("support_needs")["needs"])


def _clause_before(toks: tuple[str, ...], start: int, window: int) -> list[str]:
    """Up to ``window`` words before ``start``, not past a comma, "maar" or "wel"."""
    out: list[str] = []
    for tok in reversed(toks[max(0, start - window) : start]):
        if tok in BOUNDARY or tok in {"maar", "wel", "en"}:
            break
        out.append(tok)
    return out


@safe(list)
def parse_work_values(text: str) -> list[str]:
    """Keys from: inkomen, collega's, leren, structuur, zinvol, zelfstandig, plezier."""
    return _ordered_labels(text, _values())


@safe(list)
def parse_support_needs(text: str) -> list[str]:
    """Dutch labels ("vacatures zoeken", "sollicitatiegesprek", ...) or ["geen"].

    "ik weet niet hoe ik een cv maak" is a need, not "don't know": the check for "weet niet"
    only applies when nothing else is named.
    """
    labels = _need_labels(text)
    real = [label for label in labels if not label.startswith("__")]
    # "Geen hulp nodig, ik wil met rust gelaten worden": a "no" up front decides, unless the
    # rest turns it ("geen hulp nodig, maar wel bij mijn cv").
    head = re.split(r"[,.;!]|\bmaar\b", text, maxsplit=1)[0]
    turned = re.search(r"\b(?:maar|wel|alleen|behalve|toch)\b", text, re.IGNORECASE)
    if real and not turned and _need_labels(head) == ["__geen__"]:
        return ["geen"]
    if real:
        return real
    if is_dont_know(text):
        return []
    if "__alles__" in labels:
        # "Overal hulp bij": help with finding and keeping work, not with everything listed.
        not_implied = set(lexicon.load("support_needs").get("not_in_everything") or [])
        return [label for label in need_labels() if label not in not_implied]
    if "__geen__" in labels:
        return ["geen"]
    return []


def _split_joined(part: str, in_list: bool) -> list[str]:
    """Split on "en"/"of" when it joins list items, not words inside one item.

    In a comma list every "en" splits ("koken, schoonmaken en met kinderen werken"). Without
    commas it splits only when both sides are one word ("koken en schoonmaken") or both are
    three words or more ("stage bij de Jumbo en vrijwilligerswerk in het buurthuis"), so
    "met mensen en dieren werken" and "een stuk of 20" stay whole.
    """
    pieces = _JOIN_RE.split(part)  # [item, joiner, item, joiner, item, ...]
    out = [pieces[0]]
    for k in range(1, len(pieces) - 1, 2):
        joiner, piece = pieces[k], pieces[k + 1]
        left = out[-1]
        lw, rw = len(left.split()), len(piece.split())
        if not left.endswith("-") and (in_list or lw == rw == 1 or (lw >= 3 and rw >= 3)):
            out.append(piece)
        else:
            out[-1] = f"{left}{joiner}{piece}"
    return out


@safe(list)
def split_list(text: str) -> list[str]:
    """Items of a free-text enumeration (commas, "en", bullets, new lines, ";"), verbatim."""
    cleaned = clean_text(text[:PARSE_LIMIT])
    items: list[str] = []
    seen: set[str] = set()
    for line in cleaned.split("\n"):
        line = _BULLET_RE.sub("", line)
        parts = [p for p in _SEP_RE.split(line) if p.strip(_TRIM)]
        for part in parts:
            for piece in _split_joined(part, in_list=len(parts) > 1):
                item = piece.strip(_TRIM)
                key = item.casefold()
                if item and any(ch.isalnum() for ch in item) and key not in seen:
                    seen.add(key)
                    items.append(item)
    return items


# "Nee", "nog nooit", "n.v.t.": nothing to list (work experience, skills).
_NOTHING = re.compile(
    r"^(nee|nope|niks|niets|geen|nog\s+nooit|nooit|nog\s+niet|n\.?v\.?t\.?)\b", re.I
)
# A list part that only says how long, where or when belongs to the part before it.
_DETAIL = re.compile(
    r"^(?:(?:een|ruim|bijna|ongeveer|zo'?n)\s+)?(?:half|halve|\d+|een|twee|drie|vier|vijf|zes|paar|"
    r"anderhalf|heel)\s*(?:jaar|jaren|maand|maanden|week|weken|dagen|uur)\b[^,]{0,20}$"
    r"|^(?:bij|in|voor|als|via|tot|sinds|vanaf)\s+\S+(?:\s+\S+){0,3}$",
    re.IGNORECASE,
)
_LEADING_JOIN = re.compile(r"^(?:en|of|maar)\s+", re.IGNORECASE)


def says_nothing(text: str) -> bool:
    """A short "nee", "niks", "nog nooit" to a list question: the list is empty."""
    return bool(_NOTHING.match(text.strip())) and len(text) < 40


def list_items(text: str) -> list[str]:
    """The things named in a list answer, in the person's words. A part that only says how
    long or where stays with the part before it: "vakken vullen, half jaar" is one job."""
    items: list[str] = []
    for item in split_list(text):
        item = _LEADING_JOIN.sub("", item)
        if items and _DETAIL.match(item):
            items[-1] = f"{items[-1]}, {item}"
        else:
            items.append(item)
    return items
