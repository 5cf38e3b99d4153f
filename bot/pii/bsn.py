"""Recognise Dutch citizen service numbers (BSN) and mask them before anything is stored.

The intake never needs a BSN (the municipality links the person later, in its own systems), so
the product must not keep one, not even in a transcript where someone typed it unasked.

A BSN has nine digits and passes the *11-proef*: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is divisible
by 11. People write it as ``123456782``, ``1234.56.782``, ``123 456 782`` or ``123-45-6782``,
so up to one separator (space, dot, dash) may sit between any two digits. A run of digits that
is part of a longer number (a phone number, an IBAN) is not a BSN and stays untouched.
"""

from __future__ import annotations

import re
from typing import Any

MASK = "[BSN verwijderd]"

# Nine digits with at most one separator between neighbours, not glued to further digits
# (also not through a separator: "06 123 456 782" is a phone number, not a BSN).
_CANDIDATE = re.compile(r"(?<!\d)(?<!\d[ .\-])\d(?:[ .\-]?\d){8}(?![ .\-]?\d)")

_SHAPE = re.compile(r"\d(?:[ .\-]?\d){8}")

_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)


def is_valid_bsn(value: str) -> bool:
    """True when ``value`` (digits, separators allowed) is nine digits passing the 11-proef."""
    if not _SHAPE.fullmatch(value):
        return False
    digits = [int(ch) for ch in value if ch.isdigit()]
    total = sum(weight * digit for weight, digit in zip(_WEIGHTS, digits, strict=True))
    # All zeros passes the arithmetic but is never issued; still no reason to keep it, yet
    # treating it as a BSN would mask harmless placeholders, so it is excluded.
    return total % 11 == 0 and any(digits)


def mask_bsn(text: str) -> str:
    """Replace every BSN in ``text`` by ``[BSN verwijderd]``; other numbers stay as they are."""
    if not text or not any(ch.isdigit() for ch in text):
        return text
    return _CANDIDATE.sub(lambda m: MASK if is_valid_bsn(m.group(0)) else m.group(0), text)


def mask_bsn_deep(value: Any) -> Any:
    """Mask BSNs in every string inside nested dicts/lists (keys included); returns a copy.

    Numbers are checked too: a BSN typed into a numeric slot arrives as an int.
    """
    if isinstance(value, str):
        return mask_bsn(value)
    if isinstance(value, bool) or value is None or isinstance(value, float):
        return value
    if isinstance(value, int):
        return MASK if is_valid_bsn(f"{value:09d}") and value >= 10_000_000 else value
    if isinstance(value, dict):
        return {mask_bsn(str(k)) if isinstance(k, str) else k: mask_bsn_deep(v)
                for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [mask_bsn_deep(v) for v in value]
    return value


def safe_identifier(value: str, key: str) -> str:
    """``value`` unchanged, unless it contains a BSN: then a keyed, one-way pseudonym.

    A chat integration could (wrongly) use a BSN as the conversation id. The id is a lookup
    key, so masking would merge people; a plain hash of a BSN is reversible by trying all
    ~90 million valid numbers, hence the HMAC with the installation's SECRET_KEY.
    """
    if mask_bsn(value) == value:
        return value
    import hashlib
    import hmac

    digest = hmac.new(key.encode("utf-8"), value.encode("utf-8"), hashlib.sha256).hexdigest()
    return "pseudo-" + digest[:32]
