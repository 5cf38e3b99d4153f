"""Geometry for the "intakes per route per week" stacked bar chart, drawn as inline SVG.

Computed here, drawn by ``figures.html``: no JavaScript, no CDN, and the template escapes
every text. Colours are from the Okabe–Ito palette (readable with colour blindness), and the
page shows the same numbers in a table.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.storage.models import ROUTES
from bot.storage.stats import TeamFigures
from bot.web.labels import ROUTE_SHORT

SERIES = (*ROUTES, "geen")
COLOURS = {
    "ips": "#0072B2",
    "jobcoaching": "#009E73",
    "wmo": "#D55E00",
    "niet_klaar": "#CC79A7",
    "regulier": "#E69F00",
    "geen": "#7F7F7F",
}


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    title: str


@dataclass
class Chart:
    width: int = 720
    height: int = 300
    left: int = 40
    bottom: int = 40
    top: int = 10
    bars: list[Bar] = field(default_factory=list)
    ticks: list[tuple[float, int]] = field(default_factory=list)  # (y, value)
    labels: list[tuple[float, str]] = field(default_factory=list)  # (x centre, week)
    legend: list[tuple[str, str]] = field(default_factory=list)  # (colour, name)
    max_value: int = 0


def _nice_max(value: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if value <= step * 5:
            return max(step * 5, 5) if value else 5
    return value


def build_chart(figures: TeamFigures) -> Chart:
    chart = Chart()
    weeks = figures.weeks or []
    totals = [sum(figures.per_route_week.get(w, {}).values()) for w in weeks]
    top_value = _nice_max(max(totals, default=0))
    chart.max_value = top_value
    plot_h = chart.height - chart.top - chart.bottom
    plot_w = chart.width - chart.left - 10
    slot = plot_w / max(1, len(weeks))
    bar_w = max(4.0, slot * 0.7)
    for step in range(6):
        value = round(top_value * step / 5)
        chart.ticks.append((chart.top + plot_h - plot_h * value / top_value, value))
    every = max(1, len(weeks) // 12)  # keep week labels legible on long periods
    for index, week in enumerate(weeks):
        x = chart.left + index * slot + (slot - bar_w) / 2
        y = chart.top + plot_h
        counts = figures.per_route_week.get(week, {})
        for route in SERIES:
            n = counts.get(route, 0)
            if not n:
                continue
            h = plot_h * n / top_value
            y -= h
            chart.bars.append(Bar(round(x, 1), round(y, 1), round(bar_w, 1), round(h, 1),
                                  COLOURS[route], f"{week}: {ROUTE_SHORT[route]} {n}"))
        if index % every == 0:
            chart.labels.append((round(x + bar_w / 2, 1), week.split("-")[1]))
    chart.legend = [(COLOURS[r], ROUTE_SHORT[r]) for r in SERIES]
    return chart
