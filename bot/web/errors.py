"""Error handling: clear Dutch pages for people, JSON for the API, never a traceback."""

from __future__ import annotations

import logging
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse, RedirectResponse, Response

from bot.storage import Forbidden, NotFound, StorageUnavailable, ValidationError
from bot.web.deps import AccessDenied, CsrfFailed, LoginRequired

log = logging.getLogger(__name__)

MESSAGES = {
    400: ("Dat verzoek klopt niet", "Controleer wat u invulde en probeer het opnieuw."),
    403: ("Geen toegang", "U heeft geen toegang tot deze pagina of deze gegevens. "
          "Denkt u dat dit niet klopt? Neem contact op met de beheerder."),
    404: ("Niet gevonden", "Deze pagina of intake bestaat niet (meer). Misschien is de "
          "intake verwijderd omdat de bewaartermijn voorbij is."),
    405: ("Dat kan hier niet", "Deze handeling is op deze pagina niet mogelijk."),
    500: ("Er ging iets mis", "Er ging iets mis aan onze kant. Er is niets half opgeslagen. "
          "Probeer het opnieuw; blijft het misgaan, meld het dan bij de beheerder."),
    503: ("De database is even niet bereikbaar",
          "De gegevens kunnen nu niet worden opgehaald of opgeslagen. Er is niets half "
          "opgeslagen. Probeer het over een paar minuten opnieuw. Blijft het misgaan, meld "
          "het dan bij de beheerder."),
}
API_MESSAGES = {
    401: "Missing or invalid API token.",
    403: "Forbidden.",
    404: "Not found.",
    405: "Method not allowed.",
    500: "Internal error.",
    503: "Database unavailable; nothing was written. Retry later.",
}


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def error_response(request: Request, status: int, detail: str | None = None) -> Response:
    if is_api(request):
        return JSONResponse({"detail": detail or API_MESSAGES.get(status, "Error.")},
                            status_code=status)
    title, text = MESSAGES.get(status, MESSAGES[500])
    try:
        from bot.web.deps import render

        return render(request, "error.html",
                      {"title": title, "text": detail or text, "status": status},
                      status_code=status)
    except Exception:  # the template itself failed: fall back to bare, safe text
        log.exception("error page failed")
        return Response(f"{title}. {text}", status_code=status,
                        media_type="text/plain; charset=utf-8")


def install(app: FastAPI) -> None:
    @app.exception_handler(LoginRequired)
    async def _login(request: Request, exc: LoginRequired) -> Response:
        if is_api(request):
            return error_response(request, 401)
        target = request.url.path
        if request.url.query:
            target += "?" + request.url.query
        return RedirectResponse(f"/login?next={quote(target)}", status_code=303)

    @app.exception_handler(AccessDenied)
    async def _denied(request: Request, exc: AccessDenied) -> Response:
        return error_response(request, 403)

    @app.exception_handler(Forbidden)
    async def _forbidden(request: Request, exc: Forbidden) -> Response:
        return error_response(request, 403)

    @app.exception_handler(CsrfFailed)
    async def _csrf(request: Request, exc: CsrfFailed) -> Response:
        return error_response(
            request, 403,
            "Het formulier is verlopen of kwam niet van deze website. Ga terug, "
            "laad de pagina opnieuw en probeer het nog eens.",
        )

    @app.exception_handler(NotFound)
    async def _not_found(request: Request, exc: NotFound) -> Response:
        return error_response(request, 404)

    @app.exception_handler(ValidationError)
    async def _invalid(request: Request, exc: ValidationError) -> Response:
        return error_response(request, 400, str(exc))

    @app.exception_handler(StorageUnavailable)
    async def _db_down(request: Request, exc: StorageUnavailable) -> Response:
        log.error("database unavailable: %s", exc.__cause__ or exc)
        return error_response(request, 503)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        if is_api(request):
            response = JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        else:
            response = error_response(request, exc.status_code)
        for key, value in (exc.headers or {}).items():
            response.headers[key] = value
        return response

    @app.exception_handler(RequestValidationError)
    async def _request_invalid(request: Request, exc: RequestValidationError) -> Response:
        if is_api(request):
            return JSONResponse({"detail": exc.errors()}, status_code=422)
        return error_response(request, 400)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return error_response(request, 500)
