"""The job seeker's chat page and a same-origin relay to the Rasa REST channel.

The public chat interface stays Rasa's REST channel (contract §1). The widget (``/widget.js``)
is the accessible way to use it from a browser; the relay keeps the web app's strict
Content-Security-Policy (no cross-origin requests) and never stores anything itself.
"""

from __future__ import annotations

import logging
import os
import re

import aiohttp
from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse, JSONResponse

from bot.web.deps import client_ip

log = logging.getLogger(__name__)
router = APIRouter(include_in_schema=False)
SENDER = re.compile(r"^[A-Za-z0-9_\-]{8,64}$")
MAX_MESSAGE = 20_000  # the bot clips long messages itself and says so; this only stops abuse


def rasa_url() -> str:
    explicit = os.environ.get("RASA_URL")
    if explicit:
        return explicit.rstrip("/")
    return f"http://127.0.0.1:{os.environ.get('RASA_PORT', '5005')}"


@router.get("/chat", response_class=HTMLResponse)
def chat_page(request: Request) -> HTMLResponse:
    """The chat on a page of its own: the widget of ``/widget.js``, shown in the page."""
    from bot.web.routes_site import site_settings

    templates = request.app.state.templates
    return templates.TemplateResponse(request, "chat.html",
                                      {"request": request, "site": site_settings()})


@router.post("/chat/bericht")
async def relay(request: Request) -> JSONResponse:
    try:
        body = await request.json()
    except ValueError:
        return JSONResponse({"error": "Ongeldig bericht."}, status_code=400)
    sender = str(body.get("sender") or "")
    message = body.get("message")
    if not SENDER.match(sender) or not isinstance(message, str) or len(message) > MAX_MESSAGE:
        return JSONResponse({"error": "Ongeldig bericht."}, status_code=400)
    # The chat channel limits messages per client address: tell it who the client is (it
    # believes this header only from a trusted proxy, such as this app on loopback).
    headers = {"X-Forwarded-For": client_ip(request) or ""}
    try:
        timeout = aiohttp.ClientTimeout(total=30)
        async with (
            aiohttp.ClientSession(timeout=timeout) as session,
            session.post(
                f"{rasa_url()}/webhooks/rest/webhook", json={"sender": sender, "message": message},
                headers=headers,
            ) as response,
        ):
            replies = await response.json(content_type=None)
            if response.status == 429 and isinstance(replies, dict):
                # Too many messages: show the channel's Dutch text, keep its Retry-After.
                retry = response.headers.get("Retry-After")
                return JSONResponse(
                    [{"text": str(replies.get("text") or "")}], status_code=429,
                    headers={"Retry-After": retry} if retry else None,
                )
            return JSONResponse(replies if isinstance(replies, list) else [], status_code=200)
    except (aiohttp.ClientError, TimeoutError, ValueError):
        log.warning("chat relay: Rasa server not reachable at %s", rasa_url())
        return JSONResponse(
            [
                {
                    "text": "Sorry, de chat werkt nu even niet. "
                    "Probeer het later opnieuw, of bel de gemeente."
                }
            ],
            status_code=503,
        )
