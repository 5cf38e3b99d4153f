"""Inzage (AVG art. 15): everything stored about one person, as one JSON document."""

from __future__ import annotations

from typing import Any

from bot.storage import Store, audit, intakes
from bot.storage.audit import Actor
from bot.storage.errors import NotFound
from bot.storage.models import utcnow
from bot.storage.serialize import intake_to_dict, iso

EXPLANATION = (
    "Dit zijn alle gegevens die de gemeente via de intake-assistent over u heeft opgeslagen: "
    "wat u in het gesprek vertelde (het profiel), het advies van de assistent met de redenen, "
    "de samenvatting voor de klantbegeleider, het gesprek zelf (zolang het bewaard wordt), "
    "de beslissing en notities van de klantbegeleider, en wie uw gegevens heeft bekeken of "
    "gewijzigd. Een burgerservicenummer (BSN) wordt nooit opgeslagen. Het advies is geen "
    "besluit: een klantbegeleider beslist."
)


def export_person(store: Store, sender_id: str, actor: Actor) -> dict[str, Any]:
    """The inzage document; raises ``NotFound`` when nothing is stored under ``sender_id``."""
    with store.transaction() as session:
        found = intakes.find_person(session, store.key(sender_id))
        if not found:
            raise NotFound(sender_id)
        intake, *earlier = found
        sender_id = intake.sender_id
        document = {
            "format": "intake-inzage/1",
            "exported_at": iso(utcnow()),
            "explanation": EXPLANATION,
            "intake": intake_to_dict(intake, with_history=True),
            "conversation_state": intake.conversation_state,
            "transcript": list(intake.transcript.messages) if intake.transcript else None,
            "access_log": audit.list_entries(session, sender_id=sender_id, limit=100_000),
        }
        if earlier:
            # Earlier intakes of the same person (a new intake never overwrites a complete one).
            document["earlier_intakes"] = [
                {
                    "intake": intake_to_dict(old, with_history=True),
                    "transcript": list(old.transcript.messages) if old.transcript else None,
                    "access_log": audit.list_entries(session, sender_id=old.sender_id,
                                                     limit=100_000),
                }
                for old in earlier
            ]
        audit.record(session, actor, "inzage_export", sender_id)
        return document
