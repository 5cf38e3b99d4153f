"""Turns the conversation's answers (slot values) into the intake profile of contract §2.

"Weet ik niet" and "wil ik niet zeggen" become ``null`` in the profile; the fields are listed in
``unknown`` so the coach and the triage engine know they were asked but not answered.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from bot.conversation.catalogue import LEFT_SCHOOL, NO_ANSWER, SKIPPED, UNKNOWN, questions
from bot.conversation.flow import FOLLOWUP_PLACEHOLDER, domain_slot
from bot.profile import LIFE_DOMAINS, PROFILE_FIELDS


def _fields() -> tuple[tuple[str, ...], dict[str, str]]:
    """From each question's ``profile`` in questions.yml: the slots copied into the profile
    field of the same name (with the dependent slots that are profile fields too), in the
    profile's order, and the slots whose "weet ik niet" is reported under another top-level
    field (``motivation``, ``school``, ``life_domains``)."""
    direct: set[str] = set()
    under: dict[str, str] = {}
    for question in questions().values():
        if not question.profile or question.slot == FOLLOWUP_PLACEHOLDER:
            continue
        top = question.profile.split(".")[0]
        if top == question.slot:
            direct.add(question.slot)
        else:
            under[question.slot] = top
        direct.update(d for d in question.dependents if d in PROFILE_FIELDS)
    return tuple(f for f in PROFILE_FIELDS if f in direct), under


_DIRECT, _UNKNOWN_FIELD = _fields()
# The motivation rulers: slot -> key in ``motivation``.
_RULERS = {
    q.slot: q.profile.split(".", 1)[1]
    for q in questions().values()
    if q.profile and q.profile.startswith("motivation.")
}


def _value(raw: Any) -> Any:
    return None if raw in NO_ANSWER else raw


def _leaving_date(raw: Any, today: date | None) -> str | None:
    if raw == LEFT_SCHOOL:
        # School staff about a pupil who already left: the end of school has been reached.
        day = today or date.today()
        return f"{day.year:04d}-{day.month:02d}"
    return raw if isinstance(raw, str) and raw not in NO_ANSWER else None


def build_profile(values: Mapping[str, Any], today: date | None = None) -> dict[str, Any]:
    """The contract §2 profile (plus extension fields) for the answers so far."""
    profile: dict[str, Any] = {field: _value(values.get(field)) for field in _DIRECT}
    unknown = sorted(
        {
            _UNKNOWN_FIELD.get(slot, slot)
            for slot in (*_DIRECT, *_UNKNOWN_FIELD)
            if values.get(slot) in (UNKNOWN, SKIPPED)
        }
    )

    if profile["respondent"] is None:
        profile["respondent"] = "self"
    leaving = values.get("school_leaving_date")
    if profile["respondent"] == "school":
        profile["school"] = {
            "type": _value(values.get("school_type")),
            "uitstroomprofiel": _value(values.get("uitstroomprofiel")),
            "name": _value(values.get("school_name")),
            "leaving_date": _leaving_date(leaving, today),
        }
        specifics = {
            "stage": _value(values.get("stage_result")),
            "stage_text": _value(values.get("stage_text")),
            "praktijkverklaring": _value(values.get("praktijkverklaring")),
            "overgangsdocument": _value(values.get("overgangsdocument")),
        }
        # Only what is known, as validate_profile keeps these optional sub-fields.
        profile["school"].update({k: v for k, v in specifics.items() if v is not None})
    elif (
        profile["education"] in ("PrO", "VSO")
        and leaving is not None
        and leaving not in (LEFT_SCHOOL, SKIPPED)
    ):
        # A job seeker who is still a PrO/VSO pupil ("weet ik niet" to when school ends still
        # says they are at school): the school-leaver rule applies to them too.
        profile["school"] = {
            "type": profile["education"],
            "uitstroomprofiel": None,
            "name": None,
            "leaving_date": _leaving_date(leaving, today),
        }
    else:
        profile["school"] = None

    rulers = {key: _value(values.get(slot)) for slot, key in _RULERS.items()}
    profile["motivation"] = rulers if any(v is not None for v in rulers.values()) else None

    life_domains: dict[str, int] = {}
    for domain in LIFE_DOMAINS:
        score = _value(values.get(domain_slot(domain)))
        if isinstance(score, int):
            life_domains[domain] = score
    profile["life_domains"] = life_domains
    open_answer = _value(values.get("life_domains_open"))
    profile["life_domains_text"] = open_answer if isinstance(open_answer, str) else None

    signals = list(values.get("crisis_signals") or [])
    profile["crisis"] = bool(values.get("crisis")) or bool(signals)
    profile["crisis_signals"] = signals
    profile["wants_human"] = bool(values.get("wants_human")) or None
    profile["unknown"] = unknown
    return profile
