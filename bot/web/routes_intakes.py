"""The klantbegeleider's (and school's) pages: overview, detail, decision, notes, exports."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, time, timedelta, timezone
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Request
from starlette.responses import RedirectResponse, Response

from bot.storage import IntakeFilter, ValidationError
from bot.storage.models import REVIEW_STATUSES, ROUTES
from bot.web import labels
from bot.web.deps import CurrentUser, render, require, require_post
from bot.web.pdf import build_summary_pdf
from bot.web.templating import LOCAL_TZ

router = APIRouter(include_in_schema=False)

READERS = ("klantbegeleider", "school")
DECIDERS = ("klantbegeleider",)
PAGE_SIZE = 50


def local_day_start_utc(day: date) -> datetime:
    """Midnight in Amsterdam as a naive UTC datetime (how the database stores times)."""
    local = datetime.combine(day, time.min).replace(tzinfo=LOCAL_TZ)
    return local.astimezone(timezone.utc).replace(tzinfo=None)


def _parse_day(raw: str | None, errors: list[str], label: str) -> date | None:
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        errors.append(f"{label}: vul een datum in als jjjj-mm-dd.")
        return None


def filter_from_query(request: Request) -> tuple[IntakeFilter, dict[str, str], list[str]]:
    """Read the overview's filter form; bad values are dropped with a Dutch message."""
    params = request.query_params
    form = {key: params.get(key, "").strip() for key in
            ("q", "route", "urgent", "status", "behandeling", "van", "tot", "school")}
    errors: list[str] = []
    route = form["route"] if form["route"] in ROUTES else None
    review = form["behandeling"] if form["behandeling"] in REVIEW_STATUSES else None
    status = form["status"] if form["status"] in ("complete", "incomplete") else None
    urgent = {"ja": True, "nee": False}.get(form["urgent"])
    day_from = _parse_day(form["van"], errors, "Vanaf")
    day_to = _parse_day(form["tot"], errors, "Tot en met")
    flt = IntakeFilter(
        route=route,
        urgent=urgent,
        status=status,
        review_status=review,
        school=form["school"] or None,
        date_from=local_day_start_utc(day_from) if day_from else None,
        date_to=local_day_start_utc(day_to + timedelta(days=1)) if day_to else None,
        q=form["q"][:200] or None,
    )
    return flt, form, errors


@router.get("/intakes")
def overview(request: Request, user: CurrentUser = Depends(require(*READERS))) -> Response:
    flt, form, errors = filter_from_query(request)
    try:
        # Clamped: a page number past any count would overflow the SQL offset (a 500).
        page = min(max(1, int(request.query_params.get("pagina", "1"))), 1_000_000)
    except ValueError:
        page = 1
    store = request.app.state.store
    items, total = store.overview(user.actor, flt, limit=PAGE_SIZE,
                                  offset=(page - 1) * PAGE_SIZE)
    today = datetime.now(LOCAL_TZ).date().isoformat()
    base_query = {k: v for k, v in form.items() if v}
    pages = max(1, (total + PAGE_SIZE - 1) // PAGE_SIZE)
    return render(request, "overview.html", {
        "items": items,
        "total": total,
        "form": form,
        "errors": errors,
        "schools": store.school_names() if user.role == "klantbegeleider" else [],
        "today": today,
        "page": page,
        "pages": pages,
        "page_link": lambda n: "/intakes?" + urlencode({**base_query, "pagina": n}),
        "filtered": bool(base_query),
    })


def _detail_context(intake: dict[str, Any]) -> dict[str, Any]:
    advice = intake.get("advice") or {}
    reasons = advice.get("reasons") or []
    reasons_b1 = advice.get("reasons_b1") or []
    profile = intake.get("profile") or {}
    profile_rows = [
        (labels.field_label(key), labels.format_value(value, key))
        for key, value in profile.items()
        if key not in {"unknown"} and value not in (None, "", [], {})
    ]
    return {
        "intake": intake,
        "profile": profile,
        "profile_rows": profile_rows,
        "advice": advice,
        "reasons": reasons,
        "reasons_b1": reasons_b1 if reasons_b1 != reasons else [],
        "rules": [r for r in advice.get("rules") or [] if isinstance(r, dict)],
        "what_if": [w for w in advice.get("what_if") or [] if isinstance(w, dict)],
        # Answers that contradict each other or need checking (triage `warnings`).
        "warnings": labels.coach_warnings(advice),
        "policy": advice.get("policy") if isinstance(advice.get("policy"), dict) else None,
        "readiness": advice.get("readiness") if isinstance(advice.get("readiness"), dict) else {},
        "unknown": labels.unknown_fields(intake),
        "summary_paragraphs": [
            p.strip() for p in re.split(r"\n\s*\n", intake.get("summary_text") or "") if p.strip()
        ],
        "routes": labels.ROUTE_LABELS,
    }


def _show_detail(request: Request, user: CurrentUser, sender_id: str, *,
                 status_code: int = 200, **extra: Any) -> Response:
    intake = request.app.state.store.view_intake(sender_id, user.actor)
    context = _detail_context(intake)
    context.update({"decision_error": None, "note_error": None, "form": {}, **extra})
    return render(request, "detail.html", context, status_code=status_code)


@router.get("/intakes/{sender_id}")
def detail(sender_id: str, request: Request,
           user: CurrentUser = Depends(require(*READERS))) -> Response:
    return _show_detail(request, user, sender_id)


def _back(sender_id: str, flash: str, anchor: str) -> RedirectResponse:
    from urllib.parse import quote

    return RedirectResponse(f"/intakes/{quote(sender_id, safe='')}?melding={flash}#{anchor}",
                            status_code=303)


@router.post("/intakes/{sender_id}/besluit")
def decide(
    sender_id: str,
    request: Request,
    keuze: str = Form(""),
    route: str = Form(""),
    reden: str = Form(""),
    user: CurrentUser = Depends(require_post(*DECIDERS)),
) -> Response:
    try:
        if keuze not in ("advies", "anders"):
            raise ValidationError("Kies: het advies overnemen of een andere route.")
        request.app.state.store.decide(
            sender_id, user.actor, follow_advice=keuze == "advies",
            chosen_route=route or None, reason=reden,
        )
    except ValidationError as exc:
        return _show_detail(request, user, sender_id, status_code=400,
                            decision_error=str(exc),
                            form={"keuze": keuze, "route": route, "reden": reden})
    return _back(sender_id, "besluit", "besluit")


@router.post("/intakes/{sender_id}/notities")
def add_note(
    sender_id: str,
    request: Request,
    tekst: str = Form(""),
    user: CurrentUser = Depends(require_post(*READERS)),
) -> Response:
    try:
        request.app.state.store.add_note(sender_id, user.actor, tekst)
    except ValidationError as exc:
        return _show_detail(request, user, sender_id, status_code=400,
                            note_error=str(exc), form={"tekst": tekst})
    return _back(sender_id, "notitie", "notities")


@router.post("/intakes/{sender_id}/status")
def set_status(
    sender_id: str,
    request: Request,
    status: str = Form(""),
    user: CurrentUser = Depends(require_post(*DECIDERS)),
) -> Response:
    request.app.state.store.set_review_status(sender_id, user.actor, status)
    return _back(sender_id, "status", "status")


def _filename(sender_id: str, extension: str) -> str:
    safe = re.sub(r"[^A-Za-z0-9_-]", "_", sender_id)[:60] or "intake"
    return f"samenvatting-{safe}.{extension}"


@router.get("/intakes/{sender_id}/samenvatting.pdf")
def export_pdf(sender_id: str, request: Request,
               user: CurrentUser = Depends(require(*READERS))) -> Response:
    intake = request.app.state.store.view_intake(sender_id, user.actor, action="export_pdf",
                                                 with_transcript=False)
    content = build_summary_pdf(intake, user.shown_name)
    return Response(content, media_type="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="{_filename(sender_id, "pdf")}"',
    })


@router.get("/intakes/{sender_id}/export.json")
def export_json(sender_id: str, request: Request,
                user: CurrentUser = Depends(require(*READERS))) -> Response:
    intake = request.app.state.store.view_intake(sender_id, user.actor, action="export_json")
    body = json.dumps(intake, ensure_ascii=False, indent=2)
    return Response(body, media_type="application/json", headers={
        "Content-Disposition": f'attachment; filename="{_filename(sender_id, "json")}"',
    })
