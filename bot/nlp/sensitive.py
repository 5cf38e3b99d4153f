"""The words that name a BSN or a bank account number ("mijn BSN is", "rekeningnummer:").

The numbers themselves are masked by ``bot.privacy``; these words are dropped with them, so the
rest of the message can still be read as the answer.
"""

from __future__ import annotations

import re

_BSN_WORDS = re.compile(
    r"\b(?:mijn|m'n|mn|het|de)?\s*(?:bsn|burgerservicenummer|sofinummer|sofi)(?:[- ]?nummer)?"
    r"(?:\s+(?:is|=|:))?",
    re.IGNORECASE,
)
_IBAN_WORDS = re.compile(
    r"\b(?:mijn|m'n|mn|het|de)?\s*(?:iban|bank[- ]?rekening|rekening)(?:[- ]?nummer)?"
    r"(?:\s+(?:is|=|:))?",
    re.IGNORECASE,
)


def without_bsn_words(text: str) -> str:
    """``text`` with "mijn BSN is", "burgerservicenummer" and the like replaced by a space."""
    return _BSN_WORDS.sub(" ", text)


def without_iban_words(text: str) -> str:
    """``text`` with "mijn IBAN is", "rekeningnummer" and the like replaced by a space."""
    return _IBAN_WORDS.sub(" ", text)
