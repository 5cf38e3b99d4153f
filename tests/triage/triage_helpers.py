"""Shared test data for the triage tests (imported by the test modules and conftest)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

VIGNETTE_DIR = Path(__file__).with_name("vignettes")
REPO_ROOT = Path(__file__).resolve().parents[2]

# Bases the vignettes start from; each vignette overrides top-level fields.
BASES: dict[str, dict[str, Any]] = {
    # Every routing answer known; lands on jobcoaching with no referrals.
    "volledig": {
        "respondent": "self",
        "age": 24,
        "benefit": "bijstand",
        "droombaan": "kok in een restaurant",
        "wants_to_work": "ja",
        "motivation": {"importance": 8, "confidence": 6, "readiness": 7},
        "work_values": ["inkomen", "collega's"],
        "education": "mbo2",
        "work_experience": ["stage in een keuken"],
        "skills": ["koken"],
        "hours_per_week": 24,
        "can_start_within_6_months": True,
        "can_earn_minimum_wage_alone": False,
        "support_needs": ["vacatures zoeken", "sollicitatiegesprek"],
        "in_ggz_treatment": False,
        "severe_mental_illness": False,
        "employee_skills": "goed",
        "life_domains": {},
        "crisis": False,
        "crisis_signals": [],
    },
    # The example of contract §2.
    "contract": {
        "respondent": "self",
        "age": 19,
        "school": {"type": "VSO", "uitstroomprofiel": "arbeidsmarkt"},
        "benefit": "bijstand",
        "droombaan": "kok in een restaurant",
        "wants_to_work": "ja",
        "motivation": {"importance": 8, "confidence": 6, "readiness": 7},
        "work_values": ["inkomen", "collega's", "leren"],
        "education": "PrO",
        "work_experience": ["stage in een keuken"],
        "skills": ["koken", "netjes werken"],
        "hours_per_week": 24,
        "can_start_within_6_months": True,
        "can_earn_minimum_wage_alone": False,
        "support_needs": ["vacatures zoeken", "sollicitatiegesprek", "inwerken op de werkvloer"],
        "in_ggz_treatment": False,
        "severe_mental_illness": False,
        "life_domains": {"financien": 3, "wonen": 4},
        "crisis": False,
    },
    "leeg": {},
}


def make_profile(base: str = "volledig", **overrides: Any) -> dict[str, Any]:
    profile = copy.deepcopy(BASES[base])
    profile.update(copy.deepcopy(overrides))
    return profile


def load_vignettes() -> list[dict[str, Any]]:
    vignettes = []
    for path in sorted(VIGNETTE_DIR.glob("*.yml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")):
            item["file"] = path.name
            vignettes.append(item)
    return vignettes
