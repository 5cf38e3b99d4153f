"""Readiness: willen, kunnen, stabiliteit (0–100 each) and their weighted mean.

The three parts follow the *Integratief gedragsmodel* the Amsterdam study uses (seed 001 §3.3)
and the factors professionals weigh most, belastbaarheid and motivation (seed 004,
"Wetenschappelijke inzichten", Panteia 2021). The score informs and prioritises; the route
never depends on it, so it can never take IPS away from anyone.

Guarantees (tested with hypothesis): every number is an int in 0–100; a higher motivation
ruler or a firmer "ja" never lowers ``willen``; a worse life-domain score never raises
``stabiliteit``. Unknown inputs count as the policy's neutral value and are listed in
``notes``, so the coach sees what the number rests on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.profile import FIELD_LABELS, LIFE_DOMAIN_SCALE, LIFE_DOMAINS


@dataclass(frozen=True)
class ReadinessConfig:
    weights: dict[str, float]  # willen, kunnen, stabiliteit
    neutral: float
    willen_weights: dict[str, float]  # wants_to_work, motivation, droombaan, work_values
    wants_points: dict[str, float]  # ja, twijfel, nee
    kunnen_weights: dict[str, float]
    education_points: dict[str, float]
    experience_points: tuple[float, ...]  # by number of items: 0, 1, 2, ... (last = and more)
    skills_points: tuple[float, ...]
    hours_full: float
    employee_skills_points: dict[str, float]
    can_start_points: dict[bool, float]
    domain_points: dict[int, float]  # 1..5
    undiscussed_score: int
    stabiliteit_weights: dict[str, float]  # mean, min


@dataclass(frozen=True)
class Readiness:
    score: int
    willen: int
    kunnen: int
    stabiliteit: int
    notes: tuple[str, ...]

    def to_dict(self) -> dict[str, int]:
        return {
            "score": self.score,
            "willen": self.willen,
            "kunnen": self.kunnen,
            "stabiliteit": self.stabiliteit,
        }


def readiness(profile: dict[str, Any], cfg: ReadinessConfig) -> Readiness:
    """Score a *normalised* profile (not the one with routing assumptions filled in)."""
    notes: list[str] = []
    willen = _willen(profile, cfg, notes)
    kunnen = _kunnen(profile, cfg, notes)
    stabiliteit = _stabiliteit(profile, cfg, notes)
    parts = {"willen": willen, "kunnen": kunnen, "stabiliteit": stabiliteit}
    score = _weighted(parts, cfg.weights)
    return Readiness(_round(score), willen, kunnen, stabiliteit, tuple(notes))


def _willen(profile: dict[str, Any], cfg: ReadinessConfig, notes: list[str]) -> int:
    unknown: list[str] = []
    parts: dict[str, float] = {}
    answer = profile["wants_to_work"]
    if answer is None:
        unknown.append("wants_to_work")
        parts["wants_to_work"] = cfg.neutral
    else:
        parts["wants_to_work"] = cfg.wants_points[answer]
    rulers = [v for v in (profile["motivation"] or {}).values() if v is not None]
    if rulers:
        # Rulers run 0–10; ×10 puts them on the 0–100 scale.
        parts["motivation"] = 10 * sum(rulers) / len(rulers)
    else:
        unknown.append("motivation")
        parts["motivation"] = cfg.neutral
    # A named droombaan and named work values show a clear picture of what work should bring
    # (seed 001 §3.1 "starten bij de droombaan"; seed 000 "Werk als Waarde"). Their absence is
    # not held against anyone: it counts as neutral.
    parts["droombaan"] = 100.0 if profile["droombaan"] else cfg.neutral
    parts["work_values"] = 100.0 if profile["work_values"] else cfg.neutral
    _note(notes, "Willen", unknown, cfg.neutral)
    return _round(_weighted(parts, cfg.willen_weights))


def _kunnen(profile: dict[str, Any], cfg: ReadinessConfig, notes: list[str]) -> int:
    unknown: list[str] = []
    parts: dict[str, float] = {}
    education = profile["education"]
    if education is None:
        unknown.append("education")
    parts["education"] = (
        cfg.education_points.get(education, cfg.neutral) if education else cfg.neutral
    )
    parts["work_experience"] = _by_count(
        profile["work_experience"], cfg.experience_points, cfg, unknown, "work_experience"
    )
    parts["skills"] = _by_count(profile["skills"], cfg.skills_points, cfg, unknown, "skills")
    hours = profile["hours_per_week"]
    if hours is None:
        unknown.append("hours_per_week")
        parts["hours_per_week"] = cfg.neutral
    else:
        parts["hours_per_week"] = 100.0 * min(hours / cfg.hours_full, 1.0)
    skills = profile["employee_skills"]
    if skills is None:
        unknown.append("employee_skills")
        parts["employee_skills"] = cfg.neutral
    else:
        parts["employee_skills"] = cfg.employee_skills_points[skills]
    start = profile["can_start_within_6_months"]
    if start is None:
        unknown.append("can_start_within_6_months")
        parts["can_start_within_6_months"] = cfg.neutral
    else:
        parts["can_start_within_6_months"] = cfg.can_start_points[start]
    _note(notes, "Kunnen", unknown, cfg.neutral)
    return _round(_weighted(parts, cfg.kunnen_weights))


def _stabiliteit(profile: dict[str, Any], cfg: ReadinessConfig, notes: list[str]) -> int:
    domains: dict[str, int] = profile["life_domains"]
    points = [cfg.domain_points[domains.get(d, cfg.undiscussed_score)] for d in LIFE_DOMAINS]
    # Mean and minimum together: one acute domain must weigh even when nine are fine, and both
    # are non-decreasing in every domain score, so a worse score can never raise the result.
    parts = {"mean": sum(points) / len(points), "min": min(points)}
    if not domains:
        label = LIFE_DOMAIN_SCALE[cfg.undiscussed_score]
        notes.append(
            f"Stabiliteit: geen leefgebieden besproken; gerekend als {label} "
            f"({cfg.undiscussed_score})."
        )
    return _round(_weighted(parts, cfg.stabiliteit_weights))


def _by_count(
    items: list[str] | None,
    points: tuple[float, ...],
    cfg: ReadinessConfig,
    unknown: list[str],
    name: str,
) -> float:
    if items is None:
        unknown.append(name)
        return cfg.neutral
    return points[min(len(items), len(points) - 1)]


def _weighted(parts: dict[str, float], weights: dict[str, float]) -> float:
    total = sum(weights.values())
    return sum(parts[k] * w for k, w in weights.items()) / total


def _round(value: float) -> int:
    # Half up, clamped: Python's round() rounds half to even, which surprises readers.
    return max(0, min(100, int(value + 0.5)))


def _note(notes: list[str], part: str, unknown: list[str], neutral: float) -> None:
    if unknown:
        labels = ", ".join(FIELD_LABELS[name] for name in unknown)
        notes.append(f"{part}: {labels} onbekend; daarvoor telt de neutrale waarde {neutral:g}.")
