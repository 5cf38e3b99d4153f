"""Login, logout and changing one's own password."""

from __future__ import annotations

from fastapi import APIRouter, Cookie, Depends, Form, Request
from starlette.responses import RedirectResponse, Response

from bot.storage import ValidationError
from bot.storage.audit import Actor
from bot.web import csrf
from bot.web.deps import (
    SESSION_COOKIE,
    CurrentUser,
    client_ip,
    optional_user,
    render,
    require,
    require_post,
)

router = APIRouter(include_in_schema=False)

ALL_ROLES = ("klantbegeleider", "school", "beheerder")
HOME = {"klantbegeleider": "/intakes", "school": "/intakes", "beheerder": "/beheer"}


def safe_next(target: str | None) -> str | None:
    """Only local paths: a login link must not be able to send people to another site."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    return target


def _login_page(request: Request, *, error: str | None = None, username: str = "",
                next_url: str = "", status_code: int = 200) -> Response:
    nonce, token = request.app.state.login_csrf.issue()
    response = render(request, "login.html", {
        "error": error, "username": username, "next_url": next_url, "login_token": token,
    }, status_code=status_code)
    response.set_cookie(
        csrf.LOGIN_COOKIE, nonce, max_age=3600, httponly=True, samesite="lax",
        secure=request.app.state.settings.cookie_secure, path="/login",
    )
    return response


@router.get("/werkplek")
def home(request: Request, user: CurrentUser | None = Depends(optional_user)) -> Response:
    """The workspace's entry (``/`` is the municipality's demo page with the chat)."""
    if user is None:
        return RedirectResponse("/login", status_code=303)
    return RedirectResponse(HOME.get(user.role, "/login"), status_code=303)


@router.get("/login")
def login_form(request: Request, next: str = "",
               user: CurrentUser | None = Depends(optional_user)) -> Response:
    if user is not None:
        return RedirectResponse(safe_next(next) or HOME[user.role], status_code=303)
    return _login_page(request, next_url=safe_next(next) or "")


@router.post("/login")
def login(
    request: Request,
    username: str = Form(""),
    password: str = Form(""),
    next: str = Form(""),
    csrf_token: str = Form(""),
    login_nonce: str | None = Cookie(None, alias=csrf.LOGIN_COOKIE),
) -> Response:
    state = request.app.state
    username = username.strip()[:100]
    next_url = safe_next(next) or ""
    if not csrf.same_origin(request) or not state.login_csrf.verify(login_nonce, csrf_token):
        return _login_page(request, username=username, next_url=next_url, status_code=403,
                           error="Het inlogformulier was verlopen. Probeer het nog eens.")
    ip = client_ip(request)
    wait = state.throttle.wait_seconds(username, ip)
    if wait:
        state.store.record_audit(Actor(username.lower() or "?", None, None, ip), "login_throttled")
        minutes = f"{wait} seconden" if wait < 120 else f"{(wait + 59) // 60} minuten"
        return _login_page(
            request, username=username, next_url=next_url, status_code=429,
            error=f"Te veel mislukte pogingen. Wacht {minutes} en probeer het dan opnieuw.",
        )
    user = state.store.authenticate(username, password, ip) if username and password else None
    if user is None:
        state.throttle.failure(username, ip)
        return _login_page(request, username=username, next_url=next_url, status_code=401,
                           error="Gebruikersnaam of wachtwoord klopt niet.")
    state.throttle.success(username, ip)
    token, _ = state.store.start_session(state.secret_key, user, state.settings.session_hours)
    response = RedirectResponse(next_url or HOME.get(user.role, "/werkplek"), status_code=303)
    response.set_cookie(
        SESSION_COOKIE, token, httponly=True, samesite="lax",
        secure=state.settings.cookie_secure, path="/",
    )
    response.delete_cookie(csrf.LOGIN_COOKIE, path="/login")
    return response


@router.post("/logout")
def logout(request: Request, user: CurrentUser = Depends(require_post(*ALL_ROLES))) -> Response:
    token = request.cookies.get(SESSION_COOKIE, "")
    request.app.state.store.end_session(request.app.state.secret_key, token, user.actor)
    response = RedirectResponse("/login?uitgelogd=1", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/account/wachtwoord")
def password_form(request: Request, user: CurrentUser = Depends(require(*ALL_ROLES))) -> Response:
    return render(request, "password.html", {"error": None, "done": False})


@router.post("/account/wachtwoord")
def change_password(
    request: Request,
    current: str = Form(""),
    new: str = Form(""),
    repeat: str = Form(""),
    user: CurrentUser = Depends(require_post(*ALL_ROLES)),
) -> Response:
    error = None
    if new != repeat:
        error = "De twee nieuwe wachtwoorden zijn niet gelijk."
    else:
        try:
            request.app.state.store.change_own_password(user.id, current, new, user.actor)
        except ValidationError as exc:
            error = str(exc)
    return render(request, "password.html", {"error": error, "done": error is None},
                  status_code=400 if error else 200)
