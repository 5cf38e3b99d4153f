"""School codes and batch pre-screening lists: the queries behind ``Store``'s school methods.

Access (checked by ``Store``): a school user reads and changes only the lists of its own school;
a klantbegeleider reads only lists that a school has sent. Nothing here writes the audit log:
the store does that in the same transaction.
"""

from __future__ import annotations

import secrets
from collections import Counter
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from bot.storage.models import SchoolBatch, SchoolBatchRow, SchoolCode, utcnow
from bot.storage.serialize import iso

# No 0/O, 1/I/L and no vowels: easy to read aloud and type, and never spells a word.
CODE_ALPHABET = "BCDFGHJKMNPQRSTVWXZ23456789"


def normalise_code(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def shown_code(code: str) -> str:
    """``K7M3QX9P`` -> ``K7M3-QX9P`` (how it is printed for people)."""
    return f"{code[:4]}-{code[4:]}" if len(code) == 8 else code


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


def code_for_school(session: Session, school_name: str) -> SchoolCode | None:
    return session.execute(
        select(SchoolCode).where(func.lower(SchoolCode.school_name) == school_name.lower())
    ).scalar_one_or_none()


def school_for_code(session: Session, code: str) -> str | None:
    row = session.get(SchoolCode, normalise_code(code))
    return row.school_name if row else None


def renew_code(session: Session, school_name: str, created_by: str) -> str:
    old = code_for_school(session, school_name)
    if old is not None:
        session.delete(old)
        session.flush()
    code = new_code()
    while session.get(SchoolCode, code) is not None:  # astronomically rare; stay safe
        code = new_code()
    session.add(SchoolCode(code=code, school_name=school_name, created_by=created_by))
    return code


def list_codes(session: Session) -> dict[str, str]:
    rows = session.execute(select(SchoolCode)).scalars()
    return {row.school_name.lower(): row.code for row in rows}


# --- batches ----------------------------------------------------------------------------------


def create(
    session: Session, school_name: str, title: str, created_by: str, rows: list[Any]
) -> SchoolBatch:
    batch = SchoolBatch(
        school_name=school_name, title=title, status="concept", created_by=created_by,
        created_at=utcnow(), updated_at=utcnow(),
    )
    for row in rows:
        batch.rows.append(_row_model(row))
    session.add(batch)
    session.flush()
    return batch


def _row_model(row: Any) -> SchoolBatchRow:
    return SchoolBatchRow(
        position=row.position, line=row.line, cells=row.cells, profile=row.profile,
        advice=row.advice, errors=row.errors or None, updated_at=utcnow(),
    )


def replace_row(batch: SchoolBatch, position: int, row: Any) -> SchoolBatchRow | None:
    for existing in batch.rows:
        if existing.position == position:
            existing.cells = row.cells
            existing.profile = row.profile
            existing.advice = row.advice
            existing.errors = row.errors or None
            existing.updated_at = utcnow()
            batch.updated_at = utcnow()
            return existing
    return None


def find(session: Session, batch_id: int) -> SchoolBatch | None:
    return session.execute(
        select(SchoolBatch).where(SchoolBatch.id == batch_id)
        .options(selectinload(SchoolBatch.rows))
    ).scalar_one_or_none()


def list_batches(
    session: Session, *, school: str | None = None, sent_only: bool = False
) -> list[SchoolBatch]:
    query = select(SchoolBatch).options(selectinload(SchoolBatch.rows))
    if school is not None:
        query = query.where(func.lower(SchoolBatch.school_name) == school.lower())
    if sent_only:
        query = query.where(SchoolBatch.status == "verstuurd")
        query = query.order_by(SchoolBatch.sent_at.desc(), SchoolBatch.id.desc())
    else:
        query = query.order_by(SchoolBatch.updated_at.desc(), SchoolBatch.id.desc())
    return list(session.execute(query).scalars())


def row_to_dict(row: SchoolBatchRow) -> dict[str, Any]:
    profile = row.profile or {}
    cells = row.cells or {}
    return {
        "position": row.position,
        "line": row.line,
        "cells": dict(row.cells or {}),
        "profile": row.profile,
        "advice": row.advice,
        "errors": list(row.errors or []),
        "ok": not row.errors,
        "name": profile.get("name") or cells.get("naam") or cells.get("name"),
        "updated_at": iso(row.updated_at),
    }


def batch_to_dict(batch: SchoolBatch, *, with_rows: bool = True) -> dict[str, Any]:
    rows = [row_to_dict(r) for r in batch.rows]
    routes = Counter(r["advice"]["route"] for r in rows if r["ok"] and r["advice"])
    data: dict[str, Any] = {
        "id": batch.id,
        "school_name": batch.school_name,
        "title": batch.title,
        "status": batch.status,
        "created_by": batch.created_by,
        "created_at": iso(batch.created_at),
        "updated_at": iso(batch.updated_at),
        "sent_at": iso(batch.sent_at),
        "sent_by": batch.sent_by,
        "first_viewed_at": iso(batch.first_viewed_at),
        "count": len(rows),
        "bad": sum(1 for r in rows if not r["ok"]),
        "urgent": sum(1 for r in rows if r["ok"] and r["advice"] and r["advice"].get("urgent")),
        "routes": dict(routes),
    }
    if with_rows:
        data["rows"] = rows
    return data
