"""``create_app()``: the workspace as one ASGI app (HTML pages, API, exports, static files)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from pathlib import Path

from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot import __version__
from bot.settings import Settings, load_settings
from bot.storage import StorageUnavailable, Store, get_store
from bot.web import (
    api,
    errors,
    routes_admin,
    routes_auth,
    routes_chat,
    routes_figures,
    routes_intakes,
    routes_schools,
    routes_site,
)
from bot.web.csrf import LoginCsrf
from bot.web.templating import make_templates
from bot.web.throttle import make_throttle

log = logging.getLogger(__name__)
STATIC_DIR = Path(__file__).resolve().parent / "static"

CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


class SecurityHeaders:
    """Headers on every response; pages with personal data are never cached."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        is_static = scope["path"].startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                extra = {
                    b"content-security-policy": CSP.encode(),
                    b"x-content-type-options": b"nosniff",
                    b"x-frame-options": b"DENY",
                    b"referrer-policy": b"same-origin",
                    b"cross-origin-opener-policy": b"same-origin",
                }
                if not is_static:
                    extra[b"cache-control"] = b"no-store"
                if scope.get("scheme") == "https":
                    # Once seen over https, browsers refuse plain http for a year.
                    extra[b"strict-transport-security"] = b"max-age=31536000; includeSubDomains"
                headers += [(k, v) for k, v in extra.items() if k not in present]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def _purge_loop(app: FastAPI) -> None:
    """Apply retention now and then every PURGE_INTERVAL_HOURS (all workers may do it: the
    purge is idempotent)."""
    from bot.privacy.retention import purge

    settings: Settings = app.state.settings
    await asyncio.sleep(30)
    while True:
        try:
            report = await run_in_threadpool(
                purge, app.state.store, settings.retention,
                tracker_url=settings.tracker_database_url,
            )
            log.info("retention purge: %s", report.as_dict())
        except StorageUnavailable:
            log.warning("retention purge skipped: database unavailable")
        except Exception:
            log.exception("retention purge failed")
        await asyncio.sleep(settings.purge_interval_hours * 3600)


@contextlib.asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    try:
        await run_in_threadpool(app.state.store.ensure_schema)
    except StorageUnavailable:
        log.error("database unavailable at start-up; pages show an error until it is back")
    task = None
    if app.state.settings.purge_interval_hours > 0:
        task = asyncio.create_task(_purge_loop(app))
    try:
        yield
    finally:
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    settings = settings or load_settings()
    app = FastAPI(
        title="Intake-werkplek API",
        version=__version__,
        description=(
            "Handover summaries of the Supported Employment intake chat. "
            "Authenticate with `Authorization: Bearer <INTAKE_API_TOKEN>`. "
            "`GET /api/intakes/{sender_id}` is contract §4; `GET /api/intakes` lists them."
        ),
        # Swagger UI and ReDoc load scripts from a CDN; the workspace works offline, so only
        # the machine-readable spec is served.
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.store = store or get_store(settings.database_url)
    app.state.secret_key = settings.resolved_secret_key()
    app.state.api_token = settings.resolved_api_token()
    app.state.templates = make_templates()
    app.state.login_csrf = LoginCsrf(app.state.secret_key)
    app.state.throttle = make_throttle(
        settings.redis_url, settings.login_max_failures, settings.login_lockout_seconds,
        store=app.state.store,
    )
    # Wrong API tokens from one address: 10 free, then a pause that doubles (HTTP 429).
    app.state.api_throttle = make_throttle(settings.redis_url, 10, 30, store=app.state.store,
                                           namespace="api")

    app.add_middleware(SecurityHeaders)
    errors.install(app)
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
    app.include_router(api.router)
    app.include_router(routes_auth.router)
    app.include_router(routes_intakes.router)
    app.include_router(routes_figures.router)
    app.include_router(routes_admin.router)
    app.include_router(routes_chat.router)
    app.include_router(routes_site.router)
    app.include_router(routes_schools.router)
    return app
