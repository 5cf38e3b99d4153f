"""One save of an intake: the single description of what the chat hands to storage.

The conversation builds it, the outbox keeps it as JSON while the database is away, and
``Store.save`` writes it. Plain data with no imports of the rest of ``bot``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

# What became of a save: written, kept in the outbox until the database is back, or neither.
SAVED, QUEUED, FAILED = "saved", "queued", "failed"


@dataclass(frozen=True)
class IntakeRecord:
    """``status``, ``profile``, ``advice`` and ``summary_text`` replace what is stored;
    ``urgent`` is sticky; ``respondent``, ``school_name``, ``conversation_state`` and
    ``transcript`` replace what is stored when given and keep it when None."""

    sender_id: str
    status: str
    profile: dict[str, Any]
    advice: dict[str, Any] | None = None
    summary_text: str | None = None
    urgent: bool = False
    respondent: str | None = None
    school_name: str | None = None
    conversation_state: dict[str, Any] | None = None
    transcript: list[dict[str, Any]] | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> IntakeRecord:
        """From ``to_dict`` (an outbox file); unknown keys are refused with a TypeError."""
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise TypeError(f"unknown fields in a saved intake: {sorted(unknown)}")
        return cls(**data)
