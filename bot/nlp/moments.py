"""When can the person start? Used for the jobcoaching rule "start within six months".

Every cue in the answer gives an earliest and a latest start date; cues are combined by taking
the earliest of the earliest and the latest of the latest. Then:
``within_6_months`` is True when the latest date is at most six calendar months from today,
False when the earliest date is later than that, and None when the window straddles the limit
("volgend jaar" said in November) or when there is no date at all ("na mijn stage", "als ik
klaar ben met school": the caller keeps the text and may ask again).

Cues: "zsm", "meteen", "nu", "morgen", weekdays, "volgende week" (today .. two weeks);
"volgende maand"; "over 2 maanden", "binnen 3 weken", "over een half jaar" (six months counts as
within); month names ("in januari" = the next January; "januari 2028"); dates; years
("in 2028"); seasons ("na de zomer" = the next September); "dit jaar", "volgend jaar".
"nog niet" / "nu niet" cancel the "now" cues. "nooit" and a plain "nee" give False, a plain
"ja" gives True. "weet ik niet" gives None.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta

from bot.nlp import lexicon
from bot.nlp.answers import is_dont_know, parse_yes_no
from bot.nlp.dates import add_months, find_dates, month_bounds, next_month_occurrence
from bot.nlp.guard import clean_text
from bot.nlp.matcher import PhraseMatcher
from bot.nlp.numbers import find_numbers
from bot.nlp.text import PARSE_LIMIT, normalise, safe, tokens

_WORD_RE = re.compile(r"[a-z]+")
_YEAR_RE = re.compile(r"(?<![\d\-/.])(20\d\d)(?![\d\-/.])")
_FEW_RE = re.compile(
    r"\b(?:paar|aantal|enkele|stuk of wat)\s+(dagen|weken|weekjes|maanden|maandjes|jaar|jaren)\b"
)
_FEW = {
    "dagen": (2, 6),
    "weken": (14, 42),
    "weekjes": (14, 42),
    "maanden": (60, 122),
    "maandjes": (60, 122),
    "jaar": (730, 1100),
    "jaren": (730, 1100),
}


@dataclass(frozen=True)
class StartResult:
    within_6_months: bool | None
    text: str  # the person's answer, cleaned, for the summary
    earliest: date | None = None
    latest: date | None = None


@functools.cache
def _matcher() -> PhraseMatcher:
    data = lexicon.load("moments")
    entries = [(p, "immediate", None) for p in data["immediate"]]
    entries += [(p, "not_now", None) for p in data["not_now"]]
    entries += [(p, "never", None) for p in data["never"]]
    entries += [(p, "season", tuple(v)) for p, v in data["seasons"].items()]
    for phrase, label in (
        ("volgende maand", "next_month"),
        ("komende maand", "next_month"),
        ("deze maand", "this_month"),
        ("eind van de maand", "this_month"),
        ("dit jaar", "this_year"),
        ("nog dit jaar", "this_year"),
        ("eind van het jaar", "year_end"),
        ("einde van het jaar", "year_end"),
        ("eind dit jaar", "year_end"),
        ("volgend jaar", "next_year"),
        ("komend jaar", "next_year"),
        ("volgende jaar", "next_year"),
    ):
        entries.append((phrase, label, None))
    return PhraseMatcher(entries)


def _season(bounds: tuple[int, int, int, int], today: date) -> tuple[date, date]:
    m1, d1, m2, d2 = bounds
    for year in (today.year, today.year + 1):
        start = date(year, m1, d1)
        end = date(year + (1 if m2 < m1 else 0), m2, d2)
        if end >= today:
            return max(start, today), end
    return start, end  # pragma: no cover - the loop always returns


def _phrase_windows(toks: tuple[str, ...], today: date) -> tuple[list[tuple[date, date]], set[str]]:
    found = _matcher().find_all(toks)
    labels = {m.label for m in found}
    windows: list[tuple[date, date]] = []
    for m in found:
        if m.label == "immediate" and "not_now" not in labels:
            windows.append((today, today + timedelta(days=14)))
        elif m.label == "season":
            windows.append(_season(m.payload, today))
        elif m.label in {"next_month", "this_month"}:
            ref = add_months(today, 1) if m.label == "next_month" else today
            first, last = month_bounds(ref.year, ref.month)
            windows.append((max(first, today), last))
        elif m.label in {"this_year", "year_end"}:
            first = today if m.label == "this_year" else max(today, date(today.year, 12, 1))
            windows.append((first, date(today.year, 12, 31)))
        elif m.label == "next_year":
            windows.append((date(today.year + 1, 1, 1), date(today.year + 1, 12, 31)))
    return windows, labels


def _after(today: date, count: float, unit_days: float) -> date:
    """``today`` plus ``count`` units; months and years follow the calendar, so "over een half
    jaar" is exactly six months and counts as within six months."""
    if unit_days >= 28:
        months = count * (12 if unit_days > 300 else 1)
        whole = int(months)
        return add_months(today, min(whole, 1200)) + timedelta(days=round((months - whole) * 30))
    return today + timedelta(days=min(count * unit_days, 36500))


def _relative_windows(norm: str, toks: tuple[str, ...], today: date) -> list[tuple[date, date]]:
    durations = {
        normalise(str(k)): float(v) for k, v in lexicon.load("moments")["durations"].items()
    }
    relative = {normalise(str(w)) for w in lexicon.load("moments")["relative_words"]}
    windows = []
    for span in find_numbers(norm):
        after = _WORD_RE.findall(norm[span.end : span.end + 30])[:1]
        before = _WORD_RE.findall(norm[max(0, span.start - 20) : span.start])[-2:]
        if not after or after[0] not in durations or span.low < 0:
            continue
        if not (set(before) & relative) and len(toks) > 4:
            continue  # "ik ben 19 jaar" is not a start moment
        unit = durations[after[0]]
        end = _after(today, span.high, unit)
        start = today if "binnen" in before else _after(today, span.low, unit)
        windows.append((start, end))
    for mt in _FEW_RE.finditer(norm):
        lo, hi = _FEW[mt.group(1)]
        windows.append((today + timedelta(days=lo), today + timedelta(days=hi)))
    if re.search(r"\b(?:over|binnen|na|in) (?:een )?halfjaar\b", norm):
        windows.append((add_months(today, 6), add_months(today, 6)))
    return windows


def _date_windows(norm: str, today: date) -> list[tuple[date, date]]:
    windows = []
    dates = find_dates(norm, today)
    for found in dates:
        if found.month is None:
            continue
        year = found.year if found.year is not None else next_month_occurrence(found.month, today)
        if found.day is not None:
            day = date(year, found.month, found.day)
            if found.year is None and day < today:
                day = date(year + 1, found.month, found.day)
            windows.append((day, day))
        else:
            first, last = month_bounds(year, found.month)
            windows.append((max(first, today), max(last, today)))
    for mt in _YEAR_RE.finditer(norm):
        if any(f.start <= mt.start() < f.end for f in dates):
            continue  # the year of "maart 2027" is part of that date
        year = int(mt.group(1))
        if year == today.year:
            windows.append((today, date(year, 12, 31)))
        elif year > today.year:
            windows.append((date(year, 1, 1), date(year, 12, 31)))
    return windows


_LATER_THAN_SIX_MONTHS = re.compile(
    r"\b(?:later|langer|meer)\s+dan\s+(?:een\s+)?(?:half\s*jaar|zes\s+maanden|6\s+maanden|jaar)\b"
    r"|\bniet\s+binnen\s+(?:een\s+)?(?:half\s*jaar|zes\s+maanden|6\s+maanden)\b"
)
_ABOUT = re.compile(
    r"\been\s+(maand|maanden|week|weken|jaar)\s+of\s+(\d+|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf)\b"
)


@safe(lambda: StartResult(None, ""))
def parse_start_moment(text: str, today: date | None = None) -> StartResult:
    """Can the person start within six months? See the module docstring."""
    today = today or date.today()
    cleaned = clean_text(text[:PARSE_LIMIT])
    norm = normalise(text[:PARSE_LIMIT])
    toks = tokens(text)
    if not toks or is_dont_know(text):
        return StartResult(None, cleaned)
    if _LATER_THAN_SIX_MONTHS.search(norm):
        return StartResult(False, cleaned)  # "later dan een half jaar" (a button, too)
    norm = _ABOUT.sub(r"\2 \1", norm)  # "over een maand of vier" -> "over vier maand"
    windows, labels = _phrase_windows(toks, today)
    windows += _relative_windows(norm, toks, today)
    windows += _date_windows(norm, today)
    if not windows:
        if "never" in labels:
            return StartResult(False, cleaned)
        if "not_now" in labels:
            return StartResult(None, cleaned)
        answer = parse_yes_no(text)
        if answer == "ja":
            return StartResult(True, cleaned)
        if answer == "nee":
            return StartResult(False, cleaned)
        return StartResult(None, cleaned)
    earliest = min(w[0] for w in windows)
    latest = max(w[1] for w in windows)
    limit = add_months(today, 6)
    within = True if latest <= limit else False if earliest > limit else None
    return StartResult(within, cleaned, earliest, latest)
