"""Summaries of an intake: the B1 read-back for the job seeker ("klopt dit?") and the Dutch prose
handover for the klantbegeleider (stored with the intake, shown in the workspace and the PDF).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from bot import codes
from bot.conversation import catalogue as cat
from bot.conversation.catalogue import NO_ANSWER, SKIPPED, UNKNOWN, questions
from bot.conversation.describe import leaving_label
from bot.conversation.flow import domain_slot, mentioned_domains
from bot.profile import FIELD_LABELS, LIFE_DOMAIN_LABELS, LIFE_DOMAINS

# From bot/codes.yml: the matrix's words for the coach, the work values as the coach reads them.
SCALE_COACH = codes.labels("scale", "coach")
WORK_VALUE_LABELS = codes.labels("work_values", "coach")


def _shown(value: Any, group: str | None = None) -> str | None:
    """How an answer reads back; None when the question was not asked."""
    if value is None:
        return None
    if value in NO_ANSWER:
        return cat.label(group or "", value)
    if isinstance(value, bool):
        return cat.label("yes_no", value)
    if isinstance(value, list):
        if not value:
            return "niets"
        items = [WORK_VALUE_LABELS.get(v, v) if group == "work_values" else str(v) for v in value]
        return ", ".join(items)
    if group:
        return cat.label(group, value)
    return str(value)


def readback_lines(values: Mapping[str, Any]) -> list[str]:
    """One short line per answer, in the order of the intake (B1): each question's
    ``readback`` in questions.yml says its label and how its answer reads."""
    school = values.get("respondent") == "school"
    rows: list[tuple[str, str | None]] = []
    parts: dict[str, list[tuple[str, Any]]] = {}  # answers shown on one line, by label
    for question in questions().values():
        spec = question.readback
        if not spec or (spec.get("school_only") and not school):
            continue
        label = str(spec.get("school", spec["label"]) if school else spec["label"])
        value = values.get(question.slot)
        if "part" in spec:
            if label not in parts:
                parts[label] = []
                rows.append((label, None))  # filled in below, at the first part's place
            parts[label].append((str(spec["part"]), value))
        else:
            rows.append((label, _read_back(spec, value, values)))
    for label, answers in parts.items():
        if any(value is not None for _, value in answers):
            line = ", ".join(f"{part} {_shown(value) or '-'}" for part, value in answers)
            rows[rows.index((label, None))] = (label, line)
    return [f"• {label}: {shown}" for label, shown in rows if shown is not None]


def _read_back(spec: Mapping[str, Any], value: Any, values: Mapping[str, Any]) -> str | None:
    kind = spec.get("kind")
    if kind == "leaving":
        if value is None or value in NO_ANSWER:
            return _shown(value)
        return leaving_label(value)
    if kind == "life_domains":
        if value is None:
            return None
        domains = [
            f"{LIFE_DOMAIN_LABELS[d]}: {cat.label('scale', values.get(domain_slot(d)))}"
            for d in mentioned_domains(values)
            if values.get(domain_slot(d)) is not None
        ]
        return "; ".join(domains) if domains else _shown(value)
    if value == [] and isinstance(values.get(spec.get("own_words") or ""), str):
        return str(values[spec["own_words"]])  # nothing listed: what the person said
    if "unit" in spec and isinstance(value, int):
        return f"{value} {spec['unit']}"
    return _shown(value, spec.get("values"))


def readback_text(values: Mapping[str, Any]) -> str:
    respondent = values.get("respondent")
    intro = cat.text("readback_intro", respondent, name=values.get("name") or "de leerling")
    return intro + "\n" + "\n".join(readback_lines(values))


# --- coach summary --------------------------------------------------------------------------


def _join(items: list[str]) -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


def _listed(value: Any) -> str | None:
    if isinstance(value, list) and value:
        return _join([str(v) for v in value])
    return None


_DOCUMENT = codes.labels("document_states", "coach")
_STAGE = codes.labels("stage_results", "coach")


def school_leaving_sentence(school: Mapping[str, Any]) -> str | None:
    """PrO/VSO leaving specifics for the coach: stages, praktijkverklaring, overgangsdocument.
    A missing overgangsdocument is named as a to-do: the warm handover depends on it."""
    bits: list[str] = []
    if school.get("stage") in _STAGE:
        stage = f"stages: {_STAGE[school['stage']]}"
        if school.get("stage_text"):
            stage += f" (\u201c{school['stage_text']}\u201d)"
        bits.append(stage)
    if school.get("praktijkverklaring") in _DOCUMENT:
        bits.append(f"praktijkverklaring of certificaat: {_DOCUMENT[school['praktijkverklaring']]}")
    if school.get("overgangsdocument") in _DOCUMENT:
        bits.append(f"overgangsdocument: {_DOCUMENT[school['overgangsdocument']]}")
    if not bits:
        return None
    sentence = "School: " + "; ".join(bits) + "."
    if school.get("overgangsdocument") in ("nee", "in_voorbereiding"):
        sentence += " Vraag het overgangsdocument op bij de school voor de voorbespreking."
    return sentence


def coach_summary(
    profile: Mapping[str, Any], advice: Mapping[str, Any] | None, *, today: date | None = None
) -> str:
    """Dutch prose for the klantbegeleider: who, wants, can, life, advice, open questions."""
    today = today or date.today()
    school = profile.get("respondent") == "school"
    name = profile.get("name") or ("de leerling" if school else "de cliënt")
    who = name if profile.get("name") else name.capitalize()
    parts: list[str] = []

    # Who and how
    age = profile.get("age")
    intro = f"{who}{f' ({age})' if age is not None else ''}"
    if school:
        sch = profile.get("school") or {}
        bits = [b for b in (sch.get("type"), sch.get("name")) if b]
        place = f" van {' '.join(bits)}" if bits else ""
        profiel = (
            f", uitstroomprofiel {sch['uitstroomprofiel']}" if sch.get("uitstroomprofiel") else ""
        )
        parts.append(
            f"Aanmelding door school op {today:%d-%m-%Y}: {intro} is leerling{place}{profiel}."
        )
        leaving = school_leaving_sentence(sch)
        if leaving:
            parts.append(leaving)
    else:
        parts.append(f"{intro} heeft de intake zelf ingevuld op {today:%d-%m-%Y}.")
        if (profile.get("school") or {}).get("type"):
            parts.append(f"Zit nog op het {profile['school']['type']}.")
    leaving = (profile.get("school") or {}).get("leaving_date")
    if leaving:
        parts.append(f"Van school: {leaving_label(leaving)}.")
    elif (profile.get("school") or {}).get("type"):
        parts.append("Wanneer school eindigt, is onbekend.")

    # Willen
    wants = codes.labels("wants_to_work", "coach")
    wish = wants.get(profile.get("wants_to_work") or "", "heeft niet gezegd of werken nu past")
    sentence = f"{who} {wish}"
    if profile.get("droombaan"):
        sentence += f". De droombaan is: \u201c{profile['droombaan']}\u201d"
    if profile.get("droombaan_alternatives"):
        sentence += f"; voor nu zou ook goed zijn: \u201c{profile['droombaan_alternatives']}\u201d"
    parts.append(sentence + ".")
    if profile.get("motivation_text"):
        parts.append(f"In eigen woorden over werk: \u201c{profile['motivation_text']}\u201d.")
    values = [WORK_VALUE_LABELS.get(v, v) for v in profile.get("work_values") or []]
    if values:
        parts.append(f"Belangrijk aan werk: {_join(values)}.")
    motivation = profile.get("motivation") or {}
    if any(motivation.get(k) is not None for k in ("importance", "confidence", "readiness")):

        def r(key: str) -> str:
            v = motivation.get(key)
            return f"{v}/10" if v is not None else "onbekend"

        parts.append(
            f"Motivatie (0–10): belang {r('importance')}, vertrouwen {r('confidence')}, "
            f"bereidheid om nu te beginnen {r('readiness')}."
        )

    parts.append("")  # paragraph break
    # Kunnen
    kunnen: list[str] = []
    if profile.get("education"):
        own = profile.get("education_text")
        kunnen.append(
            f"Opleiding: {profile['education']}" + (f" (\u201c{own}\u201d)." if own else ".")
        )
    exp = _listed(profile.get("work_experience"))
    if exp:
        kunnen.append(f"Werkervaring: {exp}.")
    elif profile.get("work_experience") == []:
        kunnen.append("Nog geen werkervaring.")
    skills = _listed(profile.get("skills"))
    if skills:
        kunnen.append(f"Goed in: {skills}.")
    emp = profile.get("employee_skills")
    if emp:
        kunnen.append(
            "Werknemersvaardigheden (op tijd, afspraken, omgang): "
            f"{cat.label('employee_skills', emp)}."
        )
    if profile.get("employee_skills_text") and not emp:
        kunnen.append(
            f"Over werknemersvaardigheden: \u201c{profile['employee_skills_text']}\u201d."
        )
    hours = profile.get("hours_per_week")
    if hours is not None:
        kunnen.append(f"Beschikbaar: {hours} uur per week.")
    start = profile.get("start_moment")
    within = profile.get("can_start_within_6_months")
    if start or within is not None:
        when = {True: "binnen zes maanden", False: "niet binnen zes maanden"}.get(
            within, "onbekend of dit binnen zes maanden is"
        )
        kunnen.append(f"Kan starten: {f'“{start}”, ' if start else ''}{when}.")
    wml = profile.get("can_earn_minimum_wage_alone")
    if wml is not None:
        kunnen.append(
            "Verwacht zelfstandig het minimumloon te kunnen verdienen."
            if wml
            else "Verwacht niet zelfstandig het minimumloon te kunnen verdienen "
            "(mogelijke arbeidsbeperking)."
        )
    needs = _listed(profile.get("support_needs"))
    if needs:
        kunnen.append(f"Wil hulp bij: {needs}.")
    elif profile.get("support_needs_text"):
        kunnen.append(f"Over hulp: \u201c{profile['support_needs_text']}\u201d.")
    if kunnen:
        parts.append(" ".join(kunnen))

    parts.append("")
    # Stabiliteit
    domains = profile.get("life_domains") or {}
    if domains:
        rated = [
            f"{LIFE_DOMAIN_LABELS[d]} {SCALE_COACH[s]} ({s})"
            for d, s in sorted(domains.items(), key=lambda kv: (kv[1], LIFE_DOMAINS.index(kv[0])))
        ]
        parts.append(f"Leefgebieden (zelfredzaamheid 1–5): {_join(rated)}.")
    if profile.get("life_domains_text"):
        parts.append(
            f"In eigen woorden over het leven: \u201c{profile['life_domains_text']}\u201d."
        )
    ggz = profile.get("in_ggz_treatment")
    if ggz is True:
        epa = {
            True: "; volgens eigen zeggen een ernstige psychische aandoening (EPA)",
            False: "; geen EPA",
        }.get(profile.get("severe_mental_illness"), "; EPA onbekend")
        parts.append(f"In behandeling of begeleiding bij de GGZ{epa}.")
    elif ggz is False:
        parts.append("Niet in behandeling bij de GGZ.")
    if profile.get("benefit"):
        parts.append(f"Uitkering: {cat.label('benefit', profile['benefit'])}.")
    if profile.get("contact"):
        parts.append(f"Contact: {profile['contact']}.")

    parts.append("")
    if profile.get("crisis"):
        signals = codes.labels("crisis_signals", "coach")
        named = (
            _join([signals.get(s, s) for s in profile.get("crisis_signals") or []])
            or "acuut gevaar"
        )
        parts.append(
            f"LET OP – URGENT: tijdens de intake zijn signalen genoemd van {named}. "
            "De crisisnummers "
            "(113, 112, Veilig Thuis) zijn direct gegeven. Neem zo snel mogelijk contact op."
        )
    if profile.get("wants_human"):
        parts.append("Wil graag persoonlijk contact met een medewerker.")

    parts.append("")
    # Advice
    if advice:
        readiness = advice.get("readiness") or {}
        label = advice.get("route_label") or advice.get("route")
        parts.append(
            f"Advies van de assistent: {label} (readiness {readiness.get('score')}: willen "
            f"{readiness.get('willen')}, kunnen {readiness.get('kunnen')}, stabiliteit "
            f"{readiness.get('stabiliteit')}). Dit is een advies; de klantbegeleider beslist."
        )
        warnings = [w.get("text") for w in advice.get("warnings") or [] if isinstance(w, dict)]
        if any(warnings):
            parts.append("Let op, vraag dit na: " + " ".join(w for w in warnings if w))
        reasons = [r for r in advice.get("reasons") or [] if r]
        if reasons:
            parts.append("Redenen: " + " ".join(r if r.endswith(".") else r + "." for r in reasons))
        if advice.get("referrals"):
            parts.append(f"Ook doorverwijzen naar: {_join(list(advice['referrals']))}.")
        for item in advice.get("what_if") or []:
            if item.get("text"):
                parts.append(item["text"])
    unknown = profile.get("unknown") or []
    if unknown:
        labels = sorted({FIELD_LABELS.get(k, k.replace("_", " ")) for k in unknown})
        parts.append(f"Niet beantwoord (weet niet of wilde niet zeggen): {_join(labels)}.")
    return "\n\n".join(_paragraphs(parts))


def _paragraphs(parts: list[str]) -> list[str]:
    """Join sentences into paragraphs; an empty string in ``parts`` starts a new one."""
    paragraphs: list[list[str]] = [[]]
    for part in parts:
        if part:
            paragraphs[-1].append(part)
        elif paragraphs[-1]:
            paragraphs.append([])
    return [" ".join(p) for p in paragraphs if p]


__all__ = ["coach_summary", "readback_lines", "readback_text", "SKIPPED", "UNKNOWN"]
