"""Workspace accounts and their roles."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.storage.errors import ValidationError
from bot.storage.models import ROLES, User, utcnow
from bot.storage.passwords import hash_password, password_problem
from bot.storage.serialize import iso

_USERNAME = re.compile(r"^[A-Za-z0-9._@-]{2,100}$")


def normalise_username(username: str) -> str:
    return (username or "").strip().lower()


def user_to_dict(user: User) -> dict[str, Any]:
    return {
        "id": user.id,
        "username": user.username,
        "display_name": user.display_name,
        "role": user.role,
        "school_name": user.school_name,
        "active": user.active,
        "created_at": iso(user.created_at),
        "last_login_at": iso(user.last_login_at),
    }


def create_user(
    session: Session,
    username: str,
    password: str,
    role: str,
    *,
    school_name: str | None = None,
    display_name: str | None = None,
) -> User:
    name = normalise_username(username)
    if not _USERNAME.match(name):
        raise ValidationError(
            "Gebruikersnaam: 2 tot 100 tekens, alleen letters, cijfers en . _ @ -"
        )
    if role not in ROLES:
        raise ValidationError(f"Rol moet een van {', '.join(ROLES)} zijn.")
    school = (school_name or "").strip() or None
    if role == "school" and not school:
        raise ValidationError("Een schoolgebruiker heeft een schoolnaam nodig.")
    if role != "school":
        school = None
    problem = password_problem(password)
    if problem:
        raise ValidationError(problem)
    if find_by_username(session, name) is not None:
        raise ValidationError("Die gebruikersnaam bestaat al.")
    user = User(
        username=name,
        display_name=(display_name or "").strip()[:200] or None,
        password_hash=hash_password(password),
        role=role,
        school_name=school,
        active=True,
        created_at=utcnow(),
    )
    session.add(user)
    session.flush()
    return user


def find_by_username(session: Session, username: str) -> User | None:
    return session.execute(
        select(User).where(User.username == normalise_username(username))
    ).scalar_one_or_none()


def count_by_role(session: Session, role: str, *, active_only: bool = True) -> int:
    query = select(func.count(User.id)).where(User.role == role)
    if active_only:
        query = query.where(User.active.is_(True))
    return int(session.execute(query).scalar_one())


def list_users(session: Session) -> list[User]:
    return list(session.execute(select(User).order_by(User.username)).scalars())


def set_password(session: Session, user: User, password: str) -> None:
    problem = password_problem(password)
    if problem:
        raise ValidationError(problem)
    user.password_hash = hash_password(password)
