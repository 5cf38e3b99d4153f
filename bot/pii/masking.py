"""Mask the numbers the product must never keep: BSN and bank account numbers (IBAN).

The intake never needs either. Someone may still type them ("mijn rekeningnummer is NL91 ABNA
0417 1643 00, daar komt de bijstand op"), so every text is masked before it is written: our
database (profile, summary, transcript), Rasa's tracker store and the spool of unsaved
intakes. Phone numbers and e-mail addresses are kept where the intake asks for them (contact).

An IBAN is two letters, two check digits and 11 to 30 letters or digits, often in groups of
four; it counts only when the ISO 13616 check (mod 97) holds, so ordinary words and codes
stay as they are.
"""

from __future__ import annotations

import json
import re
from typing import Any

from bot.pii.bsn import is_valid_bsn, mask_bsn

IBAN_MASK = "[IBAN verwijderd]"

# Lengths of the countries people here are most likely to have an account in; others: 15-34.
_IBAN_LENGTHS = {
    "NL": 18, "BE": 16, "DE": 22, "FR": 27, "GB": 22, "ES": 24, "IT": 27, "PL": 28,
    "TR": 26, "PT": 25, "LU": 20, "AT": 20, "CH": 21, "IE": 22, "RO": 24, "BG": 22,
    "MA": 28,
}
_START = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]{2})(\d{2})(?=[ ]?[A-Za-z0-9])")


def _mod97_ok(compact: str) -> bool:
    rearranged = compact[4:] + compact[:4]
    digits = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(digits) % 97 == 1


def _iban_end(text: str, start: int) -> int | None:
    """End of the IBAN that starts at ``start``, or None."""
    country = text[start : start + 2].upper()
    wanted = _IBAN_LENGTHS.get(country)
    lengths = (wanted,) if wanted else tuple(range(34, 14, -1))
    compact, ends = [], []
    i = start
    while i < len(text) and len(compact) < max(lengths):
        ch = text[i]
        if ch.isascii() and ch.isalnum():
            compact.append(ch.upper())
            ends.append(i + 1)
        elif ch == " " and compact and i + 1 < len(text) and text[i + 1].isalnum():
            pass  # a group separator
        else:
            break
        i += 1
    for length in lengths:
        if len(compact) < length:
            continue
        end = ends[length - 1]
        # The account number must end where a word ends, not in the middle of one.
        if end < len(text) and text[end].isascii() and text[end].isalnum():
            continue
        if _mod97_ok("".join(compact[:length])):
            return end
    return None


def mask_iban(text: str) -> str:
    if not text or not any(ch.isdigit() for ch in text):
        return text
    out, last = [], 0
    for match in _START.finditer(text):
        if match.start() < last:
            continue
        end = _iban_end(text, match.start())
        if end is not None:
            out.append(text[last : match.start()])
            out.append(IBAN_MASK)
            last = end
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


def mask_personal(text: str) -> str:
    """BSN and IBAN masked; everything else as typed."""
    return mask_bsn(mask_iban(text))


def mask_personal_deep(value: Any) -> Any:
    """``mask_personal`` on every string inside nested dicts and lists (keys too); a copy.

    Numbers are checked for a BSN as well: a BSN typed into a numeric slot arrives as an int.
    """
    if isinstance(value, str):
        return mask_personal(value)
    if isinstance(value, bool) or value is None or isinstance(value, float):
        return value
    if isinstance(value, int):
        from bot.pii.bsn import MASK

        return MASK if value >= 10_000_000 and is_valid_bsn(f"{value:09d}") else value
    if isinstance(value, dict):
        return {
            mask_personal(k) if isinstance(k, str) else k: mask_personal_deep(v)
            for k, v in value.items()
        }
    if isinstance(value, (list, tuple)):
        return [mask_personal_deep(v) for v in value]
    return value


# A JSON number of eight digits: a BSN with a leading zero, typed into a numeric answer.
_EIGHT_DIGIT_NUMBER = re.compile(r"(?<=[:\[,\s])\d{8}(?=[,\]}\s])")
# JSON escapes of control characters end in digits ("\u0001"): to the patterns they must look
# like what they stand for, a character that is neither a digit, a letter nor a separator.
_ESCAPE = re.compile(r"\\u[0-9a-fA-F]{4}")


def mask_personal_json(value: Any) -> Any:
    """``mask_personal_deep`` for JSON-like data, with a quick look at its text first.

    Almost nothing holds a BSN or an IBAN, and one pass of the patterns over the serialised
    value is much cheaper than walking every string; only a hit walks the value. Returns the
    value itself when there is nothing to mask.
    """
    try:
        raw = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        return mask_personal_deep(value)
    if "\\u" in raw:
        raw = _ESCAPE.sub("#", raw)
    if mask_personal(raw) == raw and not _EIGHT_DIGIT_NUMBER.search(raw):
        return value
    return mask_personal_deep(value)
