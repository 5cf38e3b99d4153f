"""Which language is the message in? "nl" | "en" | "other" | "unknown".

Counts marker words per language (``lexicon/language.yml``: word lists, and for languages
that build words with endings, such as Turkish and Polish, endings that Dutch words never have)
and non-Latin letters (Arabic, Cyrillic, Chinese, Ethiopic, ... -> "other"). English loanwords
that Dutch speakers use ("fulltime", "job", "sorry", "oké") count only half for English and
never on their own, so "ik wil een job" is Dutch. Too little to tell (numbers, emoji, "ok",
"fulltime") is "unknown"; short Dutch answers ("ja", "oke", "zsm") are "nl".

Letters that Dutch does not use (ş, ı, ł, ñ, ...) only support a marker word: on their own
they are a name ("Ayşe", "Łukasz", "Şükrü Yılmaz"), and a name is an answer, not a language.
A word that is Dutch and also another language's ("ben": Turkish "I") counts for Dutch only
when the message has no marker of that language, or also a word that is only Dutch:
"Ben 25 yaşındayım" is Turkish, "ik ben Ayşe" and "merhaba, ik ben Ayşe" are Dutch.
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
    out["not_other"] = not_other
    for lang, words in data["other"].items():
        out[f"other:{lang}"] = norm(words) - not_other
        out[f"shared:{lang}"] = norm(words) & not_other
    return out


@functools.cache
def _endings() -> dict[str, tuple[str, ...]]:
    data = lexicon.load("language").get("other_endings") or {}
    return {lang: tuple(str(e).lower() for e in ends) for lang, ends in data.items()}


_MIN_ENDING_WORD = 5  # letters: shorter words are too often names or Dutch


def _markers(words: list[str], plain: list[str], lang: str) -> set[int]:
    """Positions of the words that mark ``lang``: in its list, or with one of its endings."""
    listed = _sets()[f"other:{lang}"]
    ends = _endings().get(lang, ())
    found = set()
    for i, (w, p) in enumerate(zip(words, plain, strict=True)):
        if w in listed or p in listed or (
            len(w) >= _MIN_ENDING_WORD and ends and w.endswith(ends)
        ):
            found.add(i)
    return found


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
    dutch = [w in sets["dutch"] for w in plain]
    en_strong = sum(1 for w in plain if w in sets["english_strong"])
    en_weak = sum(1 for w in plain if w in sets["english_weak"] and w not in sets["english_strong"])
    en = en_strong + 0.5 * en_weak
    langs = [key.split(":", 1)[1] for key in sets if key.startswith("other:")]
    marked, lang = max(((_markers(words, plain, lg), lg) for lg in langs),
                       key=lambda found: len(found[0]))
    other = len(marked)
    if marked:
        # Foreign letters support a marker word; alone they are most likely a name.
        other += sum(
            1 for i, w in enumerate(words) if i not in marked and set(w) & _FOREIGN_LATIN
        )
        only_dutch = any(d and p not in sets["not_other"] for d, p in zip(dutch, plain,
                                                                          strict=True))
        if not only_dutch:
            # "Ben 25 yaşındayım": "ben" is Turkish here, not Dutch.
            shared = sets[f"shared:{lang}"]
            dutch = [d and p not in shared for d, p in zip(dutch, plain, strict=True)]
    nl = sum(dutch)
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
