"""The intake profile (contract §2): a typed model, its code lists and labels, and validation.

* ``models.py``   - the pydantic models (``Profile``, ``School``, ``Motivation``): the one
                    definition of every field, its type, its values and its range;
* ``schema.py``   - the tuples and tables read from the models (``LIFE_DOMAINS``,
                    ``FIELD_KINDS``, ...) and the labels from ``bot/codes.yml``;
* ``validate.py`` - ``validate_profile``: strict JSON or lenient cells, Dutch errors;
* ``read.py``     - the lenient readers (dates, education levels, life-domain keys);
* ``messages.py`` - ``ProfileError`` and the wording of its messages.
"""

from __future__ import annotations

from .messages import ProfileError, unknown_name_message
from .models import Motivation, Profile, School
from .read import (
    SCHOOL_VALUE_ALIASES,
    normalise_domain_key,
    normalise_education,
    read_leaving_date,
    strip_accents,
)
from .schema import (
    AGE_RANGE,
    BENEFITS,
    CRISIS_SIGNALS,
    DOCUMENT_STATES,
    DOMAIN_RANGE,
    EDUCATION_LEVELS,
    EMPLOYEE_SKILLS,
    FIELD_KINDS,
    FIELD_LABELS,
    FIELD_QUESTIONS_B1,
    HOURS_RANGE,
    LEAVING_YEARS,
    LIFE_DOMAIN_LABELS,
    LIFE_DOMAIN_SCALE,
    LIFE_DOMAINS,
    PROFILE_FIELDS,
    RESPONDENTS,
    RULER_RANGE,
    RULERS,
    SCHOOL_FIELDS,
    SCHOOL_TYPES,
    SCHOOL_YEAR_END_MONTH,
    STAGE_RESULTS,
    UITSTROOMPROFIELEN,
    WANTS_TO_WORK,
)
from .validate import validate_profile

__all__ = [
    "AGE_RANGE", "BENEFITS", "CRISIS_SIGNALS", "DOCUMENT_STATES", "DOMAIN_RANGE",
    "EDUCATION_LEVELS", "EMPLOYEE_SKILLS", "FIELD_KINDS", "FIELD_LABELS", "FIELD_QUESTIONS_B1",
    "HOURS_RANGE", "LEAVING_YEARS", "LIFE_DOMAINS", "LIFE_DOMAIN_LABELS", "LIFE_DOMAIN_SCALE",
    "PROFILE_FIELDS", "RESPONDENTS", "RULERS", "RULER_RANGE", "SCHOOL_FIELDS",
    "SCHOOL_TYPES", "SCHOOL_VALUE_ALIASES", "SCHOOL_YEAR_END_MONTH", "STAGE_RESULTS",
    "UITSTROOMPROFIELEN", "WANTS_TO_WORK", "Motivation", "Profile", "ProfileError", "School",
    "normalise_domain_key", "normalise_education", "read_leaving_date", "strip_accents",
    "unknown_name_message", "validate_profile",
]  # fmt: skip
