"""Hours per week and age.

Hours (0-60 per week):
- "24 uur", "twintig uur", "24" -> 24; "16-20 uur" -> 18 (midpoint, note "bereik 16-20").
- "fulltime"/"voltijd"/"hele dagen" -> 36 (note "fulltime"); "zo veel mogelijk" -> 36.
- Days count 8 hours, half days (ochtenden, middagen) 4: "3 dagen" -> 24, "twee middagen" -> 8,
  "halve dagen" -> 20, "3 dagen van 6 uur" -> 18, "4 uur per dag" -> 20 (five days),
  "alleen in het weekend" -> 16, "80 uur per maand" -> 18.
- Working times: "van 9 tot half 3" -> 5.5 hours a day x 5 days = 28 (note says the five days
  were assumed); "ma t/m do 9-14u" -> 20; "dinsdag en donderdag van 8.30 tot 12.30" -> 8.
- Two numbers: "wil 32, kan 16", "liefst 32 maar eerst 16" -> 16, the number said with "kan",
  "eerst", "dus", "nu" ... (note "wil 32, kan 16").
- "parttime" without a number, "een paar uur" or no number at all: no value, an error that asks
  for a number. "weet ik niet": no value, no error, note "onbekend".
- "geen"/"0" -> 0. Above 60 or below 0: no value, an error.

Age (14-70): "19", "ik ben 19", "negentien", "19 jaar", "bijna 18" / "ik word 18" -> 17, a
birth year ("2006", "geboren in 2006": the year difference, so it can be one year too high
before the birthday) or a birth date ("12-03-2007", "12 maart 2007": exact). Evasive answers
("oud genoeg"), "weet ik niet" and "sla over" give no value and no error; other answers without
an age, or an age outside 14-70, give an error that asks for a number.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from datetime import date

from bot.nlp import lexicon
from bot.nlp.answers import is_dont_know, is_skip
from bot.nlp.dates import age_on, find_dates
from bot.nlp.matcher import PhraseMatcher
from bot.nlp.numbers import NumberSpan, find_numbers
from bot.nlp.text import PARSE_LIMIT, normalise, safe, tokens

MAX_HOURS = 60
FULLTIME = 36
MIN_AGE, MAX_AGE = 14, 70
_WORD_RE = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class HoursResult:
    value: int | None
    error: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class AgeResult:
    value: int | None
    error: str | None = None


def message(key: str) -> str:
    return str(lexicon.load("messages")[key])


@functools.cache
def _q() -> dict:
    return lexicon.load("quantities")


@functools.cache
def _unit_of() -> dict[str, str]:
    out: dict[str, str] = {}
    for unit, words in _q()["units"].items():
        for word in words:
            out.setdefault(normalise(str(word)), unit)
    return out


@functools.cache
def _phrases(key: str) -> PhraseMatcher:
    section = _q()[key]
    if isinstance(section, dict):
        return PhraseMatcher(lexicon.labelled(section))
    return PhraseMatcher((str(p), key, None) for p in section)


# "een uur of 20", "een dag of 3", "een jaar of 25": about 20 hours, 3 days, 25 years; the
# "een" is no number.
_ABOUT = re.compile(
    r"\been\s+(uur|uurtje|uurtjes|uren|dag|dagje|dagen|ochtend|middag|dagdeel|jaar)\s+of\s+"
    r"(\d+|[a-z]*(?:twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|tig))\b"
)


def _about(norm: str) -> str:
    return _ABOUT.sub(r"\2 \1", norm)


def _round(value: float) -> int:
    return int(math.floor(value + 0.5))


def _unit_after(norm: str, span: NumberSpan) -> str | None:
    """The unit of the word right after a number: hour, day, half_day, other or None.

    "3 halve dagen" counts half days; "3 hele dagen" counts days.
    """
    words = _WORD_RE.findall(norm[span.end : span.end + 40])[:2]
    if not words:
        return None
    unit_of = _unit_of()
    if words[0] in {"halve", "hele"} and len(words) > 1 and unit_of.get(words[1]) == "day":
        return "half_day" if words[0] == "halve" else "day"
    return unit_of.get(words[0])


def _is_half_word(norm: str, span: NumberSpan) -> bool:
    """A bare "halve"/"half" ("halve dagen") is not a count of anything."""
    return norm[span.start : span.end] in {"half", "halve", "anderhalve"}


def _has(key: str, toks: tuple[str, ...]) -> bool:
    return bool(_phrases(key).find_all(toks))


def _check(value: float, note: str | None) -> HoursResult:
    if value < 0:
        return HoursResult(None, message("hours_negative"), None)
    rounded = _round(value)
    if rounded > MAX_HOURS:
        return HoursResult(None, message("hours_too_many"), None)
    return HoursResult(rounded, None, note)


@safe(lambda: HoursResult(None, message("hours_ask_number"), None))
def parse_hours(text: str) -> HoursResult:
    """Hours per week; see the module docstring for the rules."""
    norm = _about(normalise(text[:PARSE_LIMIT]))
    toks = tokens(norm)
    if is_dont_know(text):
        return HoursResult(None, None, "onbekend")
    spans = find_numbers(norm)
    hours: list[NumberSpan] = []
    days: list[tuple[NumberSpan, float]] = []
    bare: list[NumberSpan] = []
    for span in spans:
        if _is_half_word(norm, span) and not span.is_range:
            continue
        if re.search(r"\b(?:geen|niet)\s*$", norm[: span.start]):
            continue  # "3 dagen ofzo, geen 40 uur": what it is not
        unit = _unit_after(norm, span)
        if unit == "hour":
            hours.append(span)
        elif unit in {"day", "half_day"}:
            days.append((span, 8.0 if unit == "day" else 4.0))
        elif unit is None:
            bare.append(span)
    phrase = _phrase_note(toks)
    joined = " " + " ".join(toks) + " "
    if " per week " not in joined:
        clock = _clock_hours(norm, days)
        if clock is not None:
            return clock
    if hours and " per week " in joined and len(hours) > 1:
        # "5 dagen keer 5,5 uur = ongeveer 27 uur per week": the number said per week.
        weekly = [h for h in hours if re.match(r"\s*(?:uur|uren|u)?\s*(?:per|in\s+de)\s+week",
                                                norm[h.end :])]
        if weekly:
            return _check(weekly[-1].value, None)
    if hours:
        chosen = _can_do(norm, hours, bare)
        note = _also_said(norm, chosen, hours + bare)
        if chosen in bare:
            return _check(chosen.value, note)
        return _from_hours(chosen, days, toks, phrase, note)
    if days:
        span, per = days[0]
        label = "dagen" if per == 8 else "dagdelen"
        return _check(span.value * per, f"{_fmt(span.value)} {label} x {int(per)} uur")
    if phrase in {"fulltime", "as_much"}:
        return _check(FULLTIME, "fulltime" if phrase == "fulltime" else "zo veel mogelijk")
    if phrase == "half_days":
        return _check(20, "halve dagen")
    if phrase == "weekend":
        return _check(16, "weekend")
    if bare:
        span = _can_do(norm, bare)
        note = _also_said(norm, span, bare)
        if span.is_range:
            note = f"bereik {_fmt(span.low)}-{_fmt(span.high)}"
        return _check(span.value, note)
    if phrase == "parttime":
        return HoursResult(None, message("hours_parttime"), None)
    if phrase == "zero":
        return HoursResult(0, None, None)
    return HoursResult(None, message("hours_ask_number"), None)


def _phrase_note(toks: tuple[str, ...]) -> str | None:
    found = _phrases("hours_phrases").find_all(toks)
    labels = [m.label for m in found]
    for key in ("fulltime", "as_much", "half_days", "weekend", "parttime", "vague", "zero"):
        if key in labels:
            return key
    return None


def _fmt(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value).replace(".", ",")


def _from_hours(
    span: NumberSpan,
    days: list[tuple[NumberSpan, float]],
    toks: tuple[str, ...],
    phrase: str | None,
    want_note: str | None = None,
) -> HoursResult:
    joined = " " + " ".join(toks) + " "
    value = span.value
    per_week = " per week " in joined or " in de week " in joined or " pw " in joined
    note = "fulltime" if phrase == "fulltime" else "parttime" if phrase == "parttime" else None
    note = want_note or note
    if span.is_range:
        note = f"bereik {_fmt(span.low)}-{_fmt(span.high)}"
    if not per_week and _has("per_month", toks):
        return _check(value * 12 / 52, "per maand omgerekend")
    if not per_week and days:
        count, per = days[0][0].value, days[0][1]
        # "3 dagen van 6 uur": hours per day (up to 12; a morning or afternoon up to 5).
        # "twee ochtenden, zeg 8 uur": more hours than a morning has, so the total.
        if value <= (12 if per == 8 else 5):
            label = "dagen" if per == 8 else "dagdelen"
            return _check(value * count, f"{_fmt(value)} uur x {_fmt(count)} {label}")
        return _check(value, note)
    if not per_week and value <= 12 and _has("per_day", toks):
        return _check(value * 5, f"{_fmt(value)} uur x 5 dagen")
    return _check(value, note)


# --- two numbers: what the person can do ---------------------------------------------------

_CLAUSE_END = re.compile(r"[.;!?,]|\bmaar\b|\ben\b")


def _clause(norm: str, span: NumberSpan) -> tuple[str, ...]:
    """The words of the clause a number stands in ("kan: 16" in "wil: 32. kan: 16.")."""
    start = max((m.end() for m in _CLAUSE_END.finditer(norm, 0, span.start)), default=0)
    end_match = _CLAUSE_END.search(norm, span.end)
    end = end_match.start() if end_match else len(norm)
    return tokens(norm[start:end])


def _can_do(norm: str, spans: list[NumberSpan], extra: list[NumberSpan] = ()) -> NumberSpan:
    """Of several numbers, the last one said with "kan", "eerst", "dus" ...; else the first.

    ``extra`` are numbers without a unit ("24 is haalbaar"): they count only with such a word.
    """
    candidates = sorted([*spans, *extra], key=lambda s: s.start)
    if len(candidates) > 1:
        cued = [s for s in candidates if _has("hours_can", _clause(norm, s))]
        # Every number said with "kan" and they differ ("kan 16, misschien kan 20"): unclear.
        if cued and (len(cued) < len(candidates) or len({s.value for s in cued}) == 1):
            return cued[-1]
    return spans[0]


def _also_said(norm: str, chosen: NumberSpan, spans: list[NumberSpan]) -> str | None:
    """A note for the coach with the other number ("wil 32" next to "kan 16")."""
    others = [s for s in spans if s.value != chosen.value and not s.is_range]
    if not others or chosen.is_range or not _has("hours_can", _clause(norm, chosen)):
        return None
    return f"ook genoemd: {_fmt(others[0].value)} uur"


# --- working times ---------------------------------------------------------------------------

_SMALL = {"een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8,
          "negen": 9, "tien": 10, "elf": 11, "twaalf": 12}
_TIME = r"(?:half\s+)?(?:\d{1,2}(?:[:.]\d{2})?|" + "|".join(_SMALL) + r")"
_CLOCK_RANGE = re.compile(
    rf"(?:\b(?P<from>van|vanaf|tussen)\s+)?(?P<a>{_TIME})\s*(?:uur|u)?\s*"
    rf"(?P<sep>tot en met|tot|t/m|-|en)\s*(?P<b>{_TIME})\s*(?:uur|u)?(?![\w-])"
)


def _clock(value: str) -> float | None:
    half = value.startswith("half")
    value = value.removeprefix("half").strip()
    if value in _SMALL:
        number = float(_SMALL[value])
    else:
        hour, _, minutes = value.replace(":", ".").partition(".")
        number = int(hour) + (int(minutes) / 60 if minutes else 0)
    if half:
        number -= 0.5  # "half 3" is 2:30
    return number if 0 <= number <= 24 else None


def _weekday_count(norm: str) -> int | None:
    """How many days a week the message names: "ma t/m do" 4, "dinsdag en vrijdag" 2."""
    q = _q()
    names = [str(d) for d in q["weekdays"]]
    short = [str(d) for d in q["weekday_short"]]
    day = "|".join(names + short)
    found = re.search(
        rf"\b({day})(?:ag)?\s*(?:tot en met|tot|t/m|-)\s*({day})\b", norm
    )
    if found:
        first, last = (
            (names.index(g) if g in names else short.index(g)) for g in found.groups()
        )
        if last >= first:
            return last - first + 1
    named = {n for n in names if re.search(rf"\b{n}(?:s|en)?\b", norm)}
    return len(named) if named else None


def _clock_hours(norm: str, days: list[tuple[NumberSpan, float]]) -> HoursResult | None:
    """Working times ("van 9 tot half 3") times the days; None when there are none."""
    for match in _CLOCK_RANGE.finditer(norm):
        a, b = match["a"], match["b"]
        explicit = any(x.startswith("half") or ":" in x or "." in x for x in (a, b))
        clock_like = explicit or bool(match["from"])
        if match["sep"] == "en" and match["from"] != "tussen":
            continue
        weekdays = _weekday_count(norm)
        if not clock_like and weekdays is None and not _has("all_weekdays", tokens(norm)):
            continue  # "16-20 uur" is a number of hours, not a working time
        if not explicit and weekdays is None and (_clock(a) or 0) > 12:
            continue  # "van 16 tot 20 uur" is most likely hours per week too
        start, end = _clock(a), _clock(b)
        if start is None or end is None:
            continue
        if end <= start:
            end += 12  # "van 9 tot 3": 3 in the afternoon
        per_day = end - start
        if not 1 <= per_day <= 12 or start < 5:
            continue
        count = weekdays
        if count is None and days:
            count = int(days[0][0].value)  # "9 tot 14 uur, 4 dagen"
        if count is None and _has("all_weekdays", tokens(norm)):
            count = 5
        assumed = count is None
        count = 5 if count is None else count
        note = f"{_fmt(round(per_day, 2))} uur per dag x {count} dagen"
        return _check(per_day * count, note + (" (5 dagen aangenomen)" if assumed else ""))
    return None


@safe(lambda: AgeResult(None, message("age_ask_number")))
def parse_age(text: str, today: date | None = None) -> AgeResult:
    """Age in years (14-70); see the module docstring for the rules."""
    today = today or date.today()
    norm = _about(normalise(text[:PARSE_LIMIT]))
    toks = tokens(norm)
    if not toks or is_dont_know(text) or is_skip(text):
        return AgeResult(None, None)
    for found in find_dates(norm, today):
        if found.day is not None and found.year is not None and found.month is not None:
            return _age_check(age_on(date(found.year, found.month, found.day), today))
    spans = [s for s in find_numbers(norm) if _unit_after(norm, s) is None or _is_years(norm, s)]
    if not spans:
        if _answers_evasive(toks):
            return AgeResult(None, None)
        return AgeResult(None, message("age_ask_number"))
    span = _best_age_span(norm, spans)
    value = span.low
    if value >= 1900 and value == int(value) and len(str(int(value))) == 4:
        return _age_check(today.year - int(value))
    before = _WORD_RE.findall(norm[max(0, span.start - 30) : span.start])[-3:]
    if any(w in _word_list("age_minus_one") for w in before):
        value -= 1
    return _age_check(int(math.floor(value)))


def _is_years(norm: str, span: NumberSpan) -> bool:
    words = _WORD_RE.findall(norm[span.end : span.end + 20])[:1]
    return bool(words) and words[0] in {"jaar", "jaren", "jaartjes", "jarig", "jr"}


def _best_age_span(norm: str, spans: list[NumberSpan]) -> NumberSpan:
    """Prefer the number after "ik ben" or before "jaar": "mijn zoon is 3 en ik ben 24"."""
    for span in spans:
        before = norm[max(0, span.start - 12) : span.start]
        if re.search(
            r"\b(ben|word|wordt|leeftijd|am|im)\b[^a-z0-9]*(bijna |net |al |pas )?$", before
        ):
            return span
    for span in spans:
        if _is_years(norm, span):
            return span
    return spans[0]


@functools.cache
def _word_list(key: str) -> frozenset[str]:
    return frozenset(normalise(str(w)) for w in _q()[key])


@functools.cache
def _evasive() -> tuple[str, ...]:
    return tuple(normalise(p) for p in lexicon.load("answers")["evasive_age"])


def _answers_evasive(toks: tuple[str, ...]) -> bool:
    joined = " " + " ".join(toks) + " "
    return any(f" {p} " in joined for p in _evasive())


def _age_check(age: int) -> AgeResult:
    if MIN_AGE <= age <= MAX_AGE:
        return AgeResult(age, None)
    return AgeResult(None, message("age_out_of_range"))
