"""Team figures with a chart: intakes per route and week, urgent share, time to first review,
and how often the coaches' decisions agree with the advice."""

from __future__ import annotations

from datetime import datetime, timedelta

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from bot.web.chart import build_chart
from bot.web.deps import CurrentUser, render, require
from bot.web.labels import ROUTE_SHORT
from bot.web.templating import LOCAL_TZ

router = APIRouter(include_in_schema=False)
PERIODS = (4, 12, 26, 52)


@router.get("/cijfers")
def figures(request: Request,
            user: CurrentUser = Depends(require("klantbegeleider", "beheerder"))) -> Response:
    try:
        weeks = int(request.query_params.get("weken", "12"))
    except ValueError:
        weeks = 12
    if weeks not in PERIODS:
        weeks = 12
    until = datetime.now(LOCAL_TZ).date()
    since = until - timedelta(weeks=weeks) + timedelta(days=1)
    data = request.app.state.store.team_figures(since, until, user.actor)
    overrides = sorted(data.overrides.items(), key=lambda item: -item[1])
    return render(request, "figures.html", {
        "figures": data,
        "chart": build_chart(data),
        "weeks": weeks,
        "periods": PERIODS,
        "route_totals": data.route_totals(),
        "overrides": [(ROUTE_SHORT.get(a, a), ROUTE_SHORT.get(b, b), n) for (a, b), n in overrides],
        "route_names": ROUTE_SHORT,
    })
