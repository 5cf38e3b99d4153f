"""The first look at every user message: clean it, and say what kind of message it is.

``guard_input`` keeps the person's wording (case, accents, line breaks) and only removes what
should never reach the parsers or the stored summary: HTML tags (their text stays), control and
invisible format characters, runs of spaces. Long messages are cut at a word boundary.

A message of only question marks is *not* empty: "?" means "I don't understand / don't know"
(``is_dont_know("?")`` is True), and deserves an explanation rather than "please type something".
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from bot.nlp import lexicon
from bot.nlp.text import has_html, remove_control, safe, strip_html

MAX_LENGTH = 1000
_HSPACE_RE = re.compile(r"[^\S\n]+")
_NEWLINES_RE = re.compile(r"[ ]*\n[\s]*")
# Characters that only modify an emoji: skin tones, variation selector, joiner, keycap, tags.
_EMOJI_PARTS = re.compile("[\U0001f3fb-\U0001f3ff\ufe0e\ufe0f\u200d\u20e3\U000e0020-\U000e007f]")
_EMOJI_RANGES = (
    (0x1F000, 0x1FAFF),
    (0x2600, 0x27BF),
    (0x2300, 0x23FF),
    (0x2B00, 0x2BFF),
    (0x1F1E6, 0x1F1FF),
    (0x3030, 0x3030),
    (0x303D, 0x303D),
    (0x3297, 0x3299),
    (0x2190, 0x21FF),
    (0x2700, 0x27BF),
)


@dataclass(frozen=True)
class GuardResult:
    text: str  # cleaned text, at most MAX_LENGTH characters
    empty: bool  # nothing left, or only punctuation/symbols
    emoji_only: bool  # only emoji or text smileys (and maybe punctuation)
    emoji_meaning: str | None  # "ja" | "nee" | None, only for emoji-only messages
    truncated: bool
    had_html: bool
    original_length: int


def is_emoji(ch: str) -> bool:
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in _EMOJI_RANGES) or ch in "©®‼⁉™ℹ"


@functools.cache
def _emoji_tables() -> tuple[frozenset[str], frozenset[str], tuple[str, ...]]:
    data = lexicon.load("emoji")

    def base(items: list[str]) -> frozenset[str]:
        return frozenset(_EMOJI_PARTS.sub("", str(x)) for x in items)

    every = {str(s) for s in data["text_smileys"]} | {str(s) for s in data["ja"] + data["nee"]}
    smileys = tuple(sorted((s for s in every if s.isascii()), key=len, reverse=True))
    return base(data["ja"]), base(data["nee"]), smileys


def _emoji_units(text: str) -> list[str] | None:
    """The emoji in a message that holds only emoji and punctuation; None if it holds more."""
    yes, no, smileys = _emoji_tables()
    body = _EMOJI_PARTS.sub("", "".join(text.split()))
    units: list[str] = []
    for smiley in smileys:
        if smiley in body:
            units.extend([smiley] * body.count(smiley))
            body = body.replace(smiley, "")
    for ch in body:
        if is_emoji(ch):
            units.append(ch)
        elif ch.isalnum() or unicodedata.category(ch)[0] not in "PS":
            return None
    return units or None


def emoji_meaning_of(text: str) -> str | None:
    """ "ja" / "nee" for an emoji-only message whose emoji agree (👍, 👌, ✅, 🙂 / 👎, ❌, 🙁)."""
    if not text or len(text) > 200:
        return None
    units = _emoji_units(text)
    if not units:
        return None
    yes, no, _ = _emoji_tables()
    says_yes = any(u in yes for u in units)
    says_no = any(u in no for u in units)
    if says_yes and not says_no:
        return "ja"
    if says_no and not says_yes:
        return "nee"
    return None


def clean_text(text: str) -> str:
    text = unicodedata.normalize("NFC", remove_control(strip_html(text)))
    text = _HSPACE_RE.sub(" ", text)
    return _NEWLINES_RE.sub("\n", text).strip()


def _truncate(text: str, limit: int) -> str:
    cut = text[:limit]
    space = max(cut.rfind(" "), cut.rfind("\n"))
    if space > limit * 0.8:  # cut at the last word boundary, unless that loses too much
        cut = cut[:space]
    return cut.rstrip()


@safe(lambda: GuardResult("", True, False, None, False, False, 0))
def guard_input(text: str) -> GuardResult:
    """Clean a raw chat message and describe it (see :class:`GuardResult`)."""
    original_length = len(text)
    had_html = has_html(text[:20000])
    # Work on a bounded slice: the cleaned text is cut to MAX_LENGTH anyway.
    cleaned = clean_text(text[: MAX_LENGTH * 20])
    truncated = len(cleaned) > MAX_LENGTH or original_length > MAX_LENGTH * 20
    if len(cleaned) > MAX_LENGTH:
        cleaned = _truncate(cleaned, MAX_LENGTH)
    if not cleaned:
        return GuardResult("", True, False, None, truncated, had_html, original_length)
    units = _emoji_units(cleaned) if len(cleaned) <= 200 else None
    emoji_only = units is not None
    meaning = emoji_meaning_of(cleaned) if emoji_only else None
    has_words = any(ch.isalnum() for ch in cleaned)
    only_questions = set(cleaned.replace(" ", "")) <= {"?", "¿"}
    empty = not (has_words or emoji_only or only_questions)
    return GuardResult(cleaned, empty, emoji_only, meaning, truncated, had_html, original_length)
