"""Loads the question catalogue and the bot texts (YAML) and renders them for one conversation.

Both files are read once per process; rendering is string formatting only, so it is cheap enough
to do on every chat turn.
"""

from __future__ import annotations

import os
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot import codes

HERE = Path(__file__).resolve().parent
UNKNOWN = "__unknown__"  # answered "weet ik niet": asked, no value
SKIPPED = "__skipped__"  # chose not to answer: asked, no value
NO_ANSWER = (UNKNOWN, SKIPPED)
LEFT_SCHOOL = "__left_school__"  # "ik zit niet meer op school": no leaving date to ask


@dataclass(frozen=True)
class Button:
    title: str
    payload: str

    def to_dict(self) -> dict[str, str]:
        return {"title": self.title, "payload": self.payload}


@dataclass(frozen=True)
class BotMessage:
    """One chat bubble: text and optional answer buttons."""

    text: str
    buttons: tuple[Button, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "buttons": [b.to_dict() for b in self.buttons]}


@dataclass(frozen=True)
class Variant:
    when: Mapping[str, tuple[Any, ...]]
    ask: Mapping[str, str]
    buttons: Any = None


@dataclass(frozen=True)
class Question:
    slot: str
    parser: str
    ask: Mapping[str, str]
    why: Mapping[str, str]
    # Buttons: a tuple of Button, {self: ..., school: ...}, or a generator name: "ruler",
    # "scale", "domains".
    buttons: Any = None
    # Ask when every slot has one of its values; a tuple of such mappings: when any holds.
    when: Mapping[str, tuple[Any, ...]] | tuple[Mapping[str, tuple[Any, ...]], ...] = field(
        default_factory=dict
    )
    variants: tuple[Variant, ...] = ()
    explain: Any = None  # text or {self, school}: the answer to "wat bedoel je?"
    profile: str | None = None  # the profile field it fills ("motivation.importance" nests)
    topic: str | None = None  # the correction topic that asks it again
    numeric: int = 0  # a number: a bare "24, niet 23" corrects it (order of matching; 0: no)
    dependents: tuple[str, ...] = ()  # slots that follow from it, asked again with it
    readback: Mapping[str, Any] | None = None  # its line in "Klopt dit?"
    reads: str | None = None  # parser "choice": the bot/nlp function that reads the answer


def _when(raw: Mapping[str, Any] | None) -> dict[str, tuple[Any, ...]]:
    return {k: tuple(v if isinstance(v, list) else [v]) for k, v in (raw or {}).items()}


def _question_when(raw: Any) -> Any:
    if isinstance(raw, list):
        return tuple(_when(item) for item in raw)
    return _when(raw)


def _buttons(raw: Any) -> Any:
    if raw is None or isinstance(raw, str):
        return raw
    if isinstance(raw, Mapping):  # other buttons for school staff than for the job seeker
        return {who: _buttons(spec) for who, spec in raw.items()}
    return tuple(Button(str(b["title"]), str(b["payload"])) for b in raw)


@lru_cache(maxsize=1)
def questions() -> dict[str, Question]:
    """The intake questions by slot name, in asking order."""
    raw = yaml.safe_load((HERE / "questions.yml").read_text(encoding="utf-8"))
    result: dict[str, Question] = {}
    for slot, spec in raw.items():
        variants = tuple(
            Variant(
                when=_when(v["when"]),
                ask={k: v[k] for k in ("self", "school") if k in v},
                buttons=_buttons(v.get("buttons")),
            )
            for v in spec.get("variants", [])
        )
        result[slot] = Question(
            slot=slot,
            parser=spec["parser"],
            ask=spec["ask"],
            why=spec["why"],
            buttons=_buttons(spec.get("buttons")),
            when=_question_when(spec.get("when")),
            variants=variants,
            explain=spec.get("explain"),
            profile=spec.get("profile"),
            topic=spec.get("topic"),
            numeric=int(spec.get("numeric") or 0),
            dependents=tuple(spec.get("dependents") or ()),
            readback=spec.get("readback"),
            reads=spec.get("reads"),
        )
    return result


@lru_cache(maxsize=1)
def texts() -> dict[str, Any]:
    return yaml.safe_load((HERE / "texts.yml").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class GlossaryEntry:
    key: str
    pattern: re.Pattern[str]
    text: str


@lru_cache(maxsize=1)
def glossary() -> tuple[GlossaryEntry, ...]:
    """Words people ask about, with their B1 explanation (glossary.yml), in match order."""
    raw = yaml.safe_load((HERE / "glossary.yml").read_text(encoding="utf-8"))
    return tuple(
        GlossaryEntry(e["key"], re.compile("|".join(e["match"]), re.IGNORECASE), e["text"])
        for e in raw
    )


def explain_word(text: str) -> GlossaryEntry | None:
    """The first glossary entry whose word the message names, if any."""
    return next((e for e in glossary() if e.pattern.search(text or "")), None)


def _retention() -> tuple[int, int]:
    """(transcript days, summary months) as configured for storage, for the privacy statement."""
    from bot.settings import load_settings

    retention = load_settings().retention
    return retention.transcript_days, max(1, round(retention.summary_days / 30.4))


@lru_cache(maxsize=1)
def municipality_vars() -> dict[str, str]:
    """Contact details of the municipality, from the environment (documented in the README)."""
    transcript_days, summary_months = _retention()
    hours = os.environ.get("MUNICIPALITY_HOURS", "Dat kan op werkdagen van 9 tot 17 uur.")
    phone = os.environ.get("MUNICIPALITY_PHONE")
    return {
        "municipality": os.environ.get("MUNICIPALITY_NAME", "de gemeente"),
        "phone": phone or "14 + het netnummer (bijvoorbeeld 14 020)",
        "phone_en": phone or "14 + the area code (for example 14 020)",
        "email": os.environ.get(
            "MUNICIPALITY_EMAIL", "het e-mailadres op de website van de gemeente"
        ),
        "hours": hours,
        # Where to sleep tonight outside office hours: each municipality has its own address.
        "shelter": os.environ.get(
            "MUNICIPALITY_SHELTER", "Na kantoortijd: ga naar de nachtopvang in je stad."
        ),
        "response_days": os.environ.get("RESPONSE_DAYS", "5"),
        "transcript_days": str(transcript_days),
        "summary_months": str(summary_months),
    }


class _Vars(dict):
    """Format mapping that leaves unknown placeholders visible instead of raising."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(template: str, **values: Any) -> str:
    merged = _Vars(municipality_vars())
    merged.update({k: v for k, v in values.items() if v is not None})
    return string.Formatter().vformat(template, (), merged)


def pick(entry: Any, respondent: str | None) -> Any:
    """Choose the school or self version of a text entry."""
    if isinstance(entry, Mapping) and ("self" in entry or "school" in entry):
        if respondent == "school" and "school" in entry:
            return entry["school"]
        return entry.get("self", entry.get("school"))
    return entry


def text(key: str, respondent: str | None = None, **values: Any) -> str:
    return fill(pick(texts()[key], respondent), **values)


def buttons(key: str) -> tuple[Button, ...]:
    return tuple(Button(b["title"], b["payload"]) for b in texts()[key])


# Answer groups of the read-back and the summary -> (code lists in bot/codes.yml, audience).
_LABEL_GROUPS: dict[str, tuple[tuple[str, ...], str]] = {
    "respondent": (("respondents",), "chat"),
    "wants_to_work": (("wants_to_work",), "chat"),
    "employee_skills": (("employee_skills",), "chat"),
    "education": (("education_levels", "chat_education"), "chat"),
    "benefit": (("benefits",), "chat"),
    "yes_no": (("yes_no",), "chat"),
    "school_leaving": (("school_leaving",), "chat"),
    "stage_result": (("stage_results",), "chat"),
    "document": (("document_states",), "chat"),
    "scale": (("scale",), "b1"),
}


def label(group: str, value: Any) -> str:
    """Dutch label for a stored answer value, for read-backs and the coach summary."""
    if value in NO_ANSWER:
        return codes.label("no_answer", value, "chat")
    lists, audience = _LABEL_GROUPS.get(group, ((), "chat"))
    for code_list in lists:
        words = codes.labels(code_list, audience)
        if value in words:
            return words[value]
    return str(value)
