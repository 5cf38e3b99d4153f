"""The beheerder's pages: users, retention, purge, inzage and erasure requests, audit log."""

from __future__ import annotations

import json
import re

from fastapi import APIRouter, Depends, Form, Request
from starlette.responses import RedirectResponse, Response

from bot.storage import IntakeFilter, NotFound, ValidationError
from bot.storage.models import ROLES
from bot.storage.policy import LIMITS
from bot.web.deps import CurrentUser, render, require, require_post

router = APIRouter(prefix="/beheer", include_in_schema=False)
ADMIN = ("beheerder",)


@router.get("")
def admin_home(user: CurrentUser = Depends(require(*ADMIN))) -> Response:
    return RedirectResponse("/beheer/gebruikers", status_code=303)


def _users_page(request: Request, *, error: str | None = None, form: dict | None = None,
                status_code: int = 200) -> Response:
    return render(request, "admin_users.html", {
        "users": request.app.state.store.list_users(), "roles": ROLES, "error": error,
        "form": form or {},
    }, status_code=status_code)


@router.get("/gebruikers")
def users_page(request: Request, user: CurrentUser = Depends(require(*ADMIN))) -> Response:
    request.app.state.store.record_audit(user.actor, "users_view")
    return _users_page(request)


@router.post("/gebruikers")
def create_user(
    request: Request,
    username: str = Form(""),
    display_name: str = Form(""),
    role: str = Form(""),
    school_name: str = Form(""),
    password: str = Form(""),
    user: CurrentUser = Depends(require_post(*ADMIN)),
) -> Response:
    try:
        request.app.state.store.create_user(
            username, password, role, school_name=school_name or None,
            display_name=display_name or None, actor=user.actor,
        )
    except ValidationError as exc:
        form = {"username": username, "display_name": display_name, "role": role,
                "school_name": school_name}
        return _users_page(request, error=str(exc), form=form, status_code=400)
    return RedirectResponse("/beheer/gebruikers?melding=gebruiker", status_code=303)


@router.post("/gebruikers/{user_id}/actief")
def set_active(
    user_id: int,
    request: Request,
    actief: str = Form(""),
    user: CurrentUser = Depends(require_post(*ADMIN)),
) -> Response:
    try:
        request.app.state.store.set_user_active(user_id, actief == "1", user.actor)
    except ValidationError as exc:
        return _users_page(request, error=str(exc), status_code=400)
    return RedirectResponse("/beheer/gebruikers?melding=actief", status_code=303)


@router.post("/gebruikers/{user_id}/wachtwoord")
def reset_password(
    user_id: int,
    request: Request,
    password: str = Form(""),
    user: CurrentUser = Depends(require_post(*ADMIN)),
) -> Response:
    try:
        request.app.state.store.reset_password(user_id, password, user.actor)
    except ValidationError as exc:
        return _users_page(request, error=str(exc), status_code=400)
    return RedirectResponse("/beheer/gebruikers?melding=wachtwoord", status_code=303)


def _retention_page(request: Request, *, error: str | None = None, report: dict | None = None,
                    status_code: int = 200) -> Response:
    from bot.privacy.retention import purge

    state = request.app.state
    preview = purge(state.store, state.settings.retention, dry_run=True)
    return render(request, "admin_retention.html", {
        "policy": state.store.retention_policy(state.settings.retention).as_dict(),
        "defaults": state.settings.retention,
        "limits": LIMITS,
        "preview": preview.as_dict(),
        "report": report,
        "error": error,
        "interval": state.settings.purge_interval_hours,
    }, status_code=status_code)


@router.get("/bewaartermijnen")
def retention_page(request: Request, user: CurrentUser = Depends(require(*ADMIN))) -> Response:
    return _retention_page(request)


@router.post("/bewaartermijnen")
async def update_retention(
    request: Request, user: CurrentUser = Depends(require_post(*ADMIN))
) -> Response:
    from fastapi.concurrency import run_in_threadpool

    form = await request.form()
    changes: dict[str, int] = {}
    error = None
    for name in LIMITS:
        raw = str(form.get(name) or "").strip()
        if not raw:
            continue
        if not raw.isdigit():
            error = "Vul voor elke termijn een heel aantal dagen in."
            break
        changes[name] = int(raw)
    if error is None:
        try:
            await run_in_threadpool(request.app.state.store.update_retention, changes, user.actor)
        except ValidationError as exc:
            error = str(exc)
    if error:
        return await run_in_threadpool(
            lambda: _retention_page(request, error=error, status_code=400)
        )
    return RedirectResponse("/beheer/bewaartermijnen?melding=bewaartermijnen", status_code=303)


@router.post("/opschonen")
def purge_now(request: Request, user: CurrentUser = Depends(require_post(*ADMIN))) -> Response:
    from bot.privacy.retention import purge

    state = request.app.state
    report = purge(state.store, state.settings.retention, actor=user.actor,
                   tracker_url=state.settings.tracker_database_url)
    return _retention_page(request, report=report.as_dict())


@router.get("/personen")
def persons_page(request: Request, user: CurrentUser = Depends(require(*ADMIN))) -> Response:
    q = request.query_params.get("q", "").strip()[:200]
    matches = []
    if q:
        # Only the beheerder's lookup for an inzage/erasure request: minimal fields shown.
        items, _ = request.app.state.store.overview(
            user.actor, IntakeFilter(q=q), limit=50, action="person_lookup"
        )
        matches = [{"sender_id": i["sender_id"], "name": (i["profile"] or {}).get("name"),
                    "created_at": i["created_at"]} for i in items]
    return render(request, "admin_persons.html", {"q": q, "matches": matches, "error": None,
                                                  "report": None})


@router.post("/personen/inzage")
def person_export(
    request: Request,
    sender_id: str = Form(""),
    user: CurrentUser = Depends(require_post(*ADMIN)),
) -> Response:
    from bot.privacy.inzage import export_person

    sender_id = sender_id.strip()
    try:
        document = export_person(request.app.state.store, sender_id, user.actor)
    except NotFound:
        return render(request, "admin_persons.html", {
            "q": "", "matches": [], "report": None,
            "error": "Onder dit kenmerk is niets opgeslagen.",
        }, status_code=404)
    safe = re.sub(r"[^A-Za-z0-9_-]", "_", sender_id)[:60]
    return Response(json.dumps(document, ensure_ascii=False, indent=2),
                    media_type="application/json",
                    headers={"Content-Disposition": f'attachment; filename="inzage-{safe}.json"'})


@router.post("/personen/wissen")
def person_erase(
    request: Request,
    sender_id: str = Form(""),
    bevestiging: str = Form(""),
    user: CurrentUser = Depends(require_post(*ADMIN)),
) -> Response:
    from bot.privacy.erasure import erase_person

    sender_id = sender_id.strip()
    if not sender_id or bevestiging.strip() != sender_id:
        return render(request, "admin_persons.html", {
            "q": "", "matches": [], "report": None,
            "error": "Typ het kenmerk nog een keer ter bevestiging. Er is niets gewist.",
        }, status_code=400)
    report = erase_person(request.app.state.store, sender_id, user.actor,
                          tracker_url=request.app.state.settings.tracker_database_url)
    return render(request, "admin_persons.html",
                  {"q": "", "matches": [], "error": None, "report": report})


@router.get("/logboek")
def audit_page(request: Request, user: CurrentUser = Depends(require(*ADMIN))) -> Response:
    params = request.query_params
    filters = {key: params.get(key, "").strip()[:255] or None
               for key in ("sender_id", "actor", "action")}
    try:
        page = max(1, int(params.get("pagina", "1")))
    except ValueError:
        page = 1
    store = request.app.state.store
    entries = store.audit_entries(**filters, limit=101, offset=(page - 1) * 100)
    store.record_audit(user.actor, "audit_view", None,
                       {k: v for k, v in filters.items() if v})
    return render(request, "admin_audit.html", {
        "entries": entries[:100], "has_more": len(entries) > 100, "page": page,
        "filters": {k: v or "" for k, v in filters.items()},
    })
