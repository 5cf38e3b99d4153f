"""Which language is the message in? "nl" | "en" | "other" | "unknown".

Counts marker words per language (``lexicon/language.yml``) and non-Latin letters (Arabic,
Cyrillic, Chinese, Ethiopic, ... -> "other"). English loanwords that Dutch speakers use
("fulltime", "job", "sorry", "oké") count only half for English and never on their own, so
"ik wil een job" is Dutch. Too little to tell (numbers, emoji, "ok", "fulltime") is "unknown";
short Dutch answers ("ja", "oke", "zsm") are "nl".
"""

from __future__ import annotations

import functools
import re

from bot.nlp import lexicon
from bot.nlp.text import remove_control, safe, strip_accents, strip_html

_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_FOREIGN_LATIN = set("ğşıłąęćńśźżñßőűățșãõ¿¡")
_DUTCH_BITS = ("ij", "oe", "ui", "sch", "aa", "ee", "oo", "eu", "ou")


@functools.cache
def _sets() -> dict[str, frozenset[str]]:
    data = lexicon.load("language")

    def norm(words: list[str]) -> frozenset[str]:
        return frozenset(str(w).lower() for w in words)

    out = {
        key: norm(data[key]) for key in ("dutch", "english_strong", "english_weak", "english_alone")
    }
    not_other = norm(data["not_other"])
    for lang, words in data["other"].items():
        out[f"other:{lang}"] = norm(words) - not_other
    return out


def _is_latin(ch: str) -> bool:
    cp = ord(ch)
    return cp < 0x250 or 0x1E00 <= cp <= 0x1EFF


@safe(lambda: "unknown")
def detect_language(text: str) -> str:
    """ "nl" | "en" | "other" | "unknown" (see the module docstring)."""
    raw = remove_control(strip_html(text[:2000])).lower()
    letters = [ch for ch in raw if ch.isalpha()]
    non_latin = sum(1 for ch in letters if not _is_latin(ch))
    if non_latin >= 2 and non_latin * 2 > len(letters):
        return "other"
    words = [w.replace("’", "").replace("'", "") for w in _WORD_RE.findall(raw) if _is_latin(w[0])]
    if not words:
        return "unknown"
    sets = _sets()
    plain = [strip_accents(w) for w in words]
    nl = sum(1 for w in plain if w in sets["dutch"])
    en_strong = sum(1 for w in plain if w in sets["english_strong"])
    en_weak = sum(1 for w in plain if w in sets["english_weak"] and w not in sets["english_strong"])
    en = en_strong + 0.5 * en_weak
    other = max(
        sum(1 for w, p in zip(words, plain, strict=True) if w in words_ or p in words_)
        for key, words_ in sets.items()
        if key.startswith("other:")
    )
    other += sum(1 for w in words if set(w) & _FOREIGN_LATIN)
    if en >= 1.5 and en > nl:
        return "en"
    if other >= 2 and other > nl and other > en:
        return "other"
    if nl == 0 and en == 0 and other >= 1:
        return "other"
    if nl >= 1:
        return "nl"
    if nl == 0 and other == 0 and any(w in sets["english_alone"] for w in plain):
        return "en"
    return "nl" if _looks_dutch(plain) else "unknown"


def _looks_dutch(words: list[str]) -> bool:
    """No marker words: at least three words, and most of them have Dutch letter pairs."""
    if len(words) < 3:
        return False
    dutchy = sum(1 for w in words if any(bit in w for bit in _DUTCH_BITS))
    return dutchy * 2 > len(words)
