"""The intake profile (contract §2): field definitions, Dutch labels and validation.

``validate_profile`` is the single gate every profile passes before the triage engine, the
summary or the storage layer reads it. It normalises what can be normalised without guessing
(case of enum values, ``"ja"``/``"nee"`` for booleans, integral floats from Rasa float slots,
education spellings) and rejects everything else with an error that names the field, so a
school's spreadsheet or a municipality's system learns exactly which cell is wrong.

The normalised dict always holds every top-level field (``None`` when unknown; ``life_domains``
is ``{}`` when unknown), so readers never need ``.get``. ``school`` and ``motivation`` stay
``None`` when absent and, when present, hold all their sub-fields. Validation is idempotent:
``validate_profile(validate_profile(x)) == validate_profile(x)``.
"""

from __future__ import annotations

import difflib
import math
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
SCHOOL_FIELDS = (
    "type", "uitstroomprofiel", "name",
    # PrO/VSO leaving specifics (extension, issue 12): only present in the normalised profile
    # when known, so profiles without them normalise as before.
    "overgangsdocument", "praktijkverklaring", "stage", "stage_text",
)
# "ja" | "nee" | "in_voorbereiding" (being written, comes before the pupil leaves)
DOCUMENT_STATES = ("ja", "nee", "in_voorbereiding")
# How the pupil's work placements (stages) went; "geen": no stage yet.
STAGE_RESULTS = ("goed", "wisselend", "lastig", "geen")
# How school staff write these in a spreadsheet; unambiguous, so normalised rather than refused.
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


def validate_profile(data: Any) -> dict[str, Any]:
    """Check a raw profile and return its normalised form; raise ``ProfileError`` if wrong.

    Accepts keys starting with ``x_`` (a municipality's own columns) and keeps them verbatim.
    Every problem in the profile is reported at once, not only the first.
    """
    if not isinstance(data, Mapping):
        raise ProfileError([("(profiel)", f"verwacht een object met velden, niet {_kind(data)}")])
    errors: list[tuple[str, str]] = []
    out: dict[str, Any] = {}
    for key in data:
        if not isinstance(key, str):
            errors.append((str(key), "veldnaam moet tekst zijn"))
        elif key not in FIELD_KINDS and not key.startswith("x_"):
            errors.append((key, unknown_name_message("onbekend veld", key, PROFILE_FIELDS)))
    for name, (kind, arg) in FIELD_KINDS.items():
        out[name] = _check_field(name, kind, arg, data.get(name), errors)
    for key in data:
        if isinstance(key, str) and key.startswith("x_"):
            out[key] = data[key]
    if errors:
        raise ProfileError(errors)
    return out


# --- field checks -------------------------------------------------------------------------


def _check_field(
    path: str, kind: str, arg: tuple[Any, ...], value: Any, errors: list[tuple[str, str]]
) -> Any:
    if kind == "life_domains":
        return _check_life_domains(path, value, errors)
    if value is None or _is_blank(value):
        return None
    if kind == "enum":
        return _check_enum(path, value, arg, errors)
    if kind == "bool":
        return _check_bool(path, value, errors)
    if kind == "int":
        return _check_number(path, value, arg, errors, integer=True)
    if kind == "number":
        return _check_number(path, value, arg, errors, integer=False)
    if kind == "text":
        return _check_text(path, value, errors)
    if kind == "education":
        text = _check_text(path, value, errors)
        return None if text is None else normalise_education(text)
    if kind == "list":
        return _check_list(path, value, errors, allowed=None)
    if kind == "enum_list":
        return _check_list(path, value, errors, allowed=arg)
    if kind == "names":
        return _check_list(path, value, errors, allowed=PROFILE_FIELDS)
    if kind == "school":
        return _check_school(path, value, errors)
    if kind == "motivation":
        return _check_motivation(path, value, errors)
    raise AssertionError(f"unhandled field kind {kind}")  # pragma: no cover


def _check_enum(
    path: str, value: Any, allowed: tuple[Any, ...], errors: list[tuple[str, str]]
) -> Any:
    if path == "wants_to_work" and isinstance(value, bool):
        return "ja" if value else "nee"  # a Rasa bool slot
    if not isinstance(value, str):
        errors.append((path, f"verwacht een van: {', '.join(allowed)}; niet {_kind(value)}"))
        return None
    text = value.strip()
    if text.lower() in _UNKNOWN_WORDS:
        return None
    for option in allowed:
        if text.lower() == option.lower():
            return option
    errors.append((path, f'onbekende waarde "{value}"; kies uit: {", ".join(allowed)}'))
    return None


def _check_bool(path: str, value: Any, errors: list[tuple[str, str]]) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _TRUE_WORDS:
            return True
        if word in _FALSE_WORDS:
            return False
        if word in _UNKNOWN_WORDS:
            return None
    errors.append((path, f'verwacht ja of nee (true/false), niet "{value}"'))
    return None


def _check_number(
    path: str,
    value: Any,
    bounds: tuple[Any, ...],
    errors: list[tuple[str, str]],
    *,
    integer: bool,
) -> int | float | None:
    number: int | float | None = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float):
        number = value if math.isfinite(value) else None
    elif isinstance(value, str):
        text = value.strip().replace(",", ".")
        if text.lower() in _UNKNOWN_WORDS:
            return None
        try:
            number = float(text)
        except ValueError:
            number = None
        if number is not None and not math.isfinite(number):
            number = None
    if number is None:
        what = "een geheel getal" if integer else "een getal"
        errors.append((path, f'verwacht {what}, niet "{value}"'))
        return None
    if isinstance(number, float) and number.is_integer():
        number = int(number)
    if integer and not isinstance(number, int):
        errors.append((path, f"verwacht een geheel getal, niet {value}"))
        return None
    low, high = bounds
    if not low <= number <= high:
        errors.append((path, f"{_fmt(number)} ligt buiten {low}–{high}"))
        return None
    return number


def _check_text(path: str, value: Any, errors: list[tuple[str, str]]) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        errors.append((path, f"verwacht tekst, niet {_kind(value)}"))
        return None
    text = str(value).strip()
    return text or None


def _check_list(
    path: str,
    value: Any,
    errors: list[tuple[str, str]],
    *,
    allowed: tuple[str, ...] | None,
) -> list[str] | None:
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        errors.append((path, f"verwacht een lijst, niet {_kind(value)}"))
        return None
    items: list[str] = []
    for index, item in enumerate(value):
        item_path = f"{path}[{index}]"
        if isinstance(item, bool) or not isinstance(item, (str, int, float)):
            errors.append((item_path, f"verwacht tekst, niet {_kind(item)}"))
            continue
        text = str(item).strip()
        if not text:
            continue  # an empty entry carries no answer
        if allowed is not None:
            match = next((a for a in allowed if a.lower() == text.lower()), None)
            if match is None:
                errors.append(
                    (item_path, unknown_name_message(f'onbekende waarde "{text}"', text, allowed))
                )
                continue
            text = match
        if text not in items:  # duplicates add nothing and would make output order-dependent
            items.append(text)
    return items


def _check_school(path: str, value: Any, errors: list[tuple[str, str]]) -> dict[str, Any] | None:
    if not isinstance(value, Mapping):
        errors.append(
            (path, f"verwacht een object (type, uitstroomprofiel, name), niet {_kind(value)}")
        )
        return None
    for key in value:
        if key not in SCHOOL_FIELDS:
            errors.append(
                (f"{path}.{key}", unknown_name_message("onbekend veld", str(key), SCHOOL_FIELDS))
            )
    school: dict[str, Any] = {}
    for key, allowed in (("type", SCHOOL_TYPES), ("uitstroomprofiel", UITSTROOMPROFIELEN)):
        raw = value.get(key)
        school[key] = (
            None
            if raw is None or _is_blank(raw)
            else _check_enum(f"{path}.{key}", raw, allowed, errors)
        )
    raw_name = value.get("name")
    school["name"] = (
        None
        if raw_name is None or _is_blank(raw_name)
        else _check_text(f"{path}.name", raw_name, errors)
    )
    for key, allowed in (
        ("overgangsdocument", DOCUMENT_STATES),
        ("praktijkverklaring", DOCUMENT_STATES),
        ("stage", STAGE_RESULTS),
    ):
        raw = value.get(key)
        if isinstance(raw, str):
            raw = SCHOOL_VALUE_ALIASES.get(" ".join(raw.lower().split()), raw)
        if raw is not None and not _is_blank(raw):
            checked = _check_enum(f"{path}.{key}", raw, allowed, errors)
            if checked is not None:
                school[key] = checked
    raw_text = value.get("stage_text")
    if raw_text is not None and not _is_blank(raw_text):
        text = _check_text(f"{path}.stage_text", raw_text, errors)
        if text:
            school["stage_text"] = text
    return school


def _check_motivation(
    path: str, value: Any, errors: list[tuple[str, str]]
) -> dict[str, int | None] | None:
    if not isinstance(value, Mapping):
        errors.append(
            (path, f"verwacht een object (importance, confidence, readiness), niet {_kind(value)}")
        )
        return None
    for key in value:
        if key not in RULERS:
            errors.append(
                (f"{path}.{key}", unknown_name_message("onbekend veld", str(key), RULERS))
            )
    rulers: dict[str, int | None] = {}
    for key in RULERS:
        raw = value.get(key)
        rulers[key] = (
            None
            if raw is None or _is_blank(raw)
            else _check_number(f"{path}.{key}", raw, RULER_RANGE, errors, integer=True)  # type: ignore[misc]
        )
    return rulers


def _check_life_domains(path: str, value: Any, errors: list[tuple[str, str]]) -> dict[str, int]:
    if value is None or _is_blank(value):
        return {}
    if not isinstance(value, Mapping):
        errors.append((path, f"verwacht een object met leefgebieden, niet {_kind(value)}"))
        return {}
    found: dict[str, int] = {}
    for key, raw in value.items():
        domain = normalise_domain_key(key) if isinstance(key, str) else None
        if domain is None:
            hint = _DOMAIN_HINTS.get(strip_accents(str(key)).strip().lower())
            message = (
                f'onbekend leefgebied "{key}" (bedoelde je "{hint}"?)'
                if hint
                else unknown_name_message(f'onbekend leefgebied "{key}"', str(key), LIFE_DOMAINS)
            )
            errors.append((f"{path}.{key}", message))
            continue
        if raw is None or _is_blank(raw):
            continue  # discussed without a score: the same as not discussed
        score = _check_number(f"{path}.{domain}", raw, DOMAIN_RANGE, errors, integer=True)
        if score is not None:
            found[domain] = int(score)
    # Contract order, so that output never depends on the order of the input.
    return {domain: found[domain] for domain in LIFE_DOMAINS if domain in found}


# --- helpers ------------------------------------------------------------------------------


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


def unknown_name_message(prefix: str, name: str, choices: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(name, choices, n=1, cutoff=0.6)
    if close:
        return f'{prefix} (bedoelde je "{close[0]}"?)'
    return f"{prefix}; kies uit: {', '.join(choices)}"


def _kind(value: Any) -> str:
    if value is None:
        return "leeg"
    if isinstance(value, bool):
        return "ja/nee"
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
