"""Text helpers shared by all parsers: normalising, tokens, negation, typo-tolerant matching.

Every parser first calls :func:`normalise`, which is cached: the chat's form code runs many
parsers on the same message, so the work is done once per message.
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
from collections.abc import Callable
from typing import Any, TypeVar

logger = logging.getLogger(__name__)

# Parsers look at the start of a message; a pasted essay must not cost more than this.
PARSE_LIMIT = 2000

_TAG_RE = re.compile(
    r"<!--.*?-->|<(script|style)\b[^>]*>.*?</\1\s*>|</?[a-zA-Z][^<>]{0,500}>", re.S
)
_BLOCK_TAG_RE = re.compile(r"<\s*(br|/p|/li|li|/div|/h\d|tr|/tr)\b[^<>]{0,500}>", re.I)
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'"})
# Apostrophes inside or before a word go ("m'n" -> "mn", "collega's" -> "collegas", "'s" -> "s").
_APOS_RE = re.compile(r"'(?=[a-z])|(?<=[a-z])'")
# Dotted abbreviations: "z.s.m." -> "zsm", "i.v.m." -> "ivm".
_ABBREV_RE = re.compile(r"\b(?:[a-z]\.){2,}")
_HSPACE_RE = re.compile(r"[^\S\n]+")
_NEWLINES_RE = re.compile(r" ?\n[\s]*")
TOKEN_RE = re.compile(r"[a-z0-9]+|[.,;:!?\n]")
BOUNDARY = frozenset(".,;:!?\n")
_REPEAT_RE = re.compile(r"([a-z])\1{2,}")

T = TypeVar("T")

# Per-message result caches (not the lexicons): cleared by clear_message_caches().
_MESSAGE_CACHES: list[Callable[[], None]] = []


def register_message_cache(clear: Callable[[], None]) -> None:
    _MESSAGE_CACHES.append(clear)


def clear_message_caches() -> None:
    """Forget cached results for earlier messages (benchmarks and tests use this)."""
    for clear in _MESSAGE_CACHES:
        clear()


def safe(default: Callable[[], Any]) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Decorator: the wrapped parser never raises; it returns ``default()`` instead.

    The chat calls parsers on every user message; a parser bug must never break a conversation.
    Non-string input is treated as text (``None`` as empty).
    """

    def wrap(func: Callable[..., T]) -> Callable[..., T]:
        @functools.wraps(func)
        def inner(text: Any = "", *args: Any, **kwargs: Any) -> T:
            try:
                if not isinstance(text, str):
                    text = "" if text is None else str(text)
                return func(text, *args, **kwargs)
            except Exception:  # noqa: BLE001 - by design: log and fall back
                logger.exception("nlp parser %s failed; returning default", func.__name__)
                return default()

        return inner

    return wrap


def strip_html(text: str) -> str:
    """Remove HTML tags and comments but keep their text.

    Entities stay as typed: ``&lt;script&gt;`` decoded would be a script tag in the stored
    answer, one careless page away from running. Pages escape what they show.
    """
    if "<" in text:
        text = _BLOCK_TAG_RE.sub("\n", text)
        text = _TAG_RE.sub(" ", text)
    return text


def has_html(text: str) -> bool:
    return "<" in text and _TAG_RE.search(text) is not None


def remove_control(text: str) -> str:
    """Drop control and format characters, keeping newlines, tabs and the emoji joiner."""
    if text.isprintable():
        return text
    keep = {"\n", "\t", "\u200d"}
    return "".join(
        ch
        for ch in text
        if ch in keep or unicodedata.category(ch) not in {"Cc", "Cf", "Cs", "Co", "Cn"}
    )


def strip_accents(text: str) -> str:
    """``é`` -> ``e``, ``ï`` -> ``i``, ``½`` -> ``1⁄2``; other scripts keep their letters."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def normalise(text: str) -> str:
    """Lowercase, no accents, no HTML, no control characters, single spaces, newlines kept.

    Punctuation stays: numbers ("2,5") and clause boundaries need it. Cached for chat-sized
    messages only, so a flood of huge inputs cannot fill memory.
    """
    if len(text) <= PARSE_LIMIT:
        return _normalise_cached(text)
    return _normalise(text)


@functools.lru_cache(maxsize=4096)
def _normalise_cached(text: str) -> str:
    return _normalise(text)


def _normalise(text: str) -> str:
    text = remove_control(strip_html(text)).translate(_APOSTROPHES)
    text = strip_accents(text.lower())
    text = _APOS_RE.sub("", text)
    text = _ABBREV_RE.sub(lambda m: m.group(0).replace(".", ""), text)
    text = _HSPACE_RE.sub(" ", text)
    text = _NEWLINES_RE.sub("\n", text)
    return text.strip()


def tokens(text: str) -> tuple[str, ...]:
    """Words and digit runs of the normalised text; punctuation marks stay as boundary tokens.
    Only the first PARSE_LIMIT characters are read."""
    return _tokens(text[:PARSE_LIMIT])


@functools.lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(TOKEN_RE.findall(normalise(text)))


register_message_cache(_normalise_cached.cache_clear)
register_message_cache(_tokens.cache_clear)


def squeeze(token: str) -> str:
    """Collapse letters typed three or more times: ``jaaaa`` -> ``jaa``, ``neeeee`` -> ``nee``."""
    return _REPEAT_RE.sub(r"\1\1", token)


def words(toks: tuple[str, ...] | list[str]) -> list[str]:
    return [t for t in toks if t not in BOUNDARY]


def osa_distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein (optimal string alignment) distance, capped at ``limit + 1``."""
    if a == b:
        return 0
    la, lb = len(a), len(b)
    if abs(la - lb) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(lb + 1))
    for i in range(1, la + 1):
        cur = [i] + [0] * lb
        best = i
        for j in range(1, lb + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            val = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                val = min(val, prev2[j - 2] + 1)
            cur[j] = val
            best = min(best, val)
        if best > limit:
            return limit + 1
        prev2, prev = prev, cur
    return min(prev[lb], limit + 1)


def allowed_typos(length: int) -> int:
    """How many typos a word may have and still match: none below 5 letters (too many short
    Dutch words are one letter apart), one from 5, two from 10 letters.

    Two typos from 8 letters was tried first: checked against the Dutch word list of
    spacy-lookups-data it turned ~1,500 real words into vocabulary words ("verkocht" ->
    "verkracht", "regelingen" -> "rekeningen"), because Dutch words share so many prefixes.
    """
    if length >= 10:
        return 2
    if length >= 5:
        return 1
    return 0


def deletions(word: str, depth: int) -> set[str]:
    """All strings made by deleting up to ``depth`` letters (the SymSpell candidate index)."""
    found = {word}
    frontier = {word}
    for _ in range(depth):
        nxt = set()
        for w in frontier:
            for i in range(len(w)):
                nxt.add(w[:i] + w[i + 1 :])
        found |= nxt
        frontier = nxt
    return found
