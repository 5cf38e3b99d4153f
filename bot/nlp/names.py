"""First names: "ik heet Lisa", "Mo", "noem me jay", "Hoi, ik ben Marco" in a first message.

The words around a name are in ``lexicon/names.yml``.
"""

from __future__ import annotations

import functools
import re

from bot.nlp import lexicon

_NAME_PREFIX = re.compile(
    r"^(hoi|hallo|hey|hee)?[,!. ]*(ik\s+heet|mijn\s+(?:voor)?naam(?:\s+is)?|noem\s+me|noem\s+mij|"
    r"ik\s+ben|de\s+leerling\s+heet|hij\s+heet|zij\s+heet|ze\s+heet|naam\s*:)\s*",
    re.IGNORECASE,
)
_NAME_CLAUSE_END = re.compile(r"[,.;:!?()]|\s(?:en|maar|want|dat|zoals|en\s+ik)\s", re.IGNORECASE)
# "Nee", "liever niet", "anoniem": no name (or no contact details) is a choice too.
_DECLINES = re.compile(
    r"^\s*(?:nee|liever\s+niet|zeg\s+ik\s+(?:liever\s+)?niet|hoeft\s+niet|anoniem|geen\s+naam|"
    r"wil\s+ik\s+niet\s+zeggen|niet\s+nodig)\s*[.!]*\s*$",
    re.IGNORECASE,
)
# "ik heet sanne", or "ik ben Marco" with a capital (not "ik ben werkloos").
_NAME_IN_OPENING = re.compile(
    r"\b(?:[Ii]k\s+heet|[Mm]ijn\s+naam\s+is|[Nn]oem\s+me)\s+([^\W\d_][\w'\-]*)"
    r"|\b[Ii]k\s+ben\s+([A-Z][a-z\u00e0-\u00ff'\-]+)\b"
)
# "Ik ben Sam, 19", "ik heet Mo en ben negentien": the age said beside the name.
_AGE_BESIDE_NAME = re.compile(
    r"(?:[,;.]\s*(?:ik\s+)?|\ben\s+(?:ik\s+)?ben\b|\bben\b)\s*(\d{2}|[a-z]*(?:tien|tig))\s*(?:jaar|jr)?"
    r"\s*(?:oud)?"
    r"\s*[.!]?\s*$",
    re.IGNORECASE,
)


@functools.cache
def _words(key: str) -> frozenset[str]:
    return frozenset(str(w) for w in lexicon.load("names")[key])


def extract_name(text: str) -> str | None:
    """A first name from "ik heet Lisa", "Mo", "noem me jay": at most three words, no digits.
    A remark after the name is left out: "Marco, dat schreef ik net al", "ik heet Sam en ik
    ben 19"."""
    cleaned = _NAME_PREFIX.sub("", text.strip()).strip(" .!,")
    name = _name_words(cleaned)
    if name is None:
        head = _NAME_CLAUSE_END.split(cleaned, maxsplit=1)[0]
        name = _name_words(head.strip()) if head.strip() != cleaned else None
    return name


def _name_words(cleaned: str) -> str | None:
    fillers, stops = _words("fillers"), _words("stops")
    words = [w for w in re.split(r"\s+", cleaned) if w and w.lower() not in fillers]
    # "sanne ik ben negenentwintig": the name ends where a new sentence part starts.
    for i, w in enumerate(words):
        if i and w.lower().strip(".,!") in stops:
            words = words[:i]
            break
    if not words or len(words) > 3 or any(re.search(r"[\d@/<>]", w) for w in words):
        return None
    if not all(re.fullmatch(r"[^\W\d_][\w'\-]*", w) for w in words):
        return None
    # Capitals as in Dutch names: "jan de vries" -> "Jan de Vries".
    tussen = _words("tussenvoegsels")
    shown = [
        w if i and w.lower() in tussen else w[:1].upper() + w[1:] for i, w in enumerate(words)
    ]
    return " ".join(shown)[:40]


def declines(text: str) -> bool:
    """ "Nee", "liever niet", "zeg ik niet", "anoniem": the person would rather not say."""
    return bool(_DECLINES.match(text))


def name_in_opening(text: str) -> str | None:
    """The name said plainly in a first message ("ik heet sanne" -> "Sanne"), capitalised."""
    found = _NAME_IN_OPENING.search(text)
    if not found:
        return None
    word = found.group(1) or found.group(2)
    if word.lower() in _words("not_names"):
        return None
    return word[:1].upper() + word[1:40]


def age_beside_name(text: str) -> str | None:
    """The age word at the end of a name answer ("Sam, 19" -> "19"), still to be parsed."""
    found = _AGE_BESIDE_NAME.search(text)
    return found.group(1) if found else None
