"""Validation of the intake profile (contract §2): strict JSON or lenient cells, Dutch errors.

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

The fields, their types and their values come from the pydantic models (``models.py``); this
module adds what they cannot say: the lenient reading of cells and the Dutch wording of errors.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from .messages import ProfileError, choice_message, describe, format_number, unknown_name_message
from .read import (
    DOMAIN_HINTS,
    FALSE_WORDS,
    SCHOOL_VALUE_ALIASES,
    TRUE_WORDS,
    UNKNOWN_WORDS,
    is_blank,
    normalise_domain_key,
    normalise_education,
    read_leaving_date,
    strip_accents,
)
from .schema import (
    DOMAIN_RANGE,
    FIELD_KINDS,
    LEAVING_YEARS,
    LIFE_DOMAINS,
    PROFILE_FIELDS,
    RULER_RANGE,
    RULERS,
    SCHOOL_FIELD_LIST,
    SCHOOL_FIELDS,
)

_DOMAIN_SET = frozenset(LIFE_DOMAINS)
_FIELD_LIST = tuple((name, kind, arg) for name, (kind, arg) in FIELD_KINDS.items())


def validate_profile(data: Any, *, lenient: bool = False) -> dict[str, Any]:
    """Check a raw profile and return its normalised form; raise ``ProfileError`` if wrong.

    ``lenient=False`` (default) is the strict JSON rule; ``lenient=True`` also reads text
    values as a CSV cell or a chat answer gives them (see the module docstring).
    Accepts keys starting with ``x_`` (a municipality's own columns) and keeps them verbatim.
    Every problem in the profile is reported at once, not only the first.
    """
    if not isinstance(data, Mapping):
        message = f"verwacht een object met velden, niet {describe(data)}"
        raise ProfileError([("(profiel)", message)])
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
            self.lenient and isinstance(value, str) and value.strip().lower() in UNKNOWN_WORDS
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
            self.fail(path, f"verwacht een van: {choices} (als tekst); niet {describe(value)}")
            return None
        text = value.strip() if self.lenient else value
        for option in allowed:
            if text == option or (self.lenient and text.lower() == option.lower()):
                return option
        self.fail(path, choice_message(value, allowed))
        return None

    def boolean(self, path: str, value: Any) -> bool | None:
        if isinstance(value, bool):
            return value
        if self.lenient and isinstance(value, str):
            word = value.strip().lower()
            if word in TRUE_WORDS:
                return True
            if word in FALSE_WORDS:
                return False
        if self.lenient:
            self.fail(path, f'verwacht ja of nee, niet "{value}"')
        else:
            self.fail(path, f"verwacht true of false (ja of nee), niet {describe(value)}")
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
            shown = f'"{value}"' if self.lenient else describe(value)
            self.fail(path, f"verwacht {what}, niet {shown}")
            return None
        if isinstance(number, float) and number.is_integer():
            number = int(number)
        if integer and not isinstance(number, int):
            self.fail(path, f"verwacht een geheel getal, niet {value}")
            return None
        low, high = bounds
        if not low <= number <= high:
            self.fail(path, f"{format_number(number)} ligt buiten {low}–{high}")
            return None
        return number

    def text(self, path: str, value: Any) -> str | None:
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.fail(path, f"verwacht tekst, niet {describe(value)}")
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
            self.fail(path, f"verwacht een lijst, niet {describe(value)}")
            return None
        items: list[str] = []
        for index, item in enumerate(value):
            item_path = f"{path}[{index}]"
            if isinstance(item, bool) or not isinstance(item, (str, int, float)):
                self.fail(item_path, f"verwacht tekst, niet {describe(item)}")
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
                    self.fail(item_path, choice_message(text, allowed, suggest=True))
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
                f"niet {describe(value)}",
            )
            return None
        for key in value:
            if key not in SCHOOL_FIELDS:
                self.fail(
                    f"{path}.{key}", unknown_name_message("onbekend veld", str(key), SCHOOL_FIELDS)
                )
        school: dict[str, Any] = {}
        for key, kind, allowed, always, aliases in SCHOOL_FIELD_LIST:
            raw = value.get(key)
            if aliases and self.lenient and isinstance(raw, str):
                raw = SCHOOL_VALUE_ALIASES.get(" ".join(raw.lower().split()), raw)
            checked = None
            if not self.absent(raw):
                sub = f"{path}.{key}"
                if kind == "enum":
                    checked = self.enum(sub, raw, allowed)
                elif kind == "leaving_date":
                    checked = self.leaving_date(sub, raw)
                else:
                    checked = self.text(sub, raw)
            if always or checked is not None:
                school[key] = checked
        return school

    def leaving_date(self, path: str, value: Any) -> str | None:
        month = read_leaving_date(value, lenient=self.lenient)
        if month is None:
            example = '"2026-07" of "juli 2026"' if self.lenient else '"2026-07" (jaar-maand)'
            low, high = LEAVING_YEARS
            self.fail(
                path,
                f"verwacht een maand als {example}, tussen {low} en {high}; "
                f"niet {describe(value)}",
            )
        return month

    def absent(self, value: Any) -> bool:
        return value is None or is_blank(value) or self.unknown_word(value)

    def motivation(self, path: str, value: Any) -> dict[str, int | None] | None:
        if not isinstance(value, Mapping):
            self.fail(
                path,
                f"verwacht een object (importance, confidence, readiness), niet {describe(value)}",
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
        if value is None or is_blank(value):
            return {}
        if not isinstance(value, Mapping):
            self.fail(path, f"verwacht een object met leefgebieden, niet {describe(value)}")
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
                hint = DOMAIN_HINTS.get(strip_accents(str(key)).strip().lower())
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

