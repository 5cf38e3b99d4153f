"""Facts: the flat, named values a policy's conditions can test.

A profile is nested (``school.type``, ``life_domains.wonen``); conditions read a flat map of
facts instead, plus a few facts derived with the policy's parameters (``wants``,
``needs_keep_support``, ``in_crisis``, ``motivation_mean``, ``will_*``,
``months_to_school_end``, ``school_end_in_sight``). ``FACT_SPECS`` says what each fact may
hold, so a policy that tests an impossible value is rejected when it is loaded, not when a
person is advised.

``wants`` is the one reading of "wants to work" that every route uses, IPS included: ``ja`` is
yes, ``nee`` is no, and ``twijfel`` is settled by the rulers that measure the will to work.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.profile import (
    AGE_RANGE,
    BENEFITS,
    CRISIS_SIGNALS,
    DOMAIN_RANGE,
    EDUCATION_LEVELS,
    EMPLOYEE_SKILLS,
    HOURS_RANGE,
    LIFE_DOMAINS,
    RESPONDENTS,
    RULER_RANGE,
    RULERS,
    SCHOOL_TYPES,
    UITSTROOMPROFIELEN,
    WANTS_TO_WORK,
)

ROUTES: tuple[str, ...] = ("ips", "jobcoaching", "wmo", "niet_klaar", "regulier")


@dataclass(frozen=True)
class FactSpec:
    kind: str  # "enum" | "bool" | "number" | "list" | "text"
    fields: tuple[str, ...]  # the profile fields this fact is read or derived from
    values: tuple[str, ...] = ()  # allowed values (enum; list items when not empty)
    low: float = 0
    high: float = 0


def _spec(kind: str, *fields: str, values: tuple[str, ...] = (), bounds=(0, 0)) -> FactSpec:
    return FactSpec(kind, fields, values, bounds[0], bounds[1])


FACT_SPECS: dict[str, FactSpec] = {
    "respondent": _spec("enum", "respondent", values=RESPONDENTS),
    "age": _spec("number", "age", bounds=AGE_RANGE),
    "school.type": _spec("enum", "school", values=SCHOOL_TYPES),
    "school.uitstroomprofiel": _spec("enum", "school", values=UITSTROOMPROFIELEN),
    "school.leaving_date": _spec("text", "school"),
    "benefit": _spec("enum", "benefit", values=BENEFITS),
    "droombaan": _spec("text", "droombaan"),
    "wants_to_work": _spec("enum", "wants_to_work", values=WANTS_TO_WORK),
    **{
        f"motivation.{ruler}": _spec("number", "motivation", bounds=RULER_RANGE) for ruler in RULERS
    },
    "motivation_mean": _spec("number", "motivation", bounds=RULER_RANGE),
    # The rulers that measure the will to work (parameter twijfel_rulers): mean, lowest, highest
    # of those answered; unknown when none of them is.
    "will_mean": _spec("number", "motivation", bounds=RULER_RANGE),
    "will_min": _spec("number", "motivation", bounds=RULER_RANGE),
    "will_max": _spec("number", "motivation", bounds=RULER_RANGE),
    "work_values": _spec("list", "work_values"),
    "education": _spec("text", "education", values=EDUCATION_LEVELS),
    "work_experience": _spec("list", "work_experience"),
    "skills": _spec("list", "skills"),
    "hours_per_week": _spec("number", "hours_per_week", bounds=HOURS_RANGE),
    "can_start_within_6_months": _spec("bool", "can_start_within_6_months"),
    "can_earn_minimum_wage_alone": _spec("bool", "can_earn_minimum_wage_alone"),
    "support_needs": _spec("list", "support_needs"),
    "in_ggz_treatment": _spec("bool", "in_ggz_treatment"),
    "severe_mental_illness": _spec("bool", "severe_mental_illness"),
    **{
        f"life_domains.{domain}": _spec("number", "life_domains", bounds=DOMAIN_RANGE)
        for domain in LIFE_DOMAINS
    },
    "crisis": _spec("bool", "crisis"),
    "crisis_signals": _spec("list", "crisis_signals", values=CRISIS_SIGNALS),
    "employee_skills": _spec("enum", "employee_skills", values=EMPLOYEE_SKILLS),
    "wants_human": _spec("bool", "wants_human"),
    # Derived facts.
    "wants": _spec("bool", "wants_to_work", "motivation"),
    "needs_keep_support": _spec("bool", "support_needs", "employee_skills"),
    "in_crisis": _spec("bool", "crisis", "crisis_signals"),
    # Months from the month of advice to the month the pupil leaves school (negative: left).
    "months_to_school_end": _spec("number", "school", bounds=(-1200, 1200)),
    # Is the end of school in sight (seed 001 §2.2)? From the leaving date, else from the age.
    "school_end_in_sight": _spec("bool", "school", "age"),
    # Only known after the route is decided: usable in referral rules.
    "route": _spec("enum", values=ROUTES),
}


@functools.cache
def facts_of_field(name: str) -> frozenset[str]:
    """The facts that are read or derived from the profile field ``name``."""
    found = {fact for fact, spec in FACT_SPECS.items() if name in spec.fields}
    if name == "life_domains":
        found.add(DOMAINS_KEY)
    return frozenset(found)


# Facts that are a top-level profile answer as it is (a what-if change copies them over).
PLAIN_FACTS = frozenset(name for name, spec in FACT_SPECS.items() if spec.fields == (name,))

# The key that holds the whole ``life_domains`` dict, for the ``domains:`` condition.
DOMAINS_KEY = "_domains"
# The month of advice as year * 12 + month - 1 (for months_to_school_end in what-if changes).
NOW_KEY = "_now"
# What "twijfel" would mean with these rulers: all a change of wants_to_work needs to know of
# the motivation (the engine's memo key uses it instead of the three rulers).
DOUBT_KEY = "_doubt"


@dataclass(frozen=True)
class FactParams:
    """Policy parameters that derived facts need (policy ``parameters:`` block)."""

    twijfel_rulers: tuple[str, ...]
    twijfel_min_motivation: float
    keep_support_keywords: tuple[str, ...]
    keep_support_employee_skills: tuple[str, ...]
    # The end of school is in sight within this many months of the leaving date (seed 001
    # §2.2) or, with the date unknown, from this age on.
    school_end_months: float = 12
    school_end_age: float = 17


def month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def build_facts(
    profile: dict[str, Any], params: FactParams, today: date | None = None
) -> dict[str, Any]:
    """Flatten a *normalised* profile into facts (``None`` = unknown).

    ``today`` (default: the real date) only matters for the school leaving date.
    """
    school = profile["school"] or {}
    domains = profile["life_domains"]
    facts: dict[str, Any] = {
        "respondent": profile["respondent"],
        "age": profile["age"],
        "school.type": school.get("type"),
        "school.uitstroomprofiel": school.get("uitstroomprofiel"),
        "school.leaving_date": school.get("leaving_date"),
        "benefit": profile["benefit"],
        "droombaan": profile["droombaan"],
        "wants_to_work": profile["wants_to_work"],
        "work_values": profile["work_values"],
        "education": profile["education"],
        "work_experience": profile["work_experience"],
        "skills": profile["skills"],
        "hours_per_week": profile["hours_per_week"],
        "can_start_within_6_months": profile["can_start_within_6_months"],
        "can_earn_minimum_wage_alone": profile["can_earn_minimum_wage_alone"],
        "support_needs": profile["support_needs"],
        "in_ggz_treatment": profile["in_ggz_treatment"],
        "severe_mental_illness": profile["severe_mental_illness"],
        "crisis": profile["crisis"],
        "crisis_signals": profile["crisis_signals"],
        "employee_skills": profile["employee_skills"],
        "wants_human": profile["wants_human"],
        DOMAINS_KEY: domains,
        NOW_KEY: month_index(today or date.today()),
        "route": None,
    }
    _set_motivation(facts, profile["motivation"], params)
    for domain in LIFE_DOMAINS:
        facts[f"life_domains.{domain}"] = domains.get(domain)
    facts["wants"] = _wants(profile["wants_to_work"], facts, params)
    facts[DOUBT_KEY] = _wants("twijfel", facts, params)
    facts["needs_keep_support"] = _needs_keep_support(
        profile["support_needs"], profile["employee_skills"], params
    )
    facts["in_crisis"] = bool(profile["crisis"]) or bool(profile["crisis_signals"])
    _set_school_end(facts, profile["school"], params)
    return facts


def _set_motivation(
    facts: dict[str, Any], motivation: dict[str, Any] | None, params: FactParams
) -> None:
    motivation = motivation or {}
    present = []
    for ruler in RULERS:
        value = motivation.get(ruler)
        facts[f"motivation.{ruler}"] = value
        if value is not None:
            present.append(value)
    facts["motivation_mean"] = sum(present) / len(present) if present else None
    will = [motivation[r] for r in params.twijfel_rulers if motivation.get(r) is not None]
    facts["will_mean"] = sum(will) / len(will) if will else None
    facts["will_min"] = min(will) if will else None
    facts["will_max"] = max(will) if will else None


def _set_school_end(
    facts: dict[str, Any], school: dict[str, Any] | None, params: FactParams
) -> None:
    """``months_to_school_end`` and ``school_end_in_sight`` (only for a school profile).

    The leaving date decides; without it the age does: a pupil of ``school_end_age`` or older
    is in the last school year or so (kwalificatieplicht ends at 18), a younger one is not.
    """
    leaving = (school or {}).get("leaving_date")
    months = None
    if leaving:
        year, month = int(leaving[:4]), int(leaving[5:7])
        months = year * 12 + month - 1 - facts[NOW_KEY]
    facts["months_to_school_end"] = months
    if not school or (school.get("type") is None and leaving is None):
        facts["school_end_in_sight"] = None
    elif months is not None:
        facts["school_end_in_sight"] = months <= params.school_end_months
    elif facts["age"] is not None:
        facts["school_end_in_sight"] = facts["age"] >= params.school_end_age
    else:
        facts["school_end_in_sight"] = None


def with_changes(
    facts: dict[str, Any], profile: dict[str, Any], changes: dict[str, Any], params: FactParams
) -> dict[str, Any]:
    """Facts for ``profile`` with the top-level answers in ``changes`` replaced.

    The what-if analysis re-decides a route dozens of times for a sparse profile; updating
    only the facts that depend on the changed fields keeps that cheap.
    """
    out = dict(facts)
    for name, value in changes.items():
        if name in PLAIN_FACTS:
            out[name] = value
        elif name == "school":
            school = value or {}
            out["school.type"] = school.get("type")
            out["school.uitstroomprofiel"] = school.get("uitstroomprofiel")
            out["school.leaving_date"] = school.get("leaving_date")
        elif name == "motivation":
            _set_motivation(out, value, params)
        elif name == "life_domains":
            out[DOMAINS_KEY] = value
            for domain in LIFE_DOMAINS:
                out[f"life_domains.{domain}"] = value.get(domain)
    # Derived facts: recomputed only when an answer they rest on changed.
    if "wants_to_work" in changes or "motivation" in changes:
        out["wants"] = _wants(changes.get("wants_to_work", profile["wants_to_work"]), out, params)
        out[DOUBT_KEY] = _wants("twijfel", out, params)
    if "support_needs" in changes or "employee_skills" in changes:
        out["needs_keep_support"] = _needs_keep_support(
            changes.get("support_needs", profile["support_needs"]),
            changes.get("employee_skills", profile["employee_skills"]),
            params,
        )
    if "crisis" in changes or "crisis_signals" in changes:
        out["in_crisis"] = bool(changes.get("crisis", profile["crisis"])) or bool(
            changes.get("crisis_signals", profile["crisis_signals"])
        )
    if "school" in changes or "age" in changes:
        _set_school_end(out, changes.get("school", profile["school"]), params)
    return out


def ips_condition(facts: dict[str, Any]) -> bool:
    """IPS zero exclusion (seed 004, "Wie komt in aanmerking voor IPS?"): wants to work, a
    severe mental illness and in the care of a GGZ team. Nothing else is looked at."""
    return (
        facts["wants"] is True
        and facts["severe_mental_illness"] is True
        and facts["in_ggz_treatment"] is True
    )


def _wants(answer: str | None, facts: dict[str, Any], params: FactParams) -> bool | None:
    """Does the person want to work? ``twijfel`` is settled by the motivation rulers.

    Only the rulers named in ``twijfel_rulers`` count (default: importance and readiness);
    low *confidence* is what a jobcoach works on, not a sign of unwillingness
    (seed 001 §3.3, "geloof in eigen kunnen"). With none of those rulers answered, any
    answered ruler is used; with none at all the answer stays unknown.
    """
    if answer == "ja":
        return True
    if answer == "nee":
        return False
    if answer is None:
        return None
    mean = facts["will_mean"] if facts["will_mean"] is not None else facts["motivation_mean"]
    if mean is None:
        return None
    return mean >= params.twijfel_min_motivation


def _needs_keep_support(
    needs: list[str] | None, employee_skills: str | None, params: FactParams
) -> bool:
    """Support on the work floor to *keep* work (seed 001 §2.1, §3.2).

    Absence of evidence counts as no need: a person who can earn the minimum wage and named
    no such need is most likely served by regular services (the policy's ``unknowns`` block
    still reports what an answer would change).
    """
    if employee_skills is not None and employee_skills in params.keep_support_employee_skills:
        return True
    for need in needs or ():
        lowered = need.lower()
        if any(word in lowered for word in params.keep_support_keywords):
            return True
    return False
