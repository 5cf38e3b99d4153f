"""Dutch wording for codes stored in the database (routes, statuses, profile fields)."""

from __future__ import annotations

from typing import Any

ROUTE_LABELS = {
    "ips": "IPS (Individuele Plaatsing en Steun)",
    "jobcoaching": "Jobcoaching",
    "wmo": "Wmo-ondersteuning",
    "niet_klaar": "Nog niet klaar voor werk",
    "regulier": "Regulier werk (zonder jobcoach)",
}
ROUTE_SHORT = {
    "ips": "IPS",
    "jobcoaching": "Jobcoaching",
    "wmo": "Wmo",
    "niet_klaar": "Nog niet klaar",
    "regulier": "Regulier",
    "geen": "Geen advies",
}
CHAT_STATUS_LABELS = {"complete": "Afgerond door klant", "incomplete": "Gesprek niet af"}
REVIEW_STATUS_LABELS = {
    "nieuw": "Nieuw",
    "in_behandeling": "In behandeling",
    "afgerond": "Afgerond",
}
ROLE_LABELS = {
    "klantbegeleider": "Klantbegeleider",
    "school": "School (PrO/VSO)",
    "beheerder": "Beheerder",
}

PROFILE_LABELS = {
    "name": "Naam",
    "contact": "Contact",
    "respondent": "Ingevuld door",
    "age": "Leeftijd",
    "school": "School",
    "benefit": "Uitkering",
    "droombaan": "Droombaan",
    "droombaan_alternatives": "Ook goed (zelfde richting)",
    "wants_to_work": "Wil werken",
    "motivation": "Motivatie (0–10)",
    "motivation_text": "Waarom werken",
    "work_values": "Wat vindt de klant belangrijk in werk",
    "education": "Opleiding",
    "work_experience": "Werkervaring",
    "skills": "Vaardigheden",
    "employee_skills": "Werknemersvaardigheden",
    "employee_skills_text": "Werknemersvaardigheden in eigen woorden",
    "education_text": "Opleiding in eigen woorden",
    "hours_per_week": "Uren per week",
    "start_moment": "Kan beginnen",
    "can_start_within_6_months": "Kan binnen 6 maanden beginnen",
    "can_earn_minimum_wage_alone": "Kan zelf het minimumloon verdienen",
    "support_needs": "Hulp nodig bij",
    "support_needs_text": "Hulpvraag in eigen woorden",
    "in_ggz_treatment": "In behandeling bij GGZ",
    "severe_mental_illness": "Ernstige psychische aandoening (EPA)",
    "life_domains": "Leefgebieden (1–5)",
    "life_domains_text": "Leefgebieden in eigen woorden",
    "crisis": "Acuut gevaar gesignaleerd",
    "crisis_signals": "Signalen",
    "wants_human": "Wil een mens spreken",
    "unknown": "Antwoord ‘weet ik niet’",
}
SUB_LABELS = {
    "type": "soort",
    "uitstroomprofiel": "uitstroomprofiel",
    "name": "naam",
    "leaving_date": "van school",
    "overgangsdocument": "overgangsdocument",
    "praktijkverklaring": "praktijkverklaring of certificaat",
    "stage": "stages",
    "stage_text": "over de stages",
    "importance": "belang",
    "confidence": "vertrouwen",
    "readiness": "bereidheid",
    "financien": "financiën",
    "wonen": "wonen",
    "gezondheid": "gezondheid",
    "psychisch": "psychisch",
    "verslaving": "verslaving",
    "thuis": "thuis",
    "netwerk": "netwerk",
    "justitie": "justitie",
    "vervoer": "vervoer",
    "dagbesteding": "dagbesteding",
}
VALUE_LABELS = {
    "self": "de klant zelf",
    "school": "school (over een leerling)",
    "ja": "ja",
    "nee": "nee",
    "twijfel": "twijfelt",
    # werknemersvaardigheden
    "goed": "gaat goed",
    "wisselend": "soms lastig",
    "lastig": "vaak lastig",
    # signals of acute danger
    "suicide": "suïcidale gedachten",
    "violence": "geweld of onveiligheid thuis",
    "homeless": "geen slaapplek",
    "other": "ander acuut gevaar",
    # overgangsdocument / praktijkverklaring, stages
    "in_voorbereiding": "komt nog",
    "geen": "nog geen stage",
}
READINESS_PARTS = (("willen", "Willen"), ("kunnen", "Kunnen"), ("stabiliteit", "Stabiliteit"))
LIFE_DOMAIN_SCALE = {
    1: "acute problematiek",
    2: "niet zelfredzaam",
    3: "beperkt zelfredzaam",
    4: "voldoende zelfredzaam",
    5: "volledig zelfredzaam",
}


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
        return "Nog geen advies"
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
        labelled = {"respondent", "wants_to_work", "employee_skills", "crisis_signals",
                    "overgangsdocument", "praktijkverklaring", "stage"}
        return VALUE_LABELS.get(value, value) if key in labelled else value
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


LIFE_DOMAIN_SCALE_KEYS = {
    "financien", "wonen", "gezondheid", "psychisch", "verslaving", "thuis", "netwerk",
    "justitie", "vervoer", "dagbesteding",
}


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
