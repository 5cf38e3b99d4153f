"""The intake API (contract §4 plus a list endpoint), documented in ``/openapi.json``.

``Authorization: Bearer <INTAKE_API_TOKEN>``. Missing or wrong token: 401; unknown id: 404;
database down: 503. Every successful read is written to the audit log as actor ``api``.
"""

from __future__ import annotations

import hmac
from datetime import date
from typing import Any  # noqa: UP035 (pydantic v1 needs typing generics)

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse

from bot.storage import IntakeFilter
from bot.storage.audit import API_ACTOR
from bot.storage.models import CHAT_STATUSES, REVIEW_STATUSES, ROUTES
from bot.web.deps import client_ip

bearer = HTTPBearer(auto_error=False, description="The value of INTAKE_API_TOKEN.")


def _nullable_in_schema(schema: dict[str, Any], model: type[BaseModel]) -> None:
    """Pydantic 1 leaves ``null`` out of the schema of an optional field; the API sends null
    for every unknown value (contract §2), so say so (OpenAPI 3.1: ``anyOf`` with null)."""
    for name, model_field in model.__fields__.items():
        prop = schema.get("properties", {}).get(model_field.alias or name)
        if prop is None or not model_field.allow_none:
            continue
        notes = {k: prop.pop(k) for k in ("title", "description", "default") if k in prop}
        inner = prop.pop("allOf")[0] if list(prop) == ["allOf"] else dict(prop)
        prop.clear()
        prop.update(notes, anyOf=[inner, {"type": "null"}])


class _Schema(BaseModel):
    class Config:
        schema_extra = staticmethod(_nullable_in_schema)


class Readiness(_Schema):
    score: int | None = None
    willen: int | None = None
    kunnen: int | None = None
    stabiliteit: int | None = None

    class Config:
        extra = "allow"


class Advice(_Schema):
    """Contract §3 (extension keys such as ``route_label``, ``rules``, ``missing`` may follow)."""

    route: str = Field(..., description="ips | jobcoaching | wmo | niet_klaar | regulier")
    readiness: Readiness | None = None
    reasons: list[str] = []
    referrals: list[str] = []
    urgent: bool = False

    class Config:
        extra = "allow"


class Decision(_Schema):
    chosen_route: str
    advised_route: str | None
    follows_advice: bool
    reason: str | None
    by: str
    created_at: str


class IntakeSummary(_Schema):
    """Contract §4: the stored handover summary. The first six fields are the contract."""

    sender_id: str
    status: str = Field(..., description="complete | incomplete (the chat's status)")
    profile: dict[str, Any] = Field(..., description="Contract §2 intake profile")
    advice: Advice | None = Field(None, description="Contract §3 advice; null while unfinished")
    summary_text: str | None = Field(None, description="Dutch summary for the coach")
    created_at: str = Field(..., description="ISO 8601 UTC, first save")
    updated_at: str | None = None
    completed_at: str | None = None
    urgent: bool = Field(False, description="Crisis signalled during the chat (sticky)")
    review_status: str = Field("nieuw", description="nieuw | in_behandeling | afgerond")
    respondent: str | None = None
    school_name: str | None = None
    route: str | None = Field(None, description="The advised route, copied from advice")
    decision: Decision | None = Field(None, description="The coach's latest decision")
    first_reviewed_at: str | None = None
    transcript_available: bool = False
    transcript_purged_at: str | None = None


class IntakePage(_Schema):
    items: list[IntakeSummary]
    total: int
    limit: int
    offset: int


class ErrorBody(_Schema):
    detail: str


ERRORS = {
    401: {"model": ErrorBody, "description": "Missing or wrong bearer token"},
    429: {"model": ErrorBody, "description": "Too many wrong tokens from this address"},
    503: {"model": ErrorBody, "description": "Database unavailable; nothing was written"},
}

router = APIRouter(prefix="/api", tags=["intakes"])


def check_token(
    request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(bearer)
) -> None:
    expected: str = request.app.state.api_token
    throttle = request.app.state.api_throttle
    ip = client_ip(request)
    wait = throttle.wait_seconds("api", ip)
    if wait:
        raise HTTPException(
            status_code=429,
            detail=f"Too many wrong API tokens from this address; try again in {wait} s.",
            headers={"Retry-After": str(wait)},
        )
    given = credentials.credentials if credentials else ""
    if not (
        credentials
        and credentials.scheme.lower() == "bearer"
        and hmac.compare_digest(given.encode(), expected.encode())
    ):
        throttle.failure("api", ip)
        raise HTTPException(
            status_code=401,
            detail="Missing or invalid API token.",
            headers={"WWW-Authenticate": "Bearer"},
        )


@router.get(
    "/intakes/{sender_id}",
    response_model=IntakeSummary,
    responses={**ERRORS, 404: {"model": ErrorBody, "description": "Unknown sender_id"}},
    summary="One stored handover summary (contract §4)",
    dependencies=[Depends(check_token)],
)
async def get_intake(sender_id: str, request: Request) -> JSONResponse:
    data = await run_in_threadpool(request.app.state.store.api_get_intake, sender_id)
    # Returned as-is (not through the model) so the contract's JSON is exactly what is stored.
    return JSONResponse(data)


@router.get(
    "/intakes",
    response_model=IntakePage,
    responses={**ERRORS, 422: {"description": "A filter value is not valid"}},
    summary="List stored summaries (filters, paging; urgent first, newest first)",
    dependencies=[Depends(check_token)],
)
async def list_intakes(
    request: Request,
    status: str | None = Query(None, description=" | ".join(CHAT_STATUSES)),
    review_status: str | None = Query(None, description=" | ".join(REVIEW_STATUSES)),
    route: str | None = Query(None, description="advised route: " + " | ".join(ROUTES)),
    urgent: bool | None = Query(None),
    school: str | None = Query(None, description="school name (case-insensitive)"),
    date_from: date | None = Query(None, description="created on or after (UTC date)"),
    date_to: date | None = Query(None, description="created on or before (UTC date)"),
    q: str | None = Query(None, max_length=200, description="part of name or droombaan"),
    limit: int = Query(50, ge=1, le=200),
    offset: int = Query(0, ge=0, le=2**31 - 1),  # beyond any count; bigger overflows SQL
) -> JSONResponse:
    flt = IntakeFilter(route=route, urgent=urgent, status=status, review_status=review_status,
                       school=school, date_from=date_from, date_to=date_to, q=q)
    try:
        flt.validate()
    except ValueError as exc:
        return JSONResponse({"detail": str(exc)}, status_code=422)
    items, total = await run_in_threadpool(
        request.app.state.store.overview, API_ACTOR, flt, limit=limit, offset=offset,
        action="api_list",
    )
    return JSONResponse({"items": items, "total": total, "limit": limit, "offset": offset})


@router.get(
    "/health",
    summary="Liveness and database check (no token, no personal data)",
    responses={503: {"description": "Database unavailable"}},
)
async def health(request: Request) -> JSONResponse:
    from bot.storage.outbox import Outbox

    ok = await run_in_threadpool(request.app.state.store.ping)
    body: dict[str, Any] = {"status": "ok" if ok else "database_unavailable"}
    # Chat saves that waited for the database and are not written yet (bot/storage/outbox).
    pending = Outbox().pending()
    if pending:
        body["pending_saves"] = pending
        if ok:
            body["status"] = "catching_up"
    return JSONResponse(body, status_code=200 if ok else 503)
