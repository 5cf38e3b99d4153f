"""Server-side login sessions: logout and deactivation end a session immediately.

The browser holds a random token; the table holds only an HMAC of it (keyed with SECRET_KEY),
so a copy of the database does not contain usable session cookies.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.storage.models import User, WebSession, utcnow


def token_hash(secret_key: str, token: str) -> str:
    return hmac.new(secret_key.encode(), token.encode(), hashlib.sha256).hexdigest()


def create(session: Session, secret_key: str, user: User, hours: int) -> tuple[str, str]:
    """Start a session; returns (cookie token, CSRF token)."""
    token = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    now = utcnow()
    session.add(
        WebSession(
            token_hash=token_hash(secret_key, token),
            user_id=user.id,
            csrf_token=csrf,
            created_at=now,
            expires_at=now + timedelta(hours=hours),
        )
    )
    # Housekeeping: expired sessions of anyone go when someone logs in.
    session.execute(delete(WebSession).where(WebSession.expires_at < now))
    return token, csrf


def resolve(session: Session, secret_key: str, token: str) -> tuple[User, str] | None:
    """The active user and CSRF token behind a cookie token, or None."""
    if not token:
        return None
    row = session.execute(
        select(WebSession, User)
        .join(User, User.id == WebSession.user_id)
        .where(WebSession.token_hash == token_hash(secret_key, token))
    ).first()
    if row is None:
        return None
    web_session, user = row
    if web_session.expires_at < utcnow() or not user.active:
        return None
    return user, web_session.csrf_token


def end(session: Session, secret_key: str, token: str) -> None:
    session.execute(
        delete(WebSession).where(WebSession.token_hash == token_hash(secret_key, token))
    )


def end_all_for_user(session: Session, user_id: int) -> None:
    session.execute(delete(WebSession).where(WebSession.user_id == user_id))
