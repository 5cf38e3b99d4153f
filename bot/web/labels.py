"""Dutch wording for codes stored in the database (routes, statuses, profile fields).

The words come from bot/codes.yml (audience ``web``, ``short`` for charts); this module only
shapes them for the templates and formats profile values.
"""

from __future__ import annotations

from typing import Any

from bot import codes

# Every table below comes from bot/codes.yml (the one codes-and-labels file).
ROUTE_LABELS = codes.labels("routes", "web")
ROUTE_SHORT = {**codes.labels("routes", "short"), **codes.labels("no_route", "short")}
NO_ROUTE_LABEL = codes.label("no_route", "geen", "web")
CHAT_STATUS_LABELS = codes.labels("chat_statuses", "web")
REVIEW_STATUS_LABELS = codes.labels("review_statuses", "web")
ROLE_LABELS = codes.labels("roles", "web")
PROFILE_LABELS = codes.labels("profile_fields", "web")
SUB_LABELS = {
    **codes.labels("school_fields", "web"),
    **codes.labels("rulers", "web"),
    **codes.labels("life_domains", "web"),
}
# The value cells of the fields whose codes have words, by field (or school sub-field).
VALUE_LABELS: dict[str, dict[Any, str]] = {
    "respondent": codes.labels("respondents", "web"),
    "wants_to_work": codes.labels("wants_to_work", "web"),
    "employee_skills": codes.labels("employee_skills", "web"),
    "crisis_signals": codes.labels("crisis_signals", "web"),
    "overgangsdocument": codes.labels("document_states", "web"),
    "praktijkverklaring": codes.labels("document_states", "web"),
    "stage": codes.labels("stage_results", "web"),
}
READINESS_PARTS = tuple(codes.labels("readiness_parts", "web").items())
LIFE_DOMAIN_SCALE = codes.labels("scale", "web")


def coach_warnings(advice: dict[str, Any]) -> list[str]:
    """The advice's coach-facing warnings (contradictory answers), as text."""
    return [
        str(w["text"])
        for w in advice.get("warnings") or []
        if isinstance(w, dict) and w.get("text")
    ]


def route_label(route: str | None, advice: dict[str, Any] | None = None) -> str:
    if advice and isinstance(advice.get("route_label"), str) and advice.get("route") == route:
        return advice["route_label"]
    if not route:
        return NO_ROUTE_LABEL
    return ROUTE_LABELS.get(route, route)


def field_label(key: str) -> str:
    return PROFILE_LABELS.get(key, key.replace("_", " ").capitalize())


def format_value(value: Any, key: str | None = None) -> str:
    """Readable Dutch text for a profile value (plain text; templates escape it)."""
    if value is None:
        return "onbekend"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, (int, float)):
        if key in LIFE_DOMAIN_SCALE_KEYS and isinstance(value, int) and value in LIFE_DOMAIN_SCALE:
            return f"{value} – {LIFE_DOMAIN_SCALE[value]}"
        return str(value)
    if isinstance(value, str):
        return VALUE_LABELS[key].get(value, value) if key in VALUE_LABELS else value
    if isinstance(value, (list, tuple)):
        return ", ".join(format_value(v, key) for v in value) if value else "–"
    if isinstance(value, dict):
        parts = []
        for sub_key, sub_value in value.items():
            if sub_value in (None, "", [], {}):
                continue
            label = SUB_LABELS.get(str(sub_key), str(sub_key))
            parts.append(f"{label}: {format_value(sub_value, str(sub_key))}")
        return "; ".join(parts) if parts else "–"
    return str(value)


LIFE_DOMAIN_SCALE_KEYS = frozenset(codes.code_list("life_domains"))


def unknown_fields(intake: dict[str, Any]) -> list[str]:
    """What the chat could not find out: the profile's "weet ik niet" answers and the advice's
    missing fields, as Dutch labels without duplicates."""
    profile = intake.get("profile") or {}
    advice = intake.get("advice") or {}
    keys: list[str] = []
    for source in (profile.get("unknown"), advice.get("missing")):
        if isinstance(source, list):
            keys.extend(str(k) for k in source)
    seen: dict[str, None] = {}
    for key in keys:
        seen.setdefault(field_label(key), None)
    return list(seen)
