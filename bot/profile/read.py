"""Lenient readers of profile values: dates, education levels, life-domain keys, yes/no words.

What a CSV cell or a chat answer may hold besides strict JSON (docs/triage.md, "Input: strict
JSON, lenient cells"); ``validate.py`` calls these, and the CSV reader and the policy reuse them.
"""

from __future__ import annotations

import calendar
import functools
import re
import unicodedata
from typing import Any

from .schema import EDUCATION_LEVELS, LEAVING_YEARS, LIFE_DOMAINS, SCHOOL_YEAR_END_MONTH

# How school staff write these in a spreadsheet (lenient reading only): unambiguous, so
# normalised rather than refused.
SCHOOL_VALUE_ALIASES = {
    "komt nog": "in_voorbereiding", "in voorbereiding": "in_voorbereiding",
    "wordt gemaakt": "in_voorbereiding", "nog niet": "in_voorbereiding",
    "moeilijk": "lastig", "nog geen": "geen", "geen stage": "geen", "nog geen stage": "geen",
}

_MONTH_NAMES: dict[str, int] = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "maart": 3, "mrt": 3, "april": 4, "apr": 4,
    "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augustus": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12, "zomer": SCHOOL_YEAR_END_MONTH,
}  # fmt: skip
_ISO_MONTH = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")

TRUE_WORDS = frozenset({"ja", "j", "true", "waar", "yes", "y", "1"})
FALSE_WORDS = frozenset({"nee", "n", "false", "onwaar", "no", "0"})
# Answers that mean "I don't know"; they normalise to None (unknown) rather than an error.
UNKNOWN_WORDS = frozenset({"onbekend", "weet niet", "weet ik niet", "?", "n.v.t.", "nvt"})

# Only for the hint in an error message: an unknown key is still an error, never guessed.
DOMAIN_HINTS: dict[str, str] = {
    "geld": "financien",
    "schulden": "financien",
    "financieel": "financien",
    "huisvesting": "wonen",
    "woning": "wonen",
    "gezin": "thuis",
    "kinderopvang": "thuis",
    "mantelzorg": "thuis",
    "psyche": "psychisch",
    "mentaal": "psychisch",
    "ggz": "psychisch",
    "middelengebruik": "verslaving",
    "drugs": "verslaving",
    "alcohol": "verslaving",
    "sociaal_netwerk": "netwerk",
    "mobiliteit": "vervoer",
    "dagritme": "dagbesteding",
}

_EDUCATION_ALIASES: dict[str, str] = {
    **{level.lower(): level for level in EDUCATION_LEVELS},
    "praktijkonderwijs": "PrO",
    "voortgezetspeciaalonderwijs": "VSO",
    "entreeopleiding": "entree",
    "mbo1": "entree",
    "universiteit": "wo",
}


def read_leaving_date(value: Any, *, lenient: bool = False) -> str | None:
    """A leaving date as ``"YYYY-MM"``; ``None`` when it cannot be read.

    Strict: ``"2026-07"`` or ``"2026-07-10"`` (the day is dropped: the month is what counts).
    Lenient also: ``"07-2026"``, ``"10-07-2026"``, ``"juli 2026"``, ``"zomer 2026"`` and a bare
    year ``"2026"`` (= the end of that school year, July).
    """
    if not isinstance(value, str):
        return None
    text = value.strip().lower()
    found = _ISO_MONTH.fullmatch(text)
    if found:
        year, month = int(found.group(1)), int(found.group(2))
        day = int(found.group(3)) if found.group(3) else None
    elif not lenient:
        return None
    else:
        year, month, day = _lenient_month(text)
    if year is None or month is None or not 1 <= month <= 12:
        return None
    if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    if not LEAVING_YEARS[0] <= year <= LEAVING_YEARS[1]:
        return None
    return f"{year:04d}-{month:02d}"


def _lenient_month(text: str) -> tuple[int | None, int | None, int | None]:
    numbers = re.fullmatch(r"(?:(\d{1,2})[-/.])?(\d{1,2})[-/.](\d{4})", text)
    if numbers:
        day = int(numbers.group(1)) if numbers.group(1) else None
        return int(numbers.group(3)), int(numbers.group(2)), day
    named = re.fullmatch(r"(?:(\d{1,2})\s+)?([a-z]+)\.?\s+(\d{4})", text)
    if named and named.group(2) in _MONTH_NAMES:
        day = int(named.group(1)) if named.group(1) else None
        return int(named.group(3)), _MONTH_NAMES[named.group(2)], day
    if re.fullmatch(r"\d{4}", text):
        return int(text), SCHOOL_YEAR_END_MONTH, None
    return None, None, None


@functools.lru_cache(maxsize=4096)
def normalise_education(text: str) -> str:
    """Known levels in the contract's spelling (``"MBO niveau 2"`` → ``"mbo2"``); else as is."""
    key = text.lower()
    for noise in (" ", "-", ".", "_", "niveau"):
        key = key.replace(noise, "")
    return _EDUCATION_ALIASES.get(key, text)


def normalise_domain_key(key: str) -> str | None:
    """``"Financiën"`` → ``"financien"``; ``None`` for a key that is no life domain."""
    plain = strip_accents(key).strip().lower()
    return plain if plain in LIFE_DOMAINS else None


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def is_blank(value: Any) -> bool:
    return isinstance(value, str) and not value.strip()
