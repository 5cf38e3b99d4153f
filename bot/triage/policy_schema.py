"""The shape of a policy file as pydantic (v1) models: which keys each object has, which are
required, and what each key holds.

``policy_reader.py`` walks a policy's YAML with these models: an object's allowed and required
keys (and their order in an error message) are the model's fields, so the file's schema is
written once, here. The reader then checks the values and words every error in Dutch with the
file, the key path and the line (``PolicyError``); docs/triage.md documents the same schema.
"""

from __future__ import annotations

from functools import cache
from typing import Any, Union

from pydantic import BaseModel, Extra

Text = str
# A reason text: one text, or a list of parts (``text`` with an optional ``when``).
Reason = Union[str, list[Union[str, "ReasonPart"]]]  # noqa: UP007
Condition = Any  # a ``when`` condition: conditions.py reads and checks it


class _Entry(BaseModel):
    class Config:
        extra = Extra.forbid


class ReasonPart(_Entry):
    text: Text
    when: Condition | None = None


class RouteEntry(_Entry):
    # The route's name: bot/codes.yml (audiences coach and b1) unless the policy words it.
    label: Text | None = None
    label_b1: Text | None = None
    b1: Text
    coach: Text
    source: Text


class Parameters(_Entry):
    twijfel_rulers: list[Text]
    twijfel_min_motivation: float
    keep_support_keywords: list[Text]
    keep_support_employee_skills: list[Text]
    school_end_months: float | None = None
    school_end_age: float | None = None


class RuleEntry(_Entry):
    id: Text
    stage: Text  # safety | ips | route | referral
    route: Text | None = None
    when: Condition | None = None
    coach: Reason
    b1: Reason
    source: Text
    referrals: list[Text] | None = None
    urgent: bool | None = None


class FallbackEntry(_Entry):
    id: Text
    coach: Reason
    b1: Reason
    source: Text
    route: Text


class NoticeEntry(_Entry):
    id: Text
    coach: Reason
    b1: Reason
    source: Text
    referrals: list[Text] | None = None


class Notices(_Entry):
    missing: NoticeEntry
    ips_twijfel: NoticeEntry | None = None
    crisis: NoticeEntry | None = None


class WarningEntry(_Entry):
    id: Text
    when: Condition
    coach: Reason
    source: Text


class Alternative(_Entry):
    value: Any
    als: Text


class UnknownEntry(_Entry):
    field: Text
    assume: Any
    why: Text
    alternatives: list[Alternative]


# Each weight 0-1000; at least one above 0.
class ReadinessWeights(_Entry):
    willen: float
    kunnen: float
    stabiliteit: float


class WillenWeights(_Entry):
    wants_to_work: float
    motivation: float
    droombaan: float
    work_values: float


class KunnenWeights(_Entry):
    education: float
    work_experience: float
    skills: float
    hours_per_week: float
    employee_skills: float
    can_start_within_6_months: float


class StabiliteitWeights(_Entry):
    mean: float
    min: float


# Points 0-100 per answer; the keys of ``wants_to_work``, ``employee_skills``, ``education``
# and ``domain_points`` are the profile's own codes (bot/profile/models.py).
class Willen(_Entry):
    weights: WillenWeights
    wants_to_work: dict[str, float]


class Kunnen(_Entry):
    weights: KunnenWeights
    education: dict[str, float]
    work_experience: list[float]
    skills: list[float]
    hours_full: float
    employee_skills: dict[str, float]
    can_start_within_6_months: dict[bool, float]


class Stabiliteit(_Entry):
    weights: StabiliteitWeights
    domain_points: dict[int, float]
    undiscussed: int


class Readiness(_Entry):
    neutral: float
    weights: ReadinessWeights
    willen: Willen
    kunnen: Kunnen
    stabiliteit: Stabiliteit


class PolicyFile(_Entry):
    name: Text
    version: str | int | float
    description: Text | None = None
    routes: dict[str, RouteEntry]
    parameters: Parameters
    unknowns: list[UnknownEntry]
    readiness: Readiness
    rules: list[RuleEntry]
    fallback: FallbackEntry
    notices: Notices
    warnings: list[WarningEntry] | None = None


ReasonPart.update_forward_refs()


@cache
def keys(model: type[BaseModel]) -> dict[str, bool]:
    """The keys an object of ``model`` may have, in order, each with whether it is required."""
    return {name: field.required for name, field in model.__fields__.items()}
