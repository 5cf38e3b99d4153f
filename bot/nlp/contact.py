"""Contact details in an answer: e-mail addresses, Dutch and foreign phone numbers (also
spoken as digit words), and what else the person said about being contacted."""

from __future__ import annotations

import functools
import re

from bot.nlp import lexicon

_PHONE = re.compile(r"(?:\+31|0031|0)[\s\-]?(?:\d[\s\-]?){9}\b")
# Numbers from abroad: "+48 601 234 567", "0049 ..." (8 to 13 digits after the country code).
_PHONE_ABROAD = re.compile(r"(?:\+|00)(?!31)[1-9]\d{0,2}(?:[\s\-]?\d){7,12}\b")
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
_NUMBER_LABEL = re.compile(r"^(?:mijn|mn|m'n)\s+(?:telefoon)?nummer\s+(?:is\s+)?(?:en\s+)?", re.I)


@functools.cache
def _digit_words() -> dict[str, str]:
    return {str(k): str(v) for k, v in lexicon.load("contact")["digit_words"].items()}


@functools.cache
def _spoken() -> re.Pattern[str]:
    return re.compile(r"\b(?:(?:" + "|".join(_digit_words()) + r")[\s,\-]*){8,}", re.IGNORECASE)


@functools.cache
def _remark_noise() -> re.Pattern[str]:
    words = lexicon.word_pattern(lexicon.load("contact")["remark_noise"])
    return re.compile(rf"{words}|[^\w\s]", re.IGNORECASE)


def spoken_digits(text: str) -> str:
    """ "nul zes een twee drie ..." (voice input) -> "0612..."."""
    digit_words = _digit_words()

    def digits(m: re.Match[str]) -> str:
        words = re.findall(r"[a-zé]+", m.group(0).lower())
        return "".join(digit_words[w] for w in words) + " "

    return _spoken().sub(digits, text)


def extract_contact(text: str) -> str | None:
    """Every e-mail address and phone number in the answer, and what else the person said
    about being contacted ("bel liever niet, dan hoort mijn vriend het"): for a person at risk
    at home, that remark matters more than the number."""
    found: list[str] = []
    text = spoken_digits(text)
    rest = text
    for match in _EMAIL.finditer(text):
        found.append(match.group(0))
        rest = rest.replace(match.group(0), " ")
    for pattern in (_PHONE, _PHONE_ABROAD):
        for match in pattern.finditer(rest):
            number = re.sub(r"[\s\-]", "", match.group(0))
            if number not in found:
                found.append(number)
            rest = rest.replace(match.group(0), " ")
    if not found:
        return None
    contact = ", ".join(found)
    remark = " ".join(rest.split()).strip(" ,.;:-")
    remark = _NUMBER_LABEL.sub("", remark).strip(" ,.;:-")
    if len(_remark_noise().sub(" ", remark).split()) >= 2:
        contact += f" (opmerking: {remark})"
    return contact
