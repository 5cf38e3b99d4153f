"""Request-level helpers: who is logged in, role checks, CSRF check, rendering.

Every HTML route declares its roles with ``Depends(require(...))`` (GET) or
``Depends(require_post(...))`` (POST: role check plus CSRF check), so no route can forget one;
``tests/web/test_web_access_control.py`` walks the whole table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import Depends, Request
from starlette.responses import Response

from bot.settings import Settings
from bot.storage import Actor, Store
from bot.web import csrf

SESSION_COOKIE = "intake_session"

# Confirmation messages after a redirect (?melding=code). Only these fixed texts are shown,
# so a crafted link cannot put words in the application's mouth.
FLASH_MESSAGES = {
    "besluit": "Het besluit is opgeslagen.",
    "notitie": "De notitie is opgeslagen.",
    "status": "De status is bijgewerkt.",
    "gebruiker": "De gebruiker is aangemaakt.",
    "actief": "De gebruiker is bijgewerkt.",
    "wachtwoord": "Het wachtwoord is gewijzigd. De gebruiker moet opnieuw inloggen.",
    "bewaartermijnen": "De bewaartermijnen zijn opgeslagen.",
}


class LoginRequired(Exception):
    """No (valid) session: HTML routes redirect to the login page."""


class AccessDenied(Exception):
    """Logged in, but this role may not do this: 403 page."""


class CsrfFailed(Exception):
    """The form's CSRF token is missing or wrong, or the post came from another site."""


@dataclass(frozen=True)
class CurrentUser:
    id: int
    username: str
    display_name: str | None
    role: str
    school_name: str | None
    csrf_token: str
    ip: str | None

    @property
    def actor(self) -> Actor:
        return Actor(self.username, self.role, self.id, self.ip, self.school_name)

    @property
    def shown_name(self) -> str:
        return self.display_name or self.username


def client_ip(request: Request) -> str | None:
    # Behind a reverse proxy run uvicorn with --proxy-headers so this is the real client.
    return request.client.host if request.client else None


def app_store(request: Request) -> Store:
    return request.app.state.store


def app_settings(request: Request) -> Settings:
    return request.app.state.settings


def _resolve(request: Request) -> CurrentUser | None:
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    resolved = app_store(request).resolve_session(request.app.state.secret_key, token)
    if resolved is None:
        return None
    user, csrf_token = resolved
    return CurrentUser(user.id, user.username, user.display_name, user.role, user.school_name,
                       csrf_token, client_ip(request))


def optional_user(request: Request) -> CurrentUser | None:
    user = _resolve(request)
    request.state.user = user
    return user


def current_user(request: Request) -> CurrentUser:
    user = optional_user(request)
    if user is None:
        raise LoginRequired()
    return user


def require(*roles: str):
    """Dependency: a logged-in user with one of ``roles``."""

    def dependency(request: Request, user: CurrentUser = Depends(current_user)) -> CurrentUser:
        if user.role not in roles:
            app_store(request).record_audit(
                user.actor, "access_denied", None, {"path": request.url.path}
            )
            raise AccessDenied()
        return user

    return dependency


def require_post(*roles: str):
    """Dependency for POST forms: role check, then same-origin and CSRF token checks."""
    role_check = require(*roles)

    async def dependency(
        request: Request, user: CurrentUser = Depends(role_check)
    ) -> CurrentUser:
        form = await request.form()  # Starlette caches it; the route can still read fields
        if not csrf.same_origin(request) or not csrf.tokens_match(
            user.csrf_token, str(form.get(csrf.FIELD) or "")
        ):
            raise CsrfFailed()
        return user

    return dependency


def render(
    request: Request, template: str, context: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    user: CurrentUser | None = getattr(request.state, "user", None)
    data: dict[str, Any] = {
        "request": request,
        "user": user,
        "csrf_token": user.csrf_token if user else "",
        "flash": FLASH_MESSAGES.get(request.query_params.get("melding", "")),
    }
    data.update(context or {})
    return request.app.state.templates.TemplateResponse(
        request, template, data, status_code=status_code
    )

