"""PrO/VSO schools in the workspace: batch pre-screening lists, the school link, and the
beheerder's page that makes school codes.

A school uploads a CSV or JSON list of pupils, sees the advice per pupil with its reasons,
corrects a row (assessed again at once), and sends the list to the municipality. Klantbegeleiders
see the lists that were sent. Rows with a mistake are shown with the field and column at fault;
the other rows get their advice all the same.
"""

from __future__ import annotations

import csv
import io
import re

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from starlette.responses import RedirectResponse, Response

from bot.storage import ValidationError
from bot.storage.batches import shown_code
from bot.triage.batch import (
    TEMPLATE_COLUMNS,
    BatchFileError,
    assess_cells,
    read_upload,
    template_csv,
)
from bot.web.deps import CurrentUser, render, require, require_post

router = APIRouter(include_in_schema=False)
READERS = ("klantbegeleider", "school")
SCHOOL = ("school",)
ADMIN = ("beheerder",)
FLASH = {
    "gemaakt": "De lijst is gemaakt. Bekijk het advies per leerling.",
    "rij": "De rij is verbeterd en opnieuw beoordeeld.",
    "rij_weg": "De rij is weggehaald.",
    "verstuurd": "De lijst is verstuurd naar de gemeente.",
    "weg": "De lijst is verwijderd.",
    "code": "De nieuwe schoolcode is gemaakt. De oude code werkt niet meer.",
}


def _flash(request: Request) -> str | None:
    return FLASH.get(request.query_params.get("melding", ""))


def school_link(request: Request, code: str | None) -> str | None:
    if not code:
        return None
    return str(request.base_url).rstrip("/") + "/?school=" + shown_code(code)


# --- lists ---------------------------------------------------------------------------------


def _lists_page(request: Request, user: CurrentUser, *, error: str | None = None,
                title: str = "", status_code: int = 200) -> Response:
    store = request.app.state.store
    code = None
    if user.role == "school" and user.school_name:
        code = store.school_code(user.school_name)
    return render(request, "school_batches.html", {
        "batches": store.list_batches(user.actor),
        "error": error,
        "title": title,
        "school_flash": _flash(request),
        "code": shown_code(code) if code else None,
        "link": school_link(request, code),
        "columns": TEMPLATE_COLUMNS,
    }, status_code=status_code)


@router.get("/scholen/lijsten")
def lists(request: Request, user: CurrentUser = Depends(require(*READERS))) -> Response:
    return _lists_page(request, user)


@router.post("/scholen/lijsten")
async def upload(
    request: Request,
    titel: str = Form(""),
    bestand: UploadFile | None = File(None),
    user: CurrentUser = Depends(require_post(*SCHOOL)),
) -> Response:
    if bestand is None or not bestand.filename:
        return _lists_page(request, user, title=titel, status_code=400,
                           error="Kies eerst een bestand (CSV of JSON).")
    raw = await bestand.read()
    try:
        rows = read_upload(bestand.filename, raw, user.school_name or "")
    except BatchFileError as exc:
        return _lists_page(request, user, title=titel, status_code=400, error=str(exc))
    title = titel.strip() or re.sub(r"\.(csv|json)$", "", bestand.filename, flags=re.I)
    batch_id = request.app.state.store.create_batch(user.actor, title, rows)
    return RedirectResponse(f"/scholen/lijsten/{batch_id}?melding=gemaakt", status_code=303)


@router.get("/scholen/lijsten/{batch_id}")
def batch_page(batch_id: int, request: Request,
               user: CurrentUser = Depends(require(*READERS))) -> Response:
    return _batch(request, user, batch_id)


def _batch(request: Request, user: CurrentUser, batch_id: int, *, error: str | None = None,
           status_code: int = 200) -> Response:
    batch = request.app.state.store.view_batch(batch_id, user.actor)
    return render(request, "school_batch.html", {
        "batch": batch, "error": error, "school_flash": _flash(request),
        "editable": user.role == "school" and batch["status"] == "concept",
    }, status_code=status_code)


@router.get("/scholen/lijsten/{batch_id}/rij/{position}")
def row_form(batch_id: int, position: int, request: Request,
             user: CurrentUser = Depends(require(*SCHOOL))) -> Response:
    batch = request.app.state.store.view_batch(batch_id, user.actor, action="batch_row_view")
    row = next((r for r in batch["rows"] if r["position"] == position), None)
    if row is None:
        from bot.storage import NotFound

        raise NotFound(f"row {position}")
    return render(request, "school_row.html", {"batch": batch, "row": row, "error": None})


@router.post("/scholen/lijsten/{batch_id}/rij/{position}")
async def row_save(batch_id: int, position: int, request: Request,
                   user: CurrentUser = Depends(require_post(*SCHOOL))) -> Response:
    store = request.app.state.store
    batch = store.view_batch(batch_id, user.actor, action="batch_row_view")
    row = next((r for r in batch["rows"] if r["position"] == position), None)
    if row is None:
        from bot.storage import NotFound

        raise NotFound(f"row {position}")
    form = await request.form()
    # Only the row's own columns, in their order: nothing else can be slipped in.
    cells = {name: str(form.get(f"cel-{i}", ""))[:500] for i, name in enumerate(row["cells"])}
    assessed = assess_cells(cells, position, row["line"], batch["school_name"])
    try:
        store.update_batch_row(batch_id, user.actor, assessed)
    except ValidationError as exc:
        return _batch(request, user, batch_id, error=str(exc), status_code=400)
    return RedirectResponse(f"/scholen/lijsten/{batch_id}?melding=rij#rij-{position}",
                            status_code=303)


@router.post("/scholen/lijsten/{batch_id}/rij/{position}/verwijderen")
def row_delete(batch_id: int, position: int, request: Request,
               user: CurrentUser = Depends(require_post(*SCHOOL))) -> Response:
    try:
        request.app.state.store.delete_batch_row(batch_id, user.actor, position)
    except ValidationError as exc:
        return _batch(request, user, batch_id, error=str(exc), status_code=400)
    return RedirectResponse(f"/scholen/lijsten/{batch_id}?melding=rij_weg", status_code=303)


@router.post("/scholen/lijsten/{batch_id}/versturen")
def send(batch_id: int, request: Request,
         user: CurrentUser = Depends(require_post(*SCHOOL))) -> Response:
    try:
        request.app.state.store.send_batch(batch_id, user.actor)
    except ValidationError as exc:
        return _batch(request, user, batch_id, error=str(exc), status_code=400)
    return RedirectResponse(f"/scholen/lijsten/{batch_id}?melding=verstuurd", status_code=303)


@router.post("/scholen/lijsten/{batch_id}/verwijderen")
def delete(batch_id: int, request: Request,
           user: CurrentUser = Depends(require_post(*SCHOOL))) -> Response:
    try:
        request.app.state.store.delete_batch(batch_id, user.actor)
    except ValidationError as exc:
        return _batch(request, user, batch_id, error=str(exc), status_code=400)
    return RedirectResponse("/scholen/lijsten?melding=weg", status_code=303)


@router.get("/scholen/lijsten/{batch_id}/advies.csv")
def export(batch_id: int, request: Request,
           user: CurrentUser = Depends(require(*READERS))) -> Response:
    batch = request.app.state.store.view_batch(batch_id, user.actor, action="batch_export")
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["rij", "naam", "advies", "urgent", "readiness", "redenen",
                     "doorverwijzingen", "fout"])
    for row in batch["rows"]:
        advice = row["advice"] or {}
        writer.writerow([
            row["position"], row["name"] or "", advice.get("route", ""),
            "ja" if advice.get("urgent") else "", (advice.get("readiness") or {}).get("score", ""),
            " | ".join(advice.get("reasons") or []), " | ".join(advice.get("referrals") or []),
            " | ".join(f'{e.get("column") or e["field"]}: {e["message"]}' for e in row["errors"]),
        ])
    return Response("\ufeff" + out.getvalue(), media_type="text/csv; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="advies-lijst-{batch_id}.csv"',
    })


@router.get("/scholen/sjabloon.csv")
def template(request: Request, voorbeeld: str = "",
             user: CurrentUser = Depends(require(*READERS))) -> Response:
    name = "voorbeeld-leerlingen.csv" if voorbeeld else "sjabloon-leerlingen.csv"
    return Response(template_csv(with_examples=bool(voorbeeld)),
                    media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


# --- the beheerder: school codes ----------------------------------------------------------------


@router.get("/beheer/scholen")
def schools_page(request: Request, user: CurrentUser = Depends(require(*ADMIN))) -> Response:
    store = request.app.state.store
    store.record_audit(user.actor, "school_codes_view")
    names = sorted({u["school_name"] for u in store.list_users()
                    if u["role"] == "school" and u["school_name"]}, key=str.lower)
    codes = store.school_codes()
    schools = [{"name": n, "code": shown_code(codes[n.lower()]) if n.lower() in codes else None,
                "link": school_link(request, codes.get(n.lower()))} for n in names]
    return render(request, "admin_schools.html",
                  {"schools": schools, "school_flash": _flash(request)})


@router.post("/beheer/scholen/code")
def renew_code(request: Request, school_name: str = Form(""),
               user: CurrentUser = Depends(require_post(*ADMIN))) -> Response:
    request.app.state.store.renew_school_code(school_name, user.actor)
    return RedirectResponse("/beheer/scholen?melding=code", status_code=303)
