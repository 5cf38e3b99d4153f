"""Several 0-10 rulers named in one message: "8, vertrouwen 5 en klaar om te beginnen 7"."""

from __future__ import annotations

import re

# The words that name each ruler of the motivation questions.
_RULER_WORDS = {
    "importance": r"belang\w*",
    "confidence": r"vertrouwen",
    "readiness": r"klaar(?:\s+om\s+te\s+beginnen)?|bereid\w*",
}
_NAMED = {
    ruler: re.compile(rf"\b(?:{words})\b\D{{0,12}}?\b(\d{{1,2}})\b", re.IGNORECASE)
    for ruler, words in _RULER_WORDS.items()
}


def named_rulers(text: str) -> tuple[dict[str, int], str]:
    """{ruler: 0-10} for each ruler named with its number, and the text without those parts
    (what is left may hold the number of the ruler that was asked)."""
    named: dict[str, int] = {}
    rest = text
    for ruler, pattern in _NAMED.items():
        found = pattern.search(text)
        if found and 0 <= int(found.group(1)) <= 10:
            named[ruler] = int(found.group(1))
            rest = rest.replace(found.group(0), " ")
    return named, rest
