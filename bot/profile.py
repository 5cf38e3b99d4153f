"""The intake profile (contract §2): field definitions, Dutch labels and validation.

``validate_profile`` is the single gate every profile passes before the triage engine, the
summary or the storage layer reads it. It rejects a wrong value with an error that names the
field, so a school's spreadsheet or a municipality's system learns exactly which cell is wrong.

One input rule (docs/triage.md, "Input: strict JSON, lenient cells"):

* **strict** (the default; JSON from the CLI and the Python/HTTP API): every value has its JSON
  type. Booleans are ``true``/``false``, numbers are numbers, enum values are strings spelled
  exactly as in contract §2, unknown is ``null``. ``"ja"`` for a boolean, ``true`` for
  ``wants_to_work`` or ``"1"`` for ``crisis`` are errors. Only what carries no meaning is
  tidied: surrounding spaces of free text, integral floats (``19.0``), empty and repeated list
  items, the spelling of a known education level in the free-text ``education`` field.
* **lenient** (``lenient=True``; CSV cells and the chat, where everything arrives as text):
  also ``ja``/``nee``/``1``/``0``/``true``/``false`` for booleans, enum values in any case,
  numbers as text with a decimal comma, ``onbekend``/``weet niet`` for unknown, life-domain
  keys with accents or capitals, and dates such as ``juli 2026`` or ``07-2026``.

The normalised dict always holds every top-level field (``None`` when unknown; ``life_domains``
is ``{}`` when unknown), so readers never need ``.get``. ``school`` and ``motivation`` stay
``None`` when absent and, when present, hold all their sub-fields. Validation is idempotent:
``validate_profile(validate_profile(x)) == validate_profile(x)``.
"""

from __future__ import annotations

import calendar
import difflib
import functools
import math
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

# Contract §2, in the contract's order.
LIFE_DOMAINS: tuple[str, ...] = (
    "financien",
    "wonen",
    "gezondheid",
    "psychisch",
    "verslaving",
    "thuis",
    "netwerk",
    "justitie",
    "vervoer",
    "dagbesteding",
)

LIFE_DOMAIN_LABELS: dict[str, str] = {
    "financien": "geld en schulden",
    "wonen": "wonen",
    "gezondheid": "lichamelijke gezondheid",
    "psychisch": "psychische gezondheid",
    "verslaving": "verslaving (middelen of gokken)",
    "thuis": "thuis en gezin",
    "netwerk": "sociaal netwerk",
    "justitie": "justitie",
    "vervoer": "vervoer naar werk",
    "dagbesteding": "dagritme en dagbesteding",
}

# Zelfredzaamheid-Matrix scale (DOMAIN.md §"What the intake gathers", 5).
LIFE_DOMAIN_SCALE: dict[int, str] = {
    1: "acute problematiek",
    2: "niet zelfredzaam",
    3: "beperkt zelfredzaam",
    4: "voldoende zelfredzaam",
    5: "volledig zelfredzaam",
}

RESPONDENTS = ("self", "school")
SCHOOL_TYPES = ("PrO", "VSO")
UITSTROOMPROFIELEN = ("arbeidsmarkt", "dagbesteding", "vervolgonderwijs")
BENEFITS = ("bijstand", "wajong", "wia", "geen", "anders")
WANTS_TO_WORK = ("ja", "nee", "twijfel")
EMPLOYEE_SKILLS = ("goed", "wisselend", "lastig")
CRISIS_SIGNALS = ("suicide", "violence", "homeless", "other")
RULERS = ("importance", "confidence", "readiness")
# Dutch secondary schools end their year in July (summer holiday); a leaving date given as a
# year only ("2027") means the end of that school year.
SCHOOL_YEAR_END_MONTH = 7
LEAVING_YEARS = (2000, 2100)
EDUCATION_LEVELS = (
    "PrO",
    "VSO",
    "entree",
    "vmbo",
    "mbo2",
    "mbo3",
    "mbo4",
    "havo",
    "vwo",
    "hbo",
    "wo",
    "geen",
)

AGE_RANGE = (12, 100)
HOURS_RANGE = (0, 60)
RULER_RANGE = (0, 10)
DOMAIN_RANGE = (1, 5)

# Field kinds drive validation here, conversion in the CSV reader and the policy checker.
# kind: "enum" (with values), "bool", "int", "number", "text", "list" (of text),
#       "enum_list" (list of values), "school", "motivation", "life_domains", "names".
FIELD_KINDS: dict[str, tuple[str, tuple[Any, ...]]] = {
    "respondent": ("enum", RESPONDENTS),
    "age": ("int", AGE_RANGE),
    "school": ("school", ()),
    "benefit": ("enum", BENEFITS),
    "droombaan": ("text", ()),
    "wants_to_work": ("enum", WANTS_TO_WORK),
    "motivation": ("motivation", ()),
    "work_values": ("list", ()),
    "education": ("education", ()),
    "work_experience": ("list", ()),
    "skills": ("list", ()),
    "hours_per_week": ("number", HOURS_RANGE),
    "can_start_within_6_months": ("bool", ()),
    "can_earn_minimum_wage_alone": ("bool", ()),
    "support_needs": ("list", ()),
    "in_ggz_treatment": ("bool", ()),
    "severe_mental_illness": ("bool", ()),
    "life_domains": ("life_domains", ()),
    "crisis": ("bool", ()),
    # Extension fields filled by the conversation (all optional).
    "name": ("text", ()),
    "contact": ("text", ()),
    "droombaan_alternatives": ("text", ()),
    "motivation_text": ("text", ()),
    "employee_skills": ("enum", EMPLOYEE_SKILLS),
    "employee_skills_text": ("text", ()),
    "education_text": ("text", ()),
    "start_moment": ("text", ()),
    "support_needs_text": ("text", ()),
    "life_domains_text": ("text", ()),
    "crisis_signals": ("enum_list", CRISIS_SIGNALS),
    "wants_human": ("bool", ()),
    "unknown": ("names", ()),
}

PROFILE_FIELDS: tuple[str, ...] = tuple(FIELD_KINDS)
_DOMAIN_SET = frozenset(LIFE_DOMAINS)
_FIELD_LIST = tuple((name, kind, arg) for name, (kind, arg) in FIELD_KINDS.items())
# ``leaving_date`` (added to contract §2): the month the pupil leaves school, "YYYY-MM".
# The PrO/VSO leaving specifics (added too) are only in the normalised profile when known,
# so profiles without them normalise as before.
SCHOOL_FIELDS = (
    "type", "uitstroomprofiel", "name", "leaving_date",
    "overgangsdocument", "praktijkverklaring", "stage", "stage_text",
)
# "ja" | "nee" | "in_voorbereiding" (being written, comes before the pupil leaves)
DOCUMENT_STATES = ("ja", "nee", "in_voorbereiding")
# How the pupil's work placements (stages) went; "geen": no stage yet.
STAGE_RESULTS = ("goed", "wisselend", "lastig", "geen")
# How school staff write these in a spreadsheet (lenient reading only): unambiguous, so
# normalised rather than refused.
SCHOOL_VALUE_ALIASES = {
    "komt nog": "in_voorbereiding", "in voorbereiding": "in_voorbereiding",
    "wordt gemaakt": "in_voorbereiding", "nog niet": "in_voorbereiding",
    "moeilijk": "lastig", "nog geen": "geen", "geen stage": "geen", "nog geen stage": "geen",
}

# Dutch names of the fields, for coach-facing text ("Nog niet bekend: ...").
FIELD_LABELS: dict[str, str] = {
    "respondent": "wie de vragen beantwoordde",
    "age": "leeftijd",
    "school": "school",
    "benefit": "uitkering",
    "droombaan": "droombaan",
    "wants_to_work": "of de persoon wil werken",
    "motivation": "motivatie (belang, vertrouwen, bereidheid)",
    "work_values": "werkwaarden",
    "education": "opleiding",
    "work_experience": "werkervaring",
    "skills": "vaardigheden",
    "hours_per_week": "uren per week",
    "can_start_within_6_months": "binnen zes maanden kunnen starten",
    "can_earn_minimum_wage_alone": "zelfstandig het minimumloon kunnen verdienen",
    "support_needs": "ondersteuningsbehoefte",
    "in_ggz_treatment": "behandeling of begeleiding bij een ggz-team",
    "severe_mental_illness": "ernstige psychische aandoening (EPA)",
    "life_domains": "leefgebieden",
    "crisis": "acuut gevaar",
    "name": "naam",
    "contact": "contactgegevens",
    "droombaan_alternatives": "ander werk dat ook goed zou zijn",
    "motivation_text": "waarom werken",
    "employee_skills": "werknemersvaardigheden",
    "employee_skills_text": "werknemersvaardigheden (toelichting)",
    "education_text": "opleiding (toelichting)",
    "start_moment": "startmoment",
    "support_needs_text": "ondersteuningsbehoefte (toelichting)",
    "life_domains_text": "leefgebieden (toelichting)",
    "crisis_signals": "signalen van acuut gevaar",
    "wants_human": "wil een medewerker spreken",
    "unknown": "vragen met 'weet ik niet'",
}

# The same fields as a B1 question part, for the job seeker: "Deze vragen zijn nog open: of je
# wilt werken, en of je zelf het minimumloon kunt verdienen."
FIELD_QUESTIONS_B1: dict[str, str] = {
    "age": "hoe oud je bent",
    "school": "wanneer je van school gaat",
    "benefit": "of je een uitkering hebt",
    "droombaan": "wat je droombaan is",
    "wants_to_work": "of je wilt werken",
    "motivation": "hoe belangrijk werk voor je is",
    "work_values": "wat je belangrijk vindt aan werk",
    "education": "welke opleiding je hebt gedaan",
    "work_experience": "welk werk je al hebt gedaan",
    "skills": "waar je goed in bent",
    "hours_per_week": "hoeveel uur je wilt werken",
    "can_start_within_6_months": "wanneer je kunt beginnen",
    "can_earn_minimum_wage_alone": "of je zelf het minimumloon kunt verdienen",
    "support_needs": "welke hulp je nodig hebt op je werk",
    "in_ggz_treatment": "of je hulp krijgt van de ggz",
    "severe_mental_illness": "of je een ernstige psychische aandoening hebt",
    "employee_skills": "hoe het gaat met op tijd komen en afspraken",
}

_MONTH_NAMES: dict[str, int] = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "maart": 3, "mrt": 3, "april": 4, "apr": 4,
    "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augustus": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12, "zomer": SCHOOL_YEAR_END_MONTH,
}  # fmt: skip
_ISO_MONTH = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")

_TRUE_WORDS = frozenset({"ja", "j", "true", "waar", "yes", "y", "1"})
_FALSE_WORDS = frozenset({"nee", "n", "false", "onwaar", "no", "0"})
# Answers that mean "I don't know"; they normalise to None (unknown) rather than an error.
_UNKNOWN_WORDS = frozenset({"onbekend", "weet niet", "weet ik niet", "?", "n.v.t.", "nvt"})

# Only for the hint in an error message: an unknown key is still an error, never guessed.
_DOMAIN_HINTS: dict[str, str] = {
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


class ProfileError(Exception):
    """A profile that cannot be used: ``errors`` lists (field path, message) pairs."""

    def __init__(self, errors: list[tuple[str, str]]):
        self.errors: list[tuple[str, str]] = list(errors)
        super().__init__(str(self))

    def __str__(self) -> str:
        return "; ".join(f'veld "{path}": {message}' for path, message in self.errors)


def validate_profile(data: Any, *, lenient: bool = False) -> dict[str, Any]:
    """Check a raw profile and return its normalised form; raise ``ProfileError`` if wrong.

    ``lenient=False`` (default) is the strict JSON rule; ``lenient=True`` also reads text
    values as a CSV cell or a chat answer gives them (see the module docstring).
    Accepts keys starting with ``x_`` (a municipality's own columns) and keeps them verbatim.
    Every problem in the profile is reported at once, not only the first.
    """
    if not isinstance(data, Mapping):
        raise ProfileError([("(profiel)", f"verwacht een object met velden, niet {_kind(data)}")])
    check = _Checker(lenient)
    out: dict[str, Any] = {}
    own: list[str] = []
    for key in data:
        if key in FIELD_KINDS:
            continue
        if not isinstance(key, str):
            check.errors.append((str(key), "veldnaam moet tekst zijn"))
        elif key.startswith("x_"):
            own.append(key)
        else:
            check.errors.append((key, unknown_name_message("onbekend veld", key, PROFILE_FIELDS)))
    get = data.get
    for name, kind, arg in _FIELD_LIST:
        value = get(name)
        if value is None:  # most fields of most profiles: no need to look further
            out[name] = {} if kind == "life_domains" else None
            continue
        # Fast paths for values that are right as they are (what strict JSON mostly holds);
        # everything else goes through the full check, which also words the errors.
        kind_of = type(value)
        if kind_of is str:
            if kind == "enum" and value in arg:
                out[name] = value
                continue
            if kind == "text" and not lenient:
                out[name] = value.strip() or None
                continue
        elif kind_of is bool:
            if kind == "bool":
                out[name] = value
                continue
        elif kind_of is int and (kind == "int" or kind == "number") and arg[0] <= value <= arg[1]:
            out[name] = value
            continue
        elif kind_of is list and kind == "list":
            items = _plain_items(value)
            if items is not None:
                out[name] = items
                continue
        elif kind_of is dict and kind == "life_domains" and not lenient:
            scores = _plain_domains(value)
            if scores is not None:
                out[name] = scores
                continue
        out[name] = check.field(name, kind, arg, value)
    for key in own:
        out[key] = data[key]
    if check.errors:
        raise ProfileError(check.errors)
    return out


def _plain_items(value: list[Any]) -> list[str] | None:
    """A list of texts, trimmed, without empty items and repeats; None if not all texts."""
    items: list[str] = []
    for item in value:
        if type(item) is not str:
            return None
        text = item.strip()
        if text and text not in items:
            items.append(text)
    return items


def _plain_domains(value: dict[Any, Any]) -> dict[str, int] | None:
    """Life-domain scores that are right as they are, in contract order; None otherwise."""
    for key, score in value.items():
        if key not in _DOMAIN_SET or type(score) is not int or not 1 <= score <= 5:
            return None
    return {domain: value[domain] for domain in LIFE_DOMAINS if domain in value}


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


# --- field checks -------------------------------------------------------------------------


class _Checker:
    """Checks one profile's fields, strictly or leniently, collecting every error."""

    def __init__(self, lenient: bool):
        self.lenient = lenient
        self.errors: list[tuple[str, str]] = []

    def fail(self, path: str, message: str) -> None:
        self.errors.append((path, message))

    def unknown_word(self, value: Any) -> bool:
        """"Onbekend", "weet niet": unknown, but only where text is read leniently."""
        return (
            self.lenient and isinstance(value, str) and value.strip().lower() in _UNKNOWN_WORDS
        )

    def field(self, path: str, kind: str, arg: tuple[Any, ...], value: Any) -> Any:
        if kind == "life_domains":
            return self.life_domains(path, value)
        if isinstance(value, str):
            if not value.strip() or self.unknown_word(value):
                return None
        elif value is None:
            return None
        # Fast paths for what strict JSON mostly holds (every profile passes here).
        if kind == "enum":
            return value if value in arg else self.enum(path, value, arg)
        if kind == "bool":
            return value if value is True or value is False else self.boolean(path, value)
        if kind == "int" or kind == "number":
            if type(value) is int and arg[0] <= value <= arg[1]:
                return value
            return self.number(path, value, arg, integer=kind == "int")
        if kind == "text":
            return self.text(path, value)
        if kind == "education":
            text = self.text(path, value)
            return None if text is None else normalise_education(text)
        if kind == "list":
            return self.items(path, value, allowed=None)
        if kind == "enum_list":
            return self.items(path, value, allowed=arg)
        if kind == "names":
            return self.items(path, value, allowed=PROFILE_FIELDS)
        if kind == "school":
            return self.school(path, value)
        if kind == "motivation":
            return self.motivation(path, value)
        raise AssertionError(f"unhandled field kind {kind}")  # pragma: no cover

    def enum(self, path: str, value: Any, allowed: tuple[Any, ...]) -> Any:
        if self.lenient and path == "wants_to_work" and isinstance(value, bool):
            return "ja" if value else "nee"  # a yes/no answer in the chat
        if not isinstance(value, str):
            choices = ", ".join(allowed)
            self.fail(path, f"verwacht een van: {choices} (als tekst); niet {_kind(value)}")
            return None
        text = value.strip() if self.lenient else value
        for option in allowed:
            if text == option or (self.lenient and text.lower() == option.lower()):
                return option
        self.fail(path, _choice_message(value, allowed))
        return None

    def boolean(self, path: str, value: Any) -> bool | None:
        if isinstance(value, bool):
            return value
        if self.lenient and isinstance(value, str):
            word = value.strip().lower()
            if word in _TRUE_WORDS:
                return True
            if word in _FALSE_WORDS:
                return False
        if self.lenient:
            self.fail(path, f'verwacht ja of nee, niet "{value}"')
        else:
            self.fail(path, f"verwacht true of false (ja of nee), niet {_kind(value)}")
        return None

    def number(
        self, path: str, value: Any, bounds: tuple[Any, ...], *, integer: bool
    ) -> int | float | None:
        if type(value) is int and bounds[0] <= value <= bounds[1]:
            return value  # the common case, quickly
        number: int | float | None = None
        if isinstance(value, bool):
            number = None
        elif isinstance(value, int):
            number = value
        elif isinstance(value, float):
            number = value if math.isfinite(value) else None
        elif isinstance(value, str) and self.lenient:
            try:
                number = float(value.strip().replace(",", "."))
            except ValueError:
                number = None
            if number is not None and not math.isfinite(number):
                number = None
        if number is None:
            what = "een geheel getal" if integer else "een getal"
            shown = f'"{value}"' if self.lenient else _kind(value)
            self.fail(path, f"verwacht {what}, niet {shown}")
            return None
        if isinstance(number, float) and number.is_integer():
            number = int(number)
        if integer and not isinstance(number, int):
            self.fail(path, f"verwacht een geheel getal, niet {value}")
            return None
        low, high = bounds
        if not low <= number <= high:
            self.fail(path, f"{_fmt(number)} ligt buiten {low}–{high}")
            return None
        return number

    def text(self, path: str, value: Any) -> str | None:
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.fail(path, f"verwacht tekst, niet {_kind(value)}")
            return None
        text = str(value).strip()
        return text or None

    def items(
        self, path: str, value: Any, *, allowed: tuple[str, ...] | None
    ) -> list[str] | None:
        if allowed is None and type(value) is list and all(type(i) is str for i in value):
            # Plain text items (the common case): trim, drop empty ones and repeats, in order.
            return list(dict.fromkeys(t for t in (i.strip() for i in value) if t))
        if isinstance(value, str) or not isinstance(value, (list, tuple)):
            self.fail(path, f"verwacht een lijst, niet {_kind(value)}")
            return None
        items: list[str] = []
        for index, item in enumerate(value):
            item_path = f"{path}[{index}]"
            if isinstance(item, bool) or not isinstance(item, (str, int, float)):
                self.fail(item_path, f"verwacht tekst, niet {_kind(item)}")
                continue
            text = str(item).strip()
            if not text:
                continue  # an empty entry carries no answer
            if allowed is not None:
                match = next(
                    (
                        a
                        for a in allowed
                        if a == text or (self.lenient and a.lower() == text.lower())
                    ),
                    None,
                )
                if match is None:
                    self.fail(item_path, _choice_message(text, allowed, suggest=True))
                    continue
                text = match
            if text not in items:  # duplicates add nothing and would make output order-dependent
                items.append(text)
        return items

    def school(self, path: str, value: Any) -> dict[str, Any] | None:
        if not isinstance(value, Mapping):
            self.fail(
                path,
                "verwacht een object (type, uitstroomprofiel, name, leaving_date), "
                f"niet {_kind(value)}",
            )
            return None
        for key in value:
            if key not in SCHOOL_FIELDS:
                self.fail(
                    f"{path}.{key}", unknown_name_message("onbekend veld", str(key), SCHOOL_FIELDS)
                )
        school: dict[str, Any] = {}
        for key, allowed in (("type", SCHOOL_TYPES), ("uitstroomprofiel", UITSTROOMPROFIELEN)):
            raw = value.get(key)
            school[key] = (
                None if self.absent(raw) else self.enum(f"{path}.{key}", raw, allowed)
            )
        raw_name = value.get("name")
        school["name"] = None if self.absent(raw_name) else self.text(f"{path}.name", raw_name)
        raw_date = value.get("leaving_date")
        school["leaving_date"] = (
            None if self.absent(raw_date) else self.leaving_date(f"{path}.leaving_date", raw_date)
        )
        for key, allowed in (
            ("overgangsdocument", DOCUMENT_STATES),
            ("praktijkverklaring", DOCUMENT_STATES),
            ("stage", STAGE_RESULTS),
        ):
            raw = value.get(key)
            if self.lenient and isinstance(raw, str):
                raw = SCHOOL_VALUE_ALIASES.get(" ".join(raw.lower().split()), raw)
            if not self.absent(raw):
                checked = self.enum(f"{path}.{key}", raw, allowed)
                if checked is not None:
                    school[key] = checked
        raw_text = value.get("stage_text")
        if not self.absent(raw_text):
            text = self.text(f"{path}.stage_text", raw_text)
            if text:
                school["stage_text"] = text
        return school

    def leaving_date(self, path: str, value: Any) -> str | None:
        month = read_leaving_date(value, lenient=self.lenient)
        if month is None:
            example = '"2026-07" of "juli 2026"' if self.lenient else '"2026-07" (jaar-maand)'
            low, high = LEAVING_YEARS
            self.fail(
                path,
                f"verwacht een maand als {example}, tussen {low} en {high}; "
                f"niet {_kind(value)}",
            )
        return month

    def absent(self, value: Any) -> bool:
        return value is None or _is_blank(value) or self.unknown_word(value)

    def motivation(self, path: str, value: Any) -> dict[str, int | None] | None:
        if not isinstance(value, Mapping):
            self.fail(
                path,
                f"verwacht een object (importance, confidence, readiness), niet {_kind(value)}",
            )
            return None
        for key in value:
            if key not in RULERS:
                self.fail(f"{path}.{key}", unknown_name_message("onbekend veld", str(key), RULERS))
        rulers: dict[str, int | None] = {}
        for key in RULERS:
            raw = value.get(key)
            if type(raw) is int and 0 <= raw <= 10:
                rulers[key] = raw
            elif self.absent(raw):
                rulers[key] = None
            else:
                rulers[key] = self.number(f"{path}.{key}", raw, RULER_RANGE, integer=True)  # type: ignore[assignment]
        return rulers

    def life_domains(self, path: str, value: Any) -> dict[str, int]:
        if value is None or _is_blank(value):
            return {}
        if not isinstance(value, Mapping):
            self.fail(path, f"verwacht een object met leefgebieden, niet {_kind(value)}")
            return {}
        found: dict[str, int] = {}
        for key, raw in value.items():
            if not isinstance(key, str):
                domain = None
            elif self.lenient:
                domain = normalise_domain_key(key)
            else:
                domain = key if key in LIFE_DOMAINS else None
            if domain is None:
                hint = _DOMAIN_HINTS.get(strip_accents(str(key)).strip().lower())
                if hint is None and isinstance(key, str):
                    hint = normalise_domain_key(key)  # "Financiën": strict wants "financien"
                message = (
                    f'onbekend leefgebied "{key}" (bedoelde je "{hint}"?)'
                    if hint
                    else unknown_name_message(
                        f'onbekend leefgebied "{key}"', str(key), LIFE_DOMAINS
                    )
                )
                self.fail(f"{path}.{key}", message)
                continue
            if self.absent(raw):
                continue  # discussed without a score: the same as not discussed
            score = self.number(f"{path}.{domain}", raw, DOMAIN_RANGE, integer=True)
            if score is not None:
                found[domain] = int(score)
        # Contract order, so that output never depends on the order of the input.
        return {domain: found[domain] for domain in LIFE_DOMAINS if domain in found}



# --- helpers ------------------------------------------------------------------------------


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


def _is_blank(value: Any) -> bool:
    return isinstance(value, str) and not value.strip()


def _choice_message(value: str, allowed: tuple[str, ...], *, suggest: bool = False) -> str:
    """ "onbekende waarde "JA" (bedoelde je "ja"?)": strict JSON wants the exact spelling."""
    same = next((a for a in allowed if a.lower() == value.strip().lower()), None)
    if same is not None:
        return f'onbekende waarde "{value}" (bedoelde je "{same}"?)'
    if suggest:
        return unknown_name_message(f'onbekende waarde "{value}"', value, allowed)
    return f'onbekende waarde "{value}"; kies uit: {", ".join(allowed)}'


def unknown_name_message(prefix: str, name: str, choices: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(name, choices, n=1, cutoff=0.6)
    if close:
        return f'{prefix} (bedoelde je "{close[0]}"?)'
    return f"{prefix}; kies uit: {', '.join(choices)}"


def _kind(value: Any) -> str:
    if value is None:
        return "leeg"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"het getal {value}"
    if isinstance(value, str):
        return f'de tekst "{value}"'
    if isinstance(value, Mapping):
        return "een object"
    if isinstance(value, (list, tuple)):
        return "een lijst"
    return type(value).__name__


def _fmt(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)
