"""``Store`` methods for PrO/VSO schools: the school code of the school link, and batch
pre-screening lists. Mixed into ``Store``; every workspace read and change is audited in its
own transaction, like the rest of the store.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy.orm import Session

from bot.storage import audit, batches
from bot.storage.audit import Actor
from bot.storage.errors import Forbidden, NotFound, ValidationError
from bot.storage.models import SchoolBatch, utcnow


class SchoolStoreMixin:
    """Needs ``transaction()`` from ``Store``."""

    transaction: Any

    # -- the school code (the chat resolves it; the beheerder makes it) ------------------------

    def school_for_code(self, code: str) -> str | None:
        """The school name behind a school link's code, or None. Not audited: no personal
        data, and the chat calls it once per started intake."""
        with self.transaction() as session:
            return batches.school_for_code(session, code)

    def school_code(self, school_name: str) -> str | None:
        with self.transaction() as session:
            row = batches.code_for_school(session, school_name)
            return row.code if row else None

    def school_codes(self) -> dict[str, str]:
        """{school name in lower case: code} for the beheer page."""
        with self.transaction() as session:
            return batches.list_codes(session)

    def renew_school_code(self, school_name: str, actor: Actor) -> str:
        school_name = (school_name or "").strip()
        if not school_name:
            raise ValidationError("Kies een school.")
        with self.transaction() as session:
            code = batches.renew_code(session, school_name, actor.name)
            audit.record(session, actor, "school_code_renewed", None, {"school_name": school_name})
            return code

    # -- batch lists -------------------------------------------------------------------------

    @staticmethod
    def _school_of(actor: Actor) -> str:
        school = (actor.school_name or "").strip()
        if actor.role != "school" or not school:
            raise Forbidden("only a school account with a school name makes lists")
        return school

    @contextmanager
    def _batch_for(
        self, batch_id: int, actor: Actor, action: str, *, change: bool = False
    ) -> Iterator[tuple[Session, SchoolBatch]]:
        try:
            with self.transaction() as session:
                batch = batches.find(session, batch_id)
                if batch is None:
                    raise NotFound(f"batch {batch_id}")
                own = actor.role == "school" and (actor.school_name or "").strip().lower() == \
                    batch.school_name.strip().lower()
                received = actor.role == "klantbegeleider" and batch.status == "verstuurd"
                if not (own or (received and not change)):
                    raise Forbidden(f"batch {batch_id}")
                if change and batch.status != "concept":
                    raise ValidationError(
                        "Deze lijst is al verstuurd naar de gemeente en kan niet meer veranderen."
                        " Maak een nieuwe lijst als er iets anders moet."
                    )
                yield session, batch
                audit.record(session, actor, action, None, {"batch_id": batch_id})
        except Forbidden:
            with self.transaction() as session:
                audit.record(session, actor, "access_denied", None,
                             {"attempted": action, "batch_id": batch_id})
            raise

    def create_batch(self, actor: Actor, title: str, rows: list[Any]) -> int:
        school = self._school_of(actor)
        title = " ".join((title or "").split())[:200] or "Lijst leerlingen"
        with self.transaction() as session:
            batch = batches.create(session, school, title, actor.name, rows)
            audit.record(session, actor, "batch_created", None, {
                "batch_id": batch.id, "rows": len(rows),
                "bad_rows": sum(1 for r in rows if r.errors),
            })
            return int(batch.id)

    def list_batches(self, actor: Actor) -> list[dict[str, Any]]:
        if actor.role == "school":
            school = self._school_of(actor)
            with self.transaction() as session:
                found = batches.list_batches(session, school=school)
                audit.record(session, actor, "batch_list", None, {"count": len(found)})
                return [batches.batch_to_dict(b, with_rows=False) for b in found]
        if actor.role == "klantbegeleider":
            with self.transaction() as session:
                found = batches.list_batches(session, sent_only=True)
                audit.record(session, actor, "batch_list", None, {"count": len(found)})
                return [batches.batch_to_dict(b, with_rows=False) for b in found]
        raise Forbidden("batch list")

    def view_batch(self, batch_id: int, actor: Actor, *, action: str = "batch_view") -> dict:
        with self._batch_for(batch_id, actor, action) as (_, batch):
            if actor.role == "klantbegeleider" and batch.first_viewed_at is None:
                batch.first_viewed_at = utcnow()
            return batches.batch_to_dict(batch)

    def update_batch_row(self, batch_id: int, actor: Actor, row: Any) -> None:
        with self._batch_for(batch_id, actor, "batch_row_changed", change=True) as (_, batch):
            if batches.replace_row(batch, row.position, row) is None:
                raise NotFound(f"batch {batch_id} row {row.position}")

    def delete_batch_row(self, batch_id: int, actor: Actor, position: int) -> None:
        with self._batch_for(batch_id, actor, "batch_row_deleted", change=True) as (_, batch):
            doomed = next((r for r in batch.rows if r.position == position), None)
            if doomed is None:
                raise NotFound(f"batch {batch_id} row {position}")
            batch.rows.remove(doomed)
            batch.updated_at = utcnow()

    def send_batch(self, batch_id: int, actor: Actor) -> None:
        with self._batch_for(batch_id, actor, "batch_sent", change=True) as (_, batch):
            bad = [r.position for r in batch.rows if r.errors]
            if bad:
                shown = ", ".join(str(p) for p in bad[:10])
                raise ValidationError(
                    f"Verbeter eerst de rijen met een fout (rij {shown}), of haal ze weg. "
                    "Dan kunt u de lijst versturen."
                )
            if not batch.rows:
                raise ValidationError("De lijst is leeg.")
            batch.status = "verstuurd"
            batch.sent_at = utcnow()
            batch.sent_by = actor.name
            batch.updated_at = utcnow()

    def delete_batch(self, batch_id: int, actor: Actor) -> None:
        with self._batch_for(batch_id, actor, "batch_deleted", change=True) as (session, batch):
            session.delete(batch)
