"""Dates in Dutch text: "12-03-2007", "2007-03-12", "12 maart 2007", "maart", "in januari"."""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from datetime import date

from bot.nlp import lexicon
from bot.nlp.text import normalise

_DMY_RE = re.compile(r"(?<![\d])(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?![\d])")
_YMD_RE = re.compile(r"(?<![\d])(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d])")


@dataclass(frozen=True)
class FoundDate:
    day: int | None
    month: int | None
    year: int | None
    start: int
    end: int


@functools.cache
def month_words() -> dict[str, int]:
    out: dict[str, int] = {}
    for number, words in lexicon.load("moments")["months"].items():
        for word in words:
            out[normalise(str(word))] = int(number)
    return out


@functools.cache
def _named_re() -> re.Pattern[str]:
    names = "|".join(sorted(map(re.escape, month_words()), key=len, reverse=True))
    return re.compile(
        rf"(?:(?<![\d])(\d{{1,2}})(?:e|de|ste)?\s+)?\b({names})\b\.?(?:\s+(\d{{4}}|'?\d{{2}})(?![\d]))?"
    )


def _year(raw: str, today: date) -> int:
    raw = raw.lstrip("'")
    if len(raw) == 4:
        return int(raw)
    yy = int(raw)
    return 2000 + yy if 2000 + yy <= today.year else 1900 + yy


def _valid(year: int | None, month: int | None, day: int | None) -> bool:
    if month is not None and not 1 <= month <= 12:
        return False
    if day is not None:
        if month is None or not 1 <= day <= 31:
            return False
        probe_year = year if year is not None and 1 <= year <= 9999 else 2000
        return day <= calendar.monthrange(probe_year, month)[1]
    return True


def find_dates(norm: str, today: date) -> list[FoundDate]:
    """Dates in normalised text, in order of appearance. Day/month/year may each be missing."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []

    def add(d: int | None, m: int | None, y: int | None, start: int, end: int) -> None:
        if any(s < end and start < e for s, e in taken) or not _valid(y, m, d):
            return
        taken.append((start, end))
        found.append(FoundDate(d, m, y, start, end))

    for mt in _YMD_RE.finditer(norm):
        add(int(mt.group(3)), int(mt.group(2)), int(mt.group(1)), mt.start(), mt.end())
    for mt in _DMY_RE.finditer(norm):
        y = _year(mt.group(3), today)
        add(int(mt.group(1)), int(mt.group(2)), y, mt.start(), mt.end())
    for mt in _named_re().finditer(norm):
        day = int(mt.group(1)) if mt.group(1) else None
        year = _year(mt.group(3), today) if mt.group(3) else None
        add(day, month_words()[mt.group(2)], year, mt.start(), mt.end())
    return sorted(found, key=lambda f: f.start)


def age_on(birth: date, today: date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def add_months(d: date, months: int) -> date:
    index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def next_month_occurrence(month: int, today: date) -> int:
    """The year in which ``month`` next occurs (this month counts as now)."""
    return today.year if month >= today.month else today.year + 1
