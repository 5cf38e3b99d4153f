"""Opportunistic extraction: answers to *other* intake questions inside one message.

"ik wil kok worden en kan 24 uur werken" answers the dream-job question and also says 24 hours.
HIGH PRECISION: a value is only taken when it is stated explicitly; missing a value costs one
extra question, a wrong one costs a wrong advice.

- hours_per_week: a number with an hour unit ("24 uur", "twintig uur per week"), not a time of
  day ("om 8 uur"), not per day or per month, not travel time; or "fulltime"/"voltijd" (36).
- age: "ik ben 19", "ik ben 19 jaar", "19 jaar oud", "mijn leeftijd is 19" (14-70).
- benefit: a benefit named explicitly ("bijstand", "wajong", "WW", "geen uitkering").
- education: an explicit level ("mbo 2", "praktijkonderwijs", "havo"), not a wish
  ("ik wil mbo 2 doen") and not someone else's ("mijn zus doet havo").
- can_start_within_6_months: only "zsm", "per direct", "meteen/morgen kunnen beginnen" -> True.
"""

from __future__ import annotations

import re

from bot.nlp.categories import benefit_type, education_level
from bot.nlp.numbers import NumberSpan, find_numbers
from bot.nlp.text import PARSE_LIMIT, normalise, safe

_WORD_RE = re.compile(r"[a-z]+")
_HOUR_UNITS = {"uur", "uren", "u", "uurtjes"}
_TIME_OF_DAY = {"om", "tot", "vanaf", "van", "na", "voor", "tegen", "sinds", "rond", "al"}
_NOT_WEEKLY = re.compile(
    r"^\s*(?:per dag|op een dag|per maand|in de maand|geleden|later|eerder|reizen|rijden|"
    r"fietsen|lopen|met de|slapen|slaap|wachten|te laat|onderweg|per nacht|s nachts|'s)"
)
_FULLTIME_RE = re.compile(r"\b(?:fulltime|full time|voltijd|voltijds)\b")
_AGE_BEFORE = re.compile(
    r"(?:\bik ben|\bben ik|\bleeftijd is|\bleeftijd|\b(?:hij|zij|ze|de leerling) is)\s+"
    r"(?:nu |al |net |pas |bijna )?$"
)
_START_RE = re.compile(
    r"\b(?:zsm|asap|per direct|per omgaande)\b"
    r"|\b(?:meteen|direct|gelijk|morgen|vandaag|nu|zo snel mogelijk)(?: al| nog| gewoon| wel)?"
    r" (?:beginnen|starten|aan de slag|aan het werk|begin|start|beginnen met werken)\b"
)
_AGE_AFTER = frozenset({"jaar", "en", "maar", "dus", "want", "nu"})
_NEGATED_BEFORE = re.compile(r"\b(?:geen|niet)\s+(?:\w+\s+)?$")
_START_NEG = re.compile(r"\b(?:niet|nooit|geen)\s+(?:\w+\s+)?$")
_EDU_BLOCK = frozenset(
    {
        "wil",
        "wilde",
        "ga",
        "gaan",
        "zou",
        "hoop",
        "droom",
        "later",
        "misschien",
        "zus",
        "broer",
        "vriend",
        "vriendin",
        "moeder",
        "vader",
        "zoon",
        "dochter",
        "kind",
        "kinderen",
        "graag",
    }
)


def _hours(norm: str) -> int | None:
    for span in find_numbers(norm):
        after = norm[span.end : span.end + 40]
        unit = _WORD_RE.findall(after)[:1]
        if not unit or unit[0] not in _HOUR_UNITS or span.is_range:
            continue
        rest = after[after.find(unit[0]) + len(unit[0]) :]
        before = _WORD_RE.findall(norm[max(0, span.start - 20) : span.start])[-1:]
        if (
            (before and before[0] in _TIME_OF_DAY)
            or _NOT_WEEKLY.match(rest)
            or ":" in norm[max(0, span.start - 1) : span.end + 1]
        ):
            continue
        if 0 <= span.value <= 60 and span.value == int(span.value):
            return int(span.value)
    found = _FULLTIME_RE.search(norm)
    both = "parttime" in norm or "part time" in norm  # "fulltime of parttime": no answer
    if found and not both and not _NEGATED_BEFORE.search(norm[: found.start()]):
        return 36
    return None


def _age(norm: str) -> int | None:
    spans: list[NumberSpan] = find_numbers(norm)
    for span in spans:
        if span.is_range or span.value != int(span.value):
            continue
        after = _WORD_RE.findall(norm[span.end : span.end + 20])[:2]
        head = norm[max(0, span.start - 25) : span.start]
        value = int(span.value) - (1 if head.rstrip().endswith("bijna") else 0)
        rest = norm[span.end :].lstrip()
        ends = not after or rest[0] in ".,;:!?\n" or after[0] in _AGE_AFTER
        if after[:2] == ["jaar", "oud"] or (_AGE_BEFORE.search(head) and ends):
            return value if 14 <= value <= 70 else None
    return None


# "Onderwijsassistent op een basisschool": a school as a workplace, not the person's level.
_SCHOOL_AS_PLACE = re.compile(
    r"\b(?:op|bij|in|voor|naar)\s+een\s+(?:basisschool|middelbare school|[a-z]*school|mbo|vmbo|"
    r"havo|vwo|hbo|universiteit|praktijkschool)\b",
    re.IGNORECASE,
)


def _education(text: str) -> str | None:
    # A wish or another person's school just before the level: not worth the risk.
    return education_level(_SCHOOL_AS_PLACE.sub(" ", text), strict=True, blockers=_EDU_BLOCK)


def _start(norm: str) -> bool | None:
    for m in _START_RE.finditer(norm):
        if not _START_NEG.search(norm[max(0, m.start() - 25) : m.start()]):
            return True
    return None


# "Ik zit bij het FACT-team", "mijn psychiater zegt": care by a GGZ team, said plainly.
_GGZ = re.compile(
    r"\b(?:fact ?team|ggz ?team|(?:hulp|begeleiding|behandeling) (?:van|bij) (?:de |een )?ggz|"
    r"in behandeling bij (?:de |een )?(?:psychiater|psycholoog)|"
    r"mijn (?:psychiater|behandelaar|casemanager|ggz begeleider))\b"
)


def _ggz(norm: str) -> bool | None:
    found = _GGZ.search(norm)
    if found is None or _NEGATED_BEFORE.search(norm[: found.start()]):
        return None
    return True


@safe(dict)
def extract_other_answers(
    text: str, exclude: set[str] | frozenset[str] = frozenset()
) -> dict[str, object]:
    """Explicitly stated answers to other intake questions; keys in ``exclude`` are skipped."""
    norm = normalise(text[:PARSE_LIMIT])
    if not norm:
        return {}
    found: dict[str, object] = {}
    getters = {
        "hours_per_week": lambda: _hours(norm),
        "age": lambda: _age(norm),
        "benefit": lambda: benefit_type(text, strict=True),
        "education": lambda: _education(text),
        "can_start_within_6_months": lambda: _start(norm),
        "in_ggz_treatment": lambda: _ggz(norm),
    }
    for key, get in getters.items():
        if key in exclude:
            continue
        value = get()
        if value is not None:
            found[key] = value
    return found
