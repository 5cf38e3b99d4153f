"""CSRF protection for every POST form.

Logged in: the session's random CSRF token (stored server-side with the session) must come
back in the form field ``csrf_token``. Before login (the login form itself): a random nonce in
an HttpOnly cookie and the same nonce, signed with SECRET_KEY and at most an hour old, in the
form. Both are compared in constant time. On top of that, a POST whose ``Origin`` names another
host is refused: browsers send it with every cross-site form post.
"""

from __future__ import annotations

import hmac
import secrets
from urllib.parse import urlsplit

from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.requests import Request

LOGIN_COOKIE = "intake_login_csrf"
FIELD = "csrf_token"
_MAX_AGE = 3600


def same_origin(request: Request) -> bool:
    origin = request.headers.get("origin")
    if not origin or origin == "null":
        # Old browsers / privacy modes send no Origin (or "null" for some redirects);
        # the token check still applies.
        return origin != "null"
    return urlsplit(origin).netloc == request.headers.get("host", "")


def tokens_match(expected: str | None, given: str | None) -> bool:
    if not expected or not given:
        return False
    return hmac.compare_digest(expected.encode(), given.encode())


class LoginCsrf:
    def __init__(self, secret_key: str) -> None:
        self._serializer = URLSafeTimedSerializer(secret_key, salt="login-csrf")

    def issue(self) -> tuple[str, str]:
        """(cookie nonce, form token)."""
        nonce = secrets.token_urlsafe(24)
        return nonce, self._serializer.dumps(nonce)

    def verify(self, cookie_nonce: str | None, form_token: str | None) -> bool:
        if not cookie_nonce or not form_token:
            return False
        try:
            nonce = self._serializer.loads(form_token, max_age=_MAX_AGE)
        except BadSignature:
            return False
        return tokens_match(cookie_nonce, str(nonce))
