"""What is the answer in a message, and what is a remark about it.

``own_words`` drops "zoals ik zei", "zei ik toch", a trailing "hoor" and a label in front of
the answer ("mijn droombaan is kok" -> "kok"); ``only_said_already`` hears "dat zei ik al"
without any answer in it.
"""

from __future__ import annotations

import re

# "Zoals ik zei, ..." / "zei ik toch: ...": a remark before the answer, not part of it.
_REMARK_PREFIX = re.compile(
    r"^\s*(?:zoals\s+(?:ik\s+)?(?:al\s+|net\s+)?(?:zei|zeg|schreef|gezegd)"
    r"|(?:dat\s+)?zei\s+ik\s+(?:toch\s+)?(?:al|toch|net)(?:\s+al)?"
    r"|ik\s+zei\s+(?:al|net|toch)|(?:dat\s+)?(?:heb|had)\s+ik\s+(?:toch\s+)?(?:al|net)\s+gezegd"
    r"|(?:dat\s+)?(?:al|net)\s+gezegd|nogmaals)\b[\s,:.!?]*",
    re.IGNORECASE,
)
_REMARK_SUFFIX = re.compile(
    r"[\s,.!]*(?:zei\s+ik\s+(?:toch|al|net)(?:\s+al)?|zoals\s+gezegd|dat\s+zei\s+ik\s+al)[\s.!?]*$",
    re.IGNORECASE,
)
_TRAILING_FILLER = re.compile(r"\s+(?:dus|hoor|ofzo|of zo|denk ik)\s*[.!]*$", re.IGNORECASE)
# "... droombaan: meubelmaker", "mijn droombaan is kok": the words after the label.
_LABELLED = {
    "droombaan": re.compile(
        r"\bdroom\s*(?:baan|beroep|werk)\s*(?:is\b|:|=)\s*(?P<rest>\S.*)$"
        r"|\bis\s+mijn\s+droom\s*(?:baan|beroep|werk)\s+(?P<rest2>\S.*)$",
        re.IGNORECASE | re.DOTALL,
    ),
}
_WORD = re.compile(r"\w")


def has_words(text: str) -> bool:
    """Any letter or digit at all (not only punctuation, spaces or emoji)."""
    return bool(_WORD.search(text or ""))


def own_words(label: str, text: str) -> str:
    """The person's answer without a remark before it or a label in front of it.

    ``label``: the answer asked for; only "droombaan" is also written with its label in front.
    """
    labelled = _LABELLED.get(label)
    if labelled is not None:
        found = labelled.search(text)
        rest = found and (found["rest"] or found["rest2"])
        if rest and has_words(rest):
            text = rest
    stripped = _REMARK_SUFFIX.sub("", _REMARK_PREFIX.sub("", text, count=1))
    stripped = _TRAILING_FILLER.sub("", stripped)
    return stripped if has_words(stripped) else text


def only_said_already(text: str) -> bool:
    """ "Dat zei ik al", "zei ik net toch": no answer in it, only that it was given before."""
    return bool(_REMARK_PREFIX.match(text)) and not has_words(
        _REMARK_SUFFIX.sub("", _REMARK_PREFIX.sub("", text, count=1))
    )
