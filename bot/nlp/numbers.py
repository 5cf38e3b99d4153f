"""Numbers written as digits or as Dutch words.

Choices (callers rely on these):
- "2,5" and "2.5" are 2.5; "1.000" (a dot and exactly three digits) is one thousand.
- Words: "twintig", "vierentwintig", "vier en twintig", "honderdtwintig", "anderhalf" (1.5),
  "een half" (0.5), "tweeenhalf" / "twee en een half" (2.5).
- "een" is the number 1 only when it is the whole answer or stands before a unit word
  ("een dag", "een of twee"); otherwise it is the article ("een stuk of 20" -> 20).
- Ranges ("20 tot 24", "20-24", "20 a 24", "7 of 8", "tussen 20 en 24") give the midpoint,
  rounded down to a multiple of 0.5 (20-25 -> 22.5); ``low`` and ``high`` stay available.
- A date ("12-03-2007") is not a number or a range; it is skipped.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

from bot.nlp import lexicon
from bot.nlp.text import PARSE_LIMIT, normalise, safe

_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|[a-z]+|[^\sa-z\d]")
_DATE_RE = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{2,4}")


@dataclass(frozen=True)
class NumberSpan:
    value: float  # the number, or the midpoint of a range
    low: float
    high: float
    start: int  # character offsets in the normalised text
    end: int
    is_range: bool = False


@functools.cache
def _tables() -> tuple[dict[str, float], dict[str, float], dict[str, float], dict[str, float]]:
    data = lexicon.load("numbers")
    units = {normalise(k): float(v) for k, v in data["units"].items()}
    teens = {normalise(k): float(v) for k, v in data["teens"].items()}
    tens = {normalise(k): float(v) for k, v in data["tens"].items()}
    special = {normalise(k): float(v) for k, v in data["special"].items()}
    return units, teens, tens, special


@functools.cache
def _word_sets() -> tuple[frozenset[str], frozenset[str]]:
    data = lexicon.load("numbers")
    return (
        frozenset(normalise(w) for w in data["range_words"]),
        frozenset(normalise(w) for w in data["one_before"]),
    )


@functools.lru_cache(maxsize=8192)
def word_value(word: str) -> float | None:
    """Value of one Dutch number word (compounds included), or None."""
    if not word or len(word) > 60 or not word.isalpha():
        return None
    units, teens, tens, special = _tables()
    for table in (units, teens, tens, special):
        if word in table:
            return table[word]
    if word.endswith("enhalf") and len(word) > 6:  # "tweeenhalf", "tweeënhalf"
        base = word_value(word[:-6])
        return None if base is None or base >= 1000 else base + 0.5
    for big, mult in (("duizend", 1000.0), ("honderd", 100.0)):
        if big in word:
            left, _, right = word.partition(big)
            lv = 1.0 if not left else word_value(left)
            if right.startswith("en") and right != "en":
                right = right[2:]
            rv = 0.0 if not right else word_value(right)
            if lv is None or rv is None or lv <= 0 or rv >= mult or lv != int(lv):
                return None
            return lv * mult + rv
    for unit, uval in units.items():
        if uval >= 1 and word.startswith(unit + "en"):
            rest = word[len(unit) + 2 :]
            if rest in tens:
                return uval + tens[rest]
    return None


def _digits_value(tok: str) -> float | None:
    if "," in tok:
        head, _, tail = tok.partition(",")
        if "," in tail or "." in tail:
            return None
        return float(f"{head.replace('.', '')}.{tail}")
    if "." in tok:
        parts = tok.split(".")
        if all(len(p) == 3 for p in parts[1:]) and len(parts[0]) <= 3:
            return float("".join(parts))  # thousands separator
        if len(parts) == 2:
            return float(tok)
        return None
    return float(tok)


def floor_half(value: float) -> float:
    return math.floor(value * 2) / 2


def find_numbers(norm: str) -> list[NumberSpan]:
    """All numbers in normalised text, in order. Ranges come back as one span."""
    norm = norm[:PARSE_LIMIT]
    range_words, one_before = _word_sets()
    dates = [(m.start(), m.end()) for m in _DATE_RE.finditer(norm)]
    toks = [
        (m.group(0), m.start(), m.end())
        for m in _TOKEN_RE.finditer(norm)
        if not any(s <= m.start() < e for s, e in dates)
    ]
    singles: list[tuple[float, int, int]] = []  # value, index of first and of last token
    n = len(toks)
    i = 0
    while i < n:
        got = _read_number(toks, i, one_before, n)
        if got is None:
            i += 1
            continue
        value, last = got
        prev = toks[i - 1][0] if i else ""
        if prev in {"min", "minus"} or (
            prev == "-" and (i < 2 or _read_number(toks, i - 2, one_before, n) is None)
        ):
            value = -value
        singles.append((value, i, last))
        i = last + 1
    spans: list[NumberSpan] = []
    k = 0
    while k < len(singles):
        value, first, last = singles[k]
        if k + 1 < len(singles):
            nvalue, nfirst, nlast = singles[k + 1]
            between = [t[0] for t in toks[last + 1 : nfirst]]
            before = toks[first - 1][0] if first else ""
            if before == "de" and first > 1:  # "tussen de 20 en 30"
                before = toks[first - 2][0]
            is_range = (
                (len(between) == 1 and between[0] in range_words)
                or (between == ["en"] and before == "tussen")
                or between in (["tot", "en", "met"], ["t", "/", "m"])
            )
            if is_range and nvalue > value >= 0:
                mid = floor_half((value + nvalue) / 2)
                spans.append(NumberSpan(mid, value, nvalue, toks[first][1], toks[nlast][2], True))
                k += 2
                continue
        spans.append(NumberSpan(value, value, value, toks[first][1], toks[last][2]))
        k += 1
    return spans


def _read_number(
    toks: list[tuple[str, int, int]], i: int, one_before: frozenset[str], n: int
) -> tuple[float, int] | None:
    """Value and index of the last token of the number starting at token ``i``."""
    tok = toks[i][0]
    if tok[0].isdigit():
        value = _digits_value(tok)
        return None if value is None else (value, i)
    if tok == "een":
        nxt = toks[i + 1][0] if i + 1 < n else ""
        if nxt in {"half", "halve"}:
            return 0.5, i + 1
        if n == 1 or nxt in one_before:
            return 1.0, i
        return None
    value = word_value(tok)
    if value is None:
        return None
    last = i
    words = [t[0] for t in toks[i + 1 : i + 5]]
    # "vier en twintig"
    if value < 10 and len(words) >= 2 and words[0] == "en":
        tens = word_value(words[1])
        if tens is not None and tens >= 20 and tens % 10 == 0 and tens < 100:
            value, last = value + tens, i + 2
            words = [t[0] for t in toks[last + 1 : last + 5]]
    # "twee honderd", "honderd (en) twintig"
    if words and words[0] in {"honderd", "duizend"} and value < 100 and value == int(value):
        value, last = value * (100 if words[0] == "honderd" else 1000), last + 1
        words = [t[0] for t in toks[last + 1 : last + 5]]
    if value >= 100 and value % 100 == 0 and words:
        off = 1 if words[0] == "en" and len(words) > 1 else 0
        rest = word_value(words[off]) if words[off].isalpha() else None
        if rest is not None and 0 < rest < 100:
            value, last = value + rest, last + 1 + off
            words = [t[0] for t in toks[last + 1 : last + 5]]
    # "twee en een half", "twee en half"
    if words[:3] == ["en", "een", "half"] and value >= 1:
        value, last = value + 0.5, last + 3
    elif words[:2] == ["en", "half"] and value >= 1:
        value, last = value + 0.5, last + 2
    return value, last


@safe(lambda: None)
def parse_number(text: str) -> float | None:
    """The first number in the text (digits or Dutch words); a range gives its midpoint,
    rounded down to 0.5. None when there is no number."""
    spans = find_numbers(normalise(text[:PARSE_LIMIT]))
    return spans[0].value if spans else None
