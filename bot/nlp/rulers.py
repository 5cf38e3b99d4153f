"""Several 0-10 rulers named in one message: "8, vertrouwen 5 en klaar om te beginnen 7"."""

from __future__ import annotations

import functools
import re

from bot.nlp import lexicon


@functools.cache
def _named() -> dict[str, re.Pattern[str]]:
    """Ruler -> its name followed (within 12 other characters) by a number 0-99."""
    names = lexicon.load("scales")["ruler_names"]
    return {
        # The name's last word may go on ("belangrijk"); then the number, as a whole word.
        ruler: re.compile(
            rf"(?:{lexicon.word_pattern(words)})\w*\b\D{{0,12}}?\b(\d{{1,2}})\b", re.IGNORECASE
        )
        for ruler, words in names.items()
    }


def named_rulers(text: str) -> tuple[dict[str, int], str]:
    """{ruler: 0-10} for each ruler named with its number, and the text without those parts
    (what is left may hold the number of the ruler that was asked)."""
    named: dict[str, int] = {}
    rest = text
    for ruler, pattern in _named().items():
        found = pattern.search(text)
        if found and 0 <= int(found.group(1)) <= 10:
            named[ruler] = int(found.group(1))
            rest = rest.replace(found.group(0), " ")
    return named, rest
