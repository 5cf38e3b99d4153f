"""The intake profile of contract §2 as pydantic (v1) models: fields, types, enums and ranges.

These models are the one definition of the profile's shape. ``validate.py`` reads its field
table from them (``FIELD_KINDS``), the triage policy checks its conditions against them, and
``Profile.parse_obj(validate_profile(x))`` turns a normalised profile into a typed object.
Validation itself stays in ``validate.py``: it must accept lenient CSV cells and word every
error in Dutch naming the field, and it runs on the triage hot path (a fast path per value),
which pydantic cannot do as cheaply (docs/triage.md, "Input: strict JSON, lenient cells").
"""

from __future__ import annotations

from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, Extra, Field, StrictBool, StrictStr, confloat, conint, constr

Respondent = Literal["self", "school"]
SchoolType = Literal["PrO", "VSO"]
Uitstroomprofiel = Literal["arbeidsmarkt", "dagbesteding", "vervolgonderwijs"]
Benefit = Literal["bijstand", "wajong", "wia", "geen", "anders"]
WantsToWork = Literal["ja", "nee", "twijfel"]
EmployeeSkills = Literal["goed", "wisselend", "lastig"]
CrisisSignal = Literal["suicide", "violence", "homeless", "other"]
Ruler = Literal["importance", "confidence", "readiness"]
# "in_voorbereiding": being written, comes before the pupil leaves.
DocumentState = Literal["ja", "nee", "in_voorbereiding"]
# How the pupil's work placements (stages) went; "geen": no stage yet.
StageResult = Literal["goed", "wisselend", "lastig", "geen"]
# Contract §2, in the contract's order.
LifeDomain = Literal[
    "financien", "wonen", "gezondheid", "psychisch", "verslaving",
    "thuis", "netwerk", "justitie", "vervoer", "dagbesteding",
]  # fmt: skip
# The known levels of the free-text ``education`` field (contract §2).
EducationLevel = Literal[
    "PrO", "VSO", "entree", "vmbo", "mbo2", "mbo3", "mbo4", "havo", "vwo", "hbo", "wo", "geen",
]  # fmt: skip

Age = conint(strict=True, ge=12, le=100)
# Whole or fractional hours; typing.Union so that field_kind can read the bounds back.
Hours = Union[conint(strict=True, ge=0, le=60), confloat(strict=True, ge=0, le=60)]  # noqa: UP007
RulerScore = conint(strict=True, ge=0, le=10)
DomainScore = conint(strict=True, ge=1, le=5)
# ``leaving_date`` (added to contract §2): the month the pupil leaves school, "YYYY-MM".
LeavingMonth = constr(strict=True, regex=r"^\d{4}-\d{2}$")
LEAVING_YEARS = (2000, 2100)


class School(BaseModel):
    """``school``. Field extras for ``validate.py``: ``always`` - in every normalised school
    (``None`` when unknown); the PrO/VSO leaving specifics (added later to contract §2) are
    only there when known, so profiles without them normalise as before. ``aliases`` - read
    leniently with the spreadsheet words of ``read.SCHOOL_VALUE_ALIASES``."""

    type: SchoolType | None = Field(None, always=True)
    uitstroomprofiel: Uitstroomprofiel | None = Field(None, always=True)
    name: StrictStr | None = Field(None, always=True)
    leaving_date: LeavingMonth | None = Field(None, always=True, kind="leaving_date")
    overgangsdocument: DocumentState | None = Field(None, aliases=True)
    praktijkverklaring: DocumentState | None = Field(None, aliases=True)
    stage: StageResult | None = Field(None, aliases=True)
    stage_text: StrictStr | None = None

    class Config:
        extra = Extra.forbid


class Motivation(BaseModel):
    """The three 0-10 rulers."""

    importance: RulerScore | None = None
    confidence: RulerScore | None = None
    readiness: RulerScore | None = None

    class Config:
        extra = Extra.forbid


class Profile(BaseModel):
    """Contract §2, then the extension fields the conversation fills (all optional).

    ``kind`` (a field extra) names how ``validate.py`` reads a value where the type alone
    does not say it: free text with known levels, or a list of field names.
    """

    respondent: Respondent | None = None
    age: Age | None = None
    school: School | None = None
    benefit: Benefit | None = None
    droombaan: StrictStr | None = None
    wants_to_work: WantsToWork | None = None
    motivation: Motivation | None = None
    work_values: list[StrictStr] | None = None
    education: StrictStr | None = Field(None, kind="education")
    work_experience: list[StrictStr] | None = None
    skills: list[StrictStr] | None = None
    hours_per_week: Hours | None = None
    can_start_within_6_months: StrictBool | None = None
    can_earn_minimum_wage_alone: StrictBool | None = None
    support_needs: list[StrictStr] | None = None
    in_ggz_treatment: StrictBool | None = None
    severe_mental_illness: StrictBool | None = None
    life_domains: dict[LifeDomain, DomainScore] = Field(default_factory=dict)
    crisis: StrictBool | None = None
    # Extension fields filled by the conversation.
    name: StrictStr | None = None
    contact: StrictStr | None = None
    droombaan_alternatives: StrictStr | None = None
    motivation_text: StrictStr | None = None
    employee_skills: EmployeeSkills | None = None
    employee_skills_text: StrictStr | None = None
    education_text: StrictStr | None = None
    start_moment: StrictStr | None = None
    support_needs_text: StrictStr | None = None
    life_domains_text: StrictStr | None = None
    crisis_signals: list[CrisisSignal] | None = None
    wants_human: StrictBool | None = None
    # The questions answered with "weet ik niet": profile field names.
    unknown: list[StrictStr] | None = Field(None, kind="names")

    class Config:
        # A municipality's own ``x_`` columns are kept verbatim (validate.py checks the prefix).
        extra = Extra.allow


def values(literal: Any) -> tuple[Any, ...]:
    """The values of a ``Literal[...]`` type, in their order."""
    return tuple(get_args(literal))


def _bounds(constrained: Any) -> tuple[Any, Any]:
    if get_origin(constrained) is Union:  # int or float, same bounds
        constrained = get_args(constrained)[0]
    return constrained.ge, constrained.le


def field_kind(name: str, model: type[BaseModel] | None = None) -> tuple[str, tuple[Any, ...]]:
    """How ``validate.py`` reads field ``name`` of ``model`` (the profile unless given):
    (kind, enum values or (low, high) bounds).

    Kinds: "enum", "bool", "int", "number", "text", "education", "leaving_date", "list" (of
    text), "enum_list", "names", "school", "motivation", "life_domains".
    """
    model_field = (model or Profile).__fields__[name]
    kind = model_field.field_info.extra.get("kind")
    if kind:
        return kind, ()
    annotation = model_field.outer_type_
    if name == "life_domains":
        return "life_domains", ()
    if annotation is School:
        return "school", ()
    if annotation is Motivation:
        return "motivation", ()
    if get_origin(annotation) is Literal:
        return "enum", values(annotation)
    if get_origin(annotation) in (list, list):
        item = get_args(annotation)[0]
        return ("enum_list", values(item)) if get_origin(item) is Literal else ("list", ())
    if annotation is StrictBool:
        return "bool", ()
    if annotation is StrictStr:
        return "text", ()
    if get_origin(annotation) is Union:
        return "number", _bounds(annotation)
    return "int", _bounds(annotation)
