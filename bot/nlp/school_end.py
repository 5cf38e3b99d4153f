"""When does the pupil leave school? Used for the PrO/VSO school-leaver rule (seed 001 §2.2:
the municipal jobcoaches come to the schools "wanneer het einde van de schooltijd in zicht is").

The answer becomes a month, ``"YYYY-MM"`` (``school.leaving_date`` in the profile). Dutch
secondary schools end their year in July, so answers about a school year or a summer mean July:

* "dit schooljaar", "eind van het schooljaar", "deze zomer", "laatste jaar", "examenjaar":
  July of the current school year (the next July; in August the school year is a new one);
* "volgend schooljaar": a year later; "volgend jaar", "komend jaar": July of next calendar year;
* "over 2 jaar", "nog anderhalf jaar", "over een paar jaar": that far ahead, then the July that
  ends that school year; "over 8 maanden": that month;
* "juli 2027", "06-2027", "in juni" (the next June), "zomer 2027", a bare year "2027" (July);
* "als ik 18 ben", "tot zijn 18e": with the age known, the July of the school year in which
  that age is reached;
* "ik zit niet meer op school", "al klaar met school", "al van school af", a plain "nee":
  ``left`` (the school years are behind the person); "vorig jaar", "afgelopen zomer": a July in
  the past.

A plain "ja" ("ik zit nog op school") holds no date: ``month`` is None and ``at_school`` True,
so the caller can ask once more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bot.nlp.dates import add_months, find_dates, month_words, next_month_occurrence
from bot.nlp.guard import clean_text
from bot.nlp.text import PARSE_LIMIT, normalise, safe

SCHOOL_YEAR_END = 7  # July: the summer holiday

_WORD_NUMBERS = {
    "een": 1.0,
    "1": 1.0,
    "anderhalf": 1.5,
    "twee": 2.0,
    "drie": 3.0,
    "vier": 4.0,
    "vijf": 5.0,
    "zes": 6.0,
    "zeven": 7.0,
    "acht": 8.0,
    "negen": 9.0,
    "tien": 10.0,
    "elf": 11.0,
    "twaalf": 12.0,
    "paar": 2.0,
    "aantal": 2.0,
    "half": 0.5,
}
_ORDINAL_AGES = {
    "zestiende": 16,
    "zeventiende": 17,
    "achttiende": 18,
    "negentiende": 19,
    "twintigste": 20,
    "zestien": 16,
    "zeventien": 17,
    "achttien": 18,
    "negentien": 19,
    "twintig": 20,
}

_LEFT = re.compile(
    r"\b(?:niet\s+meer\s+op\s+(?:school|het\s+\w+)|zit\s+(?:niet|nergens)\s+(?:meer\s+)?op\s+school"
    r"|al\s+(?:klaar|van\s+school|afgestudeerd|gestopt|geslaagd)"
    r"|(?:ben|is|zijn)\s+(?:al\s+)?(?:van\s+school\s+af|klaar\s+met\s+school|gestopt\s+met\s+school)"
    r"|heb\s+(?:mijn|m'?n|zijn|haar)?\s*diploma\s+al|allang\s+klaar)\b"
)
_PLAIN_NO = re.compile(r"^\s*(?:nee|nope|neen)\b[\s.!,]*(?:hoor|niet\s+meer)?[\s.!]*$")
_PLAIN_YES = re.compile(r"^\s*(?:ja|jawel|jazeker|yes|klopt)\b[\s.!,]*(?:nog\s+wel|zit\s+nog)?")
_THIS_YEAR = re.compile(
    r"\b(?:dit|deze)\s+(?:school)?jaar\b|\beind(?:e)?\s+(?:van\s+)?(?:het|dit)\s+schooljaar"
    r"|\b(?:deze|komende)\s+zomer\b|\b(?:voor|na|in)\s+de\s+zomer(?:vakantie)?\b"
    r"|\blaatste\s+(?:school)?jaar\b|\bexamenjaar\b|\bnog\s+dit\s+jaar\b"
)
_NEXT_SCHOOL_YEAR = re.compile(
    r"\b(?:volgend|volgende|komend|komende)\s+schooljaar\b|\bvolgende\s+zomer\b"
)
_NEXT_YEAR = re.compile(r"\b(?:volgend|volgende|komend)\s+jaar\b")
_LAST_YEAR = re.compile(r"\b(?:vorig|vorige|afgelopen)\s+(?:jaar|schooljaar)\b")
_LAST_SUMMER = re.compile(r"\b(?:vorige|afgelopen)\s+zomer\b")
_AHEAD = re.compile(
    r"\b(?:over|nog|binnen|na)\s+(?:een\s+|ongeveer\s+|zo'?n\s+)?"
    r"(\d+(?:[.,]\d+)?|[a-z]+)\s+(jaar|jaren|jaartjes|maand|maanden)\b"
)
_AT_AGE = re.compile(
    r"\b(?:als|wanneer|zodra)\s+(?:ik|hij|zij|ze|die)\s+(\d{2}|[a-z]+)\s*(?:jaar\s+)?(?:ben|is|word|wordt)\b"
    r"|\btot\s+(?:mijn|m'?n|zijn|haar)\s+(\d{2})(?:e|ste|de)?\b"
    r"|\btot\s+(?:mijn|m'?n|zijn|haar)\s+([a-z]+)\b"
)
_YEAR = re.compile(r"(?<![\d\-/.])(20\d\d)(?![\d\-/.])")


@dataclass(frozen=True)
class LeavingResult:
    month: str | None  # "YYYY-MM", the month the pupil leaves (or left) school
    left: bool = False  # no longer at school, no date said
    at_school: bool = False  # "ja, ik zit nog op school", but no date said
    text: str = ""  # the answer, cleaned, for the summary


def school_year_end(day: date) -> date:
    """The July that ends the school year ``day`` falls in (August starts a new one)."""
    year = day.year if day.month <= SCHOOL_YEAR_END else day.year + 1
    return date(year, SCHOOL_YEAR_END, 1)


def _month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _amount(word: str) -> float | None:
    if word in _WORD_NUMBERS:
        return _WORD_NUMBERS[word]
    try:
        return float(word.replace(",", "."))
    except ValueError:
        return None


@safe(lambda: LeavingResult(None))
def parse_school_leaving(
    text: str, today: date | None = None, age: int | None = None
) -> LeavingResult:
    """When does (or did) the pupil leave school? See the module docstring."""
    today = today or date.today()
    cleaned = clean_text(text[:PARSE_LIMIT])
    norm = normalise(text[:PARSE_LIMIT])
    found = _explicit(norm, today) or _relative(norm, today, age)
    if found is not None:
        return LeavingResult(_month(found), text=cleaned)
    if _LEFT.search(norm) or _PLAIN_NO.match(norm):
        return LeavingResult(None, left=True, text=cleaned)
    if _PLAIN_YES.match(norm):
        return LeavingResult(None, at_school=True, text=cleaned)
    return LeavingResult(None, text=cleaned)


def _explicit(norm: str, today: date) -> date | None:
    """A month ("juli 2027", "06-2027", "in juni") or a year ("2027", "zomer 2027")."""
    numeric = re.search(r"(?<![\d\-/.])(\d{1,2})[-/.](20\d\d)(?![\d\-/.])", norm)
    if numeric and 1 <= int(numeric.group(1)) <= 12:
        return date(int(numeric.group(2)), int(numeric.group(1)), 1)
    for found in find_dates(norm, today):
        if found.month is None:
            continue
        year = found.year if found.year is not None else next_month_occurrence(found.month, today)
        return date(year, found.month, 1)
    words = month_words()
    year = _YEAR.search(norm)
    if year:
        named = [w for w in re.findall(r"[a-z]+", norm) if w in words]
        month = words[named[0]] if named else SCHOOL_YEAR_END
        return date(int(year.group(1)), month, 1)
    return None


def _relative(norm: str, today: date, age: int | None) -> date | None:
    if _NEXT_SCHOOL_YEAR.search(norm):
        end = school_year_end(today)
        return date(end.year + 1, SCHOOL_YEAR_END, 1)
    if _NEXT_YEAR.search(norm):
        return date(today.year + 1, SCHOOL_YEAR_END, 1)
    if _LAST_SUMMER.search(norm):
        year = today.year if today.month >= SCHOOL_YEAR_END else today.year - 1
        return date(year, SCHOOL_YEAR_END, 1)
    if _LAST_YEAR.search(norm):
        return date(today.year - 1, SCHOOL_YEAR_END, 1)
    ahead = _AHEAD.search(norm)
    if ahead:
        amount = _amount(ahead.group(1))
        if amount is not None and 0 <= amount <= 12:
            if ahead.group(2).startswith("maand"):
                return add_months(today, round(amount)).replace(day=1)
            return school_year_end(add_months(today, round(amount * 12)))
    at_age = _AT_AGE.search(norm)
    if at_age and age is not None:
        word = next(g for g in at_age.groups() if g)
        target = int(word) if word.isdigit() else _ORDINAL_AGES.get(word)
        if target is not None and age <= target <= age + 10:
            return school_year_end(add_months(today, 12 * (target - age)))
    if _THIS_YEAR.search(norm):
        return school_year_end(today)
    return None
