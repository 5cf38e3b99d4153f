"""The profile's code lists, ranges and field table, read from the models; labels from codes.yml.

Names here are what the rest of the project imports from ``bot.profile`` (``LIFE_DOMAINS``,
``FIELD_KINDS``, ``FIELD_LABELS``, ...): plain tuples and dicts, cheap to read on the hot path.
"""

from __future__ import annotations

from typing import Any

from bot import codes

from . import models
from .models import LEAVING_YEARS, Motivation, Profile, School, values

__all__ = ["LEAVING_YEARS"]  # re-exported for bot.profile

LIFE_DOMAINS: tuple[str, ...] = values(models.LifeDomain)
RESPONDENTS: tuple[str, ...] = values(models.Respondent)
SCHOOL_TYPES: tuple[str, ...] = values(models.SchoolType)
UITSTROOMPROFIELEN: tuple[str, ...] = values(models.Uitstroomprofiel)
BENEFITS: tuple[str, ...] = values(models.Benefit)
WANTS_TO_WORK: tuple[str, ...] = values(models.WantsToWork)
EMPLOYEE_SKILLS: tuple[str, ...] = values(models.EmployeeSkills)
CRISIS_SIGNALS: tuple[str, ...] = values(models.CrisisSignal)
RULERS: tuple[str, ...] = tuple(Motivation.__fields__)
DOCUMENT_STATES: tuple[str, ...] = values(models.DocumentState)
STAGE_RESULTS: tuple[str, ...] = values(models.StageResult)
EDUCATION_LEVELS: tuple[str, ...] = values(models.EducationLevel)
# ``school``'s sub-fields; the PrO/VSO leaving specifics (after ``leaving_date``) are only in
# the normalised profile when known, so profiles without them normalise as before.
SCHOOL_FIELDS: tuple[str, ...] = tuple(School.__fields__)
# (name, kind, values, always present, read with aliases) per sub-field, in the model's order.
SCHOOL_FIELD_LIST: tuple[tuple[str, str, tuple[Any, ...], bool, bool], ...] = tuple(
    (
        name,
        *models.field_kind(name, School),
        bool(field.field_info.extra.get("always")),
        bool(field.field_info.extra.get("aliases")),
    )
    for name, field in School.__fields__.items()
)


def _range(constrained: Any) -> tuple[int, int]:
    return constrained.ge, constrained.le


AGE_RANGE = _range(models.Age)
HOURS_RANGE = models.field_kind("hours_per_week")[1]
RULER_RANGE = _range(models.RulerScore)
DOMAIN_RANGE = _range(models.DomainScore)
# Dutch secondary schools end their year in July (summer holiday); a leaving date given as a
# year only ("2027") means the end of that school year.
SCHOOL_YEAR_END_MONTH = 7

# Field kinds drive validation here, conversion in the CSV reader and the policy checker.
FIELD_KINDS: dict[str, tuple[str, tuple[Any, ...]]] = {
    name: models.field_kind(name) for name in Profile.__fields__
}
PROFILE_FIELDS: tuple[str, ...] = tuple(FIELD_KINDS)

# Dutch names of the fields, for coach-facing text ("Nog niet bekend: ...").
FIELD_LABELS: dict[str, str] = codes.labels("profile_fields", "coach")
# The same fields as a B1 question part, for the job seeker: "Deze vragen zijn nog open: of je
# wilt werken, en of je zelf het minimumloon kunt verdienen."
FIELD_QUESTIONS_B1: dict[str, str] = {
    name: entry["b1"] for name, entry in codes.codes()["profile_fields"].items() if "b1" in entry
}
LIFE_DOMAIN_LABELS: dict[str, str] = codes.labels("life_domains", "coach")
# Zelfredzaamheid-Matrix scale (DOMAIN.md §"What the intake gathers", 5).
LIFE_DOMAIN_SCALE: dict[int, str] = codes.labels("scale", "coach")
