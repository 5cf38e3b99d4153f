"""Team figures: intakes per route and week, urgent share, time to first review, agreement.

Computed in Python from a few columns, so the same code runs on SQLite and PostgreSQL
(week arithmetic differs between the two SQL dialects); municipal volumes are small.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from statistics import median

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.storage.models import ROUTES, Decision, Intake


@dataclass
class TeamFigures:
    since: date
    until: date
    weeks: list[str] = field(default_factory=list)  # ISO weeks "2025-W03", oldest first
    per_route_week: dict[str, dict[str, int]] = field(default_factory=dict)  # week -> route -> n
    total: int = 0
    urgent: int = 0
    reviewed: int = 0
    hours_to_first_review_median: float | None = None
    hours_to_first_review_mean: float | None = None
    decided: int = 0
    agreed: int = 0
    overrides: Counter = field(default_factory=Counter)  # (advised, chosen) -> n

    @property
    def urgent_share(self) -> float | None:
        return self.urgent / self.total if self.total else None

    @property
    def agreement_rate(self) -> float | None:
        return self.agreed / self.decided if self.decided else None

    def route_totals(self) -> dict[str, int]:
        totals: Counter = Counter()
        for counts in self.per_route_week.values():
            totals.update(counts)
        return {route: totals.get(route, 0) for route in (*ROUTES, "geen")}


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def compute(
    session: Session, since: date, until: date, school_scope: str | None = None
) -> TeamFigures:
    start = datetime.combine(since, datetime.min.time())
    end = datetime.combine(until, datetime.min.time()) + timedelta(days=1)
    figures = TeamFigures(since=since, until=until)

    day = since - timedelta(days=since.weekday())
    while day <= until:
        figures.weeks.append(iso_week(day))
        figures.per_route_week[iso_week(day)] = defaultdict(int)
        day += timedelta(days=7)

    query = select(
        Intake.id, Intake.created_at, Intake.completed_at, Intake.first_reviewed_at,
        Intake.route, Intake.urgent,
    ).where(Intake.created_at >= start, Intake.created_at < end)
    if school_scope is not None:
        query = query.where(Intake.school_name == school_scope)
    rows = session.execute(query).all()
    review_hours: list[float] = []
    ids = []
    for row in rows:
        ids.append(row.id)
        figures.total += 1
        figures.urgent += 1 if row.urgent else 0
        week = iso_week(row.created_at.date())
        figures.per_route_week.setdefault(week, defaultdict(int))[row.route or "geen"] += 1
        if row.first_reviewed_at is not None:
            figures.reviewed += 1
            started = row.completed_at or row.created_at
            review_hours.append(max(0.0, (row.first_reviewed_at - started).total_seconds() / 3600))
    if review_hours:
        figures.hours_to_first_review_median = round(median(review_hours), 3)
        figures.hours_to_first_review_mean = round(sum(review_hours) / len(review_hours), 3)

    if ids:
        # The latest decision per intake counts; earlier ones were corrected.
        latest: dict[int, Decision] = {}
        for decision in session.execute(
            select(Decision).where(Decision.intake_id.in_(ids)).order_by(Decision.id)
        ).scalars():
            latest[decision.intake_id] = decision
        for decision in latest.values():
            if not decision.advised_route:
                continue  # no advice to agree or disagree with
            figures.decided += 1
            if decision.follows_advice:
                figures.agreed += 1
            else:
                figures.overrides[(decision.advised_route, decision.chosen_route)] += 1
    return figures
