"""The public pages: the municipality's demo page with the chat widget (``/``), the widget
script itself (``/widget.js``, for any municipal site), and the privacy statement of the chat.

No personal data here and no login. The workspace's entry moved to ``/werkplek``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from fastapi import APIRouter, Request
from starlette.responses import FileResponse, HTMLResponse, Response

from bot.storage import StorageUnavailable

router = APIRouter(include_in_schema=False)
STATIC_DIR = Path(__file__).resolve().parent / "static"
CODE = re.compile(r"^[A-Za-z0-9]{4}-?[A-Za-z0-9]{4}$")


def site_settings() -> dict[str, str]:
    """How the demo page and its widget present the municipality (README: Settings)."""
    return {
        "name": os.environ.get("MUNICIPALITY_NAME", "Gemeente Voorbeeld"),
        "phone": os.environ.get("MUNICIPALITY_PHONE", "14 020"),
        "email": os.environ.get("MUNICIPALITY_EMAIL", "werk@gemeente.example"),
        "hours": os.environ.get("MUNICIPALITY_HOURS", "Op werkdagen van 9 tot 17 uur."),
        "colour": os.environ.get("MUNICIPALITY_COLOUR", "#154273"),
    }


@router.get("/", response_class=HTMLResponse)
def demo_page(request: Request) -> Response:
    code = request.query_params.get("school", "").strip()
    school = None
    if code and CODE.match(code):
        try:
            school = request.app.state.store.school_for_code(code)
        except StorageUnavailable:
            school = None
    context = {
        "request": request, "site": site_settings(),
        "school_code": code if CODE.match(code) else "", "school": school,
    }
    return request.app.state.templates.TemplateResponse(request, "site.html", context)


@router.get("/privacy", response_class=HTMLResponse)
def privacy_page(request: Request) -> Response:
    from bot.conversation.catalogue import municipality_vars

    context = {"request": request, "site": site_settings(), "vars": municipality_vars()}
    return request.app.state.templates.TemplateResponse(request, "privacy.html", context)


@router.get("/widget.js")
def widget_script() -> Response:
    # Short caching: a municipality's page picks up a new version within minutes.
    return FileResponse(
        STATIC_DIR / "widget.js", media_type="text/javascript; charset=utf-8",
        headers={"Cache-Control": "public, max-age=300"},
    )
